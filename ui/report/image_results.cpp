#include "ui/report/image_results.h"

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"

#include <charconv>
#include <string>

namespace s2s::ui {

Outcome outcomeOf(const ScoreRow &row, double threshold)
{
    const bool predicted = row.score >= threshold;
    if (row.label != 0)
        return predicted ? Outcome::TruePositive : Outcome::FalseNegative;
    return predicted ? Outcome::FalsePositive : Outcome::TrueNegative;
}

bool isError(Outcome outcome)
{
    return outcome == Outcome::FalsePositive || outcome == Outcome::FalseNegative;
}

QString outcomeCode(Outcome outcome)
{
    switch (outcome) {
    case Outcome::TruePositive:
        return QStringLiteral("TP");
    case Outcome::FalsePositive:
        return QStringLiteral("FP");
    case Outcome::TrueNegative:
        return QStringLiteral("TN");
    case Outcome::FalseNegative:
        return QStringLiteral("FN");
    }
    return {};
}

void writeResultsCsv(const RunSummary &run, double threshold, const QString &csvPath)
{
    std::string csv = "path,defect_type,label,score,verdict,outcome\n";
    for (const ScoreRow &row : run.scores) {
        // to_chars, not printf: QGuiApplication sets the C locale from the environment (decimal commas).
        char buffer[32];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, row.score,
                                       std::chars_format::general, 9).ptr;
        const std::string score(buffer, end);
        const Outcome outcome = outcomeOf(row, threshold);
        const bool anomalous = outcome == Outcome::TruePositive || outcome == Outcome::FalsePositive;
        csv += csvField(row.path) + ',' + csvField(row.defectType) + ',' + std::to_string(row.label)
               + ',' + score + ',' + (anomalous ? "anomalous" : "normal") + ','
               + outcomeCode(outcome).toStdString() + '\n';
    }
    writeFileAtomically(csvPath.toStdString(), csv);
}

} // namespace s2s::ui
