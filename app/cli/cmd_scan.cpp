// sam2sim scan: what a dataset folder holds, and what the scanner skipped and why.
#include "app/cli/args.h"
#include "app/cli/command.h"

#include "engine/data/dataset.h"
#include "engine/pipeline/routing.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <map>

namespace s2s::cli {
namespace {

nlohmann::json issuesJson(const std::vector<ScanIssue> &issues)
{
    auto out = nlohmann::json::array();
    for (const auto &i : issues)
        out.push_back({{"path", i.path.string()}, {"message", i.message}});
    return out;
}

int runScan(const std::vector<std::string> &argv)
{
    const Args args("scan", argv, {}, {"json", "strict"});
    if (args.positionals().size() != 1)
        throw Error("scan: expected exactly one dataset folder (see sam2sim scan --help)");
    const Dataset dataset = scanDataset(args.positionals().front(),
                                        args.flag("strict") ? ScanMode::Strict : ScanMode::Lenient);
    if (args.flag("json")) {
        nlohmann::json out;
        out["root"] = dataset.root.string();
        out["issues"] = issuesJson(dataset.issues);
        out["categories"] = nlohmann::json::array();
        for (const auto &c : dataset.categories) {
            std::map<std::string, int> perDefect;
            for (const auto &r : c.test)
                ++perDefect[r.defectType];
            out["categories"].push_back({{"name", c.name},
                                         {"root", c.root.string()},
                                         {"kind", std::string(toString(c.kind))},
                                         {"kind_known", c.kindKnown},
                                         {"keeps_background", c.keepsBackground},
                                         {"train", c.train.size()},
                                         {"test", c.test.size()},
                                         {"test_per_defect", perDefect},
                                         {"defects_without_masks", defectsWithoutMask(c)},
                                         {"issues", issuesJson(c.issues)}});
        }
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n"; // non-UTF-8 names
        return 0;
    }
    std::cout << "Dataset " << dataset.root.string() << ": " << dataset.categories.size() << " categories\n";
    for (const auto &c : dataset.categories) {
        std::map<std::string, int> perDefect;
        for (const auto &r : c.test)
            ++perDefect[r.defectType];
        const int noMask = defectsWithoutMask(c);
        std::cout << "  " << c.name << " (" << toString(c.kind) << (c.kindKnown ? "" : ", kind not known: default")
                  << (c.keepsBackground ? ", keeps background" : "") << "): train " << c.train.size()
                  << ", test " << c.test.size() << " [";
        bool first = true;
        for (const auto &[defect, n] : perDefect) {
            std::cout << (first ? "" : ", ") << defect << " " << n;
            first = false;
        }
        std::cout << "]\n";
        if (noMask > 0)
            std::cout << "    " << noMask << " defect images without a mask: image-level labels (image metrics only)\n";
        if (!c.kindKnown)
            std::cout << "    " << inferCategoryKind(c).reason << "\n";
        for (const auto &i : c.issues)
            std::cout << "    skipped " << i.path.string() << ": " << i.message << "\n";
    }
    for (const auto &i : dataset.issues)
        std::cout << "  skipped " << i.path.string() << ": " << i.message << "\n";
    return 0;
}

const CommandRegistration registration{{
    "scan",
    "list what a dataset holds and what was skipped",
    "Usage: sam2sim scan DIR [--json] [--strict]\n"
    "DIR is an MVTec-AD-style root of categories, or one category folder. --strict fails on the first\n"
    "problem instead of skipping and listing it.",
    &runScan,
}};

} // namespace
} // namespace s2s::cli
