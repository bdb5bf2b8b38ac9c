#include "engine/simplenet/tap_scorer.h"

#include "engine/core/error.h"
#include "engine/simplenet/scorer.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <vector>

namespace s2s {

bool TapScorer::folds(const Backbone &backbone)
{
    const std::vector<int> channels = backbone.tapChannels();
    const std::int64_t k2 = channels.at(0) * 9, k3 = channels.at(1) * 9;
    // Per stride-8 location: k2 + k3/4 multiply-adds per hidden unit folded, 1536 (plus the pooling) not.
    return k2 + k3 / 4 < kPatchEmbedDim;
}

TapScorer::TapScorer(const FeatureExtractor &extractor, const FusedHeads &heads)
    : m_extractor(extractor)
    , m_heads(heads)
    , m_folded(folds(extractor.backbone()))
{
    if (!m_folded)
        return;
    const std::vector<int> channels = extractor.backbone().tapChannels();
    const std::int64_t k2 = channels.at(0) * 9, k3 = channels.at(1) * 9;
    c10::InferenceMode guard;
    // The embedding's matrix, read off by embedding the unit patches of each tap alone.
    const at::Tensor e2 = embedPatches(at::eye(k2), at::zeros({k2, k3}));  // [k2, 1536]
    const at::Tensor e3 = embedPatches(at::zeros({k3, k2}), at::eye(k3));  // [k3, 1536]
    m_weight2 = at::matmul(heads.weight, e2.t()).contiguous();
    m_weight3 = at::matmul(heads.weight, e3.t()).contiguous();
}

at::Tensor TapScorer::scoreGrids(const at::Tensor &batch) const
{
    c10::InferenceMode guard;
    if (!m_folded) {
        const at::Tensor features = m_extractor.extract(batch);
        const std::int64_t b = features.size(0), d = features.size(1), h = features.size(2), w = features.size(3);
        std::vector<at::Tensor> grids;
        for (std::int64_t i = 0; i < b; ++i)
            grids.push_back(patchScoreGrid(m_heads, features[i].reshape({d, h * w}).t().contiguous(), h, w));
        return at::stack(grids);
    }
    const std::vector<at::Tensor> taps = m_extractor.taps(batch);
    return scoreTaps(taps.at(0), taps.at(1));
}

at::Tensor TapScorer::scoreTaps(const at::Tensor &f2, const at::Tensor &f3) const
{
    if (!m_folded)
        throw Error("tap scorer: the heads do not fold into this backbone's taps");
    c10::InferenceMode guard;
    const auto b = f2.size(0), h = f2.size(2), w = f2.size(3), h3 = f3.size(2), w3 = f3.size(3);
    const auto hidden = m_weight2.size(0);
    // The stride-16 part on its own grid, then upsampled as the extractor upsamples its patches.
    const at::Tensor coarse = at::matmul(patchRows(f3), m_weight3.t()).reshape({b, h3, w3, hidden}).permute({0, 3, 1, 2});
    const at::Tensor fine = at::upsample_bilinear2d(coarse, {h, w}, false).permute({0, 2, 3, 1}).reshape({b * h * w, hidden});
    const at::Tensor pre = at::addmm(fine + m_heads.bias, patchRows(f2), m_weight2.t());
    return (-at::mv(at::leaky_relu(pre, 0.2), m_heads.tail)).reshape({b, h, w});
}

} // namespace s2s
