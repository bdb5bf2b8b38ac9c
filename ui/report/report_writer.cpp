#include "ui/report/report_writer.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "ui/report/report_sections.h"
#include "ui/report/report_tr.h"

#include <QDateTime>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <fstream>
#include <numeric>
#include <string>

namespace s2s::ui {

namespace {

constexpr int kResolution = 600; // device units per inch; geometry is kept in points

void drawPageFrame(ReportCanvas &c, const ReportContext &ctx, int page, int pages)
{
    const QColor muted(120, 120, 120);
    c.setFont(7);
    c.setPen(muted);
    if (page > 0) {
        c.text(QRectF(kMarginX, 26, kContentWidth, 12), Qt::AlignLeft | Qt::AlignVCenter,
               Report::tr("Sam2Sim Studio inspection report - %1")
                   .arg(QString::fromStdString(ctx.run.config.category)));
        c.text(QRectF(kMarginX, 26, kContentWidth, 12), Qt::AlignRight | Qt::AlignVCenter, ctx.generatedAt);
        c.setPen(QColor(200, 200, 200), 0.5);
        c.line({kMarginX, 40}, {kMarginX + kContentWidth, 40});
    }
    c.setPen(QColor(200, 200, 200), 0.5);
    c.line({kMarginX, kPageHeight - 38}, {kMarginX + kContentWidth, kPageHeight - 38});
    c.setFont(7.5);
    c.setPen(muted);
    c.text(QRectF(kMarginX, kPageHeight - 34, kContentWidth, 12), Qt::AlignCenter,
           Report::tr("Page %1 of %2").arg(page + 1).arg(pages));
}

ReportContext makeContext(const RunSummary &run, const ReportOptions &options, const ProgressFn &progress,
                          const CancelToken &cancel)
{
    cancel.throwIfCancelled();
    if (run.scores.empty())
        throw Error((run.dir / "scores.csv").string() + ": no test images to report on");
    ReportContext ctx{run, options, chooseThreshold(run, options.thresholdRule), {}, {}, {}, {},
                      mapRange(run), nlohmann::json::object(),
                      QDateTime::currentDateTime().toString(Qt::ISODate), progress, cancel};
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    for (const ScoreRow &row : run.scores) {
        scores.push_back(row.score);
        labels.push_back(row.label != 0 ? 1 : 0);
        (row.label != 0 ? ctx.anomalousScores : ctx.normalScores).push_back(row.score);
    }
    ctx.confusion = confusionAt(scores, labels, ctx.threshold.value);

    ctx.galleryRows.resize(run.scores.size());
    std::iota(ctx.galleryRows.begin(), ctx.galleryRows.end(), std::size_t{0});
    std::stable_sort(ctx.galleryRows.begin(), ctx.galleryRows.end(), [&](std::size_t a, std::size_t b) {
        return run.scores[a].score > run.scores[b].score;
    });
    if (options.galleryLimit > 0 && ctx.galleryRows.size() > static_cast<std::size_t>(options.galleryLimit))
        ctx.galleryRows.resize(static_cast<std::size_t>(options.galleryLimit));

    // config.json holds provenance that RunConfig does not (creation time, app version).
    try {
        ctx.storedConfig = readJsonFile(run.dir / "config.json");
    } catch (const std::exception &) {
        ctx.storedConfig = nlohmann::json::object();
    }
    return ctx;
}

} // namespace

namespace {

struct PlacedBlock
{
    const ReportBlock *block;
    double top;
};

std::vector<std::vector<PlacedBlock>> paginate(const std::vector<ReportBlock> &blocks)
{
    constexpr double gap = 8.0;
    std::vector<std::vector<PlacedBlock>> pages(1);
    double y = kContentTop;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const ReportBlock &block = blocks[i];
        // A heading (or an introduction) goes with the block under it: never alone at the foot of a page.
        double needed = block.height;
        for (std::size_t k = i; blocks[k].keepWithNext && k + 1 < blocks.size() && !blocks[k + 1].newPage; ++k)
            needed += gap + blocks[k + 1].height;
        const bool fits = y + needed <= kContentBottom;
        if (!pages.back().empty() && (block.newPage || !fits)) {
            pages.emplace_back();
            y = kContentTop;
        }
        pages.back().push_back({&block, y});
        y += block.height + gap;
    }
    return pages;
}

bool endsWithPdfTrailer(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
    if (size < 64)
        return false;
    std::string tail(32, '\0');
    in.seekg(size - 32);
    return in.read(tail.data(), 32) && tail.find("%%EOF") != std::string::npos;
}

} // namespace

int writePdfDocument(const QString &pdfPath, const QString &title,
                     const std::function<std::vector<ReportBlock>(ReportCanvas &)> &blocksOf,
                     const std::function<void(ReportCanvas &, int page, int pages)> &pageFrame)
{
    int pageCount = 0;
    writeFileAtomically(pdfPath.toStdString(), [&](const std::filesystem::path &tmp) {
        QPdfWriter writer(QString::fromStdString(tmp.string()));
        writer.setResolution(kResolution);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF()));
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("Sam2Sim Studio " SAM2SIM_VERSION));
        QPainter painter;
        if (!painter.begin(&writer))
            throw Error(pdfPath.toStdString() + ": cannot write the PDF");
        painter.setRenderHint(QPainter::Antialiasing);
        ReportCanvas canvas(painter, kResolution / 72.0);
        const std::vector<ReportBlock> blocks = blocksOf(canvas);
        const auto pages = paginate(blocks);
        for (std::size_t p = 0; p < pages.size(); ++p) {
            if (p > 0 && !writer.newPage())
                throw Error(pdfPath.toStdString() + ": writing the PDF failed (cannot add a page; disk full?); an earlier file there is kept");
            pageFrame(canvas, static_cast<int>(p), static_cast<int>(pages.size()));
            for (const PlacedBlock &placed : pages[p])
                placed.block->paint(canvas, placed.top);
        }
        if (!painter.end())
            throw Error(pdfPath.toStdString() + ": writing the PDF failed");
        // QPdfWriter does not report a failed write (a full disk, a file size limit): the file must end
        // with the PDF trailer, or it is not put in place of an earlier report.
        if (!endsWithPdfTrailer(tmp))
            throw Error(pdfPath.toStdString() + ": writing the PDF failed (disk full?); an earlier file there is kept");
        pageCount = static_cast<int>(pages.size());
    });
    return pageCount;
}

ReportResult writeReport(const RunSummary &run, const QString &pdfPath, const ReportOptions &options,
                         const ProgressFn &progress, const CancelToken &cancel)
{
    const ReportContext ctx = makeContext(run, options, progress, cancel);
    ReportResult result;
    result.threshold = ctx.threshold;
    result.confusion = ctx.confusion;

    result.pages = writePdfDocument(
        pdfPath, Report::tr("Inspection report: %1").arg(QString::fromStdString(run.config.category)),
        [&](ReportCanvas &canvas) {
            std::vector<ReportBlock> blocks;
            for (auto section : {&titleSection, &curvesSection, &robustnessSection, &familySection, &gallerySection}) {
                std::vector<ReportBlock> part = section(ctx, canvas);
                std::move(part.begin(), part.end(), std::back_inserter(blocks));
            }
            return blocks;
        },
        [&](ReportCanvas &canvas, int page, int pages) { drawPageFrame(canvas, ctx, page, pages); });
    return result;
}

} // namespace s2s::ui
