#pragma once

#include "engine/core/progress.h"
#include "engine/core/score_map.h"
#include "engine/inspect/lot_threshold.h"
#include "engine/pipeline/run_folder.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace s2s {

enum class Verdict { Ok, Ng };
const char *verdictText(Verdict verdict); // "OK" / "NG"

// One inspected image. Plain values (no tensors), so it crosses into the UI and worker queues.
struct InspectResult
{
    std::filesystem::path path;
    std::string error;          // non-empty: the image could not be read or scored (one line naming it)
    float score = 0.f;          // the run's image score, higher = more anomalous
    double threshold = 0.0;     // the threshold the verdict was taken at
    Verdict verdict = Verdict::Ok;
    double milliseconds = 0.0;  // reading, preparation and its share of the batch's backbone pass
    std::string maskSource;     // who made the foreground mask; empty when the run keeps backgrounds
    std::string sha256;         // of the file's bytes as inspected
    int width = 0;              // the original image's size
    int height = 0;
    ScoreMap cropMap;           // anomaly map in the crop frame (imageSize^2); empty when maps are off
    Mask8 foreground;           // 0/255 at the original size; empty when the run keeps backgrounds

    bool ok() const { return error.empty(); }
};

// What a lot pass did.
struct LotStats
{
    std::size_t inspected = 0; // scored images
    std::size_t failed = 0;    // unreadable inputs (results with an error)
    double seconds = 0.0;      // wall time of the pass (inspection only, the run already loaded)
    bool cancelled = false;    // stopped early by the token; the results given so far stand
};

// A run folder at work on new, unlabelled images: the run's preparation (foreground extraction with the
// run's extractor when it removes backgrounds), backbone and heads, scored exactly as `eval` scores its
// test images, with a verdict at a threshold (the run's own unless set). Loading takes the backbone and
// heads once; every call after that is inspection only. One call at a time (calls use worker threads
// themselves); results are plain values, safe to hand to another thread.
class Inspector
{
public:
    // threads: preparation workers and LibTorch intra-op threads (0: all cores). Throws s2s::Error
    // naming the run's file that is missing or does not belong.
    explicit Inspector(const std::filesystem::path &runDir, int threads = 0);
    ~Inspector();
    Inspector(const Inspector &) = delete;
    Inspector &operator=(const Inspector &) = delete;

    const RunSummary &run() const;
    std::string runId() const;
    bool removesBackground() const;
    std::string segmenterName() const; // empty when the run keeps backgrounds
    int threads() const;

    const LotThreshold &threshold() const;
    void setThreshold(const LotThreshold &threshold);
    // Anomaly maps cost a little time per image; off, results carry none (scores are unchanged).
    void setKeepMaps(bool keep);

    // One image (a watched folder's arrival). `bytes`: the file's content when the caller already read
    // it (empty: read here). Never throws for a bad image: the result carries the error.
    InspectResult inspect(const std::filesystem::path &image, const std::string &bytes = {});

    // A lot, in batches over the worker threads. onResult is called once per input, in input order, on
    // the calling thread, as soon as its batch is done; progress reports stage "inspect". Cancelling
    // finishes the batch in flight and returns with cancelled set (no exception).
    LotStats inspectLot(const std::vector<std::filesystem::path> &images,
                        const std::function<void(InspectResult &&)> &onResult, const ProgressFn &progress = {},
                        const CancelToken &cancel = {});

    // The crop-frame map of a result mapped back onto its original image (pixels outside the crop get
    // the map's minimum), for display.
    ScoreMap originalFrameMap(const InspectResult &result) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace s2s
