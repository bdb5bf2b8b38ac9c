#pragma once

#include "app/cli/args.h"

#include "engine/core/progress.h"
#include "engine/data/dataset.h"
#include "engine/pipeline/run_config.h"

#include <nlohmann/json_fwd.hpp>

#include <ostream>
#include <utility>

namespace s2s::cli {

// Shared by train, table1 and bench: the RunConfig from command-line options, and the category.
std::pair<Category, RunConfig> configFromArgs(const Args &args, const std::string &command);
void applyTrainingOptions(const Args &args, RunConfig &config);
void warnIfNotPretrained(const RunConfig &config, const std::string &command);
ProgressFn progressPrinter(const std::string &command, bool quiet);
void printMetrics(const nlohmann::json &metrics, std::ostream &out);

// A metric of a metrics/evaluation JSON object with four decimals, or "n/a" when absent or null.
std::string metricText(const nlohmann::json &metrics, const char *key);

} // namespace s2s::cli
