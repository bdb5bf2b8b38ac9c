#pragma once

// What a training did (sigma resolved, loss, curve) and how long the session's phases took.

#include "engine/simplenet/train_progress.h"

#include <optional>
#include <string>
#include <vector>

namespace s2s {

// Timings measured by the session (seconds), written to metrics.json.
struct Timings
{
    double features = 0.0;
    double training = 0.0;
    double evaluation = 0.0;
};

// One stage of the training that made a model's heads: trained from scratch, refitted from the heads of
// the last training from scratch after a sigma change (the first curves), or refined further (the final
// curves of that sigma).
struct TrainingStage
{
    enum class Kind { Full, Refit, Refine };
    Kind kind = Kind::Full;
    int steps = 0;
    double sigmaAbsolute = 0.0;
    double sigmaRelative = 0.0;
};

const char *toString(TrainingStage::Kind kind); // "full", "refit", "refine"
std::optional<TrainingStage::Kind> stageKindFromString(const std::string &text);

// What the last training did: the sigma it resolved and how its last epoch went.
struct TrainingOutcome
{
    double featureScale = 0.0;  // sqrt(mean per-dimension variance) of the training features
    double sigmaAbsolute = 0.0; // the noise sigma used, in feature units
    double sigmaRelative = 0.0; // the same, as a factor of featureScale
    double loss = 0.0;          // last-epoch means
    double pTrue = 0.0;
    double pFake = 0.0;
    bool notLearning = false;   // the discriminator never left its stationary point
    bool warmStart = false;     // refitted or refined (a sigma change), not trained anew
    int epochs = 0;
    int steps = 0;              // of the last stage
    std::vector<TrainingStage> history; // every stage that made these heads, the training from scratch first
    int totalSteps() const;             // over the history (steps when it is empty: an old run)
    bool refitOnly() const { return !history.empty() && history.back().kind == TrainingStage::Kind::Refit; }
    double patchFraction = 1.0;
    std::vector<TrainProgress> curve; // every step's running means, as drawn live (kept in metrics.json)
};

enum class TrainMode {
    Full,   // new heads with the config's full schedule: the base that every refit starts from
    Refit,  // a sigma change's first look: config.refitSteps steps from the base heads (Full without heads)
    Refine, // continues a Refit's heads to the converged budget (TrainingSession::refineSteps())
};

} // namespace s2s
