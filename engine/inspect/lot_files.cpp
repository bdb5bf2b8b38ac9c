#include "engine/inspect/lot_files.h"

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "engine/io/image_io.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <system_error>

namespace s2s {

namespace fs = std::filesystem;

std::string verdictsHeader()
{
    return "path,score,verdict,threshold,milliseconds,mask_source,sha256\n";
}

std::string verdictRow(const InspectResult &r)
{
    char score[32], threshold[32], ms[32];
    std::snprintf(score, sizeof score, "%.9g", static_cast<double>(r.score)); // the float exactly
    std::snprintf(threshold, sizeof threshold, "%.17g", r.threshold); // the double exactly
    std::snprintf(ms, sizeof ms, "%.1f", r.milliseconds);
    return csvField(r.path.string()) + "," + score + "," + verdictText(r.verdict) + "," + threshold + "," + ms + ","
           + csvField(r.maskSource.empty() ? std::string("none") : r.maskSource) + "," + r.sha256 + "\n";
}

LotTally::LotTally(std::string runId, fs::path runDir, LotThreshold threshold, std::string mode)
    : m_runId(std::move(runId))
    , m_runDir(std::move(runDir))
    , m_threshold(std::move(threshold))
    , m_mode(std::move(mode))
{
}

void LotTally::add(const InspectResult &result)
{
    (result.verdict == Verdict::Ng ? m_ng : m_ok) += 1;
}

void LotTally::skip(const std::string &path, const std::string &reason)
{
    m_skipped.push_back({path, reason});
}

double LotTally::ngRate() const
{
    return images() > 0 ? static_cast<double>(m_ng) / static_cast<double>(images()) : 0.0;
}

double LotTally::imagesPerSecond() const
{
    return m_seconds > 0.0 ? static_cast<double>(images()) / m_seconds : 0.0;
}

nlohmann::json LotTally::json() const
{
    nlohmann::json j = extra;
    j["run_id"] = m_runId;
    j["run"] = m_runDir.string();
    j["threshold"] = m_threshold.value;
    j["rule"] = m_threshold.rule;
    j["verdict_rule"] = "NG when score >= threshold";
    j["mode"] = m_mode;
    j["images"] = images();
    j["ok"] = m_ok;
    j["ng"] = m_ng;
    j["ng_rate"] = ngRate();
    j["images_per_second"] = imagesPerSecond();
    j["inspection_seconds"] = m_seconds;
    nlohmann::json skipped = nlohmann::json::array();
    for (const LotSkip &s : m_skipped)
        skipped.push_back({{"path", s.path}, {"reason", s.reason}});
    j["skipped"] = skipped;
    return j;
}

LotTally LotTally::resume(const fs::path &lotDir, const std::string &runId, const fs::path &runDir,
                          const LotThreshold &threshold, std::vector<std::string> *inspectedPaths)
{
    const fs::path csvFile = lotDir / "verdicts.csv", jsonFile = lotDir / "lot.json";
    const nlohmann::json lot = readJsonFile(jsonFile);
    const std::string lotRun = jsonString(lot, "run_id", std::string(), jsonFile.string());
    if (lotRun != runId)
        throw Error(jsonFile.string() + ": a lot of another run (" + lotRun + "), not of " + runId);
    const double lotThreshold = jsonNumber(lot, "threshold", threshold.value, -1e30, 1e30, jsonFile.string());
    if (lotThreshold != threshold.value)
        throw Error(jsonFile.string() + ": the lot was inspected at threshold " + std::to_string(lotThreshold)
                    + ", not " + std::to_string(threshold.value) + " (choose another --out to change it)");
    LotTally tally(runId, runDir, threshold, "watch");
    tally.m_seconds = jsonNumber(lot, "inspection_seconds", 0.0, 0.0, 1e12, jsonFile.string());
    if (lot.contains("skipped") && lot.at("skipped").is_array())
        for (const auto &s : lot.at("skipped"))
            if (s.is_object())
                tally.skip(jsonString(s, "path", {}, jsonFile.string()), jsonString(s, "reason", {}, jsonFile.string()));
    const auto rows = parseCsv(readFile(csvFile), csvFile.string());
    if (rows.empty() || rows.front().size() != 7 || rows.front().front() != "path")
        throw Error(csvFile.string() + ": not a verdicts file (header expected)");
    double ms = 0.0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto &row = rows[i];
        if (row.size() != 7 || (row[2] != "OK" && row[2] != "NG"))
            throw Error(csvFile.string() + ": row " + std::to_string(i + 1) + " is not a verdict row");
        (row[2] == "NG" ? tally.m_ng : tally.m_ok) += 1;
        ms += std::atof(row[4].c_str());
        if (inspectedPaths)
            inspectedPaths->push_back(row[0]);
    }
    // lot.json may be one row behind verdicts.csv (killed between the two writes): the rows decide.
    tally.m_seconds = std::max(tally.m_seconds, ms / 1000.0);
    return tally;
}

void writeHeatmapPng(const fs::path &file, const InspectResult &result, const ScoreMap &map, float low, float high)
{
    if (map.empty())
        return;
    cv::Mat rgb;
    try {
        rgb = readImageRgb(result.path);
    } catch (const Error &) {
        rgb = cv::Mat(map.height, map.width, CV_8UC3, cv::Scalar(0, 0, 0)); // the image is gone: the map alone
    }
    if (rgb.cols != map.width || rgb.rows != map.height)
        cv::resize(rgb, rgb, cv::Size(map.width, map.height));
    const cv::Mat values(map.height, map.width, CV_32F, const_cast<float *>(map.values.data()));
    const float span = std::max(high - low, 1e-12f);
    cv::Mat scaled, colour;
    values.convertTo(scaled, CV_8U, 255.0 / span, -low * 255.0 / span);
    cv::applyColorMap(scaled, colour, cv::COLORMAP_JET);
    cv::cvtColor(colour, colour, cv::COLOR_BGR2RGB);
    cv::Mat out;
    cv::addWeighted(rgb, 0.55, colour, 0.45, 0.0, out);
    if (!result.foreground.empty() && result.foreground.width == map.width && result.foreground.height == map.height) {
        const cv::Mat mask(result.foreground.height, result.foreground.width, CV_8UC1,
                           const_cast<std::uint8_t *>(result.foreground.values.data()));
        std::vector<std::vector<cv::Point>> contours;
        cv::findContours(mask.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
        const int width = std::max(1, std::min(map.width, map.height) / 300);
        cv::drawContours(out, contours, -1, cv::Scalar(255, 255, 255), width, cv::LINE_AA);
    }
    writeImage(file, out);
}

} // namespace s2s
