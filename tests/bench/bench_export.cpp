// Throughput of an exported model (torch::jit::load, forward) against the engine's own scorer on
// the same images, with the same threads and batch size: both produce image scores and smoothed
// 288x288 maps. Decoding and preprocessing are done once beforehand and are not timed.
//   bench_export --run RUN [--threads 2] [--batch 8] [--repeat 3]
#include "engine/backbone/backbone.h"
#include "engine/backbone/feature_extractor.h"
#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/export/exported_model.h"
#include "engine/export/model_export.h"
#include "engine/io/checkpoint.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/run_config.h"
#include "engine/pipeline/run_folder.h"
#include "engine/simplenet/scorer.h"
#include "engine/simplenet/simplenet_heads.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string option(int argc, char **argv, const std::string &name, const std::string &fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == "--" + name)
            return argv[i + 1];
    return fallback;
}

} // namespace

int main(int argc, char **argv)
{
    s2s::preferPassiveOpenMpWait(argv);
    try {
        const fs::path run = option(argc, argv, "run", "");
        if (run.empty())
            throw s2s::Error(
                "usage: bench_export --run RUN [--threads 2] [--batch 8] [--repeat 3]");
        const int threads = s2s::configureThreads(std::stoi(option(argc, argv, "threads", "2")));
        const int batch = std::stoi(option(argc, argv, "batch", "8"));
        const int repeat = std::stoi(option(argc, argv, "repeat", "3"));
        const s2s::RunSummary summary = s2s::loadRunSummary(run);
        const s2s::RunConfig &config = summary.config;

        const fs::path out
            = fs::temp_directory_path() / ("sam2sim-bench-export-" + std::to_string(::getpid()));
        double t0 = now();
        const s2s::ExportResult exported = s2s::exportRun(run, out, {});
        const double exportSeconds = now() - t0;
        const double modelMb = static_cast<double>(fs::file_size(exported.model)) / 1e6;
        t0 = now();
        const s2s::ExportedModel model(exported.model);
        const double loadSeconds = now() - t0;

        // The engine's scorer, as the session builds it.
        auto backbone = std::shared_ptr<s2s::Backbone>(s2s::makeBackbone(
            config.backbone, config.backboneWeights, static_cast<unsigned>(config.seed)));
        const s2s::FeatureExtractor extractor(
            backbone, s2s::FeatureGeometry {config.resize, config.imageSize});
        s2s::SimpleNetHeads heads(1536, config.dscHidden, 0);
        heads->loadStateDict(s2s::readCheckpoint(run / "heads.safetensors").tensors, "heads");
        heads->eval();
        const s2s::FusedHeads fused = s2s::FusedHeads::fromHeads(heads);

        c10::InferenceMode guard;
        std::vector<at::Tensor> batches;
        std::size_t images = 0;
        for (std::size_t i = 0; i < summary.scores.size(); i += static_cast<std::size_t>(batch)) {
            std::vector<at::Tensor> inputs;
            for (std::size_t k = i; k < std::min(summary.scores.size(), i + batch); ++k)
                inputs.push_back(extractor.preprocess(s2s::readImageRgb(summary.scores[k].path)));
            images += inputs.size();
            batches.push_back(at::stack(inputs));
        }

        const auto engineScore = [&](const at::Tensor &x) {
            const at::Tensor features = extractor.extract(x);
            const auto h = features.size(2), w = features.size(3);
            float sink = 0.f;
            for (std::int64_t b = 0; b < features.size(0); ++b) {
                const at::Tensor rows
                    = features[b].reshape({features.size(1), h * w}).t().contiguous();
                const at::Tensor grid = s2s::patchScoreGrid(fused, rows, h, w);
                sink += s2s::imageScore(grid) + s2s::pixelMap(grid, config.imageSize).values[0];
            }
            return sink;
        };
        const auto exportedScore = [&](const at::Tensor &x) {
            const auto [scores, maps] = model.forward(x);
            return scores.sum().item<float>() + maps.select(1, 0).select(1, 0).sum().item<float>();
        };
        // Warm-up, then the best of `repeat` passes over the same batches.
        engineScore(batches.front());
        exportedScore(batches.front());
        double engineBest = 1e30, exportedBest = 1e30;
        for (int r = 0; r < repeat; ++r) {
            t0 = now();
            for (const auto &x : batches)
                engineScore(x);
            engineBest = std::min(engineBest, now() - t0);
            t0 = now();
            for (const auto &x : batches)
                exportedScore(x);
            exportedBest = std::min(exportedBest, now() - t0);
        }
        fs::remove_all(out);
        std::printf("backbone %s, %zu images, batch %d, %d threads (%s), best of %d\n",
            config.backbone.c_str(), images, batch, threads, s2s::blasName(), repeat);
        std::printf("export %.2f s, torch::jit::load %.2f s, model.pt %.1f MB\n", exportSeconds,
            loadSeconds, modelMb);
        std::printf("engine scorer   %.2f images/s\n", images / engineBest);
        std::printf("exported module %.2f images/s\n", images / exportedBest);
        std::printf("ratio exported / engine %.3f\n", engineBest / exportedBest);
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_export: %s\n", e.what());
        return 1;
    }
}
