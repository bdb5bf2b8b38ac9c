#include "engine/pipeline/run_folder.h"

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/error.h"
#include "engine/core/folder_transaction.h"
#include "engine/core/json_file.h"
#include "engine/io/checkpoint.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/training_session.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <random>
#include <iterator>
#include <set>

namespace s2s {

namespace fs = std::filesystem;

namespace {

fs::path mapPath(const fs::path &dir, std::size_t row)
{
    char name[32];
    std::snprintf(name, sizeof name, "%04zu.png", row);
    return dir / "maps" / name;
}

// Whether a run may replace `dir`: only one of our run folders, by its markers (a config.json as we
// write it, beside heads.safetensors or metrics.json), holding nothing but a run's files. A folder that
// merely holds a config.json, or a run folder the user keeps other files in, is refused, naming what
// is in the way (a replaced folder is gone for good).
bool isReplaceableRunFolder(const fs::path &dir)
{
    static const std::set<std::string> parts = [] {
        std::set<std::string> p = {"config.json", "metrics.json", "maps", "report.pdf"};
        p.insert(std::begin(kRunPartFiles), std::end(kRunPartFiles));
        return p;
    }();
    requireOnlyEntries(dir, parts, "a run folder");
    std::error_code ec;
    if (!fs::is_regular_file(dir / "config.json", ec)
        || !(fs::exists(dir / "heads.safetensors", ec) || fs::exists(dir / "knn_bank.safetensors", ec)
             || fs::exists(dir / "metrics.json", ec)))
        return false;
    try {
        const nlohmann::json config = readJsonFile(dir / "config.json");
        return config.contains("data_root") && config.contains("category") && config.contains("backbone");
    } catch (const Error &) {
        return false;
    }
}

std::string newRunId()
{
    std::random_device rd;
    std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(gen()),
                  static_cast<unsigned long long>(gen()));
    return buf;
}

} // namespace

RunFolderWriter::RunFolderWriter(const fs::path &runDir)
    : m_transaction(runDir, &isReplaceableRunFolder, "a run folder")
    , m_runId(newRunId())
{
}

void addRunProvenance(nlohmann::json &metrics, const RunFolderWriter &writer, const Evaluation &ev,
                      const std::vector<ScanIssue> &skipped)
{
    metrics["run_id"] = writer.runId();
    nlohmann::json files = nlohmann::json::object();
    for (const char *name : kRunPartFiles)
        if (std::error_code ec; fs::exists(writer.dir() / name, ec))
            files[name] = sha256File(writer.dir() / name);
    for (const fs::path &map : runMapFiles(writer.dir()))
        files["maps/" + map.filename().string()] = sha256File(map);
    metrics["files"] = files;
    nlohmann::json hashes = nlohmann::json::array();
    for (const auto &r : ev.images) {
        std::string hash;
        try {
            hash = sha256File(r.record.image);
        } catch (const Error &) {
            // Gone since it was scored: eval will report it as vanished.
        }
        hashes.push_back(hash);
    }
    metrics["test_sha256"] = hashes;
    metrics["skipped"] = skippedJson(skipped);
}

std::vector<InputChange> changedInputs(const RunSummary &run, const Category &current)
{
    std::map<std::string, const ImageRecord *> now;
    for (const auto &r : current.test)
        now[r.image.string()] = &r;
    const nlohmann::json hashes = run.metrics.value("test_sha256", nlohmann::json::array());
    std::vector<InputChange> changes;
    for (std::size_t i = 0; i < run.scores.size(); ++i) {
        const std::string &path = run.scores[i].path;
        const auto it = now.find(path);
        if (it == now.end()) {
            changes.push_back({path, "vanished or unreadable since training"});
            continue;
        }
        now.erase(it);
        if (hashes.is_array() && i < hashes.size() && hashes[i].is_string() && !hashes[i].get<std::string>().empty()) {
            std::string hash;
            try {
                hash = sha256File(path);
            } catch (const Error &) {
            }
            if (hash != hashes[i].get<std::string>())
                changes.push_back({path, "changed since training"});
        }
    }
    for (const auto &[path, record] : now)
        changes.push_back({path, "new since training"});
    return changes;
}

std::string jsonText(const nlohmann::json &json)
{
    return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

nlohmann::json skippedJson(const std::vector<ScanIssue> &issues)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto &i : issues)
        out.push_back({{"path", i.path.string()}, {"reason", i.message}});
    return out;
}

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
    // Through the checked decoder: a map is a file like any other (format, size limits, no library lines).
    const cv::Mat q = readImageUnchanged(file);
    if (q.type() != CV_16UC1)
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
    const auto config = readJsonFile(configFile);
    s.config = runConfigFromJson(config, configFile);

    const fs::path metricsFile = runDir / "metrics.json";
    s.metrics = readJsonFile(metricsFile);
    checkMetricsJson(s.metrics, metricsFile.string());

    const fs::path scoresFile = runDir / "scores.csv";
    const auto records = parseCsv(readFile(scoresFile), scoresFile.string());
    for (std::size_t row = 1; row < records.size(); ++row) {
        const auto &f = records[row];
        if (f.size() != 4)
            throw Error(scoresFile.string() + ": row " + std::to_string(row + 1) + " does not have 4 fields");
        try {
            s.scores.push_back({f[0], f[1], std::stoi(f[2]), std::stof(f[3])});
        } catch (const std::exception &) {
            throw Error(scoresFile.string() + ": row " + std::to_string(row + 1) + " has a bad label or score");
        }
    }
    verifyRunFolder(runDir, config, s.metrics);
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
    double iouSum = 0.0;
    int iouCount = 0;
    for (const auto &r : pseudo.images)
        if (r.maskIou >= 0.0) {
            iouSum += r.maskIou;
            ++iouCount;
        }
    // How well the extractor found each composite's object again (clean-image mask as reference).
    e["mask_iou"] = iouCount ? nlohmann::json(iouSum / iouCount) : nlohmann::json(nullptr);
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

Evaluation evaluationFromRun(const RunSummary &run, const Category *current)
{
    const auto number = [&](const char *key) {
        const auto it = run.metrics.find(key);
        return it != run.metrics.end() && it->is_number() ? it->get<double>() : std::nan("");
    };
    const auto roc = [&](const char *key) {
        RocCurve r;
        const auto it = run.metrics.find(key);
        if (it == run.metrics.end() || !it->is_object())
            return r;
        const auto list = [&](const char *name) {
            std::vector<double> out;
            if (it->contains(name) && it->at(name).is_array())
                for (const auto &v : it->at(name))
                    out.push_back(v.is_number() ? v.get<double>() : std::nan(""));
            return out;
        };
        r.fpr = list("fpr");
        r.tpr = list("tpr");
        r.thresholds = list("thresholds");
        for (double &t : r.thresholds)
            if (t >= 1e30)
                t = std::numeric_limits<double>::infinity(); // evaluationJson's spelling of +inf
        return r;
    };
    std::map<std::string, const ImageRecord *> byPath;
    if (current)
        for (const ImageRecord &r : current->test)
            byPath[r.image.string()] = &r;
    Evaluation ev;
    for (const ScoreRow &row : run.scores) {
        ImageResult result;
        if (const auto it = byPath.find(row.path); it != byPath.end())
            result.record = *it->second;
        result.record.image = row.path;
        result.record.split = Split::Test;
        result.record.defectType = row.defectType;
        result.record.label = row.label;
        result.score = row.score;
        ev.images.push_back(std::move(result));
    }
    ev.metrics = {number("image_auroc"), number("pixel_auroc"), number("au_pro"), number("f1_max"),
                  number("f1_threshold"), 0, 0};
    const auto count = [&](const char *key) {
        const auto it = run.metrics.find(key);
        return it != run.metrics.end() && it->is_number_integer() ? std::max(0, it->get<int>()) : 0;
    };
    ev.metrics.pixelImages = count("pixel_images");
    ev.metrics.defectsWithoutMask = count("defects_without_masks");
    ev.imageRoc = roc("image_roc");
    ev.imageRoc.auroc = ev.metrics.imageAuroc;
    ev.pixelRoc = roc("pixel_roc");
    ev.pixelRoc.auroc = ev.metrics.pixelAuroc;
    if (run.metrics.contains("timings") && run.metrics.at("timings").is_object())
        ev.seconds = run.metrics.at("timings").value("evaluation_s", 0.0);
    return ev;
}

std::vector<ScoreMap> cropMapsFromRun(const RunSummary &run)
{
    std::vector<ScoreMap> maps;
    for (std::size_t row = 0; row < run.scores.size(); ++row) {
        if (!run.hasMap(row))
            return {};
        maps.push_back(run.map(row));
    }
    return maps;
}

} // namespace s2s
