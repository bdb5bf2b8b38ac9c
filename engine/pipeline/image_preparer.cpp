#include "engine/pipeline/image_preparer.h"

#include "engine/background/compositor.h"
#include "engine/core/error.h"
#include "engine/foreground/classical_segmenter.h"
#include "engine/foreground/foreground_model.h"
#include "engine/foreground/mask_cache.h"
#include "engine/foreground/segmenter.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/object_pose.h"

#include <opencv2/imgproc.hpp>

#include <functional>
#include <sstream>

namespace s2s {

std::string PreparationSpec::key() const
{
    if (!removeBackground && !composite)
        return align ? "raw+align" : "raw";
    std::ostringstream k;
    if (composite)
        k << "composite(" << backgroundSource << ",seed=" << seed << ",feather=" << featherPx << ")";
    if (removeBackground)
        k << (composite ? "+" : "") << "extract(" << segmenter << "," << sam2Weights.filename().string() << ","
          << fill << (composite && reuseCleanMask ? ",clean-mask" : "") << ")";
    if (foregroundModel && segmenter != "border")
        k << "+model=" << foregroundModel->fingerprint();
    if (align)
        k << "+align";
    return k.str();
}

ImagePreparer::ImagePreparer(PreparationSpec spec, std::filesystem::path cacheDir)
    : m_spec(std::move(spec))
    , m_cacheDir(std::move(cacheDir))
{
    if (m_spec.fill != "black" && m_spec.fill != "mean" && m_spec.fill != "blur")
        throw Error("unknown background fill '" + m_spec.fill + "' (available: black, mean, blur)");
    if (m_spec.composite)
        m_background = makeBackgroundSource(m_spec.backgroundSource);
}

ImagePreparer::~ImagePreparer() = default;

std::string ImagePreparer::segmenterName()
{
    if (!m_segmenter)
        m_segmenter = makeSegmenter(m_spec.segmenter, m_spec.sam2Weights, m_spec.foregroundModel);
    return m_segmenter->name();
}

namespace {

// An implausible silhouette would remove the object itself: the whole frame is kept instead.
SegmentResult plausibleSegmentation(Segmenter &segmenter, const cv::Mat &rgb)
{
    SegmentResult result = segmenter.segment(rgb);
    std::string why;
    if (implausibleMask(result.mask, &why)) {
        result.mask = cv::Mat(rgb.size(), CV_8UC1, cv::Scalar(255));
        result.producedBy += " (implausible: " + why + "; whole frame kept)";
    }
    return result;
}

} // namespace

cv::Mat ImagePreparer::foregroundMask(const ImageRecord &record, const cv::Mat &rgb, std::string *producedBy)
{
    (void)record;
    if (!m_segmenter)
        m_segmenter = makeSegmenter(m_spec.segmenter, m_spec.sam2Weights, m_spec.foregroundModel);
    if (m_cacheDir.empty()) {
        SegmentResult result = plausibleSegmentation(*m_segmenter, rgb);
        if (producedBy)
            *producedBy = result.producedBy;
        return result.mask;
    }
    const MaskCache cache(m_cacheDir);
    const std::string key = MaskCache::contentKey(rgb);
    if (auto cached = cache.find(key, m_segmenter->cacheKey()); cached && cached->size() == rgb.size()) {
        if (producedBy)
            *producedBy = cache.findSource(key, m_segmenter->cacheKey()).value_or(m_segmenter->name());
        return *cached;
    }
    SegmentResult result = plausibleSegmentation(*m_segmenter, rgb);
    if (producedBy)
        *producedBy = result.producedBy;
    try {
        cache.store(key, m_segmenter->cacheKey(), result.mask, result.producedBy);
    } catch (const Error &) {
        // A read-only cache folder costs time, not correctness.
    }
    return result.mask;
}

cv::Mat ImagePreparer::prepare(const ImageRecord &record, PreparedInfo *info)
{
    return prepareDecoded(readImageRgb(record.image), record, info);
}

cv::Mat ImagePreparer::prepareDecoded(cv::Mat rgb, const ImageRecord &record, PreparedInfo *info, cv::Mat *extractedOut)
{
    cv::Mat cleanMask, silhouette;
    std::string source;
    if (info) {
        info->width = rgb.cols;
        info->height = rgb.rows;
    }
    if (m_spec.composite) {
        cleanMask = foregroundMask(record, rgb, &source);
        // Deterministic per (image, seed): the same composite every time this image is evaluated.
        const std::uint64_t imageSeed = std::hash<std::string>{}(record.image.filename().string()
                                                                 + record.defectType)
                                        ^ (m_spec.seed * 0x9E3779B97F4A7C15ULL);
        const cv::Mat background = m_background->generate(rgb.size(), imageSeed);
        rgb = composite(rgb, cleanMask, background, CompositeOptions{m_spec.featherPx});
        if (info)
            info->background = m_background->variantFor(imageSeed);
    }
    if (m_spec.removeBackground) {
        // The silhouette's boundary is where a segmenter is least sure and where a composite's new
        // background bleeds in (feathering, a pixel or two of mask error). Any foreign colour there
        // becomes the maximum patch score of a normal image, so the boundary band is replaced too,
        // identically for training and test images. Its width, 1.5% of the shorter side, was swept with
        // the learnt extractor (synthetic 209/83 nut, demo nut; Sam2Sim image AUROC): 0.8% lost 0.01 and
        // 0.13, 2.5% lost 0.02 and 0.03.
        cv::Mat mask;
        const int band = std::max(1, static_cast<int>(std::lround(std::min(rgb.cols, rgb.rows) * 0.015)));
        const bool reuse = m_spec.composite && m_spec.reuseCleanMask;
        const cv::Mat extracted = reuse ? cleanMask : foregroundMask(record, rgb, &source);
        if (info && m_spec.composite && !reuse)
            info->maskIou = maskIou(extracted, cleanMask);
        if (extractedOut)
            *extractedOut = extracted;
        silhouette = extracted;
        cv::erode(extracted, mask, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * band + 1, 2 * band + 1)));
        cv::Mat fill;
        if (m_spec.fill == "black")
            fill = cv::Mat::zeros(rgb.size(), CV_8UC3);
        else if (m_spec.fill == "mean") // the ImageNet mean: zero after normalisation
            fill = cv::Mat(rgb.size(), CV_8UC3, cv::Scalar(124, 116, 104));
        else
            cv::GaussianBlur(rgb, fill, cv::Size(0, 0), std::max(4.0, rgb.cols / 20.0));
        fill.copyTo(rgb, ~mask);
    }
    if (m_spec.align) {
        const std::optional<cv::Matx23d> toAligned
            = alignmentFor(silhouette.empty() ? plainBackgroundSilhouette(rgb) : silhouette);
        if (toAligned)
            rgb = applyAlignment(rgb, *toAligned);
        if (info)
            info->alignment = toAligned;
    }
    if (info)
        info->maskSource = m_spec.removeBackground && m_spec.composite && m_spec.reuseCleanMask
                               ? "clean image's mask (" + source + ")"
                               : source;
    return rgb;
}

} // namespace s2s
