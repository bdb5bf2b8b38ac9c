#pragma once

#include "engine/pipeline/training_outcome.h"

#include <QString>

namespace s2s::ui {

// How a model's heads were trained, in words, as the studio and the report say it: "64 steps from
// scratch at sigma 0.3048; refitted 8 steps at sigma 0.6096; refined 24 more (96 steps in all)". Runs
// saved before the history was kept: their step count only.
QString trainingHistoryText(const TrainingOutcome &training);

} // namespace s2s::ui
