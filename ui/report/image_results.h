#pragma once

#include "engine/pipeline/run_folder.h"

#include <QString>

namespace s2s::ui {

// The outcome of one test image at a threshold (score >= threshold is anomalous).
enum class Outcome { TruePositive, FalsePositive, TrueNegative, FalseNegative };

Outcome outcomeOf(const ScoreRow &row, double threshold);
bool isError(Outcome outcome);
QString outcomeCode(Outcome outcome); // "TP", "FP", "TN", "FN"

// Writes per-image results as CSV (atomically): path,defect_type,label,score,verdict,outcome with
// verdict "anomalous"/"normal" at `threshold`. Throws s2s::Error naming the file on failure.
void writeResultsCsv(const RunSummary &run, double threshold, const QString &csvPath);

} // namespace s2s::ui
