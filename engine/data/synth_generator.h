#pragma once

#include "engine/core/progress.h"

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
};

// "nut", "tablet" (objects on a background), "weave", "stone" (textures).
std::vector<std::string> synthCategoryNames();

// Writes <out>/<category>/{train/good, test/<defect>, ground_truth/<defect>, category.json},
// deterministic in the seed; every file is written atomically. Throws s2s::Error on bad options.
void generateSynthDataset(const SynthOptions &options, const ProgressFn &progress = {},
                          const CancelToken &cancel = {});

} // namespace s2s
