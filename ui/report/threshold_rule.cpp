#include "ui/report/threshold_rule.h"

#include "engine/core/error.h"
#include "engine/eval/metrics.h"
#include "ui/report/report_tr.h"

#include <cmath>
#include <cstdint>
#include <sstream>
#include <vector>

namespace s2s::ui {

namespace {

double parseNumber(const std::string &text, const std::string &number)
{
    std::istringstream in(number);
    in.imbue(std::locale::classic());
    double out = 0.0;
    in >> out;
    if (number.empty() || !in || !in.eof() || !std::isfinite(out))
        throw Error("threshold rule '" + text + "': '" + number + "' is not a number");
    return out;
}

struct ScoreColumns
{
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    std::size_t anomalous = 0;
};

ScoreColumns columns(const RunSummary &run)
{
    ScoreColumns c;
    c.scores.reserve(run.scores.size());
    c.labels.reserve(run.scores.size());
    for (const ScoreRow &row : run.scores) {
        c.scores.push_back(row.score);
        c.labels.push_back(row.label != 0 ? 1 : 0);
        c.anomalous += row.label != 0 ? 1 : 0;
    }
    return c;
}

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'g', 3);
}

ThresholdChoice apply(const RunSummary &run, const ThresholdRule &rule)
{
    const ScoreColumns c = columns(run);
    const std::size_t normal = c.scores.size() - c.anomalous;
    const QString name = QString::fromStdString(rule.toString());
    switch (rule.kind) {
    case ThresholdRule::Kind::F1: {
        if (c.anomalous == 0 || normal == 0)
            throw Error("threshold rule 'f1': needs normal and anomalous test images (use fpr:X)");
        const F1Max best = f1Max(c.scores, c.labels);
        return {best.threshold, name,
                Report::tr("maximises F1 over the test images (F1 = %1, precision %2, recall %3).")
                    .arg(best.f1, 0, 'f', 3)
                    .arg(best.precision, 0, 'f', 3)
                    .arg(best.recall, 0, 'f', 3)};
    }
    case ThresholdRule::Kind::Fpr: {
        if (normal == 0)
            throw Error("threshold rule '" + rule.toString() + "': the run has no normal test images");
        const double t = thresholdForFpr(c.scores, c.labels, rule.value);
        return {t, name,
                Report::tr("lowest threshold whose false-positive rate on the %1 normal test images "
                           "is at most %2 %.")
                    .arg(normal)
                    .arg(percent(rule.value))};
    }
    case ThresholdRule::Kind::Value:
        return {rule.value, name, Report::tr("fixed by the user.")};
    }
    throw Error("threshold rule: unknown kind");
}

// Words for a rule stored in metrics.json by the engine; unknown spellings are shown as they are.
QString describe(const std::string &rule)
{
    try {
        // The engine stores the F1 rule as "f1_max".
        const ThresholdRule parsed = ThresholdRule::parse(rule == "f1_max" ? "f1" : rule);
        switch (parsed.kind) {
        case ThresholdRule::Kind::F1:
            return Report::tr("the threshold that maximises F1 over the test images.");
        case ThresholdRule::Kind::Fpr:
            return Report::tr("the lowest threshold with a false-positive rate of at most %1 % on the "
                              "normal test images.")
                .arg(percent(parsed.value));
        case ThresholdRule::Kind::Value:
            return Report::tr("a fixed value.");
        }
    } catch (const Error &) {
    }
    return Report::tr("rule '%1'.").arg(QString::fromStdString(rule));
}

} // namespace

ThresholdRule ThresholdRule::parse(const std::string &text)
{
    if (text == "f1")
        return {Kind::F1, 0.0};
    const auto colon = text.find(':');
    const std::string head = text.substr(0, colon);
    if (colon == std::string::npos || (head != "fpr" && head != "value"))
        throw Error("threshold rule '" + text + "': expected f1, fpr:RATE or value:X");
    const double number = parseNumber(text, text.substr(colon + 1));
    if (head == "fpr") {
        if (number < 0.0 || number >= 1.0)
            throw Error("threshold rule '" + text + "': the FPR target must be in [0, 1)");
        return {Kind::Fpr, number};
    }
    return {Kind::Value, number};
}

std::string ThresholdRule::toString() const
{
    std::ostringstream out;
    out.imbue(std::locale::classic());
    switch (kind) {
    case Kind::F1:
        return "f1";
    case Kind::Fpr:
        out << "fpr:" << value;
        break;
    case Kind::Value:
        out << "value:" << value;
        break;
    }
    return out.str();
}

ThresholdChoice chooseThreshold(const RunSummary &run, const std::optional<ThresholdRule> &rule)
{
    if (rule)
        return apply(run, *rule);
    const auto stored = run.metrics.find("threshold");
    if (stored != run.metrics.end() && stored->is_object() && stored->contains("value")
        && (*stored)["value"].is_number()) {
        const std::string storedRule = stored->value("rule", std::string("unknown"));
        return {(*stored)["value"].get<double>(), QString::fromStdString(storedRule),
                Report::tr("stored with the run: %1").arg(describe(storedRule))};
    }
    const ScoreColumns c = columns(run);
    if (c.anomalous > 0 && c.anomalous < c.scores.size())
        return apply(run, ThresholdRule{ThresholdRule::Kind::F1, 0.0});
    return apply(run, ThresholdRule{ThresholdRule::Kind::Fpr, 0.05});
}

} // namespace s2s::ui
