#pragma once

#include "engine/core/score_map.h"

#include <cstdint>
#include <span>
#include <vector>

namespace s2s {

// A ROC curve with sklearn.metrics.roc_curve semantics (drop_intermediate=False): thresholds in
// decreasing order, the first point (0,0) at threshold +inf, ties collapsed into one point.
struct RocCurve
{
    std::vector<double> fpr;
    std::vector<double> tpr;
    std::vector<double> thresholds;
    double auroc = 0.0;

    // A copy with at most maxPoints points (first and last kept), for plots and files.
    RocCurve downsampled(std::size_t maxPoints) const;
};

// labels: 0 normal, non-zero anomalous. Throws s2s::Error when one class is absent.
RocCurve rocCurve(std::span<const float> scores, std::span<const std::uint8_t> labels);
double auroc(std::span<const float> scores, std::span<const std::uint8_t> labels);

struct F1Max
{
    double f1 = 0.0;
    double threshold = 0.0; // predict anomalous when score >= threshold
    double precision = 0.0;
    double recall = 0.0;
};
F1Max f1Max(std::span<const float> scores, std::span<const std::uint8_t> labels);

// Pixel-level ROC over many maps without concatenating them: maps[i] and gts[i] have the same size.
RocCurve pixelRocCurve(const std::vector<ScoreMap> &maps, const std::vector<Mask8> &gts);

// MVTec AU-PRO: per-region overlap vs. FPR up to fprLimit, area normalised by fprLimit.
double auPro(const std::vector<ScoreMap> &maps, const std::vector<Mask8> &gts, double fprLimit = 0.3);

// Confusion counts at a threshold (score >= threshold is anomalous).
struct Confusion
{
    std::int64_t tp = 0, fp = 0, tn = 0, fn = 0;
};
Confusion confusionAt(std::span<const float> scores, std::span<const std::uint8_t> labels,
                      double threshold);

// Smallest threshold whose false-positive rate on normal images is <= maxFpr.
double thresholdForFpr(std::span<const float> scores, std::span<const std::uint8_t> labels, double maxFpr);

} // namespace s2s
