#pragma once

#include "engine/inspect/inspector.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace s2s {

// The files of an inspected lot, written the same way by the CLI and the studio:
//   verdicts.csv  path,score,verdict,threshold,milliseconds,mask_source,sha256   (one row per image)
//   lot.json      run_id, run, threshold, rule, images, ok, ng, ng_rate, images_per_second (inspection
//                 alone, without start-up), inspection_seconds, skipped [{path, reason}], mode, ...
//   maps/         anomaly heatmaps of NG images (or all), <row>_<name>.png
// mask_source is "none" when the run keeps backgrounds.
std::string verdictsHeader();
std::string verdictRow(const InspectResult &result);

struct LotSkip
{
    std::string path;
    std::string reason;
};

// Running counts of a lot and its lot.json.
class LotTally
{
public:
    LotTally(std::string runId, std::filesystem::path runDir, LotThreshold threshold, std::string mode);

    void add(const InspectResult &result); // a scored image
    void skip(const std::string &path, const std::string &reason);
    // Seconds of inspection the images/s figure is taken over (a batch: the pass's wall time; a watch: the
    // images' own milliseconds, without the waits between arrivals).
    void setInspectionSeconds(double seconds) { m_seconds = seconds; }
    double inspectionSeconds() const { return m_seconds; }

    std::size_t images() const { return m_ok + m_ng; }
    std::size_t ok() const { return m_ok; }
    std::size_t ng() const { return m_ng; }
    const std::vector<LotSkip> &skipped() const { return m_skipped; }
    const LotThreshold &threshold() const { return m_threshold; }
    double ngRate() const;
    double imagesPerSecond() const;

    nlohmann::json json() const;
    // The same figures for a lot continued from its verdicts.csv and lot.json (a watch that was stopped
    // or killed); throws s2s::Error naming the file when they are not a lot of this run.
    static LotTally resume(const std::filesystem::path &lotDir, const std::string &runId,
                           const std::filesystem::path &runDir, const LotThreshold &threshold,
                           std::vector<std::string> *inspectedPaths);

    nlohmann::json extra = nlohmann::json::object(); // further lot.json fields (started, interrupted, ...)

private:
    std::string m_runId;
    std::filesystem::path m_runDir;
    LotThreshold m_threshold;
    std::string m_mode;
    std::size_t m_ok = 0;
    std::size_t m_ng = 0;
    double m_seconds = 0.0;
    std::vector<LotSkip> m_skipped;
};

// The heatmap file of a result: the original image with the anomaly map blended in (8-bit RGB PNG) and,
// when the run removes backgrounds, the foreground outline; `range` is the map value span shown (low..high).
void writeHeatmapPng(const std::filesystem::path &file, const InspectResult &result, const ScoreMap &originalMap,
                     float low, float high);

} // namespace s2s
