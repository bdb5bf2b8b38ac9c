// sam2sim table1: the Sam2Sim paper's three-column protocol over a dataset.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/input_checks.h"
#include "app/cli/run_options.h"

#include "engine/core/atomic_file.h"
#include "engine/core/folder_transaction.h"
#include "engine/pipeline/table1.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>

namespace s2s::cli {
namespace {

// One line per phase of a category (features, training, segmentation, compositing, scoring) when it
// ends, with its count and time, and a line with an ETA while a long phase runs (every 20 s). Phases
// may interleave (images are prepared and embedded in chunks); each is timed on its own.
class PhasePrinter
{
public:
    void onEvent(const ProgressEvent &e)
    {
        using Clock = std::chrono::steady_clock;
        const auto now = Clock::now();
        if (e.stage == "table1") {
            m_phases.clear();
            if (e.done < e.total) {
                m_category = e.message;
                m_categoryStart = now;
                std::fprintf(stderr, "table1: category %lld/%lld %s\n", static_cast<long long>(e.done + 1),
                             static_cast<long long>(e.total), m_category.c_str());
            }
            return;
        }
        if (e.stage == "pixel metrics" || e.stage == "part" || e.total <= 0)
            return; // part of scoring, or the overall count of parts
        const std::string phase = e.stage == "score" ? "scoring" : e.stage;
        auto it = m_phases.find(phase);
        if (it == m_phases.end() || e.done < it->second.done)
            it = m_phases.insert_or_assign(phase, Phase{now, now, 0}).first;
        Phase &p = it->second;
        p.done = e.done;
        const double elapsed = std::chrono::duration<double>(now - p.start).count();
        if (e.done >= e.total) {
            std::fprintf(stderr, "table1:   %-30s %lld/%lld in %.1f s  (%s: %.0f s so far)\n", phase.c_str(),
                         static_cast<long long>(e.done), static_cast<long long>(e.total), elapsed, m_category.c_str(),
                         std::chrono::duration<double>(now - m_categoryStart).count());
            m_phases.erase(it);
        } else if (e.done > 0 && std::chrono::duration<double>(now - p.lastLine).count() >= 20.0) {
            const double eta = elapsed / static_cast<double>(e.done) * static_cast<double>(e.total - e.done);
            std::fprintf(stderr, "table1:   %s %lld/%lld  elapsed %.0f s  eta %.0f s\n", phase.c_str(),
                         static_cast<long long>(e.done), static_cast<long long>(e.total), elapsed, eta);
            p.lastLine = now;
        }
    }

private:
    struct Phase
    {
        std::chrono::steady_clock::time_point start, lastLine;
        std::int64_t done = 0;
    };
    std::map<std::string, Phase> m_phases;
    std::string m_category;
    std::chrono::steady_clock::time_point m_categoryStart;
};

int runTable1Command(const std::vector<std::string> &argv)
{
    const Args args("table1", argv,
                    {"data", "categories", "out", "backbone", "backbone-weights", "preset", "epochs", "seed", "segmenter",
                     "sam2-weights", "source", "background-seed", "threads", "noise-sigma", "batch-size", "fill", "patch-fraction"},
                    {"quiet", "strict", "per-family"});
    args.expectNoPositionals();
    Table1Options o;
    o.base = presetConfig(args.valueOr("preset", "fast"));
    applyTrainingOptions(args, o.base);
    if (const auto list = args.value("categories"))
        o.categories = splitList(*list);
    o.backgroundSource = args.valueOr("source", "all");
    o.seed = args.u64Or("background-seed", 1);
    o.perFamily = args.flag("per-family");
    const std::filesystem::path out = args.required("out");
    checkUtf8Path(out, "--out");
    checkUtf8Path(args.required("data"), "--data");
    // --out is checked and locked before the first category trains (its tables are rewritten after each).
    checkFolderTarget(out, "--out");
    std::error_code ec;
    // Its tables are rewritten in the folder: an existing one may hold an earlier table1's files only (not a
    // dataset, a run or a user's folder whose files would be overwritten or mixed with ours).
    if (std::filesystem::is_directory(out, ec))
        requireOnlyEntries(out, {"table1.csv", "table1_families.csv", "table1.md", "table1.json"}, "a table1 output");
    std::filesystem::create_directories(out, ec);
    if (ec)
        throw Error(out.string() + ": cannot create folder (--out): " + ec.message());
    const FolderLock lock(out);
    const Dataset dataset = scanDataset(args.required("data")); // bad input fails before any warning
    if (dataset.categories.empty())
        throw Error(args.required("data") + ": no usable categories");
    std::vector<ScanIssue> skipped = dataset.issues;
    for (const auto &c : dataset.categories)
        if (o.categories.empty() || std::find(o.categories.begin(), o.categories.end(), c.name) != o.categories.end())
            skipped.insert(skipped.end(), c.issues.begin(), c.issues.end());
    reportSkipped("table1", skipped, args.flag("strict"));
    warnIfNotPretrained(o.base, "table1");
    PhasePrinter printer;
    const auto rows = runTable1(args.required("data"), o, out,
                                [&](const ProgressEvent &e) {
                                    if (!args.flag("quiet"))
                                        printer.onEvent(e);
                                },
                                CancelToken());
    std::cout << readFile(out / "table1.md") << "\nWritten: " << (out / "table1.csv").string() << ", "
              << (out / "table1.json").string() << ", " << (out / "table1.md").string() << "\n";
    return rows.empty() ? 1 : 0;
}

const CommandRegistration registration{{
    "table1",
    "run the paper's static / dynamic / Sam2Sim protocol (CSV, JSON, Markdown)",
    "Usage: sam2sim table1 --data DIR --out DIR [--categories LIST] [--backbone NAME] [--backbone-weights W]\n"
    "                      [--preset fast|paper] [--epochs N] [--seed N] [--segmenter classical|sam2|auto]\n"
    "                      [--source FAMILY|DIR|all] [--background-seed N] [--threads N] [--strict] [--per-family]\n"
    "--per-family also evaluates dynamic and Sam2Sim on each procedural background family (bar chart in\n"
    "table1.md, rows in table1_families.csv and table1.json). Mask IoU: composite mask vs clean-image mask.\n"
    "Skipped input files are named on stderr and listed in table1.json; --strict makes them an error.",
    &runTable1Command,
}};

} // namespace
} // namespace s2s::cli
