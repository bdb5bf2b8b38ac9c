#pragma once

#include "engine/data/dataset.h"

#include <string>

namespace s2s {

// A proposed kind for a category whose name is not an MVTec name and that has no category.json:
// texture when the centre of its normal images looks like their border (no object stands out).
struct KindProposal
{
    CategoryKind kind = CategoryKind::Object;
    double contrast = 0.0; // centre-vs-border colour contrast (1 = looks like the border)
    std::string reason;          // one line for the UI and the CLI
};

KindProposal inferCategoryKind(const Category &category, int sampleImages = 5);

} // namespace s2s
