#pragma once

// The results of evaluating a trained model on a category's test set: per-image scores, metrics and
// curves. Plain values, shared by the session, run folders, the CLI and the studio.

#include "engine/data/dataset.h"
#include "engine/eval/metrics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace s2s {

enum class BackgroundMode { Static, Pseudo };

struct EvalOptions
{
    BackgroundMode background = BackgroundMode::Static;
    std::string backgroundSource = "all"; // family, "all" or a folder (Pseudo only)
    std::uint64_t seed = 0;
    float featherPx = 3.f;
    // Diagnostic (Pseudo with foreground extraction): remove a composite's background with the mask of
    // the clean image it was made from instead of segmenting the composite.
    bool cleanMaskForComposite = false;
    bool computeMaps = true; // pixel metrics need maps; image-only evaluation is faster
};

struct ImageResult
{
    ImageRecord record;
    float score = 0.f; // max patch score (-D), higher = more anomalous
    std::string background; // pseudo-background family or source of this image's composite; empty if none
    double maskIou = -1.0;  // IoU of the composite's extracted mask with the clean image's; -1 when n/a
    std::string maskSource; // who produced the foreground mask ("classical-learnt", "... (fallback: why)")
};

struct Metrics
{
    double imageAuroc = 0.0;
    double pixelAuroc = 0.0; // NaN when no maps or no anomalous pixels
    double auPro = 0.0;      // MVTec AU-PRO up to FPR 0.3
    double f1Max = 0.0;
    double f1Threshold = 0.0;
    // Pixel metrics cover the good images and the defect images with a mask; a defect image without
    // one (an image-level label) counts for the image metrics only.
    int pixelImages = 0;
    int defectsWithoutMask = 0;
};


struct Evaluation
{
    EvalOptions options;
    std::vector<ImageResult> images; // test images in dataset order
    Metrics metrics;
    RocCurve imageRoc;
    RocCurve pixelRoc;   // downsampled for display
    double seconds = 0.0;
};

} // namespace s2s
