// `sam2sim mask --box / --point` (issue 22): real-valued pixel coordinates as SAM 2 takes them, each
// checked to lie inside the image, with a one-line error naming the option, the coordinate and the size.
#include "tests/cli/cli_process.h"

#include <QColor>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

using s2s::test::runCli;
using Result = s2s::test::CliResult;

QString joined(const Result &r)
{
    return r.out + QLatin1Char('|') + r.errLines.join(QLatin1Char('|'));
}

} // namespace

class TestMaskPrompts final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_image;

    Result mask(const QStringList &prompt, const QString &out) const
    {
        return runCli(QStringList{QStringLiteral("mask"), QStringLiteral("--classical"), QStringLiteral("--image"), m_image,
                                  QStringLiteral("--out"), out}
                      + prompt);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A bright disc on a dark plain background, 512x384 (not square, so x and y limits differ).
        QImage image(512, 384, QImage::Format_RGB888);
        image.fill(QColor(30, 30, 35));
        QPainter painter(&image);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(220, 200, 90));
        painter.drawEllipse(QPointF(256, 192), 150, 150);
        painter.end();
        m_image = m_dir.filePath(QStringLiteral("object.png"));
        QVERIFY(image.save(m_image));
    }

    void realValuedPromptsAreAccepted_data()
    {
        QTest::addColumn<QStringList>("prompt");
        QTest::addColumn<QRect>("inside"); // every mask pixel lies in here
        QTest::newRow("box-real") << QStringList{QStringLiteral("--box"), QStringLiteral("25.6,25.6,486.4,358.4")}
                                  << QRect(QPoint(25, 25), QPoint(486, 358));
        QTest::newRow("box-narrow-real") << QStringList{QStringLiteral("--box"), QStringLiteral("200.5,100.25,300.5,280.75")}
                                         << QRect(QPoint(200, 100), QPoint(300, 280));
        QTest::newRow("box-whole-image") << QStringList{QStringLiteral("--box"), QStringLiteral("0,0,512,384")}
                                         << QRect(0, 0, 512, 384);
        QTest::newRow("point-real") << QStringList{QStringLiteral("--point"), QStringLiteral("255.5,191.75")}
                                    << QRect(0, 0, 512, 384);
        QTest::newRow("box-and-point") << QStringList{QStringLiteral("--box"), QStringLiteral("100.9,50.1,400.2,330.6"),
                                                      QStringLiteral("--point"), QStringLiteral("256,192")}
                                       << QRect(QPoint(100, 50), QPoint(400, 330));
    }

    void realValuedPromptsAreAccepted()
    {
        QFETCH(QStringList, prompt);
        QFETCH(QRect, inside);
        const QString out = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + QStringLiteral(".png"));
        const Result r = mask(prompt, out);
        QVERIFY2(r.exitCode == 0, qPrintable(joined(r)));
        QVERIFY2(r.out.contains(QStringLiteral("mask by classical")), qPrintable(joined(r)));
        const QImage m = QImage(out).convertToFormat(QImage::Format_Grayscale8);
        QCOMPARE(m.size(), QSize(512, 384));
        // The classical segmenter works on a reduced image: a pixel or two of rounding at the box's edges.
        const QRect slack = inside.adjusted(-3, -3, 3, 3);
        int on = 0, outside = 0;
        for (int y = 0; y < m.height(); ++y)
            for (int x = 0; x < m.width(); ++x)
                if (m.pixelColor(x, y).value() > 127) {
                    ++on;
                    outside += slack.contains(x, y) ? 0 : 1;
                }
        QVERIFY2(on > 1000, qPrintable(QString::number(on)));
        QCOMPARE(outside, 0);
    }

    void promptsOutsideTheImageAreOneLine_data()
    {
        QTest::addColumn<QStringList>("prompt");
        QTest::addColumn<QString>("error"); // regular expression the one error line must match
        const auto row = [](const char *name, const char *option, const char *value, const char *error) {
            QTest::newRow(name) << QStringList{QString::fromLatin1(option), QString::fromLatin1(value)} << QString::fromUtf8(error);
        };
        row("box-letters", "--box", "a,b,c,d", "--box expects x0,y0,x1,y1 \\(numbers\\), got 'a,b,c,d'");
        row("box-three", "--box", "1,2,3", "--box expects x0,y0,x1,y1, got '1,2,3'");
        row("box-nan", "--box", "nan,0,10,10", "--box expects x0,y0,x1,y1 \\(numbers\\)");
        row("box-huge", "--box", "0,0,1e30,50", "--box 0,0,1e30,50 is outside the 512x384 image \\(x1 = 1e\\+30, expected 0 to 512\\)");
        row("box-right", "--box", "10,10,512.5,50", "--box 10,10,512.5,50 is outside the 512x384 image \\(x1 = 512.5, expected 0 to 512\\)");
        row("box-below", "--box", "10,10,50,400", "is outside the 512x384 image \\(y1 = 400, expected 0 to 384\\)");
        row("box-negative", "--box", "-0.5,0,10,10", "is outside the 512x384 image \\(x0 = -0.5, expected 0 to 512\\)");
        row("box-inverted", "--box", "50.5,10,20,30", "--box 50.5,10,20,30 must have x1 > x0 and y1 > y0");
        row("box-empty", "--box", "10,10,10,30", "must have x1 > x0 and y1 > y0");
        row("point-edge", "--point", "512,3", "--point 512,3 is outside the 512x384 image \\(x = 512, expected 0 to below 512\\)");
        row("point-below", "--point", "3,384.25", "\\(y = 384.25, expected 0 to below 384\\)");
        row("point-negative", "--point", "-1e-3,3", "\\(x = -0.001, expected 0 to below 512\\)");
        row("point-letters", "--point", "x,y", "--point expects x,y \\(numbers\\)");
    }

    void promptsOutsideTheImageAreOneLine()
    {
        QFETCH(QStringList, prompt);
        QFETCH(QString, error);
        const QString out = m_dir.filePath(QStringLiteral("refused.png"));
        const Result r = mask(prompt, out);
        QVERIFY2(r.exitCode == 1, qPrintable(joined(r)));
        QVERIFY2(r.errLines.size() == 1, qPrintable(joined(r)));
        QVERIFY2(r.errLines.front().startsWith(QStringLiteral("sam2sim mask: ")), qPrintable(joined(r)));
        QVERIFY2(QRegularExpression(error).match(r.errLines.front()).hasMatch(), qPrintable(joined(r)));
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_MAIN(TestMaskPrompts)
#include "tst_mask_prompts.moc"
