// The inspection session end to end: features, training, evaluation, run folders, cancellation.
#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/data/synth_generator.h"
#include "engine/pipeline/image_preparer.h"
#include "engine/pipeline/training_session.h"
#include "engine/pipeline/routing.h"
#include "engine/pipeline/run_folder.h"

#include <opencv2/core.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace fs = std::filesystem;

class TestPipeline final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trainEvaluateSaveLoad();
    void retrainForNewSigmaKeepsFeatures();
    void refitIsPathIndependentAndRecorded();
    void pseudoBackgroundsAndForeground();
    void cleanMaskRemovesTheWholeNewBackground();
    void cancelledRunWritesNothing();
    void hazelnutToyWithRealWeights();
    void kindInferredFromMasks();
    void imageLevelLabelsWithoutMasks();
    void runConfigValuesAreBounded();

private:
    s2s::RunConfig config() const;
    QTemporaryDir m_dir;
    s2s::Category m_category;
};

void TestPipeline::initTestCase()
{
    s2s::SynthOptions o;
    o.out = fs::path(m_dir.path().toStdString()) / "data";
    o.categories = {"nut"};
    o.size = 128;
    o.trainCount = 8;
    o.testGoodCount = 4;
    o.testDefectCount = 2;
    s2s::generateSynthDataset(o);
    m_category = s2s::scanDataset(o.out).categories.front();
}

s2s::RunConfig TestPipeline::config() const
{
    s2s::RunConfig c = s2s::presetConfig("fast");
    c.dataRoot = m_category.root.parent_path();
    c.category = m_category.name;
    c.backbone = "mobilenet_v2";
    c.metaEpochs = 2;
    c.ganEpochs = 1;
    c.minSteps = 0;
    c.dscHidden = 64;
    return c;
}

void TestPipeline::trainEvaluateSaveLoad()
{
    s2s::TrainingSession session(m_category, config());
    std::vector<s2s::TrainProgress> steps;
    session.extractFeatures({}, {});
    session.train([&](const s2s::TrainProgress &p) { steps.push_back(p); }, {});
    QCOMPARE(int(steps.size()), 2); // 8 images, batch 8, 2 epochs
    const s2s::Evaluation ev = session.evaluate({}, {}, {});
    QCOMPARE(ev.images.size(), m_category.test.size());
    QVERIFY(ev.metrics.imageAuroc >= 0.0 && ev.metrics.imageAuroc <= 1.0);
    QVERIFY(!std::isnan(ev.metrics.pixelAuroc));
    QVERIFY(!std::isnan(ev.metrics.auPro));
    const s2s::ScoreMap crop = session.anomalyMap(0, false), original = session.anomalyMap(0, true);
    QCOMPARE(crop.width, 288);
    QCOMPARE(original.width, 128);

    const fs::path run = fs::path(m_dir.path().toStdString()) / "run";
    session.saveRun(run, ev);
    for (const char *f : {"config.json", "heads.safetensors", "scores.csv", "metrics.json", "maps/0000.png"})
        QVERIFY2(fs::exists(run / f), f);
    const s2s::RunSummary summary = s2s::loadRunSummary(run);
    QCOMPARE(summary.scores.size(), ev.images.size());
    QCOMPARE(summary.metrics.at("backbone_pretrained").get<bool>(), false);
    QCOMPARE(summary.metrics.at("selection").get<std::string>(), std::string("final epoch, no test-set selection"));
    QVERIFY(std::abs(summary.scores[3].score - ev.images[3].score) < 1e-5);
    const s2s::ScoreMap back = summary.map(0);
    double maxErr = 0;
    for (std::size_t i = 0; i < back.values.size(); ++i)
        maxErr = std::max(maxErr, static_cast<double>(std::abs(back.values[i] - crop.values[i])));
    QVERIFY(maxErr < 1e-3);

    // A reloaded run scores the same.
    auto loaded = s2s::TrainingSession::loadRun(run);
    const s2s::Evaluation again = loaded->evaluate({}, {}, {});
    QVERIFY(std::abs(again.images[3].score - ev.images[3].score) < 1e-4);
}

void TestPipeline::retrainForNewSigmaKeepsFeatures()
{
    s2s::TrainingSession session(m_category, config());
    std::vector<std::string> stages;
    session.extractFeatures([&](const s2s::ProgressEvent &e) { stages.push_back(e.stage); }, {});
    QVERIFY(!stages.empty());
    session.train({}, {});
    const auto first = session.evaluate({}, {}, {});
    s2s::RunConfig c = session.config();
    c.noiseSigma = s2s::NoiseSigma::absolute(0.05);
    session.setConfig(c);
    stages.clear();
    session.train({}, {});
    const auto second = session.evaluate({}, [&](const s2s::ProgressEvent &e) { stages.push_back(e.stage); }, {});
    for (const auto &s : stages)
        QVERIFY2(s.rfind("features", 0) != 0, s.c_str()); // no backbone pass for a new sigma
    QVERIFY(first.images[0].score != second.images[0].score);
}

// A sigma change is a refit from the heads trained from scratch, then a refinement: the result for a
// sigma does not depend on the sigmas visited before, and metrics.json states every stage.
void TestPipeline::refitIsPathIndependentAndRecorded()
{
    s2s::RunConfig c = config();
    c.metaEpochs = 16; // 16 steps from scratch: refit 2, then refined to 6 in all (3/8)
    c.refitSteps = 2;
    s2s::TrainingSession session(m_category, c);
    session.train({}, {});
    QCOMPARE(session.convergedSteps(), 6);
    QCOMPARE(session.refineSteps(), 4);
    const auto scoresAt = [&](double sigma, bool detour) {
        s2s::RunConfig r = c;
        if (detour) { // another sigma, refitted and refined, first
            r.noiseSigma = s2s::NoiseSigma::absolute(sigma * 3.0);
            session.setConfig(r);
            session.train({}, {}, s2s::TrainMode::Refit);
            session.train({}, {}, s2s::TrainMode::Refine);
        }
        r.noiseSigma = s2s::NoiseSigma::absolute(sigma);
        session.setConfig(r);
        session.train({}, {}, s2s::TrainMode::Refit);
        session.train({}, {}, s2s::TrainMode::Refine);
        std::vector<float> scores;
        for (const auto &img : session.evaluate({}, {}, {}).images)
            scores.push_back(img.score);
        return scores;
    };
    const std::vector<float> direct = scoresAt(0.05, false);
    const std::vector<float> viaDetour = scoresAt(0.05, true);
    QCOMPARE(viaDetour, direct);

    const s2s::TrainingOutcome &t = session.lastTraining();
    QCOMPARE(t.history.size(), std::size_t(3));
    QCOMPARE(t.history[0].kind, s2s::TrainingStage::Kind::Full);
    QCOMPARE(t.history[0].steps, 16);
    QCOMPARE(t.history[1].kind, s2s::TrainingStage::Kind::Refit);
    QCOMPARE(t.history[1].steps, 2);
    QCOMPARE(t.history[2].kind, s2s::TrainingStage::Kind::Refine);
    QCOMPARE(t.history[2].steps, 4);
    QCOMPARE(t.history[2].sigmaAbsolute, 0.05);
    QCOMPARE(t.totalSteps(), 22);
    QVERIFY(t.warmStart);

    const fs::path run = fs::path(m_dir.path().toStdString()) / "refined";
    session.saveRun(run, session.evaluate({}, {}, {}));
    const s2s::RunSummary summary = s2s::loadRunSummary(run);
    const nlohmann::json &training = summary.metrics.at("training");
    QCOMPARE(training.at("total_steps").get<int>(), 22);
    QCOMPARE(training.at("history").size(), std::size_t(3));
    QCOMPARE(training.at("history")[1].at("stage").get<std::string>(), std::string("refit"));
    QCOMPARE(summary.metrics.at("epochs").get<int>(), 16); // the training from scratch's, not the refit's 1
    auto loaded = s2s::TrainingSession::loadRun(run);
    QCOMPARE(loaded->lastTraining().history.size(), std::size_t(3));
    QCOMPARE(loaded->lastTraining().history[2].kind, s2s::TrainingStage::Kind::Refine);
}

void TestPipeline::pseudoBackgroundsAndForeground()
{
    s2s::RunConfig c = config();
    c.foreground = true;
    c.segmenter = "classical";
    s2s::TrainingSession session(m_category, c);
    session.train({}, {});
    // "classical" is the extractor learnt from the category's training images.
    QCOMPARE(session.segmenterName(), std::string("classical-learnt"));
    s2s::EvalOptions pseudo;
    pseudo.background = s2s::BackgroundMode::Pseudo;
    pseudo.backgroundSource = "clutter";
    pseudo.seed = 3;
    const auto ev = session.evaluate(pseudo, {}, {});
    QCOMPARE(ev.images.size(), m_category.test.size());
    for (const auto &r : ev.images) {
        QCOMPARE(r.background, std::string("clutter"));
        QVERIFY2(r.maskIou > 0.5 && r.maskIou <= 1.0, std::to_string(r.maskIou).c_str());
        QCOMPARE(r.maskSource, std::string("classical-learnt"));
    }
    // "border" keeps the model-free border-colour segmenter.
    c.segmenter = "border";
    s2s::TrainingSession border(m_category, c);
    border.train({}, {});
    QCOMPARE(border.segmenterName(), std::string("classical"));
    const auto png = session.preparedImagePng(0);
    QVERIFY(png.size() > 100);
}

void TestPipeline::cleanMaskRemovesTheWholeNewBackground()
{
    // With a hard-edged composite, removing the background with the clean image's mask must give exactly
    // the clean image's extraction: not one pixel of the pseudo-background survives.
    s2s::PreparationSpec extract;
    extract.removeBackground = true;
    extract.segmenter = "classical";
    s2s::PreparationSpec composite = extract;
    composite.composite = true;
    composite.backgroundSource = "clutter";
    composite.seed = 5;
    composite.featherPx = 0.f;
    s2s::PreparationSpec clean = composite;
    clean.reuseCleanMask = true;
    QVERIFY(clean.key() != composite.key());
    const fs::path cache = fs::path(m_dir.path().toStdString()) / "masks";
    const auto &record = m_category.test.front();
    const cv::Mat reference = s2s::ImagePreparer(extract, cache).prepare(record);
    const cv::Mat viaClean = s2s::ImagePreparer(clean, cache).prepare(record);
    const cv::Mat viaSegmenter = s2s::ImagePreparer(composite, cache).prepare(record);
    QCOMPARE(cv::norm(reference, viaClean, cv::NORM_INF), 0.0);
    // The composite itself differs from the clean image (the check above is not vacuous).
    s2s::PreparationSpec compositeOnly = composite;
    compositeOnly.removeBackground = false;
    const cv::Mat raw = s2s::ImagePreparer(s2s::PreparationSpec{}, cache).prepare(record);
    QVERIFY(cv::norm(s2s::ImagePreparer(compositeOnly, cache).prepare(record), raw, cv::NORM_INF) > 0.0);
    QCOMPARE(viaSegmenter.size(), reference.size());
}

void TestPipeline::cancelledRunWritesNothing()
{
    s2s::TrainingSession session(m_category, config());
    s2s::CancelToken token;
    session.extractFeatures({}, {});
    QVERIFY_THROWS_EXCEPTION(s2s::Cancelled, session.train([&](const s2s::TrainProgress &) { token.cancel(); }, token));
    QVERIFY(!session.hasHeads());
    const fs::path run = fs::path(m_dir.path().toStdString()) / "cancelled";
    QVERIFY_THROWS_EXCEPTION(s2s::Error, session.saveRun(run, s2s::Evaluation{}));
    QVERIFY(!fs::exists(run / "heads.safetensors"));
    QVERIFY(!fs::exists(run / "metrics.json"));
}

void TestPipeline::hazelnutToyWithRealWeights()
{
    const fs::path shared = fs::path(qEnvironmentVariable("SAM2SIM_SHARED").toStdString());
    const fs::path weights = shared / "weights" / "mobilenet_v2_imagenet_bnfolded.pth";
    const fs::path toy = shared / "data" / "hazelnut_toy";
    if (!fs::exists(weights) || !fs::is_directory(toy))
        QSKIP("../shared weights or hazelnut_toy not found: real-data accuracy check skipped");
    const s2s::Category category = s2s::scanDataset(toy).categories.front();
    s2s::RunConfig c = s2s::presetConfig("fast");
    c.dataRoot = toy;
    c.category = category.name;
    c.backbone = "mobilenet_v2";
    c.backboneWeights = weights;
    s2s::TrainingSession session(category, c); // the defaults: fast preset, sigma auto
    session.train({}, {});
    const auto ev = session.evaluate({}, {}, {});
    const s2s::TrainingOutcome &t = session.lastTraining();
    qInfo("hazelnut_toy, MobileNetV2 (real weights), fast preset: image AUROC %.4f, pixel AUROC %.4f, AU-PRO %.4f "
          "(sigma %.4g = %.2fx the feature scale %.4f, %d epochs, last loss %.4f)",
          ev.metrics.imageAuroc, ev.metrics.pixelAuroc, ev.metrics.auPro, t.sigmaAbsolute, t.sigmaRelative,
          t.featureScale, t.epochs, t.loss);
    QVERIFY(!t.notLearning);
    // Measured 1.000 / 0.965 (README, "Noise sigma"); thread count changes summation order slightly.
    QVERIFY(ev.metrics.imageAuroc >= 0.97);
    QVERIFY(ev.metrics.pixelAuroc >= 0.9);
}

void TestPipeline::kindInferredFromMasks()
{
    s2s::SynthOptions o;
    o.out = fs::path(m_dir.path().toStdString()) / "kinds";
    o.categories = {"nut", "stone"};
    o.size = 128;
    o.trainCount = 5;
    o.testGoodCount = 1;
    o.testDefectCount = 1;
    s2s::generateSynthDataset(o);
    for (const char *name : {"nut", "stone"})
        fs::remove(o.out / name / "category.json"); // unknown names, no override: the kind is inferred
    const auto d = s2s::scanDataset(o.out);
    const auto nut = s2s::inferCategoryKind(*d.find("nut"));
    const auto stone = s2s::inferCategoryKind(*d.find("stone"));
    QCOMPARE(int(nut.kind), int(s2s::CategoryKind::Object));
    QCOMPARE(int(stone.kind), int(s2s::CategoryKind::Texture));
    QVERIFY(QString::fromStdString(stone.reason).contains(QStringLiteral("inferred as texture")));
}

// A run folder's config.json is as untrusted as a command line (issue 25): every number is bounded and
// every wrong type named with the file and the key, never obeyed (an image_size of 20000 allocated 13 GB).
void TestPipeline::runConfigValuesAreBounded()
{
    const fs::path file = "run/config.json";
    const nlohmann::json good = s2s::toJson(config());
    QCOMPARE(s2s::runConfigFromJson(good, file).imageSize, config().imageSize);
    const auto refused = [&](const char *key, const nlohmann::json &value, const QString &expected) {
        nlohmann::json j = good;
        j[key] = value;
        try {
            s2s::runConfigFromJson(j, file);
        } catch (const s2s::Error &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QStringLiteral("run/config.json: ")) && message.contains(expected),
                     qPrintable(message));
            return;
        }
        QFAIL(qPrintable(QStringLiteral("accepted ") + QString::fromUtf8(key)));
    };
    refused("image_size", 20000, QStringLiteral("image_size must be an integer from 32 to"));
    refused("resize", 20000, QStringLiteral("resize must be an integer from 32 to 2048, got 20000"));
    refused("batch_size", 1 << 30, QStringLiteral("batch_size must be an integer from 1 to 1024"));
    refused("meta_epochs", 1e9, QStringLiteral("meta_epochs must be an integer"));
    refused("dsc_hidden", -1, QStringLiteral("dsc_hidden must be an integer"));
    refused("threads", "4", QStringLiteral("threads must be an integer from 0 to 1024, got \"4\""));
    refused("patch_fraction", 2.0, QStringLiteral("patch_fraction must be a number"));
    refused("adaptor_lr", "fast", QStringLiteral("adaptor_lr must be a number"));
    refused("foreground", "yes", QStringLiteral("foreground must be true or false"));
    refused("category", 5, QStringLiteral("category must be a string"));
    refused("noise_sigma_rel", "x", QStringLiteral("noise_sigma_rel must be a number"));
}

QTEST_APPLESS_MAIN(TestPipeline)
// A defect folder without masks (image-level labels): trained and evaluated at image level, left out of
// the pixel metrics, and the run folder says so. Half the masks removed: pixel metrics over the rest.
void TestPipeline::imageLevelLabelsWithoutMasks()
{
    QTemporaryDir dir;
    const fs::path data = fs::path(dir.path().toStdString()) / "data";
    fs::create_directories(data / m_category.name);
    fs::copy(m_category.root, data / m_category.name, fs::copy_options::recursive);
    for (const auto &e : fs::recursive_directory_iterator(data / m_category.name / "ground_truth"))
        if (e.is_regular_file())
            fs::remove(e.path());
    s2s::Category category = s2s::scanDataset(data).categories.front();
    QVERIFY(category.issues.empty());
    int defects = 0;
    for (const auto &r : category.test) {
        QVERIFY(r.mask.empty());
        defects += r.label;
    }
    QVERIFY(defects > 0);
    s2s::RunConfig c = config();
    c.dataRoot = data;
    s2s::TrainingSession session(category, c);
    session.train({}, {});
    const s2s::Evaluation ev = session.evaluate({}, {}, {});
    QVERIFY(!std::isnan(ev.metrics.imageAuroc));
    QVERIFY(!std::isnan(ev.metrics.f1Threshold));
    QVERIFY(std::isnan(ev.metrics.pixelAuroc)); // no pixel truth at all
    QCOMPARE(ev.metrics.defectsWithoutMask, defects);
    QCOMPARE(ev.metrics.pixelImages, int(category.test.size()) - defects);
    const fs::path run = fs::path(dir.path().toStdString()) / "run";
    session.saveRun(run, ev);
    const s2s::RunSummary summary = s2s::loadRunSummary(run);
    QCOMPARE(summary.metrics.at("defects_without_masks").get<int>(), defects);
    QVERIFY(summary.metrics.at("pixel_auroc").is_null());
    QVERIFY(summary.metrics.contains("confusion"));
    const s2s::Evaluation back = s2s::evaluationFromRun(summary, &category);
    QCOMPARE(back.metrics.defectsWithoutMask, defects);

    // With the masks of the original category, pixel metrics are back and cover every image.
    s2s::TrainingSession full(m_category, config());
    full.train({}, {});
    const s2s::Evaluation all = full.evaluate({}, {}, {});
    QCOMPARE(all.metrics.defectsWithoutMask, 0);
    QCOMPARE(all.metrics.pixelImages, int(m_category.test.size()));
}

#include "tst_pipeline.moc"
