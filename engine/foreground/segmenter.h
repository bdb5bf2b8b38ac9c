#pragma once

#include <opencv2/core/mat.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace s2s {

// Optional prompts; without them the segmenter prompts for "the object in this inspection image".
struct SegmentPrompt
{
    std::optional<cv::Rect2f> box;    // real-valued pixel coordinates of the original image
    std::optional<cv::Point2f> point; // a positive click
};

struct SegmentResult
{
    cv::Mat mask;             // CV_8UC1, 0 / 255, size of the input image
    float confidence = 0.f;   // predicted IoU for SAM 2, a heuristic score for classical
    std::string producedBy;   // "sam2.1_hiera_tiny", "classical", "classical (fallback: <why>)"
    cv::Mat logits;           // optional CV_32FC1 low-res logits (SAM 2 only), empty otherwise
};

// Image -> foreground mask. Implementations: SAM 2.1 (native LibTorch) and a classical OpenCV one.
class Segmenter
{
public:
    virtual ~Segmenter() = default;

    virtual std::string name() const = 0;
    // A string that changes whenever the output could change (weights hash, parameters); keys the cache.
    virtual std::string cacheKey() const = 0;
    virtual SegmentResult segment(const cv::Mat &rgb, const SegmentPrompt &prompt = {}) = 0;
};

struct ForegroundModel;

// In the name of the segmenter "auto" makes when its SAM 2 weights do not load: "classical (SAM 2 weights
// unusable: <file>: <reason>)".
inline constexpr const char *kSam2UnusableTag = "SAM 2 weights unusable: ";

// "sam2" (needs weights; falls back to classical per image when the result is implausible),
// "classical", or "auto" (sam2 when weights are given and load, else classical, named with the reason). With a category's
// foreground model, "classical" (and SAM 2's fallback) is the learnt extractor (foreground_model.h);
// "border" is always the model-free border-colour segmenter.
std::unique_ptr<Segmenter> makeSegmenter(const std::string &kind, const std::filesystem::path &sam2Weights,
                                         std::shared_ptr<const ForegroundModel> model = {});

} // namespace s2s
