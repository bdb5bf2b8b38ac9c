#include "engine/foreground/segmenter.h"

#include "engine/core/error.h"
#include "engine/foreground/classical_segmenter.h"
#include "engine/foreground/sam2/sam2_segmenter.h"

namespace s2s {

std::unique_ptr<Segmenter> makeSegmenter(const std::string &kind, const std::filesystem::path &sam2Weights)
{
    if (kind == "classical")
        return std::make_unique<ClassicalSegmenter>();
    if (kind == "sam2") {
        if (sam2Weights.empty())
            throw Error("sam2: no SAM 2.1 weights given (--sam2-weights sam2.1_hiera_tiny.pt)");
        return std::make_unique<Sam2Segmenter>(sam2Weights);
    }
    if (kind == "auto") {
        if (sam2Weights.empty() || !std::filesystem::exists(sam2Weights))
            return std::make_unique<ClassicalSegmenter>();
        try {
            return std::make_unique<Sam2Segmenter>(sam2Weights);
        } catch (const Error &) {
            // "auto" promises a segmenter even when the weights are unusable.
            return std::make_unique<ClassicalSegmenter>();
        }
    }
    throw Error("unknown segmenter '" + kind + "' (available: auto, sam2, classical)");
}

} // namespace s2s
