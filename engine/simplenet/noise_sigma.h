#pragma once

#include <string>

namespace s2s {

// The standard deviation of the Gaussian noise that turns true features into "anomalous" ones.
// The paper gives it in absolute feature units (0.015, tuned for WRN-50 V1 features); on another
// backbone the same number means something else, so it can also be given relative to the scale of the
// training features (the root mean per-dimension standard deviation, FeatureBank::featureScale), or
// left to the measured default ("auto").
struct NoiseSigma
{
    enum class Kind { Absolute, Relative, Auto };
    Kind kind = Kind::Auto;
    double value = 0.0; // Absolute: sigma; Relative: the factor; Auto: unused

    static NoiseSigma absolute(double sigma) { return {Kind::Absolute, sigma}; }
    static NoiseSigma relative(double factor) { return {Kind::Relative, factor}; }
    static NoiseSigma automatic() { return {}; }

    // "0.015" (absolute), "0.7x" (relative) or "auto"; a bad spelling or a value that is not finite,
    // not positive or absurdly large throws s2s::Error naming `where`.
    static NoiseSigma parse(const std::string &text, const std::string &where);
    std::string text() const; // the spelling parse() reads back

    // The factor "auto" stands for: measured across hazelnut_toy and the demo categories (README,
    // "Noise sigma"). Relative to the feature scale, so it transfers between backbones.
    static constexpr double kAutoFactor = 0.7;

    // The factors measured to train (docs/results.md, "Noise sigma": 0.1x to 3x the feature scale on
    // hazelnut_toy and the demo categories). Outside them the heads learn little or nothing, which is
    // knowable before training, unlike the not-learning rule that needs the steps to have run.
    static constexpr double kWorkingLow = 0.1;
    static constexpr double kWorkingHigh = 3.0;
    // Empty inside the working range (or without a feature scale); otherwise one sentence naming the
    // sigma, its factor, the range and where the range comes from.
    static std::string rangeWarning(double absolute, double featureScale);

    double absoluteFor(double featureScale) const;
    double relativeFor(double featureScale) const;

    bool operator==(const NoiseSigma &o) const { return kind == o.kind && (kind == Kind::Auto || value == o.value); }
};

} // namespace s2s
