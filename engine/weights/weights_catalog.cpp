#include "engine/weights/weights_catalog.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint_structure.h"
#include "engine/io/sha256.h"

#include <cstdlib>
#include <map>
#include <mutex>
#include <regex>
#include <system_error>
#include <tuple>

namespace fs = std::filesystem;

namespace s2s {
namespace {

std::string env(const char *name)
{
    const char *v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

bool isFile(const fs::path &p)
{
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

// Backbone names a torchvision file name may start with, and the hex digits of its hash.
const std::regex &torchvisionName()
{
    static const std::regex re("^(wide_resnet50_2|mobilenet_v2)-([0-9a-f]{6,64})\\.pth$");
    return re;
}

} // namespace

const std::vector<WeightsEntry> &weightsCatalog()
{
    static const std::vector<WeightsEntry> catalog = [] {
        const std::string sam2Base = "https://dl.fbaipublicfiles.com/segment_anything_2/092824/";
        std::vector<WeightsEntry> c;
        c.push_back({"wide_resnet50_2", WeightsKind::Backbone,
            "Wide ResNet-50-2, ImageNet (torchvision V1): the paper's backbone",
            "wide_resnet50_2-95faca4d.pth",
            "https://download.pytorch.org/models/wide_resnet50_2-95faca4d.pth", {}, {}});
        // The bundled stand-in: torchvision's quantized MobileNetV2 dequantized with batch norm
        // folded (resources/weights/README.md); the official float file wins when it is present.
        c.push_back({"mobilenet_v2", WeightsKind::Backbone,
            "MobileNetV2, ImageNet (torchvision V1): fast backbone", "mobilenet_v2-b0353104.pth",
            "https://download.pytorch.org/models/mobilenet_v2-b0353104.pth",
            "mobilenet_v2_imagenet_bnfolded.pth",
            "f12a1d1a933405b3e9f09ad6fd2228997b2f558550970509afcffb5f6a5c819c"});
        const std::pair<const char *, const char *> sam2[] = {
            {"tiny", "SAM 2.1 Hiera tiny: background removal"},
            {"small", "SAM 2.1 Hiera small: background removal"},
            {"base_plus", "SAM 2.1 Hiera base-plus: background removal"},
            {"large", "SAM 2.1 Hiera large: background removal (slow on a CPU)"},
        };
        for (const auto &[size, what] : sam2) {
            const std::string file = std::string("sam2.1_hiera_") + size + ".pt";
            c.push_back({std::string("sam2.1_hiera_") + size, WeightsKind::Sam2, what, file,
                sam2Base + file, {}, {}});
        }
        return c;
    }();
    return catalog;
}

std::optional<WeightsEntry> findWeightsEntry(const std::string &name)
{
    for (const auto &e : weightsCatalog())
        if (e.name == name || e.fileName == name)
            return e;
    std::smatch m;
    if (!std::regex_match(name, m, torchvisionName()))
        return std::nullopt;
    WeightsEntry e = *findWeightsEntry(m[1]);
    e.fileName = name;
    e.url = "https://download.pytorch.org/models/" + name;
    e.description += " (other release)";
    e.bundledFile.clear();
    e.bundledSha256.clear();
    return e;
}

fs::path userWeightsDir()
{
    const std::string xdg = env("XDG_DATA_HOME");
    if (!xdg.empty() && fs::path(xdg).is_absolute())
        return fs::path(xdg) / "sam2sim" / "weights";
    const std::string home = env("HOME");
    if (home.empty())
        return {};
    return fs::path(home) / ".local" / "share" / "sam2sim" / "weights";
}

std::vector<fs::path> weightsSearchDirs()
{
    std::vector<fs::path> dirs;
    if (const std::string d = env("SAM2SIM_WEIGHTS_DIR"); !d.empty())
        dirs.emplace_back(d);
    if (const fs::path d = userWeightsDir(); !d.empty())
        dirs.push_back(d);
    if (const std::string torchHome = env("TORCH_HOME"); !torchHome.empty())
        dirs.push_back(fs::path(torchHome) / "hub" / "checkpoints");
    else if (const std::string xdgCache = env("XDG_CACHE_HOME"); !xdgCache.empty())
        dirs.push_back(fs::path(xdgCache) / "torch" / "hub" / "checkpoints"); // as torch.hub does
    else if (const std::string home = env("HOME"); !home.empty())
        dirs.push_back(fs::path(home) / ".cache" / "torch" / "hub" / "checkpoints");
    return dirs;
}

fs::path bundledWeightsDir()
{
    std::vector<fs::path> candidates;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        candidates.push_back(exe.parent_path().parent_path() / "share" / "sam2sim" / "weights");
    candidates.emplace_back(SAM2SIM_BUILD_WEIGHTS_DIR);
    candidates.emplace_back(SAM2SIM_INSTALL_WEIGHTS_DIR);
    for (const auto &entry : weightsCatalog()) {
        if (entry.bundledFile.empty())
            continue;
        for (const auto &dir : candidates)
            if (isFile(dir / entry.bundledFile))
                return dir;
    }
    return {};
}

std::optional<WeightsFile> locateWeights(const WeightsEntry &entry)
{
    for (const auto &dir : weightsSearchDirs()) {
        if (isFile(dir / entry.fileName))
            return WeightsFile {dir / entry.fileName, WeightsOrigin::Found, {}};
        if (entry.kind != WeightsKind::Backbone)
            continue;
        // Other torchvision releases of the same architecture (e.g. the V2 ImageNet weights).
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            std::smatch m;
            const std::string name = it->path().filename().string();
            if (std::regex_match(name, m, torchvisionName()) && m[1] == entry.name
                && isFile(it->path()))
                return WeightsFile {it->path(), WeightsOrigin::Found, {}};
        }
    }
    if (!entry.bundledFile.empty())
        if (const fs::path dir = bundledWeightsDir();
            !dir.empty() && isFile(dir / entry.bundledFile))
            return WeightsFile {dir / entry.bundledFile, WeightsOrigin::Bundled, {}};
    return std::nullopt;
}

std::string torchvisionHashPrefix(const fs::path &file)
{
    std::smatch m;
    const std::string name = file.filename().string();
    if (std::regex_match(name, m, torchvisionName()))
        return m[2];
    return {};
}

std::string verifiedSha256(const fs::path &file, const fs::path &officialName)
{
    using Key = std::tuple<std::string, std::uintmax_t, fs::file_time_type::rep>;
    static std::mutex mutex;
    static std::map<Key, std::string> cache;

    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec)
        throw Error(file.string() + ": cannot read the weights file (" + ec.message() + ")");
    const auto mtime = fs::last_write_time(file, ec).time_since_epoch().count();
    const Key key {canonical.string(), size, mtime};
    {
        const std::lock_guard lock(mutex);
        if (const auto it = cache.find(key); it != cache.end())
            return it->second;
    }
    const std::string hash = sha256File(file);
    const fs::path name = officialName.empty() ? file.filename() : officialName.filename();
    std::string expected = torchvisionHashPrefix(name);
    for (const auto &entry : weightsCatalog())
        if (!entry.bundledFile.empty() && name == entry.bundledFile)
            expected = entry.bundledSha256;
    if (hash.compare(0, expected.size(), expected) != 0)
        throw Error(file.string() + ": SHA-256 mismatch: expected " + expected
            + (expected.size() < 64 ? "..." : "") + ", the file has " + hash
            + " (damaged or not the official file; delete it)");
    const std::lock_guard lock(mutex);
    cache[key] = hash;
    return hash;
}

BackboneChoice resolveBackbone(const std::string &backbone, const std::string &weights)
{
    BackboneChoice choice;
    choice.backbone = backbone;
    if (weights == "none") {
        if (choice.backbone.empty())
            choice.backbone = "wide_resnet50_2";
        return choice;
    }
    if (!weights.empty()) {
        const fs::path path(weights);
        checkRegularFile(path, "--backbone-weights"); // not /dev/zero, a FIFO or a folder (they never end)
        checkCheckpointStructure(path); // before hashing: a 4 GB file that is no checkpoint is refused at once
        if (choice.backbone.empty())
            choice.backbone = path.filename().string().rfind("mobilenet_v2", 0) == 0
                ? "mobilenet_v2"
                : "wide_resnet50_2";
        choice.weights = WeightsFile {path, WeightsOrigin::Explicit, verifiedSha256(path)};
        return choice;
    }
    std::string looked;
    for (const auto &entry : weightsCatalog()) {
        if (entry.kind != WeightsKind::Backbone || (!backbone.empty() && entry.name != backbone))
            continue;
        if (auto found = locateWeights(entry)) {
            found->sha256 = verifiedSha256(found->path);
            choice.backbone = entry.name;
            choice.weights = *found;
            return choice;
        }
        looked += (looked.empty() ? "" : ", ") + entry.fileName;
    }
    if (looked.empty())
        throw Error(
            "unknown backbone '" + backbone + "' (available: wide_resnet50_2, mobilenet_v2)");
    std::string dirs;
    for (const auto &d : weightsSearchDirs())
        dirs += (dirs.empty() ? "" : ", ") + d.string();
    throw Error((backbone.empty() ? std::string("backbone") : backbone)
        + ": no pretrained weights found (" + looked + " in " + dirs
        + "); fetch them with `sam2sim weights fetch NAME`, or ask for random weights with "
        + "--backbone-weights none");
}

std::optional<WeightsFile> locateSam2Weights()
{
    for (const auto &entry : weightsCatalog())
        if (entry.kind == WeightsKind::Sam2)
            if (auto found = locateWeights(entry))
                return found;
    return std::nullopt;
}

std::string describeLocation(const fs::path &file)
{
    std::error_code ec;
    const fs::path dir = fs::weakly_canonical(file, ec).parent_path();
    const auto same
        = [&](const fs::path &d) { return !d.empty() && fs::weakly_canonical(d, ec) == dir; };
    if (same(bundledWeightsDir()))
        return "bundled with Sam2Sim";
    if (const std::string d = env("SAM2SIM_WEIGHTS_DIR"); !d.empty() && same(d))
        return "SAM2SIM_WEIGHTS_DIR";
    if (same(userWeightsDir()))
        return "user weights folder";
    const auto dirs = weightsSearchDirs();
    if (!dirs.empty() && same(dirs.back()))
        return "torch hub cache";
    return "given explicitly";
}

} // namespace s2s
