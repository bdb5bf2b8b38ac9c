#pragma once

#include "ui/report/report_sections.h"

#include <QString>

#include <utility>
#include <vector>

namespace s2s::ui {

// "object" / "texture" as the run recorded it (metrics.json, else the config's override), or "unknown".
QString runKindText(const RunSummary &run);
// The label/value rows of the report's "Run" table (factsBlock draws them).
std::vector<std::pair<QString, QString>> runFacts(const ReportContext &context);

} // namespace s2s::ui
