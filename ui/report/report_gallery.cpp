#include "ui/report/gallery_tile.h"
#include "ui/report/image_results.h"
#include "ui/report/report_sections.h"
#include "ui/report/report_tr.h"

#include <QLinearGradient>
#include <QPainterPath>

#include <algorithm>
#include <iterator>
#include <utility>

namespace s2s::ui {

namespace {

constexpr double kTileGap = 10.0;
constexpr double kTileWidth = (kContentWidth - kTileGap) / 2;
constexpr double kTileHeight = 110.0;
constexpr double kImageSide = 80.0;

const QColor kText(30, 30, 30);
const QColor kMuted(110, 110, 110);
const QColor kFalsePositive(205, 40, 40);
const QColor kFalseNegative(130, 50, 175);

QColor outcomeColor(Outcome outcome)
{
    switch (outcome) {
    case Outcome::FalsePositive:
        return kFalsePositive;
    case Outcome::FalseNegative:
        return kFalseNegative;
    default:
        return QColor(200, 200, 200);
    }
}

QString outcomeFlag(Outcome outcome)
{
    return outcome == Outcome::FalsePositive ? Report::tr("FALSE POSITIVE") : Report::tr("FALSE NEGATIVE");
}

void drawBadge(ReportCanvas &c, const QRectF &rect, const QColor &color, const QString &text)
{
    c.setPen(color, 0.5);
    c.painter().setBrush(color);
    const double k = c.unitsPerPoint();
    c.painter().drawRoundedRect(c.toDevice(rect), 2 * k, 2 * k);
    c.painter().setBrush(Qt::NoBrush);
    c.setFont(6, true);
    c.setPen(Qt::white);
    c.text(rect, Qt::AlignCenter, text);
}

// Outlines drawn twice (dark halo, white line) so they read on any heatmap colour.
void drawContours(ReportCanvas &c, const QRectF &box, const QList<QPolygonF> &contours)
{
    for (const auto &[color, width] : {std::pair{QColor(0, 0, 0, 160), 1.8}, std::pair{QColor(Qt::white), 0.8}}) {
        c.setPen(color, width);
        for (const QPolygonF &polygon : contours) {
            QPolygonF placed;
            for (const QPointF &p : polygon)
                placed << QPointF(box.left() + p.x() * box.width(), box.top() + p.y() * box.height());
            c.polyline(placed);
        }
    }
}

void drawTile(ReportCanvas &c, const QRectF &tile, const ReportContext &ctx, std::size_t rank,
              std::size_t row)
{
    const ScoreRow &score = ctx.run.scores[row];
    const Outcome outcome = outcomeOf(score, ctx.threshold.value);
    const bool error = isError(outcome);
    c.setPen(outcomeColor(outcome), error ? 1.4 : 0.5);
    c.rect(tile);

    c.setFont(8, true);
    c.setPen(kText);
    c.text(QRectF(tile.left() + 5, tile.top() + 3, tile.width() - 90, 11), Qt::AlignLeft | Qt::AlignVCenter,
           Report::tr("#%1   score %2").arg(rank).arg(score.score, 0, 'f', 4));
    if (error)
        drawBadge(c, QRectF(tile.right() - 80, tile.top() + 3.5, 76, 10), outcomeColor(outcome),
                  outcomeFlag(outcome));

    const GalleryTile images = makeGalleryTile(ctx.run, row, ctx.range, ctx.options.thumbnailPixels);
    const QRectF left(tile.left() + 5, tile.top() + 17, kImageSide, kImageSide);
    const QRectF right(left.right() + 5, left.top(), kImageSide, kImageSide);
    if (!images.problem.isEmpty() && images.overlay.isNull()) {
        c.setPen(QColor(200, 200, 200), 0.5);
        c.rect(QRectF(left.topLeft(), right.bottomRight()), QColor(245, 245, 245));
        c.setFont(6.5, false, true);
        c.setPen(kMuted);
        c.text(QRectF(left.topLeft(), right.bottomRight()).adjusted(4, 4, -4, -4),
               Qt::AlignCenter | Qt::TextWrapAnywhere, images.problem);
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
    const bool truthAnomalous = score.label != 0;
    const bool verdictAnomalous = score.score >= ctx.threshold.value;
    const std::pair<QString, QString> lines[] = {
        {Report::tr("truth"), truthAnomalous ? QString::fromStdString(score.defectType) : Report::tr("normal")},
        {Report::tr("verdict"), verdictAnomalous ? Report::tr("anomalous") : Report::tr("normal")},
        {Report::tr("outcome"), outcomeCode(outcome)},
        {Report::tr("map"), images.hasMap ? Report::tr("shown") : Report::tr("none")},
    };
    double y = right.top();
    for (std::size_t i = 0; i < std::size(lines); ++i) {
        const auto &[label, value] = lines[i];
        c.setFont(6.5);
        c.setPen(kMuted);
        c.text(QRectF(tx, y, tw, 8), Qt::AlignLeft | Qt::AlignVCenter, label);
        c.setFont(7.5, true);
        c.setPen(i == 2 && error ? outcomeColor(outcome) : kText);
        c.text(QRectF(tx, y + 8, tw, 10), Qt::AlignLeft | Qt::AlignVCenter, c.elided(value, tw));
        y += 20;
    }
    c.setFont(6);
    c.setPen(kMuted);
    const QString path = QString::fromStdString(score.path);
    c.text(QRectF(tile.left() + 5, left.bottom() + 2, tile.width() - 10, 8), Qt::AlignLeft | Qt::AlignVCenter,
           c.elided(path, tile.width() - 10));
}

ReportBlock legendBlock(const ReportContext &ctx)
{
    return {40, false, [range = ctx.range](ReportCanvas &c, double top) {
                const QRectF bar(kMarginX + 70, top + 6, 150, 9);
                QLinearGradient gradient(c.toDevice(bar.topLeft()), c.toDevice(bar.topRight()));
                for (int i = 0; i <= 10; ++i)
                    gradient.setColorAt(i / 10.0, heatColor(i / 10.0));
                c.setPen(QColor(120, 120, 120), 0.4);
                c.painter().setBrush(gradient);
                c.painter().drawRect(c.toDevice(bar));
                c.painter().setBrush(Qt::NoBrush);
                c.setFont(7, true);
                c.setPen(kText);
                c.text(QRectF(kMarginX, top + 4, 66, 12), Qt::AlignLeft | Qt::AlignVCenter,
                       Report::tr("Heatmap"));
                c.setFont(6.5);
                c.text(QRectF(bar.left() - 30, bar.bottom() + 1, 60, 9), Qt::AlignCenter,
                       QString::number(range.low, 'g', 4));
                c.text(QRectF(bar.right() - 30, bar.bottom() + 1, 60, 9), Qt::AlignCenter,
                       QString::number(range.high, 'g', 4));
                c.setFont(6, false, true);
                c.setPen(kMuted);
                c.text(QRectF(bar.left(), bar.bottom() + 10, bar.width(), 8), Qt::AlignCenter,
                       Report::tr("median to maximum map value"));

                const QRectF sample(bar.right() + 24, top + 5, 14, 11);
                c.rect(sample, QColor(90, 90, 90));
                drawContours(c, sample, {QPolygonF({QPointF(0.2, 0.5), QPointF(0.5, 0.15), QPointF(0.8, 0.5),
                                                    QPointF(0.5, 0.85), QPointF(0.2, 0.5)})});
                c.setFont(6.5);
                c.setPen(kText);
                c.text(QRectF(sample.right() + 4, top + 4, 70, 12), Qt::AlignLeft | Qt::AlignVCenter,
                       Report::tr("ground truth"));
                drawBadge(c, QRectF(kMarginX + kContentWidth - 160, top + 5, 76, 10), kFalsePositive,
                          outcomeFlag(Outcome::FalsePositive));
                drawBadge(c, QRectF(kMarginX + kContentWidth - 78, top + 5, 76, 10), kFalseNegative,
                          outcomeFlag(Outcome::FalseNegative));
            }};
}

} // namespace

std::vector<ReportBlock> gallerySection(const ReportContext &ctx, ReportCanvas &canvas)
{
    std::vector<ReportBlock> blocks;
    blocks.push_back(headingBlock(Report::tr("Gallery"), true));
    const std::size_t shown = ctx.galleryRows.size();
    QString intro = Report::tr("Test images by score, highest first. Left: the original with the "
                               "model's crop (dashed). Right: the crop with the anomaly heatmap and the "
                               "ground-truth outline; heatmaps are shown in the crop frame in which "
                               "they were computed (shorter side resized to %1 px, centred %2 px "
                               "square).")
                        .arg(ctx.run.config.resize)
                        .arg(ctx.run.config.imageSize);
    if (shown < ctx.run.scores.size())
        intro += QLatin1Char(' ')
                 + Report::tr("Only the %1 highest of %2 images are shown.").arg(shown).arg(ctx.run.scores.size());
    blocks.push_back(paragraphBlock(canvas, intro));
    blocks.push_back(legendBlock(ctx));

    for (std::size_t i = 0; i < shown; i += 2) {
        blocks.push_back({kTileHeight + 6, false, [&ctx, i, shown](ReportCanvas &c, double top) {
                              for (std::size_t j = i; j < std::min(i + 2, shown); ++j) {
                                  ctx.cancel.throwIfCancelled();
                                  const double x = kMarginX + (j - i) * (kTileWidth + kTileGap);
                                  drawTile(c, QRectF(x, top, kTileWidth, kTileHeight), ctx, j + 1,
                                           ctx.galleryRows[j]);
                                  report(ctx.progress, "report", static_cast<std::int64_t>(j + 1),
                                         static_cast<std::int64_t>(shown));
                              }
                          }});
    }
    return blocks;
}

} // namespace s2s::ui
