#pragma once

#include "engine/core/progress.h"
#include "engine/inspect/inspector.h"
#include "engine/pipeline/run_folder.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace s2s::ui {

// What a lot report shows: the run that inspected it, the lot's lot.json figures, the NG images to
// show (highest score first, with their maps and masks), a sample of OK images, and the lot's name.
struct LotReportInput
{
    const RunSummary &run;
    nlohmann::json lot; // lot.json content (LotTally::json)
    std::vector<InspectResult> ngImages;
    std::vector<InspectResult> okSample;
    std::string lotName;
};

// Writes the lot report (A4 PDF, the inspection report's look) atomically: summary (lot, date, run id
// and its test-set accuracy, model and weights hashes, threshold and rule, counts, NG rate,
// throughput), an NG gallery by score with heatmaps and foreground outlines, the OK sample and the
// skipped files. Returns the page count; throws s2s::Error("<file>: <problem>") or s2s::Cancelled.
// Needs a QGuiApplication (fonts).
int writeLotReport(const LotReportInput &input, const QString &pdfPath, const ProgressFn &progress = {},
                   const CancelToken &cancel = {});

} // namespace s2s::ui
