#include "app/cli/run_options.h"

#include "engine/weights/weights_catalog.h"
#include "app/cli/input_checks.h"

#include "engine/backbone/backbone.h"
#include "engine/core/atomic_file.h"
#include "engine/foreground/segmenter.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include <cstdio>
#include <iostream>
#include <mutex>

namespace s2s::cli {

std::set<std::string> trainingOptionNames()
{
    return {"data",      "category",    "preset",         "noise-sigma", "epochs", "backbone", "backbone-weights",
            "threads",   "seed",        "foreground",     "segmenter",   "sam2-weights", "kind", "fill",
            "batch-size", "patch-fraction", "refit-steps", "image-size", "steps", "scorer", "align"};
}

void applyTrainingOptions(const Args &args, RunConfig &config)
{
    if (const auto sigma = args.value("noise-sigma"))
        config.noiseSigma = NoiseSigma::parse(*sigma, "--noise-sigma");
    if (args.has("epochs")) {
        const int epochs = args.intOr("epochs", config.totalEpochs());
        if (epochs < 1)
            throw Error("--epochs must be at least 1");
        config.metaEpochs = epochs;
        config.ganEpochs = 1;
        config.minSteps = 0; // an explicit epoch count is taken as given
    }
    if (args.has("steps")) {
        const int steps = args.intOr("steps", 0);
        if (steps < 1 || steps > 100000)
            throw Error("--steps must be in 1..100000");
        config.metaEpochs = 1; // as many epochs as the steps need, the last one cut short
        config.ganEpochs = 1;
        config.minSteps = steps;
    }
    if (args.has("image-size")) {
        // The crop the backbone sees; the shorter side is resized to 329/288 of it first, as SimpleNet does.
        const int size = args.intOr("image-size", config.imageSize);
        if (size < 128 || size > 1024 || size % 16 != 0)
            throw Error("--image-size must be a multiple of 16 in 128..1024");
        config.imageSize = size;
        config.resize = static_cast<int>(std::lround(size * 329.0 / 288.0));
    }
    // No --backbone: the best one whose weights are present; no --backbone-weights: discovered
    // (engine/weights); random weights only with --backbone-weights none.
    const BackboneChoice choice = resolveBackbone(args.valueOr("backbone", ""), args.valueOr("backbone-weights", ""));
    config.backbone = choice.backbone;
    config.backboneWeights = choice.weights.path;
    config.threads = threadsOption(args, "sam2sim", config.threads);
    config.seed = args.intOr("seed", config.seed);
    config.batchSize = args.intOr("batch-size", config.batchSize);
    config.patchFraction = args.doubleOr("patch-fraction", config.patchFraction);
    if (!(config.patchFraction > 0.0 && config.patchFraction <= 1.0))
        throw Error("--patch-fraction must be in (0, 1]");
    config.refitSteps = args.intOr("refit-steps", config.refitSteps);
    if (config.refitSteps < 1)
        throw Error("--refit-steps must be at least 1");
    // auto (the presets' default) and on both remove the background where the category allows it:
    // object categories that do not keep their background. Textures and transistor are never segmented.
    const std::string fg = args.valueOr("foreground", config.foreground ? "auto" : "off");
    if (fg != "auto" && fg != "on" && fg != "off")
        throw Error("--foreground expects auto, on or off, got '" + fg + "'");
    config.foreground = fg != "off";
    config.segmenter = args.valueOr("segmenter", config.segmenter);
    config.sam2Weights = args.valueOr("sam2-weights", config.sam2Weights.string());
    if (config.sam2Weights.empty() && config.foreground && config.segmenter != "classical" && config.segmenter != "border")
        if (const auto found = locateSam2Weights())
            config.sam2Weights = found->path;
    config.backgroundFill = args.valueOr("fill", config.backgroundFill);
    config.scorer = args.valueOr("scorer", config.scorer);
    if (config.scorer != "auto" && config.scorer != "discriminator" && config.scorer != "knn")
        throw Error("--scorer expects auto, discriminator or knn, got '" + config.scorer + "'");
    config.align = args.valueOr("align", config.align);
    if (config.align != "auto" && config.align != "on" && config.align != "off")
        throw Error("--align expects auto, on or off, got '" + config.align + "'");
    if (config.batchSize < 1)
        throw Error("--batch-size must be at least 1");
    if (const auto names = backboneNames(); std::find(names.begin(), names.end(), config.backbone) == names.end())
        throw Error("--backbone: unknown backbone '" + config.backbone + "' (available: wide_resnet50_2, mobilenet_v2)");
    if (!config.backboneWeights.empty())
        checkRegularFile(config.backboneWeights, "--backbone-weights");
    if (!config.sam2Weights.empty())
        checkRegularFile(config.sam2Weights, "--sam2-weights");
}

std::pair<Category, RunConfig> configFromArgs(const Args &args, const std::string &command)
{
    RunConfig config = presetConfig(args.valueOr("preset", "fast"));
    config.dataRoot = args.required("data");
    checkUtf8Path(config.dataRoot, "--data");
    const Dataset dataset = scanDataset(config.dataRoot);
    std::string name = args.valueOr("category", "");
    if (name.empty()) {
        for (const auto &issue : dataset.issues)
            if (dataset.categories.empty() && issue.message.rfind("empty category", 0) == 0)
                throw Error(issue.path.string() + ": " + issue.message);
        if (dataset.categories.size() != 1)
            throw Error(command + ": --category is required (the dataset has " + std::to_string(dataset.categories.size())
                        + " categories)");
        name = dataset.categories.front().name;
    }
    const Category *category = dataset.find(name);
    if (!category) {
        // A category the scanner dropped (e.g. no usable train/good image) is named with its reason.
        for (const auto &issue : dataset.issues)
            if (issue.path.filename() == name && issue.message.rfind("empty category", 0) == 0)
                throw Error(issue.path.string() + ": " + issue.message);
        throw Error(config.dataRoot.string() + ": no category '" + name + "'");
    }
    config.dataRoot = dataset.root;
    config.category = name;
    if (const auto kind = args.value("kind")) {
        config.kindOverride = categoryKindFromString(*kind);
        if (!config.kindOverride)
            throw Error("--kind expects object or texture, got '" + *kind + "'");
    }
    applyTrainingOptions(args, config);
    return {*category, config};
}

void warnIfNotPretrained(const RunConfig &config, const std::string &command)
{
    if (config.backboneWeights.empty())
        std::cerr << command << ": warning: backbone " << config.backbone
                  << " is not pretrained (--backbone-weights none): random weights, results are not meaningful "
                     "for real inspection\n";
    else
        std::cerr << command << ": backbone " << config.backbone << ", weights " << config.backboneWeights.string()
                  << " (" << describeLocation(config.backboneWeights) << ")\n";
}

namespace {

struct StageSlot
{
    std::mutex mutex;
    std::string text;
};

StageSlot &stageSlot()
{
    static StageSlot slot;
    return slot;
}

} // namespace

std::string lastStage()
{
    StageSlot &slot = stageSlot();
    const std::lock_guard lock(slot.mutex);
    return slot.text;
}

ProgressFn progressPrinter(const std::string &command, bool quiet)
{
    return [command, quiet](const ProgressEvent &e) {
        {
            StageSlot &slot = stageSlot();
            const std::lock_guard lock(slot.mutex);
            slot.text = e.stage + " " + std::to_string(e.done) + "/" + std::to_string(e.total)
                        + (e.message.empty() ? std::string() : " (" + e.message + ")");
        }
        if (!quiet && e.done == e.total)
            std::fprintf(stderr, "%s: %s %lld/%lld\n", command.c_str(), e.stage.c_str(),
                         static_cast<long long>(e.done), static_cast<long long>(e.total));
    };
}

void warnIfSigmaOutsideRange(const TrainingSession &session, const std::string &command)
{
    const std::string warning = NoiseSigma::rangeWarning(session.resolvedSigma(), session.featureScale());
    if (!warning.empty())
        std::cerr << command << ": warning: " << warning << "; try --noise-sigma auto\n";
}

void warnIfSegmenterFellBack(const TrainingSession &session, const std::string &command)
{
    const std::string name = session.segmenterName();
    if (const auto at = name.find(kSam2UnusableTag); at != std::string::npos)
        std::cerr << command << ": warning: " << name.substr(at, name.size() - at - 1)
                  << "; the classical segmenter removed the background instead (fix or delete that file)\n";
}

void reportTraining(const TrainingSession &session, const std::string &command, bool quiet)
{
    const TrainingOutcome &t = session.lastTraining();
    if (!quiet)
        std::fprintf(stderr, "%s: scorer: %s (%s)\n", command.c_str(), session.scorerDescription().c_str(),
                     session.scorerChoice().c_str());
    if (session.usesKnn())
        return; // nothing trained: no noise sigma, no discriminator to learn
    if (!quiet)
        std::fprintf(stderr, "%s: noise sigma %.4g = %.3gx the feature scale %.4g (%s)\n", command.c_str(), t.sigmaAbsolute,
                     t.sigmaRelative, t.featureScale, session.config().noiseSigma.text().c_str());
    if (t.notLearning)
        std::fprintf(stderr,
                     "%s: warning: the discriminator did not learn (last epoch: loss %.4f, p_true %.3f, p_fake %.3f): "
                     "noise sigma %.4g is too small or too large for these features (scale %.4g); the maps are noise. "
                     "Try --noise-sigma auto or a relative value such as 0.5x\n",
                     command.c_str(), t.loss, t.pTrue, t.pFake, t.sigmaAbsolute, t.featureScale);
}

std::string metricText(const nlohmann::json &m, const char *key)
{
    if (!m.contains(key) || !m.at(key).is_number())
        return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", m.at(key).get<double>());
    return buf;
}

void printMetrics(const nlohmann::json &m, std::ostream &out)
{
    const auto show = [&](const char *label, const char *key) { out << "  " << label << ": " << metricText(m, key) << "\n"; };
    out << "Metrics (" << m.value("background", std::string("static")) << " backgrounds, "
        << m.value("selection", std::string()) << "):\n";
    show("image AUROC", "image_auroc");
    const int noMask = m.contains("defects_without_masks") && m.at("defects_without_masks").is_number_integer()
                           ? m.at("defects_without_masks").get<int>()
                           : 0;
    const bool noPixelTruth = noMask > 0 && !(m.contains("pixel_auroc") && m.at("pixel_auroc").is_number());
    if (noPixelTruth) {
        out << "  pixel AUROC: n/a - no masks (" << noMask << " defect images have image-level labels only)\n";
    } else {
        show("pixel AUROC", "pixel_auroc");
        if (noMask > 0)
            out << "    (over " << m.value("pixel_images", 0) << " images; " << noMask
                << " defect images without a mask count for the image metrics only)\n";
    }
    if (!noPixelTruth)
        show("AU-PRO (FPR<=0.3)", "au_pro");
    show("F1-max", "f1_max");
    show("F1-max threshold", "f1_threshold");
    if (m.contains("confusion")) {
        const auto &c = m.at("confusion");
        out << "  confusion at threshold: TP " << c.at("tp") << ", FP " << c.at("fp") << ", TN " << c.at("tn")
            << ", FN " << c.at("fn") << "\n";
    }
    if (m.contains("scorer") && m.at("scorer").is_object() && m.at("scorer").value("name", std::string()) == "knn")
        out << "  scorer: " << m.at("scorer").value("description", std::string()) << "\n";
    if (!m.value("backbone_pretrained", false))
        out << "  backbone: " << m.value("backbone", std::string()) << " NOT PRETRAINED (random weights)\n";
}

} // namespace s2s::cli
