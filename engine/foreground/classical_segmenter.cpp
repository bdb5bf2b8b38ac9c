#include "engine/foreground/classical_segmenter.h"

#include "engine/core/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

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

cv::Mat disc(int size)
{
    return cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(size, size));
}

// Median of `values` where `where` is set, and the median absolute deviation around it.
std::pair<double, double> medianAndMad(const std::vector<double> &values, const std::vector<std::uint8_t> &where)
{
    std::vector<double> v;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (where[i])
            v.push_back(values[i]);
    const auto median = [](std::vector<double> &x) {
        std::nth_element(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(x.size() / 2), x.end());
        return x[x.size() / 2];
    };
    const double m = median(v);
    for (double &x : v)
        x = std::abs(x - m);
    return {m, median(v)};
}

// See ClassicalSegmenter::Background::Plain. `small`: the working RGB image; `mask`: Otsu's object.
cv::Mat extendOnPlainBackground(const cv::Mat &small, const cv::Mat &mask)
{
    // How many robust standard deviations of the background's own spread make a pixel "not background".
    constexpr double kSpread = 6.0, kMadToSigma = 1.4826;
    const double s = std::min(1.0, 256.0 / std::max(small.cols, small.rows));
    cv::Mat image, object;
    cv::resize(small, image, cv::Size(), s, s, cv::INTER_AREA);
    cv::GaussianBlur(image, image, cv::Size(5, 5), 0);
    cv::resize(mask, object, image.size(), 0, 0, cv::INTER_NEAREST);
    const int w = image.cols, h = image.rows, n = w * h;
    cv::Mat nearObject;
    cv::dilate(object, nearObject, disc(9));

    // A quadratic surface per channel, fitted to the background (least squares, normal equations on
    // coordinates in [0, 1]); pixels found to be "not background" leave the fit on the next round.
    cv::Mat terms(n, 6, CV_64F), colour(n, 3, CV_64F);
    std::vector<std::uint8_t> background(static_cast<std::size_t>(n));
    for (int y = 0, i = 0; y < h; ++y)
        for (int x = 0; x < w; ++x, ++i) {
            const double u = static_cast<double>(x) / w, v = static_cast<double>(y) / h;
            double *t = terms.ptr<double>(i);
            t[0] = 1.0, t[1] = u, t[2] = v, t[3] = u * u, t[4] = v * v, t[5] = u * v;
            const cv::Vec3b &p = image.at<cv::Vec3b>(y, x);
            for (int c = 0; c < 3; ++c)
                colour.at<double>(i, c) = p[c] + 1.0;
            background[static_cast<std::size_t>(i)] = nearObject.at<std::uint8_t>(y, x) == 0;
        }
    std::vector<double> gain(static_cast<std::size_t>(n)), chroma(static_cast<std::size_t>(n));
    cv::Mat candidate(h, w, CV_8UC1);
    for (int round = 0; round < 3; ++round) {
        // The normal equations, summed over the background pixels: (T'T) coef = T'C.
        cv::Matx<double, 6, 6> tt = cv::Matx<double, 6, 6>::zeros();
        cv::Matx<double, 6, 3> tc = cv::Matx<double, 6, 3>::zeros();
        int used = 0;
        for (int i = 0; i < n; ++i) {
            if (!background[static_cast<std::size_t>(i)])
                continue;
            const double *t = terms.ptr<double>(i), *c = colour.ptr<double>(i);
            for (int r = 0; r < 6; ++r) {
                for (int k = 0; k < 6; ++k)
                    tt(r, k) += t[r] * t[k];
                for (int k = 0; k < 3; ++k)
                    tc(r, k) += t[r] * c[k];
            }
            ++used;
        }
        if (used < n / 10)
            return mask; // too little background to model: keep Otsu's mask
        cv::Mat coef;
        if (!cv::solve(cv::Mat(tt), cv::Mat(tc), coef, cv::DECOMP_CHOLESKY))
            return mask;
        const cv::Mat fitted = terms * coef;
        for (int i = 0; i < n; ++i) {
            const double *f = fitted.ptr<double>(i), *c = colour.ptr<double>(i);
            const double fb = std::max(1.0, f[0]), fg = std::max(1.0, f[1]), fr = std::max(1.0, f[2]);
            gain[static_cast<std::size_t>(i)] = (c[0] / fb + c[1] / fg + c[2] / fr) / 3.0;
            const double cs = c[0] + c[1] + c[2], fs = fb + fg + fr;
            const double d0 = c[0] / cs - fb / fs, d1 = c[1] / cs - fg / fs, d2 = c[2] / cs - fr / fs;
            chroma[static_cast<std::size_t>(i)] = std::sqrt(d0 * d0 + d1 * d1 + d2 * d2);
        }
        const auto [gainMedian, gainMad] = medianAndMad(gain, background);
        // The chromaticity distance is >= 0 and piles up near 0: its median is its scale.
        const double chromaMedian = medianAndMad(chroma, background).first;
        const double gainLimit = gainMedian + kSpread * kMadToSigma * std::max(gainMad, 1e-4);
        const double chromaLimit = chromaMedian + kSpread * kMadToSigma * std::max(chromaMedian, 1e-5);
        for (int y = 0, i = 0; y < h; ++y)
            for (int x = 0; x < w; ++x, ++i) {
                const bool differs = chroma[static_cast<std::size_t>(i)] > chromaLimit || gain[static_cast<std::size_t>(i)] > gainLimit;
                candidate.at<std::uint8_t>(y, x) = differs ? 255 : 0;
                background[static_cast<std::size_t>(i)] = nearObject.at<std::uint8_t>(y, x) == 0 && !differs;
            }
    }
    // Only what Otsu left out, and only thick parts of it: the object's blurred edge is a thin rim of
    // "different" pixels around it, and adding it widens every silhouette (the demo nut: 0.953 -> 0.793
    // Sam2Sim image AUROC with the rim kept).
    candidate &= ~object;
    cv::morphologyEx(candidate, candidate, cv::MORPH_OPEN, disc(5));
    // Candidates count only where they touch the object.
    cv::Mat labels;
    const int count = cv::connectedComponents(candidate | object, labels, 8, CV_32S);
    std::vector<std::uint8_t> touches(static_cast<std::size_t>(count), 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (object.at<std::uint8_t>(y, x))
                touches[static_cast<std::size_t>(labels.at<int>(y, x))] = 1;
    cv::Mat extended(h, w, CV_8UC1);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int l = labels.at<int>(y, x);
            extended.at<std::uint8_t>(y, x) = l > 0 && touches[static_cast<std::size_t>(l)] ? 255 : 0;
        }
    cv::morphologyEx(extended, extended, cv::MORPH_CLOSE, disc(5));
    extended = fillMaskHoles(extended);
    // A background that is not plain after all spreads the candidates far beyond the object: keep Otsu's.
    if (cv::countNonZero(extended) > 3 * std::max(1, cv::countNonZero(object)))
        return mask;
    cv::resize(extended, extended, mask.size(), 0, 0, cv::INTER_LINEAR);
    return (extended > 127) | mask;
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
    if (m_background == Background::Plain && cv::countNonZero(mask) > 0)
        mask = extendOnPlainBackground(small, mask);
    if (prompt.box) {
        cv::Mat inside = cv::Mat::zeros(mask.size(), CV_8UC1);
        // Real-valued edges: every pixel the box touches is inside.
        const cv::Rect box(cv::Point(static_cast<int>(std::floor(prompt.box->x * scale)),
                                     static_cast<int>(std::floor(prompt.box->y * scale))),
                           cv::Point(static_cast<int>(std::ceil((prompt.box->x + prompt.box->width) * scale)),
                                     static_cast<int>(std::ceil((prompt.box->y + prompt.box->height) * scale))));
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
