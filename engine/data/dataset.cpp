#include "engine/data/dataset.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "engine/io/image_io.h"

#include <nlohmann/json.hpp>
#include <opencv2/core/mat.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <system_error>

namespace s2s {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 5> kTextures = {"carpet", "grid", "leather", "tile", "wood"};
constexpr std::array<std::string_view, 10> kObjects = {"bottle", "cable", "capsule", "hazelnut",
                                                       "metal_nut", "pill", "screw", "toothbrush",
                                                       "transistor", "zipper"};

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool isImageFile(const fs::path &path)
{
    static const std::array<std::string_view, 6> exts = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff"};
    const std::string ext = lower(path.extension().string());
    return std::find(exts.begin(), exts.end(), ext) != exts.end();
}

bool isIgnorable(const fs::path &path)
{
    const std::string name = path.filename().string();
    if (name.empty() || name.front() == '.')
        return true;
    const std::string ext = lower(path.extension().string());
    return name == "Thumbs.db" || name == "category.json" || ext == ".txt" || ext == ".md"
           || ext == ".json";
}

std::vector<fs::path> sortedEntries(const fs::path &dir)
{
    std::vector<fs::path> entries;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        entries.push_back(it->path());
    if (ec)
        throw Error(dir.string() + ": cannot list folder: " + ec.message());
    std::sort(entries.begin(), entries.end());
    return entries;
}

// Collects issues in lenient mode, throws the first in strict mode.
class IssueSink
{
public:
    IssueSink(ScanMode mode, std::vector<ScanIssue> &issues)
        : m_mode(mode)
        , m_issues(issues)
    {
    }

    void add(const fs::path &path, const std::string &message)
    {
        if (m_mode == ScanMode::Strict)
            throw Error(path.string() + ": " + message);
        m_issues.push_back({path, message});
    }

private:
    ScanMode m_mode;
    std::vector<ScanIssue> &m_issues;
};

// Validates an image file; returns its size or nothing (after recording why).
std::optional<cv::Size> checkImage(const fs::path &path, IssueSink &sink)
{
    try {
        return readImageSize(path);
    } catch (const Error &e) {
        // The message already starts with the path; keep only the reason.
        std::string reason = e.what();
        const std::string prefix = path.string() + ": ";
        if (reason.rfind(prefix, 0) == 0)
            reason = reason.substr(prefix.size());
        sink.add(path, reason);
        return std::nullopt;
    }
}

// Why a ground-truth mask cannot label its image (empty when it can): unreadable, another size, colour,
// grey levels, nothing or everything marked.
std::string maskProblem(const fs::path &mask, cv::Size imageSize)
{
    MaskCheck check;
    try {
        check = checkMask(mask);
    } catch (const Error &e) {
        std::string reason = e.what();
        if (const std::string prefix = mask.string() + ": "; reason.rfind(prefix, 0) == 0)
            reason.erase(0, prefix.size());
        return reason;
    }
    if (check.size != imageSize)
        return "mask size " + std::to_string(check.size.width) + "x" + std::to_string(check.size.height)
               + " differs from its image " + std::to_string(imageSize.width) + "x"
               + std::to_string(imageSize.height);
    return check.problem;
}

// Masks that no test image uses are named: a mask whose image was renamed or deleted is otherwise lost
// without a word.
void nameUnusedMasks(const Category &category, const std::set<fs::path> &claimedMasks, IssueSink &sink)
{
    const fs::path gtRoot = category.root / "ground_truth";
    std::error_code ec;
    if (!fs::is_directory(gtRoot, ec))
        return;
    for (const fs::path &defectDir : sortedEntries(gtRoot)) {
        if (isIgnorable(defectDir) || !fs::is_directory(defectDir, ec))
            continue;
        const fs::path testDir = category.root / "test" / defectDir.filename();
        const bool hasTestDir = fs::is_directory(testDir, ec);
        for (const fs::path &mask : sortedEntries(defectDir)) {
            if (isIgnorable(mask) || !isImageFile(mask) || claimedMasks.count(mask))
                continue;
            if (defectDir.filename() == "good") {
                sink.add(mask, "mask in ground_truth/good/: test/good/ images are defect-free, so it is not used");
                continue;
            }
            sink.add(mask, hasTestDir ? "mask without an image in test/" + defectDir.filename().string() + "/"
                                      : "mask without an image (no folder test/" + defectDir.filename().string() + "/)");
        }
    }
}

fs::path findMask(const fs::path &groundTruthDir, const fs::path &image)
{
    const std::string stem = image.stem().string();
    static const std::array<std::string_view, 6> exts = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff"};
    for (const std::string &name : {stem + "_mask", stem}) {
        for (const auto ext : exts) {
            fs::path candidate = groundTruthDir / (name + std::string(ext));
            std::error_code ec;
            if (fs::is_regular_file(candidate, ec))
                return candidate;
        }
    }
    return {};
}

// Reads an optional category.json ({"kind": "object"|"texture", "keeps_background": bool}).
void applyCategoryFile(Category &category, IssueSink &sink)
{
    const fs::path file = category.root / "category.json";
    std::error_code ec;
    if (!fs::exists(file, ec))
        return;
    try {
        const auto json = readJsonFile(file);
        if (const std::string name = jsonString(json, "kind", "", file.string()); !name.empty()) {
            const auto kind = categoryKindFromString(name);
            if (!kind)
                throw Error("unknown kind '" + name + "'");
            category.kind = *kind;
            category.kindKnown = true;
        }
        category.keepsBackground = jsonBool(json, "keeps_background", category.keepsBackground, file.string());
    } catch (const nlohmann::json::exception &e) {
        sink.add(file, std::string("invalid category.json: ") + e.what());
    } catch (const Error &e) {
        std::string what = e.what();
        if (const std::string prefix = file.string() + ": "; what.rfind(prefix, 0) == 0)
            what.erase(0, prefix.size()); // the issue names the file already
        sink.add(file, "invalid category.json: " + what);
    }
}

bool folderOk(const fs::path &dir, IssueSink &sink, bool required)
{
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        if (required)
            sink.add(dir, "missing folder");
        return false;
    }
    if (!fs::is_directory(dir, ec)) {
        sink.add(dir, "is a file where a folder should be");
        return false;
    }
    return true;
}

struct Counter
{
    std::int64_t done = 0;
    std::int64_t total = 0;
};

void scanSplitFolder(const fs::path &dir, Split split, const std::string &defect, Category &category,
                     IssueSink &sink, Counter &counter, std::set<fs::path> &claimedMasks,
                     const ProgressFn &progress, const CancelToken &cancel)
{
    const fs::path gtDir = category.root / "ground_truth" / defect;
    for (const fs::path &entry : sortedEntries(dir)) {
        cancel.throwIfCancelled();
        report(progress, "scan", ++counter.done, counter.total, entry.filename().string());
        if (isIgnorable(entry))
            continue;
        std::error_code ec;
        if (fs::is_directory(entry, ec)) {
            sink.add(entry, "unexpected folder inside " + dir.filename().string() + "/");
            continue;
        }
        if (!isImageFile(entry)) {
            sink.add(entry, "not an image file (expected PNG, JPEG, BMP or TIFF)");
            continue;
        }
        // The mask is claimed even when its image is skipped, so that it is not also named as unused.
        const fs::path mask = defect == "good" ? fs::path() : findMask(gtDir, entry);
        if (!mask.empty())
            claimedMasks.insert(mask);
        const auto size = checkImage(entry, sink);
        if (!size)
            continue;
        ImageRecord record;
        record.image = entry;
        record.split = split;
        record.defectType = defect;
        record.label = defect == "good" ? 0 : 1;
        if (record.label == 1) {
            // A defect image without a mask is an image-level label: it counts for image metrics and is
            // left out of pixel metrics. So is one whose mask cannot serve as a label (named and skipped).
            if (!mask.empty()) {
                if (const std::string problem = maskProblem(mask, *size); !problem.empty())
                    sink.add(mask, problem + "; its image counts for image metrics only");
                else
                    record.mask = mask;
            }
        }
        (split == Split::Train ? category.train : category.test).push_back(std::move(record));
    }
}

std::int64_t countFiles(const fs::path &dir)
{
    std::int64_t n = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec))
            ++n;
    return n;
}

Category scanCategory(const fs::path &root, ScanMode mode, const ProgressFn &progress,
                      const CancelToken &cancel)
{
    Category category;
    category.root = root;
    category.name = root.filename().string();
    category.kind = defaultCategoryKind(category.name, &category.kindKnown);
    category.keepsBackground = lower(category.name) == "transistor";
    IssueSink sink(mode, category.issues);
    applyCategoryFile(category, sink);

    Counter counter;
    counter.total = countFiles(root);
    std::set<fs::path> claimedMasks;

    if (folderOk(root / "train", sink, true) && folderOk(root / "train" / "good", sink, true))
        scanSplitFolder(root / "train" / "good", Split::Train, "good", category, sink, counter,
                        claimedMasks, progress, cancel);
    if (folderOk(root / "test", sink, false)) {
        for (const fs::path &defectDir : sortedEntries(root / "test")) {
            if (isIgnorable(defectDir))
                continue;
            std::error_code ec;
            if (!fs::is_directory(defectDir, ec)) {
                sink.add(defectDir, "is a file where a folder should be (a defect type under test/)");
                continue;
            }
            const std::string defect = defectDir.filename().string();
            if (defect != "good") {
                const fs::path gt = root / "ground_truth" / defect;
                if (!folderOk(gt, sink, false) && fs::exists(gt, ec))
                    continue;
            }
            scanSplitFolder(defectDir, Split::Test, defect, category, sink, counter, claimedMasks,
                            progress, cancel);
        }
    }
    nameUnusedMasks(category, claimedMasks, sink);
    for (const auto &record : category.test)
        if (record.label == 1
            && std::find(category.defectTypes.begin(), category.defectTypes.end(), record.defectType)
                   == category.defectTypes.end())
            category.defectTypes.push_back(record.defectType);
    std::sort(category.defectTypes.begin(), category.defectTypes.end());
    return category;
}

bool looksLikeCategory(const fs::path &dir)
{
    std::error_code ec;
    return fs::exists(dir / "train", ec) || fs::exists(dir / "test", ec);
}

} // namespace

std::string_view toString(CategoryKind kind)
{
    return kind == CategoryKind::Texture ? "texture" : "object";
}

std::optional<CategoryKind> categoryKindFromString(std::string_view text)
{
    const std::string t = lower(std::string(text));
    if (t == "object")
        return CategoryKind::Object;
    if (t == "texture")
        return CategoryKind::Texture;
    return std::nullopt;
}

CategoryKind defaultCategoryKind(std::string_view name, bool *kindKnown)
{
    const std::string n = lower(std::string(name));
    const bool texture = std::find(kTextures.begin(), kTextures.end(), n) != kTextures.end();
    const bool object = std::find(kObjects.begin(), kObjects.end(), n) != kObjects.end();
    if (kindKnown)
        *kindKnown = texture || object;
    return texture ? CategoryKind::Texture : CategoryKind::Object;
}

const Category *Dataset::find(std::string_view name) const
{
    for (const auto &c : categories)
        if (c.name == name)
            return &c;
    return nullptr;
}

Dataset scanDataset(const fs::path &rootIn, ScanMode mode, const ProgressFn &progress,
                    const CancelToken &cancel)
{
    std::error_code ec;
    if (!fs::exists(rootIn, ec))
        throw Error(rootIn.string() + ": no such folder");
    if (!fs::is_directory(rootIn, ec))
        throw Error(rootIn.string() + ": not a folder (expected a dataset or category folder)");
    const fs::path root = fs::canonical(rootIn, ec);
    Dataset dataset;
    dataset.root = root;
    IssueSink sink(mode, dataset.issues);

    std::vector<fs::path> categoryDirs;
    if (looksLikeCategory(root)) {
        categoryDirs.push_back(root);
    } else {
        for (const fs::path &entry : sortedEntries(root)) {
            if (isIgnorable(entry))
                continue;
            if (!fs::is_directory(entry, ec)) {
                sink.add(entry, "not a category folder (a file at the dataset root)");
                continue;
            }
            categoryDirs.push_back(entry);
        }
    }
    for (const fs::path &dir : categoryDirs) {
        cancel.throwIfCancelled();
        if (!looksLikeCategory(dir)) {
            sink.add(dir, "not a category: no train/ or test/ folder");
            continue;
        }
        Category category = scanCategory(dir, mode, progress, cancel);
        if (category.train.empty()) {
            sink.add(dir, "empty category: no usable train/good images");
            if (mode == ScanMode::Lenient)
                dataset.issues.insert(dataset.issues.end(), category.issues.begin(), category.issues.end());
            continue;
        }
        dataset.categories.push_back(std::move(category));
    }
    if (dataset.categories.empty() && mode == ScanMode::Strict)
        throw Error(root.string() + ": no categories found");
    return dataset;
}

int defectsWithoutMask(const Category &category)
{
    return static_cast<int>(std::count_if(category.test.begin(), category.test.end(),
                                          [](const ImageRecord &r) { return r.label == 1 && r.mask.empty(); }));
}

} // namespace s2s
