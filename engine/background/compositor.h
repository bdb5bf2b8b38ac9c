#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace s2s {

// A source of pseudo-backgrounds: procedural families, a user folder, or the open dataset's textures.
class BackgroundSource
{
public:
    virtual ~BackgroundSource() = default;
    virtual std::string name() const = 0;
    // A background of the given size, deterministic in seed.
    virtual cv::Mat generate(cv::Size size, std::uint64_t seed) const = 0;
    // Which variant generate() uses for this seed: the family for "all", else name().
    virtual std::string variantFor(std::uint64_t seed) const
    {
        (void)seed;
        return name();
    }
};

// Procedural family names ("fractal_noise", "wood", "marble", "tiles", "gradient", "clutter", ...).
std::vector<std::string> proceduralFamilies();

// spec: a family name, "all" (cycles families by seed), or a folder of images.
std::unique_ptr<BackgroundSource> makeBackgroundSource(const std::string &spec);

struct CompositeOptions
{
    float featherPx = 3.f; // Gaussian feather of the mask edge, in pixels of the native image
};

// out = M*image + (1-M)*background at native resolution; the object keeps its place so ground truth
// stays valid. mask: CV_8UC1 0/255, same size as image.
cv::Mat composite(const cv::Mat &rgb, const cv::Mat &mask, const cv::Mat &background,
                  const CompositeOptions &options = {});

} // namespace s2s
