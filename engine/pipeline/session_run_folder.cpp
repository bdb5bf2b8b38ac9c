#include "engine/pipeline/session_state.h"

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "engine/io/checkpoint.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/run_folder.h"
#include "engine/weights/weights_catalog.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <cmath>
#include <cstdio>
#include <limits>

namespace s2s {

namespace fs = std::filesystem;

namespace {

// The training curve in metrics.json: one array per quantity, one entry per step.
nlohmann::json curveJson(const std::vector<TrainProgress> &curve)
{
    nlohmann::json j = nlohmann::json::object();
    for (const char *key : {"step", "total", "epoch", "epochs", "loss", "p_true", "p_fake"})
        j[key] = nlohmann::json::array();
    for (const TrainProgress &p : curve) {
        j["step"].push_back(p.done);
        j["total"].push_back(p.total);
        j["epoch"].push_back(p.epoch);
        j["epochs"].push_back(p.epochs);
        j["loss"].push_back(p.loss);
        j["p_true"].push_back(p.pTrue);
        j["p_fake"].push_back(p.pFake);
    }
    return j;
}

// The stages that made the heads: [{"stage": "full"|"refit"|"refine", "steps", "sigma", "sigma_rel"}, ...].
nlohmann::json historyJson(const std::vector<TrainingStage> &history)
{
    nlohmann::json j = nlohmann::json::array();
    for (const TrainingStage &stage : history)
        j.push_back({{"stage", toString(stage.kind)},
                     {"steps", stage.steps},
                     {"sigma", stage.sigmaAbsolute},
                     {"sigma_rel", stage.sigmaRelative}});
    return j;
}

} // namespace

// Runs saved before the history was kept have none (the report then shows the step count only).
std::vector<TrainingStage> trainingHistoryFromJson(const nlohmann::json &j)
{
    std::vector<TrainingStage> history;
    if (!j.is_array())
        return history;
    for (const auto &e : j) {
        if (!e.is_object() || !e.contains("stage") || !e.at("stage").is_string())
            return {};
        const auto kind = stageKindFromString(e.at("stage").get<std::string>());
        if (!kind)
            return {};
        const auto number = [&](const char *key) {
            return e.contains(key) && e.at(key).is_number() ? e.at(key).get<double>() : 0.0;
        };
        TrainingStage stage;
        stage.kind = *kind;
        stage.steps = e.contains("steps") && e.at("steps").is_number_integer() ? e.at("steps").get<int>() : 0;
        stage.sigmaAbsolute = number("sigma");
        stage.sigmaRelative = number("sigma_rel");
        history.push_back(stage);
    }
    return history;
}

namespace {

// Runs saved before the curve was kept, or with a damaged one, have none: the curve is for display only.
std::vector<TrainProgress> curveFromJson(const nlohmann::json &j)
{
    std::vector<TrainProgress> curve;
    if (!j.is_object())
        return curve;
    const auto column = [&](const char *key) { return j.contains(key) && j.at(key).is_array() ? j.at(key) : nlohmann::json::array(); };
    const nlohmann::json step = column("step"), total = column("total"), epoch = column("epoch"), epochs = column("epochs"),
                         loss = column("loss"), pTrue = column("p_true"), pFake = column("p_fake");
    const std::size_t n = step.size();
    for (const auto *c : {&total, &epoch, &epochs, &loss, &pTrue, &pFake})
        if (c->size() != n)
            return curve;
    for (std::size_t i = 0; i < n; ++i) {
        if (!step[i].is_number() || !total[i].is_number() || !epoch[i].is_number() || !epochs[i].is_number()
            || !loss[i].is_number() || !pTrue[i].is_number() || !pFake[i].is_number())
            return {};
        TrainProgress p;
        p.done = step[i].get<int>();
        p.total = total[i].get<int>();
        p.epoch = epoch[i].get<int>();
        p.epochs = epochs[i].get<int>();
        p.loss = loss[i].get<double>();
        p.pTrue = pTrue[i].get<double>();
        p.pFake = pFake[i].get<double>();
        curve.push_back(p);
    }
    return curve;
}

} // namespace

void TrainingSession::saveRun(const fs::path &runDir, const Evaluation &ev) const
{
    if (!d->trained())
        throw Error(runDir.string() + ": nothing to save, the model is not trained");
    RunFolderWriter writer(runDir);
    saveRun(writer, ev);
}

void TrainingSession::saveRun(RunFolderWriter &writer, const Evaluation &ev) const
{
    saveRun(writer, ev, d->lastMaps, nlohmann::json::array());
}

void TrainingSession::saveRun(RunFolderWriter &writer, const Evaluation &ev, const std::vector<ScoreMap> &cropMaps,
                                const nlohmann::json &robustness) const
{
    if (!d->trained())
        throw Error(writer.target().string() + ": nothing to save, the model is not trained");
    const fs::path runDir = writer.dir(); // the temporary folder; commit() below puts it in place

    nlohmann::json config = toJson(d->config);
    config["app_version"] = SAM2SIM_VERSION;
    config["kind"] = std::string(toString(d->kind()));
    config["noise_sigma"] = d->lastTraining.sigmaAbsolute;
    config["noise_sigma_rel"] = d->lastTraining.sigmaRelative;
    config["feature_scale"] = d->lastTraining.featureScale;
    // Provenance of every weights file the run used.
    config["backbone_weights_sha256"] = d->config.backboneWeights.empty()
                                            ? nlohmann::json(nullptr)
                                            : nlohmann::json(verifiedSha256(d->config.backboneWeights));
    config["sam2_weights_sha256"] = d->config.sam2Weights.empty() || !fs::is_regular_file(d->config.sam2Weights)
                                        ? nlohmann::json(nullptr)
                                        : nlohmann::json(verifiedSha256(d->config.sam2Weights));
    config["run_id"] = writer.runId();
    config["scorer_choice"] = d->scorerChoice;
    config["foreground_model"] = d->foregroundModel ? nlohmann::json({{"fingerprint", d->foregroundModel->fingerprint()},
                                                                       {"training_images", d->foregroundModel->trainingImages}})
                                                    : nlohmann::json(nullptr);
    writeFileAtomically(runDir / "config.json", jsonText(config));

    // The learnt foreground model the run's masks came from (classical extraction), so `eval --run` and
    // the studio extract exactly as the training did.
    if (d->foregroundModel && d->config.segmenter != "border")
        d->foregroundModel->save(runDir / "foreground_model.safetensors");
    if (d->knn)
        d->knn->save(runDir / "knn_bank.safetensors", d->config.backbone);
    else
        writeSafetensors(runDir / "heads.safetensors", (*d->heads)->stateDict(),
                         {{"noise_sigma", std::to_string(d->lastTraining.sigmaAbsolute)},
                          {"noise_sigma_setting", d->config.noiseSigma.text()},
                          {"backbone", d->config.backbone}});

    std::string csv = "path,defect_type,label,score\n";
    for (const auto &r : ev.images) {
        char score[32];
        std::snprintf(score, sizeof score, "%.9g", static_cast<double>(r.score)); // 9 digits: the float exactly
        csv += csvField(r.record.image.string()) + "," + csvField(r.record.defectType) + ","
               + std::to_string(r.record.label) + "," + score + "\n";
    }
    writeFileAtomically(runDir / "scores.csv", csv);

    // Maps: 16-bit PNGs over one global range so they stay comparable.
    nlohmann::json mapRange = nullptr;
    if (!cropMaps.empty() && cropMaps.size() == ev.images.size()) {
        float lo = std::numeric_limits<float>::max(), hi = std::numeric_limits<float>::lowest();
        for (const auto &m : cropMaps)
            for (float v : m.values) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        const float span = hi > lo ? hi - lo : 1.f;
        for (std::size_t i = 0; i < cropMaps.size(); ++i) {
            const ScoreMap &m = cropMaps[i];
            cv::Mat q(m.height, m.width, CV_16UC1);
            for (int y = 0; y < m.height; ++y)
                for (int x = 0; x < m.width; ++x)
                    q.at<std::uint16_t>(y, x) = static_cast<std::uint16_t>(std::lround((m.at(x, y) - lo) / span * 65535.f));
            char name[32];
            std::snprintf(name, sizeof name, "%04zu.png", i);
            writeImage(runDir / "maps" / name, q);
        }
        mapRange = {lo, hi};
    }
    nlohmann::json metrics = evaluationJson(*this, ev);
    metrics["map_range"] = mapRange;
    if (robustness.is_array())
        metrics["robustness"] = robustness;
    addRunProvenance(metrics, writer, ev, d->category.issues);
    writeFileAtomically(runDir / "metrics.json", jsonText(metrics));
    writer.commit();
}

std::unique_ptr<TrainingSession> TrainingSession::loadRun(const fs::path &runDir)
{
    verifyRunFolder(runDir);
    const fs::path configFile = runDir / "config.json";
    const nlohmann::json configJson = readJsonFile(configFile);
    const RunConfig config = runConfigFromJson(configJson, configFile);
    const Dataset dataset = scanDataset(config.dataRoot);
    const Category *category = dataset.find(config.category);
    if (!category)
        throw Error(configFile.string() + ": category '" + config.category + "' not found in " + config.dataRoot.string());
    if (config.scorer == "auto" || config.align == "auto")
        throw Error(configFile.string() + ": scorer and align must be resolved in a run (got " + config.scorer + " / "
                    + config.align + ")");
    auto session = std::make_unique<TrainingSession>(*category, config);
    session->d->scorerChoice = jsonString(configJson, "scorer_choice", std::string(), configFile.string());
    if (const fs::path model = runDir / "foreground_model.safetensors"; fs::exists(model))
        session->d->foregroundModel = std::make_shared<const ForegroundModel>(ForegroundModel::load(model));
    if (config.scorer == "knn") {
        // The bank must be of the features this config makes (taps' widths, stride-8 grid of image_size).
        session->d->ensureBackbone();
        session->d->knn = KnnScorer::loadForRun(runDir / "knn_bank.safetensors", session->d->backbone->tapChannels(),
                                                config.imageSize);
    } else {
        const fs::path headsFile = runDir / "heads.safetensors";
        const Checkpoint ckpt = readCheckpoint(headsFile);
        SimpleNetHeads heads(1536, config.dscHidden, 0);
        heads->loadStateDict(ckpt.tensors, headsFile.string());
        heads->eval();
        session->d->fused = FusedHeads::fromHeads(heads);
        session->d->heads = heads;
    }
    // What the training resolved and how it went, as far as the run recorded it.
    TrainingOutcome &o = session->d->lastTraining;
    o.sigmaAbsolute = configJson.value("noise_sigma", 0.0);
    o.sigmaRelative = configJson.value("noise_sigma_rel", 0.0);
    o.featureScale = configJson.value("feature_scale", 0.0);
    o.epochs = config.totalEpochs();
    o.patchFraction = config.patchFraction;
    const fs::path metricsFile = runDir / "metrics.json";
    if (fs::exists(metricsFile)) {
        // Types checked by verifyRunFolder above.
        const nlohmann::json m = readJsonFile(metricsFile);
        {
            o.notLearning = m.value("not_learning", false);
            if (m.contains("training") && m.at("training").is_object()) {
                const auto &t = m.at("training");
                o.loss = t.value("final_loss", 0.0);
                o.pTrue = t.value("final_p_true", 0.0);
                o.pFake = t.value("final_p_fake", 0.0);
                o.epochs = t.value("epochs", o.epochs);
                o.steps = t.value("steps", 0);
                o.warmStart = t.value("warm_start", false);
                o.curve = curveFromJson(t.value("curve", nlohmann::json::object()));
                o.history = trainingHistoryFromJson(t.value("history", nlohmann::json::array()));
            }
            session->d->current = {session->d->heads, nullptr, o};
            session->d->base = session->d->current; // refits of an opened run start from its heads
            // The run's own timings, so a re-saved or reported run does not claim zero seconds.
            if (m.contains("timings") && m.at("timings").is_object()) {
                const auto &t = m.at("timings");
                session->d->timings.features = t.value("features_s", 0.0);
                session->d->timings.training = t.value("training_s", 0.0);
                session->d->timings.evaluation = t.value("evaluation_s", 0.0);
            }
        }
    }
    return session;
}

nlohmann::json evaluationJson(const TrainingSession &session, const Evaluation &ev)
{
    const auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    nlohmann::json j;
    j["image_auroc"] = num(ev.metrics.imageAuroc);
    j["pixel_auroc"] = num(ev.metrics.pixelAuroc);
    j["au_pro"] = num(ev.metrics.auPro);
    j["f1_max"] = num(ev.metrics.f1Max);
    j["f1_threshold"] = num(ev.metrics.f1Threshold);
    j["pixel_images"] = ev.metrics.pixelImages;
    j["defects_without_masks"] = ev.metrics.defectsWithoutMask;
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    for (const auto &r : ev.images) {
        scores.push_back(r.score);
        labels.push_back(static_cast<std::uint8_t>(r.record.label));
    }
    if (!std::isnan(ev.metrics.f1Threshold)) {
        const Confusion c = confusionAt(scores, labels, ev.metrics.f1Threshold);
        j["threshold"] = {{"value", ev.metrics.f1Threshold}, {"rule", "f1_max"}};
        j["confusion"] = {{"tp", c.tp}, {"fp", c.fp}, {"tn", c.tn}, {"fn", c.fn}};
    }
    const RunConfig &c = session.config();
    j["backbone"] = c.backbone;
    j["backbone_pretrained"] = !c.backboneWeights.empty();
    j["backbone_weights_sha256"] = c.backboneWeights.empty() ? nlohmann::json(nullptr)
                                                             : nlohmann::json(verifiedSha256(c.backboneWeights));
    j["segmenter"] = session.segmenterName().empty() ? nlohmann::json(nullptr) : nlohmann::json(session.segmenterName());
    j["kind"] = std::string(toString(session.kind()));
    j["preset"] = c.preset;
    // The epochs of the training from scratch (a refit's own epoch count is in training.history).
    j["epochs"] = session.lastTraining().warmStart ? c.effectiveEpochs(session.category().train.size())
                  : session.lastTraining().epochs > 0 ? session.lastTraining().epochs
                                                      : c.totalEpochs();
    const TrainingOutcome &t = session.lastTraining();
    j["noise_sigma"] = t.sigmaAbsolute;
    j["noise_sigma_rel"] = t.sigmaRelative;
    j["noise_sigma_setting"] = c.noiseSigma.text();
    j["feature_scale"] = t.featureScale;
    j["patch_fraction"] = t.patchFraction;
    j["training"] = {{"final_loss", t.loss},
                     {"final_p_true", t.pTrue},
                     {"final_p_fake", t.pFake},
                     {"epochs", t.epochs},
                     {"steps", t.steps},
                     {"warm_start", t.warmStart},
                     {"history", historyJson(t.history)},
                     {"total_steps", t.totalSteps()},
                     {"curve", curveJson(t.curve)}};
    const std::string rangeWarning = NoiseSigma::rangeWarning(t.sigmaAbsolute, t.featureScale);
    j["noise_sigma_warning"] = rangeWarning.empty() ? nlohmann::json(nullptr) : nlohmann::json(rangeWarning);
    j["not_learning"] = t.notLearning;
    j["background"] = ev.options.background == BackgroundMode::Static ? "static" : "pseudo";
    j["selection"] = "final epoch, no test-set selection";
    j["scorer"] = {{"name", c.scorer},
                   {"align", c.align},
                   {"description", session.scorerDescription()},
                   {"choice", session.scorerChoice()}};
    j["timings"] = {{"features_s", session.timings().features},
                    {"training_s", session.timings().training},
                    {"evaluation_s", ev.seconds}};
    const auto roc = [](const RocCurve &r) {
        std::vector<double> t;
        for (double v : r.thresholds)
            t.push_back(std::isinf(v) ? 1e30 : v);
        return nlohmann::json{{"fpr", r.fpr}, {"tpr", r.tpr}, {"thresholds", t}};
    };
    j["image_roc"] = roc(ev.imageRoc);
    j["pixel_roc"] = roc(ev.pixelRoc);
    j["robustness"] = nlohmann::json::array();
    return j;
}

} // namespace s2s
