#pragma once

#include "engine/core/progress.h"

#include <filesystem>
#include <string>

namespace s2s {

enum class ExportFormat { TorchScript, Triton };

// "torchscript" / "triton"; throws s2s::Error naming the unknown format.
ExportFormat exportFormatFromString(const std::string &text);

struct ExportOptions {
    ExportFormat format = ExportFormat::TorchScript;
    int maxBatch = 8; // Triton's max_batch_size
    std::string modelName; // Triton model folder; empty: "sam2sim_<category>"
};

struct ExportResult {
    std::filesystem::path model; // model.pt
    std::filesystem::path preprocess; // preprocess.json
    std::filesystem::path config; // config.pbtxt (Triton only)
    std::string modelName;
};

// Writes a run folder (config.json, heads.safetensors, metrics.json) as one TorchScript module that
// scores like the studio: [B,3,S,S] ImageNet-normalised float32 -> (image_scores [B], maps
// [B,S,S]).
//   torchscript: <out>/model.pt, <out>/preprocess.json, <out>/README.md
//   triton:      <out>/<name>/config.pbtxt, <out>/<name>/1/model.pt, <out>/<name>/preprocess.json,
//   README.md
// The module's extra_files hold preprocess.json too. No Python is involved: the module is defined
// from C++ (engine/export/scoring_script.cpp). Throws s2s::Error("<file>: <problem>").
ExportResult exportRun(const std::filesystem::path &runDir, const std::filesystem::path &outDir,
    const ExportOptions &options, const ProgressFn &progress = {}, const CancelToken &cancel = {});

// The name of the extra file inside model.pt that holds preprocess.json.
inline constexpr const char *kPreprocessExtraFile = "preprocess.json";

} // namespace s2s
