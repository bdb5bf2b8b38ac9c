#pragma once

#include "app/cli/args.h"

#include "engine/core/progress.h"
#include "engine/data/dataset.h"
#include "engine/pipeline/training_session.h"
#include "engine/pipeline/run_config.h"

#include <nlohmann/json_fwd.hpp>

#include <ostream>
#include <set>
#include <utility>

namespace s2s::cli {

// Shared by train, table1 and bench: the RunConfig from command-line options, and the category.
std::pair<Category, RunConfig> configFromArgs(const Args &args, const std::string &command);
void applyTrainingOptions(const Args &args, RunConfig &config);
// The value options configFromArgs/applyTrainingOptions read (train, sweep and table1 accept them all).
std::set<std::string> trainingOptionNames();
void warnIfNotPretrained(const RunConfig &config, const std::string &command);
// Prints the end of each stage unless quiet; always remembers where the job is (lastStage).
ProgressFn progressPrinter(const std::string &command, bool quiet);
// The stage a progressPrinter last saw ("score 3/10 (test/crack/003.png)"), empty before any: what was
// being done when a library failure (out of memory) ended the command.
std::string lastStage();
// Before training: a warning line when the sigma the config resolves to on the extracted features lies
// outside the measured working range (NoiseSigma::rangeWarning). Printed also with --quiet.
void warnIfSigmaOutsideRange(const TrainingSession &session, const std::string &command);
// "auto" segmenting with SAM 2 weights that did not load (found automatically, or given): one warning line.
void warnIfSegmenterFellBack(const TrainingSession &session, const std::string &command);
// The sigma line ("noise sigma 0.2856 = 0.5x the feature scale 0.5712 (auto)") and, when the
// discriminator did not learn, the warning line; both on stderr.
void reportTraining(const TrainingSession &session, const std::string &command, bool quiet);
void printMetrics(const nlohmann::json &metrics, std::ostream &out);

// A metric of a metrics/evaluation JSON object with four decimals, or "n/a" when absent or null.
std::string metricText(const nlohmann::json &metrics, const char *key);

} // namespace s2s::cli
