#pragma once

#include <nlohmann/json.hpp>

namespace s2s::cli {

// `sam2sim bench --parts inspect`: images/s of a batch lot without and with foreground extraction, on
// synthetic 640 px images with the bundled MobileNetV2, and a watched folder's latency (file complete ->
// its row flushed) at one image per second.
nlohmann::json benchInspect(int threads, int lotImages, int watchImages);

} // namespace s2s::cli
