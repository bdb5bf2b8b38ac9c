// sam2sim bench: per-stage throughput on an MVTec-sized synthetic category (figures, not a test).
#include "app/cli/args.h"
#include "app/cli/bench_inspect.h"
#include "app/cli/child_process.h"
#include "app/cli/input_checks.h"
#include "app/cli/command.h"

#include "engine/core/threads.h"
#include "engine/data/dataset.h"
#include "engine/data/synth_generator.h"
#include "engine/background/compositor.h"
#include "engine/foreground/classical_segmenter.h"
#include "engine/foreground/foreground_model.h"
#include "engine/foreground/sam2/sam2_segmenter.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/training_session.h"

#include <nlohmann/json.hpp>
#include <opencv2/core/utility.hpp>

#include <unistd.h>

#include <cmath>
#include <limits>
#include <cstdio>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

namespace s2s::cli {
namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int printBench(const nlohmann::json &out, bool json)
{
    if (json) {
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << "BLAS: " << out["blas"].get<std::string>() << ", threads: " << out["threads"].get<int>() << "\n";
    if (out.contains("sam2")) {
        const auto &s = out["sam2"];
        std::printf("SAM 2 (%s, %s):\n  encoder %.2f s/image (1024x1024)\n  decoder %.1f ms/prompt\n  peak RSS %.0f MB\n",
                    s["model"].get<std::string>().c_str(), s["weights"].get<std::string>().c_str(),
                    s["encoder_s_per_image"].get<double>(), s["decoder_ms_per_prompt"].get<double>(),
                    s["peak_rss_mb"].get<double>());
    }
    if (out.contains("foreground")) {
        const auto &f = out["foreground"];
        std::printf("Classical foreground extraction (512 px):\n  border-colour %.3f s/image, learnt %.3f s/image "
                    "(1 core)\n  fit %.2f s on %d training images\n  composite + learnt extraction %.1f images/s "
                    "(%d threads), mask IoU vs clean %.3f\n",
                    f["border_s_per_image_1core"].get<double>(), f["learnt_s_per_image_1core"].get<double>(),
                    f["fit_s"].get<double>(), f["train_images"].get<int>(),
                    f["composite_and_extract_images_per_s"].get<double>(), f["threads"].get<int>(),
                    f["composite_mask_iou"].get<double>());
    }
    if (out.contains("memory")) {
        const auto &m = out["memory"];
        std::printf("Memory, %s on %s (%zu train, %zu test images):\n  peak RSS %.0f MB (target %d MB), %.0f s, "
                    "exit code %d\n",
                    m["job"].get<std::string>().c_str(), m["category"].get<std::string>().c_str(),
                    m["train_images"].get<std::size_t>(), m["test_images"].get<std::size_t>(),
                    m["peak_rss_mb"].get<double>(), m["target_mb"].get<int>(), m["seconds"].get<double>(),
                    m["exit_code"].get<int>());
    }
    if (out.contains("inspect")) {
        const auto &in = out["inspect"];
        std::printf("Inspection (%d px synthetic images, lot of %zu, MobileNetV2):\n  read + SHA-256 + decode %.1f ms/image (1 core)\n",
                    in["image_size_px"].get<int>(), in["lot_images"].get<std::size_t>(),
                    in["read_hash_decode_ms_per_image_1core"].get<double>());
        for (const char *name : {"without_foreground", "with_foreground"}) {
            const auto &b = in[name];
            std::printf("  %s%s:\n    batch lot %.1f images/s (%.1f without maps), median %.0f ms/image\n", name,
                        b["segmenter"].get<std::string>().empty() ? "" : (" (" + b["segmenter"].get<std::string>() + ")").c_str(),
                        b["batch"]["images_per_s"].get<double>(), b["batch_no_maps"]["images_per_s"].get<double>(),
                        b["batch"]["ms_per_image_median"].get<double>());
            if (b.contains("watch_1_per_s"))
                std::printf("    watch at 1 image/s: latency p50 %.0f ms, p95 %.0f ms, max %.0f ms (%zu images%s)\n",
                            b["watch_1_per_s"]["latency_ms_p50"].get<double>(), b["watch_1_per_s"]["latency_ms_p95"].get<double>(),
                            b["watch_1_per_s"]["latency_ms_max"].get<double>(), b["watch_1_per_s"]["images"].get<std::size_t>(),
                            b["watch_1_per_s"]["inotify"].get<bool>() ? ", inotify" : ", polling");
        }
    }
    if (!out.contains("backbones"))
        return 0;
    std::cout << "category " << out["category"].get<std::string>() << " (" << out["train_images"].get<std::size_t>()
              << " train, " << out["test_images"].get<std::size_t>() << " test)\n";
    for (const auto &[name, b] : out["backbones"].items()) {
        std::printf("%s:\n  backbone %.2f images/s\n  training (%s preset) %d steps in %.1f s (%.2f steps/s, %.0f patch rows/s)\n"
                    "  scoring %.1f images/s (image scores), %.1f s with maps + pixel metrics\n"
                    "  fast preset, features + training + evaluation: %.1f s\n"
                    "  sigma change -> ROC (refit %d steps + rescore): %.1f s (image / pixel AUROC %.4f / %.4f)\n"
                    "  sigma change, full retrain + rescore: %.1f s (image / pixel AUROC %.4f / %.4f)\n"
                    "  inference time / backbone time: %.2f\n  peak RSS %.0f MB\n",
                    name.c_str(), b["backbone_images_per_s"].get<double>(), b["preset"].get<std::string>().c_str(),
                    b["train_steps"].get<int>(), b["train_s"].get<double>(), b["train_steps_per_s"].get<double>(),
                    b["train_patch_rows_per_s"].get<double>(), b["score_images_per_s"].get<double>(),
                    b["score_with_maps_and_pixel_metrics_s"].get<double>(), b["fast_preset_train_eval_s"].get<double>(),
                    b["refit_steps"].get<int>(), b["sigma_change_to_roc_s"].get<double>(),
                    b["sigma_change_image_auroc"].get<double>(), b["sigma_change_pixel_auroc"].get<double>(),
                    b["full_retrain_new_sigma_and_rescore_s"].get<double>(), b["full_retrain_image_auroc"].get<double>(),
                    b["full_retrain_pixel_auroc"].get<double>(), b["inference_vs_backbone"].get<double>(),
                    b["peak_rss_mb"].get<double>());
    }
    return 0;
}

// Classical foreground extraction on 512-px synthetic object images: seconds per image on one core
// (border-colour and learnt), composites per second on all cores (composite + learnt extraction), and
// how well the learnt extractor finds the clean silhouette again on each composite.
nlohmann::json benchForeground(int threads)
{
    const std::filesystem::path tmp = std::filesystem::temp_directory_path() / ("sam2sim-bench-fg-" + std::to_string(::getpid()));
    SynthOptions o;
    o.out = tmp;
    o.categories = {"nut"};
    o.size = 512;
    o.trainCount = 40;
    o.testGoodCount = 12;
    o.testDefectCount = 12;
    generateSynthDataset(o);
    const Category category = scanDataset(tmp).categories.at(0);
    std::vector<cv::Mat> train, trainMasks, test;
    for (const auto &r : category.train)
        train.push_back(readImageRgb(r.image));
    for (const auto &r : category.test)
        test.push_back(readImageRgb(r.image));
    std::filesystem::remove_all(tmp);
    ClassicalSegmenter border(ClassicalSegmenter::Background::Plain);
    const int previous = cv::getNumThreads();
    cv::setNumThreads(1); // one core: OpenCV's own parallel loops off
    double t0 = now();
    for (const auto &image : train)
        trainMasks.push_back(border.segment(image).mask);
    const double borderS = (now() - t0) / static_cast<double>(train.size());
    t0 = now();
    auto model = std::make_shared<const ForegroundModel>(ForegroundModel::fit(train, trainMasks));
    const double fitS = now() - t0;
    LearnedSegmenter learnt(model);
    std::vector<cv::Mat> clean;
    t0 = now();
    for (const auto &image : test)
        clean.push_back(learnt.segment(image).mask);
    const double learntS = (now() - t0) / static_cast<double>(test.size());
    cv::setNumThreads(previous);
    // All cores: each worker composites and extracts its share of images (as the pipeline does).
    const auto source = makeBackgroundSource("all");
    std::vector<double> iou(test.size());
    std::atomic<std::size_t> next{0};
    t0 = now();
    std::vector<std::thread> workers;
    for (int w = 0; w < std::max(1, threads); ++w)
        workers.emplace_back([&] {
            LearnedSegmenter own(model);
            for (std::size_t i = next++; i < test.size(); i = next++) {
                const cv::Mat onNew = composite(test[i], clean[i], source->generate(test[i].size(), i));
                iou[i] = maskIou(own.segment(onNew).mask, clean[i]);
            }
        });
    for (auto &w : workers)
        w.join();
    const double parallelS = now() - t0;
    double sum = 0.0;
    for (const double v : iou)
        sum += v;
    return {{"image_px", 512},
            {"border_s_per_image_1core", borderS},
            {"learnt_s_per_image_1core", learntS},
            {"fit_s", fitS},
            {"train_images", train.size()},
            {"composite_and_extract_images_per_s", static_cast<double>(test.size()) / parallelS},
            {"threads", threads},
            {"composite_mask_iou", sum / static_cast<double>(test.size())}};
}

// Peak memory of the per-family comparison (what the studio's "Compare per background family" runs):
// `table1 --per-family` on one category, in a child process so that its high-water mark is its own.
// Without --data, a category of MVTec bottle's size (209 train, 83 test images at 512 px).
nlohmann::json benchMemory(const Args &args, int threads)
{
    std::filesystem::path data = args.valueOr("data", "");
    const std::filesystem::path tmp
        = std::filesystem::temp_directory_path() / ("sam2sim-bench-memory-" + std::to_string(::getpid()));
    std::filesystem::create_directories(tmp);
    const int size = args.intOr("size", 512);
    if (data.empty()) {
        SynthOptions o;
        o.out = data = tmp / "data";
        o.categories = {"nut"};
        o.size = size;
        o.trainCount = args.intOr("train", 209);
        o.testGoodCount = 23;
        o.testDefectCount = std::max(1, (args.intOr("test", 83) - o.testGoodCount) / 3);
        generateSynthDataset(o);
    }
    const Dataset dataset = scanDataset(data);
    if (dataset.categories.empty())
        throw Error(data.string() + ": no category to benchmark");
    const Category &category = dataset.categories.front();
    std::vector<std::string> command{"table1", "--data", data.string(), "--categories", category.name, "--out",
                                     (tmp / "table1").string(), "--per-family", "--quiet", "--threads",
                                     std::to_string(threads)};
    if (const auto backbone = args.value("backbone"))
        command.insert(command.end(), {"--backbone", splitList(*backbone).front()});
    const ChildRun run = runSelf(command);
    std::filesystem::remove_all(tmp);
    return {{"job", "table1 --per-family (one category)"},
            {"category", category.name},
            {"train_images", category.train.size()},
            {"test_images", category.test.size()},
            {"image_size_px", args.has("data") ? nlohmann::json(nullptr) : nlohmann::json(size)},
            {"exit_code", run.exitCode},
            {"seconds", run.seconds},
            {"peak_rss_mb", run.peakRssMb},
            {"target_mb", 6144}};
}

int runBench(const std::vector<std::string> &argv)
{
    const Args args("bench", argv, {"backbone", "backbone-weights", "data", "train", "test", "epochs", "threads", "size", "parts",
                     "sam2-weights", "lot", "watch-images"},
                    {"json"});
    args.expectNoPositionals();
    const int threads = configureThreads(threadsOption(args, "bench", 0));
    const std::vector<std::string> parts = splitList(args.valueOr("parts", "sam2,simplenet"));
    for (const std::string &p : parts)
        if (p != "sam2" && p != "simplenet" && p != "foreground" && p != "memory" && p != "inspect")
            throw Error("bench: unknown part '" + p + "' (expected sam2, simplenet, foreground, memory, inspect)");
    const auto wants = [&](const std::string &p) { return std::find(parts.begin(), parts.end(), p) != parts.end(); };
    nlohmann::json out;
    out["blas"] = blasName();
    out["threads"] = threads;
    // SAM 2 first: its peak memory is read before the SimpleNet stages raise the process's high-water mark.
    if (wants("sam2")) {
        const std::filesystem::path weights = args.valueOr("sam2-weights", "");
        if (!weights.empty() && !std::filesystem::is_regular_file(weights))
            throw Error(weights.string() + ": no such file");
        const Sam2BenchResult r = benchSam2(weights, 3);
        out["sam2"] = {{"model", r.model},
                       {"weights", weights.empty() ? "random (seeded; cost does not depend on the values)" : weights.string()},
                       {"encoder_s_per_image", r.encoderSeconds},
                       {"decoder_ms_per_prompt", r.decoderMs},
                       {"peak_rss_mb", r.peakRssMb}};
    }
    if (wants("foreground"))
        out["foreground"] = benchForeground(threads);
    if (wants("memory"))
        out["memory"] = benchMemory(args, threads);
    if (wants("inspect"))
        out["inspect"] = benchInspect(threads, args.intOr("lot", 120), args.intOr("watch-images", 12));
    if (!wants("simplenet"))
        return printBench(out, args.flag("json"));
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

    out["category"] = category.name;
    out["train_images"] = category.train.size();
    out["test_images"] = category.test.size();
    const std::string names = args.valueOr("backbone", "mobilenet_v2,wide_resnet50_2");
    for (const std::string &backbone : splitList(names)) {
        RunConfig c = presetConfig("fast");
        c.foreground = false; // SimpleNet's own cost, as measured before the presets removed backgrounds
        c.dataRoot = dataset.root;
        c.category = category.name;
        c.backbone = backbone;
        c.backboneWeights = backbone == "mobilenet_v2" ? args.valueOr("backbone-weights", "") : "";
        c.threads = threads;
        if (args.has("epochs")) {
            c.metaEpochs = args.intOr("epochs", 1);
            c.ganEpochs = 1;
            c.minSteps = 0;
        }
        TrainingSession session(category, c);
        const auto metric = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
        nlohmann::json b;
        b["preset"] = c.preset;
        double t0 = now();
        session.extractFeatures({}, {});
        const double features = now() - t0;
        const double images = static_cast<double>(category.train.size() + category.test.size());
        b["backbone_images_per_s"] = images / features;
        t0 = now();
        session.train({}, {});
        const double training = now() - t0;
        const int steps = c.effectiveSteps(category.train.size());
        const double rowsPerStep = 8.0 * std::round(c.patchFraction * 1296.0);
        b["train_epochs"] = session.lastTraining().epochs;
        b["train_steps"] = steps;
        b["train_s"] = training;
        b["train_steps_per_s"] = steps / training;
        b["train_patch_rows_per_s"] = steps * rowsPerStep * 2 / training; // true + fake rows through D per second
        EvalOptions imageOnly;
        imageOnly.computeMaps = false;
        t0 = now();
        session.evaluate(imageOnly, {}, {});
        const double scoring = now() - t0;
        b["score_images_per_s"] = category.test.size() / scoring;
        t0 = now();
        session.evaluate({}, {}, {});
        const double withMaps = now() - t0;
        b["score_with_maps_and_pixel_metrics_s"] = withMaps;
        b["fast_preset_train_eval_s"] = features + training + withMaps;
        // A new sigma (auto -> 0.5x): the heads refitted from the current ones on cached features, then
        // the test set rescored with maps and pixel metrics - what the studio does on a sigma change.
        RunConfig sigma = c;
        sigma.noiseSigma = NoiseSigma::relative(0.5);
        session.setConfig(sigma);
        const TrainingSession::SavedHeads before = session.saveHeads();
        t0 = now();
        session.train({}, {}, TrainMode::Refit);
        Evaluation ev = session.evaluate({}, {}, {});
        b["sigma_change_to_roc_s"] = now() - t0;
        b["refit_steps"] = c.refitSteps;
        b["sigma_change_image_auroc"] = metric(ev.metrics.imageAuroc);
        b["sigma_change_pixel_auroc"] = metric(ev.metrics.pixelAuroc);
        // The same sigma trained from scratch with the full schedule, for time and accuracy.
        session.restoreHeads(before);
        session.setConfig(sigma);
        t0 = now();
        session.train({}, {});
        ev = session.evaluate({}, {}, {});
        b["full_retrain_new_sigma_and_rescore_s"] = now() - t0;
        b["full_retrain_image_auroc"] = metric(ev.metrics.imageAuroc);
        b["full_retrain_pixel_auroc"] = metric(ev.metrics.pixelAuroc);
        b["inference_vs_backbone"] = (features / images + scoring / category.test.size()) / (features / images);
        b["peak_rss_mb"] = peakRssMb();
        out["backbones"][backbone] = b;
    }
    if (!tmp.empty())
        std::filesystem::remove_all(tmp);
    return printBench(out, args.flag("json"));
}

const CommandRegistration registration{{
    "bench",
    "per-stage throughput (SAM 2 encoder/decoder, backbone, training, scoring, sigma retrain, memory)",
    "Usage: sam2sim bench [--json] [--backbone mobilenet_v2,wide_resnet50_2] [--backbone-weights W]\n"
    "                     [--data DIR] [--train 200] [--test 100] [--epochs 1] [--threads N]\n"
    "                     [--parts sam2,simplenet,foreground,memory,inspect] [--sam2-weights sam2.1_hiera_tiny.pt]\n"
    "                     [--lot 120] [--watch-images 12]\n"
    "--parts inspect: a batch lot's images/s without and with foreground extraction (640 px synthetic\n"
    "images, bundled MobileNetV2) and a watched folder's latency at one image per second.\n"
    "Without --data, generates an MVTec-sized synthetic category in a temporary folder. Without\n"
    "--sam2-weights, SAM 2.1 tiny runs on seeded random weights (same cost as the real ones).\n"
    "memory (not run by default, minutes): peak RSS of `table1 --per-family` on one category in a child\n"
    "process; without --data a 209-train / 83-test category at --size (default 512) px.",
    &runBench,
}};

} // namespace
} // namespace s2s::cli
