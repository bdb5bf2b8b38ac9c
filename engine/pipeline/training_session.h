#pragma once

#include "engine/core/progress.h"
#include "engine/core/score_map.h"
#include "engine/data/dataset.h"
#include "engine/eval/metrics.h"
#include "engine/pipeline/evaluation.h"
#include "engine/pipeline/image_preparer.h"
#include "engine/pipeline/run_config.h"
#include "engine/pipeline/training_outcome.h"
#include "engine/simplenet/train_progress.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace s2s {

class RunFolderWriter;

// The train-and-evaluate session. One category under one config: backbone features (cached), trained SimpleNet heads, evaluations.
// Not thread-safe: the caller runs one job at a time on it (the UI queues; a newer request cancels an
// older one). A cancelled job leaves the previous heads and evaluation untouched.
class TrainingSession
{
public:
    TrainingSession(Category category, RunConfig config);
    ~TrainingSession();

    const Category &category() const;
    const RunConfig &config() const;
    CategoryKind kind() const; // override, else scanner kind
    bool removesBackground() const; // foreground on and the category's routing allows extraction
    // Changing only SimpleNet head settings (sigma, epochs, lr, seed) keeps cached features.
    void setConfig(const RunConfig &config);

    bool backbonePretrained() const;
    std::string backboneDescription() const; // name, weights hash or "not pretrained"
    std::string segmenterName() const;       // empty when foreground extraction is off

    // Backbone pass over train and test images (after the configured preparation); cached. Without
    // `testToo` only the training images (a job that evaluates only on other test sets).
    void extractFeatures(const ProgressFn &progress, const CancelToken &cancel, bool testToo = true);
    // Frees the cached features. A job that evaluates a trained model once per test set and never
    // refits (table1) keeps only one set in memory at a time; the next train() or evaluate() extracts
    // again what it needs. featureScale() stays what the training features had.
    void releaseTrainingFeatures();
    void releaseTestFeatures(); // the test sets and the last evaluation's maps
    std::size_t featureBytes() const; // what the cached features hold now
    // Trained: heads for the discriminator, the bank for the kNN scorer.
    bool hasHeads() const;
    // The kNN scorer (config.scorer "knn", or "auto" resolved to it): no noise sigma, nothing to refit.
    bool usesKnn() const;
    // "SimpleNet discriminator", "nearest training patch within 2 patches of the position, objects aligned
    // to one pose", ...; and why those settings (the "auto" survey, or "set in the run's configuration").
    std::string scorerDescription() const;
    std::string scorerChoice() const;
    // Full: new heads, the base of later refits. Refit: config.refitSteps steps from the base heads (a sigma
    // change's first look). Refine: refineSteps() more steps from the refit's heads; the two together
    // run convergedSteps(), 3/8 of a full training's steps (measured enough: docs/results.md). Refit and
    // Refine without trained heads train in full.
    void train(const TrainProgressFn &progress, const CancelToken &cancel, TrainMode mode = TrainMode::Full);
    int convergedSteps() const;
    int refineSteps() const;
    const TrainingOutcome &lastTraining() const;
    // The trained heads, config and training outcome, to put back after an exploratory job (a sigma
    // sweep) has trained others. Opaque; cheap (the heads are shared, training never mutates them).
    struct SavedHeads
    {
        std::shared_ptr<const void> state;
    };
    SavedHeads saveHeads() const;
    void restoreHeads(const SavedHeads &saved);
    // The training features' scale (0 before features are extracted) and the absolute sigma the
    // config resolves to on them.
    double featureScale() const;
    double resolvedSigma() const;
    Evaluation evaluate(const EvalOptions &options, const ProgressFn &progress, const CancelToken &cancel);

    // Anomaly map of a test image from the last evaluation with maps: in the crop frame
    // (imageSize^2, as metrics use) or mapped back onto the original image (for display).
    ScoreMap anomalyMap(std::size_t testIndex, bool originalFrame) const;
    // The image the backbone saw for a test image under the last evaluation's options (RGB, native size).
    std::vector<std::uint8_t> preparedImagePng(std::size_t testIndex) const;
    // How the last evaluation prepared the test images (pseudo-background composite, foreground
    // extraction; nullopt before one) and where masks are cached: with an ImagePreparer the image that
    // was scored can be redrawn off the session's thread (the studio's viewer shows composites).
    std::optional<PreparationSpec> testPreparation() const;
    std::filesystem::path maskCacheDir() const;

    const Timings &timings() const;

    // Run folder: config.json, heads.safetensors, scores.csv, metrics.json, maps/, written as one
    // transaction (run_folder.h). The second form writes into a writer opened before the work (so a bad
    // --out or a concurrent writer fails at once) and commits it.
    void saveRun(const std::filesystem::path &runDir, const Evaluation &evaluation) const;
    void saveRun(RunFolderWriter &writer, const Evaluation &evaluation) const;
    // The same with the anomaly maps given (crop frame, one per test image of `evaluation`, or none) instead
    // of the last evaluation's, and metrics.json "robustness" entries (robustnessEntry) to record: writes
    // exactly the results a caller holds (the studio's results on screen) without evaluating again.
    void saveRun(RunFolderWriter &writer, const Evaluation &evaluation, const std::vector<ScoreMap> &cropMaps,
                 const nlohmann::json &robustness) const;
    // Restores config and heads from a run folder (rescans the dataset named in its config).
    static std::unique_ptr<TrainingSession> loadRun(const std::filesystem::path &runDir);

private:
    void trainKnn(TrainMode mode, const CancelToken &cancel);

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace s2s
