// sam2sim sweep: features once, then for each noise sigma the heads retrained on the cached features
// and the test set rescored. An analysis on the labelled test set, not model selection.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/run_options.h"

#include "engine/core/error.h"
#include "engine/pipeline/training_session.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

namespace s2s::cli {
namespace {

double since(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

nlohmann::json number(double v)
{
    return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
}

int runSweep(const std::vector<std::string> &argv)
{
    std::set<std::string> options = trainingOptionNames();
    options.insert("sigmas");
    const Args args("sweep", argv, options, {"json", "quiet", "cold"});
    args.expectNoPositionals();
    std::vector<NoiseSigma> sigmas;
    for (const std::string &s : splitList(args.required("sigmas")))
        sigmas.push_back(NoiseSigma::parse(s, "--sigmas"));
    if (sigmas.empty())
        throw Error("--sigmas: give at least one value (e.g. 0.015,0.1,0.5x,auto)");
    auto [category, config] = configFromArgs(args, "sweep");
    warnIfNotPretrained(config, "sweep");
    const bool quiet = args.flag("quiet") || args.flag("json");
    const bool cold = args.flag("cold");

    TrainingSession session(category, config);
    const CancelToken cancel;
    auto t0 = std::chrono::steady_clock::now();
    session.extractFeatures(progressPrinter("sweep", quiet), cancel);
    if (session.usesKnn())
        throw Error("sweep: " + category.name + " is scored by its nearest training patch (" + session.scorerChoice()
                    + "), which has no noise sigma; sweep the discriminator with --scorer discriminator");
    nlohmann::json out;
    out["feature_scale"] = session.featureScale();
    out["features_s"] = since(t0);
    out["mode"] = cold ? "cold: each sigma trained from a new initialisation with the full schedule"
                       : "warm: the first sigma trained in full, each next one refitted from its heads (first_*) and refined "
                         "to the converged budget (the final numbers)";
    out["analysis"] = "on the labelled test set: an analysis of sensitivity, not model selection";
    out["points"] = nlohmann::json::array();
    if (!quiet)
        std::fprintf(stderr, "sweep: feature scale %.4g, features %.1f s\n", session.featureScale(), out["features_s"].get<double>());
    if (!args.flag("json"))
        std::printf("%-10s %-10s %-8s %-9s %-12s %-12s %-8s %s\n", "sigma", "sigma_rel", "first_s", "seconds", "image_auroc",
                    "pixel_auroc", "au_pro", "note");
    for (std::size_t i = 0; i < sigmas.size(); ++i) {
        RunConfig c = config;
        c.noiseSigma = sigmas[i];
        session.setConfig(c);
        t0 = std::chrono::steady_clock::now();
        const bool warm = !cold && i > 0;
        nlohmann::json p;
        session.train({}, cancel, warm ? TrainMode::Refit : TrainMode::Full);
        std::optional<Evaluation> first;
        if (warm) {
            // The first curves (the refit from the first sigma's heads), then the refined, final ones.
            first = session.evaluate(EvalOptions{}, {}, cancel);
            p["first_seconds"] = since(t0);
            p["first_steps"] = session.lastTraining().steps;
            p["first_image_auroc"] = number(first->metrics.imageAuroc);
            p["first_pixel_auroc"] = number(first->metrics.pixelAuroc);
        }
        const bool refine = warm && session.refineSteps() > 0; // a refit as long as the budget is final
        if (refine)
            session.train({}, cancel, TrainMode::Refine);
        const Evaluation ev = first && !refine ? *first : session.evaluate(EvalOptions{}, {}, cancel);
        const double secs = since(t0);
        const TrainingOutcome &t = session.lastTraining();
        if (!warm)
            p["first_seconds"] = secs;
        p["sigma"] = t.sigmaAbsolute;
        p["sigma_rel"] = t.sigmaRelative;
        p["setting"] = sigmas[i].text();
        p["seconds"] = secs;
        int steps = 0; // this sigma's own steps: the refit and refine, or the training from scratch
        for (const TrainingStage &stage : t.history)
            if ((stage.kind != TrainingStage::Kind::Full) == warm)
                steps += stage.steps;
        p["steps"] = steps;
        p["image_auroc"] = number(ev.metrics.imageAuroc);
        p["pixel_auroc"] = number(ev.metrics.pixelAuroc);
        p["au_pro"] = number(ev.metrics.auPro);
        p["not_learning"] = t.notLearning;
        p["warm_start"] = t.warmStart;
        out["points"].push_back(p);
        if (!args.flag("json")) {
            std::printf("%-10.4g %-10.3g %-8.1f %-9.1f %-12.4f %-12.4f %-8.4f %s\n", t.sigmaAbsolute, t.sigmaRelative,
                        p["first_seconds"].get<double>(), secs,
                        ev.metrics.imageAuroc, ev.metrics.pixelAuroc, ev.metrics.auPro,
                        t.notLearning ? "NOT LEARNING" : (t.warmStart ? "refit + refine" : "full"));
            std::fflush(stdout);
        }
    }
    if (args.flag("json"))
        std::cout << out.dump(2) << "\n";
    return 0;
}

const CommandRegistration registration{{
    "sweep",
    "AUROC versus noise sigma: features once, heads retrained per sigma (analysis, not model selection)",
    "Usage: sam2sim sweep --data DIR --category C --sigmas LIST [--json] [--cold] [every option of train]\n"
    "LIST mixes absolute sigmas (0.015), factors of the feature scale (0.5x) and auto. The first sigma\n"
    "is trained with the full schedule; each next one is refitted from the first one's heads (--refit-steps:\n"
    "the studio's first curves, first_* in --json) and then refined to 3/8 of a full training's steps (the\n"
    "final numbers, as the studio shows them when it says \"final\"). --cold trains every sigma anew, so each\n"
    "point equals a `train` at that sigma and seed. `seconds` (final) and `first_seconds` (first curves) are\n"
    "heads training + rescoring (with maps and pixel metrics) only.",
    &runSweep,
}};

} // namespace
} // namespace s2s::cli
