#include "engine/foreground/classical_segmenter.h"

#include "engine/core/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace s2s {

namespace {

// Keeps the component with the largest area weighted towards the image centre (or the prompt).
cv::Mat keepMainComponent(const cv::Mat &mask, cv::Point2d focus)
{
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    int best = -1;
    double bestScore = 0.0;
    const double diag = std::hypot(mask.cols, mask.rows);
    for (int i = 1; i < n; ++i) {
        const double area = stats.at<int>(i, cv::CC_STAT_AREA);
        const double d = std::hypot(centroids.at<double>(i, 0) - focus.x, centroids.at<double>(i, 1) - focus.y) / diag;
        const double score = area * (1.0 - d);
        if (score > bestScore) {
            bestScore = score;
            best = i;
        }
    }
    if (best < 0)
        return cv::Mat::zeros(mask.size(), CV_8UC1);
    return labels == best;
}

} // namespace

cv::Mat fillMaskHoles(const cv::Mat &mask)
{
    cv::Mat padded;
    cv::copyMakeBorder(mask, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, cv::Scalar(0));
    cv::floodFill(padded, cv::Point(0, 0), cv::Scalar(128));
    cv::Mat filled = padded != 128;
    return filled(cv::Rect(1, 1, mask.cols, mask.rows)).clone();
}

cv::Mat largestMaskComponent(const cv::Mat &mask)
{
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    int best = 0, bestArea = 0;
    for (int i = 1; i < n; ++i)
        if (stats.at<int>(i, cv::CC_STAT_AREA) > bestArea) {
            bestArea = stats.at<int>(i, cv::CC_STAT_AREA);
            best = i;
        }
    if (best == 0)
        return cv::Mat::zeros(mask.size(), CV_8UC1);
    return labels == best;
}

bool implausibleMask(const cv::Mat &mask, std::string *why)
{
    const double fraction = static_cast<double>(cv::countNonZero(mask)) / static_cast<double>(mask.total());
    const auto say = [&](const char *text) {
        if (why)
            *why = text;
        return true;
    };
    if (fraction < 0.01)
        return say("empty mask");
    if (fraction > 0.97)
        return say("mask covers the whole frame");
    const int rows = mask.rows - 1, cols = mask.cols - 1;
    const bool top = cv::countNonZero(mask.row(0)) > 0, bottom = cv::countNonZero(mask.row(rows)) > 0;
    const bool left = cv::countNonZero(mask.col(0)) > 0, right = cv::countNonZero(mask.col(cols)) > 0;
    if (top && bottom && left && right && fraction > 0.85)
        return say("mask touches all four borders");
    return false;
}

SegmentResult ClassicalSegmenter::segment(const cv::Mat &rgb, const SegmentPrompt &prompt)
{
    if (rgb.empty() || rgb.type() != CV_8UC3)
        throw Error("classical segmenter: expected an 8-bit RGB image");
    // Work at <= 512 px for speed; the mask is scaled back at the end.
    const double scale = std::min(1.0, 512.0 / std::max(rgb.cols, rgb.rows));
    cv::Mat small;
    cv::resize(rgb, small, cv::Size(), scale, scale, cv::INTER_AREA);
    cv::Mat blurred;
    cv::GaussianBlur(small, blurred, cv::Size(5, 5), 0);
    cv::Mat lab;
    blurred.convertTo(lab, CV_32FC3, 1.0 / 255.0);
    cv::cvtColor(lab, lab, cv::COLOR_RGB2Lab);

    // The background model: the median Lab colour of a border band.
    const int band = std::max(2, static_cast<int>(std::lround(0.04 * std::min(small.cols, small.rows))));
    std::vector<float> channel[3];
    for (int y = 0; y < lab.rows; ++y)
        for (int x = 0; x < lab.cols; ++x)
            if (y < band || y >= lab.rows - band || x < band || x >= lab.cols - band) {
                const auto &p = lab.at<cv::Vec3f>(y, x);
                for (int c = 0; c < 3; ++c)
                    channel[c].push_back(p[c]);
            }
    cv::Vec3f median;
    for (int c = 0; c < 3; ++c) {
        auto &v = channel[c];
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        median[c] = v[v.size() / 2];
    }
    cv::Mat distance(lab.size(), CV_32F);
    for (int y = 0; y < lab.rows; ++y)
        for (int x = 0; x < lab.cols; ++x) {
            const cv::Vec3f d = lab.at<cv::Vec3f>(y, x) - median;
            distance.at<float>(y, x) = std::sqrt(d.dot(d));
        }
    double maxDistance = 0.0;
    cv::minMaxLoc(distance, nullptr, &maxDistance);
    cv::Mat distance8;
    distance.convertTo(distance8, CV_8U, maxDistance > 0 ? 255.0 / maxDistance : 0.0);
    cv::Mat mask;
    const double otsu = cv::threshold(distance8, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);

    const int k = std::max(3, (std::min(small.cols, small.rows) / 100) | 1);
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k));
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, kernel);
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, kernel);
    cv::Point2d focus(small.cols / 2.0, small.rows / 2.0);
    if (prompt.point)
        focus = cv::Point2d(prompt.point->x * scale, prompt.point->y * scale);
    else if (prompt.box)
        focus = cv::Point2d((prompt.box->x + prompt.box->width / 2.0) * scale,
                            (prompt.box->y + prompt.box->height / 2.0) * scale);
    mask = fillMaskHoles(keepMainComponent(mask, focus));
    if (prompt.box) {
        cv::Mat inside = cv::Mat::zeros(mask.size(), CV_8UC1);
        const cv::Rect box(cv::Point(static_cast<int>(prompt.box->x * scale), static_cast<int>(prompt.box->y * scale)),
                           cv::Size(static_cast<int>(std::ceil(prompt.box->width * scale)),
                                    static_cast<int>(std::ceil(prompt.box->height * scale))));
        inside(box & cv::Rect(0, 0, mask.cols, mask.rows)).setTo(255);
        mask &= inside;
    }

    SegmentResult result;
    cv::resize(mask, result.mask, rgb.size(), 0, 0, cv::INTER_LINEAR);
    cv::threshold(result.mask, result.mask, 127, 255, cv::THRESH_BINARY);
    // Confidence: how far apart foreground and background distances are, relative to the range.
    const cv::Scalar fg = cv::mean(distance8, mask), bg = cv::mean(distance8, ~mask);
    result.confidence = static_cast<float>(std::clamp((fg[0] - bg[0]) / 255.0, 0.0, 1.0));
    result.producedBy = "classical";
    (void)otsu;
    return result;
}

} // namespace s2s
