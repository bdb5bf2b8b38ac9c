#include "ui/report/report_sections.h"

#include "ui/report/report_charts.h"
#include "ui/report/report_run_facts.h"
#include "ui/report/report_tr.h"

#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cmath>
#include <utility>

namespace s2s::ui {

namespace {

const QColor kText(30, 30, 30);
const QColor kMuted(110, 110, 110);
const QColor kRule(200, 200, 200);
const QColor kShade(244, 246, 249);
const QColor kAccent(30, 80, 150);

using Fact = std::pair<QString, QString>;

QString fixed(std::optional<double> value, int decimals = 4)
{
    return value ? QString::number(*value, 'f', decimals) : Report::tr("n/a");
}

} // namespace

ReportBlock factsBlock(ReportCanvas &canvas, const std::vector<Fact> &facts)
{
    constexpr double labelWidth = 128.0;
    constexpr double pad = 3.0;
    const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap | Qt::TextWrapAnywhere; // words; paths anywhere
    std::vector<double> heights;
    double total = 0;
    for (const Fact &fact : facts) {
        canvas.setFont(8.5, true);
        const double label = canvas.textHeight(labelWidth - 2 * pad, Qt::TextWordWrap, fact.first);
        canvas.setFont(8.5);
        const double value = canvas.textHeight(kContentWidth - labelWidth - 2 * pad, flags, fact.second);
        const double h = std::max({label, value, 10.0}) + 2 * pad;
        heights.push_back(h);
        total += h;
    }
    return {total, false, [facts, heights](ReportCanvas &c, double top) {
                double y = top;
                for (std::size_t i = 0; i < facts.size(); ++i) {
                    c.setPen(Qt::transparent);
                    if (i % 2 == 0)
                        c.rect(QRectF(kMarginX, y, kContentWidth, heights[i]), kShade);
                    c.setPen(kMuted);
                    c.setFont(8.5, true);
                    c.text(QRectF(kMarginX + pad, y + pad, labelWidth - 2 * pad, heights[i]),
                           Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, facts[i].first);
                    c.setPen(kText);
                    c.setFont(8.5);
                    c.text(QRectF(kMarginX + labelWidth, y + pad, kContentWidth - labelWidth - 2 * pad,
                                  heights[i]),
                           Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap | Qt::TextWrapAnywhere, facts[i].second);
                    y += heights[i];
                }
            }};
}

namespace {

// A table with a header row; column widths in points, all rows one line high.
ReportBlock tableBlock(const std::vector<QString> &header, const std::vector<std::vector<QString>> &rows,
                       const std::vector<double> &widths, std::size_t leftAlignedFrom = 1000)
{
    constexpr double rowH = 14.0;
    const double height = rowH * (rows.size() + 1) + 2;
    return {height, false, [header, rows, widths, leftAlignedFrom](ReportCanvas &c, double top) {
                const auto drawRow = [&](const std::vector<QString> &cells, double y, bool bold) {
                    double x = kMarginX;
                    c.setFont(8, bold);
                    c.setPen(kText);
                    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
                        const bool left = i == 0 || i >= leftAlignedFrom;
                        const int align = (left ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter;
                        const double inset = left && i > 0 ? 12 : 3;
                        c.text(QRectF(x + inset, y, widths[i] - inset - 3, rowH), align,
                               c.elided(cells[i], widths[i] - 6, Qt::ElideRight));
                        x += widths[i];
                    }
                };
                double width = 0;
                for (const double w : widths)
                    width += w;
                c.setPen(Qt::transparent);
                c.rect(QRectF(kMarginX, top, width, rowH), QColor(225, 232, 242));
                drawRow(header, top, true);
                for (std::size_t r = 0; r < rows.size(); ++r) {
                    const double y = top + rowH * (r + 1);
                    if (r % 2 == 1) {
                        c.setPen(Qt::transparent);
                        c.rect(QRectF(kMarginX, y, width, rowH), kShade);
                    }
                    drawRow(rows[r], y, false);
                }
                c.setPen(kRule, 0.6);
                c.line({kMarginX, top + rowH * (rows.size() + 1)},
                       {kMarginX + width, top + rowH * (rows.size() + 1)});
            }};
}

ReportBlock confusionBlock(const ReportContext &ctx)
{
    const Confusion m = ctx.confusion;
    return {104, false, [m](ReportCanvas &c, double top) {
                constexpr double cell = 62, head = 92, row = 30;
                const double x0 = kMarginX + head, y0 = top + 16;
                c.setFont(7.5, true);
                c.setPen(kMuted);
                c.text(QRectF(x0, top, 2 * cell, 14), Qt::AlignCenter, Report::tr("Predicted"));
                c.text(QRectF(x0, y0, cell, 14), Qt::AlignCenter, Report::tr("normal"));
                c.text(QRectF(x0 + cell, y0, cell, 14), Qt::AlignCenter, Report::tr("anomalous"));
                c.text(QRectF(kMarginX, y0 + 14, head - 4, row), Qt::AlignRight | Qt::AlignVCenter,
                       Report::tr("Actual normal"));
                c.text(QRectF(kMarginX, y0 + 14 + row, head - 4, row), Qt::AlignRight | Qt::AlignVCenter,
                       Report::tr("Actual anomalous"));
                const struct
                {
                    std::int64_t count;
                    QString code;
                    bool error;
                } cells[4] = {{m.tn, QStringLiteral("TN"), false},
                              {m.fp, QStringLiteral("FP"), true},
                              {m.fn, QStringLiteral("FN"), true},
                              {m.tp, QStringLiteral("TP"), false}};
                for (int i = 0; i < 4; ++i) {
                    const QRectF r(x0 + (i % 2) * cell, y0 + 14 + (i / 2) * row, cell, row);
                    c.setPen(kRule, 0.6);
                    c.rect(r, cells[i].error && cells[i].count > 0 ? QColor(252, 228, 224)
                                                                    : QColor(231, 243, 233));
                    c.setFont(11, true);
                    c.setPen(kText);
                    c.text(r.adjusted(0, 2, 0, -8), Qt::AlignCenter, QString::number(cells[i].count));
                    c.setFont(6.5);
                    c.setPen(kMuted);
                    c.text(r.adjusted(0, 18, 0, 0), Qt::AlignCenter, cells[i].code);
                }
                const double total = static_cast<double>(m.tp + m.fp + m.tn + m.fn);
                const auto ratio = [](double a, double b) {
                    return b > 0 ? QString::number(a / b, 'f', 3) : Report::tr("n/a");
                };
                const std::vector<Fact> rates = {
                    {Report::tr("Accuracy"), ratio(double(m.tp + m.tn), total)},
                    {Report::tr("Precision"), ratio(double(m.tp), double(m.tp + m.fp))},
                    {Report::tr("Recall (TPR)"), ratio(double(m.tp), double(m.tp + m.fn))},
                    {Report::tr("False-positive rate"), ratio(double(m.fp), double(m.fp + m.tn))},
                    {Report::tr("Images"), QString::number(static_cast<qint64>(total))},
                };
                const double xr = x0 + 2 * cell + 30;
                for (std::size_t i = 0; i < rates.size(); ++i) {
                    const double y = y0 + 4 + i * 14;
                    c.setFont(8, true);
                    c.setPen(kMuted);
                    c.text(QRectF(xr, y, 110, 14), Qt::AlignLeft | Qt::AlignVCenter, rates[i].first);
                    c.setFont(8);
                    c.setPen(kText);
                    c.text(QRectF(xr + 110, y, 60, 14), Qt::AlignRight | Qt::AlignVCenter,
                           rates[i].second);
                }
            }};
}

QString timingsText(const RunSummary &run)
{
    const auto it = run.metrics.find("timings");
    if (it == run.metrics.end() || !it->is_object())
        return {};
    QStringList parts;
    for (auto entry = it->begin(); entry != it->end(); ++entry) {
        if (!entry->is_number())
            continue;
        QString name = fromStd(entry.key());
        if (name.endsWith(QLatin1String("_s")))
            name.chop(2); // the engine suffixes seconds: "features_s"
        parts << Report::tr("%1 %2 s").arg(name).arg(entry->get<double>(), 0, 'f', 1);
    }
    return parts.isEmpty() ? QString() : Report::tr("Timings: %1.").arg(parts.join(QStringLiteral(", ")));
}

std::optional<RocSeries> rocFromJson(const nlohmann::json &metrics, const char *key, const char *aurocKey)
{
    const auto it = metrics.find(key);
    if (it == metrics.end() || !it->is_object() || !it->contains("fpr") || !it->contains("tpr"))
        return std::nullopt;
    RocSeries series;
    try {
        series.fpr = (*it)["fpr"].get<std::vector<double>>();
        series.tpr = (*it)["tpr"].get<std::vector<double>>();
    } catch (const nlohmann::json::exception &) {
        return std::nullopt;
    }
    series.auroc = jsonNumber(metrics, aurocKey).value_or(std::nan(""));
    if (series.fpr.empty() || series.fpr.size() != series.tpr.size())
        return std::nullopt;
    return series;
}

} // namespace

std::optional<double> jsonNumber(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return std::nullopt;
    const double v = it->get<double>();
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

std::string jsonString(const nlohmann::json &object, const char *key, const std::string &fallback)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

ReportBlock headingBlock(const QString &text, bool newPage)
{
    return {24, newPage, [text](ReportCanvas &c, double top) {
                c.setFont(12, true);
                c.setPen(kAccent);
                c.text(QRectF(kMarginX, top + 4, kContentWidth, 16), Qt::AlignLeft | Qt::AlignVCenter,
                       text);
                c.setPen(kAccent, 0.8);
                c.line({kMarginX, top + 21}, {kMarginX + kContentWidth, top + 21});
            },
            true};
}

ReportBlock paragraphBlock(ReportCanvas &canvas, const QString &text, double pointSize, bool italic)
{
    const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    canvas.setFont(pointSize, false, italic);
    const double h = canvas.textHeight(kContentWidth, flags, text) + 4;
    return {h, false, [text, pointSize, italic, flags, h](ReportCanvas &c, double top) {
                c.setFont(pointSize, false, italic);
                c.setPen(kText);
                c.text(QRectF(kMarginX, top, kContentWidth, h), flags, text);
            }};
}

std::vector<ReportBlock> titleSection(const ReportContext &ctx, ReportCanvas &canvas)
{
    const RunSummary &run = ctx.run;
    const RunConfig &cfg = run.config;
    const QString category = fromStd(cfg.category);
    std::vector<ReportBlock> blocks;
    blocks.push_back({58, false, [category, kind = runKindText(run)](ReportCanvas &c, double top) {
                          c.setFont(22, true);
                          c.setPen(kAccent);
                          c.text(QRectF(kMarginX, top, kContentWidth, 30), Qt::AlignLeft | Qt::AlignTop,
                                 Report::tr("Inspection report"));
                          c.setFont(13);
                          c.setPen(kText);
                          c.text(QRectF(kMarginX, top + 32, kContentWidth, 20),
                                 Qt::AlignLeft | Qt::AlignTop,
                                 Report::tr("Category %1 (%2)").arg(category, kind));
                      }});

    const Confusion &m = ctx.confusion;
    const qint64 total = m.tp + m.fp + m.tn + m.fn;
    blocks.push_back(paragraphBlock(
        canvas,
        Report::tr("At threshold %1 (rule %2), %3 of %4 test images are classified correctly "
                   "(false positives: %5, false negatives: %6).")
            .arg(ctx.threshold.value, 0, 'g', 6)
            .arg(ctx.threshold.rule)
            .arg(m.tp + m.tn)
            .arg(total)
            .arg(m.fp)
            .arg(m.fn),
        10));

    blocks.push_back(headingBlock(Report::tr("Run"), false));
    blocks.push_back(factsBlock(canvas, runFacts(ctx)));

    blocks.push_back(headingBlock(Report::tr("Metrics"), false));
    const nlohmann::json &mj = run.metrics;
    // Defect images without a mask (image-level labels) are in the image metrics only.
    const int noMask = mj.contains("defects_without_masks") && mj.at("defects_without_masks").is_number_integer()
                           ? mj.at("defects_without_masks").get<int>()
                           : 0;
    const bool noPixelTruth = noMask > 0 && !jsonNumber(mj, "pixel_auroc");
    const QString pixelMeaning = noMask == 0 ? Report::tr("per-pixel ranking against ground-truth masks")
                                 : noPixelTruth
                                     ? Report::tr("n/a - no masks: %n defect image(s) have image-level labels only",
                                                  nullptr, noMask)
                                     : Report::tr("per-pixel ranking against ground-truth masks, over %1 images "
                                                  "(%n defect image(s) without a mask left out)",
                                                  nullptr, noMask)
                                           .arg(jsonNumber(mj, "pixel_images").value_or(0));
    const std::vector<std::vector<QString>> rows = {
        {Report::tr("Image AUROC (I-AUROC)"), fixed(jsonNumber(mj, "image_auroc")),
         Report::tr("ranking of anomalous above normal images")},
        {Report::tr("Pixel AUROC (P-AUROC)"), noPixelTruth ? Report::tr("n/a") : fixed(jsonNumber(mj, "pixel_auroc")),
         pixelMeaning},
        {Report::tr("AU-PRO (FPR <= 0.3)"), noPixelTruth ? Report::tr("n/a") : fixed(jsonNumber(mj, "au_pro")),
         Report::tr("per-region overlap, normalised area")},
        {Report::tr("F1-max"), fixed(jsonNumber(mj, "f1_max")),
         Report::tr("best F1 over thresholds (at %1)").arg(fixed(jsonNumber(mj, "f1_threshold")))},
    };
    blocks.push_back(tableBlock({Report::tr("Metric"), Report::tr("Value"), Report::tr("Meaning")}, rows,
                                {150, 70, kContentWidth - 220}, 2));
    if (const QString timings = timingsText(run); !timings.isEmpty())
        blocks.push_back(paragraphBlock(canvas, timings, 7.5, true));

    blocks.push_back(headingBlock(Report::tr("Confusion matrix at the threshold"), false));
    blocks.push_back(confusionBlock(ctx));
    return blocks;
}

std::vector<ReportBlock> curvesSection(const ReportContext &ctx, ReportCanvas &canvas)
{
    std::vector<ReportBlock> blocks;
    blocks.push_back(headingBlock(Report::tr("Curves"), false)); // under the confusion matrix when it fits

    std::optional<RocSeries> image = rocFromJson(ctx.run.metrics, "image_roc", "image_auroc");
    if (!image && !ctx.normalScores.empty() && !ctx.anomalousScores.empty()) {
        std::vector<float> scores;
        std::vector<std::uint8_t> labels;
        for (const ScoreRow &row : ctx.run.scores) {
            scores.push_back(row.score);
            labels.push_back(row.label != 0 ? 1 : 0);
        }
        const RocCurve roc = rocCurve(scores, labels).downsampled(400);
        image = RocSeries{roc.fpr, roc.tpr, roc.auroc};
    }
    const std::optional<RocSeries> pixel = rocFromJson(ctx.run.metrics, "pixel_roc", "pixel_auroc");
    const Confusion &m = ctx.confusion;
    std::optional<QPointF> point;
    if (m.fp + m.tn > 0 && m.tp + m.fn > 0)
        point = QPointF(double(m.fp) / double(m.fp + m.tn), double(m.tp) / double(m.tp + m.fn));

    constexpr double chartH = 240;
    blocks.push_back({chartH, false, [image, pixel, point](ReportCanvas &c, double top) {
                          const double w = (kContentWidth - 16) / 2;
                          drawRocChart(c, QRectF(kMarginX, top, w, chartH), Report::tr("Image-level ROC"),
                                       image, point,
                                       Report::tr("Needs normal and anomalous test images."));
                          drawRocChart(c, QRectF(kMarginX + w + 16, top, w, chartH),
                                       Report::tr("Pixel-level ROC"), pixel, std::nullopt,
                                       Report::tr("This run has no pixel ROC (no anomaly maps or no "
                                                  "ground-truth masks)."));
                      }});
    blocks.push_back({206, false, [&ctx](ReportCanvas &c, double top) {
                          drawScoreHistogram(c, QRectF(kMarginX, top + 6, kContentWidth, 200),
                                             ctx.normalScores, ctx.anomalousScores, ctx.threshold.value);
                      }});
    return blocks;
}

std::vector<ReportBlock> robustnessSection(const ReportContext &ctx, ReportCanvas &canvas)
{
    std::vector<ReportBlock> blocks;
    blocks.push_back(headingBlock(Report::tr("Pseudo-background robustness"), false));
    const auto it = ctx.run.metrics.find("robustness");
    if (it == ctx.run.metrics.end() || !it->is_array() || it->empty()) {
        blocks.push_back(paragraphBlock(
            canvas,
            Report::tr("This run holds no pseudo-background evaluation. %1")
                .arg(ctx.options.pseudoHint.isEmpty()
                         ? Report::tr("Run 'sam2sim eval --run RUN --background pseudo' to test how the model "
                                      "reacts to new backgrounds.")
                         : ctx.options.pseudoHint),
            8.5, true));
        return blocks;
    }
    blocks.push_back(paragraphBlock(
        canvas,
        Report::tr("The foreground of each test image is composited onto backgrounds the model never "
                   "saw and the test set is scored again. \"static\" is the original test set; a drop "
                   "in AUROC means the model reacts to the background, not to the object.")));
    blocks.back().keepWithNext = true; // the introduction stays with its table

    // The FPR column only when the engine recorded it for the composites.
    bool withFpr = false;
    for (const nlohmann::json &entry : *it)
        withFpr = withFpr || (entry.is_object() && jsonNumber(entry, "fpr_at_threshold"));
    const Confusion &m = ctx.confusion;
    const QString staticFpr = m.fp + m.tn > 0 ? QString::number(double(m.fp) / double(m.fp + m.tn), 'f', 3)
                                              : Report::tr("n/a");
    const std::optional<double> staticAuroc = jsonNumber(ctx.run.metrics, "image_auroc");
    std::vector<std::vector<QString>> rows;
    rows.push_back({Report::tr("static (original backgrounds)"), QStringLiteral("-"), fixed(staticAuroc),
                    QStringLiteral("-"), fixed(jsonNumber(ctx.run.metrics, "pixel_auroc")),
                    fixed(jsonNumber(ctx.run.metrics, "au_pro")), staticFpr});
    std::vector<QString> labels;
    std::vector<double> values;
    for (const nlohmann::json &entry : *it) {
        if (!entry.is_object())
            continue;
        const QString name = fromStd(jsonString(entry, "background", "?"));
        const std::optional<double> auroc = jsonNumber(entry, "image_auroc");
        const auto seed = jsonNumber(entry, "seed");
        QString delta = QStringLiteral("-");
        if (auroc && staticAuroc)
            delta = QString::number(*auroc - *staticAuroc, 'f', 4);
        rows.push_back({name, seed ? QString::number(static_cast<qint64>(*seed)) : QStringLiteral("-"),
                        fixed(auroc), delta, fixed(jsonNumber(entry, "pixel_auroc")),
                        fixed(jsonNumber(entry, "au_pro")), fixed(jsonNumber(entry, "fpr_at_threshold"), 3)});
        labels.push_back(name);
        values.push_back(auroc.value_or(std::nan("")));
    }
    std::vector<QString> header = {Report::tr("Background"), Report::tr("Seed"), Report::tr("I-AUROC"),
                                   Report::tr("vs static"),  Report::tr("P-AUROC"), Report::tr("AU-PRO"),
                                   Report::tr("FPR at thr.")};
    std::vector<double> widths = {143, 40, 66, 66, 66, 66, kContentWidth - 447};
    if (!withFpr) {
        header.pop_back();
        widths.pop_back();
        widths[0] += kContentWidth - 447;
        for (auto &row : rows)
            row.pop_back();
    }
    blocks.push_back(tableBlock(header, rows, widths));
    const double chartH = 46 + 16.0 * labels.size();
    blocks.push_back({chartH + 8, false,
                      [labels, values, staticAuroc, chartH](ReportCanvas &c, double top) {
                          drawBarChart(c, QRectF(kMarginX, top + 8, kContentWidth, chartH),
                                       Report::tr("Image AUROC per background"), labels, values,
                                       staticAuroc,
                                       Report::tr("static %1").arg(fixed(staticAuroc)));
                      }});
    return blocks;
}

std::vector<ReportBlock> familySection(const ReportContext &ctx, ReportCanvas &canvas)
{
    std::vector<ReportBlock> blocks;
    const nlohmann::json &entry = ctx.options.perFamily;
    if (!entry.is_object() || !entry.contains("families") || !entry.at("families").is_array()
        || entry.at("families").empty())
        return blocks;
    blocks.push_back(headingBlock(Report::tr("Robustness per background family"), false));
    blocks.push_back(paragraphBlock(
        canvas,
        Report::tr("Each family of pseudo-backgrounds on the whole test set. SimpleNet dynamic: the model "
                   "trained on the original images; Sam2Sim: trained and tested with the background removed "
                   "(segmenter: %1). Mask IoU: the composite's extracted mask against the clean image's; a "
                   "family where it drops is one the extractor does not survive.")
            .arg(fromStd(jsonString(entry, "segmenter", "-")))));
    std::vector<QString> labels;
    std::vector<double> dynamic, sam2sim;
    std::vector<std::vector<QString>> rows;
    const auto metric = [](const nlohmann::json &f, const char *column, const char *key) -> std::optional<double> {
        return f.contains(column) && f.at(column).is_object() ? jsonNumber(f.at(column), key) : std::nullopt;
    };
    for (const nlohmann::json &f : entry.at("families")) {
        if (!f.is_object())
            continue;
        const QString name = fromStd(jsonString(f, "family", "?"));
        const auto d = metric(f, "dynamic", "image_auroc"), s = metric(f, "sam2sim", "image_auroc");
        labels.push_back(name);
        dynamic.push_back(d.value_or(std::nan("")));
        sam2sim.push_back(s.value_or(std::nan("")));
        rows.push_back({name, fixed(d), fixed(s), fixed(metric(f, "dynamic", "pixel_auroc")),
                        fixed(metric(f, "sam2sim", "pixel_auroc")), fixed(jsonNumber(f, "mask_iou"), 3)});
    }
    blocks.push_back(tableBlock({Report::tr("Family"), Report::tr("Dyn. I-AUROC"), Report::tr("Sam2Sim I-AUROC"),
                                 Report::tr("Dyn. P-AUROC"), Report::tr("Sam2Sim P-AUROC"), Report::tr("Mask IoU")},
                                rows, {86, 80, 98, 80, 98, kContentWidth - 442}));
    const std::optional<double> staticAuroc =
        entry.contains("static") && entry.at("static").is_object() ? jsonNumber(entry.at("static"), "image_auroc")
                                                                   : jsonNumber(ctx.run.metrics, "image_auroc");
    const double chartH = 62 + 24.0 * labels.size();
    blocks.push_back({chartH + 8, false, [labels, dynamic, sam2sim, staticAuroc, chartH](ReportCanvas &c, double top) {
                          drawPairedBarChart(c, QRectF(kMarginX, top + 8, kContentWidth, chartH),
                                             Report::tr("Image AUROC per background family"), labels, dynamic, sam2sim,
                                             Report::tr("SimpleNet dynamic"), Report::tr("Sam2Sim"), staticAuroc,
                                             Report::tr("static %1").arg(fixed(staticAuroc)));
                      }});
    return blocks;
}

} // namespace s2s::ui
