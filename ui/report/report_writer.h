#pragma once

#include "engine/core/progress.h"
#include "engine/eval/metrics.h"
#include "engine/pipeline/run_folder.h"
#include "ui/report/threshold_rule.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace s2s::ui {

struct ReportOptions
{
    std::optional<ThresholdRule> thresholdRule; // none: the threshold stored with the run
    int galleryLimit = 0;                       // most images in the gallery (by score); 0: all
    int thumbnailPixels = 220;                  // longest side of gallery images
    QString runFolderText;                      // the "Run folder" line; empty: the folder read
    // How the reader runs a pseudo-background evaluation where the report was made (the studio names
    // its action); empty: the CLI command.
    QString pseudoHint;
    // Per-background-family results of the run's category (a table1.json "categories" entry, from
    // `sam2sim table1 --per-family` or the studio's per-family comparison); null: no such section.
    nlohmann::json perFamily;
};

struct ReportResult
{
    int pages = 0;
    ThresholdChoice threshold;
    Confusion confusion;
};

// Writes the PDF inspection report of a run (A4, vector charts, embedded fonts) atomically: title
// page with provenance and threshold rule, metrics and confusion matrix, ROC curves and score
// histogram, pseudo-background robustness, and a gallery of test images by score. Reports progress
// per gallery image under stage "report". Throws s2s::Error("<file>: <problem>") or s2s::Cancelled.
// Needs a QGuiApplication (fonts).
ReportResult writeReport(const RunSummary &run, const QString &pdfPath, const ReportOptions &options = {},
                         const ProgressFn &progress = {}, const CancelToken &cancel = {});

} // namespace s2s::ui
