#include "engine/eval/metrics.h"

#include "engine/core/error.h"

#include <opencv2/core/mat.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <string>

namespace s2s {

namespace {

// Maps a float to a uint32 whose unsigned order is the float order (NaN is rejected earlier).
std::uint32_t sortableBits(float value)
{
    const auto bits = std::bit_cast<std::uint32_t>(value == 0.f ? 0.f : value); // -0 == +0
    return (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
}

float fromSortableBits(std::uint32_t key)
{
    const std::uint32_t bits = (key & 0x80000000u) ? (key & 0x7fffffffu) : ~key;
    return std::bit_cast<float>(bits);
}

void checkScores(std::span<const float> scores, std::size_t labels, const char *what)
{
    if (scores.size() != labels)
        throw Error(std::string(what) + ": " + std::to_string(scores.size()) + " scores but "
                    + std::to_string(labels) + " labels");
    for (float s : scores)
        if (std::isnan(s))
            throw Error(std::string(what) + ": a score is NaN");
}

// Sorts keys ascending by their bits [lowBit, highBit); the order of keys equal in those bits is
// unspecified. A stable LSD radix sort of 11-bit digits: on the millions of pixel keys of a pixel ROC
// it is several times faster than std::sort, and the bits below lowBit need no pass.
void sortByBits(std::vector<std::uint64_t> &keys, unsigned lowBit, unsigned highBit)
{
    if (keys.size() < (1u << 16)) {
        const std::uint64_t mask = (highBit >= 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << highBit) - 1))
                                   & ~((std::uint64_t{1} << lowBit) - 1);
        std::sort(keys.begin(), keys.end(), [mask](std::uint64_t a, std::uint64_t b) { return (a & mask) < (b & mask); });
        return;
    }
    constexpr unsigned digitBits = 11;
    constexpr std::size_t buckets = std::size_t{1} << digitBits;
    std::vector<std::uint64_t> scratch(keys.size());
    std::vector<std::size_t> counts(buckets);
    for (unsigned shift = lowBit; shift < highBit; shift += digitBits) {
        const unsigned width = std::min(digitBits, highBit - shift);
        const std::uint64_t digitMask = (std::uint64_t{1} << width) - 1;
        std::fill(counts.begin(), counts.end(), 0);
        for (std::uint64_t k : keys)
            ++counts[(k >> shift) & digitMask];
        std::size_t sum = 0;
        for (std::size_t &c : counts) {
            const std::size_t n = c;
            c = sum;
            sum += n;
        }
        for (std::uint64_t k : keys)
            scratch[counts[(k >> shift) & digitMask]++] = k;
        keys.swap(scratch);
    }
}

// The exact sklearn _binary_clf_curve: one point per distinct score, in decreasing score order.
// keys: (sortable score << 1 | label) sorted ascending; walking from the end gives decreasing scores.
RocCurve curveFromSortedKeys(const std::vector<std::uint64_t> &keys, double positives, double negatives)
{
    RocCurve roc;
    roc.fpr.push_back(0.0);
    roc.tpr.push_back(0.0);
    roc.thresholds.push_back(std::numeric_limits<double>::infinity());
    double tp = 0.0, fp = 0.0;
    for (std::size_t i = keys.size(); i-- > 0;) {
        if (keys[i] & 1u)
            tp += 1.0;
        else
            fp += 1.0;
        const std::uint32_t score = static_cast<std::uint32_t>(keys[i] >> 1);
        if (i == 0 || static_cast<std::uint32_t>(keys[i - 1] >> 1) != score) {
            roc.fpr.push_back(fp / negatives);
            roc.tpr.push_back(tp / positives);
            roc.thresholds.push_back(fromSortableBits(score));
        }
    }
    double area = 0.0;
    for (std::size_t i = 1; i < roc.fpr.size(); ++i)
        area += (roc.fpr[i] - roc.fpr[i - 1]) * (roc.tpr[i] + roc.tpr[i - 1]) / 2.0;
    roc.auroc = area;
    return roc;
}

} // namespace

RocCurve RocCurve::downsampled(std::size_t maxPoints) const
{
    if (fpr.size() <= maxPoints || maxPoints < 2)
        return *this;
    RocCurve out;
    out.auroc = auroc;
    const double step = static_cast<double>(fpr.size() - 1) / static_cast<double>(maxPoints - 1);
    for (std::size_t k = 0; k < maxPoints; ++k) {
        const auto i = static_cast<std::size_t>(std::llround(k * step));
        out.fpr.push_back(fpr[i]);
        out.tpr.push_back(tpr[i]);
        out.thresholds.push_back(thresholds[i]);
    }
    return out;
}

RocCurve rocCurve(std::span<const float> scores, std::span<const std::uint8_t> labels)
{
    checkScores(scores, labels.size(), "ROC");
    std::vector<std::uint64_t> keys(scores.size());
    double positives = 0.0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const bool pos = labels[i] != 0;
        positives += pos ? 1.0 : 0.0;
        keys[i] = (static_cast<std::uint64_t>(sortableBits(scores[i])) << 1) | (pos ? 1u : 0u);
    }
    const double negatives = static_cast<double>(scores.size()) - positives;
    if (positives == 0.0 || negatives == 0.0)
        throw Error("ROC: needs both normal and anomalous samples (got " + std::to_string(static_cast<long long>(negatives))
                    + " normal, " + std::to_string(static_cast<long long>(positives)) + " anomalous)");
    std::sort(keys.begin(), keys.end());
    return curveFromSortedKeys(keys, positives, negatives);
}

double auroc(std::span<const float> scores, std::span<const std::uint8_t> labels)
{
    return rocCurve(scores, labels).auroc;
}

F1Max f1Max(std::span<const float> scores, std::span<const std::uint8_t> labels)
{
    const RocCurve roc = rocCurve(scores, labels);
    double positives = 0.0;
    for (auto l : labels)
        positives += l ? 1.0 : 0.0;
    const double negatives = static_cast<double>(labels.size()) - positives;
    F1Max best;
    best.threshold = roc.thresholds.size() > 1 ? roc.thresholds[1] : 0.0;
    for (std::size_t i = 1; i < roc.fpr.size(); ++i) {
        const double tp = roc.tpr[i] * positives;
        const double fp = roc.fpr[i] * negatives;
        const double precision = tp + fp > 0 ? tp / (tp + fp) : 0.0;
        const double recall = roc.tpr[i];
        const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        if (f1 > best.f1) {
            best = {f1, roc.thresholds[i], precision, recall};
        }
    }
    return best;
}

RocCurve pixelRocCurve(const std::vector<ScoreMap> &maps, const std::vector<Mask8> &gts)
{
    if (maps.size() != gts.size())
        throw Error("pixel ROC: " + std::to_string(maps.size()) + " maps but " + std::to_string(gts.size())
                    + " masks");
    std::size_t total = 0;
    for (std::size_t i = 0; i < maps.size(); ++i) {
        if (maps[i].width != gts[i].width || maps[i].height != gts[i].height
            || maps[i].values.size() != gts[i].values.size())
            throw Error("pixel ROC: map " + std::to_string(i) + " is " + std::to_string(maps[i].width) + "x"
                        + std::to_string(maps[i].height) + " but its mask is " + std::to_string(gts[i].width)
                        + "x" + std::to_string(gts[i].height));
        total += maps[i].values.size();
    }
    // One packed 8-byte key per pixel (score bits and label): a single sort, no index indirection.
    std::vector<std::uint64_t> keys;
    keys.reserve(total);
    double positives = 0.0;
    for (std::size_t i = 0; i < maps.size(); ++i) {
        const auto &v = maps[i].values;
        const auto &g = gts[i].values;
        for (std::size_t k = 0; k < v.size(); ++k) {
            if (std::isnan(v[k]))
                throw Error("pixel ROC: map " + std::to_string(i) + " contains NaN");
            const bool pos = g[k] != 0;
            positives += pos ? 1.0 : 0.0;
            keys.push_back((static_cast<std::uint64_t>(sortableBits(v[k])) << 1) | (pos ? 1u : 0u));
        }
    }
    const double negatives = static_cast<double>(total) - positives;
    if (positives == 0.0 || negatives == 0.0)
        throw Error("pixel ROC: needs both normal and anomalous pixels");
    sortByBits(keys, 1, 33); // the score; the label's order among equal scores does not change the curve
    return curveFromSortedKeys(keys, positives, negatives);
}

double auPro(const std::vector<ScoreMap> &maps, const std::vector<Mask8> &gts, double fprLimit)
{
    if (maps.size() != gts.size())
        throw Error("AU-PRO: " + std::to_string(maps.size()) + " maps but " + std::to_string(gts.size())
                    + " masks");
    if (!(fprLimit > 0.0 && fprLimit <= 1.0))
        throw Error("AU-PRO: integration limit must be in (0, 1]");
    // Each pixel carries its increment of the curve when the threshold passes its score: a normal
    // pixel adds 1/#normal to the FPR, a pixel of region r adds 1/(#regions * |r|) to the PRO.
    std::size_t total = 0;
    for (const auto &m : maps)
        total += m.values.size();
    std::vector<float> increments(total, 0.f);
    std::vector<std::uint8_t> isNormal(total, 0);
    std::vector<std::uint64_t> keys(total);
    std::size_t regions = 0;
    double normals = 0.0;
    std::vector<std::vector<int>> regionSizes(maps.size());
    std::vector<cv::Mat> labelMaps(maps.size());
    for (std::size_t i = 0; i < maps.size(); ++i) {
        if (maps[i].width != gts[i].width || maps[i].height != gts[i].height
            || maps[i].values.size() != gts[i].values.size())
            throw Error("AU-PRO: map " + std::to_string(i) + " and its mask differ in size");
        cv::Mat gt(gts[i].height, gts[i].width, CV_8UC1, const_cast<std::uint8_t *>(gts[i].values.data()));
        cv::Mat binary = gt != 0;
        cv::Mat stats, centroids;
        const int n = cv::connectedComponentsWithStats(binary, labelMaps[i], stats, centroids, 8, CV_32S);
        regionSizes[i].assign(static_cast<std::size_t>(n), 0);
        for (int r = 1; r < n; ++r)
            regionSizes[i][static_cast<std::size_t>(r)] = stats.at<int>(r, cv::CC_STAT_AREA);
        regions += static_cast<std::size_t>(n - 1);
        normals += static_cast<double>(gt.total()) - cv::countNonZero(binary);
    }
    if (regions == 0 || normals == 0.0)
        throw Error("AU-PRO: needs at least one defect region and one normal pixel");
    std::size_t offset = 0;
    for (std::size_t i = 0; i < maps.size(); ++i) {
        const int *labels = labelMaps[i].ptr<int>();
        for (std::size_t k = 0; k < maps[i].values.size(); ++k) {
            const std::size_t idx = offset + k;
            const int label = labels[k];
            if (label == 0) {
                isNormal[idx] = 1;
                increments[idx] = static_cast<float>(1.0 / normals);
            } else {
                increments[idx] = static_cast<float>(
                    1.0 / (static_cast<double>(regions) * regionSizes[i][static_cast<std::size_t>(label)]));
            }
            if (std::isnan(maps[i].values[k]))
                throw Error("AU-PRO: map " + std::to_string(i) + " contains NaN");
            keys[idx] = (static_cast<std::uint64_t>(sortableBits(maps[i].values[k])) << 32) | idx;
        }
        offset += maps[i].values.size();
    }
    sortByBits(keys, 32, 64); // the score; ties are walked as one step

    // Walk thresholds from high to low; one curve point per distinct score.
    std::vector<double> fprs{0.0}, pros{0.0};
    double fpr = 0.0, pro = 0.0;
    for (std::size_t i = keys.size(); i-- > 0;) {
        const std::size_t idx = static_cast<std::size_t>(keys[i] & 0xffffffffu);
        (isNormal[idx] ? fpr : pro) += increments[idx];
        if (i == 0 || (keys[i - 1] >> 32) != (keys[i] >> 32)) {
            fprs.push_back(std::min(fpr, 1.0));
            pros.push_back(std::min(pro, 1.0));
        }
    }
    // Trapezoidal area up to fprLimit, interpolating the curve at the limit.
    double area = 0.0;
    for (std::size_t i = 1; i < fprs.size(); ++i) {
        const double x0 = fprs[i - 1], x1 = fprs[i];
        if (x0 >= fprLimit)
            break;
        if (x1 <= fprLimit) {
            area += (x1 - x0) * (pros[i] + pros[i - 1]) / 2.0;
        } else {
            const double t = (fprLimit - x0) / (x1 - x0);
            const double yLimit = pros[i - 1] + t * (pros[i] - pros[i - 1]);
            area += (fprLimit - x0) * (yLimit + pros[i - 1]) / 2.0;
            break;
        }
    }
    return area / fprLimit;
}

Confusion confusionAt(std::span<const float> scores, std::span<const std::uint8_t> labels, double threshold)
{
    checkScores(scores, labels.size(), "confusion matrix");
    Confusion c;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const bool predicted = scores[i] >= threshold;
        const bool actual = labels[i] != 0;
        if (predicted && actual)
            ++c.tp;
        else if (predicted)
            ++c.fp;
        else if (actual)
            ++c.fn;
        else
            ++c.tn;
    }
    return c;
}

double thresholdForFpr(std::span<const float> scores, std::span<const std::uint8_t> labels, double maxFpr)
{
    checkScores(scores, labels.size(), "threshold");
    std::vector<float> normal;
    for (std::size_t i = 0; i < scores.size(); ++i)
        if (!labels[i])
            normal.push_back(scores[i]);
    if (normal.empty())
        throw Error("threshold: needs normal images to bound the false-positive rate");
    std::sort(normal.begin(), normal.end(), std::greater<float>());
    // With threshold t, the false positives are the normal scores >= t. Allow k of them.
    const auto allowed = static_cast<std::size_t>(std::floor(maxFpr * static_cast<double>(normal.size()) + 1e-9));
    if (allowed >= normal.size())
        return normal.back();
    // Just above the (allowed+1)-th highest normal score, but not above a tie group's value.
    const float next = normal[allowed];
    return std::nextafter(next, std::numeric_limits<float>::infinity());
}

} // namespace s2s
