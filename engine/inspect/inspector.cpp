#include "engine/inspect/inspector.h"

#include "engine/backbone/feature_extractor.h"
#include "engine/core/error.h"
#include "engine/core/failure_text.h"
#include "engine/core/json_file.h"
#include "engine/core/parallel.h"
#include "engine/core/threads.h"
#include "engine/foreground/foreground_model.h"
#include "engine/io/checkpoint.h"
#include "engine/io/image_io.h"
#include "engine/io/sha256.h"
#include "engine/pipeline/image_preparer.h"
#include "engine/pipeline/object_pose.h"
#include "engine/pipeline/routing.h"
#include "engine/simplenet/knn_scorer.h"
#include "engine/simplenet/scorer.h"
#include "engine/simplenet/simplenet_heads.h"
#include "engine/simplenet/tap_scorer.h"
#include "engine/weights/weights_catalog.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <exception>
#include <optional>

namespace s2s {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point since)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

std::string lower(std::string text)
{
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// An image of a batch between preparation and scoring.
struct Pending
{
    InspectResult result;
    at::Tensor input; // [3, S, S]; undefined when the image failed
    cv::Mat extracted;
    std::optional<cv::Matx23d> alignment; // the turn the preparation applied (runs that align)
    double prepareMs = 0.0;
};

} // namespace

const char *verdictText(Verdict verdict)
{
    return verdict == Verdict::Ng ? "NG" : "OK";
}

struct Inspector::Impl
{
    RunSummary run;
    std::string runId;
    CategoryKind kind = CategoryKind::Object;
    bool removeBackground = false;
    std::string segmenterName;
    int threads = 1;
    bool keepMaps = true;
    LotThreshold threshold;
    std::unique_ptr<FeatureExtractor> extractor;
    std::unique_ptr<TapScorer> scorer;
    std::unique_ptr<KnnScorer> knn; // instead of `scorer` for runs with the kNN scorer
    std::vector<std::unique_ptr<ImagePreparer>> preparers; // one per worker

    void prepare(Pending &p, const std::string &bytes, ImagePreparer &preparer) const
    {
        const auto start = Clock::now();
        try {
            const std::string data = bytes.empty() ? readImageBytes(p.result.path) : bytes;
            p.result.sha256 = sha256Bytes(data);
            cv::Mat rgb = decodeImageRgb(data, p.result.path);
            p.result.width = rgb.cols;
            p.result.height = rgb.rows;
            ImageRecord record;
            record.image = p.result.path;
            record.split = Split::Test;
            PreparedInfo info;
            // The preparation of `eval`: extraction with the run's extractor when it removes backgrounds.
            const cv::Mat prepared = preparer.prepareDecoded(std::move(rgb), record, &info, &p.extracted);
            p.result.maskSource = info.maskSource;
            p.alignment = info.alignment;
            p.input = extractor->preprocess(prepared);
        } catch (const std::exception &e) {
            std::string what = e.what();
            what = what.substr(0, what.find('\n'));
            p.result.error = what.rfind(p.result.path.string(), 0) == 0 ? what : p.result.path.string() + ": " + what;
            p.input = at::Tensor();
        }
        p.prepareMs = msSince(start);
    }

    // Backbone pass over the prepared images of a batch, then scores, verdicts and maps.
    void score(std::vector<Pending> &batch) const
    {
        std::vector<at::Tensor> inputs;
        for (const Pending &p : batch)
            if (p.input.defined())
                inputs.push_back(p.input);
        if (inputs.empty())
            return;
        const auto start = Clock::now();
        at::Tensor grids;
        if (knn) {
            const std::vector<at::Tensor> taps = extractor->taps(at::stack(inputs));
            grids = knn->score(taps.at(0), taps.at(1));
        } else {
            grids = scorer->scoreGrids(at::stack(inputs));
        }
        std::int64_t j = 0;
        std::vector<Pending *> scored;
        for (Pending &p : batch) {
            if (!p.input.defined())
                continue;
            const at::Tensor grid = grids[j++];
            p.result.score = imageScore(grid);
            // isNg(NaN) is false: a NaN would pass as OK.
            if (!std::isfinite(p.result.score)) {
                p.result.error = nonFiniteScoreMessage(p.result.path, p.result.score);
                continue;
            }
            p.result.threshold = threshold.value;
            p.result.verdict = isNg(p.result.score, threshold.value) ? Verdict::Ng : Verdict::Ok;
            if (keepMaps) {
                p.result.cropMap = pixelMap(grid, run.config.imageSize);
                if (p.alignment)
                    p.result.cropMap = alignedMapToCropFrame(p.result.cropMap, *p.alignment, p.result.width,
                                                             p.result.height, run.config.resize);
            }
            if (removeBackground && !p.extracted.empty()) {
                const cv::Mat &m = p.extracted;
                p.result.foreground = {m.cols, m.rows, std::vector<std::uint8_t>(m.datastart, m.dataend)};
            }
            scored.push_back(&p);
        }
        const double share = msSince(start) / static_cast<double>(scored.size());
        for (Pending *p : scored)
            p->result.milliseconds = p->prepareMs + share;
    }
};

Inspector::Inspector(const fs::path &runDir, int threads)
    : d(std::make_unique<Impl>())
{
    verifyRunFolder(runDir);
    d->run = loadRunSummary(runDir);
    const RunConfig &config = d->run.config;
    const fs::path configFile = runDir / "config.json";
    const nlohmann::json stored = readJsonFile(configFile);
    d->runId = jsonString(stored, "run_id", std::string(), configFile.string());
    if (config.kindOverride) {
        d->kind = *config.kindOverride;
    } else if (const auto kind = categoryKindFromString(jsonString(stored, "kind", std::string(), configFile.string()))) {
        d->kind = *kind;
    } else {
        d->kind = defaultCategoryKind(config.category);
    }
    // The run removed backgrounds when its config asked for it on an object whose background carries no
    // information; metrics.json names the extractor then ("segmenter" null: it kept them).
    const auto segmenter = d->run.metrics.find("segmenter");
    const bool keptByRun = segmenter != d->run.metrics.end() && segmenter->is_null();
    d->removeBackground = config.foreground && d->kind == CategoryKind::Object && lower(config.category) != "transistor"
                          && !keptByRun;

    d->threads = configureThreads(threads > 0 ? threads : config.threads);
    PreparationSpec spec;
    spec.removeBackground = d->removeBackground;
    spec.segmenter = config.segmenter;
    spec.sam2Weights = config.sam2Weights;
    spec.fill = config.backgroundFill;
    spec.align = config.align == "on";
    if (config.segmenter != "border") {
        if (const fs::path model = runDir / "foreground_model.safetensors"; fs::exists(model))
            spec.foregroundModel = std::make_shared<const ForegroundModel>(ForegroundModel::load(model));
    }
    // SAM 2 keeps one model with its own intra-op threads; classical extraction runs one image per worker.
    const bool sam2 = usesSam2(spec.segmenter, spec.sam2Weights.string());
    const int workers = d->removeBackground && sam2 ? 1 : std::max(1, d->threads);
    for (int w = 0; w < workers; ++w)
        d->preparers.push_back(std::make_unique<ImagePreparer>(spec, fs::path())); // no mask cache: each image is new
    if (d->removeBackground)
        d->segmenterName = d->preparers.front()->segmenterName();

    if (!config.backboneWeights.empty())
        verifiedSha256(config.backboneWeights);
    std::shared_ptr<Backbone> backbone = makeBackbone(config.backbone, config.backboneWeights,
                                                      static_cast<unsigned>(config.seed));
    d->extractor = std::make_unique<FeatureExtractor>(backbone, FeatureGeometry{config.resize, config.imageSize});
    if (config.scorer == "knn") {
        d->knn = std::make_unique<KnnScorer>(
            KnnScorer::loadForRun(runDir / "knn_bank.safetensors", backbone->tapChannels(), config.imageSize));
    } else {
        const fs::path headsFile = runDir / "heads.safetensors";
        const Checkpoint ckpt = readCheckpoint(headsFile);
        SimpleNetHeads heads(1536, config.dscHidden, 0);
        heads->loadStateDict(ckpt.tensors, headsFile.string());
        heads->eval();
        d->scorer = std::make_unique<TapScorer>(*d->extractor, FusedHeads::fromHeads(heads));
    }
    d->threshold = lotThreshold(d->run, {});
}

Inspector::~Inspector() = default;

const RunSummary &Inspector::run() const { return d->run; }
std::string Inspector::runId() const { return d->runId; }
bool Inspector::removesBackground() const { return d->removeBackground; }
std::string Inspector::segmenterName() const { return d->segmenterName; }
int Inspector::threads() const { return d->threads; }
const LotThreshold &Inspector::threshold() const { return d->threshold; }
void Inspector::setThreshold(const LotThreshold &threshold) { d->threshold = threshold; }
void Inspector::setKeepMaps(bool keep) { d->keepMaps = keep; }

InspectResult Inspector::inspect(const fs::path &image, const std::string &bytes)
{
    configureThreads(d->threads);
    std::vector<Pending> batch(1);
    batch[0].result.path = image;
    d->prepare(batch[0], bytes, *d->preparers.front());
    try {
        d->score(batch);
    } catch (const std::exception &e) {
        std::string what = e.what();
        batch[0].result.error = image.string() + ": " + what.substr(0, what.find('\n'));
    }
    return std::move(batch[0].result);
}

LotStats Inspector::inspectLot(const std::vector<fs::path> &images, const std::function<void(InspectResult &&)> &onResult,
                               const ProgressFn &progress, const CancelToken &cancel)
{
    configureThreads(d->threads);
    const auto start = Clock::now();
    LotStats stats;
    const auto total = static_cast<std::int64_t>(images.size());
    // Batches amortise the backbone and keep results flowing (and cancelling prompt) on long lots.
    constexpr std::size_t kBatch = 8;
    report(progress, "inspect", 0, total);
    for (std::size_t first = 0; first < images.size(); first += kBatch) {
        if (cancel.isCancelled()) {
            stats.cancelled = true;
            break;
        }
        const std::size_t last = std::min(images.size(), first + kBatch);
        std::vector<Pending> batch(last - first);
        for (std::size_t k = 0; k < batch.size(); ++k)
            batch[k].result.path = images[first + k];
        parallelFor(batch.size(), static_cast<int>(d->preparers.size()), [&](std::size_t k, int worker) {
            d->prepare(batch[k], {}, *d->preparers[static_cast<std::size_t>(worker)]);
        });
        d->score(batch);
        for (Pending &p : batch) {
            (p.result.ok() ? stats.inspected : stats.failed) += 1;
            if (onResult)
                onResult(std::move(p.result));
        }
        report(progress, "inspect", static_cast<std::int64_t>(last), total);
    }
    stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return stats;
}

ScoreMap Inspector::originalFrameMap(const InspectResult &result) const
{
    if (result.cropMap.empty() || result.width <= 0 || result.height <= 0)
        return {};
    return cropFrameToOriginal(result.cropMap, result.width, result.height, d->run.config.resize);
}

} // namespace s2s
