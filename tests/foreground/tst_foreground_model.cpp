// The learnt classical foreground extractor: it must find the same silhouette on a pseudo-background
// composite as on the clean image (every procedural family), keep interior defects, honour prompts, and
// round-trip through its file.
#include "engine/background/compositor.h"
#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/data/dataset.h"
#include "engine/foreground/classical_segmenter.h"
#include "engine/foreground/foreground_model.h"
#include "engine/foreground/segmenter.h"
#include "engine/io/image_io.h"

#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace s2s;

namespace {

// A synthetic object category: a two-tone textured capsule on a plain grey background, rotated and
// shifted a little per image, as a static inspection setup would show it.
cv::Mat syntheticObject(int index, cv::Mat *mask, bool defect = false)
{
    cv::RNG rng(static_cast<std::uint64_t>(1000 + index));
    cv::Mat image(256, 256, CV_8UC3, cv::Scalar(150, 150, 145));
    cv::randn(image, cv::Scalar(150, 150, 145), cv::Scalar(4, 4, 4));
    *mask = cv::Mat::zeros(image.size(), CV_8UC1);
    const cv::Point2f centre(128 + rng.uniform(-8.f, 8.f), 128 + rng.uniform(-8.f, 8.f));
    const float angle = rng.uniform(-20.f, 20.f);
    const cv::RotatedRect body(centre, cv::Size2f(150, 80), angle);
    cv::ellipse(*mask, body, cv::Scalar(255), cv::FILLED);
    cv::Mat red(image.size(), CV_8UC3, cv::Scalar(200, 40, 35));
    cv::Mat cream(image.size(), CV_8UC3, cv::Scalar(230, 215, 170));
    cv::Mat half = cv::Mat::zeros(image.size(), CV_8UC1);
    const double a = angle * CV_PI / 180.0;
    for (int y = 0; y < half.rows; ++y)
        for (int x = 0; x < half.cols; ++x)
            if ((x - centre.x) * std::cos(a) + (y - centre.y) * std::sin(a) < 0)
                half.at<std::uint8_t>(y, x) = 255;
    cream.copyTo(image, *mask);
    red.copyTo(image, *mask & half);
    if (defect) // a scratch in the background's own colour, inside the object
        cv::line(image, cv::Point(static_cast<int>(centre.x) - 30, static_cast<int>(centre.y) - 5),
                 cv::Point(static_cast<int>(centre.x) + 30, static_cast<int>(centre.y) + 8), cv::Scalar(150, 150, 145), 7);
    return image;
}

std::shared_ptr<const ForegroundModel> syntheticModel()
{
    std::vector<cv::Mat> images, masks;
    for (int i = 0; i < 12; ++i) {
        cv::Mat mask;
        images.push_back(syntheticObject(i, &mask));
        masks.push_back(mask);
    }
    return std::make_shared<const ForegroundModel>(ForegroundModel::fit(images, masks));
}

} // namespace

class TestForegroundModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { configureThreads(2); }

    void compositeMasksMatchCleanMasks_data()
    {
        QTest::addColumn<QString>("family");
        for (const auto &f : proceduralFamilies())
            QTest::newRow(f.c_str()) << QString::fromStdString(f);
    }

    // Synthetic: the object is composited with its true mask; the learnt extractor must find it again on
    // every family, where the model-free border segmenter loses it on busy backgrounds.
    void compositeMasksMatchCleanMasks()
    {
        QFETCH(QString, family);
        LearnedSegmenter learnt(syntheticModel());
        const auto source = makeBackgroundSource(family.toStdString());
        double sum = 0.0;
        const int n = 8;
        for (int i = 100; i < 100 + n; ++i) {
            cv::Mat truth;
            const cv::Mat clean = syntheticObject(i, &truth);
            const cv::Mat onNew = composite(clean, truth, source->generate(clean.size(), static_cast<std::uint64_t>(i)));
            sum += maskIou(learnt.segment(onNew).mask, truth);
        }
        const double mean = sum / n;
        QVERIFY2(mean >= 0.93, qPrintable(QStringLiteral("%1: mean IoU %2").arg(family).arg(mean)));
    }

    void interiorDefectStaysInside()
    {
        LearnedSegmenter learnt(syntheticModel());
        cv::Mat truth;
        const cv::Mat clean = syntheticObject(200, &truth, true);
        const cv::Mat mask = learnt.segment(clean).mask;
        QVERIFY2(maskIou(mask, truth) >= 0.95, qPrintable(QString::number(maskIou(mask, truth))));
        // Every pixel of the scratch (background-coloured, inside the object) is foreground.
        cv::Mat scratch = cv::Mat::zeros(clean.size(), CV_8UC1);
        cv::Mat grey;
        cv::inRange(clean, cv::Scalar(140, 140, 135), cv::Scalar(160, 160, 155), grey);
        cv::Mat inner;
        cv::erode(truth, inner, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(9, 9)));
        scratch = grey & inner;
        QVERIFY(cv::countNonZero(scratch) > 100);
        QCOMPARE(cv::countNonZero(scratch & ~mask), 0);
    }

    void boxPromptBoundsTheMask()
    {
        LearnedSegmenter learnt(syntheticModel());
        cv::Mat truth;
        const cv::Mat clean = syntheticObject(300, &truth);
        SegmentPrompt prompt;
        prompt.box = cv::Rect(0, 0, 128, 256);
        const cv::Mat mask = learnt.segment(clean, prompt).mask;
        QCOMPARE(cv::countNonZero(mask.colRange(140, 256)), 0);
        QVERIFY(cv::countNonZero(mask.colRange(0, 128)) > 0);
    }

    void saveLoadRoundTrip()
    {
        const auto model = syntheticModel();
        QTemporaryDir dir;
        const std::filesystem::path file = std::filesystem::path(dir.path().toStdString()) / "foreground_model.safetensors";
        model->save(file);
        const ForegroundModel back = ForegroundModel::load(file);
        QCOMPARE(back.fingerprint(), model->fingerprint());
        QCOMPARE(back.trainingImages, 12);
        QCOMPARE(LearnedSegmenter(std::make_shared<const ForegroundModel>(back)).cacheKey(),
                 LearnedSegmenter(model).cacheKey());
        // A damaged file: one line naming it.
        std::ofstream(file, std::ios::binary | std::ios::trunc) << "not a model";
        try {
            ForegroundModel::load(file);
            QFAIL("a damaged model file was accepted");
        } catch (const Error &e) {
            const std::string what = e.what();
            QVERIFY2(what.find(file.string()) != std::string::npos, e.what());
            QVERIFY(what.find('\n') == std::string::npos);
        }
    }

    void factoryUsesTheModel()
    {
        const auto model = syntheticModel();
        QCOMPARE(makeSegmenter("classical", {}, model)->name(), std::string("classical-learnt"));
        QCOMPARE(makeSegmenter("auto", {}, model)->name(), std::string("classical-learnt"));
        QCOMPARE(makeSegmenter("border", {}, model)->name(), std::string("classical"));
        QCOMPARE(makeSegmenter("classical", {})->name(), std::string("classical"));
        QVERIFY_THROWS_EXCEPTION(Error, ForegroundModel::fit({}, {}));
    }

    // Real data: hazelnut_toy, model fitted on the training images' border-colour masks; each test image
    // is composited with its clean mask on each family and segmented again.
    void hazelnutCompositesPerFamily()
    {
        const QString shared = qEnvironmentVariable("SAM2SIM_SHARED");
        const std::filesystem::path root = std::filesystem::path(shared.toStdString()) / "data" / "hazelnut_toy";
        if (shared.isEmpty() || !std::filesystem::exists(root))
            QSKIP("../shared/data/hazelnut_toy is absent");
        const Dataset dataset = scanDataset(root);
        QCOMPARE(dataset.categories.size(), std::size_t(1));
        const Category &c = dataset.categories.front();
        ClassicalSegmenter border;
        std::vector<cv::Mat> images, masks;
        for (const auto &r : c.train) {
            images.push_back(readImageRgb(r.image));
            masks.push_back(border.segment(images.back()).mask);
        }
        auto model = std::make_shared<const ForegroundModel>(ForegroundModel::fit(images, masks));
        LearnedSegmenter learnt(model);
        for (const auto &family : proceduralFamilies()) {
            const auto source = makeBackgroundSource(family);
            double learntSum = 0.0, borderSum = 0.0;
            int n = 0;
            for (const auto &r : c.test) {
                const cv::Mat clean = readImageRgb(r.image);
                const cv::Mat cleanMask = learnt.segment(clean).mask;
                const cv::Mat onNew = composite(clean, cleanMask, source->generate(clean.size(), static_cast<std::uint64_t>(n)));
                learntSum += maskIou(learnt.segment(onNew).mask, cleanMask);
                borderSum += maskIou(border.segment(onNew).mask, cleanMask);
                ++n;
            }
            const double mean = learntSum / n;
            qInfo("%s: mean IoU learnt %.3f, border-colour %.3f", family.c_str(), mean, borderSum / n);
            QVERIFY2(mean >= 0.95, qPrintable(QStringLiteral("%1: mean IoU %2").arg(QString::fromStdString(family)).arg(mean)));
        }
    }
};

QTEST_GUILESS_MAIN(TestForegroundModel)
#include "tst_foreground_model.moc"
