#include "engine/pipeline/session_state.h"

#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/pipeline/routing.h"

#include <ATen/ATen.h>

#include <algorithm>

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

void TrainingSession::setConfig(const RunConfig &requested)
{
    const RunConfig config = d->withAutoResolved(requested);
    if (config.scorer != d->config.scorer || config.align != d->config.align) {
        // Another scorer or pose: features, bank and heads of the old one do not apply.
        d->trainKey.clear();
        d->trainTaps.clear();
        d->train = FeatureBank();
        d->knn.reset();
        d->testBanks.clear();
        d->testInfo.clear();
        d->testBankOrder.clear();
        d->lastMaps = {};
        if (requested.scorer != "auto" && requested.align != "auto")
            d->scorerChoice.clear();
    }
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
    d->resolveAuto(cancel);
    d->ensureBackbone();
    if (d->removesBackground())
        d->ensureForegroundModel(progress, cancel);
    const PreparationSpec s = d->spec(nullptr);
    // The features' time is that of the last extraction: a refit on cached features keeps it (a report
    // said "features 0.0 s" of a run whose features took a minute).
    bool extracted = testToo && d->testBanks.find(s.key()) == d->testBanks.end();
    // The discriminator trains on patch rows, the kNN scorer keeps the taps.
    const bool knn = d->usesKnn();
    const std::size_t have = knn ? d->trainTaps.size() : d->train.size();
    if (d->trainKey != s.key() || have != d->category.train.size()) {
        extracted = true;
        FeatureBank bank;
        std::vector<std::array<at::Tensor, 2>> taps;
        d->extractInto(bank, nullptr, d->category.train, s, "features (train)", progress, cancel, knn ? &taps : nullptr);
        d->train = std::move(bank);
        d->trainTaps = std::move(taps);
        d->trainKey = s.key();
        d->releasedTrainScale = 0.0;
    }
    if (testToo)
        d->testBank(s, progress, cancel);
    if (extracted)
        d->timings.features = secondsSince(start);
}

void TrainingSession::releaseTrainingFeatures()
{
    if (d->train.size() > 0)
        d->releasedTrainScale = d->train.featureScale();
    d->train = FeatureBank();
    d->trainTaps.clear();
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
    return d->trained();
}

bool TrainingSession::usesKnn() const
{
    return d->usesKnn();
}

std::string TrainingSession::scorerDescription() const
{
    const RunConfig &c = d->config;
    std::string text = c.scorer == "knn" ? "nearest training patch"
                                         : c.scorer == "discriminator" ? "SimpleNet discriminator" : "auto";
    if (c.scorer == "knn")
        text += d->knn && d->knn->radius() >= 0 ? " within " + std::to_string(d->knn->radius()) + " patches of the position"
                                                : "";
    if (c.align == "on")
        text += ", objects aligned to one pose";
    return text;
}

std::string TrainingSession::scorerChoice() const
{
    return d->scorerChoice;
}

int TrainingSession::convergedSteps() const
{
    const std::size_t images = d->train.size() > 0 ? d->train.size() : d->category.train.size();
    // 3/8 of a full training (24 of the fast preset's 64 steps): measured within 0.01 image / 0.015 pixel
    // AUROC of a cold training at 0.5x-2x, and within the 25 s a sigma change may take (docs/results.md).
    return std::max(d->config.refitSteps, d->config.effectiveSteps(images) * 3 / 8);
}

int TrainingSession::refineSteps() const
{
    return std::max(0, convergedSteps() - d->config.refitSteps);
}

void TrainingSession::train(const TrainProgressFn &progress, const CancelToken &cancel, TrainMode mode)
{
    configureThreads(d->config.threads);
    d->resolveAuto(cancel);
    if (d->usesKnn()) {
        trainKnn(mode, cancel);
        return;
    }
    d->knn.reset();
    if (d->removesBackground())
        d->ensureForegroundModel({}, cancel);
    if (d->trainKey != d->spec(nullptr).key() || d->train.size() == 0)
        extractFeatures({}, cancel);
    const auto start = SessionClock::now();
    const double scale = d->train.featureScale();
    TrainSettings settings = trainSettings(d->config, scale, d->train.size());
    // A refit starts from the base heads (the last training from scratch), whatever was refitted since:
    // the result for a sigma does not depend on the sigmas visited before. A refine continues the heads
    // of the refit before it.
    const bool warm = mode != TrainMode::Full && d->base.heads.has_value() && d->heads.has_value();
    const HeadsSnapshot &from = mode == TrainMode::Refine ? d->current : d->base;
    TrainingOutcome before = warm ? from.training : TrainingOutcome{};
    if (warm) {
        const int steps = mode == TrainMode::Refine ? refineSteps() : d->config.refitSteps;
        if (steps <= 0)
            return; // nothing to refine: the refit had the whole budget
        const int perEpoch = static_cast<int>((d->train.size() + static_cast<std::size_t>(settings.batchSize) - 1)
                                              / static_cast<std::size_t>(settings.batchSize));
        settings.epochs = (steps + perEpoch - 1) / perEpoch;
        settings.maxSteps = steps;
        // Fresh batches: with the training's own seed a warm stage would replay its first batches (the same
        // images, rows and noise), so each stage draws from a seed moved on by the steps already trained.
        settings.seed = static_cast<std::uint64_t>(d->config.seed) + 7919ULL * static_cast<std::uint64_t>(before.totalSteps());
    }
    std::vector<TrainProgress> curve;
    const TrainProgressFn record = [&](const TrainProgress &p) {
        curve.push_back(p);
        if (progress)
            progress(p);
    };
    TrainedHeads trained = trainHeads(d->train, settings, record, cancel, warm ? &*from.heads : nullptr,
                                      warm ? from.moments.get() : nullptr);
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
    o.history = warm ? before.history : std::vector<TrainingStage>{};
    if (warm && o.history.empty()) // heads read from an old run folder: one stage of unknown kind, counted as full
        o.history.push_back({TrainingStage::Kind::Full, before.steps, before.sigmaAbsolute, before.sigmaRelative});
    o.history.push_back({!warm ? TrainingStage::Kind::Full
                               : mode == TrainMode::Refine ? TrainingStage::Kind::Refine : TrainingStage::Kind::Refit,
                         o.steps, o.sigmaAbsolute, o.sigmaRelative});
    d->current = {d->heads, d->moments, o};
    if (!warm)
        d->base = d->current;
}

void TrainingSession::trainKnn(TrainMode mode, const CancelToken &cancel)
{
    // Nothing is learnt, so a sigma change's refit has nothing to do: the bank stands.
    if (mode != TrainMode::Full && d->knn)
        return;
    if (d->removesBackground())
        d->ensureForegroundModel({}, cancel);
    if (d->trainKey != d->spec(nullptr).key() || d->trainTaps.size() != d->category.train.size())
        extractFeatures({}, cancel, false);
    const auto start = SessionClock::now();
    KnnScorer knn(d->config.align == "on" ? kKnnAlignedRadius : -1);
    constexpr std::size_t kBatch = 16;
    for (std::size_t first = 0; first < d->trainTaps.size(); first += kBatch) {
        cancel.throwIfCancelled();
        std::vector<at::Tensor> f2, f3;
        for (std::size_t i = first; i < std::min(d->trainTaps.size(), first + kBatch); ++i) {
            f2.push_back(d->trainTaps[i][0]);
            f3.push_back(d->trainTaps[i][1]);
        }
        knn.add(at::stack(f2), at::stack(f3));
    }
    knn.build();
    d->knn = std::move(knn);
    d->heads.reset();
    d->moments.reset();
    d->current = {};
    d->base = {};
    d->timings.training = secondsSince(start);
    d->lastTraining = TrainingOutcome{};
}

const char *toString(TrainingStage::Kind kind)
{
    switch (kind) {
    case TrainingStage::Kind::Refit:
        return "refit";
    case TrainingStage::Kind::Refine:
        return "refine";
    case TrainingStage::Kind::Full:
        break;
    }
    return "full";
}

std::optional<TrainingStage::Kind> stageKindFromString(const std::string &text)
{
    for (const auto kind : {TrainingStage::Kind::Full, TrainingStage::Kind::Refit, TrainingStage::Kind::Refine})
        if (text == toString(kind))
            return kind;
    return std::nullopt;
}

int TrainingOutcome::totalSteps() const
{
    if (history.empty())
        return steps;
    int total = 0;
    for (const auto &stage : history)
        total += stage.steps;
    return total;
}

namespace {

struct HeadsState
{
    RunConfig config;
    std::optional<KnnScorer> knn; // shares the bank's tensors
    FusedHeads fused;
    HeadsSnapshot current;
    HeadsSnapshot base;
};

} // namespace

TrainingSession::SavedHeads TrainingSession::saveHeads() const
{
    return {std::make_shared<const HeadsState>(
        HeadsState{d->config, d->knn, d->fused, {d->heads, d->moments, d->lastTraining}, d->base})};
}

void TrainingSession::restoreHeads(const SavedHeads &saved)
{
    if (!saved.state)
        return;
    const auto &st = *std::static_pointer_cast<const HeadsState>(saved.state);
    setConfig(st.config);
    d->knn = st.knn;
    d->heads = st.current.heads;
    d->moments = st.current.moments;
    d->fused = st.fused;
    d->lastTraining = st.current.training;
    d->current = st.current;
    d->base = st.base;
}

const TrainingOutcome &TrainingSession::lastTraining() const
{
    return d->lastTraining;
}

double TrainingSession::featureScale() const
{
    if (d->usesKnn())
        return 0.0; // no noise sigma to scale
    return d->train.size() > 0 ? d->train.featureScale() : d->releasedTrainScale;
}

double TrainingSession::resolvedSigma() const
{
    return d->config.noiseSigma.absoluteFor(featureScale());
}

std::optional<PreparationSpec> TrainingSession::testPreparation() const
{
    // For redrawing the scored image under its map, which is in the original image's frame.
    std::optional<PreparationSpec> spec = d->lastTestSpec;
    if (spec)
        spec->align = false;
    return spec;
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
