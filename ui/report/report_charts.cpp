#include "ui/report/report_charts.h"

#include "ui/report/report_tr.h"

#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace s2s::ui {

namespace {

const QColor kAxis(60, 60, 60);
const QColor kGrid(225, 225, 225);
const QColor kNormal(46, 110, 200);
const QColor kAnomalous(222, 110, 30);
const QColor kThreshold(200, 30, 30);

constexpr double kTickFont = 6.5;
constexpr double kLabelFont = 7.5;
constexpr double kTitleFont = 9.0;

double scale(double v, double lo, double hi, double a, double b)
{
    return hi > lo ? a + (v - lo) / (hi - lo) * (b - a) : a;
}

// "Nice" tick positions (1, 2, 5 x 10^k steps) covering [lo, hi].
std::vector<double> ticks(double lo, double hi, int approxCount, double *stepOut, double minStep = 0.0)
{
    const double span = std::max(hi - lo, 1e-12);
    const double raw = std::max(span / std::max(approxCount, 1), minStep);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw)
            break;
    }
    std::vector<double> out;
    for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step)
        out.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    if (stepOut)
        *stepOut = step;
    return out;
}

QString tickLabel(double value, double step)
{
    const int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, 6);
    return QString::number(value, 'f', decimals);
}

void drawTitle(ReportCanvas &canvas, const QRectF &area, const QString &title)
{
    canvas.setFont(kTitleFont, true);
    canvas.setPen(kAxis);
    canvas.text(QRectF(area.left(), area.top(), area.width(), 14), Qt::AlignLeft | Qt::AlignTop, title);
}

void drawVerticalLabel(ReportCanvas &canvas, const QPointF &centre, const QString &text)
{
    QPainter &p = canvas.painter();
    p.save();
    p.translate(canvas.toDevice(centre));
    p.rotate(-90);
    const double k = canvas.unitsPerPoint();
    p.drawText(QRectF(-60 * k, -6 * k, 120 * k, 12 * k), Qt::AlignCenter, text);
    p.restore();
}

} // namespace

void drawRocChart(ReportCanvas &canvas, const QRectF &area, const QString &title,
                  const std::optional<RocSeries> &series, const std::optional<QPointF> &operatingPoint,
                  const QString &emptyText)
{
    drawTitle(canvas, area, title);
    const double side = std::min(area.width() - 40, area.height() - 16 - 30);
    const QRectF plot(area.left() + 36, area.top() + 18, side, side);
    const auto px = [&](double fpr) { return scale(fpr, 0, 1, plot.left(), plot.right()); };
    const auto py = [&](double tpr) { return scale(tpr, 0, 1, plot.bottom(), plot.top()); };

    canvas.setFont(kTickFont);
    for (int i = 0; i <= 5; ++i) {
        const double v = i / 5.0;
        canvas.setPen(kGrid, 0.4);
        canvas.line({px(v), plot.top()}, {px(v), plot.bottom()});
        canvas.line({plot.left(), py(v)}, {plot.right(), py(v)});
        canvas.setPen(kAxis);
        canvas.text(QRectF(px(v) - 15, plot.bottom() + 2, 30, 9), Qt::AlignHCenter | Qt::AlignTop,
                    QString::number(v, 'f', 1));
        canvas.text(QRectF(plot.left() - 32, py(v) - 4.5, 29, 9), Qt::AlignRight | Qt::AlignVCenter,
                    QString::number(v, 'f', 1));
    }
    canvas.setPen(QColor(150, 150, 150), 0.6, Qt::DashLine);
    canvas.line({px(0), py(0)}, {px(1), py(1)});
    canvas.setPen(kAxis, 0.7);
    canvas.rect(plot);

    canvas.setFont(kLabelFont);
    canvas.text(QRectF(plot.left(), plot.bottom() + 12, plot.width(), 11), Qt::AlignCenter,
                Report::tr("False-positive rate"));
    drawVerticalLabel(canvas, {plot.left() - 28, plot.center().y()}, Report::tr("True-positive rate"));

    if (!series || series->fpr.empty()) {
        canvas.setFont(kLabelFont, false, true);
        canvas.text(plot.adjusted(10, 10, -10, -10), Qt::AlignCenter | Qt::TextWordWrap, emptyText);
        return;
    }
    QPolygonF curve;
    for (std::size_t i = 0; i < series->fpr.size() && i < series->tpr.size(); ++i)
        curve << QPointF(px(series->fpr[i]), py(series->tpr[i]));
    canvas.setPen(kNormal, 1.3);
    canvas.polyline(curve);

    canvas.setFont(kLabelFont, true);
    canvas.setPen(kAxis);
    canvas.text(QRectF(plot.left() + 4, plot.bottom() - 14, plot.width() - 8, 11),
                Qt::AlignRight | Qt::AlignVCenter,
                Report::tr("AUROC %1").arg(series->auroc, 0, 'f', 4));

    if (operatingPoint) {
        const QPointF at(px(operatingPoint->x()), py(operatingPoint->y()));
        canvas.setPen(kThreshold, 1.0);
        canvas.painter().setBrush(QColor(255, 255, 255));
        canvas.painter().drawEllipse(canvas.toDevice(at), 2.6 * canvas.unitsPerPoint(),
                                     2.6 * canvas.unitsPerPoint());
        canvas.painter().setBrush(Qt::NoBrush);
        canvas.setFont(kTickFont);
        const bool right = at.x() < plot.center().x();
        canvas.text(QRectF(right ? at.x() + 5 : at.x() - 125, at.y() + 2, 120, 9),
                    (right ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignTop,
                    Report::tr("threshold (FPR %1, TPR %2)")
                        .arg(operatingPoint->x(), 0, 'f', 2)
                        .arg(operatingPoint->y(), 0, 'f', 2));
    }
}

void drawScoreHistogram(ReportCanvas &canvas, const QRectF &area, const std::vector<float> &normal,
                        const std::vector<float> &anomalous, double threshold)
{
    drawTitle(canvas, area, Report::tr("Image scores: normal vs anomalous"));
    const QRectF plot = area.adjusted(40, 30, -8, -30);

    double lo = threshold, hi = threshold;
    for (const auto *set : {&normal, &anomalous})
        for (const float s : *set) {
            lo = std::min(lo, static_cast<double>(s));
            hi = std::max(hi, static_cast<double>(s));
        }
    const double pad = std::max((hi - lo) * 0.04, 1e-6);
    lo -= pad;
    hi += pad;
    const std::size_t n = normal.size() + anomalous.size();
    const int bins = std::clamp(static_cast<int>(2 * std::sqrt(static_cast<double>(n))), 10, 40);
    const double width = (hi - lo) / bins;
    std::vector<int> countN(bins, 0), countA(bins, 0);
    const auto binOf = [&](float s) {
        return std::clamp(static_cast<int>((s - lo) / width), 0, bins - 1);
    };
    for (const float s : normal)
        ++countN[binOf(s)];
    for (const float s : anomalous)
        ++countA[binOf(s)];
    const int peak = std::max({1, *std::max_element(countN.begin(), countN.end()),
                               *std::max_element(countA.begin(), countA.end())});

    double yStep = 1.0;
    std::vector<double> yTicks = ticks(0, peak, 4, &yStep, 1.0);
    const double yMax = std::max(static_cast<double>(peak), yTicks.back());
    const auto px = [&](double v) { return scale(v, lo, hi, plot.left(), plot.right()); };
    const auto py = [&](double c) { return scale(c, 0, yMax, plot.bottom(), plot.top()); };

    canvas.setFont(kTickFont);
    for (const double t : yTicks) {
        canvas.setPen(kGrid, 0.4);
        canvas.line({plot.left(), py(t)}, {plot.right(), py(t)});
        canvas.setPen(kAxis);
        canvas.text(QRectF(plot.left() - 34, py(t) - 4.5, 31, 9), Qt::AlignRight | Qt::AlignVCenter,
                    tickLabel(t, std::max(yStep, 1.0)));
    }
    double xStep = 1.0;
    for (const double t : ticks(lo, hi, 8, &xStep)) {
        canvas.setPen(kAxis, 0.5);
        canvas.line({px(t), plot.bottom()}, {px(t), plot.bottom() + 2.5});
        canvas.text(QRectF(px(t) - 20, plot.bottom() + 3, 40, 9), Qt::AlignHCenter | Qt::AlignTop,
                    tickLabel(t, xStep));
    }

    const auto drawBars = [&](const std::vector<int> &counts, const QColor &color) {
        QColor fill = color;
        fill.setAlpha(105);
        canvas.setPen(color, 0.6);
        for (int b = 0; b < bins; ++b)
            if (counts[b] > 0)
                canvas.rect(QRectF(QPointF(px(lo + b * width), py(counts[b])),
                                   QPointF(px(lo + (b + 1) * width), py(0))),
                            fill);
    };
    drawBars(countN, kNormal);
    drawBars(countA, kAnomalous);

    canvas.setPen(kAxis, 0.7);
    canvas.rect(plot);
    canvas.setPen(kThreshold, 1.1, Qt::DashLine);
    canvas.line({px(threshold), plot.top() - 4}, {px(threshold), plot.bottom()});
    canvas.setFont(kTickFont, true);
    canvas.setPen(kThreshold);
    canvas.text(QRectF(px(threshold) - 60, plot.top() - 13, 120, 9), Qt::AlignCenter,
                Report::tr("threshold %1").arg(threshold, 0, 'g', 5));

    canvas.setFont(kLabelFont);
    canvas.setPen(kAxis);
    canvas.text(QRectF(plot.left(), plot.bottom() + 14, plot.width(), 11), Qt::AlignCenter,
                Report::tr("Image score (higher = more anomalous)"));
    drawVerticalLabel(canvas, {plot.left() - 34, plot.center().y()}, Report::tr("Images"));

    const QString legend[2] = {Report::tr("normal (%1)").arg(normal.size()),
                               Report::tr("anomalous (%1)").arg(anomalous.size())};
    const QColor colors[2] = {kNormal, kAnomalous};
    canvas.setFont(kTickFont);
    for (int i = 0; i < 2; ++i) {
        const double x = plot.right() - 190 + i * 95;
        const double y = area.top() + 3;
        QColor fill = colors[i];
        fill.setAlpha(105);
        canvas.setPen(colors[i], 0.6);
        canvas.rect(QRectF(x, y, 8, 7), fill);
        canvas.setPen(kAxis);
        canvas.text(QRectF(x + 11, y - 1, 82, 9), Qt::AlignLeft | Qt::AlignVCenter, legend[i]);
    }
}

namespace {

// The plot's frame and, at x (points), a dashed reference line labelled under the axis.
void frameWithReference(ReportCanvas &canvas, const QRectF &plot, std::optional<double> x, const QString &label)
{
    canvas.setPen(kAxis, 0.7);
    canvas.rect(plot);
    if (!x)
        return;
    canvas.setPen(kThreshold, 1.0, Qt::DashLine);
    canvas.line({*x, plot.top() - 2}, {*x, plot.bottom()});
    canvas.setFont(kTickFont);
    canvas.setPen(kThreshold);
    canvas.text(QRectF(*x - 80, plot.bottom() + 11, 160, 9), Qt::AlignCenter, label);
}

} // namespace

void drawBarChart(ReportCanvas &canvas, const QRectF &area, const QString &title,
                  const std::vector<QString> &labels, const std::vector<double> &values,
                  std::optional<double> reference, const QString &referenceLabel)
{
    drawTitle(canvas, area, title);
    const QRectF plot = area.adjusted(110, 18, -12, -22);
    double lo = 1.0;
    for (const double v : values)
        if (std::isfinite(v))
            lo = std::min(lo, v);
    if (reference)
        lo = std::min(lo, *reference);
    lo = std::max(0.0, std::floor((lo - 0.05) * 10.0) / 10.0);
    const double hi = 1.0;
    const auto px = [&](double v) { return scale(v, lo, hi, plot.left(), plot.right()); };

    canvas.setFont(kTickFont);
    double step = 0.1;
    for (const double t : ticks(lo, hi, 5, &step)) {
        canvas.setPen(kGrid, 0.4);
        canvas.line({px(t), plot.top()}, {px(t), plot.bottom()});
        canvas.setPen(kAxis);
        canvas.text(QRectF(px(t) - 15, plot.bottom() + 2, 30, 9), Qt::AlignHCenter | Qt::AlignTop,
                    tickLabel(t, step));
    }
    const double rowH = labels.empty() ? 0 : plot.height() / labels.size();
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const double y = plot.top() + i * rowH;
        canvas.setPen(kAxis);
        canvas.text(QRectF(area.left(), y, 106, rowH), Qt::AlignRight | Qt::AlignVCenter,
                    canvas.elided(labels[i], 104));
        if (i < values.size() && std::isfinite(values[i])) {
            QColor fill = kNormal;
            fill.setAlpha(150);
            canvas.setPen(kNormal, 0.5);
            canvas.rect(QRectF(QPointF(px(lo), y + rowH * 0.18), QPointF(px(values[i]), y + rowH * 0.82)),
                        fill);
            canvas.setPen(kAxis);
            canvas.text(QRectF(px(values[i]) + 2, y, 40, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                        QString::number(values[i], 'f', 3));
        }
    }
    frameWithReference(canvas, plot, reference ? std::optional<double>(px(*reference)) : std::nullopt, referenceLabel);
}

void drawPairedBarChart(ReportCanvas &canvas, const QRectF &area, const QString &title,
                        const std::vector<QString> &labels, const std::vector<double> &first,
                        const std::vector<double> &second, const QString &firstName, const QString &secondName,
                        std::optional<double> reference, const QString &referenceLabel)
{
    drawTitle(canvas, area, title);
    const QRectF plot = area.adjusted(110, 30, -40, -22);
    // AUROC from 0 to 1: chance (0.5) is in the middle, so a collapse is visible at a glance.
    const double lo = 0.0, hi = 1.0;
    const auto px = [&](double v) { return scale(std::clamp(v, lo, hi), lo, hi, plot.left(), plot.right()); };
    // Legend under the title.
    canvas.setFont(kTickFont);
    const QColor colours[2] = {kAnomalous, kNormal};
    const QString names[2] = {firstName, secondName};
    double x = plot.left();
    for (int k = 0; k < 2; ++k) {
        QColor fill = colours[k];
        fill.setAlpha(170);
        canvas.setPen(colours[k], 0.5);
        canvas.rect(QRectF(x, area.top() + 17, 9, 7), fill);
        canvas.setPen(kAxis);
        canvas.text(QRectF(x + 12, area.top() + 15, 150, 10), Qt::AlignLeft | Qt::AlignVCenter, names[k]);
        x += 160;
    }
    double step = 0.1;
    for (const double t : ticks(lo, hi, 5, &step)) {
        canvas.setPen(kGrid, 0.4);
        canvas.line({px(t), plot.top()}, {px(t), plot.bottom()});
        canvas.setPen(kAxis);
        canvas.text(QRectF(px(t) - 15, plot.bottom() + 2, 30, 9), Qt::AlignHCenter | Qt::AlignTop, tickLabel(t, step));
    }
    const double rowH = labels.empty() ? 0 : plot.height() / labels.size();
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const double y = plot.top() + i * rowH;
        canvas.setPen(kAxis);
        canvas.text(QRectF(area.left(), y, 106, rowH), Qt::AlignRight | Qt::AlignVCenter, canvas.elided(labels[i], 104));
        const double values[2] = {i < first.size() ? first[i] : std::nan(""), i < second.size() ? second[i] : std::nan("")};
        for (int k = 0; k < 2; ++k) {
            if (!std::isfinite(values[k]))
                continue;
            const double top = y + rowH * (0.12 + 0.38 * k), bottom = top + rowH * 0.36;
            QColor fill = colours[k];
            fill.setAlpha(170);
            canvas.setPen(colours[k], 0.5);
            canvas.rect(QRectF(QPointF(px(lo), top), QPointF(px(values[k]), bottom)), fill);
            canvas.setPen(kAxis);
            canvas.text(QRectF(px(values[k]) + 2, top - 2, 40, bottom - top + 4), Qt::AlignLeft | Qt::AlignVCenter,
                        QString::number(values[k], 'f', 3));
        }
    }
    frameWithReference(canvas, plot, reference ? std::optional<double>(px(*reference)) : std::nullopt, referenceLabel);
}

} // namespace s2s::ui
