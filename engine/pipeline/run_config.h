#pragma once

#include "engine/data/dataset.h"
#include "engine/simplenet/noise_sigma.h"

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace s2s {

// Everything that defines a run. Defaults follow the official SimpleNet MVTec run; the CLI and the GUI
// fill this same struct, and it is stored as config.json in the run folder.
struct RunConfig
{
    // Data
    std::filesystem::path dataRoot;
    std::string category;
    std::optional<CategoryKind> kindOverride; // user override of the scanner's kind

    // Backbone and features
    std::string backbone = "wide_resnet50_2";
    std::filesystem::path backboneWeights; // empty: random initialisation (not pretrained)
    int resize = 329;
    int imageSize = 288;

    // SimpleNet
    std::string preset = "fast"; // "fast" or "paper"
    int metaEpochs = 40;
    int ganEpochs = 4;           // total epochs = metaEpochs * ganEpochs
    int batchSize = 8;
    NoiseSigma noiseSigma;          // fast: auto (relative to the feature scale); paper: 0.015 absolute
    double patchFraction = 1.0;     // share of each image's patch rows per training step (paper: 1)
    int refitSteps = 6;             // a sigma change's first curves: a refit of this many steps (then refined)
    int minSteps = 0;               // small categories train more epochs until this many steps (fast: 64)
    double dscMargin = 0.5;
    int dscHidden = 1024;
    double adaptorLr = 1e-4;
    double adaptorWeightDecay = 0.01;
    double dscLr = 2e-4;
    double dscWeightDecay = 1e-5;
    int seed = 0;
    int threads = 0; // 0: all cores

    // Foreground extraction where the category allows it (object categories that do not keep their
    // background: backgroundRouting); never textures, never transistor. The presets turn it on ("auto");
    // a config.json without the key (runs written before) keeps it off.
    bool foreground = false;
    std::string segmenter = "auto"; // "auto", "sam2", "classical"
    std::filesystem::path sam2Weights;
    std::string backgroundFill = "black"; // "black", "mean", "blur"

    // How patches are scored: "discriminator" (SimpleNet's, trained on Gaussian-noise anomalies) or "knn"
    // (distance to the nearest training patch, knn_scorer.h); and whether objects are turned to one pose
    // first ("on"/"off", object_pose.h). "auto" (the presets) decides both from the training images when
    // training starts: objects that lie at any angle get "knn" and "on", everything else "discriminator"
    // and "off". A config.json without the keys (runs written before) is "discriminator" / "off".
    std::string scorer = "discriminator"; // "auto", "discriminator", "knn"
    std::string align = "off";            // "auto", "on", "off"

    int totalEpochs() const { return metaEpochs * ganEpochs; }
    // The steps training runs on `trainImages` images: totalEpochs() epochs, or minSteps when that is
    // more (the last epoch then stops at minSteps); and the epochs that takes.
    int effectiveSteps(std::size_t trainImages) const;
    int effectiveEpochs(std::size_t trainImages) const;
};

// Bounds of the numeric settings: the CLI checks its options against them, and runConfigFromJson the
// values a run folder's config.json holds, so an edited config.json is no way around a limit (an
// image_size of 20000 would allocate gigabytes).
namespace runLimits {
constexpr int kMinImageSize = 32;
constexpr int kMaxResize = 2048; // also the most `embed --resize` takes
constexpr int kMaxEpochs = 10'000;
constexpr int kMaxBatchSize = 1024;
constexpr int kMaxSteps = 1'000'000;
constexpr int kMaxDscHidden = 16'384;
constexpr int kMaxThreads = 1024;
} // namespace runLimits

// A config with the preset's values ("fast" or "paper"); throws s2s::Error for an unknown name.
RunConfig presetConfig(const std::string &preset);

nlohmann::json toJson(const RunConfig &config);
// file names the source in error messages: every value is type- and range-checked (runLimits) and a
// bad one is reported as "<file>: <key> must be ..., got ...".
RunConfig runConfigFromJson(const nlohmann::json &json, const std::filesystem::path &file);

} // namespace s2s
