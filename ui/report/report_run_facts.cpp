// The report's provenance table: what the run was (data, weights, segmenter, sigma, schedule, threshold),
// from config.json and metrics.json as the run wrote them.
#include "ui/report/report_run_facts.h"

#include "ui/report/report_tr.h"
#include "ui/report/training_history_text.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

namespace s2s::ui {

QString runKindText(const RunSummary &run)
{
    std::string kind = jsonString(run.metrics, "kind", "");
    if (kind.empty() && run.config.kindOverride)
        kind = std::string(toString(*run.config.kindOverride));
    return kind.empty() ? Report::tr("unknown") : fromStd(kind);
}

namespace {

using Fact = std::pair<QString, QString>;

// Inputs the scanner left out of the run (metrics.json "skipped"): a count and the first, so that a
// report never hides that the figures rest on fewer images than the folder holds.
QString skippedDescription(const RunSummary &run)
{
    const auto it = run.metrics.find("skipped");
    if (it == run.metrics.end() || !it->is_array() || it->empty())
        return Report::tr("none");
    const auto &first = it->front();
    return Report::tr("%1 files left out when the dataset was read (listed in metrics.json), first %2")
        .arg(it->size())
        .arg(fromStd(jsonString(first, "path", "") + ": " + jsonString(first, "reason", "")));
}

// The hash shown for the backbone weights: metrics.json's when the run stored one, else computed
// from the configured file (when it is still there).
QString weightsDescription(const RunSummary &run)
{
    const auto pretrained = run.metrics.find("backbone_pretrained");
    const bool notPretrained = (pretrained != run.metrics.end() && pretrained->is_boolean()
                                && !pretrained->get<bool>())
                               || run.config.backboneWeights.empty();
    if (notPretrained)
        return Report::tr("not pretrained (random initialisation): scores are not meaningful for "
                          "production use");
    const QString file = fromStd(run.config.backboneWeights.filename().string());
    std::string sha = jsonString(run.metrics, "backbone_weights_sha256", "");
    if (sha.empty()) {
        QFile weights(QString::fromStdString(run.config.backboneWeights.string()));
        if (weights.open(QIODevice::ReadOnly)) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            hash.addData(&weights);
            sha = hash.result().toHex().toStdString();
        }
    }
    if (sha.empty())
        return Report::tr("%1 (file not found, no hash recorded)").arg(file);
    return Report::tr("%1, SHA-256 %2").arg(file, fromStd(sha));
}

QString segmenterDescription(const RunSummary &run)
{
    if (!run.config.foreground)
        return Report::tr("off (images used as they are)");
    // With --foreground auto a texture (or a category that keeps its background) is never segmented:
    // metrics.json then records a null segmenter.
    if (const auto it = run.metrics.find("segmenter"); it != run.metrics.end() && it->is_null())
        return Report::tr("off for this category (%1: its background is never removed)").arg(runKindText(run));
    const std::string used = jsonString(run.metrics, "segmenter", run.config.segmenter);
    return Report::tr("%1, background filled with %2")
        .arg(fromStd(used), fromStd(run.config.backgroundFill));
}

// "0.2856 absolute = 0.5 x the feature scale 0.5712 (setting: auto)", from what the training resolved.
QString sigmaDescription(const RunSummary &run)
{
    const auto abs = jsonNumber(run.metrics, "noise_sigma");
    const auto rel = jsonNumber(run.metrics, "noise_sigma_rel");
    const auto scale = jsonNumber(run.metrics, "feature_scale");
    const QString setting = fromStd(jsonString(run.metrics, "noise_sigma_setting", run.config.noiseSigma.text()));
    if (!abs)
        return Report::tr("setting %1 (not recorded by this run)").arg(setting);
    // The CLI, metrics.json and the studio's banner say it when the sigma lies outside the measured
    // working range; so does the report.
    const std::string warning = jsonString(run.metrics, "noise_sigma_warning", "");
    const QString outside = warning.empty() ? QString()
                                            : Report::tr(" - OUTSIDE THE WORKING RANGE %1x-%2x")
                                                  .arg(NoiseSigma::kWorkingLow)
                                                  .arg(NoiseSigma::kWorkingHigh);
    if (!rel || !scale || *scale <= 0.0)
        return Report::tr("%1 absolute (setting: %2)").arg(QString::number(*abs, 'g', 4), setting) + outside;
    return Report::tr("%1 absolute = %2 x the feature scale %3 (setting: %4)")
               .arg(QString::number(*abs, 'g', 4), QString::number(*rel, 'g', 3), QString::number(*scale, 'g', 4), setting)
           + outside;
}

// A kNN run's scorer: "nearest training patch (kNN), objects turned to one pose, no noise sigma - chosen from
// the training images (...)".
QString knnDescription(const RunSummary &run)
{
    QString text = run.config.align == "on" ? Report::tr("nearest training patch (kNN), objects turned to one pose, no noise sigma")
                                            : Report::tr("nearest training patch (kNN), no noise sigma");
    const auto it = run.metrics.find("scorer");
    const std::string choice = it != run.metrics.end() && it->is_object() ? jsonString(*it, "choice", "") : std::string();
    if (const auto open = choice.find('('); choice.rfind("auto:", 0) == 0 && open != std::string::npos)
        text += Report::tr(" - chosen from the training images %1").arg(fromStd(choice.substr(open)));
    return text;
}

// The last epoch's loss and separation, and a warning when the discriminator never learnt.
QString trainingDescription(const RunSummary &run)
{
    if (!run.metrics.at("training").is_object())
        return Report::tr("not recorded by this run");
    const nlohmann::json &t = run.metrics.at("training");
    TrainingOutcome outcome; // what the run recorded of how its heads were trained
    outcome.steps = static_cast<int>(jsonNumber(t, "steps").value_or(0.0));
    outcome.history = trainingHistoryFromJson(t.value("history", nlohmann::json::array()));
    const QString last = Report::tr("%4; last epoch: loss %1, p_true %2, p_fake %3")
                             .arg(QString::number(jsonNumber(t, "final_loss").value_or(0.0), 'f', 4),
                                  QString::number(jsonNumber(t, "final_p_true").value_or(0.0), 'f', 3),
                                  QString::number(jsonNumber(t, "final_p_fake").value_or(0.0), 'f', 3),
                                  trainingHistoryText(outcome));
    if (run.metrics.value("not_learning", false))
        return Report::tr("NOT LEARNING - the noise sigma does not suit these features, the maps are noise (%1)").arg(last);
    return last;
}

} // namespace

std::vector<std::pair<QString, QString>> runFacts(const ReportContext &ctx)
{
    const RunSummary &run = ctx.run;
    const RunConfig &cfg = run.config;
    const QString category = fromStd(cfg.category);
    // Runs without a "created" stamp are dated by their config file.
    QString created = fromStd(jsonString(ctx.storedConfig, "created", ""));
    if (created.isEmpty()) {
        const QFileInfo config(QString::fromStdString((run.dir / "config.json").string()));
        if (config.exists())
            created = Report::tr("%1 (file time)").arg(config.lastModified().toString(Qt::ISODate));
    }
    const std::string trainedWith = jsonString(ctx.storedConfig, "app_version", "");
    std::vector<Fact> facts = {
        {Report::tr("Dataset"), fromStd(cfg.dataRoot.string())},
        {Report::tr("Category"), category},
        {Report::tr("Kind"), runKindText(run)},
        {Report::tr("Run folder"), ctx.options.runFolderText.isEmpty() ? fromStd(run.dir.string()) : ctx.options.runFolderText},
        {Report::tr("Run created"),
         created.isEmpty() ? Report::tr("unknown")
                           : Report::tr("%1, Sam2Sim Studio %2")
                                 .arg(created,
                                    trainedWith.empty() ? Report::tr("unknown version") : fromStd(trainedWith))},
        {Report::tr("Report date"), ctx.generatedAt},
        {Report::tr("Application"), QStringLiteral("Sam2Sim Studio " SAM2SIM_VERSION)},
        {Report::tr("Backbone"), fromStd(jsonString(run.metrics, "backbone", cfg.backbone))},
        {Report::tr("Backbone weights"), weightsDescription(run)},
        {Report::tr("Foreground segmenter"), segmenterDescription(run)},
        // The kNN scorer has no noise sigma: its row says what scored instead.
        cfg.scorer == "knn" ? Fact{Report::tr("Scorer"), knnDescription(run)} : Fact{Report::tr("Noise sigma"), sigmaDescription(run)},
        {Report::tr("Preset"), fromStd(cfg.preset)},
        {Report::tr("Epochs"), cfg.scorer == "knn"                 ? Report::tr("none (nothing trained)")
                               : run.metrics.contains("training")
                                   ? QString::number(jsonNumber(run.metrics, "epochs").value_or(cfg.totalEpochs()), 'f', 0)
                                   : Report::tr("%1 (%2 meta-epochs x %3 discriminator epochs)")
                                         .arg(cfg.totalEpochs())
                                         .arg(cfg.metaEpochs)
                                         .arg(cfg.ganEpochs)},
        {Report::tr("Input"), cfg.resize == cfg.imageSize
                                  ? Report::tr("shorter side resized to %1 px, no crop").arg(cfg.resize)
                                  : Report::tr("shorter side resized to %1 px, centre crop %2 x %2 px")
                                        .arg(cfg.resize)
                                        .arg(cfg.imageSize)},
        {Report::tr("Seed"), QString::number(cfg.seed)},
        {Report::tr("Model selection"), fromStd(jsonString(run.metrics, "selection", "-"))},
        {Report::tr("Skipped inputs"), skippedDescription(run)},
        {Report::tr("Threshold"), QString::number(ctx.threshold.value, 'g', 8)},
        {Report::tr("Threshold rule"),
         Report::tr("%1 - %2").arg(ctx.threshold.rule, ctx.threshold.explanation)},
    };
    // Runs that recorded their training (this version on) say how the discriminator ended.
    if (run.metrics.contains("training") && cfg.scorer != "knn")
        facts.insert(facts.begin() + 11, {Report::tr("Discriminator"), trainingDescription(run)});
    return facts;
}

} // namespace s2s::ui
