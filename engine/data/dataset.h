#pragma once

#include "engine/core/progress.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s2s {

enum class CategoryKind { Object, Texture };
enum class Split { Train, Test };

std::string_view toString(CategoryKind kind);   // "object" / "texture"
std::optional<CategoryKind> categoryKindFromString(std::string_view text);

// One image of a category, with its ground truth.
struct ImageRecord
{
    std::filesystem::path image;
    Split split = Split::Train;
    std::string defectType = "good"; // "good" for normal images
    int label = 0;                    // 0 normal, 1 anomalous
    std::filesystem::path mask;       // empty for normal images
};

// Something the scanner skipped or found wrong, with a one-line reason.
struct ScanIssue
{
    std::filesystem::path path;
    std::string message;
};

struct Category
{
    std::string name;
    std::filesystem::path root;
    CategoryKind kind = CategoryKind::Object;
    bool kindKnown = false;       // true when the name is an MVTec category (kind not guessed)
    bool keepsBackground = false; // transistor: the background carries information, never removed
    std::vector<ImageRecord> train;
    std::vector<ImageRecord> test;
    std::vector<std::string> defectTypes; // sorted, "good" excluded
    std::vector<ScanIssue> issues;
};

struct Dataset
{
    std::filesystem::path root;
    std::vector<Category> categories;
    std::vector<ScanIssue> issues; // problems not tied to one category (e.g. a stray file at the root)

    const Category *find(std::string_view name) const;
};

enum class ScanMode {
    Lenient, // skip bad files and categories, list them in issues
    Strict   // the first problem throws s2s::Error with its one-line message
};

// Scans an MVTec-AD-style folder: a root holding categories, or one category folder.
Dataset scanDataset(const std::filesystem::path &root, ScanMode mode = ScanMode::Lenient,
                    const ProgressFn &progress = {}, const CancelToken &cancel = {});

// Test images labelled defective that have no mask (image-level labels: image metrics only).
int defectsWithoutMask(const Category &category);

// The default kind for an MVTec category name; kindKnown tells whether the name was recognised.
CategoryKind defaultCategoryKind(std::string_view name, bool *kindKnown = nullptr);

} // namespace s2s
