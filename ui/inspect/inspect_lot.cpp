#include "ui/inspect/inspect_lot.h"

#include "engine/inspect/lot_writer.h"
#include "ui/report/lot_report.h"

namespace s2s::ui {

InspectResult atThreshold(const InspectResult &result, const LotThreshold &threshold)
{
    InspectResult out = result;
    out.threshold = threshold.value;
    out.verdict = isNg(result.score, threshold.value) ? Verdict::Ng : Verdict::Ok;
    return out;
}

void saveLotFolder(const std::filesystem::path &out, const Inspector &inspector, const InspectedLot &lot,
                   const LotThreshold &threshold)
{
    BatchLot batch(out, inspector, threshold, "ng", false, lot.started);
    if (!lot.watched.empty())
        batch.writer().tally().extra["watched"] = lot.watched;
    for (const InspectRow &row : lot.rows) {
        if (row.skipped())
            batch.writer().skip(row.path, row.reason);
        else
            batch.writer().add(atThreshold(*row.result, threshold), inspector);
    }
    batch.commit(lot.stats, lot.finished);
}

void writeLotPdf(const QString &pdf, const Inspector &inspector, const InspectedLot &lot,
                 const LotThreshold &threshold, const ProgressFn &progress, const CancelToken &cancel)
{
    LotTally tally = batchLotTally(inspector, threshold, lot.started);
    if (!lot.watched.empty())
        tally.extra["watched"] = lot.watched;
    LotSample sample;
    for (const InspectRow &row : lot.rows) {
        if (row.skipped()) {
            tally.skip(row.path, row.reason);
            continue;
        }
        const InspectResult r = atThreshold(*row.result, threshold);
        tally.add(r);
        sample.add(r);
    }
    closeBatchTally(tally, lot.stats, lot.finished);
    const LotReportInput input{inspector.run(), tally.json(), sample.ngHighestFirst(), sample.ok(), lot.name};
    writeLotReport(input, pdf, progress, cancel);
}

} // namespace s2s::ui
