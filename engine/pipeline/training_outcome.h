#pragma once

// What a training did (sigma resolved, loss, curve) and how long the session's phases took.

#include "engine/simplenet/train_progress.h"

#include <vector>

namespace s2s {

// Timings measured by the session (seconds), written to metrics.json.
struct Timings
{
    double features = 0.0;
    double training = 0.0;
    double evaluation = 0.0;
};

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
    bool warmStart = false;     // refitted from the previous heads (a sigma change), not trained anew
    int epochs = 0;
    int steps = 0;
    double patchFraction = 1.0;
    std::vector<TrainProgress> curve; // every step's running means, as drawn live (kept in metrics.json)
};

enum class TrainMode {
    Full,  // new heads with the config's full schedule
    Refit, // warm start from the current heads, config.refitSteps steps (a sigma change); Full without heads
};

} // namespace s2s
