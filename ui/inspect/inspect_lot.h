#pragma once

#include "engine/core/progress.h"
#include "engine/inspect/inspector.h"
#include "engine/inspect/lot_threshold.h"

#include <QString>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace s2s::ui {

// One row of the Inspect tab: an inspected image, or an input skipped with its one-line reason.
struct InspectRow
{
    std::shared_ptr<const InspectResult> result; // null: skipped
    std::string path;
    std::string reason;

    bool skipped() const { return !result; }
};

// The lot on screen: its rows in input order (skipped names first, as the CLI collects them) and the
// figures of the pass that inspected it. Verdicts are not stored: they follow the threshold on screen.
struct InspectedLot
{
    std::vector<InspectRow> rows;
    LotStats stats;
    std::string started;
    std::string finished;
    std::string name; // the lot's name in its report (the folder inspected, or the saved lot's folder)
    std::string watched; // the folder a watch inspected (lot.json "watched"); empty for a batch
};

// The result as it reads at `threshold` (verdict and threshold), everything else unchanged.
InspectResult atThreshold(const InspectResult &result, const LotThreshold &threshold);

// Writes the lot folder exactly as `sam2sim inspect --images ... --out OUT` (engine/inspect/lot_writer.h):
// verdicts.csv, lot.json, maps of NG images; OUT appears whole or not at all. Throws s2s::Error.
void saveLotFolder(const std::filesystem::path &out, const Inspector &inspector, const InspectedLot &lot,
                   const LotThreshold &threshold);

// Writes the lot report PDF as `sam2sim inspect --report` does. Throws s2s::Error or s2s::Cancelled.
void writeLotPdf(const QString &pdf, const Inspector &inspector, const InspectedLot &lot,
                 const LotThreshold &threshold, const ProgressFn &progress, const CancelToken &cancel);

} // namespace s2s::ui
