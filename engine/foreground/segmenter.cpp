#include "engine/foreground/segmenter.h"

#include "engine/core/error.h"
#include "engine/foreground/classical_segmenter.h"

namespace s2s {

std::unique_ptr<Segmenter> makeSegmenter(const std::string &kind, const std::filesystem::path &sam2Weights)
{
    if (kind == "classical" || (kind == "auto" && sam2Weights.empty()))
        return std::make_unique<ClassicalSegmenter>();
    if (kind == "sam2" || kind == "auto")
        // The native SAM 2.1 port is not part of this build (see the README's status section); say
        // so instead of silently segmenting with something else.
        throw Error((sam2Weights.empty() ? std::string("sam2") : sam2Weights.string())
                    + ": the SAM 2.1 segmenter is not available in this build; use --segmenter classical");
    throw Error("unknown segmenter '" + kind + "' (available: auto, sam2, classical)");
}

} // namespace s2s
