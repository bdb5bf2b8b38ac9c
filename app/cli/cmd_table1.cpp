// sam2sim table1: the Sam2Sim paper's three-column protocol over a dataset.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/input_checks.h"
#include "app/cli/run_options.h"

#include "engine/core/atomic_file.h"
#include "engine/core/folder_transaction.h"
#include "engine/pipeline/table1.h"

#include <algorithm>
#include <iostream>

namespace s2s::cli {
namespace {

int runTable1Command(const std::vector<std::string> &argv)
{
    const Args args("table1", argv,
                    {"data", "categories", "out", "backbone", "backbone-weights", "preset", "epochs", "seed", "segmenter",
                     "sam2-weights", "source", "background-seed", "threads", "noise-sigma", "batch-size", "fill", "patch-fraction"},
                    {"quiet", "strict"});
    Table1Options o;
    o.base = presetConfig(args.valueOr("preset", "fast"));
    applyTrainingOptions(args, o.base);
    if (const auto list = args.value("categories"))
        o.categories = splitList(*list);
    o.backgroundSource = args.valueOr("source", "all");
    o.seed = args.u64Or("background-seed", 1);
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
    const auto rows = runTable1(args.required("data"), o, out,
                                [&](const ProgressEvent &e) {
                                    if (!args.flag("quiet") && e.done < e.total)
                                        std::cerr << "table1: category " << (e.done + 1) << "/" << e.total << " " << e.message
                                                  << "\n";
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
    "                      [--source FAMILY|DIR|all] [--background-seed N] [--threads N] [--strict]\n"
    "Skipped input files are named on stderr and listed in table1.json; --strict makes them an error.",
    &runTable1Command,
}};

} // namespace
} // namespace s2s::cli
