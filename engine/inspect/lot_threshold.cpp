#include "engine/inspect/lot_threshold.h"

#include "engine/core/error.h"
#include "engine/eval/metrics.h"

#include <cmath>
#include <cstdint>
#include <locale>
#include <sstream>
#include <vector>

namespace s2s {

namespace {

bool parseNumber(const std::string &text, double &out)
{
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    in >> out;
    return !text.empty() && in && in.eof() && std::isfinite(out);
}

std::string numberText(double value)
{
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << value;
    return out.str();
}

} // namespace

LotThreshold lotThreshold(const RunSummary &run, const std::string &option)
{
    const std::string where = "--threshold " + option;
    if (option.empty()) {
        const auto stored = run.metrics.find("threshold");
        if (stored == run.metrics.end() || !stored->is_object() || !stored->contains("value")
            || !stored->at("value").is_number())
            throw Error((run.dir / "metrics.json").string()
                        + ": the run records no threshold (give --threshold VALUE, f1 or fpr:X)");
        const double value = stored->at("value").get<double>();
        if (!std::isfinite(value))
            throw Error((run.dir / "metrics.json").string() + ": threshold value is not finite");
        const auto rule = stored->find("rule");
        return {value, rule != stored->end() && rule->is_string() ? rule->get<std::string>() : std::string("stored")};
    }
    double number = 0.0;
    if (parseNumber(option, number))
        return {number, "value"};
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    std::size_t anomalous = 0;
    for (const ScoreRow &row : run.scores) {
        scores.push_back(row.score);
        labels.push_back(row.label != 0 ? 1 : 0);
        anomalous += row.label != 0 ? 1 : 0;
    }
    const std::size_t normal = scores.size() - anomalous;
    if (option == "f1") {
        if (anomalous == 0 || normal == 0)
            throw Error(where + ": the run's scores.csv needs normal and anomalous test images (use fpr:X or a value)");
        return {f1Max(scores, labels).threshold, "f1"};
    }
    if (option.rfind("fpr:", 0) == 0) {
        double rate = 0.0;
        if (!parseNumber(option.substr(4), rate) || rate < 0.0 || rate >= 1.0)
            throw Error(where + ": the false-positive rate must be a number in [0, 1)");
        if (normal == 0)
            throw Error(where + ": the run's scores.csv has no normal test images");
        return {thresholdForFpr(scores, labels, rate), "fpr:" + numberText(rate)};
    }
    throw Error(where + ": expected a number, f1 or fpr:X");
}

} // namespace s2s
