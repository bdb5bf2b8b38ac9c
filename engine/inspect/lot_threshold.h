#pragma once

#include "engine/pipeline/run_folder.h"

#include <string>

namespace s2s {

// The threshold an inspection decides at, with the rule that chose it. An image is NG when its score is
// at or above the value: the same side as eval's confusion matrix (confusionAt) and the report.
struct LotThreshold
{
    double value = 0.0;
    std::string rule; // the run's stored rule ("f1_max", ...), "f1", "fpr:X" or "value"
};

// `option` empty: the run's metrics.json "threshold" (rule and value). Otherwise a number (a fixed
// value), "f1" (F1-optimal on the run's scores.csv) or "fpr:X" (the lowest threshold with a false-positive
// rate of at most X on the run's normal test images). Throws s2s::Error naming the option or the file.
LotThreshold lotThreshold(const RunSummary &run, const std::string &option);

inline bool isNg(float score, double threshold)
{
    return static_cast<double>(score) >= threshold;
}

} // namespace s2s
