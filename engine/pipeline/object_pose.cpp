#include "engine/pipeline/object_pose.h"

#include "engine/simplenet/scorer.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <numbers>

namespace s2s {

namespace {

constexpr double kMinAxisElongation = 1.3;

double borderShare(const cv::Mat &binary)
{
    const int w = binary.cols, h = binary.rows;
    double on = 0.0, all = 0.0;
    for (int x = 0; x < w; ++x) {
        on += (binary.at<std::uint8_t>(0, x) != 0) + (binary.at<std::uint8_t>(h - 1, x) != 0);
        all += 2;
    }
    for (int y = 0; y < h; ++y) {
        on += (binary.at<std::uint8_t>(y, 0) != 0) + (binary.at<std::uint8_t>(y, w - 1) != 0);
        all += 2;
    }
    return on / all;
}

cv::Matx33d homogeneous(const cv::Matx23d &m)
{
    return {m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2), 0.0, 0.0, 1.0};
}

// Rotation by `degrees` about `centre`, then a shift that puts `centre` at the image centre plus `dx`.
cv::Matx23d rotationAbout(cv::Point2d centre, double degrees, cv::Size size, double dx)
{
    cv::Mat r = cv::getRotationMatrix2D(centre, degrees, 1.0);
    cv::Matx23d m(r);
    m(0, 2) += size.width / 2.0 - centre.x + dx;
    m(1, 2) += size.height / 2.0 - centre.y;
    return m;
}

cv::Mat warpedMask(const cv::Mat &mask, const cv::Matx23d &m)
{
    cv::Mat out;
    cv::warpAffine(mask, out, cv::Mat(m), mask.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT, cv::Scalar(0));
    return out;
}

// The widest cross-section (column height) within the outer quarter of the silhouette's length at its
// left and right ends, and the x extent.
struct EndWidths
{
    int left = 0, right = 0, x0 = 0, x1 = -1;
};

EndWidths endWidths(const cv::Mat &aligned)
{
    cv::Mat columns;
    cv::reduce(aligned > 0, columns, 0, cv::REDUCE_SUM, CV_32S);
    EndWidths e;
    e.x0 = -1;
    for (int x = 0; x < columns.cols; ++x)
        if (columns.at<int>(0, x) > 0) {
            if (e.x0 < 0)
                e.x0 = x;
            e.x1 = x;
        }
    if (e.x0 < 0)
        return {};
    const int n = std::max(1, static_cast<int>(std::lround(0.25 * (e.x1 - e.x0 + 1))));
    for (int k = 0; k < n; ++k) {
        e.left = std::max(e.left, columns.at<int>(0, e.x0 + k) / 255);
        e.right = std::max(e.right, columns.at<int>(0, e.x1 - k) / 255);
    }
    return e;
}

} // namespace

cv::Mat plainBackgroundSilhouette(const cv::Mat &rgb)
{
    cv::Mat grey, blurred, binary;
    if (rgb.channels() == 3)
        cv::cvtColor(rgb, grey, cv::COLOR_RGB2GRAY);
    else
        grey = rgb;
    cv::GaussianBlur(grey, blurred, cv::Size(7, 7), 0.0);
    cv::threshold(blurred, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // The object is the class that touches the border less (dark screws on a light table, or the reverse).
    if (borderShare(binary) > 0.5)
        binary = ~binary;
    cv::morphologyEx(binary, binary, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(binary, labels, stats, centroids, 8, CV_32S);
    if (n <= 1)
        return cv::Mat::zeros(rgb.size(), CV_8UC1);
    int best = 1;
    for (int k = 2; k < n; ++k)
        if (stats.at<int>(k, cv::CC_STAT_AREA) > stats.at<int>(best, cv::CC_STAT_AREA))
            best = k;
    cv::Mat mask = labels == best;
    return mask;
}

SilhouettePose silhouettePose(const cv::Mat &mask)
{
    SilhouettePose pose;
    if (mask.empty())
        return pose;
    const cv::Moments m = cv::moments(mask, true);
    // Too small to carry a pose: fewer than 0.1% of the pixels.
    if (m.m00 < 0.001 * static_cast<double>(mask.total()))
        return pose;
    const double a = m.mu20 / m.m00, b = m.mu11 / m.m00, c = m.mu02 / m.m00;
    const double root = std::sqrt(std::max(0.0, (a - c) * (a - c) + 4.0 * b * b));
    const double l1 = 0.5 * (a + c + root), l2 = 0.5 * (a + c - root);
    pose.elongation = l2 > 1e-9 ? std::sqrt(l1 / l2) : 1e3;
    pose.axisDegrees = 0.5 * std::atan2(2.0 * b, a - c) * 180.0 / std::numbers::pi;
    pose.valid = true;
    return pose;
}

std::optional<cv::Matx23d> alignmentFor(const cv::Mat &mask)
{
    const SilhouettePose pose = silhouettePose(mask);
    if (!pose.valid || pose.elongation < kMinAxisElongation)
        return std::nullopt;
    const cv::Moments m = cv::moments(mask, true);
    const cv::Point2d centroid(m.m10 / m.m00, m.m01 / m.m00);
    // OpenCV's positive angle turns the picture anticlockwise on screen; the axis angle is measured with
    // y down, so a turn by +axis brings the axis to the horizontal.
    double angle = pose.axisDegrees;
    cv::Matx23d toAligned = rotationAbout(centroid, angle, mask.size(), 0.0);
    EndWidths ends = endWidths(warpedMask(mask, toAligned));
    if (ends.right > ends.left) {
        angle += 180.0;
        toAligned = rotationAbout(centroid, angle, mask.size(), 0.0);
        ends = endWidths(warpedMask(mask, toAligned));
    }
    if (ends.x1 < ends.x0)
        return std::nullopt;
    // The middle of the length at the centre (the centroid sits toward the head).
    const double dx = mask.cols / 2.0 - (ends.x0 + ends.x1) / 2.0;
    return rotationAbout(centroid, angle, mask.size(), dx);
}

cv::Mat applyAlignment(const cv::Mat &rgb, const cv::Matx23d &toAligned)
{
    std::vector<cv::Vec3b> border;
    const int w = rgb.cols, h = rgb.rows;
    for (int x = 0; x < w; ++x) {
        border.push_back(rgb.at<cv::Vec3b>(0, x));
        border.push_back(rgb.at<cv::Vec3b>(h - 1, x));
    }
    for (int y = 0; y < h; ++y) {
        border.push_back(rgb.at<cv::Vec3b>(y, 0));
        border.push_back(rgb.at<cv::Vec3b>(y, w - 1));
    }
    cv::Scalar fill;
    for (int ch = 0; ch < 3; ++ch) {
        std::vector<std::uint8_t> v;
        v.reserve(border.size());
        for (const auto &p : border)
            v.push_back(p[ch]);
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        fill[ch] = v[v.size() / 2];
    }
    cv::Mat out;
    cv::warpAffine(rgb, out, cv::Mat(toAligned), rgb.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, fill);
    return out;
}

ScoreMap alignedMapToCropFrame(const ScoreMap &aligned, const cv::Matx23d &toAligned, int originalWidth,
                               int originalHeight, int resize)
{
    if (aligned.empty())
        return aligned;
    // The aligned image has the original's size, so one native -> crop transform serves both frames; a
    // pixel q of the original's crop frame shows the aligned crop frame at C A C^-1 q.
    const cv::Matx33d crop = homogeneous(nativeToCropFrame(originalWidth, originalHeight, resize, aligned.width));
    const cv::Matx33d m = crop * homogeneous(toAligned) * crop.inv();
    const cv::Matx23d back(m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2));
    const float minimum = *std::min_element(aligned.values.begin(), aligned.values.end());
    const cv::Mat src(aligned.height, aligned.width, CV_32F, const_cast<float *>(aligned.values.data()));
    cv::Mat dst;
    cv::warpAffine(src, dst, cv::Mat(back), src.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT,
                   cv::Scalar(minimum));
    ScoreMap out;
    out.width = aligned.width;
    out.height = aligned.height;
    out.values.assign(dst.ptr<float>(), dst.ptr<float>() + dst.total());
    return out;
}

std::string PoseSurvey::summary() const
{
    char text[160];
    std::snprintf(text, sizeof text, "elongation %.1f, axis concentration %.2f over %d images", elongation,
                  concentration, images);
    return text;
}

PoseSurvey surveyPose(const std::vector<cv::Mat> &masks)
{
    PoseSurvey survey;
    std::vector<double> elongations;
    std::complex<double> sum(0.0, 0.0);
    for (const cv::Mat &mask : masks) {
        const SilhouettePose pose = silhouettePose(mask);
        if (!pose.valid)
            continue;
        elongations.push_back(pose.elongation);
        sum += std::polar(1.0, 2.0 * pose.axisDegrees * std::numbers::pi / 180.0);
    }
    survey.images = static_cast<int>(elongations.size());
    if (elongations.empty())
        return survey;
    std::nth_element(elongations.begin(), elongations.begin() + static_cast<std::ptrdiff_t>(elongations.size() / 2),
                     elongations.end());
    survey.elongation = elongations[elongations.size() / 2];
    survey.concentration = std::abs(sum) / static_cast<double>(survey.images);
    // At least a handful of images: a spread of two axes says nothing.
    survey.freeRotation = survey.images >= 8 && survey.elongation >= 2.0 && survey.concentration < 0.6;
    return survey;
}

} // namespace s2s
