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

namespace s2s::cli {
namespace {

// One line per phase of a category (features, training, segmentation, compositing, scoring) when it
// ends, with its count and time, and a line with an ETA while a long phase runs (every 20 s).
class PhasePrinter
{
public:
    void onEvent(const ProgressEvent &e)
    {
        using Clock = std::chrono::steady_clock;
        const auto now = Clock::now();
        if (e.stage == "table1") {
            finish(now);
            if (e.done < e.total) {
                m_category = e.message;
                m_categoryIndex = "category " + std::to_string(e.done + 1) + "/" + std::to_string(e.total);
                m_categoryStart = now;
                std::fprintf(stderr, "table1: %s %s\n", m_categoryIndex.c_str(), m_category.c_str());
            }
            return;
        }
        if (e.stage == "pixel metrics")
            return; // part of scoring
        const std::string phase = phaseOf(e.stage);
        if (phase != m_phase || e.done < m_done) {
            finish(now);
            m_phase = phase;
            m_start = m_lastLine = now;
        }
        m_stage = phase;
        m_done = e.done;
        m_total = e.total;
        const double elapsed = std::chrono::duration<double>(now - m_start).count();
        if (e.done > 0 && e.done < e.total && std::chrono::duration<double>(now - m_lastLine).count() >= 20.0) {
            const double eta = elapsed / static_cast<double>(e.done) * static_cast<double>(e.total - e.done);
            std::fprintf(stderr, "table1:   %s %lld/%lld  elapsed %.0f s  eta %.0f s\n", m_stage.c_str(),
                         static_cast<long long>(e.done), static_cast<long long>(e.total), elapsed, eta);
            m_lastLine = now;
        }
        if (e.done == e.total)
            finish(now);
    }

private:
    static std::string phaseOf(const std::string &stage)
    {
        if (stage.rfind("features", 0) == 0)
            return stage;
        if (stage == "score")
            return "scoring";
        return stage; // training, segmentation, compositing, foreground model
    }

    void finish(std::chrono::steady_clock::time_point now)
    {
        if (m_phase.empty())
            return;
        const double elapsed = std::chrono::duration<double>(now - m_start).count();
        const double total = std::chrono::duration<double>(now - m_categoryStart).count();
        std::fprintf(stderr, "table1:   %-30s %lld/%lld in %.1f s  (%s: %.0f s so far)\n", m_stage.c_str(),
                     static_cast<long long>(m_done), static_cast<long long>(m_total), elapsed, m_category.c_str(), total);
        m_phase.clear();
    }

    std::string m_category, m_categoryIndex, m_phase, m_stage;
    std::int64_t m_done = 0, m_total = 0;
    std::chrono::steady_clock::time_point m_start, m_lastLine, m_categoryStart;
};

int runTable1Command(const std::vector<std::string> &argv)
{
    const Args args("table1", argv,
                    {"data", "categories", "out", "backbone", "backbone-weights", "preset", "epochs", "seed", "segmenter",
                     "sam2-weights", "source", "background-seed", "threads", "noise-sigma", "batch-size", "fill", "patch-fraction"},
                    {"quiet", "strict", "per-family"});
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
