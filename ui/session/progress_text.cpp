#include "ui/session/progress_text.h"

#include <cmath>

namespace s2s::ui {

QString ProgressText::phaseName(const std::string &stage)
{
    if (stage == "features (train)")
        return tr("features of the training images");
    if (stage == "features (test)")
        return tr("features of the test images");
    if (stage == "features (pseudo-backgrounds)")
        return tr("features of the composites");
    if (stage == "segmentation")
        return tr("removing backgrounds");
    if (stage == "compositing")
        return tr("compositing pseudo-backgrounds");
    if (stage == "foreground model")
        return tr("learning the object's look");
    if (stage == "score")
        return tr("scoring");
    if (stage == "pixel metrics")
        return tr("pixel metrics");
    if (stage == "training (SimpleNet)")
        return tr("training SimpleNet");
    if (stage == "training (Sam2Sim)")
        return tr("training Sam2Sim");
    if (stage == "part")
        return tr("comparison part");
    if (stage == "sigma sweep")
        return tr("sigma sweep");
    if (stage == "export")
        return tr("export");
    if (stage == "inspect")
        return tr("inspecting");
    if (stage == "watch")
        return tr("watching");
    if (stage == "check")
        return tr("checking");
    if (stage == "download")
        return tr("downloading");
    if (stage == "report")
        return tr("report");
    return QString::fromStdString(stage);
}

QString ProgressText::duration(double seconds)
{
    if (seconds < 90.0)
        return tr("about %1 s").arg(std::max(1, static_cast<int>(std::lround(seconds / 5.0) * 5)));
    return tr("about %1 min").arg(static_cast<int>(std::lround(seconds / 60.0)));
}

QString ProgressText::line(const ProgressEvent &e, Clock::time_point now)
{
    constexpr double kSettleSeconds = 2.0; // no estimate from the first moments of a phase
    const auto seconds = [now](Clock::time_point since) { return std::chrono::duration<double>(now - since).count(); };
    QString text = phaseName(e.stage);
    if (e.total > 0)
        text += QStringLiteral(" %1/%2").arg(e.done).arg(e.total);
    if (isOverall(e.stage)) {
        if (!m_overall || e.done < m_overallDone) {
            m_overall = true;
            m_overallStart = now;
            m_overallFirst = e.done;
        }
        m_overallDone = e.done;
        m_overallTotal = e.total;
    } else {
        if (!e.message.empty())
            text += QStringLiteral(": ") + QString::fromStdString(e.message);
        auto it = m_phases.find(e.stage);
        if (it == m_phases.end() || e.done < it->second.last)
            it = m_phases.insert_or_assign(e.stage, Phase{now, e.done, e.done}).first;
        Phase &p = it->second;
        p.last = e.done;
        const double elapsed = seconds(p.start);
        if (e.total > 0 && e.done > p.first && e.done < e.total && elapsed >= kSettleSeconds)
            text += QStringLiteral(" \u00b7 ")
                    + tr("%1 left").arg(duration(elapsed / static_cast<double>(e.done - p.first)
                                                 * static_cast<double>(e.total - e.done)));
    }
    if (m_overall && m_overallDone > m_overallFirst && m_overallDone < m_overallTotal) {
        const double elapsed = seconds(m_overallStart);
        text += QStringLiteral(" \u00b7 ")
                + tr("overall %1 left")
                      .arg(duration(elapsed / static_cast<double>(m_overallDone - m_overallFirst)
                                    * static_cast<double>(m_overallTotal - m_overallDone)));
    }
    return text;
}

} // namespace s2s::ui
