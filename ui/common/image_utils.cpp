#include "ui/common/image_utils.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace s2s::ui {

QImage toQImage(const cv::Mat &m)
{
    if (m.empty())
        return {};
    if (m.type() == CV_8UC1)
        return QImage(m.data, m.cols, m.rows, static_cast<qsizetype>(m.step), QImage::Format_Grayscale8).copy();
    return QImage(m.data, m.cols, m.rows, static_cast<qsizetype>(m.step), QImage::Format_RGB888).copy();
}

namespace {

int colormapCode(const QString &colormap)
{
    if (colormap == QLatin1String("jet"))
        return cv::COLORMAP_JET;
    if (colormap == QLatin1String("viridis"))
        return cv::COLORMAP_VIRIDIS;
    if (colormap == QLatin1String("turbo"))
        return cv::COLORMAP_TURBO;
    return cv::COLORMAP_INFERNO;
}

} // namespace

QImage colormapRamp(const QString &colormap, int steps)
{
    steps = std::clamp(steps, 2, 256);
    cv::Mat ramp(steps, 1, CV_8U);
    for (int i = 0; i < steps; ++i)
        ramp.at<std::uint8_t>(i) = static_cast<std::uint8_t>(std::lround(255.0 * (steps - 1 - i) / (steps - 1)));
    cv::Mat bgr, rgb;
    cv::applyColorMap(ramp, bgr, colormapCode(colormap));
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    return toQImage(rgb);
}

QImage heatmapImage(const ScoreMap &map, float lo, float hi, const QString &colormap)
{
    if (map.empty())
        return {};
    cv::Mat values(map.height, map.width, CV_32F, const_cast<float *>(map.values.data()));
    cv::Mat scaled;
    const float span = hi > lo ? hi - lo : 1.f;
    values.convertTo(scaled, CV_8U, 255.0 / span, -lo * 255.0 / span);
    cv::Mat bgr, rgb;
    cv::applyColorMap(scaled, bgr, colormapCode(colormap));
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    return toQImage(rgb);
}

QPainterPath maskOutline(const cv::Mat &mask)
{
    QPainterPath path;
    if (mask.empty())
        return path;
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask.clone(), contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
    for (const auto &c : contours) {
        if (c.size() < 2)
            continue;
        path.moveTo(c[0].x + 0.5, c[0].y + 0.5);
        for (std::size_t i = 1; i < c.size(); ++i)
            path.lineTo(c[i].x + 0.5, c[i].y + 0.5);
        path.closeSubpath();
    }
    return path;
}

QPainterPath thresholdOutline(const ScoreMap &map, float threshold, float imageScore)
{
    if (map.empty() || !(imageScore >= threshold))
        return {};
    cv::Mat values(map.height, map.width, CV_32F, const_cast<float *>(map.values.data()));
    double peak = 0.0;
    cv::minMaxLoc(values, nullptr, &peak);
    // Smoothing never raises a peak (the map's maximum is at most the score), so a normal image has no
    // region. When the smoothed map stays below the threshold of an anomalous image, its peak is lifted to
    // the score and the region is where the lifted map reaches the threshold; otherwise it is the map's own.
    const double lift = peak >= threshold ? 0.0 : std::max(0.0, static_cast<double>(imageScore) - peak);
    cv::Mat on = values >= static_cast<double>(threshold) - lift;
    // At exactly the threshold the region is the peak alone: a pixel has no outline to draw, so a tiny
    // region is grown to a visible mark.
    if (cv::countNonZero(on) < 16)
        cv::dilate(on, on, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
    return maskOutline(on);
}

} // namespace s2s::ui
