#pragma once

#include <QCoreApplication>

namespace s2s::ui {

// One translation context for every user-visible string of the report writer. The context is
// spelled out in full so that lupdate and the runtime agree on it.
class Report
{
    Q_DECLARE_TR_FUNCTIONS(s2s::ui::Report)
};

} // namespace s2s::ui
