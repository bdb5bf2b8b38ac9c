#include "app/cli/bench_inspect.h"

#include "engine/inspect/lot_writer.h"

#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/data/synth_generator.h"
#include "engine/inspect/folder_watch.h"
#include "engine/inspect/inspector.h"
#include "engine/io/image_io.h"
#include "engine/io/sha256.h"
#include "engine/pipeline/training_session.h"
#include "engine/weights/weights_catalog.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

namespace s2s::cli {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// A small, quickly trained run of the category (the figures measure inspection, not accuracy).
fs::path trainRun(const Category &category, const fs::path &dir, bool foreground, int threads)
{
    RunConfig c = presetConfig("fast");
    c.dataRoot = category.root.parent_path();
    c.category = category.name;
    const BackboneChoice choice = resolveBackbone("mobilenet_v2", "");
    c.backbone = choice.backbone;
    c.backboneWeights = choice.weights.path;
    c.metaEpochs = 2;
    c.ganEpochs = 1;
    c.minSteps = 0;
    c.threads = threads;
    c.foreground = foreground;
    c.segmenter = "classical";
    TrainingSession session(category, c);
    session.extractFeatures({}, {});
    session.train({}, {});
    EvalOptions options;
    options.computeMaps = false;
    const Evaluation ev = session.evaluate(options, {}, {});
    session.saveRun(dir, ev);
    return dir;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::min<double>(static_cast<double>(v.size() - 1), p * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

nlohmann::json lotFigures(Inspector &inspector, const std::vector<fs::path> &images, bool maps)
{
    inspector.setKeepMaps(maps);
    std::vector<double> ms;
    const LotStats stats = inspector.inspectLot(images, [&](InspectResult &&r) {
        if (!r.ok())
            throw Error(r.error);
        ms.push_back(r.milliseconds);
    });
    return {{"images", stats.inspected},
            {"seconds", stats.seconds},
            {"images_per_s", static_cast<double>(stats.inspected) / stats.seconds},
            {"ms_per_image_median", percentile(ms, 0.5)}};
}

// Files arrive at 1/s (written under a temporary name, then renamed: the moment they are complete);
// latency is from the rename to the row flushed in verdicts.csv by the same code as `inspect --watch`.
nlohmann::json watchFigures(Inspector &inspector, const std::vector<fs::path> &images, const fs::path &tmp, int count)
{
    const fs::path in = tmp / "watch-in", out = tmp / "watch-out";
    fs::create_directories(in);
    fs::create_directories(out);
    inspector.setKeepMaps(true);
    std::mutex mutex;
    std::map<std::string, Clock::time_point> arrived;
    std::thread writer([&] {
        for (int i = 0; i < count; ++i) {
            std::this_thread::sleep_for(std::chrono::seconds(1));
            const fs::path source = images[static_cast<std::size_t>(i) % images.size()];
            const std::string name = "img" + std::to_string(i) + source.extension().string();
            fs::copy_file(source, in / (name + ".part"));
            fs::rename(in / (name + ".part"), in / name);
            const std::lock_guard<std::mutex> lock(mutex);
            arrived[name] = Clock::now();
        }
    });
    FolderWatch watch(in, {});
    LotWriter lot(out, "ng", LotTally(inspector.runId(), inspector.run().dir, inspector.threshold(), "watch"), true, 0,
                  false);
    std::vector<double> latencies;
    CancelToken cancel;
    while (static_cast<int>(latencies.size()) < count) {
        const FolderWatch::Event e = watch.next(cancel, 10.0);
        if (e.kind == FolderWatch::Event::Kind::Idle)
            break;
        if (e.kind != FolderWatch::Event::Kind::Ready)
            continue;
        const InspectResult r = inspector.inspect(e.path, e.bytes);
        lot.add(r, inspector);
        const auto done = Clock::now();
        const std::lock_guard<std::mutex> lock(mutex);
        latencies.push_back(std::chrono::duration<double, std::milli>(done - arrived.at(e.path.filename().string())).count());
    }
    writer.join();
    return {{"images", latencies.size()},
            {"inotify", watch.usesInotify()},
            {"latency_ms_p50", percentile(latencies, 0.5)},
            {"latency_ms_p95", percentile(latencies, 0.95)},
            {"latency_ms_max", percentile(latencies, 1.0)}};
}

} // namespace

nlohmann::json benchInspect(int threads, int lotImages, int watchImages)
{
    const fs::path tmp = fs::temp_directory_path() / ("sam2sim-bench-inspect-" + std::to_string(::getpid()));
    SynthOptions o;
    o.out = tmp / "data";
    o.categories = {"nut"};
    o.size = 640;
    o.trainCount = 24;
    o.testGoodCount = std::max(1, lotImages * 3 / 4);
    o.testDefectCount = std::max(1, lotImages / 16);
    generateSynthDataset(o);
    const Category category = scanDataset(o.out).categories.at(0);
    std::vector<fs::path> images;
    for (const ImageRecord &r : category.test)
        images.push_back(r.image);
    if (static_cast<int>(images.size()) > lotImages)
        images.resize(static_cast<std::size_t>(lotImages));

    nlohmann::json out;
    out["image_size_px"] = o.size;
    out["lot_images"] = images.size();
    // Reading alone (bytes, SHA-256, PNG decode): the floor under any inspection.
    auto t0 = Clock::now();
    for (const fs::path &p : images) {
        const std::string bytes = readImageBytes(p);
        sha256Bytes(bytes);
        decodeImageRgb(bytes, p);
    }
    out["read_hash_decode_ms_per_image_1core"] = secondsSince(t0) * 1000.0 / static_cast<double>(images.size());
    for (const bool foreground : {false, true}) {
        const std::string name = foreground ? "with_foreground" : "without_foreground";
        t0 = Clock::now();
        const fs::path run = trainRun(category, tmp / ("run-" + name), foreground, threads);
        const double trainS = secondsSince(t0);
        t0 = Clock::now();
        Inspector inspector(run, threads);
        nlohmann::json b;
        b["train_s"] = trainS;
        b["load_s"] = secondsSince(t0);
        b["segmenter"] = inspector.segmenterName();
        b["batch"] = lotFigures(inspector, images, true);
        b["batch_no_maps"] = lotFigures(inspector, images, false);
        if (watchImages > 0)
            b["watch_1_per_s"] = watchFigures(inspector, images, tmp / name, watchImages);
        out[name] = b;
    }
    fs::remove_all(tmp);
    return out;
}

} // namespace s2s::cli
