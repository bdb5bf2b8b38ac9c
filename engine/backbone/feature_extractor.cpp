#include "engine/backbone/feature_extractor.h"

#include "engine/core/error.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <cmath>

namespace s2s {

namespace {

// Python's round() (half to even), which torchvision's CenterCrop uses for the offset.
std::int64_t roundHalfEven(double v)
{
    const double r = std::nearbyint(v); // default rounding mode is to-nearest-even
    return static_cast<std::int64_t>(r);
}

} // namespace

at::Tensor patchRows(const at::Tensor &f)
{
    const auto b = f.size(0), c = f.size(1), h = f.size(2), w = f.size(3);
    return at::im2col(f, {3, 3}, {1, 1}, {1, 1}, {1, 1}).permute({0, 2, 1}).reshape({b * h * w, c * 9});
}

FeatureExtractor::FeatureExtractor(std::shared_ptr<Backbone> backbone, FeatureGeometry geometry)
    : m_backbone(std::move(backbone))
    , m_geometry(geometry)
{
    if (m_geometry.imageSize > m_geometry.resize || m_geometry.imageSize < 32)
        throw Error("feature geometry: crop " + std::to_string(m_geometry.imageSize) + " must be in 32.."
                    + std::to_string(m_geometry.resize));
}

at::Tensor resizeAndCrop(const cv::Mat &rgb, const FeatureGeometry &geometry)
{
    if (rgb.empty() || rgb.type() != CV_8UC3)
        throw Error("feature extractor: expected an 8-bit RGB image");
    c10::InferenceMode guard;
    const cv::Mat continuous = rgb.isContinuous() ? rgb : rgb.clone();
    at::Tensor x = at::from_blob(const_cast<uchar *>(continuous.ptr()), {1, rgb.rows, rgb.cols, 3}, at::kByte)
                       .permute({0, 3, 1, 2})
                       .to(at::kFloat)
                       .div(255.0);
    // torchvision Resize(int): the shorter side becomes `resize`, the other keeps the aspect ratio
    // (truncated, as int() does), bilinear with antialias.
    const std::int64_t h = rgb.rows, w = rgb.cols, s = geometry.resize;
    const std::int64_t newH = h <= w ? s : static_cast<std::int64_t>(static_cast<double>(s) * h / w);
    const std::int64_t newW = h <= w ? static_cast<std::int64_t>(static_cast<double>(s) * w / h) : s;
    x = at::_upsample_bilinear2d_aa(x, {newH, newW}, false);
    const std::int64_t c = geometry.imageSize;
    const std::int64_t top = roundHalfEven((newH - c) / 2.0), left = roundHalfEven((newW - c) / 2.0);
    return x.slice(2, top, top + c).slice(3, left, left + c);
}

at::Tensor FeatureExtractor::preprocess(const cv::Mat &rgb) const
{
    c10::InferenceMode guard;
    const at::Tensor x = resizeAndCrop(rgb, m_geometry);
    const at::Tensor mean = at::tensor({kImageNetMean[0], kImageNetMean[1], kImageNetMean[2]}).reshape({1, 3, 1, 1});
    const at::Tensor stdev = at::tensor({kImageNetStd[0], kImageNetStd[1], kImageNetStd[2]}).reshape({1, 3, 1, 1});
    return ((x - mean) / stdev).squeeze(0).contiguous();
}

std::vector<at::Tensor> FeatureExtractor::taps(const at::Tensor &batch) const
{
    c10::InferenceMode guard;
    return m_backbone->forwardTaps(batch);
}

at::Tensor FeatureExtractor::extract(const at::Tensor &batch) const
{
    c10::InferenceMode guard;
    const std::vector<at::Tensor> taps = this->taps(batch);
    const at::Tensor &f2 = taps.at(0), &f3 = taps.at(1);
    const auto b = f2.size(0), h = f2.size(2), w = f2.size(3);
    const auto c3 = f3.size(1), h3 = f3.size(2), w3 = f3.size(3);

    const at::Tensor p2 = patchRows(f2); // [B*h*w, C2*9]
    // Align the stride-16 patches to the stride-8 grid: each patch element's h3 x w3 map is
    // upsampled bilinearly, as the official code does (not the same as upsampling then patchifying).
    at::Tensor p3 = patchRows(f3).reshape({b, h3, w3, c3, 3, 3}).permute({0, 3, 4, 5, 1, 2});
    p3 = at::upsample_bilinear2d(p3.reshape({-1, 1, h3, w3}), {h, w}, false)
             .reshape({b, c3, 3, 3, h, w})
             .permute({0, 4, 5, 1, 2, 3})
             .reshape({b, h * w, c3, 3, 3});
    const auto n = b * h * w;
    return embedPatches(p2, p3.reshape({n, -1}))
        .reshape({b, h, w, kPatchEmbedDim})
        .permute({0, 3, 1, 2})
        .contiguous();
}

at::Tensor embedPatches(const at::Tensor &patches2, const at::Tensor &patches3)
{
    // Per-layer adaptive average pooling of the flattened patch (order c*9 + i*3 + j) to 1536,
    // then the two layers pooled together to 1536.
    const auto n = patches2.size(0);
    const at::Tensor e2 = at::adaptive_avg_pool1d(patches2.reshape({n, 1, -1}), {kPatchEmbedDim});
    const at::Tensor e3 = at::adaptive_avg_pool1d(patches3.reshape({n, 1, -1}), {kPatchEmbedDim});
    const at::Tensor joint = at::stack({e2.squeeze(1), e3.squeeze(1)}, 1); // [n, 2, 1536]
    return at::adaptive_avg_pool1d(joint.reshape({n, 1, 2 * kPatchEmbedDim}), {kPatchEmbedDim}).reshape({n, kPatchEmbedDim});
}

} // namespace s2s
