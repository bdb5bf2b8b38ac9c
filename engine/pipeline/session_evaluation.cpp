#include "engine/pipeline/session_state.h"

#include "engine/core/error.h"
#include "engine/core/failure_text.h"
#include "engine/core/threads.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/run_folder.h"
#include "engine/simplenet/tap_scorer.h"
#include "engine/weights/weights_catalog.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <future>
#include <optional>

namespace s2s {

Evaluation TrainingSession::evaluate(const EvalOptions &options, const ProgressFn &progress, const CancelToken &cancel)
{
    configureThreads(d->config.threads);
    d->resolveAuto(cancel);
    if (!d->trained())
        throw Error("evaluate: the model is not trained yet");
    d->ensureBackbone();
    const auto start = SessionClock::now();
    if (d->removesBackground() || options.background == BackgroundMode::Pseudo)
        d->ensureForegroundModel(progress, cancel);
    const PreparationSpec s = d->spec(&options);
    const TestFeatures &bank = d->testBank(s, progress, cancel);
    std::optional<TapScorer> tapScorer;
    if (!bank.taps.empty() && !d->knn)
        tapScorer.emplace(*d->extractor, d->fused);
    const std::vector<PreparedInfo> &info = d->testInfo[s.key()];

    Evaluation ev;
    ev.options = options;
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    std::vector<ScoreMap> maps;
    for (std::size_t i = 0; i < d->category.test.size(); ++i) {
        cancel.throwIfCancelled();
        const at::Tensor grid
            = d->knn     ? d->knn->score(bank.taps[i][0].unsqueeze(0), bank.taps[i][1].unsqueeze(0))[0]
              : tapScorer ? tapScorer->scoreTaps(bank.taps[i][0].unsqueeze(0), bank.taps[i][1].unsqueeze(0))[0]
                          : patchScoreGrid(d->fused, bank.rows.rows(i), bank.rows.height(), bank.rows.width());
        const float score = imageScore(grid);
        // A NaN would drop out of the metrics without a word (they would read "undefined").
        if (!std::isfinite(score))
            throw Error(nonFiniteScoreMessage(d->category.test[i].image, score));
        ImageResult result;
        result.record = d->category.test[i];
        result.score = score;
        if (i < info.size()) {
            result.background = info[i].background;
            result.maskIou = info[i].maskIou;
            result.maskSource = info[i].maskSource;
        }
        ev.images.push_back(std::move(result));
        scores.push_back(score);
        labels.push_back(static_cast<std::uint8_t>(d->category.test[i].label));
        if (options.computeMaps) {
            ScoreMap map = pixelMap(grid, d->config.imageSize);
            // Scored on the aligned image: the map goes back onto the image as it was taken.
            if (i < info.size() && info[i].alignment)
                map = alignedMapToCropFrame(map, *info[i].alignment, info[i].width, info[i].height, d->config.resize);
            maps.push_back(std::move(map));
        }
        report(progress, "score", static_cast<std::int64_t>(i + 1), static_cast<std::int64_t>(d->category.test.size()));
    }
    const double nan = std::nan("");
    ev.metrics = {nan, nan, nan, nan, nan, 0, 0};
    try {
        ev.imageRoc = rocCurve(scores, labels);
        ev.metrics.imageAuroc = ev.imageRoc.auroc;
        const F1Max f1 = f1Max(scores, labels);
        ev.metrics.f1Max = f1.f1;
        ev.metrics.f1Threshold = f1.threshold;
    } catch (const Error &) {
        // One class only (e.g. no defect images): image metrics are undefined, not an error.
    }
    if (options.computeMaps) {
        report(progress, "pixel metrics", 0, 1);
        const auto &allGts = d->groundTruth();
        // Defect images without a mask have no pixel truth: they are left out of the pixel metrics.
        std::vector<ScoreMap> pixelMaps;
        std::vector<Mask8> gts;
        for (std::size_t i = 0; i < maps.size(); ++i) {
            const ImageRecord &r = d->category.test[i];
            if (r.label == 1 && r.mask.empty()) {
                ++ev.metrics.defectsWithoutMask;
                continue;
            }
            pixelMaps.push_back(maps[i]);
            gts.push_back(allGts[i]);
        }
        ev.metrics.pixelImages = static_cast<int>(pixelMaps.size());
        try {
            // The two pixel metrics sort the same millions of pixels: side by side on two cores.
            std::future<double> pro = std::async(std::launch::async, [&] { return auPro(pixelMaps, gts, 0.3); });
            const RocCurve pixel = pixelRocCurve(pixelMaps, gts);
            ev.metrics.pixelAuroc = pixel.auroc;
            ev.pixelRoc = pixel.downsampled(512);
            ev.metrics.auPro = pro.get();
        } catch (const Error &) {
            // No anomalous pixels among the images with pixel truth.
        }
        d->lastMaps = std::move(maps);
        report(progress, "pixel metrics", 1, 1);
    }
    d->lastTestSpec = s;
    ev.imageRoc = ev.imageRoc.downsampled(512);
    ev.seconds = secondsSince(start);
    d->timings.evaluation = ev.seconds;
    return ev;
}

ScoreMap TrainingSession::anomalyMap(std::size_t testIndex, bool originalFrame) const
{
    if (testIndex >= d->lastMaps.size())
        return {};
    const ScoreMap &crop = d->lastMaps[testIndex];
    if (!originalFrame)
        return crop;
    const cv::Size size = readImageSize(d->category.test[testIndex].image);
    return cropFrameToOriginal(crop, size.width, size.height, d->config.resize);
}

std::vector<std::uint8_t> TrainingSession::preparedImagePng(std::size_t testIndex) const
{
    if (testIndex >= d->category.test.size())
        return {};
    // Shown under maps that are in the original image's frame: the preparation without the turn.
    PreparationSpec spec = d->lastTestSpec.value_or(d->spec(nullptr));
    spec.align = false;
    ImagePreparer preparer(spec, maskCacheDirFor(d->category));
    cv::Mat rgb = preparer.prepare(d->category.test[testIndex]);
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<std::uint8_t> png;
    cv::imencode(".png", bgr, png);
    return png;
}

} // namespace s2s
