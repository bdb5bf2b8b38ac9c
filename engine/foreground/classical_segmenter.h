#pragma once

#include "engine/foreground/segmenter.h"

namespace s2s {

// Foreground without weights: Lab distance from the border's colour, Otsu, morphology, the largest
// central component, holes filled. Deterministic; the fallback when SAM 2 is absent or implausible.
class ClassicalSegmenter final : public Segmenter
{
public:
    // Plain: the image's background is smooth (a category's training images, taken in the static
    // setting). The Otsu mask is then extended by faint object parts that Otsu's split between object and
    // background leaves out (a cream capsule half on light grey): pixels whose chromaticity differs from a
    // smooth fit of the background, or that are brighter than it, connected to the mask. Shadows (darker,
    // the background's chromaticity) stay background.
    enum class Background { Any, Plain };
    explicit ClassicalSegmenter(Background background = Background::Any)
        : m_background(background)
    {
    }

    std::string name() const override { return "classical"; }
    std::string cacheKey() const override { return m_background == Background::Plain ? "classical-plain-v1" : "classical-v1"; }
    SegmentResult segment(const cv::Mat &rgb, const SegmentPrompt &prompt = {}) override;

private:
    Background m_background;
};

// A 0/255 mask with every hole (background not connected to the frame's edge) filled.
cv::Mat fillMaskHoles(const cv::Mat &mask);
// The largest 8-connected component of a 0/255 mask (all zeros when it has none).
cv::Mat largestMaskComponent(const cv::Mat &mask);

// True when a mask is not a usable object silhouette (empty, tiny, or nearly the whole frame).
bool implausibleMask(const cv::Mat &mask, std::string *why = nullptr);

} // namespace s2s
