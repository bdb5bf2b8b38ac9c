#pragma once

#include "engine/foreground/segmenter.h"

#include <memory>
#include <string>

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
    // The segmenter used where SAM 2's mask is implausible (default: the border-colour one).
    void setFallback(std::shared_ptr<Segmenter> fallback);

private:
    std::unique_ptr<sam2::Sam2Model> m_model;
    std::shared_ptr<Segmenter> m_fallback;
    std::string m_cacheKey;
};

// Writes SegmentResult::logits (CV_32FC1) as a one-tensor .safetensors file ("low_res_logits"), atomically.
void writeSegmentLogits(const std::filesystem::path &path, const cv::Mat &logits);

// SAM 2.1 CPU cost on a 1024x1024 input: encoder seconds per image, decoder milliseconds per prompt
// (median of `repeats`, on the threads configured by the caller), and the process's peak resident memory.
// Empty weights = seeded random tiny.
struct Sam2BenchResult
{
    std::string model;
    double encoderSeconds = 0.0;
    double decoderMs = 0.0;
    double peakRssMb = 0.0;
};
Sam2BenchResult benchSam2(const std::filesystem::path &weights, int repeats);

} // namespace s2s
