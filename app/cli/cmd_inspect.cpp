// sam2sim inspect: a trained run at work on new images, a lot at a time or as they arrive in a folder.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/headless_app.h"
#include "app/cli/input_checks.h"

#include "engine/core/error.h"
#include "engine/core/folder_transaction.h"
#include "engine/inspect/folder_watch.h"
#include "engine/inspect/inspector.h"
#include "engine/inspect/lot_files.h"
#include "engine/inspect/lot_inputs.h"
#include "engine/inspect/lot_writer.h"
#include "ui/report/lot_report.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <iostream>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

namespace s2s::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char *kUsage =
    "Usage: sam2sim inspect --run RUN --out OUT (--images DIR|FILE... | --watch DIR) [options]\n"
    "Applies a trained run to new, unlabelled images: per image the score, the verdict OK or NG at the\n"
    "run's threshold (NG when score >= threshold), the anomaly map and, when the run removes backgrounds,\n"
    "the foreground mask made by the run's own extractor. Images are prepared and scored exactly as\n"
    "'sam2sim eval' scores the run's test images.\n\n"
    "Writes OUT/verdicts.csv (path,score,verdict,threshold,milliseconds,mask_source,sha256),\n"
    "OUT/lot.json (run_id, threshold, rule, images, ok, ng, ng_rate, images_per_second, skipped) and\n"
    "OUT/maps/*.png (heatmaps over the image). A lot from --images is written as a whole (OUT appears\n"
    "complete or not at all; an earlier lot there is replaced). A watch appends and flushes a row per\n"
    "image as it arrives and rewrites lot.json after each, so a killed watch leaves a whole lot; watching\n"
    "into an earlier watch's OUT continues it (images already there are not inspected again).\n\n"
    "Options:\n"
    "  --run DIR             the run folder (config.json, heads, metrics.json threshold, foreground model)\n"
    "  --out DIR             the lot folder to write\n"
    "  --images DIR|FILE...  images or folders of images (a folder's image files, not its sub-folders)\n"
    "  --watch DIR           inspect image files as they arrive in DIR (and those already there); hidden\n"
    "                        and temporary names (.*, *.tmp, *.part, *~) are ignored, a file is read when\n"
    "                        complete (its size settled and the image decodes in full)\n"
    "  --threshold T         a number, f1 or fpr:X (f1 and fpr recomputed from the run's scores.csv);\n"
    "                        default: the threshold in the run's metrics.json\n"
    "  --maps none|ng|all    which images get a heatmap in OUT/maps (default: ng)\n"
    "  --report LOT.pdf      also write the lot report (summary, NG gallery, OK sample, skipped files)\n"
    "  --idle-exit S         (watch) stop after S seconds without a new file\n"
    "  --corrupt-after S     (watch) a file unchanged for S seconds that still does not decode is skipped\n"
    "                        as corrupt (default 5)\n"
    "  --max-images N        stop after N images\n"
    "  --threads N           worker threads (default: all cores)\n"
    "  --json                print lot.json at the end instead of a summary line\n"
    "  --quiet               no per-image lines (watch)\n"
    "  --strict              an unreadable input is an error (exit 1) instead of a skipped entry\n"
    "Ctrl-C (SIGINT) or SIGTERM finishes the image in flight and closes the lot (exit 130).";

std::atomic<bool> g_stop{false};

void onSignal(int)
{
    g_stop.store(true);
}

// Turns SIGINT/SIGTERM into the job's cancel token (a signal handler may only set a lock-free flag).
class SignalRelay
{
public:
    explicit SignalRelay(const CancelToken &token)
        : m_thread([this, token] {
            while (!m_done.load()) {
                if (g_stop.load()) {
                    token.cancel();
                    return;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        })
    {
        std::signal(SIGINT, &onSignal);
        std::signal(SIGTERM, &onSignal);
    }
    ~SignalRelay()
    {
        m_done.store(true);
        m_thread.join();
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
    }

private:
    std::atomic<bool> m_done{false};
    std::thread m_thread;
};

void printRow(const InspectResult &r)
{
    char line[64];
    std::snprintf(line, sizeof line, "%s  %.6g  %6.1f ms  ", verdictText(r.verdict), static_cast<double>(r.score),
                  r.milliseconds);
    std::cout << line << r.path.string() << std::endl;
}

void printSummary(const LotTally &tally, const fs::path &out, bool json)
{
    if (json) {
        std::cout << tally.json().dump(2) << "\n";
        return;
    }
    char line[256];
    std::snprintf(line, sizeof line, "%zu images: %zu OK, %zu NG (NG rate %.1f %%) at threshold %.6g (%s), %.1f images/s",
                  tally.images(), tally.ok(), tally.ng(), tally.ngRate() * 100.0, tally.threshold().value,
                  tally.threshold().rule.c_str(), tally.imagesPerSecond());
    std::cout << out.string() << ": " << line;
    if (!tally.skipped().empty())
        std::cout << "; " << tally.skipped().size() << " skipped";
    std::cout << "\n";
}

void writeReportIfAsked(const std::optional<std::string> &report, const Inspector &inspector, LotWriter &writer,
                        const fs::path &out)
{
    if (!report)
        return;
    const auto app = makeHeadlessApplication("inspect");
    ui::LotReportInput input{inspector.run(), writer.tally().json(), writer.sample().ngHighestFirst(),
                             writer.sample().ok(), out.filename().string()};
    ui::writeLotReport(input, QString::fromStdString(*report));
}

int runBatch(const Args &args, Inspector &inspector, const fs::path &out, const std::string &maps,
             std::size_t maxImages, bool strict, const std::optional<std::string> &report)
{
    std::vector<std::string> items{args.required("images")};
    for (const std::string &p : args.positionals())
        items.push_back(p);
    std::vector<LotSkip> skipped;
    std::vector<fs::path> images = collectLotImages(items, skipped);
    if (strict && !skipped.empty())
        throw Error(skipped.front().reason + " (--strict)");
    if (maxImages > 0 && images.size() > maxImages)
        images.resize(maxImages);
    // The lot appears whole or not at all; an earlier lot there may be replaced, nothing else.
    BatchLot lot(out, inspector, inspector.threshold(), maps, report.has_value(), lotTimeNow());
    LotWriter &writer = lot.writer();
    for (const LotSkip &s : skipped)
        writer.skip(s.path, s.reason);
    CancelToken cancel;
    SignalRelay relay(cancel);
    const LotStats stats = inspector.inspectLot(images, [&](InspectResult &&r) {
        if (!r.ok()) {
            if (strict)
                throw Error(r.error + " (--strict)");
            std::cerr << "inspect: skipped " << r.error << "\n";
            writer.skip(r.path.string(), r.error);
            return;
        }
        writer.add(r, inspector);
    }, {}, cancel);
    lot.commit(stats, lotTimeNow());
    writeReportIfAsked(report, inspector, writer, out);
    printSummary(writer.tally(), out, args.flag("json"));
    return stats.cancelled ? 130 : 0;
}

int runWatch(const Args &args, Inspector &inspector, const fs::path &out, const std::string &maps,
             std::size_t maxImages, bool strict, const std::optional<std::string> &report)
{
    const fs::path dir = args.required("watch");
    const double idleExit = doubleInRange(args, "idle-exit", 0.0, 0.0, 1e9);
    FolderWatch::Options options;
    options.corruptAfterSeconds = doubleInRange(args, "corrupt-after", 5.0, 0.1, 3600.0);
    std::error_code ec;
    if (samePath(dir, out))
        throw Error(out.string() + ": --out may not be the watched folder");
    if (!out.parent_path().empty())
        fs::create_directories(out.parent_path(), ec);
    FolderLock lock(out); // one writer per lot
    const bool resume = fs::exists(out / "verdicts.csv", ec) && fs::exists(out / "lot.json", ec);
    if (!resume) {
        if (fs::exists(out, ec) && !isEmptyFolder(out))
            throw Error(out.string() + ": not empty and no earlier lot (--out)");
        fs::create_directories(out, ec);
        if (ec)
            throw Error(out.string() + ": cannot create (" + ec.message() + ")");
    }
    FolderWatch watch(dir, options);
    std::vector<std::string> done;
    LotTally tally = resume ? LotTally::resume(out, inspector.runId(), inspector.run().dir, inspector.threshold(), &done)
                            : LotTally(inspector.runId(), inspector.run().dir, inspector.threshold(), "watch");
    for (const std::string &path : done)
        watch.markDone(path);
    for (const LotSkip &s : tally.skipped())
        watch.markDone(s.path);
    const std::size_t rowsBefore = done.size();
    tally.extra["watched"] = dir.string();
    if (!resume)
        tally.extra["started"] = lotTimeNow();
    tally.extra["segmenter"] = inspector.removesBackground() ? nlohmann::json(inspector.segmenterName()) : nlohmann::json(nullptr);
    tally.extra["closed"] = false;
    LotWriter writer(out, maps, std::move(tally), true, rowsBefore, report.has_value());
    writer.writeLotJson();
    const bool quiet = args.flag("quiet") || args.flag("json");
    if (!quiet)
        std::cerr << "inspect: watching " << dir.string() << (watch.usesInotify() ? "" : " (polling)")
                  << (idleExit > 0 ? "; stops after " + QString::number(idleExit).toStdString() + " s without a new file" : std::string())
                  << "; Ctrl-C closes the lot\n";
    CancelToken cancel;
    SignalRelay relay(cancel);
    std::size_t inspected = 0;
    bool interrupted = false;
    while (maxImages == 0 || inspected < maxImages) {
        FolderWatch::Event event = watch.next(cancel, idleExit);
        if (event.kind == FolderWatch::Event::Kind::Stopped) {
            interrupted = true;
            break;
        }
        if (event.kind == FolderWatch::Event::Kind::Idle)
            break;
        if (event.kind == FolderWatch::Event::Kind::Skipped) {
            if (strict)
                throw Error(event.error + " (--strict)");
            std::cerr << "inspect: skipped " << event.error << "\n";
            writer.skip(event.path.string(), event.error);
            continue;
        }
        InspectResult r = inspector.inspect(event.path, event.bytes);
        if (!r.ok()) {
            if (strict)
                throw Error(r.error + " (--strict)");
            std::cerr << "inspect: skipped " << r.error << "\n";
            writer.skip(r.path.string(), r.error);
            continue;
        }
        writer.tally().setInspectionSeconds(writer.tally().inspectionSeconds() + r.milliseconds / 1000.0);
        writer.add(r, inspector);
        ++inspected;
        if (!quiet)
            printRow(r);
    }
    writer.tally().extra["closed"] = true;
    writer.tally().extra["finished"] = lotTimeNow();
    writer.tally().extra["interrupted"] = interrupted;
    writer.writeLotJson();
    writeReportIfAsked(report, inspector, writer, out);
    printSummary(writer.tally(), out, args.flag("json"));
    return interrupted ? 130 : 0;
}

int runInspect(const std::vector<std::string> &argv)
{
    const Args args("inspect", argv,
                    {"run", "out", "images", "watch", "threshold", "report", "maps", "idle-exit", "corrupt-after",
                     "max-images", "threads"},
                    {"json", "strict", "quiet"});
    const fs::path run = args.required("run");
    const fs::path out = args.required("out");
    const bool batch = args.has("images"), watch = args.has("watch");
    if (batch == watch)
        throw Error("give either --images DIR|FILE... or --watch DIR");
    if (!batch && !args.positionals().empty())
        throw Error("unexpected argument '" + args.positionals().front() + "'");
    if (batch && (args.has("idle-exit") || args.has("corrupt-after")))
        throw Error("--idle-exit and --corrupt-after apply to --watch only");
    const std::string maps = args.valueOr("maps", "ng");
    if (maps != "none" && maps != "ng" && maps != "all")
        throw Error("--maps must be none, ng or all, not '" + maps + "'");
    const int maxImages = intInRange(args, "max-images", 0, 0, 1'000'000'000);
    const int threads = threadsOption(args, "inspect", 0);
    checkFolderTarget(out, "--out");
    if (samePath(out, run))
        throw Error(out.string() + ": --out may not be the run folder");
    if (watch && samePath(out, args.required("watch")))
        throw Error(out.string() + ": --out may not be the watched folder (write the lot beside it)");
    const std::optional<std::string> report = args.value("report");
    if (report) {
        checkOutputFile(*report, "--report");
        checkNotRunFile(*report, run, "--report");
        std::vector<std::string> images = args.positionals(); // a folder as --report is refused above
        if (batch)
            images.push_back(args.required("images"));
        for (const std::string &input : images)
            if (samePath(*report, input))
                throw Error(*report + ": is an image given to --images; writing --report would destroy it; "
                                      "choose another output file");
        if (fs::path(*report).lexically_normal().parent_path() == out.lexically_normal() && batch)
            throw Error(*report + ": --report inside a batch --out would be removed with the lot it replaces; write it beside OUT");
    }
    std::error_code ec;
    if (!fs::is_directory(run, ec))
        throw Error(run.string() + ": no such run folder");
    Inspector inspector(run, threads);
    if (const auto threshold = args.value("threshold"))
        inspector.setThreshold(lotThreshold(inspector.run(), *threshold));
    inspector.setKeepMaps(maps != "none" || report.has_value());
    const bool strict = args.flag("strict");
    return batch ? runBatch(args, inspector, out, maps, static_cast<std::size_t>(maxImages), strict, report)
                 : runWatch(args, inspector, out, maps, static_cast<std::size_t>(maxImages), strict, report);
}

const CommandRegistration registration{{
    "inspect",
    "verdicts OK/NG for new images: a lot, or a watched folder",
    kUsage,
    &runInspect,
}};

} // namespace
} // namespace s2s::cli
