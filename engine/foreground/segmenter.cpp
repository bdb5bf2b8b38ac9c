#include "engine/foreground/segmenter.h"

#include "engine/core/error.h"
#include "engine/foreground/classical_segmenter.h"
#include "engine/foreground/foreground_model.h"
#include "engine/foreground/sam2/sam2_segmenter.h"

namespace s2s {

namespace {

// "auto" with SAM 2 weights that cannot be used: the classical segmenter, whose name says why, so that
// the run (metrics.json "segmenter") and the command's warning name the file instead of a silent switch.
class FallbackSegmenter final : public Segmenter
{
public:
    FallbackSegmenter(std::unique_ptr<Segmenter> inner, std::string reason)
        : m_inner(std::move(inner))
        , m_reason(std::move(reason))
    {
    }
    std::string name() const override { return m_inner->name() + " (" + kSam2UnusableTag + m_reason + ")"; }
    std::string cacheKey() const override { return m_inner->cacheKey(); }
    SegmentResult segment(const cv::Mat &rgb, const SegmentPrompt &prompt) override { return m_inner->segment(rgb, prompt); }

private:
    std::unique_ptr<Segmenter> m_inner;
    std::string m_reason;
};

} // namespace

std::unique_ptr<Segmenter> makeSegmenter(const std::string &kind, const std::filesystem::path &sam2Weights,
                                         std::shared_ptr<const ForegroundModel> model)
{
    const auto classical = [&]() -> std::unique_ptr<Segmenter> {
        if (model)
            return std::make_unique<LearnedSegmenter>(model);
        return std::make_unique<ClassicalSegmenter>();
    };
    const auto sam2 = [&] {
        auto s = std::make_unique<Sam2Segmenter>(sam2Weights);
        if (model)
            s->setFallback(std::make_shared<LearnedSegmenter>(model));
        return s;
    };
    if (kind == "classical")
        return classical();
    if (kind == "border")
        return std::make_unique<ClassicalSegmenter>();
    if (kind == "sam2") {
        if (sam2Weights.empty())
            throw Error("sam2: no SAM 2.1 weights given (--sam2-weights sam2.1_hiera_tiny.pt)");
        return sam2();
    }
    if (kind == "auto") {
        if (sam2Weights.empty() || !std::filesystem::exists(sam2Weights))
            return classical();
        try {
            return sam2();
        } catch (const Error &e) {
            // "auto" promises a segmenter even when the weights are unusable, and says so.
            return std::make_unique<FallbackSegmenter>(classical(), e.what());
        }
    }
    throw Error("unknown segmenter '" + kind + "' (available: auto, sam2, classical, border)");
}

} // namespace s2s
