// The checks of a run folder's JSON that every reader relies on (run_folder.h). Kept apart from the
// rest of the run folder code, with run_config.cpp, in s2s_run_format: it needs neither the session nor
// C++20, so the libFuzzer build (clang 14, C++17: LibTorch 1.13's headers defeat it in C++20) compiles it.
#include "engine/pipeline/run_folder.h"

#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "engine/io/sha256.h"

#include <algorithm>
#include <system_error>

namespace s2s {

namespace fs = std::filesystem;

// The anomaly maps of a run folder, sorted.
std::vector<fs::path> runMapFiles(const fs::path &runDir)
{
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(runDir / "maps", ec), end; !ec && it != end; it.increment(ec))
        out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

std::string textOf(const nlohmann::json &j, const char *key)
{
    return j.is_object() && j.contains(key) && j.at(key).is_string() ? j.at(key).get<std::string>() : std::string();
}

// A value of metrics.json that the readers (eval, report, export, the studio) use: checked once here so
// that none of them meets a wrong type later. `what` says what was expected.
void checkValue(bool ok, const std::string &where, const std::string &key, const char *what,
                const nlohmann::json &value)
{
    if (!ok)
        throw Error(where + ": " + key + " must be " + what + ", got " + jsonPreview(value));
}

bool numberOrNull(const nlohmann::json &v) { return v.is_null() || v.is_number(); }
bool textOrNull(const nlohmann::json &v) { return v.is_null() || v.is_string(); }

void checkNumberArray(const nlohmann::json &v, const std::string &where, const std::string &key)
{
    checkValue(v.is_array(), where, key, "an array of numbers", v);
    for (const auto &x : v)
        checkValue(x.is_number(), where, key, "an array of numbers", x);
}

void checkObjectFields(const nlohmann::json &object, const std::string &where, const std::string &prefix,
                       std::initializer_list<const char *> numbers, std::initializer_list<const char *> texts,
                       std::initializer_list<const char *> flags)
{
    checkValue(object.is_object(), where, prefix, "an object", object);
    for (const char *key : numbers)
        if (object.contains(key))
            checkValue(numberOrNull(object.at(key)), where, prefix + "." + key, "a number", object.at(key));
    for (const char *key : texts)
        if (object.contains(key))
            checkValue(textOrNull(object.at(key)), where, prefix + "." + key, "a string", object.at(key));
    for (const char *key : flags)
        if (object.contains(key))
            checkValue(object.at(key).is_boolean(), where, prefix + "." + key, "true or false", object.at(key));
}

} // namespace

void checkMetricsJson(const nlohmann::json &m, const std::string &where)
{
    if (!m.is_object())
        throw Error(where + ": not a JSON object");
    for (const char *key : {"image_auroc", "pixel_auroc", "au_pro", "f1_max", "f1_threshold", "noise_sigma",
                            "noise_sigma_rel", "feature_scale", "patch_fraction"})
        if (m.contains(key))
            checkValue(numberOrNull(m.at(key)), where, key, "a number", m.at(key));
    for (const char *key : {"pixel_images", "defects_without_masks", "epochs"})
        if (m.contains(key))
            checkValue(m.at(key).is_number_integer(), where, key, "an integer", m.at(key));
    for (const char *key : {"not_learning", "backbone_pretrained"})
        if (m.contains(key))
            checkValue(m.at(key).is_boolean(), where, key, "true or false", m.at(key));
    for (const char *key : {"backbone", "backbone_weights_sha256", "segmenter", "kind", "preset", "background",
                            "selection", "noise_sigma_setting", "noise_sigma_warning", "run_id"})
        if (m.contains(key))
            checkValue(textOrNull(m.at(key)), where, key, "a string", m.at(key));
    if (m.contains("threshold")) {
        const auto &t = m.at("threshold");
        checkObjectFields(t, where, "threshold", {}, {"rule"}, {});
        checkValue(t.contains("value") && t.at("value").is_number(), where, "threshold.value", "a number",
                   t.value("value", nlohmann::json()));
    }
    if (m.contains("confusion")) {
        checkValue(m.at("confusion").is_object(), where, "confusion", "an object", m.at("confusion"));
        for (const auto &[k, v] : m.at("confusion").items())
            checkValue(v.is_number_integer(), where, "confusion." + k, "an integer", v);
    }
    if (m.contains("training"))
        checkObjectFields(m.at("training"), where, "training", {"final_loss", "final_p_true", "final_p_fake"}, {},
                          {"warm_start"});
    if (m.contains("training"))
        for (const char *key : {"epochs", "steps"})
            if (m.at("training").contains(key))
                checkValue(m.at("training").at(key).is_number_integer(), where, std::string("training.") + key,
                           "an integer", m.at("training").at(key));
    if (m.contains("training") && m.at("training").contains("history")) {
        const auto &history = m.at("training").at("history");
        checkValue(history.is_array() && history.size() <= 100000, where, "training.history", "an array of stages",
                   history);
        for (const auto &stage : history) {
            checkObjectFields(stage, where, "training.history[]", {"sigma", "sigma_rel"}, {"stage"}, {});
            checkValue(stage.contains("steps") && stage.at("steps").is_number_integer(), where,
                       "training.history[].steps", "an integer", stage.value("steps", nlohmann::json()));
            const std::string kind = stage.contains("stage") && stage.at("stage").is_string()
                                         ? stage.at("stage").get<std::string>()
                                         : std::string();
            checkValue(kind == "full" || kind == "refit" || kind == "refine", where, "training.history[].stage",
                       "full, refit or refine", stage.value("stage", nlohmann::json()));
        }
    }
    if (m.contains("scorer"))
        checkObjectFields(m.at("scorer"), where, "scorer", {}, {"name", "align", "description", "choice"}, {});
    if (m.contains("timings"))
        checkObjectFields(m.at("timings"), where, "timings", {"features_s", "training_s", "evaluation_s"}, {}, {});
    for (const char *roc : {"image_roc", "pixel_roc"})
        if (m.contains(roc)) {
            checkValue(m.at(roc).is_object(), where, roc, "an object", m.at(roc));
            for (const char *key : {"fpr", "tpr", "thresholds"})
                if (m.at(roc).contains(key))
                    checkNumberArray(m.at(roc).at(key), where, std::string(roc) + "." + key);
        }
    if (m.contains("map_range") && !m.at("map_range").is_null()) {
        checkNumberArray(m.at("map_range"), where, "map_range");
        checkValue(m.at("map_range").size() == 2, where, "map_range", "two numbers", m.at("map_range"));
    }
    if (m.contains("robustness")) {
        checkValue(m.at("robustness").is_array(), where, "robustness", "an array", m.at("robustness"));
        for (const auto &e : m.at("robustness"))
            checkObjectFields(e, where, "robustness[]",
                              {"seed", "feather_px", "image_auroc", "pixel_auroc", "au_pro", "mask_iou",
                               "static_image_auroc", "static_pixel_auroc", "threshold", "fpr_at_threshold"},
                              {"background", "diagnostic"}, {});
    }
    if (m.contains("files")) {
        checkValue(m.at("files").is_object(), where, "files", "an object", m.at("files"));
        for (const auto &[k, v] : m.at("files").items())
            checkValue(v.is_string(), where, "files." + k, "a string", v);
    }
    if (m.contains("test_sha256")) {
        checkValue(m.at("test_sha256").is_array(), where, "test_sha256", "an array of strings", m.at("test_sha256"));
        for (const auto &v : m.at("test_sha256"))
            checkValue(v.is_string(), where, "test_sha256", "an array of strings", v);
    }
    if (m.contains("skipped")) {
        checkValue(m.at("skipped").is_array(), where, "skipped", "an array", m.at("skipped"));
        for (const auto &e : m.at("skipped"))
            checkObjectFields(e, where, "skipped[]", {}, {"path", "reason"}, {});
    }
}

void verifyRunFolder(const fs::path &runDir, const nlohmann::json &config, const nlohmann::json &metrics)
{
    checkMetricsJson(metrics, (runDir / "metrics.json").string());
    const std::string configId = textOf(config, "run_id"), metricsId = textOf(metrics, "run_id");
    if (configId != metricsId)
        throw Error((runDir / "metrics.json").string() + ": belongs to another run than config.json (run id "
                    + (metricsId.empty() ? std::string("none") : metricsId.substr(0, 8)) + " vs "
                    + (configId.empty() ? std::string("none") : configId.substr(0, 8))
                    + "); the folder mixes two runs, train it again");
    if (!metrics.contains("files")) {
        // Runs written before run ids existed have neither; a run with an id always lists its files.
        if (!metricsId.empty())
            throw Error((runDir / "metrics.json").string()
                        + ": files is missing, so the run's parts cannot be checked; train it again");
        return;
    }
    // Every part that is there must be listed, maps one by one: an entry removed from the list must not
    // switch the check of that part off.
    const auto &files = metrics.at("files");
    const auto unlisted = [&](const fs::path &file) {
        return Error(file.string() + ": not listed in metrics.json (files), so it cannot be checked as this run's; "
                                     "the folder mixes two runs or was edited, train it again");
    };
    for (const char *name : kRunPartFiles)
        if (std::error_code ec; fs::exists(runDir / name, ec) && !files.contains(name))
            throw unlisted(runDir / name);
    for (const fs::path &map : runMapFiles(runDir))
        if (!files.contains("maps/" + map.filename().string()))
            throw unlisted(map);
    for (const auto &[name, hash] : files.items()) {
        const fs::path file = runDir / name;
        std::error_code ec;
        if (!fs::exists(file, ec))
            throw Error(file.string() + ": missing from the run folder");
        if (!hash.is_string() || sha256File(file) != hash.get<std::string>())
            throw Error(file.string() + ": does not belong to this run (its content changed after the run was "
                                        "written); the folder mixes two runs, train it again");
    }
}

void verifyRunFolder(const fs::path &runDir)
{
    const fs::path configFile = runDir / "config.json", metricsFile = runDir / "metrics.json";
    verifyRunFolder(runDir, readJsonFile(configFile), readJsonFile(metricsFile));
}

} // namespace s2s
