#pragma once

#include "engine/foreground/segmenter.h"

#include <memory>

namespace s2s {

namespace sam2 {
class Sam2Model;
}

// Segmenter on the native SAM 2.1 port; without prompts it asks for "the object in the image" (inset box +
// centre point, multimask, best IoU) and falls back to the classical segmenter on implausible masks.
class Sam2Segmenter final : public Segmenter
{
public:
    explicit Sam2Segmenter(const std::filesystem::path &weights);
    ~Sam2Segmenter() override;

    std::string name() const override;
    std::string cacheKey() const override { return m_cacheKey; }
    SegmentResult segment(const cv::Mat &rgb, const SegmentPrompt &prompt = {}) override;

private:
    std::unique_ptr<sam2::Sam2Model> m_model;
    std::string m_cacheKey;
};

} // namespace s2s
