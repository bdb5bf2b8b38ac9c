#pragma once

#include "engine/foreground/segmenter.h"

namespace s2s {

// Foreground without weights: Lab distance from the border's colour, Otsu, morphology, the largest
// central component, holes filled. Deterministic; the fallback when SAM 2 is absent or implausible.
class ClassicalSegmenter final : public Segmenter
{
public:
    std::string name() const override { return "classical"; }
    std::string cacheKey() const override { return "classical-v1"; }
    SegmentResult segment(const cv::Mat &rgb, const SegmentPrompt &prompt = {}) override;
};

// A 0/255 mask with every hole (background not connected to the frame's edge) filled.
cv::Mat fillMaskHoles(const cv::Mat &mask);
// The largest 8-connected component of a 0/255 mask (all zeros when it has none).
cv::Mat largestMaskComponent(const cv::Mat &mask);

// True when a mask is not a usable object silhouette (empty, tiny, or nearly the whole frame).
bool implausibleMask(const cv::Mat &mask, std::string *why = nullptr);

} // namespace s2s
