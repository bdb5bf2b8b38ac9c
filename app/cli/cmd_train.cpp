// sam2sim train: trains SimpleNet heads on one category and writes a run folder.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/input_checks.h"
#include "app/cli/run_options.h"

#include "engine/pipeline/training_session.h"
#include "engine/pipeline/run_folder.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace s2s::cli {
namespace {

int runTrain(const std::vector<std::string> &argv)
{
    std::set<std::string> options = trainingOptionNames();
    options.insert("out");
    const Args args("train", argv, options, {"json", "quiet", "strict"});
    args.expectNoPositionals();
    const std::filesystem::path out = args.required("out");
    checkUtf8Path(out, "--out");
    RunFolderWriter writer(out); // a bad --out or a second writer fails here, before any work
    auto [category, config] = configFromArgs(args, "train");
    reportSkipped("train", category.issues, args.flag("strict"));
    warnIfNotPretrained(config, "train");

    TrainingSession session(category, config);
    const bool quiet = args.flag("quiet") || args.flag("json");
    const CancelToken cancel;
    session.extractFeatures(progressPrinter("train", quiet), cancel);
    warnIfSegmenterFellBack(session, "train");
    if (!session.usesKnn())
        warnIfSigmaOutsideRange(session, "train");
    session.train(
        [&](const TrainProgress &p) {
            if (quiet || (p.step != p.steps))
                return;
            std::fprintf(stderr, "train: epoch %d/%d  loss %.4f  p_true %.3f  p_fake %.3f  elapsed %.0f s  eta %.0f s\n",
                         p.epoch, p.epochs, p.loss, p.pTrue, p.pFake, p.elapsedS, p.etaS);
        },
        cancel);
    reportTraining(session, "train", quiet);
    const Evaluation ev = session.evaluate(EvalOptions{}, progressPrinter("eval", quiet), cancel);
    session.saveRun(writer, ev);
    const nlohmann::json metrics = evaluationJson(session, ev);
    if (args.flag("json")) {
        nlohmann::json j = metrics;
        j.erase("image_roc");
        j.erase("pixel_roc");
        j["run"] = out.string();
        std::cout << j.dump(2) << "\n";
    } else {
        printMetrics(metrics, std::cout);
        std::cout << "Run folder: " << out.string() << " (config.json, "
                  << (session.usesKnn() ? "knn_bank.safetensors" : "heads.safetensors") << ", scores.csv, metrics.json, maps/)\n";
    }
    return 0;
}

const CommandRegistration registration{{
    "train",
    "train SimpleNet on a category and evaluate it (writes a run folder)",
    "Usage: sam2sim train --data DIR --category C --out RUN [--preset fast|paper] [--epochs N]\n"
    "                     [--noise-sigma auto|S|Fx] [--backbone wide_resnet50_2|mobilenet_v2] [--backbone-weights W|none]\n"
    "                     [--foreground auto|on|off] [--segmenter auto|sam2|classical] [--sam2-weights W]\n"
    "                     [--fill black|mean|blur] [--kind object|texture] [--batch-size N]\n"
    "                     [--patch-fraction F] [--refit-steps N] [--scorer auto|discriminator|knn] [--align auto|on|off]\n"
    "                     [--threads N] [--seed N] [--json] [--quiet] [--strict]\n"
    "--epochs sets the total number of epochs (the paper preset is 40 x 4 = 160). The final model is\n"
    "kept (no test-set model selection). Without --backbone the best backbone whose weights are present is\n"
    "used, without --backbone-weights its file is looked up (sam2sim weights list); --backbone-weights none\n"
    "asks for random weights. --noise-sigma: an absolute value in feature units (the paper's 0.015 for\n"
    "WRN-50), a factor of the training features' scale (0.7x), or auto (the fast preset's default, a\n"
    "measured relative factor; the paper preset keeps 0.015). --foreground auto (the default; on means the\n"
    "same): the background of object images is removed (Sam2Sim), never that of textures or of categories\n"
    "that keep their background (transistor); off trains plain SimpleNet. --scorer auto and --align auto (the\n"
    "presets) look at the training images first: objects that lie at any angle (screws) are turned to one\n"
    "pose and scored by their nearest training patch (knn, nothing trained, no noise sigma); everything\n"
    "else is scored by the SimpleNet discriminator. Input files the scanner skips are named on\n"
    "stderr and listed in metrics.json; --strict makes any skipped file an error. The run folder is written\n"
    "as one transaction: an existing run at RUN is replaced only when the new one is complete.",
    &runTrain,
}};

} // namespace
} // namespace s2s::cli
