#pragma once

#include "engine/core/score_map.h"

#include <QColor>
#include <QImage>
#include <QPainterPath>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace s2s::ui {

QImage toQImage(const cv::Mat &rgbOrGray); // deep copy
// Colour-maps a score map over [lo, hi]; colormap: "inferno", "jet", "viridis", "turbo".
QImage heatmapImage(const ScoreMap &map, float lo, float hi, const QString &colormap);
// The colormap as a vertical ramp, `steps` pixels high and 1 wide: the top row is the highest score.
QImage colormapRamp(const QString &colormap, int steps = 256);
// Outline of a binary image (non-zero = inside), in that image's pixel coordinates.
QPainterPath maskOutline(const cv::Mat &mask);
// The region the verdict points at: where the map reaches the threshold; when the smoothed map of an
// image at or above the threshold stays below it (the score is the unsmoothed patch maximum), where the
// map lifted by what smoothing took from its peak does. So an image at or above the threshold always has
// a region, one below it never has.
QPainterPath thresholdOutline(const ScoreMap &map, float threshold, float imageScore);

} // namespace s2s::ui
