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

// What may be done to a category's background; the one rule behind the engine's preparation, table1
// and the studio's controls. Textures have no background: never segmented, never composited. An
// object whose background carries information (keeps_background, MVTec transistor) is composited
// around its clean-image silhouette but never has its background removed.
struct BackgroundRouting
{
    bool extraction = false;  // foreground extraction (Sam2Sim's background removal)
    bool compositing = false; // pseudo-background composites for testing
};

BackgroundRouting backgroundRouting(CategoryKind kind, bool keepsBackground);

// Whether background removal runs SAM 2: a checkpoint is given and the segmenter is not "classical" or
// "border" ("auto" and "sam2" use it). Otherwise the classical extractor runs, so "auto" without weights
// is the classical extractor.
bool usesSam2(const std::string &segmenter, const std::string &sam2Weights);

} // namespace s2s
