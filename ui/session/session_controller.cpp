#include "ui/session/session_controller.h"

#include "engine/core/error.h"
#include "engine/eval/metrics.h"
#include "engine/pipeline/run_folder.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QMetaObject>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>

#include <filesystem>
#include <utility>

namespace s2s::ui {

namespace {

// What scored the results, in the user's language.
QString scorerText(const TrainingSession &session)
{
    if (!session.usesKnn())
        return SessionController::tr("SimpleNet discriminator");
    return session.config().align == "on" ? SessionController::tr("nearest training patch (kNN), objects turned to one pose")
                                          : SessionController::tr("nearest training patch (kNN)");
}

} // namespace

namespace {

// Writes a result set into a run folder exactly as it is on screen: the heads that produced it, its
// evaluation and maps (no evaluation again), the given robustness entries. Runs on the worker thread.
void writeResultSet(TrainingSession &session, const ResultSet &r, RunFolderWriter &writer, const nlohmann::json &robustness)
{
    session.restoreHeads(r.heads);
    session.saveRun(writer, r.evaluation, r.maps, robustness);
}

// The kept runs (one per dataset category) are bounded: the least recently written beyond 16 go (off
// the UI thread).
void pruneKeptRuns(const QString &keep)
{
    constexpr int kKept = 16;
    const QFileInfoList runs = QFileInfo(keep).dir().entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
    QStringList old;
    for (int i = kKept; i < runs.size(); ++i)
        if (runs[i].absoluteFilePath() != QFileInfo(keep).absoluteFilePath()
            && QFileInfo(runs[i].absoluteFilePath() + QStringLiteral("/config.json")).isFile())
            old << runs[i].absoluteFilePath();
    if (!old.isEmpty())
        (void)QtConcurrent::run([old] {
            for (const QString &dir : old)
                QDir(dir).removeRecursively();
        });
}

} // namespace

SessionController::SessionController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<s2s::TrainProgress>("s2s::TrainProgress");
    connect(&m_runner, &JobRunner::started, this, [this] { Q_EMIT busyChanged(true); });
    connect(&m_runner, &JobRunner::finished, this, [this](const QString &name) {
        bool refine = false; // first curves shown: refine them next
        if (m_incoming) {
            if (m_incomingPseudo) {
                m_pseudo = *m_incoming;
                acceptPending(true);
                Q_EMIT pseudoResultsChanged();
            } else {
                m_results = *m_incoming;
                acceptPending(false);
                const bool hadPseudo = m_pseudo.has_value();
                m_pseudo.reset();
                const bool opened = m_incomingSession && *m_incomingSession;
                if (opened) { // a run folder was opened: its session is current
                    m_session = *m_incomingSession;
                    m_category = m_session->category();
                    m_config = m_results->config;
                    m_featureScale = m_results->training.featureScale;
                    Q_EMIT featureScaleChanged(m_featureScale);
                }
                // New base heads (a training from scratch, an opened run): the finals kept for the old ones go.
                if (opened || !m_results->training.warmStart)
                    m_finalBySigma.clear();
                if (m_results->refining)
                    refine = true;
                else
                    keepFinalResults(*m_results);
                applyThresholdRule();
                Q_EMIT resultsChanged();
                // Only when pseudo-background results were dropped: every listener of both signals
                // (the Evaluation tab's charts above all) would otherwise redraw twice per arrival.
                if (hadPseudo)
                    Q_EMIT pseudoResultsChanged();
                Q_EMIT staleChanged(stale());
                if (m_incomingSession && *m_incomingSession)
                    Q_EMIT runOpened(m_results->runFolder);
                if (!m_results->runFolder.isEmpty())
                    Q_EMIT runShown(m_results->runFolder);
            }
            m_incoming.reset();
            m_incomingSession.reset();
        }
        dropStalePending();
        Q_EMIT message(tr("%1 finished").arg(name));
        endSweep(name, true);
        setInflight(std::nullopt);
        Q_EMIT busyChanged(m_runner.isRunning());
        if (refine && !m_runner.isRunning() && m_results)
            startTrainingJob(m_results->config, TrainMode::Refine);
    });
    connect(&m_runner, &JobRunner::failed, this, [this](const QString &name, const QString &error) {
        m_incoming.reset();
        m_incomingSession.reset();
        dropStalePending();
        endSweep(name, false);
        setInflight(std::nullopt);
        Q_EMIT errorOccurred(tr("%1 failed: %2").arg(name, error));
        Q_EMIT busyChanged(m_runner.isRunning());
    });
    connect(&m_runner, &JobRunner::cancelled, this, [this](const QString &name) {
        m_incoming.reset();
        m_incomingSession.reset();
        dropStalePending();
        endSweep(name, false);
        setInflight(std::nullopt);
        Q_EMIT message(tr("%1 cancelled; the previous results are kept").arg(name));
        Q_EMIT busyChanged(m_runner.isRunning());
    });
    // A job replaced by a newer request: nothing to report, the newer job is already queued.
    connect(&m_runner, &JobRunner::superseded, this, [this](const QString &name) { endSweep(name, false); });
}

SessionController::~SessionController()
{
    m_runner.cancel();
    m_runner.waitForIdle();
}

void SessionController::setCategory(const Category &category, const RunConfig &config)
{
    m_runner.cancel();
    m_runner.waitForIdle();
    m_category = category;
    m_config = config;
    m_session = std::make_shared<TrainingSession>(category, config);
    m_results.reset();
    m_pseudo.reset();
    m_incoming.reset();
    m_incomingSession.reset();
    m_finalBySigma.clear();
    m_featureScale = 0.0;
    setInflight(std::nullopt);
    // Nothing of the previous category stays on screen: no results, no threshold. The rule stays (a
    // value set by hand belongs to the other category's scores: F1-max then).
    setThreshold(0.0, QString(),
                 m_rule.kind == ThresholdRule::Kind::Value ? ThresholdRule{ThresholdRule::Kind::F1, 0.0} : m_rule);
    Q_EMIT featureScaleChanged(0.0);
    Q_EMIT resultsChanged();
    Q_EMIT pseudoResultsChanged();
}

QString SessionController::autosaveFolder() const
{
    if (m_autosaveRoot.isEmpty() || !m_category)
        return {};
    // One folder per dataset and category: <root>/<category>-<8 hex of the dataset path>.
    const QByteArray root = QString::fromStdString(m_config.dataRoot.string()).toUtf8();
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(root, QCryptographicHash::Sha256).toHex().left(8));
    return QDir(m_autosaveRoot).filePath(QString::fromStdString(m_category->name) + QLatin1Char('-') + hash);
}

void SessionController::preparePending(const QString &keep)
{
    m_incomingKeep = keep;
    m_incomingPending = keep.isEmpty() ? QString()
                                       : QDir(m_autosaveRoot).filePath(QStringLiteral(".pending-%1-%2")
                                                                           .arg(++m_pendingSerial)
                                                                           .arg(QFileInfo(keep).fileName()));
}

void SessionController::acceptPending(bool pseudo)
{
    const QString keep = std::exchange(m_incomingKeep, QString());
    const QString pending = std::exchange(m_incomingPending, QString());
    const bool written = !pending.isEmpty() && QFileInfo(pending + QStringLiteral("/config.json")).isFile();
    if (!pseudo && m_results && m_results->runFolder == pending)
        m_results->runFolder.clear();
    if (!written)
        return;
    // Two renames on this thread; the replaced run is deleted off it (dropStalePending).
    QDir root(m_autosaveRoot);
    const QString trash = root.filePath(QStringLiteral(".trash-%1").arg(++m_pendingSerial));
    if (QFileInfo::exists(keep) && !root.rename(keep, trash))
        return;
    if (!root.rename(pending, keep))
        return;
    if (!pseudo && m_results)
        m_results->runFolder = keep;
    pruneKeptRuns(keep);
}

void SessionController::dropStalePending()
{
    if (m_autosaveRoot.isEmpty())
        return;
    // Pending folders of jobs that will never be shown, and replaced runs; the job in flight keeps its own.
    const QString live = m_runner.isRunning() ? QFileInfo(m_incomingPending).fileName() : QString();
    QStringList stale;
    const QDir root(m_autosaveRoot);
    for (const QString &name : root.entryList({QStringLiteral(".pending-*"), QStringLiteral(".trash-*")},
                                              QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot))
        if (name != live)
            stale << root.filePath(name);
    if (stale.isEmpty())
        return;
    (void)QtConcurrent::run([stale] {
        for (const QString &dir : stale)
            QDir(dir).removeRecursively();
    });
}

std::shared_ptr<const ResultSet> SessionController::resultsSnapshot() const
{
    return m_results ? std::make_shared<const ResultSet>(*m_results) : nullptr;
}

nlohmann::json SessionController::robustnessJson() const
{
    if (!m_results)
        return nlohmann::json::array();
    if (!m_pseudo)
        return m_results->storedRobustness;
    const auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    const nlohmann::json staticMetrics = {{"image_auroc", num(m_results->evaluation.metrics.imageAuroc)},
                                          {"pixel_auroc", num(m_results->evaluation.metrics.pixelAuroc)},
                                          {"threshold", {{"value", m_threshold}}}};
    return nlohmann::json::array({robustnessEntry(m_pseudo->evaluation, staticMetrics)});
}

const Category *SessionController::category() const
{
    return m_category ? &*m_category : nullptr;
}

void SessionController::setConfig(const RunConfig &config)
{
    m_config = config;
    Q_EMIT staleChanged(stale());
}

bool SessionController::stale() const
{
    return !staleDifference().isEmpty();
}

ConfigDifference SessionController::staleDifference() const
{
    // Results that no longer match the settings, unless a training for exactly these settings runs.
    if (!m_results || (m_inflight && ConfigDifference::between(*m_inflight, m_config, m_featureScale).isEmpty()))
        return {};
    RunConfig settings = m_config;
    if (m_results->knn) // no noise sigma: another sigma scores the same
        settings.noiseSigma = m_results->config.noiseSigma;
    // An explicit scorer or pose is compared with what the results' "auto" resolved to.
    RunConfig results = m_results->config;
    if (settings.scorer != "auto")
        results.scorer = m_results->effective.scorer;
    if (settings.align != "auto")
        results.align = m_results->effective.align;
    return ConfigDifference::between(results, settings, m_featureScale);
}

void SessionController::setInflight(std::optional<RunConfig> config)
{
    m_inflight = std::move(config);
    Q_EMIT inflightChanged();
    Q_EMIT staleChanged(stale());
}

bool SessionController::busy() const
{
    return m_runner.isRunning();
}

void SessionController::cancel()
{
    m_runner.cancel();
}

void SessionController::applyThresholdRule()
{
    if (!m_results)
        return;
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    for (const auto &img : m_results->evaluation.images) {
        scores.push_back(img.score);
        labels.push_back(static_cast<std::uint8_t>(img.record.label != 0 ? 1 : 0));
    }
    try {
        switch (m_rule.kind) {
        case ThresholdRule::Kind::Value:
            setThreshold(m_threshold, m_thresholdRule, m_rule); // kept: the user set it
            return;
        case ThresholdRule::Kind::Fpr:
            setThreshold(thresholdForFpr(scores, labels, m_rule.value), tr("FPR <= %1 on good images").arg(m_rule.value), m_rule);
            return;
        case ThresholdRule::Kind::F1:
            break;
        }
        setThreshold(f1Max(scores, labels).threshold, tr("F1-max"), ThresholdRule{ThresholdRule::Kind::F1, 0.0});
    } catch (const std::exception &) {
        // One class only (no F1, or no normal images for an FPR): the threshold stays as it is.
    }
}

void SessionController::setThreshold(double value, const QString &rule)
{
    setThreshold(value, rule, ThresholdRule{ThresholdRule::Kind::Value, value});
}

void SessionController::setThreshold(double value, const QString &ruleText, const ThresholdRule &rule)
{
    m_threshold = value;
    m_thresholdRule = ruleText;
    m_rule = rule;
    Q_EMIT thresholdChanged(value, ruleText);
}

void SessionController::train(const RunConfig &config)
{
    startTrainingJob(config, TrainMode::Full);
}

void SessionController::startTrainingJob(const RunConfig &config, TrainMode mode)
{
    if (!m_session)
        return;
    if (!m_results)
        mode = TrainMode::Full;
    if (mode == TrainMode::Full)
        m_finalBySigma.clear(); // kept for the heads being replaced
    m_config = config;
    auto session = m_session;
    auto incoming = std::make_shared<ResultSet>();
    m_incoming = incoming;
    m_incomingPseudo = false;
    const QString sigmaText = config.noiseSigma.kind == NoiseSigma::Kind::Auto
                                  ? tr("auto")
                                  : QString::fromStdString(config.noiseSigma.text());
    const QString name = mode == TrainMode::Full    ? tr("Training")
                         : mode == TrainMode::Refit ? tr("Retraining for sigma %1").arg(sigmaText)
                                                    : tr("Refining for sigma %1").arg(sigmaText);
    const std::string stage = name.toStdString();
    // A refit starts from the base heads of the results on screen (the session keeps them with their
    // heads), a refinement from the refit on screen; a cancelled job may have left others in the session.
    const TrainingSession::SavedHeads start = mode != TrainMode::Full ? m_results->heads : TrainingSession::SavedHeads{};
    // Only final results are kept for the next start (a first look is not worth a run folder's writing).
    preparePending(mode == TrainMode::Refit ? QString() : autosaveFolder());
    const QString autosave = m_incomingPending;
    m_incomingSession.reset();
    m_runner.start(name, [this, session, config, incoming, mode, stage, start, autosave](const ProgressFn &progress,
                                                                                       const CancelToken &cancel) {
        session->restoreHeads(start);
        session->setConfig(config);
        session->extractFeatures(progress, cancel);
        const double scale = session->featureScale();
        QMetaObject::invokeMethod(
            this,
            [this, scale] {
                if (m_featureScale != scale) {
                    m_featureScale = scale;
                    Q_EMIT featureScaleChanged(scale);
                }
            },
            Qt::QueuedConnection);
        session->train(
            [this, &progress, &stage](const TrainProgress &p) {
                QMetaObject::invokeMethod(this, [this, p] { Q_EMIT trainProgress(p); }, Qt::QueuedConnection);
                report(progress, stage, p.done, p.total); // the stage is the job's translated name
            },
            cancel, mode);
        incoming->refining = mode == TrainMode::Refit && session->lastTraining().warmStart && session->refineSteps() > 0;
        incoming->heads = session->saveHeads();
        incoming->evaluation = session->evaluate(EvalOptions{}, progress, cancel);
        for (std::size_t i = 0; i < incoming->evaluation.images.size(); ++i)
            incoming->maps.push_back(session->anomalyMap(i, false));
        incoming->config = config;
        incoming->training = session->lastTraining();
        incoming->pretrained = !config.backboneWeights.empty();
        incoming->knn = session->usesKnn();
        incoming->scorer = scorerText(*session);
        incoming->effective = session->config();
        incoming->segmenter = QString::fromStdString(session->segmenterName());
        if (!autosave.isEmpty() && !cancel.isCancelled()) {
            // Kept for the next start of the studio (and the next visit of this category).
            try {
                RunFolderWriter writer(autosave.toStdString());
                writeResultSet(*session, *incoming, writer, nlohmann::json::array());
                incoming->runFolder = autosave;
            } catch (const std::exception &e) {
                const QString text = tr("The results were not kept for the next start: %1").arg(QString::fromUtf8(e.what()));
                QMetaObject::invokeMethod(this, [this, text] { Q_EMIT message(text); }, Qt::QueuedConnection);
            }
        }
    });
    setInflight(config);
    switch (mode) {
    case TrainMode::Full:
        Q_EMIT message(tr("Training with sigma %1").arg(sigmaText));
        break;
    case TrainMode::Refit:
        Q_EMIT message(tr("Retraining the heads for sigma %1 on cached features: first curves after %2 steps, then "
                          "refined")
                           .arg(sigmaText)
                           .arg(config.refitSteps));
        break;
    case TrainMode::Refine:
        Q_EMIT message(tr("Refining the heads for sigma %1 to the final curves").arg(sigmaText));
        break;
    }
}

void SessionController::evaluate(const EvalOptions &options)
{
    if (!m_session || !m_results)
        return;
    auto session = m_session;
    auto incoming = std::make_shared<ResultSet>();
    m_incoming = incoming;
    m_incomingSession.reset();
    const bool pseudo = options.background == BackgroundMode::Pseudo;
    m_incomingPseudo = pseudo;
    const std::shared_ptr<const ResultSet> onScreen = resultsSnapshot();
    const double threshold = m_threshold;
    preparePending(pseudo && !autosaveFolder().isEmpty() && m_results->runFolder == autosaveFolder() ? autosaveFolder()
                                                                                                     : QString());
    const QString autosave = m_incomingPending;
    m_runner.start(pseudo ? tr("Pseudo-background evaluation") : tr("Evaluation"),
                   [this, session, options, incoming, onScreen, threshold, autosave, pseudo](const ProgressFn &progress,
                                                                                           const CancelToken &cancel) {
                       session->restoreHeads(onScreen->heads); // the heads on screen, whatever ran since
                       incoming->evaluation = session->evaluate(options, progress, cancel);
                       for (std::size_t i = 0; i < incoming->evaluation.images.size(); ++i)
                           incoming->maps.push_back(session->anomalyMap(i, false));
                       incoming->config = onScreen->config;
                       incoming->training = session->lastTraining();
                       incoming->knn = onScreen->knn;
                       incoming->scorer = onScreen->scorer;
                       incoming->effective = session->config();
                       incoming->pretrained = !onScreen->config.backboneWeights.empty();
                       incoming->segmenter = QString::fromStdString(session->segmenterName());
                       incoming->preparation = session->testPreparation();
                       incoming->maskCacheDir = session->maskCacheDir();
                       incoming->heads = onScreen->heads;
                       if (pseudo && !autosave.isEmpty()) {
                           // The kept run records this background set too.
                           const auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
                           const nlohmann::json staticMetrics = {{"image_auroc", num(onScreen->evaluation.metrics.imageAuroc)},
                                                                 {"pixel_auroc", num(onScreen->evaluation.metrics.pixelAuroc)},
                                                                 {"threshold", {{"value", threshold}}}};
                           try {
                               RunFolderWriter writer(autosave.toStdString());
                               writeResultSet(*session, *onScreen, writer,
                                              nlohmann::json::array({robustnessEntry(incoming->evaluation, staticMetrics)}));
                           } catch (const std::exception &e) {
                               const QString text = tr("The results were not kept for the next start: %1").arg(QString::fromUtf8(e.what()));
                               QMetaObject::invokeMethod(this, [this, text] { Q_EMIT message(text); }, Qt::QueuedConnection);
                           }
                       }
                   });
}

void SessionController::saveRun(const QString &dir)
{
    if (!m_session || !m_results)
        return;
    auto session = m_session;
    const std::shared_ptr<const ResultSet> onScreen = resultsSnapshot();
    const nlohmann::json robustness = robustnessJson();
    m_incoming.reset();
    m_incomingSession.reset();
    preparePending(QString());
    m_runner.start(tr("Saving run"), [this, session, onScreen, robustness, dir](const ProgressFn &, const CancelToken &) {
        RunFolderWriter writer(dir.toStdString());
        writeResultSet(*session, *onScreen, writer, robustness);
        QMetaObject::invokeMethod(this, [this, dir] {
            Q_EMIT runSaved(dir);
            Q_EMIT runShown(dir);
        }, Qt::QueuedConnection);
    });
}

void SessionController::exportReport(const QString &pdf, const nlohmann::json &perFamily)
{
    if (!m_session || !m_results)
        return;
    auto session = m_session;
    const std::shared_ptr<const ResultSet> onScreen = resultsSnapshot();
    const nlohmann::json robustness = robustnessJson();
    ReportOptions options;
    options.thresholdRule = m_rule;
    if (perFamily.is_object() && m_category && perFamily.value("category", std::string()) == m_category->name)
        options.perFamily = perFamily;
    options.pseudoHint = tr("Use \"Evaluate with pseudo-backgrounds\" on the studio's Pseudo-backgrounds tab to test "
                            "how the model reacts to new backgrounds.");
    options.runFolderText = m_results->runFolder.isEmpty() ? tr("not saved (the results on screen in Sam2Sim Studio)")
                                                           : m_results->runFolder;
    m_incoming.reset();
    m_incomingSession.reset();
    preparePending(QString());
    m_runner.start(tr("Writing the report"), [this, session, onScreen, robustness, options, pdf](const ProgressFn &progress,
                                                                                               const CancelToken &cancel) {
        // The report renders from a run folder: a temporary one, removed when the PDF is written.
        QTemporaryDir tmp;
        if (!tmp.isValid())
            throw Error(pdf.toStdString() + ": cannot create a temporary folder (" + tmp.errorString().toStdString() + ")");
        const std::filesystem::path runDir = std::filesystem::path(tmp.path().toStdString()) / "run";
        {
            RunFolderWriter writer(runDir);
            writeResultSet(*session, *onScreen, writer, robustness);
        }
        const ReportResult result = writeReport(loadRunSummary(runDir), pdf, options, progress, cancel);
        QMetaObject::invokeMethod(this, [this, pdf, result] {
            m_lastReport = result;
            Q_EMIT reportWritten(pdf);
        }, Qt::QueuedConnection);
    });
}

void SessionController::openRun(const QString &dir)
{
    auto incoming = std::make_shared<ResultSet>();
    auto loaded = std::make_shared<std::shared_ptr<TrainingSession>>();
    m_incoming = incoming;
    m_incomingPseudo = false;
    m_incomingSession = loaded;
    preparePending(QString());
    m_runner.start(tr("Opening run"), [dir, incoming, loaded](const ProgressFn &, const CancelToken &cancel) {
        const std::filesystem::path runDir = dir.toStdString();
        std::shared_ptr<TrainingSession> session = TrainingSession::loadRun(runDir);
        cancel.throwIfCancelled();
        const RunSummary run = loadRunSummary(runDir);
        incoming->evaluation = evaluationFromRun(run, &session->category());
        incoming->maps = cropMapsFromRun(run);
        incoming->config = session->config();
        incoming->training = session->lastTraining();
        incoming->pretrained = run.metrics.value("backbone_pretrained", false);
        incoming->knn = session->usesKnn();
        incoming->scorer = scorerText(*session);
        incoming->effective = session->config();
        if (session->scorerChoice().rfind("auto:", 0) == 0) {
            // The run let "auto" choose: the settings that choose it again are auto, with the background
            // removal asked for (auto keeps the background of parts it turns to one pose).
            if (incoming->config.align == "on")
                incoming->config.foreground = true;
            incoming->config.scorer = "auto";
            incoming->config.align = "auto";
        }
        incoming->segmenter = run.metrics.contains("segmenter") && run.metrics.at("segmenter").is_string()
                                  ? QString::fromStdString(run.metrics.at("segmenter").get<std::string>())
                                  : QString();
        incoming->heads = session->saveHeads();
        incoming->runFolder = dir;
        if (run.metrics.contains("robustness") && run.metrics.at("robustness").is_array())
            incoming->storedRobustness = run.metrics.at("robustness");
        *loaded = std::move(session);
    });
}

} // namespace s2s::ui
