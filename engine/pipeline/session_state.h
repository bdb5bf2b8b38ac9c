#pragma once

// The state behind TrainingSession (private to engine/pipeline): the category and config, the frozen
// backbone and its cached feature banks, the learnt foreground model, the trained heads and the last
// evaluation's maps. Split by concern over training_session.cpp (training and refits),
// session_features.cpp (preparation and features), session_evaluation.cpp (scores, maps, metrics) and
// session_run_folder.cpp (saving and loading runs).

#include "engine/backbone/feature_extractor.h"
#include "engine/foreground/foreground_model.h"
#include "engine/pipeline/image_preparer.h"
#include "engine/pipeline/object_pose.h"
#include "engine/pipeline/routing.h"
#include "engine/pipeline/training_session.h"
#include "engine/simplenet/feature_bank.h"
#include "engine/simplenet/knn_scorer.h"
#include "engine/simplenet/scorer.h"
#include "engine/simplenet/trainer.h"

#include <array>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace s2s {

using SessionClock = std::chrono::steady_clock;

inline double secondsSince(SessionClock::time_point since)
{
    return std::chrono::duration<double>(SessionClock::now() - since).count();
}

// Where masks are cached (the user's cache folder, else the temp folder).
std::filesystem::path maskCacheDirFor(const Category &category);

// The features of one prepared test set. Where the heads fold into the backbone's taps (MobileNetV2),
// the taps themselves: about 290 KB an image at 288 px, scored about three times faster than from the
// 8 MB of patch rows the other backbones keep.
struct TestFeatures
{
    FeatureBank rows;
    std::vector<std::array<at::Tensor, 2>> taps; // per image: stride-8 [C2,h,w], stride-16 [C3,h3,w3]

    std::size_t size() const { return taps.empty() ? rows.size() : taps.size(); }
    std::size_t bytes() const;
};

// Trained heads with the optimiser state and the training history that made them.
struct HeadsSnapshot
{
    std::optional<SimpleNetHeads> heads;
    std::shared_ptr<const OptimizerMoments> moments;
    TrainingOutcome training;
};

struct TrainingSession::Impl
{
    Category category;
    RunConfig config;
    std::shared_ptr<Backbone> backbone;
    std::unique_ptr<FeatureExtractor> extractor;
    std::string backboneKey; // what the cached features depend on

    FeatureBank train;
    std::string trainKey;
    double releasedTrainScale = 0.0; // the training features' scale after releaseTrainingFeatures()
    std::map<std::string, TestFeatures> testBanks; // by preparation key
    std::map<std::string, std::vector<PreparedInfo>> testInfo; // by preparation key, per test image
    std::vector<std::string> testBankOrder;       // least recently added first

    // The kNN scorer's training taps (kept until the scorer changes) and its bank; `heads` stay empty then.
    std::vector<std::array<at::Tensor, 2>> trainTaps;
    std::optional<KnnScorer> knn;
    // The training images' pose survey behind "auto" scorer/alignment settings (measured once per
    // session; empty survey for textures), and what the settings resolved to, in words.
    std::optional<PoseSurvey> pose;
    std::string scorerChoice;

    std::optional<SimpleNetHeads> heads;
    std::shared_ptr<const OptimizerMoments> moments; // of the training that made `heads`
    FusedHeads fused;
    // The heads now (what a refine continues) and those of the last training from scratch (what every
    // refit starts from), each with its optimiser state and training history.
    HeadsSnapshot current;
    HeadsSnapshot base;

    std::vector<ScoreMap> lastMaps;
    std::optional<PreparationSpec> lastTestSpec;
    std::vector<Mask8> gtCache;
    Timings timings;
    TrainingOutcome lastTraining;
    std::string segmenterName;
    // The category's learnt foreground model (classical extraction); fitted on first need.
    std::shared_ptr<const ForegroundModel> foregroundModel;

    CategoryKind kind() const { return config.kindOverride.value_or(category.kind); }

    BackgroundRouting routing() const { return backgroundRouting(kind(), category.keepsBackground); }

    bool removesBackground() const { return config.foreground && routing().extraction; }

    bool usesKnn() const { return config.scorer == "knn"; }
    bool trained() const { return usesKnn() ? knn.has_value() : heads.has_value(); }
    // Resolves config.scorer/align "auto" from the training images' silhouettes (object_pose.h): objects
    // lying at any angle get the kNN scorer on aligned images without a centre crop (the aligned object
    // spans the frame); the rest keep the discriminator. Sets scorerChoice.
    void resolveAuto(const CancelToken &cancel);
    // `c` with its "auto" settings resolved by the survey already made (unchanged before one).
    RunConfig withAutoResolved(RunConfig c) const;

    std::string currentBackboneKey() const
    {
        return config.backbone + "|" + config.backboneWeights.string() + "|" + std::to_string(config.resize) + "|"
               + std::to_string(config.imageSize) + "|" + std::to_string(config.seed);
    }

    bool usesForegroundModel() const
    {
        return config.segmenter != "border" && routing().extraction;
    }

    PreparationSpec spec(const EvalOptions *pseudo) const;

    void ensureBackbone();

    // Learns the object's look from the training images (static, plain background: the border-colour
    // segmenter, extended by the object's faint parts, is reliable there). Cheap (one small segmentation per training image, cached on disk).
    void ensureForegroundModel(const ProgressFn &progress, const CancelToken &cancel);

    // Prepares `records` and stores their patch rows in `bank`, or, when `taps` is given, their
    // backbone taps there instead.
    void extractInto(FeatureBank &bank, std::vector<PreparedInfo> *infos, const std::vector<ImageRecord> &records,
                     const PreparationSpec &s, const std::string &stage, const ProgressFn &progress,
                     const CancelToken &cancel, std::vector<std::array<at::Tensor, 2>> *taps = nullptr);

    TestFeatures &testBank(const PreparationSpec &s, const ProgressFn &progress, const CancelToken &cancel);

    const std::vector<Mask8> &groundTruth();
};

} // namespace s2s
