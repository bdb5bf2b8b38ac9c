#pragma once

#include "engine/core/progress.h"
#include "engine/eval/metrics.h"
#include "engine/pipeline/run_folder.h"
#include "ui/report/gallery_tile.h"
#include "ui/report/report_canvas.h"
#include "ui/report/report_writer.h"
#include "ui/report/threshold_rule.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace s2s::ui {

// Page geometry of the report, in points (A4 portrait).
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.89;
inline constexpr double kMarginX = 42.0;
inline constexpr double kContentTop = 56.0;
inline constexpr double kContentBottom = kPageHeight - 50.0;
inline constexpr double kContentWidth = kPageWidth - 2 * kMarginX;

// Everything the sections need, computed once from the run.
struct ReportContext
{
    const RunSummary &run;
    ReportOptions options;
    ThresholdChoice threshold;
    Confusion confusion;
    std::vector<float> normalScores;
    std::vector<float> anomalousScores;
    std::vector<std::size_t> galleryRows; // scores.csv rows, highest score first
    MapRange range;
    nlohmann::json storedConfig;          // config.json as written (app_version, created)
    QString generatedAt;
    ProgressFn progress;
    CancelToken cancel;
};

// A piece of a page that is never split: the paginator moves it to the next page when it does not
// fit. `paint` draws it with its top edge at `top` (points).
struct ReportBlock
{
    double height = 0.0;
    bool newPage = false;
    std::function<void(ReportCanvas &canvas, double top)> paint;
    bool keepWithNext = false; // headings: moved to the next page with the block that follows them
};

// Lays the blocks out on A4 pages (a block is never split; headings keep with what follows), draws each
// page's frame and writes the PDF atomically, checking that it was written whole. Returns the page
// count; throws s2s::Error("<file>: <problem>"). Needs a QGuiApplication (fonts).
int writePdfDocument(const QString &pdfPath, const QString &title,
                     const std::function<std::vector<ReportBlock>(ReportCanvas &)> &blocksOf,
                     const std::function<void(ReportCanvas &, int page, int pages)> &pageFrame);

inline QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

// Optional numbers and strings of metrics.json (absent, null or NaN give nullopt).
std::optional<double> jsonNumber(const nlohmann::json &object, const char *key);
std::string jsonString(const nlohmann::json &object, const char *key, const std::string &fallback);

std::vector<ReportBlock> titleSection(const ReportContext &context, ReportCanvas &canvas);
std::vector<ReportBlock> curvesSection(const ReportContext &context, ReportCanvas &canvas);
// Dynamic vs Sam2Sim image AUROC per background family, with mask IoU (ReportOptions::perFamily).
std::vector<ReportBlock> familySection(const ReportContext &context, ReportCanvas &canvas);
std::vector<ReportBlock> robustnessSection(const ReportContext &context, ReportCanvas &canvas);
std::vector<ReportBlock> gallerySection(const ReportContext &context, ReportCanvas &canvas);

// A heading followed by space for content; shared by the sections.
ReportBlock headingBlock(const QString &text, bool newPage);
// Label/value rows on alternating shading (the report's provenance table).
ReportBlock factsBlock(ReportCanvas &canvas, const std::vector<std::pair<QString, QString>> &facts);
// A wrapped paragraph over the content width.
ReportBlock paragraphBlock(ReportCanvas &canvas, const QString &text, double pointSize = 8.5,
                           bool italic = false);

} // namespace s2s::ui
