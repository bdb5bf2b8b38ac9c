// The embedded resources and the desktop integration files: the icon renders, the desktop entry and
// the AppStream metainfo agree with each other and with the install rules.
#include "resources/app_resources.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QSettings>
#include <QTest>
#include <QTranslator>
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

    void translationsAreComplete_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("inspectionReport"); // translation of a report title, as a probe
        QTest::newRow("German") << "de" << QStringLiteral("Prüfbericht");
        QTest::newRow("Korean") << "ko" << QStringLiteral("검사 보고서");
    }

    // Every message of the .ts file is translated (no unfinished, empty or vanished entries), and the
    // compiled catalogue is embedded and answers for the report's context.
    void translationsAreComplete()
    {
        QFETCH(QString, language);
        QFETCH(QString, inspectionReport);
        if (qEnvironmentVariable("SAM2SIM_SOURCE_DIR").isEmpty())
            QSKIP("SAM2SIM_SOURCE_DIR not set");
        QFile file(source(QStringLiteral("translations/sam2sim_%1.ts").arg(language)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        int messages = 0;
        QString context, sourceText;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("TS")) {
                QCOMPARE(xml.attributes().value(QLatin1String("language")).toString(), language);
            } else if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("source")) {
                sourceText = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                ++messages;
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                QVERIFY2(type.isEmpty() && !text.trimmed().isEmpty(),
                         qPrintable(QStringLiteral("%1 / %2: '%3' is %4").arg(language, context, sourceText,
                                                                          type.isEmpty() ? QStringLiteral("empty") : type)));
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 100);
        qInfo("%s: %d messages, all translated", qPrintable(language), messages);

        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/sam2sim_%1.qm").arg(language)));
        QCOMPARE(translator.translate("s2s::ui::Report", "Inspection report"), inspectionReport);
    }

    void installTranslationsFollowsTheLocale()
    {
        QCOMPARE(s2s::ui::installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)),
                 QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("s2s::ui::Report", "Gallery"), QStringLiteral("Galerie"));
        QCOMPARE(s2s::ui::installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)),
                 QString());
        QCOMPARE(s2s::ui::installTranslations(*qApp, QLocale(QLocale::Korean, QLocale::SouthKorea)),
                 QStringLiteral("ko"));
        QCOMPARE(QCoreApplication::translate("s2s::ui::Report", "Gallery"), QStringLiteral("갤러리"));
    }
};

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
