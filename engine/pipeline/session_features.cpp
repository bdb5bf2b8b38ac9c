#include "engine/pipeline/session_state.h"

#include "engine/simplenet/tap_scorer.h"

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/foreground/classical_segmenter.h"
#include "engine/foreground/mask_cache.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/object_pose.h"
#include "engine/weights/weights_catalog.h"

#include <ATen/ATen.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace s2s {

namespace fs = std::filesystem;

fs::path maskCacheDirFor(const Category &category)
{
    // Masks are cached beside the user's data only if writable; otherwise under the temp folder.
    const char *xdg = std::getenv("XDG_CACHE_HOME");
    const char *home = std::getenv("HOME");
    const fs::path base = xdg && *xdg ? fs::path(xdg) : (home && *home ? fs::path(home) / ".cache" : fs::temp_directory_path());
    return base / "sam2sim" / "masks";
    (void)category;
}

PreparationSpec TrainingSession::Impl::spec(const EvalOptions *pseudo) const
{
    PreparationSpec s;
    s.removeBackground = removesBackground();
    s.segmenter = config.segmenter;
    s.sam2Weights = config.sam2Weights;
    s.fill = config.backgroundFill;
    if (config.segmenter != "border")
        s.foregroundModel = foregroundModel;
    s.align = config.align == "on";
    if (pseudo && pseudo->background == BackgroundMode::Pseudo) {
        s.composite = true;
        s.backgroundSource = pseudo->backgroundSource;
        s.seed = pseudo->seed;
        s.featherPx = pseudo->featherPx;
        s.reuseCleanMask = pseudo->cleanMaskForComposite;
        // Compositing needs a silhouette of the clean image even when extraction is off; textures
        // have no background to replace.
        if (!routing().compositing)
            s.composite = false;
    }
    return s;
}

RunConfig TrainingSession::Impl::withAutoResolved(RunConfig c) const
{
    if (!pose || (c.scorer != "auto" && c.align != "auto"))
        return c;
    const bool free = pose->freeRotation;
    if (c.scorer == "auto")
        c.scorer = free ? "knn" : "discriminator";
    if (c.align == "auto") {
        c.align = free ? "on" : "off";
        if (free) {
            // The aligned object spans most of the frame's width: a centre crop would cut its ends.
            c.resize = c.imageSize;
            // Its outline is where thread and edge defects are: removing the (plain) background and the
            // band along the silhouette cost screw 0.04 to 0.11 image AUROC with every fill (docs/results.md).
            c.foreground = false;
        }
    }
    return c;
}

void TrainingSession::Impl::resolveAuto(const CancelToken &cancel)
{
    if (config.scorer != "auto" && config.align != "auto") {
        if (scorerChoice.empty())
            scorerChoice = "set in the run's configuration";
        return;
    }
    if (!pose) {
        PoseSurvey survey;
        if (kind() == CategoryKind::Object) {
            const std::vector<ImageRecord> &records = category.train;
            std::vector<cv::Mat> masks(records.size());
            parallelFor(records.size(), std::max(1, at::get_num_threads()), [&](std::size_t i, int) {
                cancel.throwIfCancelled();
                masks[i] = plainBackgroundSilhouette(readImageRgb(records[i].image));
            });
            survey = surveyPose(masks);
        }
        pose = survey;
    }
    config = withAutoResolved(config);
    scorerChoice = "auto: "
                   + std::string(kind() != CategoryKind::Object ? "a texture"
                                 : pose->freeRotation           ? "objects lie at any angle on a plain background"
                                                                : "objects keep one pose or are round")
                   + (pose->images > 0 ? " (" + pose->summary() + ")" : std::string())
                   + (pose->freeRotation && !config.foreground ? "; background kept" : "");
}

void TrainingSession::Impl::ensureBackbone()
{
    const std::string key = currentBackboneKey();
    if (extractor && key == backboneKey)
        return;
    if (!config.backboneWeights.empty())
        verifiedSha256(config.backboneWeights); // refuses a torchvision file whose hash does not match its name
    backbone = makeBackbone(config.backbone, config.backboneWeights, static_cast<unsigned>(config.seed));
    extractor = std::make_unique<FeatureExtractor>(backbone, FeatureGeometry{config.resize, config.imageSize});
    backboneKey = key;
    train.clear();
    trainKey.clear();
    releasedTrainScale = 0.0;
    testBanks.clear();
    testBankOrder.clear();
}

void TrainingSession::Impl::ensureForegroundModel(const ProgressFn &progress, const CancelToken &cancel)
{
    if (foregroundModel || !usesForegroundModel())
        return;
    const std::vector<ImageRecord> &records = category.train;
    std::vector<cv::Mat> images(records.size()), masks(records.size());
    const MaskCache cache(maskCacheDirFor(category));
    ClassicalSegmenter border(ClassicalSegmenter::Background::Plain);
    SerialProgress step(progress, "foreground model", static_cast<std::int64_t>(records.size()));
    parallelFor(records.size(), at::get_num_threads(), [&](std::size_t i, int) {
        cancel.throwIfCancelled();
        cv::Mat rgb = readImageRgb(records[i].image);
        const std::string key = MaskCache::contentKey(rgb);
        std::optional<cv::Mat> mask = cache.find(key, border.cacheKey());
        if (!mask || mask->size() != rgb.size()) {
            mask = border.segment(rgb).mask;
            try {
                cache.store(key, border.cacheKey(), *mask, border.name());
            } catch (const Error &) {
                // A read-only cache folder costs time, not correctness.
            }
        }
        if (!implausibleMask(*mask)) {
            images[i] = std::move(rgb);
            masks[i] = std::move(*mask);
        }
        step.step();
    });
    std::vector<cv::Mat> usedImages, usedMasks;
    for (std::size_t i = 0; i < records.size(); ++i)
        if (!images[i].empty()) {
            usedImages.push_back(std::move(images[i]));
            usedMasks.push_back(std::move(masks[i]));
        }
    if (usedImages.empty())
        return; // no usable training silhouette: the border-colour segmenter stays in charge
    foregroundModel = std::make_shared<const ForegroundModel>(ForegroundModel::fit(usedImages, usedMasks));
}

void TrainingSession::Impl::extractInto(FeatureBank &bank, std::vector<PreparedInfo> *infos, const std::vector<ImageRecord> &records,
                 const PreparationSpec &s, const std::string &stage, const ProgressFn &progress,
                 const CancelToken &cancel, std::vector<std::array<at::Tensor, 2>> *taps)
{
    // Preparation (reading, compositing, segmentation) runs on all cores, images in parallel, one
    // preparer per worker; SAM 2 keeps one model and its own intra-op threads.
    const bool sam2 = usesSam2(s.segmenter, s.sam2Weights.string());
    const int workers = sam2 ? 1 : std::max(1, at::get_num_threads());
    std::vector<std::unique_ptr<ImagePreparer>> preparers;
    for (int w = 0; w < workers; ++w)
        preparers.push_back(std::make_unique<ImagePreparer>(s, maskCacheDirFor(category)));
    if (s.removeBackground || s.composite)
        segmenterName = preparers.front()->segmenterName();
    const std::string prepStage = s.composite ? "compositing" : (s.removeBackground ? "segmentation" : "");
    const auto total = static_cast<std::int64_t>(records.size());
    std::vector<PreparedInfo> info(records.size());
    FeatureBank out;
    // Chunks bound the memory of prepared inputs; the backbone runs on each chunk in batches.
    constexpr std::size_t kChunk = 32, kBatch = 8;
    SerialProgress prepared(progress, prepStage, total);
    for (std::size_t first = 0; first < records.size(); first += kChunk) {
        const std::size_t last = std::min(records.size(), first + kChunk);
        std::vector<at::Tensor> inputs(last - first);
        parallelFor(last - first, workers, [&](std::size_t k, int worker) {
            cancel.throwIfCancelled();
            const std::size_t i = first + k;
            inputs[k] = extractor->preprocess(preparers[static_cast<std::size_t>(worker)]->prepare(records[i], &info[i]));
            if (!prepStage.empty())
                prepared.step();
        });
        for (std::size_t b = 0; b < inputs.size(); b += kBatch) {
            cancel.throwIfCancelled();
            const std::vector<at::Tensor> batch(inputs.begin() + static_cast<std::ptrdiff_t>(b),
                                                inputs.begin() + static_cast<std::ptrdiff_t>(std::min(inputs.size(), b + kBatch)));
            if (taps) {
                const std::vector<at::Tensor> t = extractor->taps(at::stack(batch));
                for (std::int64_t j = 0; j < t.at(0).size(0); ++j)
                    taps->push_back({t[0][j].clone(), t[1][j].clone()});
            } else {
                const at::Tensor features = extractor->extract(at::stack(batch));
                for (std::int64_t j = 0; j < features.size(0); ++j)
                    out.add(features[j]);
            }
            report(progress, stage, static_cast<std::int64_t>(first + std::min(inputs.size(), b + kBatch)), total);
        }
    }
    bank = std::move(out);
    if (infos)
        *infos = std::move(info);
}

std::size_t TestFeatures::bytes() const
{
    std::size_t total = rows.bytes();
    for (const auto &t : taps)
        total += static_cast<std::size_t>(t[0].nbytes() + t[1].nbytes());
    return total;
}

TestFeatures &TrainingSession::Impl::testBank(const PreparationSpec &s, const ProgressFn &progress, const CancelToken &cancel)
{
    ensureBackbone();
    const std::string key = s.key();
    if (const auto it = testBanks.find(key); it != testBanks.end()) {
        if (!usesKnn() || !it->second.taps.empty())
            return it->second;
        // Patch rows kept for the discriminator of a wide backbone; the kNN scorer needs the taps.
        testBanks.erase(it);
        testInfo.erase(key);
        testBankOrder.erase(std::find(testBankOrder.begin(), testBankOrder.end(), key));
    }
    TestFeatures bank;
    std::vector<PreparedInfo> info;
    // Test images are only scored: where the heads fold into the taps, the taps are all that is kept.
    extractInto(bank.rows, &info, category.test, s, s.composite ? "features (pseudo-backgrounds)" : "features (test)",
                progress, cancel, usesKnn() || TapScorer::folds(extractor->backbone()) ? &bank.taps : nullptr);
    // Keep at most three test sets (static + two backgrounds) in memory.
    if (testBankOrder.size() >= 3) {
        testBanks.erase(testBankOrder.front());
        testInfo.erase(testBankOrder.front());
        testBankOrder.erase(testBankOrder.begin());
    }
    testBankOrder.push_back(key);
    testInfo[key] = std::move(info);
    return testBanks.emplace(key, std::move(bank)).first->second;
}

const std::vector<Mask8> &TrainingSession::Impl::groundTruth()
{
    if (gtCache.size() == category.test.size())
        return gtCache;
    std::vector<Mask8> gts;
    for (const auto &r : category.test) {
        if (r.mask.empty()) {
            gts.push_back({config.imageSize, config.imageSize,
                           std::vector<std::uint8_t>(static_cast<std::size_t>(config.imageSize * config.imageSize), 0)});
        } else {
            gts.push_back(maskToCropFrame(readMask(r.mask), config.resize, config.imageSize));
        }
    }
    gtCache = std::move(gts);
    return gtCache;
}

} // namespace s2s
