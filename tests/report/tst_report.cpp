// The PDF inspection report and the CSV export, on a synthetic run folder generated here (no training):
// the PDF is rendered with poppler (pdftoppm, pdftotext, pdffonts) and checked page by page.
#include "engine/core/error.h"
#include "engine/core/progress.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/run_config.h"
#include "engine/pipeline/run_folder.h"
#include "resources/app_resources.h"
#include "ui/report/crop_frame.h"
#include "ui/report/gallery_tile.h"
#include "ui/report/image_results.h"
#include "ui/report/report_writer.h"
#include "ui/report/threshold_rule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <fstream>

using namespace s2s;
using namespace s2s::ui;

namespace {

constexpr int kResize = 64;
constexpr int kCrop = 56;

struct TestImage
{
    std::string defect; // "good" or a defect type
    float score;
};

// Scores chosen so that at the stored threshold 0.5 there is exactly one false positive (good, 0.62)
// and one false negative (crack, 0.41).
const std::vector<TestImage> kImages = {
    {"good", 0.10f}, {"good", 0.22f}, {"good", 0.31f}, {"good", 0.62f}, {"good", 0.18f},
    {"crack", 0.91f}, {"crack", 0.41f}, {"crack", 0.77f}, {"hole", 0.85f}, {"hole", 0.66f},
};

std::string runProcess(const QString &program, const QStringList &args, int *exitCode = nullptr)
{
    QProcess process;
    process.start(program, args);
    process.waitForFinished(60000);
    if (exitCode)
        *exitCode = process.exitCode();
    return process.readAllStandardOutput().toStdString();
}

// A small non-square image: a grey object on a textured background, with a dark scratch for defects.
cv::Mat makeImage(int index, const std::string &defect, cv::Mat *mask)
{
    cv::Mat image(72, 96, CV_8UC3);
    for (int y = 0; y < image.rows; ++y)
        for (int x = 0; x < image.cols; ++x)
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(60 + (x * 3 + index * 7) % 40),
                                                  static_cast<uchar>(90 + (y * 2) % 30), 120);
    cv::circle(image, {48, 36}, 24, cv::Scalar(200, 190, 170), cv::FILLED);
    *mask = cv::Mat::zeros(image.size(), CV_8UC1);
    if (defect != "good") {
        const cv::Point a(36 + index % 5, 28), b(58, 44 - index % 4);
        cv::line(image, a, b, cv::Scalar(40, 30, 30), 3);
        cv::line(*mask, a, b, cv::Scalar(255), 5);
    }
    return image;
}

} // namespace

class TestReport final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_runDir;
    QString m_pdf;
    bool m_haveRender = false;

    bool havePoppler() const
    {
        for (const char *tool : {"pdftoppm", "pdftotext", "pdffonts", "pdfinfo"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                return false;
        return true;
    }

    void writeRunFolder()
    {
        const std::filesystem::path root = m_dir.path().toStdString();
        const std::filesystem::path data = root / "data";
        const std::filesystem::path run = root / "run";
        std::filesystem::create_directories(run / "maps");

        RunConfig config;
        config.dataRoot = data;
        config.category = "widget";
        config.resize = kResize;
        config.imageSize = kCrop;
        config.noiseSigma = NoiseSigma::absolute(0.015);
        config.preset = "fast";
        config.foreground = true;
        nlohmann::json cfg = toJson(config);
        cfg["app_version"] = "0.1.0";
        cfg["created"] = "2026-11-24T22:00:00Z";
        std::ofstream(run / "config.json") << cfg.dump(2);

        std::ofstream csv(run / "scores.csv");
        csv << "path,defect_type,label,score\n";
        std::vector<int> perType(8, 0);
        for (std::size_t i = 0; i < kImages.size(); ++i) {
            const TestImage &t = kImages[i];
            const std::string name = std::to_string(i) + ".png";
            const std::filesystem::path rel = std::filesystem::path("widget") / "test" / t.defect / name;
            cv::Mat mask;
            const cv::Mat image = makeImage(static_cast<int>(i), t.defect, &mask);
            writeImage(data / rel, image);
            if (t.defect != "good")
                writeImage(data / "widget" / "ground_truth" / t.defect / (std::to_string(i) + "_mask.png"),
                           mask);
            csv << rel.string() << ',' << t.defect << ',' << (t.defect == "good" ? 0 : 1) << ',' << t.score
                << '\n';

            // Anomaly map in the crop frame: high along the defect, low elsewhere; 16-bit over [0, 1].
            cv::Mat map(kCrop, kCrop, CV_16UC1, cv::Scalar(static_cast<int>(0.1 * 65535)));
            if (t.defect != "good")
                cv::circle(map, {30, 28}, 8, cv::Scalar(static_cast<int>(t.score * 65535)), cv::FILLED);
            cv::GaussianBlur(map, map, {9, 9}, 3);
            char mapName[32];
            std::snprintf(mapName, sizeof mapName, "%04zu.png", i);
            writeImage(run / "maps" / mapName, map);
        }
        csv.close();

        nlohmann::json metrics = {
            {"image_auroc", 0.9},
            {"pixel_auroc", 0.93},
            {"au_pro", 0.81},
            {"f1_max", 0.83},
            {"f1_threshold", 0.41},
            {"threshold", {{"value", 0.5}, {"rule", "f1"}}},
            {"confusion", {{"tp", 4}, {"fp", 1}, {"tn", 4}, {"fn", 1}}},
            {"backbone", "wide_resnet50_2"},
            {"backbone_pretrained", false},
            {"segmenter", "classical"},
            {"kind", "object"},
            {"noise_sigma", 0.015},
            {"noise_sigma_warning", NoiseSigma::rangeWarning(0.015, 0.3)},
            {"timings", {{"features", 1.5}, {"training", 12.25}, {"evaluation", 0.5}}},
            {"image_roc",
             {{"fpr", {0.0, 0.0, 0.2, 0.2, 0.4, 1.0}}, {"tpr", {0.0, 0.6, 0.6, 0.8, 1.0, 1.0}}}},
            {"pixel_roc", {{"fpr", {0.0, 0.05, 0.1, 0.3, 1.0}}, {"tpr", {0.0, 0.5, 0.8, 0.95, 1.0}}}},
            {"map_range", {0.0, 1.0}},
            {"robustness",
             {{{"background", "checker"}, {"seed", 7}, {"image_auroc", 0.84}, {"pixel_auroc", 0.9},
               {"au_pro", 0.7}},
              {{"background", "clutter"}, {"seed", 7}, {"image_auroc", 0.71}, {"pixel_auroc", 0.85},
               {"au_pro", 0.6}}}},
        };
        std::ofstream(run / "metrics.json") << metrics.dump(2);
        m_runDir = QString::fromStdString(run.string());
    }

    static double pageVariance(const QString &png)
    {
        const QImage image = QImage(png).convertToFormat(QImage::Format_Grayscale8);
        double sum = 0, sum2 = 0;
        const double n = double(image.width()) * image.height();
        for (int y = 0; y < image.height(); ++y) {
            const uchar *line = image.constScanLine(y);
            for (int x = 0; x < image.width(); ++x) {
                sum += line[x];
                sum2 += double(line[x]) * line[x];
            }
        }
        const double mean = sum / n;
        return sum2 / n - mean * mean;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (qEnvironmentVariableIsSet("SAM2SIM_KEEP_TEST_OUTPUT")) {
            m_dir.setAutoRemove(false);
            qInfo("test output kept in %s", qPrintable(m_dir.path()));
        }
        writeRunFolder();
        m_pdf = m_dir.filePath(QStringLiteral("report.pdf"));
    }

    void thresholdRuleParses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("f1") << "f1" << true << "f1";
        QTest::newRow("fpr") << "fpr:0.05" << true << "fpr:0.05";
        QTest::newRow("value") << "value:1.25" << true << "value:1.25";
        QTest::newRow("negative value") << "value:-2" << true << "value:-2";
        QTest::newRow("fpr too big") << "fpr:1.5" << false << "";
        QTest::newRow("not a number") << "value:abc" << false << "";
        QTest::newRow("empty number") << "fpr:" << false << "";
        QTest::newRow("unknown") << "max" << false << "";
        QTest::newRow("trailing junk") << "value:1x" << false << "";
    }

    void thresholdRuleParses()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, canonical);
        if (!valid) {
            try {
                ThresholdRule::parse(text.toStdString());
                QFAIL("expected s2s::Error");
            } catch (const Error &e) {
                const QString message = QString::fromUtf8(e.what());
                QVERIFY2(message.contains(text) && !message.contains(QLatin1Char('\n')), e.what());
            }
            return;
        }
        QCOMPARE(QString::fromStdString(ThresholdRule::parse(text.toStdString()).toString()), canonical);
    }

    void cropFrameMatchesTorchvision_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("resize");
        QTest::addColumn<int>("size");
        QTest::addColumn<QRect>("expected"); // left, top, resized width, resized height
        // (329 - 288) / 2 = 20.5 rounds half to even: 20.
        QTest::newRow("square mvtec") << 1024 << 1024 << 329 << 288 << QRect(20, 20, 329, 329);
        // Longer side truncated: 329 * 1000 / 700 = 470.0, (470 - 288) / 2 = 91.
        QTest::newRow("landscape") << 1000 << 700 << 329 << 288 << QRect(91, 20, 470, 329);
        // (331 - 288) / 2 = 21.5 -> 22 (even); portrait 331 x 662 -> top 187.
        QTest::newRow("portrait half") << 500 << 1000 << 331 << 288 << QRect(22, 187, 331, 662);
        QTest::newRow("test images") << 96 << 72 << kResize << kCrop << QRect(14, 4, 85, 64);
    }

    void cropFrameMatchesTorchvision()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, resize);
        QFETCH(int, size);
        QFETCH(QRect, expected);
        const CropFrame f = cropFrame(width, height, resize, size);
        QCOMPARE(QRect(f.left, f.top, f.resizedWidth, f.resizedHeight), expected);
        QCOMPARE(f.size, size);
    }

    void truthMaskFollowsTheScannerNames()
    {
        const std::filesystem::path root = m_dir.filePath(QStringLiteral("names")).toStdString();
        std::filesystem::create_directories(root / "test" / "colour");
        std::filesystem::create_directories(root / "ground_truth" / "colour");
        std::ofstream(root / "ground_truth" / "colour" / "07.png") << "x";
        std::ofstream(root / "ground_truth" / "colour" / "08_mask.png") << "x";
        QCOMPARE(QString::fromStdString(truthMaskPath(root / "test" / "colour" / "07.jpg").string()),
                 QString::fromStdString((root / "ground_truth" / "colour" / "07.png").string()));
        QCOMPARE(QString::fromStdString(truthMaskPath(root / "test" / "colour" / "08.png").string()),
                 QString::fromStdString((root / "ground_truth" / "colour" / "08_mask.png").string()));
        QVERIFY(truthMaskPath(root / "test" / "colour" / "09.png").empty());
        QVERIFY(truthMaskPath(root / "elsewhere" / "09.png").empty());
    }

    void galleryTileHasOverlayAndContour()
    {
        const RunSummary run = loadRunSummary(m_runDir.toStdString());
        QCOMPARE(run.scores.size(), kImages.size());
        const GalleryTile good = makeGalleryTile(run, 0, mapRange(run), 200);
        QVERIFY2(good.problem.isEmpty(), qPrintable(good.problem));
        QVERIFY(good.hasMap);
        QVERIFY(good.truthContours.isEmpty());
        QCOMPARE(good.overlay.size(), QSize(kCrop, kCrop));
        const GalleryTile crack = makeGalleryTile(run, 5, mapRange(run), 200);
        QVERIFY(!crack.truthContours.isEmpty());
        // The map is hot around (30, 28) of the crop: redder there than in a corner.
        const QColor hot = crack.overlay.pixelColor(30, 28);
        const QColor cold = crack.overlay.pixelColor(2, 2);
        QVERIFY2(hot.red() > cold.red() + 40, qPrintable(QStringLiteral("hot %1 cold %2")
                                                              .arg(hot.name(), cold.name())));
        QCOMPARE(crack.cropInOriginal.left(), 14.0 / 85.0);
        // Colour scale from the median map pixel (the flat 0.1 background) to the hottest pixel.
        const MapRange range = mapRange(run);
        QVERIFY2(std::abs(range.low - 0.1f) < 0.01f && range.high > 0.5f && range.high <= 0.91f,
                 qPrintable(QStringLiteral("%1 .. %2").arg(range.low).arg(range.high)));
    }

    void writesPdf()
    {
        const RunSummary run = loadRunSummary(m_runDir.toStdString());
        std::int64_t lastDone = 0, lastTotal = 0;
        const ReportResult result = writeReport(run, m_pdf, {}, [&](const ProgressEvent &e) {
            lastDone = e.done;
            lastTotal = e.total;
        });
        QVERIFY(QFile::exists(m_pdf));
        QCOMPARE(result.threshold.value, 0.5);
        QCOMPARE(result.threshold.rule, QStringLiteral("f1"));
        QCOMPARE(result.confusion.tp, 4);
        QCOMPARE(result.confusion.fp, 1);
        QCOMPARE(result.confusion.tn, 4);
        QCOMPARE(result.confusion.fn, 1);
        QCOMPARE(lastTotal, static_cast<std::int64_t>(kImages.size()));
        QCOMPARE(lastDone, lastTotal);
        // title + curves/robustness + one gallery page of 10 tiles
        QCOMPARE(result.pages, 3);
        QVERIFY(QDir(m_dir.path()).entryList({QStringLiteral(".report.pdf.tmp*")},
                                             QDir::Files | QDir::Hidden).isEmpty());
    }

    void pdfRendersNonBlankPages()
    {
        if (!havePoppler())
            QSKIP("poppler-utils (pdftoppm, pdftotext, pdffonts, pdfinfo) not installed");
        int rc = -1;
        const std::string info = runProcess(QStringLiteral("pdfinfo"), {m_pdf}, &rc);
        QCOMPARE(rc, 0);
        QVERIFY2(info.find("Pages:           3") != std::string::npos, info.c_str());
        QVERIFY2(info.find("595 x 842 pts (A4)") != std::string::npos, info.c_str());

        const QString prefix = m_dir.filePath(QStringLiteral("page"));
        runProcess(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("40"),
                                                QStringLiteral("-png"), m_pdf, prefix}, &rc);
        QCOMPARE(rc, 0);
        const QStringList pages = QDir(m_dir.path()).entryList({QStringLiteral("page-*.png")}, QDir::Files,
                                                               QDir::Name);
        QCOMPARE(pages.size(), 3);
        for (const QString &page : pages) {
            const double variance = pageVariance(m_dir.filePath(page));
            QVERIFY2(variance > 50.0, qPrintable(QStringLiteral("%1 looks blank (variance %2)")
                                                     .arg(page)
                                                     .arg(variance)));
        }
    }

    void pdfTextHasKeyFields()
    {
        if (!havePoppler())
            QSKIP("poppler-utils not installed");
        const QString text = QString::fromStdString(
            runProcess(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), m_pdf, QStringLiteral("-")}));
        const QStringList expected = {
            QStringLiteral("Inspection report"), QStringLiteral("Category widget (object)"),
            QStringLiteral("wide_resnet50_2"), QStringLiteral("not pretrained"),
            QStringLiteral("classical"), QStringLiteral("Noise sigma"), QStringLiteral("0.015"),
            QStringLiteral("160 (40 meta-epochs x 4"), QStringLiteral("f1 - stored with the run: the threshold that maximises F1"),
            QStringLiteral("0.9000"), QStringLiteral("0.9300"), QStringLiteral("0.8100"),
            QStringLiteral("Sam2Sim Studio " SAM2SIM_VERSION), QStringLiteral("Image-level ROC"),
            QStringLiteral("Pixel-level ROC"), QStringLiteral("Pseudo-background robustness"),
            QStringLiteral("checker"), QStringLiteral("clutter"), QStringLiteral("-0.1900"),
            QStringLiteral("FALSE POSITIVE"), QStringLiteral("FALSE NEGATIVE"),
            QStringLiteral("Page 1 of 3"), QStringLiteral("Page 3 of 3"), QStringLiteral("features 1.5 s"),
            QStringLiteral("widget/test/crack/5.png"), QStringLiteral("OUTSIDE THE WORKING RANGE"),
        };
        for (const QString &needle : expected)
            QVERIFY2(text.contains(needle), qPrintable(QStringLiteral("missing '%1'").arg(needle)));
        // Gallery order: highest score first (#1 is the 0.91 crack).
        QVERIFY(text.contains(QRegularExpression(QStringLiteral("#1\\s+score 0\\.9100"))));
        // Every heading is on the page of what it heads (pdftotext ends each page with a form feed).
        const QStringList pages = text.split(QLatin1Char('\f'));
        const QList<QPair<QString, QString>> headed = {
            {QStringLiteral("Confusion matrix at the threshold"), QStringLiteral("Actual normal")},
            {QStringLiteral("Curves"), QStringLiteral("Image-level ROC")},
            {QStringLiteral("Pseudo-background robustness"), QStringLiteral("static (original")},
            {QStringLiteral("Metrics"), QStringLiteral("Image AUROC (I-AUROC)")},
        };
        for (const auto &[heading, content] : headed) {
            int page = -1;
            for (int p = 0; p < pages.size() && page < 0; ++p)
                if (pages[p].contains(QRegularExpression(QStringLiteral("(^|\\n)\\s*") + QRegularExpression::escape(heading) + QStringLiteral("\\s*\\n"))))
                    page = p;
            QVERIFY2(page >= 0, qPrintable(QStringLiteral("heading '%1' not found").arg(heading)));
            QVERIFY2(pages[page].contains(content),
                     qPrintable(QStringLiteral("'%1' is on page %2 without '%3'").arg(heading).arg(page + 1).arg(content)));
        }
    }

    // Under --foreground auto a texture is never segmented: metrics.json's segmenter is null, and the
    // report says so instead of naming the configured segmenter.
    void textureRunSaysItWasNotSegmented()
    {
        if (!havePoppler())
            QSKIP("poppler-utils not installed");
        RunSummary run = loadRunSummary(m_runDir.toStdString());
        QVERIFY(run.config.foreground);
        run.metrics["segmenter"] = nullptr;
        run.metrics["kind"] = "texture";
        const QString pdf = m_dir.filePath(QStringLiteral("texture.pdf"));
        writeReport(run, pdf);
        const QString text = QString::fromStdString(
            runProcess(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")}));
        QVERIFY2(text.contains(QStringLiteral("for this category (texture: its background is never removed)") /* "off": a ligature in the PDF */),
                 qPrintable(text.left(2000)));
    }

    void pdfFontsAreEmbedded()
    {
        if (!havePoppler())
            QSKIP("poppler-utils not installed");
        const QStringList lines = QString::fromStdString(runProcess(QStringLiteral("pdffonts"), {m_pdf}))
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 2); // header, rule, fonts
        for (const QString &line : lines.mid(2)) {
            const QStringList cols = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            // name type [encoding...] emb sub uni object ID: "emb" is the 5th field from the end.
            QVERIFY2(cols.size() >= 7 && cols[cols.size() - 5] == QLatin1String("yes"), qPrintable(line));
        }
    }

    void thresholdRuleOverridesStoredOne()
    {
        const RunSummary run = loadRunSummary(m_runDir.toStdString());
        ReportOptions options;
        options.thresholdRule = ThresholdRule::parse("value:0.7");
        options.galleryLimit = 2;
        const QString pdf = m_dir.filePath(QStringLiteral("value.pdf"));
        const ReportResult result = writeReport(run, pdf, options);
        QCOMPARE(result.threshold.value, 0.7);
        QCOMPARE(result.confusion.tp, 3); // 0.91, 0.77, 0.85
        QCOMPARE(result.confusion.fn, 2);
        QCOMPARE(result.confusion.fp, 0);
        QCOMPARE(result.pages, 3);

        const ThresholdChoice fpr = chooseThreshold(run, ThresholdRule::parse("fpr:0"));
        QVERIFY(fpr.value > 0.62); // above every normal score
        QVERIFY(fpr.explanation.contains(QStringLiteral("5 normal")));
    }

    void csvExport()
    {
        const RunSummary run = loadRunSummary(m_runDir.toStdString());
        const QString csv = m_dir.filePath(QStringLiteral("out/results.csv"));
        writeResultsCsv(run, 0.5, csv);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), static_cast<int>(kImages.size()) + 1);
        QCOMPARE(lines[0], QStringLiteral("path,defect_type,label,score,verdict,outcome"));
        QCOMPARE(lines[4], QStringLiteral("widget/test/good/3.png,good,0,0.620000005,anomalous,FP"));
        QCOMPARE(lines[7], QStringLiteral("widget/test/crack/6.png,crack,1,0.409999996,normal,FN"));
        QCOMPARE(lines[6], QStringLiteral("widget/test/crack/5.png,crack,1,0.910000026,anomalous,TP"));
    }

    void badOutputPathThrowsOneLine()
    {
        const RunSummary run = loadRunSummary(m_runDir.toStdString());
        const QString blocker = m_dir.filePath(QStringLiteral("file"));
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString pdf = blocker + QStringLiteral("/report.pdf"); // parent is a file
        try {
            writeReport(run, pdf);
            QFAIL("expected s2s::Error");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(blocker), e.what());
        }
    }

    void cancelledLeavesNoFile()
    {
        const RunSummary run = loadRunSummary(m_runDir.toStdString());
        CancelToken cancel;
        cancel.cancel();
        const QString pdf = m_dir.filePath(QStringLiteral("cancelled/report.pdf"));
        QVERIFY_THROWS_EXCEPTION(Cancelled, writeReport(run, pdf, {}, {}, cancel));
        QVERIFY(!QFile::exists(pdf));
        QVERIFY(QDir(m_dir.filePath(QStringLiteral("cancelled")))
                    .entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot)
                    .isEmpty());
    }

    void missingImagesStillGiveAReport()
    {
        RunSummary run = loadRunSummary(m_runDir.toStdString());
        run.scores[0].path = "widget/test/good/does-not-exist.png";
        const QString pdf = m_dir.filePath(QStringLiteral("missing.pdf"));
        QCOMPARE(writeReport(run, pdf).pages, 3);
        if (!havePoppler())
            return;
        const QString text = QString::fromStdString(
            runProcess(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}));
        QVERIFY(text.contains(QStringLiteral("Image not found")));
    }

    // The CLI end to end on the same run folder (sam2sim report --run --out --csv --json).
    void cliWritesReport()
    {
        const QString cli = qEnvironmentVariable("SAM2SIM_CLI");
        if (cli.isEmpty() || !QFileInfo(cli).isExecutable())
            QSKIP("SAM2SIM_CLI does not name the sam2sim binary");
        const QString pdf = m_dir.filePath(QStringLiteral("cli/report.pdf"));
        const QString csv = m_dir.filePath(QStringLiteral("cli/results.csv"));
        QProcess process;
        process.start(cli, {QStringLiteral("report"), QStringLiteral("--run"), m_runDir, QStringLiteral("--out"), pdf,
                            QStringLiteral("--threshold-rule"), QStringLiteral("value:0.7"), QStringLiteral("--csv"), csv,
                            QStringLiteral("--json")});
        QVERIFY(process.waitForFinished(60000));
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(process.exitCode() == 0, err.constData());
        QVERIFY2(err.isEmpty(), err.constData());
        const nlohmann::json out = nlohmann::json::parse(process.readAllStandardOutput().toStdString());
        QCOMPARE(out["pages"].get<int>(), 3);
        QCOMPARE(out["threshold"]["rule"].get<std::string>(), std::string("value:0.7"));
        QCOMPARE(out["confusion"]["tp"].get<int>(), 3);
        QVERIFY(QFile::exists(pdf));
        QVERIFY(QFile::exists(csv));
    }

    // Runs last: it installs the German catalogue for the rest of the process.
    void germanReport()
    {
        QCOMPARE(installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)), QStringLiteral("de"));
        const RunSummary run = loadRunSummary(m_runDir.toStdString());
        const QString pdf = m_dir.filePath(QStringLiteral("report-de.pdf"));
        QCOMPARE(writeReport(run, pdf).pages, 3);
        if (!havePoppler())
            return;
        const QString text = QString::fromStdString(
            runProcess(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")}));
        for (const QString &needle : {QStringLiteral("Prüfbericht"), QStringLiteral("Konfusionsmatrix"),
                                      QStringLiteral("FALSCH POSITIV"), QStringLiteral("Seite 3 von 3")})
            QVERIFY2(text.contains(needle), qPrintable(QStringLiteral("missing '%1'").arg(needle)));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
