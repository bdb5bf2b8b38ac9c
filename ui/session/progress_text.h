#pragma once

#include "engine/core/progress.h"

#include <QCoreApplication>
#include <QString>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace s2s::ui {

// The progress line the user reads, made from the engine's events: the phase in the user's language,
// its count, the time left in this phase once it can be estimated, and for a job of several parts
// (a sigma sweep, the per-family comparison: events of stage "sigma sweep" or "part") the time left
// overall. One per job; not thread-safe (the job's worker thread owns it).
class ProgressText
{
    Q_DECLARE_TR_FUNCTIONS(s2s::ui::ProgressText)

public:
    using Clock = std::chrono::steady_clock;

    QString line(const ProgressEvent &e, Clock::time_point now = Clock::now());

    // The engine's stage name ("features (train)", "score", ...) in the user's language; an unknown
    // stage is shown as it is.
    static QString phaseName(const std::string &stage);
    // "about 40 s", "about 3 min".
    static QString duration(double seconds);

private:
    static bool isOverall(const std::string &stage) { return stage == "part" || stage == "sigma sweep"; }

    // Phases interleave (images are prepared and embedded in chunks): each is timed on its own.
    struct Phase
    {
        Clock::time_point start;
        std::int64_t first = 0, last = 0;
    };
    std::map<std::string, Phase> m_phases;
    bool m_overall = false;
    Clock::time_point m_overallStart{};
    std::int64_t m_overallFirst = 0, m_overallDone = 0, m_overallTotal = 0;
};

} // namespace s2s::ui
