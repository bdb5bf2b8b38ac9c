#pragma once

#include "engine/core/folder_transaction.h"
#include "engine/core/score_map.h"
#include "engine/data/dataset.h"
#include "engine/pipeline/run_config.h"
#include "engine/pipeline/training_outcome.h"

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
// A run folder is written as one transaction (RunFolderWriter). config.json and metrics.json carry the
// same "run_id"; metrics.json also holds "files" (sha256 of scores.csv and heads.safetensors),
// "test_sha256" (each test image's content hash, scores.csv order) and "skipped" (inputs the scanner
// left out, [{path, reason}]). Readers refuse a folder whose parts do not belong together.
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

class TrainingSession;
struct Evaluation;

// Writes one run folder as a transaction: the files go into a temporary sibling that replaces the
// target in commit(). The constructor checks the target (an empty folder or an earlier run folder may be
// replaced, nothing else) and locks it, so a bad --out or a second writer fails before any work.
class RunFolderWriter
{
public:
    explicit RunFolderWriter(const std::filesystem::path &runDir);

    const std::filesystem::path &dir() const { return m_transaction.dir(); } // write here
    const std::filesystem::path &target() const { return m_transaction.target(); }
    const std::string &runId() const { return m_runId; }
    void commit() { m_transaction.commit(); }

private:
    FolderTransaction m_transaction;
    std::string m_runId;
};

// metrics.json fields that tie the run's files together (see the folder layout above); call after
// scores.csv and heads.safetensors are written into writer.dir().
void addRunProvenance(nlohmann::json &metrics, const RunFolderWriter &writer, const Evaluation &evaluation,
                      const std::vector<ScanIssue> &skipped);

// Checks that config.json, metrics.json, scores.csv and heads.safetensors belong to one run; throws
// s2s::Error("<file>: ...") for a mixed folder. Folders written before run ids existed pass.
void verifyRunFolder(const std::filesystem::path &runDir);
// The same with the two files already read; and the type checks of metrics.json alone ("<file>: <key>
// must be ..."), so that no reader meets a wrong type later. In run_folder_check.cpp (s2s_run_format).
void verifyRunFolder(const std::filesystem::path &runDir, const nlohmann::json &config, const nlohmann::json &metrics);
void checkMetricsJson(const nlohmann::json &metrics, const std::string &where);
// The anomaly maps of a run folder (maps/*.png), sorted.
std::vector<std::filesystem::path> runMapFiles(const std::filesystem::path &runDir);

// The parts of a run folder that metrics.json hashes ("files") when they are there; maps/*.png too.
inline constexpr const char *kRunPartFiles[] = {"scores.csv", "heads.safetensors", "knn_bank.safetensors",
                                                "foreground_model.safetensors"};

// A test image of the run that is gone, changed or new in the dataset as it is now.
struct InputChange
{
    std::string path;
    std::string what; // "vanished or unreadable", "changed since training", "new since training"
};
std::vector<InputChange> changedInputs(const RunSummary &run, const Category &current);

// The evaluation a run folder records, for showing a saved run without evaluating again: one image per
// scores.csv row (ground-truth masks taken from `current` when it holds the same image path), the metrics
// and the ROC curves of metrics.json (NaN where absent), static backgrounds.
Evaluation evaluationFromRun(const RunSummary &run, const Category *current);
// The run's anomaly maps in the crop frame, one per scores.csv row; empty when the run stored none.
std::vector<ScoreMap> cropMapsFromRun(const RunSummary &run);

// JSON text as the run folder stores it: never throws on a path that is not UTF-8 (bytes replaced).
std::string jsonText(const nlohmann::json &json);

// [{path, reason}] for metrics.json and reports.
nlohmann::json skippedJson(const std::vector<ScanIssue> &issues);

// metrics.json content for an evaluation (without map_range; "robustness" empty).
nlohmann::json evaluationJson(const TrainingSession &session, const Evaluation &evaluation);

// metrics.json "training.history" read back (empty for a run saved before it was kept or a bad entry).
std::vector<TrainingStage> trainingHistoryFromJson(const nlohmann::json &history);

// One "robustness" entry: a pseudo-background evaluation compared with the static one.
nlohmann::json robustnessEntry(const Evaluation &pseudo, const nlohmann::json &staticMetrics);

} // namespace s2s
