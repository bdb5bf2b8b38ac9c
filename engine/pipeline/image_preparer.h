#pragma once

#include "engine/data/dataset.h"

#include <opencv2/core/mat.hpp>
#include <opencv2/core/matx.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace s2s {

class Segmenter;
class BackgroundSource;
struct ForegroundModel;

// How an image is turned into the backbone's input: optional pseudo-background composite (test time),
// then optional foreground extraction with the background replaced. Identity when both are off.
struct PreparationSpec
{
    bool removeBackground = false;
    std::string segmenter = "auto";
    std::filesystem::path sam2Weights;
    std::string fill = "black"; // "black", "mean", "blur"

    bool composite = false;
    std::string backgroundSource = "all"; // family name, "all", or a folder
    std::uint64_t seed = 0;
    float featherPx = 3.f;
    // Remove a composite's background with the clean image's mask (diagnostic; see EvalOptions).
    bool reuseCleanMask = false;
    // Turn the object to one pose (object_pose.h) after everything else, from the extracted silhouette
    // when backgrounds are removed, else from a plain-background silhouette of the image itself.
    bool align = false;
    // The category's learnt foreground model (classical extraction and SAM 2's fallback); may be null.
    std::shared_ptr<const ForegroundModel> foregroundModel;

    // Identifies the preparation in cache keys; "raw" when identity.
    std::string key() const;
};

// What prepare() did to one image, for per-image and per-background-family reports.
struct PreparedInfo
{
    std::string background;   // the pseudo-background family or source used; empty without compositing
    double maskIou = -1.0;    // IoU of the composite's extracted mask with the clean image's; -1 when n/a
    std::string maskSource;   // who produced the mask the backbone saw ("classical-learnt", fallbacks...)
    // With PreparationSpec::align: the turn and shift applied (native pixels, original -> aligned); nullopt
    // when the image was left as it was (no silhouette with an axis). The image's native size.
    std::optional<cv::Matx23d> alignment;
    int width = 0;
    int height = 0;
};

// Applies a PreparationSpec to dataset images. Masks are cached on disk (atomic writes) under cacheDir,
// keyed by image content and segmenter (an empty cacheDir: no cache, as for inspected images, which are
// seen once); thread-compatible (one instance per worker thread).
class ImagePreparer
{
public:
    ImagePreparer(PreparationSpec spec, std::filesystem::path cacheDir);
    ~ImagePreparer();

    const PreparationSpec &spec() const { return m_spec; }

    // Returns 8-bit RGB at native resolution; throws s2s::Error naming the file on failure.
    cv::Mat prepare(const ImageRecord &record, PreparedInfo *info = nullptr);
    // The same for an image already read (8-bit RGB, native size, from record.image); `extracted`
    // receives the foreground mask when the spec removes backgrounds (0/255, before the boundary band).
    cv::Mat prepareDecoded(cv::Mat rgb, const ImageRecord &record, PreparedInfo *info = nullptr,
                           cv::Mat *extracted = nullptr);
    // The foreground mask used for the record (computed or cached); CV_8UC1 0/255.
    cv::Mat foregroundMask(const ImageRecord &record, const cv::Mat &rgb, std::string *producedBy = nullptr);
    // Name of the segmenter actually used ("classical", "sam2.1_hiera_tiny", ...), for reports.
    std::string segmenterName();

private:
    PreparationSpec m_spec;
    std::filesystem::path m_cacheDir;
    std::unique_ptr<Segmenter> m_segmenter;
    std::unique_ptr<BackgroundSource> m_background;
};

} // namespace s2s
