// Hard categories (issue 24): objects that lie at any angle are turned to one pose and scored by their
// nearest training patch. The pose on real MVTec screw photographs, maps taken back to the image as it
// was, the "auto" choice, and screw at the defaults end to end (train, save, reopen, inspect).
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "engine/data/dataset.h"
#include "engine/inspect/inspector.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/object_pose.h"
#include "engine/pipeline/run_folder.h"
#include "engine/pipeline/training_session.h"
#include "engine/simplenet/scorer.h"

#include <opencv2/imgproc.hpp>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

namespace fs = std::filesystem;

class TestHardCategories final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alignedMapGoesBackToTheObject();
    void roundAndBlankSilhouettesAreLeftAlone();
    void realScrewsTurnToOnePose();
    void autoChoosesFromTheTrainingImages();
    void screwAtTheDefaults();

private:
    static fs::path shared(const char *what);
};

namespace {

// Widest cross-section in the left and right quarter of a horizontal silhouette's length.
std::pair<int, int> endWidths(const cv::Mat &mask)
{
    cv::Mat columns;
    cv::reduce(mask > 0, columns, 0, cv::REDUCE_SUM, CV_32S);
    int x0 = -1, x1 = -1;
    for (int x = 0; x < columns.cols; ++x)
        if (columns.at<int>(0, x) > 0) {
            x0 = x0 < 0 ? x : x0;
            x1 = x;
        }
    const int n = std::max(1, (x1 - x0 + 1) / 4);
    int left = 0, right = 0;
    for (int k = 0; k < n; ++k) {
        left = std::max(left, columns.at<int>(0, x0 + k) / 255);
        right = std::max(right, columns.at<int>(0, x1 - k) / 255);
    }
    return {left, right};
}

// A grey bar with a wide head at (x, y), turned by `degrees`, on a light table.
cv::Mat syntheticScrew(double degrees, cv::Point2d centre)
{
    cv::Mat img(512, 512, CV_8UC3, cv::Scalar(200, 200, 200));
    std::vector<cv::Point2d> shaft = {{-150, -12}, {150, -12}, {150, 12}, {-150, 12}};
    std::vector<cv::Point2d> head = {{-170, -40}, {-120, -40}, {-120, 40}, {-170, 40}};
    const double a = degrees * CV_PI / 180.0;
    const auto place = [&](const std::vector<cv::Point2d> &pts) {
        std::vector<cv::Point> out;
        for (const auto &p : pts)
            out.emplace_back(cvRound(centre.x + p.x * std::cos(a) - p.y * std::sin(a)),
                             cvRound(centre.y + p.x * std::sin(a) + p.y * std::cos(a)));
        return out;
    };
    cv::fillConvexPoly(img, place(shaft), cv::Scalar(60, 60, 60));
    cv::fillConvexPoly(img, place(head), cv::Scalar(60, 60, 60));
    return img;
}

} // namespace

fs::path TestHardCategories::shared(const char *what)
{
    const QString root = qEnvironmentVariable("SAM2SIM_SHARED");
    return root.isEmpty() ? fs::path() : fs::path(root.toStdString()) / what;
}

void TestHardCategories::alignedMapGoesBackToTheObject()
{
    // The head sits at the bar's -160 end; turned by 35 degrees about (270, 240).
    const double degrees = 35.0;
    const cv::Point2d centre(270, 240);
    const cv::Mat img = syntheticScrew(degrees, centre);
    const cv::Mat mask = s2s::plainBackgroundSilhouette(img);
    const auto toAligned = s2s::alignmentFor(mask);
    QVERIFY(toAligned);
    // After the turn the bar is horizontal with its head on the left.
    const s2s::SilhouettePose pose = s2s::silhouettePose(s2s::plainBackgroundSilhouette(s2s::applyAlignment(img, *toAligned)));
    QVERIFY2(std::abs(pose.axisDegrees) < 1.5, qPrintable(QString::number(pose.axisDegrees)));
    cv::Mat alignedMask;
    cv::warpAffine(mask, alignedMask, cv::Mat(*toAligned), mask.size(), cv::INTER_NEAREST);
    const auto [left, right] = endWidths(alignedMask);
    QVERIFY2(left > right, qPrintable(QStringLiteral("%1 vs %2").arg(left).arg(right)));

    // A map that is hot only at the head in the aligned crop frame comes back hot at the head of the
    // image as it was taken (resize 288, no crop, as aligned runs use).
    const int size = 288, resize = 288;
    const cv::Point2d headNative(centre.x - 145.0 * std::cos(degrees * CV_PI / 180.0),
                                 centre.y - 145.0 * std::sin(degrees * CV_PI / 180.0));
    const cv::Matx23d crop = s2s::nativeToCropFrame(512, 512, resize, size);
    const cv::Vec3d headH(headNative.x, headNative.y, 1.0);
    const cv::Vec2d alignedNative = *toAligned * headH;
    const cv::Vec2d alignedCrop = crop * cv::Vec3d(alignedNative[0], alignedNative[1], 1.0);
    s2s::ScoreMap aligned{size, size, std::vector<float>(std::size_t(size * size), 0.f)};
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            if (std::hypot(x - alignedCrop[0], y - alignedCrop[1]) < 6.0)
                aligned.values[std::size_t(y * size + x)] = 1.f;
    const s2s::ScoreMap back = s2s::alignedMapToCropFrame(aligned, *toAligned, 512, 512, resize);
    double sx = 0.0, sy = 0.0, sw = 0.0;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            if (const float v = back.at(x, y); v > 0.5f) {
                sx += x * v;
                sy += y * v;
                sw += v;
            }
    QVERIFY(sw > 50.0); // the hot disc survived the trip
    const cv::Vec2d want = crop * headH;
    const double dx = sx / sw - want[0], dy = sy / sw - want[1];
    QVERIFY2(std::hypot(dx, dy) < 3.0, qPrintable(QStringLiteral("peak off by (%1, %2) px").arg(dx).arg(dy)));
}

void TestHardCategories::roundAndBlankSilhouettesAreLeftAlone()
{
    cv::Mat disc = cv::Mat::zeros(256, 256, CV_8UC1);
    cv::circle(disc, {128, 128}, 70, cv::Scalar(255), cv::FILLED);
    QVERIFY(!s2s::alignmentFor(disc));
    QVERIFY(!s2s::alignmentFor(cv::Mat::zeros(256, 256, CV_8UC1)));
    // A blank photograph has no object to find.
    const cv::Mat blank(200, 300, CV_8UC3, cv::Scalar(120, 120, 120));
    QVERIFY(!s2s::alignmentFor(s2s::plainBackgroundSilhouette(blank)));
    QVERIFY(!s2s::surveyPose({}).freeRotation);
}

void TestHardCategories::realScrewsTurnToOnePose()
{
    const fs::path root = shared("data/mvtec_screw_part");
    if (!fs::is_directory(root))
        QSKIP("../shared/data/mvtec_screw_part not found: the real-screw pose check is skipped");
    const s2s::Dataset data = s2s::scanDataset(root.parent_path());
    QVERIFY(data.find("mvtec_screw_part"));
    const s2s::Category screw = *data.find("mvtec_screw_part");
    std::vector<s2s::ImageRecord> all = screw.train;
    all.insert(all.end(), screw.test.begin(), screw.test.end());
    int checked = 0;
    double worstAxis = 0.0, smallestRatio = 1e9, worstCentre = 0.0;
    for (const auto &r : all) {
        const cv::Mat rgb = s2s::readImageRgb(r.image);
        const cv::Mat mask = s2s::plainBackgroundSilhouette(rgb);
        const auto toAligned = s2s::alignmentFor(mask);
        QVERIFY2(toAligned, r.image.c_str());
        cv::Mat aligned;
        cv::warpAffine(mask, aligned, cv::Mat(*toAligned), mask.size(), cv::INTER_NEAREST);
        worstAxis = std::max(worstAxis, std::abs(s2s::silhouettePose(aligned).axisDegrees));
        const auto [left, right] = endWidths(aligned);
        smallestRatio = std::min(smallestRatio, double(left) / std::max(1, right));
        // The middle of the screw's length at the image centre.
        cv::Mat columns;
        cv::reduce(aligned > 0, columns, 0, cv::REDUCE_MAX, CV_8U);
        std::vector<int> xs;
        for (int x = 0; x < columns.cols; ++x)
            if (columns.at<std::uint8_t>(0, x))
                xs.push_back(x);
        worstCentre = std::max(worstCentre, std::abs((xs.front() + xs.back()) / 2.0 - mask.cols / 2.0));
        ++checked;
    }
    qInfo("%d real screws aligned: largest axis angle left %.2f degrees, smallest head/tip width ratio %.2f, length's "
          "middle at most %.1f px from the centre", checked, worstAxis, smallestRatio, worstCentre);
    // A screw whose turned tip leaves the frame is centred on what is left of it: within the kNN
    // scorer's window (+-2 patches: 16 px at 288, 28 px at 512), which absorbs it.
    QVERIFY(worstCentre < 28.0);
    QCOMPARE(checked, int(all.size()));
    QVERIFY(worstAxis < 2.0);
    // Every head went to the left: its end is the wider one (measured 1.52x at the least on 175 images).
    QVERIFY(smallestRatio > 1.2);
}

void TestHardCategories::autoChoosesFromTheTrainingImages()
{
    std::vector<cv::Mat> screws, fixed;
    for (int i = 0; i < 12; ++i) {
        screws.push_back(s2s::plainBackgroundSilhouette(syntheticScrew(i * 29.0, {256, 256})));
        fixed.push_back(s2s::plainBackgroundSilhouette(syntheticScrew(10.0 + (i % 3), {256, 256})));
    }
    const s2s::PoseSurvey loose = s2s::surveyPose(screws), lined = s2s::surveyPose(fixed);
    QVERIFY2(loose.freeRotation, loose.summary().c_str());
    QVERIFY2(!lined.freeRotation, lined.summary().c_str()); // a line that lays its parts one way
    QVERIFY(lined.concentration > 0.95);
    std::vector<cv::Mat> few(screws.begin(), screws.begin() + 3);
    QVERIFY(!s2s::surveyPose(few).freeRotation); // three images say nothing about a line
}

void TestHardCategories::screwAtTheDefaults()
{
    const fs::path root = shared("data/mvtec_screw_part");
    const fs::path weights = shared("weights/mobilenet_v2_imagenet_bnfolded.pth");
    if (!fs::is_directory(root) || !fs::exists(weights))
        QSKIP("../shared screw photographs or MobileNetV2 weights not found: the screw accuracy check is skipped");
    const s2s::Dataset data = s2s::scanDataset(root.parent_path());
    QVERIFY(data.find("mvtec_screw_part"));
    const s2s::Category screw = *data.find("mvtec_screw_part");
    s2s::RunConfig c = s2s::presetConfig("fast"); // the defaults
    c.dataRoot = root.parent_path();
    c.category = screw.name;
    c.backbone = "mobilenet_v2";
    c.backboneWeights = weights;
    QElapsedTimer clock;
    clock.start();
    s2s::TrainingSession session(screw, c);
    session.train({}, {});
    const s2s::Evaluation ev = session.evaluate({}, {}, {});
    const qint64 ms = clock.elapsed();
    qInfo("mvtec_screw_part at the defaults: image AUROC %.4f in %.1f s; %s (%s)", ev.metrics.imageAuroc, ms / 1000.0,
          session.scorerDescription().c_str(), session.scorerChoice().c_str());
    QVERIFY(session.usesKnn());
    QCOMPARE(session.config().align, std::string("on"));
    QVERIFY(!session.removesBackground());
    // Measured 0.950 (docs/results.md); the discriminator gave 0.54-0.72 here. No masks: pixel n/a.
    QVERIFY(ev.metrics.imageAuroc >= 0.93);
    QVERIFY(std::isnan(ev.metrics.pixelAuroc));
    QCOMPARE(ev.metrics.defectsWithoutMask, 25);
    // A sigma change has nothing to refit: the bank stands and the scores stay.
    session.train({}, {}, s2s::TrainMode::Refit);
    const s2s::Evaluation again = session.evaluate({}, {}, {});
    for (std::size_t i = 0; i < ev.images.size(); ++i)
        QCOMPARE(again.images[i].score, ev.images[i].score);

    // Saved, reopened and inspected: the same scores, and maps in the frame of the image as taken.
    QTemporaryDir dir;
    const fs::path run = fs::path(dir.path().toStdString()) / "run";
    session.saveRun(run, ev);
    QVERIFY(fs::exists(run / "knn_bank.safetensors"));
    QVERIFY(!fs::exists(run / "heads.safetensors"));
    const auto reopened = s2s::TrainingSession::loadRun(run);
    QVERIFY(reopened->usesKnn());
    const s2s::Evaluation reloaded = reopened->evaluate({}, {}, {});
    for (std::size_t i = 0; i < ev.images.size(); ++i)
        QCOMPARE(reloaded.images[i].score, ev.images[i].score);
    s2s::Inspector inspector(run);
    for (std::size_t i : {std::size_t(0), std::size_t(30), ev.images.size() - 1}) {
        const s2s::InspectResult r = inspector.inspect(screw.test[i].image);
        QVERIFY2(r.ok(), r.error.c_str());
        QVERIFY(std::abs(r.score - ev.images[i].score) <= 1e-4f * std::max(1.f, std::abs(ev.images[i].score)));
        // The map's hottest pixel lies on the screw as photographed, not where the turned screw was.
        const s2s::ScoreMap original = inspector.originalFrameMap(r);
        const auto hottest = std::max_element(original.values.begin(), original.values.end()) - original.values.begin();
        cv::Mat mask = s2s::plainBackgroundSilhouette(s2s::readImageRgb(screw.test[i].image));
        cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_ELLIPSE, {41, 41}));
        QVERIFY2(mask.at<std::uint8_t>(int(hottest / original.width), int(hottest % original.width)) > 0,
                 screw.test[i].image.c_str());
    }

    // A config.json edited to another input size no longer fits the bank: refused in one line naming it,
    // by the session and by inspection alike, before anything is scored.
    nlohmann::json config = s2s::readJsonFile(run / "config.json");
    config["resize"] = 320;
    config["image_size"] = 320;
    s2s::writeFileAtomically(run / "config.json", config.dump());
    const auto refused = [&](const std::function<void()> &open) {
        try {
            open();
            QFAIL("a bank of another geometry was used");
        } catch (const s2s::Error &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(QLatin1String("knn_bank.safetensors")) && what.contains(QLatin1String("36x36"))
                         && what.contains(QLatin1String("40x40")) && !what.contains(QLatin1Char('\n')),
                     e.what());
        }
    };
    refused([&] { (void)s2s::TrainingSession::loadRun(run); });
    refused([&] { s2s::Inspector again(run); });
}

QTEST_APPLESS_MAIN(TestHardCategories)
#include "tst_hard_categories.moc"
