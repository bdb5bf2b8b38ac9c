// sam2sim eval: re-evaluates a run, on the original test images or on pseudo-background composites.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/input_checks.h"
#include "app/cli/run_options.h"

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/pipeline/training_session.h"
#include "engine/pipeline/run_folder.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <optional>

namespace s2s::cli {
namespace {

int runEval(const std::vector<std::string> &argv)
{
    const Args args("eval", argv, {"run", "background", "source", "seed", "feather", "threads", "scores"},
                    {"json", "quiet", "strict", "clean-masks"});
    args.expectNoPositionals();
    const std::filesystem::path run = args.required("run");
    const bool pseudo = args.valueOr("background", "static") == "pseudo";
    // A pseudo-background evaluation appends to metrics.json: no other writer may replace the run meanwhile.
    std::optional<FolderLock> lock;
    if (pseudo)
        lock.emplace(run);
    if (const auto scores = args.value("scores")) {
        checkOutputFile(*scores, "--scores");
        checkNotRunFile(*scores, run, "--scores");
    }
    const RunSummary summary = loadRunSummary(run); // validates the folder before any heavy work
    auto session = TrainingSession::loadRun(run);
    const bool strict = args.flag("strict");
    std::vector<ScanIssue> testIssues; // training images do not matter here
    for (const auto &issue : session->category().issues)
        if (const auto rel = issue.path.lexically_relative(session->category().root); rel.empty() || *rel.begin() != "train")
            testIssues.push_back(issue);
    reportSkipped("eval", testIssues, strict);
    if (const auto changes = changedInputs(summary, session->category()); !changes.empty()) {
        if (strict)
            throw Error(changes.front().path + ": " + changes.front().what + " (--strict)");
        for (std::size_t i = 0; i < changes.size() && i < 10; ++i)
            std::cerr << "eval: warning: " << changes[i].path << ": " << changes[i].what << "\n";
        std::cerr << "eval: warning: " << changes.size() << " of " << summary.scores.size()
                  << " test images differ from the ones the run was scored on; the metrics below are on the "
                     "test set as it is now\n";
    }
    if (args.has("threads")) {
        RunConfig c = session->config();
        c.threads = threadsOption(args, "eval", 0);
        session->setConfig(c);
    }
    EvalOptions options;
    const std::string background = args.valueOr("background", "static");
    if (background == "pseudo")
        options.background = BackgroundMode::Pseudo;
    else if (background != "static")
        throw Error("eval: --background expects static or pseudo, got '" + background + "'");
    options.backgroundSource = args.valueOr("source", "all");
    options.seed = args.u64Or("seed", 0);
    options.featherPx = static_cast<float>(doubleInRange(args, "feather", options.featherPx, 0.0, 256.0));
    options.cleanMaskForComposite = args.flag("clean-masks");
    if (options.cleanMaskForComposite && (options.background != BackgroundMode::Pseudo || !session->removesBackground()))
        throw Error("eval: --clean-masks needs --background pseudo and a run trained with background removal");
    const bool quiet = args.flag("quiet") || args.flag("json");
    const Evaluation ev = session->evaluate(options, progressPrinter("eval", quiet), CancelToken());

    if (args.has("scores")) {
        // One row per test image: which composite it was scored as and how well its mask was found, so a
        // user can look at the images that break the model.
        std::string csv = "path,defect_type,label,score,background,mask_iou,mask_source\n";
        for (const auto &r : ev.images) {
            char score[32];
            std::snprintf(score, sizeof score, "%.9g", static_cast<double>(r.score));
            char iou[32] = "";
            if (r.maskIou >= 0.0)
                std::snprintf(iou, sizeof iou, "%.4f", r.maskIou);
            csv += csvField(r.record.image.string()) + "," + csvField(r.record.defectType) + ","
                   + std::to_string(r.record.label) + "," + score + "," + csvField(r.background) + "," + iou + ","
                   + csvField(r.maskSource) + "\n";
        }
        writeFileAtomically(args.required("scores"), csv);
    }
    nlohmann::json metrics = summary.metrics;
    nlohmann::json result;
    bool replaced = false;
    if (options.background == BackgroundMode::Pseudo && options.cleanMaskForComposite) {
        result = robustnessEntry(ev, summary.metrics); // a diagnostic: printed, not appended to the run
        result["diagnostic"] = "clean-image masks";
    } else if (options.background == BackgroundMode::Pseudo) {
        result = robustnessEntry(ev, summary.metrics);
        // The same composites (background set, seed, feather) evaluated again replace their entry: a run
        // lists each set once, with what the model and extractor give now.
        nlohmann::json entries = nlohmann::json::array();
        if (metrics.contains("robustness") && metrics.at("robustness").is_array()) {
            for (const auto &e : metrics.at("robustness")) {
                if (e.is_object() && e.value("background", nlohmann::json()) == result["background"]
                    && e.value("seed", nlohmann::json()) == result["seed"]
                    && e.value("feather_px", nlohmann::json()) == result["feather_px"])
                    replaced = true;
                else
                    entries.push_back(e);
            }
        }
        entries.push_back(result);
        metrics["robustness"] = entries;
        writeFileAtomically(run / "metrics.json", jsonText(metrics));
    } else {
        result = evaluationJson(*session, ev);
        result.erase("image_roc");
        result.erase("pixel_roc");
    }
    if (args.flag("json")) {
        std::cout << result.dump(2) << "\n";
    } else if (options.background == BackgroundMode::Pseudo) {
        const auto num = [&](const char *key) { return metricText(result, key); };
        std::cout << "Pseudo-backgrounds (" << options.backgroundSource << ", seed " << options.seed << "):\n"
                  << "  image AUROC " << num("image_auroc") << " (static " << num("static_image_auroc") << ")\n"
                  << "  pixel AUROC " << num("pixel_auroc") << " (static " << num("static_pixel_auroc") << ")\n"
                  << "  FPR at the static threshold " << num("fpr_at_threshold")
                  << (result.value("mask_iou", nlohmann::json(nullptr)).is_number()
                          ? "\n  mask IoU of composites vs clean images " + num("mask_iou")
                          : std::string())
                  << (options.cleanMaskForComposite ? "\n  diagnostic: each composite's background removed with its clean image's mask\n"
                                                    : (replaced ? "\nReplaced the earlier result for these backgrounds and seed in "
                                                                 : "\nAppended to ")
                                                          + (run / "metrics.json").string() + "\n");
    } else {
        printMetrics(result, std::cout);
    }
    return 0;
}

const CommandRegistration registration{{
    "eval",
    "evaluate a run on static images or pseudo-background composites",
    "Usage: sam2sim eval --run RUN [--background static|pseudo] [--source FAMILY|DIR|all] [--seed N]\n"
    "                    [--feather PX] [--threads N] [--scores CSV] [--clean-masks] [--json] [--strict]\n"
    "--scores CSV writes one row per test image: score, pseudo-background family, mask IoU vs the clean\n"
    "image's mask and who made the mask. --clean-masks (pseudo, runs with background removal): a diagnostic\n"
    "that removes each composite's background with its clean image's mask; printed, not appended.\n"
    "Test images that changed, vanished or appeared since training are named on stderr (--strict: an\n"
    "error), as are input files the scanner skips.\n"
    "Pseudo-background results are appended to RUN/metrics.json under \"robustness\"; evaluating the same\n"
    "backgrounds, seed and feather again replaces that entry.",
    &runEval,
}};

} // namespace
} // namespace s2s::cli
