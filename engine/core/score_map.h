#pragma once

#include <cstdint>
#include <vector>

namespace s2s {

// A dense float map (anomaly scores, logits) that crosses into the UI without tensors or cv::Mat.
// Row-major, values.size() == width * height.
struct ScoreMap
{
    int width = 0;
    int height = 0;
    std::vector<float> values;

    bool empty() const { return values.empty(); }
    float at(int x, int y) const { return values[static_cast<std::size_t>(y) * width + x]; }
};

// A binary or 8-bit mask (ground truth, foreground), row-major, 0 = off, non-zero = on.
struct Mask8
{
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> values;

    bool empty() const { return values.empty(); }
};

} // namespace s2s
