// sam2sim bench: per-stage throughput on an MVTec-sized synthetic category (figures, not a test).
#include "app/cli/args.h"
#include "app/cli/command.h"

#include "engine/core/threads.h"
#include "engine/data/dataset.h"
#include "engine/data/synth_generator.h"
#include "engine/pipeline/inspection_session.h"

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

#include <chrono>
#include <filesystem>
#include <iostream>

namespace s2s::cli {
namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

int runBench(const std::vector<std::string> &argv)
{
    const Args args("bench", argv, {"backbone", "backbone-weights", "data", "train", "test", "epochs", "threads", "size"},
                    {"json"});
    const int threads = configureThreads(args.intOr("threads", 0));
    const int trainCount = args.intOr("train", 200), testCount = args.intOr("test", 100);
    std::filesystem::path data = args.valueOr("data", "");
    std::filesystem::path tmp;
    if (data.empty()) {
        tmp = std::filesystem::temp_directory_path() / ("sam2sim-bench-" + std::to_string(::getpid()));
        SynthOptions o;
        o.out = data = tmp;
        o.categories = {"nut"};
        o.size = args.intOr("size", 256);
        o.trainCount = trainCount;
        o.testGoodCount = testCount / 2;
        o.testDefectCount = std::max(1, testCount / 6);
        generateSynthDataset(o);
    }
    const Dataset dataset = scanDataset(data);
    if (dataset.categories.empty())
        throw Error(data.string() + ": no category to benchmark");
    const Category &category = dataset.categories.front();

    nlohmann::json out;
    out["blas"] = blasName();
    out["threads"] = threads;
    out["category"] = category.name;
    out["train_images"] = category.train.size();
    out["test_images"] = category.test.size();
    const std::string names = args.valueOr("backbone", "mobilenet_v2,wide_resnet50_2");
    for (const std::string &backbone : splitList(names)) {
        RunConfig c = presetConfig("fast");
        c.dataRoot = dataset.root;
        c.category = category.name;
        c.backbone = backbone;
        c.backboneWeights = backbone == "mobilenet_v2" ? args.valueOr("backbone-weights", "") : "";
        c.threads = threads;
        c.metaEpochs = args.intOr("epochs", 1);
        c.ganEpochs = 1;
        InspectionSession session(category, c);
        nlohmann::json b;
        double t0 = now();
        session.extractFeatures({}, {});
        const double features = now() - t0;
        const double images = static_cast<double>(category.train.size() + category.test.size());
        b["backbone_images_per_s"] = images / features;
        t0 = now();
        session.train({}, {});
        const double training = now() - t0;
        const double steps = c.totalEpochs() * std::ceil(category.train.size() / 8.0);
        b["train_epochs"] = c.totalEpochs();
        b["train_s"] = training;
        b["train_steps_per_s"] = steps / training;
        b["train_patch_rows_per_s"] = steps * 8 * 1296 * 2 / training; // true + fake rows through D per second
        EvalOptions imageOnly;
        imageOnly.computeMaps = false;
        t0 = now();
        session.evaluate(imageOnly, {}, {});
        const double scoring = now() - t0;
        b["score_images_per_s"] = category.test.size() / scoring;
        t0 = now();
        session.evaluate({}, {}, {});
        b["score_with_maps_and_pixel_metrics_s"] = now() - t0;
        // A new sigma: heads retrained on cached features, then the test set rescored.
        RunConfig sigma = c;
        sigma.noiseSigma = 0.03;
        session.setConfig(sigma);
        t0 = now();
        session.train({}, {});
        session.evaluate({}, {}, {});
        b["retrain_new_sigma_and_rescore_s"] = now() - t0;
        b["inference_vs_backbone"] = (features / images + scoring / category.test.size()) / (features / images);
        b["peak_rss_mb"] = peakRssMb();
        out["backbones"][backbone] = b;
    }
    if (!tmp.empty())
        std::filesystem::remove_all(tmp);
    if (args.flag("json")) {
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << "BLAS: " << out["blas"].get<std::string>() << ", threads: " << threads << ", category " << category.name
              << " (" << category.train.size() << " train, " << category.test.size() << " test)\n";
    for (const auto &[name, b] : out["backbones"].items()) {
        std::printf("%s:\n  backbone %.2f images/s\n  training %d epoch(s) in %.1f s (%.2f steps/s of 8 images, %.0f patch rows/s)\n"
                    "  scoring %.1f images/s (image scores), %.1f s with maps + pixel metrics\n"
                    "  new sigma: retrain + rescore %.1f s\n  inference time / backbone time: %.2f\n  peak RSS %.0f MB\n",
                    name.c_str(), b["backbone_images_per_s"].get<double>(), b["train_epochs"].get<int>(),
                    b["train_s"].get<double>(), b["train_steps_per_s"].get<double>(), b["train_patch_rows_per_s"].get<double>(),
                    b["score_images_per_s"].get<double>(), b["score_with_maps_and_pixel_metrics_s"].get<double>(),
                    b["retrain_new_sigma_and_rescore_s"].get<double>(), b["inference_vs_backbone"].get<double>(),
                    b["peak_rss_mb"].get<double>());
    }
    return 0;
}

const CommandRegistration registration{{
    "bench",
    "per-stage throughput (backbone, training, scoring, sigma retrain, memory)",
    "Usage: sam2sim bench [--json] [--backbone mobilenet_v2,wide_resnet50_2] [--backbone-weights W]\n"
    "                     [--data DIR] [--train 200] [--test 100] [--epochs 1] [--threads N]\n"
    "Without --data, generates an MVTec-sized synthetic category in a temporary folder.",
    &runBench,
}};

} // namespace
} // namespace s2s::cli
