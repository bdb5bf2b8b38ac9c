#include "engine/pipeline/training_session.h"

#include "engine/backbone/feature_extractor.h"
#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/foreground/classical_segmenter.h"
#include "engine/foreground/foreground_model.h"
#include "engine/foreground/mask_cache.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/image_preparer.h"
#include "engine/pipeline/routing.h"
#include "engine/pipeline/run_folder.h"
#include "engine/simplenet/feature_bank.h"
#include "engine/simplenet/scorer.h"
#include "engine/simplenet/trainer.h"
#include "engine/weights/weights_catalog.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace s2s {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

// The training curve in metrics.json: one array per quantity, one entry per step.
nlohmann::json curveJson(const std::vector<TrainProgress> &curve)
{
    nlohmann::json j = nlohmann::json::object();
    for (const char *key : {"step", "total", "epoch", "epochs", "loss", "p_true", "p_fake"})
        j[key] = nlohmann::json::array();
    for (const TrainProgress &p : curve) {
        j["step"].push_back(p.done);
        j["total"].push_back(p.total);
        j["epoch"].push_back(p.epoch);
        j["epochs"].push_back(p.epochs);
        j["loss"].push_back(p.loss);
        j["p_true"].push_back(p.pTrue);
        j["p_fake"].push_back(p.pFake);
    }
    return j;
}

// Runs saved before the curve was kept, or with a damaged one, have none: the curve is for display only.
std::vector<TrainProgress> curveFromJson(const nlohmann::json &j)
{
    std::vector<TrainProgress> curve;
    if (!j.is_object())
        return curve;
    const auto column = [&](const char *key) { return j.contains(key) && j.at(key).is_array() ? j.at(key) : nlohmann::json::array(); };
    const nlohmann::json step = column("step"), total = column("total"), epoch = column("epoch"), epochs = column("epochs"),
                         loss = column("loss"), pTrue = column("p_true"), pFake = column("p_fake");
    const std::size_t n = step.size();
    for (const auto *c : {&total, &epoch, &epochs, &loss, &pTrue, &pFake})
        if (c->size() != n)
            return curve;
    for (std::size_t i = 0; i < n; ++i) {
        if (!step[i].is_number() || !total[i].is_number() || !epoch[i].is_number() || !epochs[i].is_number()
            || !loss[i].is_number() || !pTrue[i].is_number() || !pFake[i].is_number())
            return {};
        TrainProgress p;
        p.done = step[i].get<int>();
        p.total = total[i].get<int>();
        p.epoch = epoch[i].get<int>();
        p.epochs = epochs[i].get<int>();
        p.loss = loss[i].get<double>();
        p.pTrue = pTrue[i].get<double>();
        p.pFake = pFake[i].get<double>();
        curve.push_back(p);
    }
    return curve;
}

fs::path cacheDirFor(const Category &category)
{
    // Masks are cached beside the user's data only if writable; otherwise under the temp folder.
    const char *xdg = std::getenv("XDG_CACHE_HOME");
    const char *home = std::getenv("HOME");
    const fs::path base = xdg && *xdg ? fs::path(xdg) : (home && *home ? fs::path(home) / ".cache" : fs::temp_directory_path());
    return base / "sam2sim" / "masks";
    (void)category;
}

TrainSettings trainSettings(const RunConfig &c, double featureScale, std::size_t trainImages)
{
    TrainSettings s;
    s.epochs = c.effectiveEpochs(trainImages);
    s.maxSteps = c.effectiveSteps(trainImages);
    s.batchSize = c.batchSize;
    s.noiseSigma = c.noiseSigma.absoluteFor(featureScale);
    s.patchFraction = c.patchFraction;
    s.margin = c.dscMargin;
    s.adaptorLr = c.adaptorLr;
    s.adaptorWeightDecay = c.adaptorWeightDecay;
    s.dscLr = c.dscLr;
    s.dscWeightDecay = c.dscWeightDecay;
    s.hidden = c.dscHidden;
    s.seed = static_cast<std::uint64_t>(c.seed);
    return s;
}

// Runs fn(i) for i in [0, n) on `workers` threads (the calling one included); the first exception is
// rethrown after all threads stop. fn must be safe to call concurrently for different i.
void parallelFor(std::size_t n, int workers, const std::function<void(std::size_t, int)> &fn)
{
    workers = std::max(1, std::min<int>(workers, static_cast<int>(n)));
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    const auto work = [&](int worker) {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                fn(i, worker);
            } catch (...) {
                const std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next = n;
            }
        }
    };
    std::vector<std::thread> threads;
    for (int w = 1; w < workers; ++w)
        threads.emplace_back(work, w);
    work(0);
    for (auto &t : threads)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

// Calls a progress function from worker threads one at a time.
class SerialProgress
{
public:
    SerialProgress(const ProgressFn &fn, std::string stage, std::int64_t total)
        : m_fn(fn), m_stage(std::move(stage)), m_total(total)
    {
    }
    void step()
    {
        const std::lock_guard lock(m_mutex);
        report(m_fn, m_stage, ++m_done, m_total);
    }

private:
    const ProgressFn &m_fn;
    std::string m_stage;
    std::int64_t m_total;
    std::int64_t m_done = 0;
    std::mutex m_mutex;
};

} // namespace

struct TrainingSession::Impl
{
    Category category;
    RunConfig config;
    std::shared_ptr<Backbone> backbone;
    std::unique_ptr<FeatureExtractor> extractor;
    std::string backboneKey; // what the cached features depend on

    FeatureBank train;
    std::string trainKey;
    std::map<std::string, FeatureBank> testBanks; // by preparation key
    std::map<std::string, std::vector<PreparedInfo>> testInfo; // by preparation key, per test image
    std::vector<std::string> testBankOrder;       // least recently added first

    std::optional<SimpleNetHeads> heads;
    std::shared_ptr<const OptimizerMoments> moments; // of the training that made `heads`
    FusedHeads fused;

    std::vector<ScoreMap> lastMaps;
    std::optional<PreparationSpec> lastTestSpec;
    std::vector<Mask8> gtCache;
    Timings timings;
    TrainingOutcome lastTraining;
    std::string segmenterName;
    // The category's learnt foreground model (classical extraction); fitted on first need.
    std::shared_ptr<const ForegroundModel> foregroundModel;

    CategoryKind kind() const { return config.kindOverride.value_or(category.kind); }

    bool removesBackground() const
    {
        return config.foreground && kind() == CategoryKind::Object && !category.keepsBackground;
    }

    PreparationSpec spec(const EvalOptions *pseudo) const
    {
        PreparationSpec s;
        s.removeBackground = removesBackground();
        s.segmenter = config.segmenter;
        s.sam2Weights = config.sam2Weights;
        s.fill = config.backgroundFill;
        if (config.segmenter != "border")
            s.foregroundModel = foregroundModel;
        if (pseudo && pseudo->background == BackgroundMode::Pseudo) {
            s.composite = true;
            s.backgroundSource = pseudo->backgroundSource;
            s.seed = pseudo->seed;
            s.featherPx = pseudo->featherPx;
            s.reuseCleanMask = pseudo->cleanMaskForComposite;
            // Compositing needs a silhouette of the clean image even when extraction is off.
            if (!s.removeBackground && kind() == CategoryKind::Texture)
                s.composite = false; // textures have no background to replace
        }
        return s;
    }

    std::string currentBackboneKey() const
    {
        return config.backbone + "|" + config.backboneWeights.string() + "|" + std::to_string(config.resize) + "|"
               + std::to_string(config.imageSize) + "|" + std::to_string(config.seed);
    }

    void ensureBackbone()
    {
        const std::string key = currentBackboneKey();
        if (extractor && key == backboneKey)
            return;
        if (!config.backboneWeights.empty())
            verifiedSha256(config.backboneWeights); // refuses a torchvision file whose hash does not match its name
        backbone = makeBackbone(config.backbone, config.backboneWeights, static_cast<unsigned>(config.seed));
        extractor = std::make_unique<FeatureExtractor>(backbone, FeatureGeometry{config.resize, config.imageSize});
        backboneKey = key;
        train.clear();
        trainKey.clear();
        testBanks.clear();
        testBankOrder.clear();
    }

    bool usesForegroundModel() const
    {
        return config.segmenter != "border" && kind() == CategoryKind::Object && !category.keepsBackground;
    }

    // Learns the object's look from the training images (static, plain background: the border-colour
    // segmenter, extended by the object's faint parts, is reliable there). Cheap (one small segmentation per training image, cached on disk).
    void ensureForegroundModel(const ProgressFn &progress, const CancelToken &cancel)
    {
        if (foregroundModel || !usesForegroundModel())
            return;
        const std::vector<ImageRecord> &records = category.train;
        std::vector<cv::Mat> images(records.size()), masks(records.size());
        const MaskCache cache(cacheDirFor(category));
        ClassicalSegmenter border(ClassicalSegmenter::Background::Plain);
        SerialProgress step(progress, "foreground model", static_cast<std::int64_t>(records.size()));
        parallelFor(records.size(), at::get_num_threads(), [&](std::size_t i, int) {
            cancel.throwIfCancelled();
            cv::Mat rgb = readImageRgb(records[i].image);
            const std::string key = MaskCache::contentKey(rgb);
            std::optional<cv::Mat> mask = cache.find(key, border.cacheKey());
            if (!mask || mask->size() != rgb.size()) {
                mask = border.segment(rgb).mask;
                try {
                    cache.store(key, border.cacheKey(), *mask, border.name());
                } catch (const Error &) {
                    // A read-only cache folder costs time, not correctness.
                }
            }
            if (!implausibleMask(*mask)) {
                images[i] = std::move(rgb);
                masks[i] = std::move(*mask);
            }
            step.step();
        });
        std::vector<cv::Mat> usedImages, usedMasks;
        for (std::size_t i = 0; i < records.size(); ++i)
            if (!images[i].empty()) {
                usedImages.push_back(std::move(images[i]));
                usedMasks.push_back(std::move(masks[i]));
            }
        if (usedImages.empty())
            return; // no usable training silhouette: the border-colour segmenter stays in charge
        foregroundModel = std::make_shared<const ForegroundModel>(ForegroundModel::fit(usedImages, usedMasks));
    }

    void extractInto(FeatureBank &bank, std::vector<PreparedInfo> *infos, const std::vector<ImageRecord> &records,
                     const PreparationSpec &s, const std::string &stage, const ProgressFn &progress,
                     const CancelToken &cancel)
    {
        // Preparation (reading, compositing, segmentation) runs on all cores, images in parallel, one
        // preparer per worker; SAM 2 keeps one model and its own intra-op threads.
        const bool sam2 = !s.sam2Weights.empty() && s.segmenter != "classical" && s.segmenter != "border";
        const int workers = sam2 ? 1 : std::max(1, at::get_num_threads());
        std::vector<std::unique_ptr<ImagePreparer>> preparers;
        for (int w = 0; w < workers; ++w)
            preparers.push_back(std::make_unique<ImagePreparer>(s, cacheDirFor(category)));
        if (s.removeBackground || s.composite)
            segmenterName = preparers.front()->segmenterName();
        const std::string prepStage = s.composite ? "compositing" : (s.removeBackground ? "segmentation" : "");
        const auto total = static_cast<std::int64_t>(records.size());
        std::vector<PreparedInfo> info(records.size());
        FeatureBank out;
        // Chunks bound the memory of prepared inputs; the backbone runs on each chunk in batches.
        constexpr std::size_t kChunk = 32, kBatch = 8;
        SerialProgress prepared(progress, prepStage, total);
        for (std::size_t first = 0; first < records.size(); first += kChunk) {
            const std::size_t last = std::min(records.size(), first + kChunk);
            std::vector<at::Tensor> inputs(last - first);
            parallelFor(last - first, workers, [&](std::size_t k, int worker) {
                cancel.throwIfCancelled();
                const std::size_t i = first + k;
                inputs[k] = extractor->preprocess(preparers[static_cast<std::size_t>(worker)]->prepare(records[i], &info[i]));
                if (!prepStage.empty())
                    prepared.step();
            });
            for (std::size_t b = 0; b < inputs.size(); b += kBatch) {
                cancel.throwIfCancelled();
                const std::vector<at::Tensor> batch(inputs.begin() + static_cast<std::ptrdiff_t>(b),
                                                    inputs.begin() + static_cast<std::ptrdiff_t>(std::min(inputs.size(), b + kBatch)));
                const at::Tensor features = extractor->extract(at::stack(batch));
                for (std::int64_t j = 0; j < features.size(0); ++j)
                    out.add(features[j]);
                report(progress, stage, static_cast<std::int64_t>(first + std::min(inputs.size(), b + kBatch)), total);
            }
        }
        bank = std::move(out);
        if (infos)
            *infos = std::move(info);
    }

    FeatureBank &testBank(const PreparationSpec &s, const ProgressFn &progress, const CancelToken &cancel)
    {
        const std::string key = s.key();
        if (const auto it = testBanks.find(key); it != testBanks.end())
            return it->second;
        FeatureBank bank;
        std::vector<PreparedInfo> info;
        extractInto(bank, &info, category.test, s, s.composite ? "features (pseudo-backgrounds)" : "features (test)",
                    progress, cancel);
        // Keep at most three test sets (static + two backgrounds) in memory.
        if (testBankOrder.size() >= 3) {
            testBanks.erase(testBankOrder.front());
            testInfo.erase(testBankOrder.front());
            testBankOrder.erase(testBankOrder.begin());
        }
        testBankOrder.push_back(key);
        testInfo[key] = std::move(info);
        return testBanks.emplace(key, std::move(bank)).first->second;
    }

    const std::vector<Mask8> &groundTruth()
    {
        if (gtCache.size() == category.test.size())
            return gtCache;
        std::vector<Mask8> gts;
        for (const auto &r : category.test) {
            if (r.mask.empty()) {
                gts.push_back({config.imageSize, config.imageSize,
                               std::vector<std::uint8_t>(static_cast<std::size_t>(config.imageSize * config.imageSize), 0)});
            } else {
                gts.push_back(maskToCropFrame(readMask(r.mask), config.resize, config.imageSize));
            }
        }
        gtCache = std::move(gts);
        return gtCache;
    }
};

TrainingSession::TrainingSession(Category category, RunConfig config)
    : d(std::make_unique<Impl>())
{
    if (category.train.empty())
        throw Error(category.root.string() + ": the category has no training images");
    // Unknown categories (no MVTec name, no category.json) get a kind proposed from their masks.
    if (!category.kindKnown && !config.kindOverride)
        category.kind = inferCategoryKind(category).kind;
    d->category = std::move(category);
    d->config = std::move(config);
}

TrainingSession::~TrainingSession() = default;

const Category &TrainingSession::category() const { return d->category; }
const RunConfig &TrainingSession::config() const { return d->config; }
CategoryKind TrainingSession::kind() const { return d->kind(); }

void TrainingSession::setConfig(const RunConfig &config)
{
    const bool preparationChanged = config.foreground != d->config.foreground
                                    || config.segmenter != d->config.segmenter
                                    || config.sam2Weights != d->config.sam2Weights
                                    || config.backgroundFill != d->config.backgroundFill
                                    || config.kindOverride != d->config.kindOverride;
    d->config = config;
    if (preparationChanged) {
        d->trainKey.clear();
        d->testBanks.clear();
        d->testInfo.clear();
        d->testBankOrder.clear();
        if (config.segmenter != d->config.segmenter || config.kindOverride != d->config.kindOverride)
            d->foregroundModel.reset();
    }
}

bool TrainingSession::backbonePretrained() const
{
    return !d->config.backboneWeights.empty();
}

std::string TrainingSession::backboneDescription() const
{
    if (d->backbone && d->backbone->pretrained())
        return d->config.backbone + " (weights sha256 " + d->backbone->weightsSha256().substr(0, 16) + "...)";
    return d->config.backbone + (d->config.backboneWeights.empty() ? " (not pretrained: random weights)" : "");
}

std::string TrainingSession::segmenterName() const
{
    return d->removesBackground() ? d->segmenterName : std::string();
}

void TrainingSession::extractFeatures(const ProgressFn &progress, const CancelToken &cancel)
{
    configureThreads(d->config.threads);
    const auto start = Clock::now();
    d->ensureBackbone();
    if (d->removesBackground())
        d->ensureForegroundModel(progress, cancel);
    const PreparationSpec s = d->spec(nullptr);
    if (d->trainKey != s.key() || d->train.size() != d->category.train.size()) {
        FeatureBank bank;
        d->extractInto(bank, nullptr, d->category.train, s, "features (train)", progress, cancel);
        d->train = std::move(bank);
        d->trainKey = s.key();
    }
    d->testBank(s, progress, cancel);
    d->timings.features = seconds(start);
}

bool TrainingSession::hasHeads() const
{
    return d->heads.has_value();
}

void TrainingSession::train(const TrainProgressFn &progress, const CancelToken &cancel, TrainMode mode)
{
    configureThreads(d->config.threads);
    if (d->removesBackground())
        d->ensureForegroundModel({}, cancel);
    if (d->trainKey != d->spec(nullptr).key() || d->train.size() == 0)
        extractFeatures({}, cancel);
    const auto start = Clock::now();
    const double scale = d->train.featureScale();
    TrainSettings settings = trainSettings(d->config, scale, d->train.size());
    const bool warm = mode == TrainMode::Refit && d->heads.has_value();
    if (warm)
    {
        // A few steps from the current heads: ceil(steps / steps per epoch) epochs, cut at refitSteps.
        const int perEpoch = static_cast<int>((d->train.size() + static_cast<std::size_t>(settings.batchSize) - 1)
                                              / static_cast<std::size_t>(settings.batchSize));
        settings.epochs = (d->config.refitSteps + perEpoch - 1) / perEpoch;
        settings.maxSteps = d->config.refitSteps;
    }
    std::vector<TrainProgress> curve;
    const TrainProgressFn record = [&](const TrainProgress &p) {
        curve.push_back(p);
        if (progress)
            progress(p);
    };
    TrainedHeads trained = trainHeads(d->train, settings, record, cancel, warm ? &*d->heads : nullptr,
                                      warm ? d->moments.get() : nullptr);
    // Only a finished run replaces the previous heads.
    d->fused = FusedHeads::fromHeads(trained.heads);
    d->heads = trained.heads;
    d->moments = trained.moments;
    d->timings.training = seconds(start);
    TrainingOutcome &o = d->lastTraining;
    o.featureScale = scale;
    o.sigmaAbsolute = settings.noiseSigma;
    o.sigmaRelative = d->config.noiseSigma.relativeFor(scale);
    o.loss = trained.summary.loss;
    o.pTrue = trained.summary.pTrue;
    o.pFake = trained.summary.pFake;
    o.notLearning = trained.summary.notLearning();
    o.warmStart = warm;
    o.epochs = settings.epochs;
    o.steps = trained.summary.steps;
    o.patchFraction = settings.patchFraction;
    o.curve = std::move(curve);
}

namespace {

struct HeadsState
{
    RunConfig config;
    std::optional<SimpleNetHeads> heads;
    std::shared_ptr<const OptimizerMoments> moments;
    FusedHeads fused;
    TrainingOutcome training;
};

} // namespace

TrainingSession::SavedHeads TrainingSession::saveHeads() const
{
    return {std::make_shared<const HeadsState>(HeadsState{d->config, d->heads, d->moments, d->fused, d->lastTraining})};
}

void TrainingSession::restoreHeads(const SavedHeads &saved)
{
    if (!saved.state)
        return;
    const auto &st = *std::static_pointer_cast<const HeadsState>(saved.state);
    setConfig(st.config);
    d->heads = st.heads;
    d->moments = st.moments;
    d->fused = st.fused;
    d->lastTraining = st.training;
}

const TrainingOutcome &TrainingSession::lastTraining() const
{
    return d->lastTraining;
}

double TrainingSession::featureScale() const
{
    return d->train.featureScale();
}

double TrainingSession::resolvedSigma() const
{
    return d->config.noiseSigma.absoluteFor(d->train.featureScale());
}

Evaluation TrainingSession::evaluate(const EvalOptions &options, const ProgressFn &progress, const CancelToken &cancel)
{
    if (!d->heads)
        throw Error("evaluate: the model is not trained yet");
    configureThreads(d->config.threads);
    d->ensureBackbone();
    const auto start = Clock::now();
    if (d->removesBackground() || options.background == BackgroundMode::Pseudo)
        d->ensureForegroundModel(progress, cancel);
    const PreparationSpec s = d->spec(&options);
    FeatureBank &bank = d->testBank(s, progress, cancel);
    const std::vector<PreparedInfo> &info = d->testInfo[s.key()];

    Evaluation ev;
    ev.options = options;
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    std::vector<ScoreMap> maps;
    for (std::size_t i = 0; i < d->category.test.size(); ++i) {
        cancel.throwIfCancelled();
        const at::Tensor grid = patchScoreGrid(d->fused, bank.rows(i), bank.height(), bank.width());
        const float score = imageScore(grid);
        ImageResult result;
        result.record = d->category.test[i];
        result.score = score;
        if (i < info.size()) {
            result.background = info[i].background;
            result.maskIou = info[i].maskIou;
            result.maskSource = info[i].maskSource;
        }
        ev.images.push_back(std::move(result));
        scores.push_back(score);
        labels.push_back(static_cast<std::uint8_t>(d->category.test[i].label));
        if (options.computeMaps)
            maps.push_back(pixelMap(grid, d->config.imageSize));
        report(progress, "score", static_cast<std::int64_t>(i + 1), static_cast<std::int64_t>(d->category.test.size()));
    }
    const double nan = std::nan("");
    ev.metrics = {nan, nan, nan, nan, nan};
    try {
        ev.imageRoc = rocCurve(scores, labels);
        ev.metrics.imageAuroc = ev.imageRoc.auroc;
        const F1Max f1 = f1Max(scores, labels);
        ev.metrics.f1Max = f1.f1;
        ev.metrics.f1Threshold = f1.threshold;
    } catch (const Error &) {
        // One class only (e.g. no defect images): image metrics are undefined, not an error.
    }
    if (options.computeMaps) {
        report(progress, "pixel metrics", 0, 1);
        const auto &gts = d->groundTruth();
        try {
            const RocCurve pixel = pixelRocCurve(maps, gts);
            ev.metrics.pixelAuroc = pixel.auroc;
            ev.pixelRoc = pixel.downsampled(512);
            ev.metrics.auPro = auPro(maps, gts, 0.3);
        } catch (const Error &) {
            // No anomalous pixels in the test set.
        }
        d->lastMaps = std::move(maps);
        report(progress, "pixel metrics", 1, 1);
    }
    d->lastTestSpec = s;
    ev.imageRoc = ev.imageRoc.downsampled(512);
    ev.seconds = seconds(start);
    d->timings.evaluation = ev.seconds;
    return ev;
}

ScoreMap TrainingSession::anomalyMap(std::size_t testIndex, bool originalFrame) const
{
    if (testIndex >= d->lastMaps.size())
        return {};
    const ScoreMap &crop = d->lastMaps[testIndex];
    if (!originalFrame)
        return crop;
    const cv::Size size = readImageSize(d->category.test[testIndex].image);
    return cropFrameToOriginal(crop, size.width, size.height, d->config.resize);
}

std::vector<std::uint8_t> TrainingSession::preparedImagePng(std::size_t testIndex) const
{
    if (testIndex >= d->category.test.size())
        return {};
    ImagePreparer preparer(d->lastTestSpec.value_or(d->spec(nullptr)), cacheDirFor(d->category));
    cv::Mat rgb = preparer.prepare(d->category.test[testIndex]);
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<std::uint8_t> png;
    cv::imencode(".png", bgr, png);
    return png;
}

std::optional<PreparationSpec> TrainingSession::testPreparation() const
{
    return d->lastTestSpec;
}

fs::path TrainingSession::maskCacheDir() const
{
    return cacheDirFor(d->category);
}

const Timings &TrainingSession::timings() const
{
    return d->timings;
}

void TrainingSession::saveRun(const fs::path &runDir, const Evaluation &ev) const
{
    if (!d->heads)
        throw Error(runDir.string() + ": nothing to save, the model is not trained");
    RunFolderWriter writer(runDir);
    saveRun(writer, ev);
}

void TrainingSession::saveRun(RunFolderWriter &writer, const Evaluation &ev) const
{
    saveRun(writer, ev, d->lastMaps, nlohmann::json::array());
}

void TrainingSession::saveRun(RunFolderWriter &writer, const Evaluation &ev, const std::vector<ScoreMap> &cropMaps,
                                const nlohmann::json &robustness) const
{
    if (!d->heads)
        throw Error(writer.target().string() + ": nothing to save, the model is not trained");
    const fs::path runDir = writer.dir(); // the temporary folder; commit() below puts it in place

    nlohmann::json config = toJson(d->config);
    config["app_version"] = SAM2SIM_VERSION;
    config["kind"] = std::string(toString(d->kind()));
    config["noise_sigma"] = d->lastTraining.sigmaAbsolute;
    config["noise_sigma_rel"] = d->lastTraining.sigmaRelative;
    config["feature_scale"] = d->lastTraining.featureScale;
    // Provenance of every weights file the run used.
    config["backbone_weights_sha256"] = d->config.backboneWeights.empty()
                                            ? nlohmann::json(nullptr)
                                            : nlohmann::json(verifiedSha256(d->config.backboneWeights));
    config["sam2_weights_sha256"] = d->config.sam2Weights.empty() || !fs::is_regular_file(d->config.sam2Weights)
                                        ? nlohmann::json(nullptr)
                                        : nlohmann::json(verifiedSha256(d->config.sam2Weights));
    config["run_id"] = writer.runId();
    config["foreground_model"] = d->foregroundModel ? nlohmann::json({{"fingerprint", d->foregroundModel->fingerprint()},
                                                                       {"training_images", d->foregroundModel->trainingImages}})
                                                    : nlohmann::json(nullptr);
    writeFileAtomically(runDir / "config.json", jsonText(config));

    // The learnt foreground model the run's masks came from (classical extraction), so `eval --run` and
    // the studio extract exactly as the training did.
    if (d->foregroundModel && d->config.segmenter != "border")
        d->foregroundModel->save(runDir / "foreground_model.safetensors");
    writeSafetensors(runDir / "heads.safetensors", (*d->heads)->stateDict(),
                     {{"noise_sigma", std::to_string(d->lastTraining.sigmaAbsolute)},
                      {"noise_sigma_setting", d->config.noiseSigma.text()},
                      {"backbone", d->config.backbone}});

    std::string csv = "path,defect_type,label,score\n";
    for (const auto &r : ev.images) {
        char score[32];
        std::snprintf(score, sizeof score, "%.9g", static_cast<double>(r.score)); // 9 digits: the float exactly
        csv += csvField(r.record.image.string()) + "," + csvField(r.record.defectType) + ","
               + std::to_string(r.record.label) + "," + score + "\n";
    }
    writeFileAtomically(runDir / "scores.csv", csv);

    // Maps: 16-bit PNGs over one global range so they stay comparable.
    nlohmann::json mapRange = nullptr;
    if (!cropMaps.empty() && cropMaps.size() == ev.images.size()) {
        float lo = std::numeric_limits<float>::max(), hi = std::numeric_limits<float>::lowest();
        for (const auto &m : cropMaps)
            for (float v : m.values) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        const float span = hi > lo ? hi - lo : 1.f;
        for (std::size_t i = 0; i < cropMaps.size(); ++i) {
            const ScoreMap &m = cropMaps[i];
            cv::Mat q(m.height, m.width, CV_16UC1);
            for (int y = 0; y < m.height; ++y)
                for (int x = 0; x < m.width; ++x)
                    q.at<std::uint16_t>(y, x) = static_cast<std::uint16_t>(std::lround((m.at(x, y) - lo) / span * 65535.f));
            char name[32];
            std::snprintf(name, sizeof name, "%04zu.png", i);
            writeImage(runDir / "maps" / name, q);
        }
        mapRange = {lo, hi};
    }
    nlohmann::json metrics = evaluationJson(*this, ev);
    metrics["map_range"] = mapRange;
    if (robustness.is_array())
        metrics["robustness"] = robustness;
    addRunProvenance(metrics, writer, ev, d->category.issues);
    writeFileAtomically(runDir / "metrics.json", jsonText(metrics));
    writer.commit();
}

std::unique_ptr<TrainingSession> TrainingSession::loadRun(const fs::path &runDir)
{
    verifyRunFolder(runDir);
    const fs::path configFile = runDir / "config.json";
    const RunConfig config = runConfigFromJson(nlohmann::json::parse(readFile(configFile), nullptr, false), configFile);
    const Dataset dataset = scanDataset(config.dataRoot);
    const Category *category = dataset.find(config.category);
    if (!category)
        throw Error(configFile.string() + ": category '" + config.category + "' not found in " + config.dataRoot.string());
    auto session = std::make_unique<TrainingSession>(*category, config);
    const fs::path headsFile = runDir / "heads.safetensors";
    const Checkpoint ckpt = readCheckpoint(headsFile);
    SimpleNetHeads heads(1536, config.dscHidden, 0);
    heads->loadStateDict(ckpt.tensors, headsFile.string());
    if (const fs::path model = runDir / "foreground_model.safetensors"; fs::exists(model))
        session->d->foregroundModel = std::make_shared<const ForegroundModel>(ForegroundModel::load(model));
    heads->eval();
    session->d->fused = FusedHeads::fromHeads(heads);
    session->d->heads = heads;
    // What the training resolved and how it went, as far as the run recorded it.
    const nlohmann::json configJson = nlohmann::json::parse(readFile(configFile), nullptr, false);
    TrainingOutcome &o = session->d->lastTraining;
    o.sigmaAbsolute = configJson.value("noise_sigma", 0.0);
    o.sigmaRelative = configJson.value("noise_sigma_rel", 0.0);
    o.featureScale = configJson.value("feature_scale", 0.0);
    o.epochs = config.totalEpochs();
    o.patchFraction = config.patchFraction;
    const fs::path metricsFile = runDir / "metrics.json";
    if (fs::exists(metricsFile)) {
        const nlohmann::json m = nlohmann::json::parse(readFile(metricsFile), nullptr, false);
        if (m.is_object()) {
            o.notLearning = m.value("not_learning", false);
            if (m.contains("training") && m.at("training").is_object()) {
                const auto &t = m.at("training");
                o.loss = t.value("final_loss", 0.0);
                o.pTrue = t.value("final_p_true", 0.0);
                o.pFake = t.value("final_p_fake", 0.0);
                o.epochs = t.value("epochs", o.epochs);
                o.steps = t.value("steps", 0);
                o.warmStart = t.value("warm_start", false);
                o.curve = curveFromJson(t.value("curve", nlohmann::json::object()));
            }
            // The run's own timings, so a re-saved or reported run does not claim zero seconds.
            if (m.contains("timings") && m.at("timings").is_object()) {
                const auto &t = m.at("timings");
                session->d->timings.features = t.value("features_s", 0.0);
                session->d->timings.training = t.value("training_s", 0.0);
                session->d->timings.evaluation = t.value("evaluation_s", 0.0);
            }
        }
    }
    return session;
}

nlohmann::json evaluationJson(const TrainingSession &session, const Evaluation &ev)
{
    const auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    nlohmann::json j;
    j["image_auroc"] = num(ev.metrics.imageAuroc);
    j["pixel_auroc"] = num(ev.metrics.pixelAuroc);
    j["au_pro"] = num(ev.metrics.auPro);
    j["f1_max"] = num(ev.metrics.f1Max);
    j["f1_threshold"] = num(ev.metrics.f1Threshold);
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    for (const auto &r : ev.images) {
        scores.push_back(r.score);
        labels.push_back(static_cast<std::uint8_t>(r.record.label));
    }
    if (!std::isnan(ev.metrics.f1Threshold)) {
        const Confusion c = confusionAt(scores, labels, ev.metrics.f1Threshold);
        j["threshold"] = {{"value", ev.metrics.f1Threshold}, {"rule", "f1_max"}};
        j["confusion"] = {{"tp", c.tp}, {"fp", c.fp}, {"tn", c.tn}, {"fn", c.fn}};
    }
    const RunConfig &c = session.config();
    j["backbone"] = c.backbone;
    j["backbone_pretrained"] = !c.backboneWeights.empty();
    j["backbone_weights_sha256"] = c.backboneWeights.empty() ? nlohmann::json(nullptr)
                                                             : nlohmann::json(verifiedSha256(c.backboneWeights));
    j["segmenter"] = session.segmenterName().empty() ? nlohmann::json(nullptr) : nlohmann::json(session.segmenterName());
    j["kind"] = std::string(toString(session.kind()));
    j["preset"] = c.preset;
    j["epochs"] = session.lastTraining().epochs > 0 ? session.lastTraining().epochs : c.totalEpochs();
    const TrainingOutcome &t = session.lastTraining();
    j["noise_sigma"] = t.sigmaAbsolute;
    j["noise_sigma_rel"] = t.sigmaRelative;
    j["noise_sigma_setting"] = c.noiseSigma.text();
    j["feature_scale"] = t.featureScale;
    j["patch_fraction"] = t.patchFraction;
    j["training"] = {{"final_loss", t.loss},
                     {"final_p_true", t.pTrue},
                     {"final_p_fake", t.pFake},
                     {"epochs", t.epochs},
                     {"steps", t.steps},
                     {"warm_start", t.warmStart},
                     {"curve", curveJson(t.curve)}};
    j["not_learning"] = t.notLearning;
    j["background"] = ev.options.background == BackgroundMode::Static ? "static" : "pseudo";
    j["selection"] = "final epoch, no test-set selection";
    j["timings"] = {{"features_s", session.timings().features},
                    {"training_s", session.timings().training},
                    {"evaluation_s", ev.seconds}};
    const auto roc = [](const RocCurve &r) {
        std::vector<double> t;
        for (double v : r.thresholds)
            t.push_back(std::isinf(v) ? 1e30 : v);
        return nlohmann::json{{"fpr", r.fpr}, {"tpr", r.tpr}, {"thresholds", t}};
    };
    j["image_roc"] = roc(ev.imageRoc);
    j["pixel_roc"] = roc(ev.pixelRoc);
    j["robustness"] = nlohmann::json::array();
    return j;
}

} // namespace s2s
