#pragma once

#include "ui/report/report_canvas.h"

#include <QPointF>
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

namespace s2s::ui {

// Vector charts for the report, drawn with QPainter paths and lines (never rasterised).

struct RocSeries
{
    std::vector<double> fpr;
    std::vector<double> tpr;
    double auroc = 0.0;
};

// A ROC chart in `area` (points). Without a series it draws the axes and `emptyText`.
void drawRocChart(ReportCanvas &canvas, const QRectF &area, const QString &title,
                  const std::optional<RocSeries> &series, const std::optional<QPointF> &operatingPoint,
                  const QString &emptyText);

// Score histogram of normal vs anomalous test images with the threshold as a vertical line.
void drawScoreHistogram(ReportCanvas &canvas, const QRectF &area, const std::vector<float> &normal,
                        const std::vector<float> &anomalous, double threshold);

// Horizontal bars of one value per label (robustness: image AUROC per background), with a
// reference value drawn as a dashed line.
void drawBarChart(ReportCanvas &canvas, const QRectF &area, const QString &title,
                  const std::vector<QString> &labels, const std::vector<double> &values,
                  std::optional<double> reference, const QString &referenceLabel);

// Horizontal bar pairs per label (per background family: SimpleNet dynamic vs Sam2Sim), with a
// legend naming the two series and an optional dashed reference line (static AUROC).
void drawPairedBarChart(ReportCanvas &canvas, const QRectF &area, const QString &title,
                        const std::vector<QString> &labels, const std::vector<double> &first,
                        const std::vector<double> &second, const QString &firstName, const QString &secondName,
                        std::optional<double> reference, const QString &referenceLabel);

} // namespace s2s::ui
