#include "engine/pipeline/run_folder.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/inspection_session.h"

#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>

namespace s2s {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> parseCsvLine(const std::string &line)
{
    std::vector<std::string> fields;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(cur);
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    fields.push_back(cur);
    return fields;
}

fs::path mapPath(const fs::path &dir, std::size_t row)
{
    char name[32];
    std::snprintf(name, sizeof name, "%04zu.png", row);
    return dir / "maps" / name;
}

} // namespace

bool RunSummary::hasMap(std::size_t row) const
{
    std::error_code ec;
    return metrics.contains("map_range") && metrics.at("map_range").is_array() && fs::exists(mapPath(dir, row), ec);
}

ScoreMap RunSummary::map(std::size_t row) const
{
    const fs::path file = mapPath(dir, row);
    if (!hasMap(row))
        throw Error(file.string() + ": no anomaly map stored for this image");
    const cv::Mat q = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
    if (q.empty() || q.type() != CV_16UC1)
        throw Error(file.string() + ": not a 16-bit anomaly map");
    const float lo = metrics.at("map_range").at(0).get<float>(), hi = metrics.at("map_range").at(1).get<float>();
    ScoreMap m;
    m.width = q.cols;
    m.height = q.rows;
    m.values.resize(q.total());
    for (int y = 0; y < q.rows; ++y)
        for (int x = 0; x < q.cols; ++x)
            m.values[static_cast<std::size_t>(y) * q.cols + x] = lo + (hi - lo) * q.at<std::uint16_t>(y, x) / 65535.f;
    return m;
}

RunSummary loadRunSummary(const fs::path &runDir)
{
    RunSummary s;
    s.dir = runDir;
    std::error_code ec;
    if (!fs::is_directory(runDir, ec))
        throw Error(runDir.string() + ": not a run folder");
    const fs::path configFile = runDir / "config.json";
    const auto config = nlohmann::json::parse(readFile(configFile), nullptr, false);
    if (config.is_discarded())
        throw Error(configFile.string() + ": not valid JSON");
    s.config = runConfigFromJson(config, configFile);

    const fs::path metricsFile = runDir / "metrics.json";
    s.metrics = nlohmann::json::parse(readFile(metricsFile), nullptr, false);
    if (s.metrics.is_discarded() || !s.metrics.is_object())
        throw Error(metricsFile.string() + ": not valid JSON");

    const fs::path scoresFile = runDir / "scores.csv";
    std::istringstream in(readFile(scoresFile));
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        if (++lineNo == 1 || line.empty())
            continue;
        const auto f = parseCsvLine(line);
        if (f.size() != 4)
            throw Error(scoresFile.string() + ": line " + std::to_string(lineNo) + " does not have 4 fields");
        try {
            s.scores.push_back({f[0], f[1], std::stoi(f[2]), std::stof(f[3])});
        } catch (const std::exception &) {
            throw Error(scoresFile.string() + ": line " + std::to_string(lineNo) + " has a bad label or score");
        }
    }
    return s;
}

nlohmann::json robustnessEntry(const Evaluation &pseudo, const nlohmann::json &staticMetrics)
{
    const auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    nlohmann::json e;
    e["background"] = pseudo.options.backgroundSource;
    e["seed"] = pseudo.options.seed;
    e["feather_px"] = pseudo.options.featherPx;
    e["image_auroc"] = num(pseudo.metrics.imageAuroc);
    e["pixel_auroc"] = num(pseudo.metrics.pixelAuroc);
    e["au_pro"] = num(pseudo.metrics.auPro);
    e["static_image_auroc"] = staticMetrics.value("image_auroc", nlohmann::json(nullptr));
    e["static_pixel_auroc"] = staticMetrics.value("pixel_auroc", nlohmann::json(nullptr));
    // False-positive rate on normal images at the static run's threshold.
    if (staticMetrics.contains("threshold") && staticMetrics.at("threshold").contains("value")) {
        const double t = staticMetrics.at("threshold").at("value").get<double>();
        double fp = 0, normals = 0;
        for (const auto &r : pseudo.images)
            if (r.record.label == 0) {
                normals += 1;
                fp += r.score >= t ? 1 : 0;
            }
        e["threshold"] = t;
        e["fpr_at_threshold"] = normals > 0 ? nlohmann::json(fp / normals) : nlohmann::json(nullptr);
    }
    return e;
}

} // namespace s2s
