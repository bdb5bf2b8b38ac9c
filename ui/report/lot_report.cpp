#include "ui/report/lot_report.h"

#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "ui/report/gallery_tile.h"
#include "ui/report/report_sections.h"
#include "ui/report/report_tr.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace s2s::ui {

namespace {

constexpr double kTileGap = 10.0;
constexpr double kTileWidth = (kContentWidth - kTileGap) / 2;
constexpr double kTileHeight = 110.0;
constexpr double kImageSide = 80.0;
constexpr std::size_t kMaxSkippedLines = 200;

const QColor kText(30, 30, 30);
const QColor kMuted(110, 110, 110);
const QColor kNg(205, 40, 40);
const QColor kOk(40, 150, 70);
const QColor kAccent(30, 80, 150);

QString textOf(const nlohmann::json &object, const char *key, const QString &fallback = {})
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    return it->is_string() ? fromStd(it->get<std::string>()) : fromStd(it->dump());
}

double numberOf(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<double>() : std::nan("");
}

void drawBadge(ReportCanvas &c, const QRectF &rect, const QColor &color, const QString &text)
{
    c.setPen(color, 0.5);
    c.painter().setBrush(color);
    const double k = c.unitsPerPoint();
    c.painter().drawRoundedRect(c.toDevice(rect), 2 * k, 2 * k);
    c.painter().setBrush(Qt::NoBrush);
    c.setFont(6.5, true);
    c.setPen(Qt::white);
    c.text(rect, Qt::AlignCenter, text);
}

void drawContours(ReportCanvas &c, const QRectF &box, const QList<QPolygonF> &contours)
{
    for (const auto &[color, width] : {std::pair{QColor(0, 0, 0, 160), 1.6}, std::pair{QColor(Qt::white), 0.7}}) {
        c.setPen(color, width);
        for (const QPolygonF &polygon : contours) {
            QPolygonF placed;
            for (const QPointF &p : polygon)
                placed << QPointF(box.left() + p.x() * box.width(), box.top() + p.y() * box.height());
            c.polyline(placed);
        }
    }
}

void drawTile(ReportCanvas &c, const QRectF &tile, const RunSummary &run, const MapRange &range, std::size_t rank,
              const InspectResult &r)
{
    const bool ng = r.verdict == Verdict::Ng;
    const QColor colour = ng ? kNg : kOk;
    c.setPen(colour, ng ? 1.2 : 0.6);
    c.rect(tile);
    c.setFont(8, true);
    c.setPen(kText);
    c.text(QRectF(tile.left() + 5, tile.top() + 3, tile.width() - 50, 11), Qt::AlignLeft | Qt::AlignVCenter,
           Report::tr("#%1   score %2").arg(rank).arg(r.score, 0, 'g', 6));
    drawBadge(c, QRectF(tile.right() - 34, tile.top() + 3.5, 30, 10), colour, fromStd(verdictText(r.verdict)));

    const GalleryTile images = makeImageTile(r.path, run.config.resize, run.config.imageSize, r.cropMap, r.foreground,
                                             range, 220);
    const QRectF left(tile.left() + 5, tile.top() + 17, kImageSide, kImageSide);
    const QRectF right(left.right() + 5, left.top(), kImageSide, kImageSide);
    if (images.overlay.isNull()) {
        c.setPen(QColor(200, 200, 200), 0.5);
        c.rect(QRectF(left.topLeft(), right.bottomRight()), QColor(245, 245, 245));
        c.setFont(6.5, false, true);
        c.setPen(kMuted);
        c.text(QRectF(left.topLeft(), right.bottomRight()).adjusted(4, 4, -4, -4), Qt::AlignCenter | Qt::TextWrapAnywhere,
               images.problem.isEmpty() ? Report::tr("Image not readable") : images.problem);
    } else {
        const QSizeF fitted = QSizeF(images.original.size()).scaled(left.size(), Qt::KeepAspectRatio);
        const QRectF original(left.center().x() - fitted.width() / 2, left.center().y() - fitted.height() / 2,
                              fitted.width(), fitted.height());
        c.image(original, images.original);
        const QRectF crop(original.left() + images.cropInOriginal.x() * original.width(),
                          original.top() + images.cropInOriginal.y() * original.height(),
                          images.cropInOriginal.width() * original.width(),
                          images.cropInOriginal.height() * original.height());
        c.setPen(Qt::white, 0.9);
        c.rect(crop);
        c.setPen(Qt::black, 0.9, Qt::DashLine);
        c.rect(crop);
        c.image(right, images.overlay);
        drawContours(c, right, images.truthContours);
    }
    const double tx = right.right() + 6;
    const double tw = tile.right() - 4 - tx;
    const std::pair<QString, QString> lines[] = {
        {Report::tr("verdict"), fromStd(verdictText(r.verdict))},
        {Report::tr("time"), Report::tr("%1 ms").arg(r.milliseconds, 0, 'f', 0)},
        {Report::tr("mask"), r.maskSource.empty() ? Report::tr("none") : fromStd(r.maskSource)},
        {Report::tr("sha256"), fromStd(r.sha256.substr(0, 16))},
    };
    double y = right.top();
    for (const auto &[label, value] : lines) {
        c.setFont(6.5);
        c.setPen(kMuted);
        c.text(QRectF(tx, y, tw, 8), Qt::AlignLeft | Qt::AlignVCenter, label);
        c.setFont(7.5, true);
        c.setPen(kText);
        c.text(QRectF(tx, y + 8, tw, 10), Qt::AlignLeft | Qt::AlignVCenter, c.elided(value, tw, Qt::ElideRight));
        y += 20;
    }
    c.setFont(6);
    c.setPen(kMuted);
    c.text(QRectF(tile.left() + 5, left.bottom() + 2, tile.width() - 10, 8), Qt::AlignLeft | Qt::AlignVCenter,
           c.elided(fromStd(r.path.string()), tile.width() - 10));
}

void addTiles(std::vector<ReportBlock> &blocks, const std::vector<InspectResult> &images, const RunSummary &run,
              const MapRange &range, const ProgressFn &progress, const CancelToken &cancel, std::size_t &done,
              std::size_t total)
{
    for (std::size_t i = 0; i < images.size(); i += 2) {
        blocks.push_back({kTileHeight + 6, false, [&, i](ReportCanvas &c, double top) {
                              for (std::size_t j = i; j < std::min(i + 2, images.size()); ++j) {
                                  cancel.throwIfCancelled();
                                  const double x = kMarginX + static_cast<double>(j - i) * (kTileWidth + kTileGap);
                                  drawTile(c, QRectF(x, top, kTileWidth, kTileHeight), run, range, j + 1, images[j]);
                                  report(progress, "report", static_cast<std::int64_t>(++done),
                                         static_cast<std::int64_t>(total));
                              }
                          }});
    }
}

// The run's own accuracy on its labelled test set, at the threshold it stored.
QString runAccuracy(const RunSummary &run)
{
    const nlohmann::json &m = run.metrics;
    const double auroc = numberOf(m, "image_auroc");
    QString text = std::isnan(auroc) ? Report::tr("image AUROC n/a") : Report::tr("image AUROC %1").arg(auroc, 0, 'f', 4);
    const auto c = m.find("confusion");
    if (c != m.end() && c->is_object()) {
        const double tp = numberOf(*c, "tp"), fp = numberOf(*c, "fp"), tn = numberOf(*c, "tn"), fn = numberOf(*c, "fn");
        const double total = tp + fp + tn + fn;
        if (total > 0)
            text += QStringLiteral("; ")
                    + Report::tr("%1 of %2 test images right at its threshold (%3 %; false positives %4, false negatives %5)")
                          .arg(tp + tn)
                          .arg(total)
                          .arg((tp + tn) / total * 100.0, 0, 'f', 1)
                          .arg(fp)
                          .arg(fn);
    }
    return text;
}

} // namespace

int writeLotReport(const LotReportInput &in, const QString &pdfPath, const ProgressFn &progress, const CancelToken &cancel)
{
    cancel.throwIfCancelled();
    const RunSummary &run = in.run;
    const nlohmann::json &lot = in.lot;
    nlohmann::json config = nlohmann::json::object();
    try {
        config = readJsonFile(run.dir / "config.json");
    } catch (const Error &) {
    }
    const MapRange range = mapRange(run);
    const QString generated = QDateTime::currentDateTime().toString(Qt::ISODate);
    const QString lotName = fromStd(in.lotName);
    const std::size_t images = lot.value("images", std::size_t{0});
    const std::size_t ngCount = lot.value("ng", std::size_t{0});
    const auto files = run.metrics.find("files");
    const QString headsHash = files != run.metrics.end() && files->is_object() ? textOf(*files, "heads.safetensors", Report::tr("not recorded"))
                                                                                : Report::tr("not recorded");
    const nlohmann::json fgModel = config.value("foreground_model", nlohmann::json());
    std::size_t done = 0;
    const std::size_t total = in.ngImages.size() + in.okSample.size();

    return writePdfDocument(
        pdfPath, Report::tr("Lot report: %1").arg(lotName),
        [&](ReportCanvas &canvas) {
            std::vector<ReportBlock> blocks;
            blocks.push_back({58, false, [lotName, category = fromStd(run.config.category)](ReportCanvas &c, double top) {
                                  c.setFont(22, true);
                                  c.setPen(kAccent);
                                  c.text(QRectF(kMarginX, top, kContentWidth, 30), Qt::AlignLeft | Qt::AlignTop,
                                         Report::tr("Lot report"));
                                  c.setFont(13);
                                  c.setPen(kText);
                                  c.text(QRectF(kMarginX, top + 32, kContentWidth, 20), Qt::AlignLeft | Qt::AlignTop,
                                         Report::tr("Lot %1, category %2").arg(lotName, category));
                              }});
            blocks.push_back(paragraphBlock(
                canvas,
                Report::tr("%1 images inspected: %2 OK, %3 NG (NG rate %4 %) at threshold %5 (rule %6); %7 files skipped.")
                    .arg(images)
                    .arg(lot.value("ok", std::size_t{0}))
                    .arg(ngCount)
                    .arg(numberOf(lot, "ng_rate") * 100.0, 0, 'f', 1)
                    .arg(numberOf(lot, "threshold"), 0, 'g', 6)
                    .arg(textOf(lot, "rule"))
                    .arg(lot.contains("skipped") && lot.at("skipped").is_array() ? lot.at("skipped").size() : 0),
                10));
            blocks.push_back(headingBlock(Report::tr("Summary"), false));
            const std::vector<std::pair<QString, QString>> facts = {
                {Report::tr("Lot"), lotName},
                {Report::tr("Mode"), textOf(lot, "mode") == QStringLiteral("watch")
                                         ? Report::tr("watched folder %1").arg(textOf(lot, "watched"))
                                         : Report::tr("batch")},
                {Report::tr("Started"), textOf(lot, "started", Report::tr("unknown"))},
                {Report::tr("Finished"), textOf(lot, "finished", Report::tr("unknown"))
                                             + (lot.value("interrupted", false) ? QStringLiteral(" ") + Report::tr("(interrupted)") : QString())},
                {Report::tr("Report date"), generated},
                {Report::tr("Run"), Report::tr("%1 (%2)").arg(textOf(lot, "run_id"), fromStd(run.dir.string()))},
                {Report::tr("Run accuracy on its test set"), runAccuracy(run)},
                {Report::tr("Backbone"), Report::tr("%1, weights sha256 %2")
                                             .arg(textOf(run.metrics, "backbone", fromStd(run.config.backbone)),
                                                  textOf(run.metrics, "backbone_weights_sha256", Report::tr("none (not pretrained)")))},
                {Report::tr("Heads sha256"), headsHash},
                {Report::tr("Foreground extraction"),
                 lot.value("segmenter", nlohmann::json()).is_string()
                     ? Report::tr("%1, model %2").arg(textOf(lot, "segmenter"),
                                                      fgModel.is_object() ? textOf(fgModel, "fingerprint") : Report::tr("none"))
                     : Report::tr("off (backgrounds kept)")},
                {Report::tr("Threshold"), Report::tr("%1 - rule %2; NG when score >= threshold")
                                              .arg(numberOf(lot, "threshold"), 0, 'g', 8)
                                              .arg(textOf(lot, "rule"))},
                {Report::tr("Images"), Report::tr("%1 (OK %2, NG %3)").arg(images).arg(lot.value("ok", std::size_t{0})).arg(ngCount)},
                {Report::tr("NG rate"), Report::tr("%1 %").arg(numberOf(lot, "ng_rate") * 100.0, 0, 'f', 2)},
                {Report::tr("Throughput"), Report::tr("%1 images/s (inspection alone, %2 s)")
                                               .arg(numberOf(lot, "images_per_second"), 0, 'f', 1)
                                               .arg(numberOf(lot, "inspection_seconds"), 0, 'f', 1)},
            };
            blocks.push_back(factsBlock(canvas, facts));

            blocks.push_back(headingBlock(Report::tr("NG images"), true));
            QString intro = Report::tr("By score, highest first. Left: the image with the model's crop (dashed). Right: "
                                       "the crop with the anomaly heatmap and, when the run removes backgrounds, the "
                                       "foreground outline its extractor found.");
            if (in.ngImages.size() < ngCount)
                intro += QLatin1Char(' ') + Report::tr("The %1 highest of %2 NG images are shown.").arg(in.ngImages.size()).arg(ngCount);
            blocks.push_back(paragraphBlock(canvas, intro));
            if (in.ngImages.empty())
                blocks.push_back(paragraphBlock(canvas, Report::tr("No image of this lot is NG."), 9, true));
            addTiles(blocks, in.ngImages, run, range, progress, cancel, done, total);

            blocks.push_back(headingBlock(Report::tr("A sample of OK images"), false));
            blocks.push_back(paragraphBlock(canvas, in.okSample.empty() ? Report::tr("No image of this lot is OK.")
                                                                       : Report::tr("%1 of the %2 OK images, drawn at random.")
                                                                             .arg(in.okSample.size())
                                                                             .arg(lot.value("ok", std::size_t{0}))));
            addTiles(blocks, in.okSample, run, range, progress, cancel, done, total);

            blocks.push_back(headingBlock(Report::tr("Skipped files"), false));
            const nlohmann::json skipped = lot.value("skipped", nlohmann::json::array());
            if (!skipped.is_array() || skipped.empty())
                blocks.push_back(paragraphBlock(canvas, Report::tr("None: every input was inspected.")));
            else
                for (std::size_t i = 0; i < skipped.size() && i < kMaxSkippedLines; ++i)
                    blocks.push_back(paragraphBlock(canvas, textOf(skipped[i], "reason", textOf(skipped[i], "path")), 8));
            if (skipped.is_array() && skipped.size() > kMaxSkippedLines)
                blocks.push_back(paragraphBlock(canvas, Report::tr("... and %1 more (lot.json lists them all).")
                                                            .arg(skipped.size() - kMaxSkippedLines)));
            return blocks;
        },
        [&](ReportCanvas &c, int page, int pages) {
            c.setFont(7);
            c.setPen(QColor(120, 120, 120));
            if (page > 0) {
                c.text(QRectF(kMarginX, 26, kContentWidth, 12), Qt::AlignLeft | Qt::AlignVCenter,
                       Report::tr("Sam2Sim Studio lot report - %1").arg(lotName));
                c.text(QRectF(kMarginX, 26, kContentWidth, 12), Qt::AlignRight | Qt::AlignVCenter, generated);
                c.setPen(QColor(200, 200, 200), 0.5);
                c.line({kMarginX, 40}, {kMarginX + kContentWidth, 40});
            }
            c.setPen(QColor(200, 200, 200), 0.5);
            c.line({kMarginX, kPageHeight - 38}, {kMarginX + kContentWidth, kPageHeight - 38});
            c.setFont(7.5);
            c.setPen(QColor(120, 120, 120));
            c.text(QRectF(kMarginX, kPageHeight - 34, kContentWidth, 12), Qt::AlignCenter,
                   Report::tr("Page %1 of %2").arg(page + 1).arg(pages));
        });
}

} // namespace s2s::ui
