#pragma once

#include "engine/backbone/backbone.h"

#include <cstdint>
#include <string>

namespace s2s {

// One line of a BackboneScript: `out = conv(in)` with the folded weight and bias registered in
// `script` as <name>_w / <name>_b; `activation` is "", "relu" or "relu6".
std::string scriptConv(BackboneScript &script, const std::string &name, const at::Tensor &weight,
                       const at::Tensor &bias, const std::string &out, const std::string &in,
                       std::int64_t stride, std::int64_t padding, std::int64_t groups,
                       const std::string &activation);

std::unique_ptr<Backbone> makeWideResNet50(const std::filesystem::path &weights, unsigned seed);
std::unique_ptr<Backbone> makeMobileNetV2(const std::filesystem::path &weights, unsigned seed);

} // namespace s2s
