#pragma once

#include "engine/backbone/backbone.h"

#include <opencv2/core/mat.hpp>

#include <ATen/core/Tensor.h>

#include <memory>
#include <vector>

namespace s2s {

struct FeatureGeometry
{
    int resize = 329;    // shorter side after the antialiased bilinear resize
    int imageSize = 288; // centre crop
};

// torchvision's Resize(resize) (shorter side, antialiased bilinear) then CenterCrop(imageSize) of an
// 8-bit RGB image scaled to [0,1]: [1, 3, S, S] float, not yet normalised.
at::Tensor resizeAndCrop(const cv::Mat &rgb, const FeatureGeometry &geometry);

// ImageNet mean and standard deviation (RGB), as SimpleNet normalises.
constexpr float kImageNetMean[3] = {0.485f, 0.456f, 0.406f};
constexpr float kImageNetStd[3] = {0.229f, 0.224f, 0.225f};

// The patch feature dimension SimpleNet pools every backbone to.
constexpr std::int64_t kPatchEmbedDim = 1536;

// [B, C, h, w] -> [B*h*w, C*9]: the 3x3 neighbourhood of each location (zero padding), element order
// c*9 + i*3 + j: the patches SimpleNet aggregates.
at::Tensor patchRows(const at::Tensor &f);

// The linear step from 3x3 patches to a patch feature: patches2 [n, C2*9] and patches3 [n, C3*9]
// (element order c*9 + i*3 + j, the stride-16 layer already on the stride-8 grid) -> [n, 1536].
// Linear in its inputs, so the scorer can fold it into the heads (engine/simplenet/tap_scorer.h).
at::Tensor embedPatches(const at::Tensor &patches2, const at::Tensor &patches3);

// SimpleNet's feature pipeline: resize -> centre crop -> normalise -> backbone taps -> 3x3 patches ->
// per-layer pooling to 1536 -> [1536, H', W'] patch features (36x36 for a 288 crop).
class FeatureExtractor
{
public:
    FeatureExtractor(std::shared_ptr<Backbone> backbone, FeatureGeometry geometry = {});

    const Backbone &backbone() const { return *m_backbone; }
    const FeatureGeometry &geometry() const { return m_geometry; }

    // rgb: 8-bit RGB at native resolution. Returns the preprocessed [3, S, S] float tensor.
    at::Tensor preprocess(const cv::Mat &rgb) const;
    // batch: [B,3,S,S] from preprocess(). Returns the backbone's {stride-8, stride-16} maps.
    std::vector<at::Tensor> taps(const at::Tensor &batch) const;
    // batch: [B,3,S,S] from preprocess(). Returns [B, 1536, H', W'] float32.
    at::Tensor extract(const at::Tensor &batch) const;

private:
    std::shared_ptr<Backbone> m_backbone;
    FeatureGeometry m_geometry;
};

} // namespace s2s
