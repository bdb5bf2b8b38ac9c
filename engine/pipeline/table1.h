#pragma once

#include "engine/core/progress.h"
#include "engine/pipeline/training_session.h"
#include "engine/pipeline/run_config.h"

#include <nlohmann/json.hpp>

#include <cmath>
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
    // Also evaluate dynamic and Sam2Sim on every procedural family separately (the whole test set on
    // each family), for the per-family robustness table and chart.
    bool perFamily = false;
};

// One background family's results for a category.
struct Table1Family
{
    std::string family;
    Metrics dynamicMetrics, sam2simMetrics; // NaN unless evaluated per family (Table1Options::perFamily)
    double maskIou = std::nan("");          // mean IoU of composite masks vs clean-image masks (objects)
    int images = 0;                         // test images composited with this family
};

struct Table1Row
{
    std::string category;
    CategoryKind kind = CategoryKind::Object;
    Metrics staticMetrics, dynamicMetrics, sam2simMetrics;
    Metrics cleanMaskMetrics; // diagnostic: Sam2Sim with the clean image's mask on each composite
    std::string segmenter;
    double maskIou = std::nan(""); // mean over the cycled composites (objects with foreground extraction)
    std::vector<Table1Family> families;
    double seconds = 0.0;
};

// One category's entry of table1.json (also what the report's per-family section reads).
nlohmann::json table1CategoryJson(const Table1Row &row);
// The entry for `category` of a table1.json (a file, or the folder holding it), with per-family AUROCs;
// throws s2s::Error("<file>: <problem>").
nlohmann::json readTable1Category(const std::filesystem::path &fileOrDir, const std::string &category);

// Runs the protocol and writes table1.csv, table1.json and table1.md into outDir (atomically).
std::vector<Table1Row> runTable1(const std::filesystem::path &dataRoot, const Table1Options &options,
                                 const std::filesystem::path &outDir, const ProgressFn &progress,
                                 const CancelToken &cancel);

} // namespace s2s
