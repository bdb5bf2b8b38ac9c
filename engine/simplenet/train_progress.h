#pragma once

#include <functional>

namespace s2s {

// One training step's report (the dashboard's live curves, the CLI's progress line).
struct TrainProgress
{
    int epoch = 0;  // 1-based
    int epochs = 0;
    int step = 0;   // 1-based, within the epoch
    int steps = 0;  // per epoch
    int done = 0;   // steps done in all, of
    int total = 0;  // all steps of this training (a refit may stop mid-epoch)
    double loss = 0.0;
    double pTrue = 0.0;
    double pFake = 0.0;
    double elapsedS = 0.0;
    double etaS = 0.0;
};
using TrainProgressFn = std::function<void(const TrainProgress &)>;

} // namespace s2s
