#include "engine/export/model_export.h"

#include "engine/backbone/backbone.h"
#include "engine/backbone/feature_extractor.h"
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/folder_transaction.h"
#include "engine/core/json_file.h"
#include "engine/export/scoring_script.h"
#include "engine/io/checkpoint.h"
#include "engine/pipeline/run_config.h"
#include "engine/pipeline/run_folder.h"
#include "engine/simplenet/simplenet_heads.h"

#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>
#include <cctype>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace s2s {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kEmbedDim = 1536;

std::string utcNow()
{
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm {};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string firstLine(const std::string &text)
{
    const std::size_t start = text.find_first_not_of(" \n");
    return start == std::string::npos ? std::string()
                                      : text.substr(start, text.find('\n', start) - start);
}

std::string sanitisedName(const std::string &text)
{
    std::string out;
    for (char c : text)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_';
    return out;
}

// Whether an export may replace `dir`: only an earlier export of ours (its preprocess.json says so)
// that holds nothing but an export's files; anything else is the user's and is refused, naming what is
// in the way.
bool isReplaceableExport(const fs::path &dir)
{
    static const std::set<std::string> parts = {"model.pt", "preprocess.json", "README.md", "config.pbtxt", "1"};
    requireOnlyEntries(dir, parts, "an export");
    try {
        return jsonString(readJsonFile(dir / "preprocess.json"), "format", "", dir.string())
               == "sam2sim-simplenet-torchscript";
    } catch (const Error &) {
        return false;
    }
}

void createFolder(const fs::path &dir, const fs::path &named = {})
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw Error((named.empty() ? dir : named).string()
            + ": cannot create the folder: " + (ec ? ec.message() : "not a directory"));
}

nlohmann::json preprocessJson(const RunConfig &config, const nlohmann::json &runConfig,
    const nlohmann::json &metrics, const Backbone &backbone, const fs::path &runDir,
    const std::string &headsSha)
{
    nlohmann::json j;
    j["format"] = "sam2sim-simplenet-torchscript";
    j["format_version"] = 1;
    j["input"] = {{"name", "INPUT__0"}, {"forward_argument", "x"},
        {"shape", {-1, 3, config.imageSize, config.imageSize}}, {"dtype", "float32"},
        {"layout", "NCHW, RGB"}};
    j["outputs"] = nlohmann::json::array(
        {{{"name", "OUTPUT__0"}, {"tuple_index", 0}, {"shape", {-1}},
             {"meaning", "image score: the maximum patch score -D(A f); higher is more anomalous"}},
            {{"name", "OUTPUT__1"}, {"tuple_index", 1},
                {"shape", {-1, config.imageSize, config.imageSize}},
                {"meaning",
                    "anomaly map in the crop frame: patch scores, bilinear upsampling, Gaussian "
                    "sigma 4 (33 taps, "
                    "reflect border)"}}});
    j["preprocessing"] = {{"read",
                              "8-bit RGB (grey expanded, alpha dropped, 16-bit scaled to 8-bit), "
                              "then divided by 255"},
        {"resize_shorter_side", config.resize},
        {"resize_method",
            "bilinear, antialias, align_corners false; the longer side is int(resize * long / "
            "short)"},
        {"center_crop", config.imageSize},
        {"crop_offset", "round((resized - crop) / 2), half to even"},
        {"mean", {kImageNetMean[0], kImageNetMean[1], kImageNetMean[2]}},
        {"std", {kImageNetStd[0], kImageNetStd[1], kImageNetStd[2]}},
        {"normalise", "(x - mean) / std per channel"}};
    // metrics.json names the segmenter exactly when the session removed backgrounds (routing:
    // objects only, never textures or categories that keep their background).
    const auto segmenter = metrics.find("segmenter");
    const bool removed = segmenter != metrics.end()
        ? segmenter->is_string()
        : config.foreground && runConfig.value("kind", std::string("object")) == "object";
    j["foreground_removal"] = {{"in_module", false}, {"used_by_the_run", removed},
        {"segmenter", removed && segmenter != metrics.end() ? *segmenter : nlohmann::json(nullptr)},
        {"note",
            "The module scores the image it is given. When the run removed the background before "
            "scoring, do the same before calling the model (sam2sim mask), or the scores will "
            "differ from the studio's."}};
    if (metrics.contains("threshold") && metrics.at("threshold").is_object())
        j["threshold"] = metrics.at("threshold");
    else
        j["threshold"] = nullptr;
    j["map_range"] = metrics.value("map_range", nlohmann::json(nullptr));
    j["provenance"] = {{"run", fs::absolute(runDir).lexically_normal().string()},
        {"category", config.category}, {"data_root", config.dataRoot.string()},
        {"backbone", config.backbone}, {"backbone_pretrained", backbone.pretrained()},
        {"backbone_weights", config.backboneWeights.string()},
        {"backbone_weights_sha256",
            backbone.pretrained() ? nlohmann::json(backbone.weightsSha256())
                                  : nlohmann::json(nullptr)},
        {"backbone_seed", config.seed}, {"heads_sha256", headsSha},
        {"noise_sigma", runConfig.value("noise_sigma", nlohmann::json(nullptr))},
        {"noise_sigma_setting", config.noiseSigma.text()}, {"epochs", metrics.value("epochs", config.totalEpochs())},
        {"image_auroc", metrics.value("image_auroc", nlohmann::json(nullptr))},
        {"trained_with", runConfig.value("app_version", std::string())},
        {"exported_with", SAM2SIM_VERSION}, {"exported", utcNow()}};
    return j;
}

std::string replaceAll(std::string text, const std::string &from, const std::string &to)
{
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// Triton's PyTorch backend: inputs/outputs named INPUT__i / OUTPUT__j in forward()'s order; a
// per-sample scalar output is dims [1] reshaped to [] (the model returns [B]).
constexpr const char *kTritonConfig = R"pb(name: "NAME"
platform: "pytorch_libtorch"
max_batch_size: MAX_BATCH
input [
  {
    name: "INPUT__0"
    data_type: TYPE_FP32
    dims: [ 3, SIZE, SIZE ]
  }
]
output [
  {
    name: "OUTPUT__0"
    data_type: TYPE_FP32
    dims: [ 1 ]
    reshape: { shape: [ ] }
  },
  {
    name: "OUTPUT__1"
    data_type: TYPE_FP32
    dims: [ SIZE, SIZE ]
  }
]
dynamic_batching { }
parameters: { key: "INFERENCE_MODE" value: { string_value: "true" } }
)pb";

std::string tritonConfig(const std::string &name, int maxBatch, int imageSize)
{
    // The name last: it is the only user-chosen text.
    std::string text = replaceAll(kTritonConfig, "SIZE", std::to_string(imageSize));
    text = replaceAll(text, "MAX_BATCH", std::to_string(maxBatch));
    return replaceAll(text, "NAME", name);
}

std::string exportReadme(
    const nlohmann::json &pre, ExportFormat format, const std::string &modelName)
{
    const int s = pre.at("preprocessing").at("center_crop").get<int>();
    const int resize = pre.at("preprocessing").at("resize_shorter_side").get<int>();
    const std::string size = std::to_string(s);
    std::string text = "# Sam2Sim SimpleNet model ("
        + pre.at("provenance").at("category").get<std::string>() + ")\n\n";
    text += "Exported by sam2sim " SAM2SIM_VERSION " from the run `"
        + pre.at("provenance").at("run").get<std::string>() + "` (backbone "
        + pre.at("provenance").at("backbone").get<std::string>()
        + (pre.at("provenance").at("backbone_pretrained").get<bool>()
                ? ""
                : ", NOT pretrained: random weights")
        + ").\n\n";
    if (format == ExportFormat::Triton)
        text += "Triton model repository: `" + modelName
            + "/config.pbtxt` (platform `pytorch_libtorch`), `" + modelName
            + "/1/model.pt`.\nInput `INPUT__0` [B,3," + size + "," + size
            + "] FP32; outputs `OUTPUT__0` [B] image "
              "scores, `OUTPUT__1` [B,"
            + size + "," + size + "] anomaly maps.\n\n";
    text += "`model.pt` is a TorchScript module: `forward(x)` takes a float32 batch [B,3," + size
        + "," + size + "] and returns `(image_scores [B], score_maps [B," + size + "," + size
        + "])`. Higher is more anomalous.\n\n"
          "Preprocessing (also in `preprocess.json` and in the module's extra file "
          "`preprocess.json`): RGB / 255, "
          "resize the shorter side to "
        + std::to_string(resize) + " (bilinear, antialias), centre crop " + size
        + ", normalise with ImageNet mean/std.\n\n";
    if (pre.at("threshold").is_object())
        text += "Threshold (" + pre.at("threshold").at("rule").get<std::string>()
            + " on the run's test set): " + pre.at("threshold").at("value").dump() + ".\n\n";
    text += "**Foreground removal is not in the module.** ";
    text += pre.at("foreground_removal").at("used_by_the_run").get<bool>()
        ? "This run removed the background before scoring: do the same before calling the "
          "model.\n\n"
        : "This run did not use it, so raw images score as in the studio.\n\n";
    text += "```python\nimport torch\nm = torch.jit.load(\"model.pt\")\nscores, maps = m(batch)  # "
            "batch: [B,3,"
        + size + "," + size + "] preprocessed as above\n```\n";
    return text;
}

} // namespace

ExportFormat exportFormatFromString(const std::string &text)
{
    if (text == "torchscript")
        return ExportFormat::TorchScript;
    if (text == "triton")
        return ExportFormat::Triton;
    throw Error("export: unknown format '" + text + "' (available: torchscript, triton)");
}

ExportResult exportRun(const fs::path &runDir, const fs::path &outDir, const ExportOptions &options,
    const ProgressFn &progress, const CancelToken &cancel)
{
    if (options.maxBatch < 1 || options.maxBatch > 4096)
        throw Error(
            "export: --max-batch must be in 1..4096, got " + std::to_string(options.maxBatch));
    const fs::path configFile = runDir / "config.json", headsFile = runDir / "heads.safetensors";
    if (!fs::is_regular_file(configFile))
        throw Error(runDir.string() + ": not a run folder (no config.json)");
    if (!fs::is_regular_file(headsFile) && fs::is_regular_file(runDir / "knn_bank.safetensors"))
        throw Error(runDir.string() + ": the run scores with the kNN scorer (knn_bank.safetensors); export makes "
                                      "TorchScript of the discriminator's heads only (train with --scorer discriminator "
                                      "to export, or inspect with the run itself: sam2sim inspect)");
    if (!fs::is_regular_file(headsFile))
        throw Error(runDir.string() + ": the run has no trained heads (no heads.safetensors)");
    const nlohmann::json runConfig = readJsonFile(configFile);
    const RunConfig config = runConfigFromJson(runConfig, configFile);
    const fs::path metricsFile = runDir / "metrics.json";
    const nlohmann::json metrics
        = fs::is_regular_file(metricsFile) ? readJsonFile(metricsFile) : nlohmann::json::object();
    // The heads (and every other part the run lists) must be the run's own: swapped heads once
    // exported without a word.
    if (fs::is_regular_file(metricsFile))
        verifyRunFolder(runDir);

    // Check the output location before the slow part, so a bad folder fails at once.
    ExportResult result;
    result.modelName = sanitisedName(
        options.modelName.empty() ? "sam2sim_" + config.category : options.modelName);
    // The export is one folder transaction (the model folder of a Triton repository, which may hold
    // other models): nothing of an existing folder changes until the whole export is written.
    const bool triton = options.format == ExportFormat::Triton;
    createFolder(triton ? outDir : fs::absolute(outDir).parent_path(), outDir);
    FolderTransaction transaction(
        triton ? outDir / result.modelName : outDir, &isReplaceableExport, "an export of sam2sim");
    const fs::path modelDir = transaction.target(), tmpDir = transaction.dir();
    const fs::path ptDir = triton ? modelDir / "1" : modelDir;
    createFolder(triton ? tmpDir / "1" : tmpDir);

    report(progress, "export", 0, 3, "backbone");
    std::unique_ptr<Backbone> backbone
        = makeBackbone(config.backbone, config.backboneWeights, static_cast<unsigned>(config.seed));
    const auto recordedSha = metrics.find("backbone_weights_sha256");
    if (backbone->pretrained() && recordedSha != metrics.end() && recordedSha->is_string()
        && recordedSha->get<std::string>() != backbone->weightsSha256())
        throw Error(config.backboneWeights.string()
            + ": not the weights the run was trained with (SHA-256 differs "
              "from metrics.json)");
    cancel.throwIfCancelled();

    report(progress, "export", 1, 3, "heads");
    const Checkpoint ckpt = readCheckpoint(headsFile);
    SimpleNetHeads heads(kEmbedDim, config.dscHidden, 0);
    heads->loadStateDict(ckpt.tensors, headsFile.string());
    heads->eval();
    const FusedHeads fused = FusedHeads::fromHeads(heads);
    const nlohmann::json pre
        = preprocessJson(config, runConfig, metrics, *backbone, runDir, sha256File(headsFile));
    const std::string preText = pre.dump(2) + "\n";
    cancel.throwIfCancelled();

    report(progress, "export", 2, 3, "TorchScript module");
    std::ostringstream bytes;
    try {
        c10::InferenceMode off(false);
        torch::jit::Module module = buildScoringModule(*backbone, fused, config.imageSize);
        module.save(bytes, {{kPreprocessExtraFile, preText}});
    } catch (const c10::Error &e) {
        throw Error(runDir.string()
            + ": cannot build the TorchScript module: " + firstLine(e.what_without_backtrace()));
    } catch (const std::exception &e) { // the TorchScript compiler's ErrorReport
        throw Error(
            runDir.string() + ": cannot build the TorchScript module: " + firstLine(e.what()));
    }
    cancel.throwIfCancelled();

    result.model = ptDir / "model.pt";
    result.preprocess = modelDir / "preprocess.json";
    writeFileAtomically((triton ? tmpDir / "1" : tmpDir) / "model.pt", bytes.str());
    writeFileAtomically(tmpDir / "preprocess.json", preText);
    if (triton) {
        result.config = modelDir / "config.pbtxt";
        writeFileAtomically(
            tmpDir / "config.pbtxt", tritonConfig(result.modelName, options.maxBatch, config.imageSize));
    }
    writeFileAtomically(tmpDir / "README.md", exportReadme(pre, options.format, result.modelName));
    cancel.throwIfCancelled();
    transaction.commit();
    report(progress, "export", 3, 3, "written");
    return result;
}

} // namespace s2s
