#pragma once

#include "engine/backbone/feature_extractor.h"
#include "engine/simplenet/simplenet_heads.h"

#include <ATen/core/Tensor.h>

namespace s2s {

// Patch-score grids straight from the backbone taps, for inspection and scoring of new images.
// Everything between the taps and the discriminator's first non-linearity is linear (3x3 patches,
// upsampling of the stride-16 layer, pooling to 1536, the adaptor, the first Linear, batch norm), so
// for a backbone with thin taps (MobileNetV2: 32 and 96 channels) it folds into one 3x3 convolution per
// tap, the stride-16 one evaluated on its own coarse grid and upsampled after. The result equals
// patchScoreGrid() of the extracted features to float rounding, at about a third of the work; for wide
// taps (WRN-50: 512 and 1024 channels) folding would cost more, and the scorer takes the feature path.
class TapScorer
{
public:
    TapScorer(const FeatureExtractor &extractor, const FusedHeads &heads);

    // Whether the heads fold into the taps of this backbone (thin taps) and the scorer works from them.
    static bool folds(const Backbone &backbone);

    // batch: [B,3,S,S] from FeatureExtractor::preprocess(). Returns [B, h, w] patch scores.
    at::Tensor scoreGrids(const at::Tensor &batch) const;
    // The same from taps already computed (FeatureExtractor::taps()): f2 [B,C2,h,w], f3 [B,C3,h3,w3].
    // Only when folded().
    at::Tensor scoreTaps(const at::Tensor &f2, const at::Tensor &f3) const;
    bool folded() const { return m_folded; }

private:
    const FeatureExtractor &m_extractor;
    FusedHeads m_heads;
    bool m_folded = false;
    at::Tensor m_weight2; // [hidden, C2*9]
    at::Tensor m_weight3; // [hidden, C3*9]
};

} // namespace s2s
