#pragma once

#include "engine/core/progress.h"

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace s2s {

// Options of the built-in demo dataset: a synthetic set in exact MVTec layout with exact masks.
struct SynthOptions
{
    std::filesystem::path out;
    std::vector<std::string> categories; // empty: all of synthCategoryNames()
    std::uint64_t seed = 0;
    int size = 256;          // square image side in pixels
    int trainCount = 40;     // train/good images per category
    int testGoodCount = 10;  // test/good images per category
    int testDefectCount = 5; // images per defect type
    bool replace = false;    // a non-empty `out` is refused unless this is set; then it is replaced whole
};

// One defect image with what it was made from: the defect-free render and the exact mask.
struct SynthSample
{
    cv::Mat image; // RGB with the defect
    cv::Mat clean; // RGB, same render without the defect
    cv::Mat mask;  // CV_8UC1 0/255: exactly the pixels the defect changed
};
SynthSample renderSynthDefect(const std::string &category, const std::string &defect, std::uint64_t seed, int index,
                              int size);

// "nut", "tablet" (objects on a background), "weave", "stone" (textures).
std::vector<std::string> synthCategoryNames();

// Writes <out>/<category>/{train/good, test/<defect>, ground_truth/<defect>, category.json},
// deterministic in the seed. The whole dataset is built in a temporary sibling folder and renamed into
// place at the end, so an interrupted run leaves no half dataset. Throws s2s::Error on bad options.
void generateSynthDataset(const SynthOptions &options, const ProgressFn &progress = {},
                          const CancelToken &cancel = {});

} // namespace s2s
