#include "engine/simplenet/noise_sigma.h"

#include "engine/core/error.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace s2s {

namespace {

// Features are O(1); a sigma 100 times the feature scale only trains on noise. The bounds keep
// typing errors (1e308, 1e-30) from training to NaN or to nothing.
constexpr double kMinValue = 1e-6;
constexpr double kMaxAbsolute = 1000.0;
constexpr double kMaxRelative = 100.0;

} // namespace

NoiseSigma NoiseSigma::parse(const std::string &text, const std::string &where)
{
    if (text == "auto")
        return automatic();
    std::string number = text;
    const bool rel = !number.empty() && (number.back() == 'x' || number.back() == 'X');
    if (rel)
        number.pop_back();
    char *end = nullptr;
    const double v = number.empty() ? NAN : std::strtod(number.c_str(), &end);
    if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(v))
        throw Error(where + ": noise sigma must be a number (absolute, e.g. 0.015), a factor of the feature scale "
                            "(e.g. 0.7x) or auto, got '" + text + "'");
    const double hi = rel ? kMaxRelative : kMaxAbsolute;
    if (v < kMinValue || v > hi) {
        char range[96];
        std::snprintf(range, sizeof range, "between %g and %g%s", kMinValue, hi, rel ? " (times the feature scale)" : "");
        throw Error(where + ": noise sigma must be " + range + ", got '" + text + "'");
    }
    return rel ? relative(v) : absolute(v);
}

std::string NoiseSigma::text() const
{
    if (kind == Kind::Auto)
        return "auto";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6g%s", value, kind == Kind::Relative ? "x" : "");
    return buf;
}

std::string NoiseSigma::rangeWarning(double absolute, double featureScale)
{
    if (!(featureScale > 0.0) || !std::isfinite(absolute))
        return {};
    const double factor = absolute / featureScale;
    // The bounds themselves were measured, so they are inside (with room for rounding of a typed factor).
    if (factor >= kWorkingLow * (1 - 1e-9) && factor <= kWorkingHigh * (1 + 1e-9))
        return {};
    char text[320];
    std::snprintf(text, sizeof text,
                  "noise sigma %.4g is %.3gx the feature scale %.4g, outside the working range measured for it "
                  "(%gx to %gx, docs/results.md \"Noise sigma\"): the heads are likely to learn little or nothing",
                  absolute, factor, featureScale, kWorkingLow, kWorkingHigh);
    return text;
}

double NoiseSigma::absoluteFor(double featureScale) const
{
    switch (kind) {
    case Kind::Absolute:
        return value;
    case Kind::Relative:
        return value * featureScale;
    case Kind::Auto:
        break;
    }
    return kAutoFactor * featureScale;
}

double NoiseSigma::relativeFor(double featureScale) const
{
    return featureScale > 0.0 ? absoluteFor(featureScale) / featureScale : 0.0;
}

} // namespace s2s
