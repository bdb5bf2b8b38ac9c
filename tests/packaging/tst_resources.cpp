// The embedded resources and the desktop integration files: the icon renders, the desktop entry and
// the AppStream metainfo agree with each other and with the install rules.
#include "resources/app_resources.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QSettings>
#include <QTest>
#include <QXmlStreamReader>

class TestResources final : public QObject
{
    Q_OBJECT

private:
    static QString source(const QString &relative)
    {
        return qEnvironmentVariable("SAM2SIM_SOURCE_DIR") + QLatin1Char('/') + relative;
    }

private Q_SLOTS:
    void iconIsEmbeddedAndRenders()
    {
        QVERIFY(QFile::exists(s2s::ui::appIconPath()));
        if (!QImageReader::supportedImageFormats().contains("svg"))
            QSKIP("Qt's SVG image plugin (libqt6svg6) is not installed");
        QImageReader reader(s2s::ui::appIconPath());
        reader.setScaledSize(QSize(64, 64));
        const QImage icon = reader.read();
        QVERIFY2(!icon.isNull(), qPrintable(reader.errorString()));
        // Not blank: the corner is transparent, the centre is painted.
        QCOMPARE(icon.pixelColor(0, 0).alpha(), 0);
        QVERIFY(icon.pixelColor(32, 32).alpha() > 0);
    }

    void desktopEntryIsConsistent()
    {
        if (qEnvironmentVariable("SAM2SIM_SOURCE_DIR").isEmpty())
            QSKIP("SAM2SIM_SOURCE_DIR not set");
        QSettings desktop(source(QStringLiteral("resources/sam2sim-studio.desktop")), QSettings::IniFormat);
        desktop.beginGroup(QStringLiteral("Desktop Entry"));
        QCOMPARE(desktop.value(QStringLiteral("Type")).toString(), QStringLiteral("Application"));
        QCOMPARE(desktop.value(QStringLiteral("Exec")).toString(), QStringLiteral("sam2sim-studio"));
        QCOMPARE(desktop.value(QStringLiteral("Icon")).toString(), QStringLiteral("sam2sim-studio"));
        QVERIFY(QFile::exists(source(QStringLiteral("resources/icons/sam2sim-studio.svg"))));
        QVERIFY(!desktop.value(QStringLiteral("Name")).toString().isEmpty());
    }

    void metainfoIsWellFormedAndLaunchesTheDesktopEntry()
    {
        if (qEnvironmentVariable("SAM2SIM_SOURCE_DIR").isEmpty())
            QSKIP("SAM2SIM_SOURCE_DIR not set");
        QFile file(source(QStringLiteral("resources/io.github.sam2sim.Studio.metainfo.xml")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString id, launchable, icon;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("id"))
                id = xml.readElementText();
            else if (xml.name() == QLatin1String("launchable"))
                launchable = xml.readElementText();
            else if (xml.name() == QLatin1String("icon"))
                icon = xml.readElementText();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(id, QStringLiteral("io.github.sam2sim.Studio"));
        QCOMPARE(launchable, QStringLiteral("sam2sim-studio.desktop"));
        QCOMPARE(icon, QStringLiteral("sam2sim-studio"));
    }
};

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
