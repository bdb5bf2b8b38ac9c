#include "engine/pipeline/run_config.h"

#include "engine/core/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

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
    return j;
}

RunConfig runConfigFromJson(const nlohmann::json &j, const std::filesystem::path &file)
{
    try {
        RunConfig c;
        c.dataRoot = j.at("data_root").get<std::string>();
        c.category = j.at("category").get<std::string>();
        if (j.contains("kind_override") && !j.at("kind_override").is_null()) {
            const auto kind = categoryKindFromString(j.at("kind_override").get<std::string>());
            if (!kind)
                throw Error(file.string() + ": kind_override must be object or texture");
            c.kindOverride = kind;
        }
        c.backbone = j.value("backbone", c.backbone);
        c.backboneWeights = j.value("backbone_weights", std::string());
        c.resize = j.value("resize", c.resize);
        c.imageSize = j.value("image_size", c.imageSize);
        c.preset = j.value("preset", c.preset);
        c.metaEpochs = j.value("meta_epochs", c.metaEpochs);
        c.ganEpochs = j.value("gan_epochs", c.ganEpochs);
        c.batchSize = j.value("batch_size", c.batchSize);
        if (j.contains("noise_sigma_setting"))
            c.noiseSigma = NoiseSigma::parse(j.at("noise_sigma_setting").get<std::string>(), file.string());
        else if (j.contains("noise_sigma")) // runs written before relative sigmas: absolute
            c.noiseSigma = NoiseSigma::absolute(j.at("noise_sigma").get<double>());
        c.patchFraction = j.value("patch_fraction", c.patchFraction);
        c.refitSteps = j.value("refit_steps", c.refitSteps);
        c.minSteps = j.value("min_steps", c.minSteps);
        c.dscMargin = j.value("dsc_margin", c.dscMargin);
        c.dscHidden = j.value("dsc_hidden", c.dscHidden);
        c.adaptorLr = j.value("adaptor_lr", c.adaptorLr);
        c.adaptorWeightDecay = j.value("adaptor_weight_decay", c.adaptorWeightDecay);
        c.dscLr = j.value("dsc_lr", c.dscLr);
        c.dscWeightDecay = j.value("dsc_weight_decay", c.dscWeightDecay);
        c.seed = j.value("seed", c.seed);
        c.threads = j.value("threads", c.threads);
        c.foreground = j.value("foreground", c.foreground);
        c.segmenter = j.value("segmenter", c.segmenter);
        c.sam2Weights = j.value("sam2_weights", std::string());
        c.backgroundFill = j.value("background_fill", c.backgroundFill);
        if (c.metaEpochs < 1 || c.ganEpochs < 1 || c.batchSize < 1 || c.imageSize < 32 || c.resize < c.imageSize
            || !(c.patchFraction > 0.0 && c.patchFraction <= 1.0) || c.refitSteps < 1 || c.minSteps < 0)
            throw Error(file.string() + ": invalid training settings (epochs, batch size, patch fraction or sizes)");
        return c;
    } catch (const nlohmann::json::exception &e) {
        throw Error(file.string() + ": invalid run config (" + std::string(e.what()) + ")");
    }
}

} // namespace s2s
