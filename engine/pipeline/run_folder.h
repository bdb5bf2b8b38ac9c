#pragma once

#include "engine/core/score_map.h"
#include "engine/pipeline/run_config.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace s2s {

// A run folder, read without LibTorch (for reports and the UI):
//   config.json        RunConfig (toJson) plus "app_version" and "created"
//   heads.safetensors  adaptor + discriminator, SimpleNet key names ("pre_projection.*", "discriminator.*")
//   scores.csv         path,defect_type,label,score  (test images in dataset order)
//   metrics.json       see RunSummary::metrics (keys listed in writeMetricsJson's doc in run_folder.cpp)
//   maps/NNNN.png      optional 16-bit grey anomaly maps in the crop frame, row NNNN of scores.csv,
//                      value = (s - map_range[0]) / (map_range[1] - map_range[0]) * 65535
struct ScoreRow
{
    std::string path;
    std::string defectType;
    int label = 0;
    float score = 0.f;
};

struct RunSummary
{
    std::filesystem::path dir;
    RunConfig config;
    std::vector<ScoreRow> scores;
    nlohmann::json metrics; // image_auroc, pixel_auroc, au_pro, f1_max, f1_threshold, threshold{value,rule},
                            // confusion{tp,fp,tn,fn}, backbone, backbone_pretrained, backbone_weights_sha256,
                            // segmenter, kind, timings{...}, image_roc{fpr,tpr,thresholds}, pixel_roc{...},
                            // map_range[2], robustness[{background,seed,image_auroc,pixel_auroc,au_pro,...}]

    bool hasMap(std::size_t row) const;
    // The row's anomaly map in the crop frame (de-quantised to scores); throws s2s::Error when absent.
    ScoreMap map(std::size_t row) const;
};

// Reads config.json, scores.csv and metrics.json; throws s2s::Error("<file>: <reason>").
RunSummary loadRunSummary(const std::filesystem::path &runDir);

class InspectionSession;
struct Evaluation;

// metrics.json content for an evaluation (without map_range; "robustness" empty).
nlohmann::json evaluationJson(const InspectionSession &session, const Evaluation &evaluation);

// One "robustness" entry: a pseudo-background evaluation compared with the static one.
nlohmann::json robustnessEntry(const Evaluation &pseudo, const nlohmann::json &staticMetrics);

} // namespace s2s
