// sam2sim weights: which weights files are present, downloads of the official ones, checks.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/core/error.h"
#include "engine/weights/weights_catalog.h"
#include "engine/weights/weights_check.h"
#include "engine/weights/weights_download.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace s2s::cli {
namespace {

std::string sizeText(std::uintmax_t bytes)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / 1e6 << " MB";
    return s.str();
}

std::string statusText(const std::optional<WeightsFile> &found)
{
    if (!found)
        return "missing";
    return (found->origin == WeightsOrigin::Bundled ? "bundled: " : "found at ")
        + found->path.string();
}

WeightsEntry entryNamed(const std::string &name)
{
    if (auto entry = findWeightsEntry(name))
        return *entry;
    std::string names;
    for (const auto &e : weightsCatalog())
        names += (names.empty() ? "" : ", ") + e.name;
    throw Error("weights: unknown name '" + name + "' (known: " + names + ")");
}

int runList(const Args &args)
{
    if (args.flag("json")) {
        auto out = nlohmann::json::array();
        for (const auto &e : weightsCatalog()) {
            const auto found = locateWeights(e);
            std::error_code ec;
            out.push_back({{"name", e.name}, {"description", e.description}, {"file", e.fileName},
                {"url", e.url},
                {"status",
                    !found                                        ? "missing"
                        : found->origin == WeightsOrigin::Bundled ? "bundled"
                                                                  : "found"},
                {"path", found ? nlohmann::json(found->path.string()) : nlohmann::json(nullptr)},
                {"size",
                    found ? nlohmann::json(fs::file_size(found->path, ec))
                          : nlohmann::json(nullptr)}});
        }
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << std::left << std::setw(24) << "NAME" << std::setw(11) << "SIZE"
              << "WHAT / STATUS\n";
    for (const auto &e : weightsCatalog()) {
        const auto found = locateWeights(e);
        std::error_code ec;
        std::cout << std::left << std::setw(24) << e.name << std::setw(11)
                  << (found ? sizeText(fs::file_size(found->path, ec)) : std::string("-"))
                  << e.description << "\n"
                  << std::setw(35) << "" << statusText(found) << "\n";
    }
    std::cout << "Searched: ";
    for (const auto &d : weightsSearchDirs())
        std::cout << d.string() << "  ";
    std::cout << "\nDownloads go to " << userWeightsDir().string()
              << " (sam2sim weights fetch NAME)\n";
    return 0;
}

int runVerify(const Args &args)
{
    if (args.positionals().size() > 2)
        throw Error("weights verify: expected at most one name");
    std::vector<WeightsEntry> entries;
    if (args.positionals().size() == 2)
        entries.push_back(entryNamed(args.positionals()[1]));
    else
        entries = weightsCatalog();
    int failures = 0;
    for (const auto &e : entries) {
        const auto found = locateWeights(e);
        if (!found) {
            std::cout << e.name << ": missing\n";
            if (args.positionals().size() == 2)
                throw Error(
                    e.name + ": not found (" + e.fileName + "); sam2sim weights fetch " + e.name);
            continue;
        }
        try {
            const std::string sha = checkWeightsFile(e, found->path);
            std::cout << e.name << ": OK " << found->path.string() << " (SHA-256 " << sha << ")\n";
        } catch (const Error &error) {
            std::cerr << error.what() << "\n";
            ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}

// Progress on stderr: rewritten in place on a terminal, every 10% otherwise (logs stay short).
class ProgressLine {
public:
    explicit ProgressLine(std::string name)
        : m_name(std::move(name))
        , m_tty(isatty(STDERR_FILENO) != 0)
    {
    }

    bool operator()(std::uint64_t done, std::uint64_t total)
    {
        if (done == 0)
            return true; // nothing to show yet (and nothing for an error page)
        const auto now = std::chrono::steady_clock::now();
        const int decile = total > 0 ? static_cast<int>(10 * done / total) : -1;
        if (m_tty ? now - m_last < std::chrono::milliseconds(200) && done != total
                  : decile == m_decile)
            return true;
        m_last = now;
        m_decile = decile;
        std::fprintf(stderr, "%sweights fetch: %s %s", m_tty ? "\r" : "", m_name.c_str(),
            sizeText(done).c_str());
        if (total > 0)
            std::fprintf(stderr, " of %s (%d%%)", sizeText(total).c_str(),
                static_cast<int>(100 * done / total));
        std::fprintf(stderr, m_tty ? "   " : "\n");
        return true;
    }

    ~ProgressLine()
    {
        if (m_tty && m_decile != -2)
            std::fprintf(stderr, "\n");
    }

private:
    std::string m_name;
    bool m_tty;
    int m_decile = -2;
    std::chrono::steady_clock::time_point m_last {};
};

int runFetch(const Args &args)
{
    if (args.positionals().size() != 2)
        throw Error("weights fetch: expected one name (see sam2sim weights list)");
    const WeightsEntry entry = entryNamed(args.positionals()[1]);
    const fs::path dir = userWeightsDir();
    if (dir.empty())
        throw Error("weights fetch: neither XDG_DATA_HOME nor HOME is set, nowhere to download to");
    const fs::path target = dir / entry.fileName;
    if (fs::exists(target)) {
        const std::string sha = checkWeightsFile(entry, target);
        std::cout << entry.name << ": already present at " << target.string() << " (SHA-256 " << sha
                  << ")\n";
        return 0;
    }
    std::string base = args.valueOr("from", "");
    if (base.empty())
        if (const char *mirror = std::getenv("SAM2SIM_WEIGHTS_MIRROR"))
            base = mirror;
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    DownloadRequest request;
    request.url = base.empty() ? entry.url : base + "/" + entry.fileName;
    request.target = target;
    std::string sha;
    request.verify = [&](const fs::path &part) { sha = checkWeightsFile(entry, part, target); };
    ProgressLine progress(entry.name);
    request.progress
        = [&progress](std::uint64_t done, std::uint64_t total) { return progress(done, total); };
    std::cerr << "weights fetch: " << request.url << " -> " << target.string() << "\n";
    downloadFile(request);
    std::cout << entry.name << ": downloaded to " << target.string() << " (SHA-256 " << sha
              << ", checked)\n";
    return 0;
}

int runWeights(const std::vector<std::string> &argv)
{
    const Args args("weights", argv, {"from"}, {"json"});
    const std::string action = args.positionals().empty() ? "list" : args.positionals().front();
    if (args.has("from") && action != "fetch")
        throw Error("weights: --from applies to fetch only");
    if (action == "list") {
        if (args.positionals().size() > 1)
            throw Error("weights list: takes no name");
        return runList(args);
    }
    if (action == "verify")
        return runVerify(args);
    if (action == "fetch")
        return runFetch(args);
    throw Error("weights: unknown action '" + action + "' (list, fetch, verify)");
}

const CommandRegistration registration {{
    "weights",
    "list, download and check pretrained weights files",
    "Usage: sam2sim weights [list] [--json]\n"
    "       sam2sim weights fetch NAME [--from BASE_URL]\n"
    "       sam2sim weights verify [NAME]\n"
    "Weights are looked for in $SAM2SIM_WEIGHTS_DIR, the user weights folder ($XDG_DATA_HOME or\n"
    "~/.local/share, + sam2sim/weights) and the torch hub cache ($TORCH_HOME/hub/checkpoints, "
    "else\n"
    "~/.cache/torch/hub/checkpoints) under their official names; an ImageNet MobileNetV2 is "
    "bundled.\n"
    "fetch downloads the official file (or BASE_URL/FILE; SAM2SIM_WEIGHTS_MIRROR sets a default "
    "mirror)\n"
    "into the user weights folder, resuming a partial download, and keeps it only when it passes "
    "the\n"
    "checks verify runs: the SHA-256 a torchvision name carries, then a full load by the model.",
    &runWeights,
}};

} // namespace
} // namespace s2s::cli
