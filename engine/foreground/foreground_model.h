#pragma once

#include "engine/foreground/segmenter.h"

#include <opencv2/core/mat.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace s2s {

// What a category's object looks like, learnt from its training images (static background, where the
// border-colour segmenter is reliable): a position/shape prior (the mean training mask on a fixed grid)
// and the object's colour distribution. At test time a new background is modelled from the image itself
// (the pixels where no training object ever was), so a busy or object-coloured background does not
// match the object model; GrabCut seeded with the posterior draws the boundary.
struct ForegroundModel
{
    static constexpr int kGrid = 192; // prior grid and working resolution (square, aspect ignored)
    static constexpr int kBins = 16;  // colour histogram bins per RGB channel

    cv::Mat prior;                   // CV_32FC1 kGrid x kGrid, fraction of training masks covering a cell
    std::vector<float> objectColour; // kBins^3, smoothed, sums to 1
    // The training silhouettes themselves, kShape x kShape each, stacked vertically (CV_8UC1 0/255; at
    // most kMaxShapes, evenly chosen). A test mask is matched against them (shifted): where the best
    // match is close, mask pixels far outside the matched silhouette are a new background's blobs that
    // GrabCut joined to the object. Empty in models saved before shapes were kept.
    static constexpr int kShape = 96;
    static constexpr int kMaxShapes = 256;
    cv::Mat shapes;
    int trainingImages = 0;

    // A hex digest of the contents: part of mask cache keys and run folders.
    std::string fingerprint() const;

    // images: 8-bit RGB; masks: CV_8UC1 0/255 of the same sizes. Throws s2s::Error when empty or when no
    // mask has any foreground.
    static ForegroundModel fit(const std::vector<cv::Mat> &images, const std::vector<cv::Mat> &masks);

    int shapeCount() const { return shapes.empty() ? 0 : shapes.rows / kShape; }
    // foreground_model.safetensors (tensors "prior", "object_colour", "shapes"), written atomically.
    // Files without "shapes" (format v1) load with none.
    void save(const std::filesystem::path &path) const;
    static ForegroundModel load(const std::filesystem::path &path); // s2s::Error("<file>: <problem>")
};

// The classical extractor with a category model; deterministic, thread-safe (segment() has no state).
class LearnedSegmenter final : public Segmenter
{
public:
    explicit LearnedSegmenter(std::shared_ptr<const ForegroundModel> model);

    std::string name() const override { return "classical-learnt"; }
    std::string cacheKey() const override { return m_cacheKey; }
    SegmentResult segment(const cv::Mat &rgb, const SegmentPrompt &prompt = {}) override;

    const ForegroundModel &model() const { return *m_model; }

private:
    // The matched training silhouette at kGrid (0/255); empty when no silhouette is close
    // enough to `mask` (a category whose shape varies, or an image the extraction failed on).
    cv::Mat matchedShape(const cv::Mat &mask) const;

    std::shared_ptr<const ForegroundModel> m_model;
    std::string m_cacheKey;
    std::vector<cv::Point2d> m_shapeCentroids; // per training silhouette, in kShape cells
    std::vector<int> m_shapeAreas;
};

// Intersection over union of two 0/255 masks of one size (1 when both are empty).
double maskIou(const cv::Mat &a, const cv::Mat &b);

} // namespace s2s
