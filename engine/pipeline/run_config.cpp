#include "engine/pipeline/run_config.h"

#include "engine/core/error.h"
#include "engine/core/json_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace s2s {

RunConfig presetConfig(const std::string &preset)
{
    RunConfig c;
    c.preset = preset;
    if (preset == "paper") {
        c.metaEpochs = 40; // 40 x 4 = 160 epochs, batch 8, every patch row, as the official MVTec run
        c.ganEpochs = 4;
        c.noiseSigma = NoiseSigma::absolute(0.015); // tuned for WRN-50 V1 features
        c.patchFraction = 1.0;
    } else if (preset == "fast") {
        // Chosen from measurements (README, "Noise sigma" and "Fast training"): with the noise
        // calibrated to the features the discriminator learns in a few epochs, and a quarter of each
        // image's patch rows per step loses nothing measurable.
        c.metaEpochs = 1;
        c.ganEpochs = 1;
        c.noiseSigma = NoiseSigma::automatic();
        c.patchFraction = 0.25;
        c.minSteps = 64;
    } else {
        throw Error("unknown preset '" + preset + "' (available: fast, paper)");
    }
    // Sam2Sim is the method: both presets remove the background where the category allows it (the
    // engine's routing: object categories that do not keep their background; never textures). This is
    // the CLI's and the studio's `--foreground auto`.
    c.foreground = true;
    c.scorer = "auto";
    c.align = "auto";
    return c;
}

namespace {

int stepsPerEpoch(std::size_t trainImages, int batchSize)
{
    const std::size_t batch = static_cast<std::size_t>(std::max(1, batchSize));
    return static_cast<int>(std::max<std::size_t>(1, (trainImages + batch - 1) / batch));
}

} // namespace

int RunConfig::effectiveSteps(std::size_t trainImages) const
{
    return std::max(totalEpochs() * stepsPerEpoch(trainImages, batchSize), minSteps);
}

int RunConfig::effectiveEpochs(std::size_t trainImages) const
{
    const int perEpoch = stepsPerEpoch(trainImages, batchSize);
    return (effectiveSteps(trainImages) + perEpoch - 1) / perEpoch;
}

nlohmann::json toJson(const RunConfig &c)
{
    nlohmann::json j;
    j["data_root"] = c.dataRoot.string();
    j["category"] = c.category;
    j["kind_override"] = c.kindOverride ? nlohmann::json(std::string(toString(*c.kindOverride))) : nlohmann::json();
    j["backbone"] = c.backbone;
    j["backbone_weights"] = c.backboneWeights.string();
    j["resize"] = c.resize;
    j["image_size"] = c.imageSize;
    j["preset"] = c.preset;
    j["meta_epochs"] = c.metaEpochs;
    j["gan_epochs"] = c.ganEpochs;
    j["epochs"] = c.totalEpochs();
    j["batch_size"] = c.batchSize;
    j["noise_sigma_setting"] = c.noiseSigma.text();
    j["patch_fraction"] = c.patchFraction;
    j["refit_steps"] = c.refitSteps;
    j["min_steps"] = c.minSteps;
    j["dsc_margin"] = c.dscMargin;
    j["dsc_hidden"] = c.dscHidden;
    j["adaptor_lr"] = c.adaptorLr;
    j["adaptor_weight_decay"] = c.adaptorWeightDecay;
    j["dsc_lr"] = c.dscLr;
    j["dsc_weight_decay"] = c.dscWeightDecay;
    j["seed"] = c.seed;
    j["threads"] = c.threads;
    j["foreground"] = c.foreground;
    j["segmenter"] = c.segmenter;
    j["sam2_weights"] = c.sam2Weights.string();
    j["background_fill"] = c.backgroundFill;
    j["scorer"] = c.scorer;
    j["align"] = c.align;
    return j;
}

RunConfig runConfigFromJson(const nlohmann::json &j, const std::filesystem::path &file)
{
    using namespace runLimits;
    const std::string where = file.string();
    if (!j.is_object())
        throw Error(where + ": not a JSON object");
    RunConfig c;
    const auto text = [&](const char *key, const std::string &fallback) { return jsonString(j, key, fallback, where); };
    const auto integer = [&](const char *key, int fallback, int lo, int hi) {
        return static_cast<int>(jsonInt(j, key, fallback, lo, hi, where));
    };
    const auto number = [&](const char *key, double fallback, double lo, double hi) {
        return jsonNumber(j, key, fallback, lo, hi, where);
    };
    if (!j.contains("data_root") || !j.contains("category"))
        throw Error(where + ": data_root and category are required");
    c.dataRoot = text("data_root", "");
    c.category = text("category", "");
    // A category is one folder under data_root: not a path that leads elsewhere, no control characters.
    if (c.category.empty() || c.category == "." || c.category == ".." || c.category.find('/') != std::string::npos
        || std::any_of(c.category.begin(), c.category.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; }))
        throw Error(where + ": category must be the name of one folder under data_root, got "
                    + nlohmann::json(c.category).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    if (const std::string kind = text("kind_override", ""); !kind.empty()) {
        c.kindOverride = categoryKindFromString(kind);
        if (!c.kindOverride)
            throw Error(where + ": kind_override must be object or texture");
    }
    c.backbone = text("backbone", c.backbone);
    c.backboneWeights = text("backbone_weights", "");
    // An emptied weights path would score with a random backbone against heads trained on pretrained
    // features: the run says which weights it was trained with.
    if (c.backboneWeights.empty() && j.contains("backbone_weights_sha256") && j.at("backbone_weights_sha256").is_string())
        throw Error(where + ": backbone_weights is empty, but the run was trained with pretrained weights "
                            "(backbone_weights_sha256 "
                    + j.at("backbone_weights_sha256").get<std::string>().substr(0, 16) + "...); name that file");
    c.resize = integer("resize", c.resize, kMinImageSize, kMaxResize);
    c.imageSize = integer("image_size", c.imageSize, kMinImageSize, c.resize);
    c.preset = text("preset", c.preset);
    c.metaEpochs = integer("meta_epochs", c.metaEpochs, 1, kMaxEpochs);
    c.ganEpochs = integer("gan_epochs", c.ganEpochs, 1, kMaxEpochs);
    if (c.totalEpochs() > kMaxEpochs)
        throw Error(where + ": meta_epochs x gan_epochs must be at most " + std::to_string(kMaxEpochs));
    if (j.contains("epochs")) // written for readers (meta x gan), bounded like every number read back
        (void)integer("epochs", 0, 0, kMaxEpochs);
    c.batchSize = integer("batch_size", c.batchSize, 1, kMaxBatchSize);
    if (j.contains("noise_sigma_setting"))
        c.noiseSigma = NoiseSigma::parse(text("noise_sigma_setting", "auto"), where);
    else if (j.contains("noise_sigma")) // runs written before relative sigmas: absolute
        c.noiseSigma = NoiseSigma::absolute(number("noise_sigma", 0.015, 1e-6, 1000.0));
    c.patchFraction = number("patch_fraction", c.patchFraction, 1e-6, 1.0);
    c.refitSteps = integer("refit_steps", c.refitSteps, 1, kMaxSteps);
    c.minSteps = integer("min_steps", c.minSteps, 0, kMaxSteps);
    c.dscMargin = number("dsc_margin", c.dscMargin, 0.0, 10.0);
    c.dscHidden = integer("dsc_hidden", c.dscHidden, 1, kMaxDscHidden);
    c.adaptorLr = number("adaptor_lr", c.adaptorLr, 0.0, 10.0);
    c.adaptorWeightDecay = number("adaptor_weight_decay", c.adaptorWeightDecay, 0.0, 10.0);
    c.dscLr = number("dsc_lr", c.dscLr, 0.0, 10.0);
    c.dscWeightDecay = number("dsc_weight_decay", c.dscWeightDecay, 0.0, 10.0);
    c.seed = integer("seed", c.seed, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
    c.threads = integer("threads", c.threads, 0, kMaxThreads);
    c.foreground = jsonBool(j, "foreground", c.foreground, where);
    c.segmenter = text("segmenter", c.segmenter);
    c.sam2Weights = text("sam2_weights", "");
    c.backgroundFill = text("background_fill", c.backgroundFill);
    c.scorer = text("scorer", "discriminator");
    if (c.scorer != "auto" && c.scorer != "discriminator" && c.scorer != "knn")
        throw Error(where + ": scorer must be auto, discriminator or knn, got '" + c.scorer + "'");
    c.align = text("align", "off");
    if (c.align != "auto" && c.align != "on" && c.align != "off")
        throw Error(where + ": align must be auto, on or off, got '" + c.align + "'");
    // Values the run records beside the config, read by loadRun and the report: typed here once.
    for (const char *key : {"noise_sigma", "noise_sigma_rel", "feature_scale"})
        number(key, 0.0, 0.0, 1e30);
    for (const char *key : {"app_version", "kind", "run_id", "created", "scorer_choice"})
        text(key, "");
    return c;
}

} // namespace s2s
