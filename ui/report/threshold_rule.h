#pragma once

#include "engine/pipeline/run_folder.h"

#include <QString>

#include <optional>
#include <string>

namespace s2s::ui {

// How the report's decision threshold is chosen: "f1", "fpr:0.05" or "value:1.23". The CLI and the
// GUI parse the same text, so a report always names the rule that produced its verdicts.
struct ThresholdRule
{
    enum class Kind { F1, Fpr, Value };
    Kind kind = Kind::F1;
    double value = 0.0; // the FPR target (0..1) or the fixed threshold

    // Parses the text above; throws s2s::Error("threshold rule '<text>': <problem>").
    static ThresholdRule parse(const std::string &text);
    std::string toString() const;
};

// The threshold a report uses, with its provenance in words.
struct ThresholdChoice
{
    double value = 0.0;
    QString rule;        // short machine-like name, e.g. "fpr:0.05" or the run's stored rule
    QString explanation; // one sentence for the title page
};

// With no rule, the run's stored threshold (metrics.json "threshold") is used; without one there,
// the F1 rule when the test set has anomalous images, else FPR <= 5 % on normal images.
// Throws s2s::Error when the rule cannot be applied to this run's scores.
ThresholdChoice chooseThreshold(const RunSummary &run, const std::optional<ThresholdRule> &rule);

} // namespace s2s::ui
