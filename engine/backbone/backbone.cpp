#include "engine/backbone/backbone.h"

#include "engine/backbone/backbones_internal.h"
#include "engine/core/error.h"

namespace s2s {

std::string scriptConv(BackboneScript &script, const std::string &name, const at::Tensor &weight,
                       const at::Tensor &bias, const std::string &out, const std::string &in,
                       std::int64_t stride, std::int64_t padding, std::int64_t groups,
                       const std::string &activation)
{
    script.buffers.emplace_back(name + "_w", weight);
    script.buffers.emplace_back(name + "_b", bias);
    const std::string s = std::to_string(stride), p = std::to_string(padding);
    std::string call = "torch.conv2d(" + in + ", self." + name + "_w, self." + name + "_b, [" + s + ", " + s
                       + "], [" + p + ", " + p + "], [1, 1], " + std::to_string(groups) + ")";
    if (activation == "relu")
        call = "torch.relu(" + call + ")";
    else if (activation == "relu6")
        call = "torch.hardtanh(" + call + ", 0.0, 6.0)";
    else if (!activation.empty())
        throw Error("backbone script: unknown activation '" + activation + "'");
    return "    " + out + " = " + call + "\n";
}

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
