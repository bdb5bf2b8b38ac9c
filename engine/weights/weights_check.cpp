#include "engine/weights/weights_check.h"

#include "engine/backbone/backbone.h"
#include "engine/foreground/segmenter.h"

namespace s2s {

std::string checkWeightsFile(const WeightsEntry &entry, const std::filesystem::path &file,
    const std::filesystem::path &officialName)
{
    const std::string sha = verifiedSha256(file, officialName);
    if (entry.kind == WeightsKind::Backbone)
        makeBackbone(entry.name, file);
    else
        makeSegmenter("sam2", file);
    return sha;
}

} // namespace s2s
