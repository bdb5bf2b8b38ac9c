#include "engine/backbone/backbone.h"

#include "engine/backbone/backbones_internal.h"
#include "engine/core/error.h"

namespace s2s {

std::vector<std::string> backboneNames()
{
    return {"wide_resnet50_2", "mobilenet_v2"};
}

std::unique_ptr<Backbone> makeBackbone(const std::string &name, const std::filesystem::path &weights, unsigned seed)
{
    if (name == "wide_resnet50_2")
        return makeWideResNet50(weights, seed);
    if (name == "mobilenet_v2")
        return makeMobileNetV2(weights, seed);
    throw Error("unknown backbone '" + name + "' (available: wide_resnet50_2, mobilenet_v2)");
}

} // namespace s2s
