#include "engine/pipeline/session_state.h"

#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/pipeline/routing.h"

#include <ATen/ATen.h>

namespace s2s {

namespace fs = std::filesystem;

namespace {

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

} // namespace

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
bool TrainingSession::removesBackground() const { return d->removesBackground(); }

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

void TrainingSession::extractFeatures(const ProgressFn &progress, const CancelToken &cancel, bool testToo)
{
    configureThreads(d->config.threads);
    const auto start = SessionClock::now();
    d->ensureBackbone();
    if (d->removesBackground())
        d->ensureForegroundModel(progress, cancel);
    const PreparationSpec s = d->spec(nullptr);
    if (d->trainKey != s.key() || d->train.size() != d->category.train.size()) {
        FeatureBank bank;
        d->extractInto(bank, nullptr, d->category.train, s, "features (train)", progress, cancel);
        d->train = std::move(bank);
        d->trainKey = s.key();
        d->releasedTrainScale = 0.0;
    }
    if (testToo)
        d->testBank(s, progress, cancel);
    d->timings.features = secondsSince(start);
}

void TrainingSession::releaseTrainingFeatures()
{
    if (d->train.size() > 0)
        d->releasedTrainScale = d->train.featureScale();
    d->train = FeatureBank();
    d->trainKey.clear();
}

void TrainingSession::releaseTestFeatures()
{
    d->testBanks.clear();
    d->testInfo.clear();
    d->testBankOrder.clear();
    d->lastMaps = {};
}

std::size_t TrainingSession::featureBytes() const
{
    std::size_t total = d->train.bytes();
    for (const auto &[key, bank] : d->testBanks)
        total += bank.bytes();
    return total;
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
    const auto start = SessionClock::now();
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
    d->timings.training = secondsSince(start);
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
    return d->train.size() > 0 ? d->train.featureScale() : d->releasedTrainScale;
}

double TrainingSession::resolvedSigma() const
{
    return d->config.noiseSigma.absoluteFor(featureScale());
}

std::optional<PreparationSpec> TrainingSession::testPreparation() const
{
    return d->lastTestSpec;
}

fs::path TrainingSession::maskCacheDir() const
{
    return maskCacheDirFor(d->category);
}

const Timings &TrainingSession::timings() const
{
    return d->timings;
}

} // namespace s2s
