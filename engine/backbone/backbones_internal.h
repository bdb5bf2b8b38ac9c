#pragma once

#include "engine/backbone/backbone.h"

namespace s2s {

std::unique_ptr<Backbone> makeWideResNet50(const std::filesystem::path &weights, unsigned seed);
std::unique_ptr<Backbone> makeMobileNetV2(const std::filesystem::path &weights, unsigned seed);

} // namespace s2s
