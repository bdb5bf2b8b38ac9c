#include "ui/report/training_history_text.h"

#include "ui/report/report_tr.h"

#include <QStringList>

namespace s2s::ui {

QString trainingHistoryText(const TrainingOutcome &t)
{
    if (t.history.empty())
        return Report::tr("%1 steps").arg(t.steps);
    QStringList parts;
    for (const TrainingStage &stage : t.history) {
        const QString sigma = QString::number(stage.sigmaAbsolute, 'g', 4);
        switch (stage.kind) {
        case TrainingStage::Kind::Full:
            parts << Report::tr("%1 steps from scratch at sigma %2").arg(stage.steps).arg(sigma);
            break;
        case TrainingStage::Kind::Refit:
            parts << Report::tr("refitted %1 steps at sigma %2").arg(stage.steps).arg(sigma);
            break;
        case TrainingStage::Kind::Refine:
            parts << Report::tr("refined %1 more").arg(stage.steps);
            break;
        }
    }
    QString text = parts.join(QStringLiteral("; "));
    if (t.history.size() > 1)
        text += Report::tr(" (%1 steps in all)").arg(t.totalSteps());
    return text;
}

} // namespace s2s::ui
