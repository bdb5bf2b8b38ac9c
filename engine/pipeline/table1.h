#pragma once

#include "engine/core/progress.h"
#include "engine/pipeline/inspection_session.h"
#include "engine/pipeline/run_config.h"

#include <filesystem>
#include <string>
#include <vector>

namespace s2s {

// The Sam2Sim paper's Table 1 protocol, per category:
//   static  - SimpleNet trained and tested on the original images;
//   dynamic - the same model tested on pseudo-background composites;
//   sam2sim - foreground extraction (objects): trained on extracted images, tested on extracted
//             composites. Textures are never segmented or composited, so all their columns come from
//             one model and "sam2sim" equals "dynamic".
struct Table1Options
{
    std::vector<std::string> categories; // empty: all
    RunConfig base;                      // backbone, preset, epochs, seed, segmenter
    std::string backgroundSource = "all";
    std::uint64_t seed = 1;
};

struct Table1Row
{
    std::string category;
    CategoryKind kind = CategoryKind::Object;
    Metrics staticMetrics, dynamicMetrics, sam2simMetrics;
    Metrics cleanMaskMetrics; // diagnostic: Sam2Sim with the clean image's mask on each composite
    std::string segmenter;
    double seconds = 0.0;
};

// Runs the protocol and writes table1.csv, table1.json and table1.md into outDir (atomically).
std::vector<Table1Row> runTable1(const std::filesystem::path &dataRoot, const Table1Options &options,
                                 const std::filesystem::path &outDir, const ProgressFn &progress,
                                 const CancelToken &cancel);

} // namespace s2s
