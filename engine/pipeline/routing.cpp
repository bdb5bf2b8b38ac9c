#include "engine/pipeline/routing.h"

#include "engine/io/image_io.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdio>

namespace s2s {

namespace {

// How different the image centre is from its border, relative to the border's own variation:
// about 1 for a texture (the centre looks like the border), large for an object on a background.
double centreContrast(const cv::Mat &rgb)
{
    cv::Mat small, lab;
    const double scale = 128.0 / std::max(rgb.cols, rgb.rows);
    cv::resize(rgb, small, cv::Size(), scale, scale, cv::INTER_AREA);
    small.convertTo(lab, CV_32FC3, 1.0 / 255.0);
    cv::cvtColor(lab, lab, cv::COLOR_RGB2Lab);
    const int band = std::max(2, lab.cols / 16);
    cv::Vec3d borderSum(0, 0, 0);
    int borderCount = 0;
    const auto inBorder = [&](int x, int y) {
        return x < band || y < band || x >= lab.cols - band || y >= lab.rows - band;
    };
    for (int y = 0; y < lab.rows; ++y)
        for (int x = 0; x < lab.cols; ++x)
            if (inBorder(x, y)) {
                borderSum += cv::Vec3d(lab.at<cv::Vec3f>(y, x));
                ++borderCount;
            }
    const cv::Vec3d borderMean = borderSum / std::max(1, borderCount);
    double borderSpread = 0.0, centreDistance = 0.0;
    int centreCount = 0;
    for (int y = 0; y < lab.rows; ++y)
        for (int x = 0; x < lab.cols; ++x) {
            const double d = cv::norm(cv::Vec3d(lab.at<cv::Vec3f>(y, x)) - borderMean);
            if (inBorder(x, y)) {
                borderSpread += d;
            } else if (std::abs(x - lab.cols / 2) < lab.cols / 4 && std::abs(y - lab.rows / 2) < lab.rows / 4) {
                centreDistance += d;
                ++centreCount;
            }
        }
    borderSpread /= std::max(1, borderCount);
    centreDistance /= std::max(1, centreCount);
    return centreDistance / std::max(borderSpread, 1e-3);
}

} // namespace

BackgroundRouting backgroundRouting(CategoryKind kind, bool keepsBackground)
{
    const bool object = kind == CategoryKind::Object;
    return {object && !keepsBackground, object};
}

bool usesSam2(const std::string &segmenter, const std::string &sam2Weights)
{
    return !sam2Weights.empty() && segmenter != "classical" && segmenter != "border";
}

KindProposal inferCategoryKind(const Category &category, int sampleImages)
{
    double total = 0.0;
    int used = 0;
    const std::size_t step = std::max<std::size_t>(1, category.train.size() / static_cast<std::size_t>(sampleImages));
    for (std::size_t i = 0; i < category.train.size() && used < sampleImages; i += step) {
        total += centreContrast(readImageRgb(category.train[i].image));
        ++used;
    }
    KindProposal p;
    p.contrast = used ? total / used : 1.0;
    p.kind = p.contrast < 2.0 ? CategoryKind::Texture : CategoryKind::Object;
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "kind inferred as %s: the image centre differs from the border by %.1fx the border's own variation "
                  "(textures ~1, objects > 2) on %d training images",
                  p.kind == CategoryKind::Texture ? "texture" : "object", p.contrast, used);
    p.reason = buf;
    return p;
}

} // namespace s2s
