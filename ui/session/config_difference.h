#pragma once

#include "engine/pipeline/run_config.h"

#include <QCoreApplication>
#include <QString>

namespace s2s::ui {

// The first setting that makes two configs train different heads, in the user's words: what the
// results were computed with and what the settings say now (the stale banner names it). Weights files
// are the same weights when their content is (SHA-256), wherever they lie; a sigma is the same when it
// resolves to the same value on the features (auto and the number it stands for).
struct ConfigDifference
{
    Q_DECLARE_TR_FUNCTIONS(ConfigDifference)

public:
    QString was; // "sigma 0.3048", "backbone weights /a/m.pth (SHA-256 1a2b3c4d...)"; empty: no difference
    QString now;

    bool isEmpty() const { return was.isEmpty() && now.isEmpty(); }
    // `featureScale` resolves auto and relative sigmas (0: not known, sigmas compare as written).
    static ConfigDifference between(const RunConfig &results, const RunConfig &settings, double featureScale);
};

// Two weights files hold the same weights: the same file however reached, or the same content.
bool sameWeights(const std::filesystem::path &a, const std::filesystem::path &b);

// Two sigmas resolve to the same value, to the spin box's precision (4 decimals) and within 0.1%.
bool sameSigma(const NoiseSigma &a, const NoiseSigma &b, double featureScale);

} // namespace s2s::ui
