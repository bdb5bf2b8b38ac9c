#include "ui/session_controller.h"

#include "engine/core/error.h"

#include <QMetaObject>

namespace s2s::ui {

namespace {

bool sameHeads(const RunConfig &a, const RunConfig &b)
{
    return a.backbone == b.backbone && a.backboneWeights == b.backboneWeights && a.noiseSigma == b.noiseSigma
           && a.totalEpochs() == b.totalEpochs() && a.batchSize == b.batchSize && a.seed == b.seed
           && a.patchFraction == b.patchFraction && a.minSteps == b.minSteps
           && a.foreground == b.foreground && a.segmenter == b.segmenter && a.kindOverride == b.kindOverride
           && a.backgroundFill == b.backgroundFill;
}

} // namespace

SessionController::SessionController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<s2s::TrainProgress>("s2s::TrainProgress");
    connect(&m_runner, &JobRunner::started, this, [this] { Q_EMIT busyChanged(true); });
    connect(&m_runner, &JobRunner::finished, this, [this](const QString &name) {
        if (m_incoming) {
            if (m_incomingPseudo) {
                m_pseudo = *m_incoming;
                Q_EMIT pseudoResultsChanged();
            } else {
                m_results = *m_incoming;
                m_pseudo.reset();
                const auto &m = m_results->evaluation.metrics;
                if (!std::isnan(m.f1Threshold))
                    setThreshold(m.f1Threshold, tr("F1-max"));
                Q_EMIT resultsChanged();
                Q_EMIT pseudoResultsChanged();
                Q_EMIT staleChanged(stale());
            }
            m_incoming.reset();
        }
        Q_EMIT message(tr("%1 finished").arg(name));
        endSweep(name, true);
        setInflight(std::nullopt);
        Q_EMIT busyChanged(m_runner.isRunning());
    });
    connect(&m_runner, &JobRunner::failed, this, [this](const QString &name, const QString &error) {
        m_incoming.reset();
        endSweep(name, false);
        setInflight(std::nullopt);
        Q_EMIT errorOccurred(tr("%1 failed: %2").arg(name, error));
        Q_EMIT busyChanged(m_runner.isRunning());
    });
    connect(&m_runner, &JobRunner::cancelled, this, [this](const QString &name) {
        m_incoming.reset();
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
    m_session = std::make_shared<InspectionSession>(category, config);
    m_results.reset();
    m_pseudo.reset();
    m_featureScale = 0.0;
    setInflight(std::nullopt);
    Q_EMIT featureScaleChanged(0.0);
    Q_EMIT resultsChanged();
    Q_EMIT pseudoResultsChanged();
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
    // Results that no longer match the settings, unless a training for exactly these settings runs.
    return m_results && !sameHeads(m_results->config, m_config) && !(m_inflight && sameHeads(*m_inflight, m_config));
}

void SessionController::endSweep(const QString &jobName, bool completed)
{
    if (!m_sweeping || jobName != tr("Sigma sweep"))
        return;
    m_sweeping = false;
    Q_EMIT sweepFinished(completed);
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

void SessionController::setThreshold(double value, const QString &rule)
{
    m_threshold = value;
    m_thresholdRule = rule;
    Q_EMIT thresholdChanged(value, rule);
}

void SessionController::train(const RunConfig &config)
{
    startTrainingJob(config, false);
}

void SessionController::retrainForSigma(const RunConfig &config)
{
    startTrainingJob(config, m_results.has_value());
}

void SessionController::startTrainingJob(const RunConfig &config, bool refit)
{
    if (!m_session)
        return;
    m_config = config;
    auto session = m_session;
    auto incoming = std::make_shared<ResultSet>();
    m_incoming = incoming;
    m_incomingPseudo = false;
    const QString sigmaText = config.noiseSigma.kind == NoiseSigma::Kind::Auto
                                  ? tr("auto")
                                  : QString::fromStdString(config.noiseSigma.text());
    const QString name = refit ? tr("Retraining for sigma %1").arg(sigmaText) : tr("Training");
    const std::string stage = name.toStdString();
    m_runner.start(name, [this, session, config, incoming, refit, stage](const ProgressFn &progress,
                                                                         const CancelToken &cancel) {
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
                report(progress, stage, p.done, p.total, "step " + std::to_string(p.done) + "/" + std::to_string(p.total));
            },
            cancel, refit ? TrainMode::Refit : TrainMode::Full);
        incoming->evaluation = session->evaluate(EvalOptions{}, progress, cancel);
        for (std::size_t i = 0; i < incoming->evaluation.images.size(); ++i)
            incoming->maps.push_back(session->anomalyMap(i, false));
        incoming->config = config;
        incoming->training = session->lastTraining();
        incoming->pretrained = !config.backboneWeights.empty();
        incoming->segmenter = QString::fromStdString(session->segmenterName());
    });
    setInflight(config);
    Q_EMIT message(refit ? tr("Retraining the heads for sigma %1 on cached features").arg(sigmaText)
                         : tr("Training with sigma %1").arg(sigmaText));
}

void SessionController::sweep(const std::vector<NoiseSigma> &sigmas)
{
    if (!m_session || !m_results || sigmas.empty())
        return;
    auto session = m_session;
    m_incoming.reset();
    const RunConfig base = m_results->config;
    m_sweeping = true;
    m_runner.start(tr("Sigma sweep"), [this, session, base, sigmas](const ProgressFn &progress, const CancelToken &cancel) {
        const InspectionSession::SavedHeads saved = session->saveHeads();
        try {
            for (std::size_t i = 0; i < sigmas.size(); ++i) {
                // Every point is refitted from the heads on screen, so no point depends on the order.
                session->restoreHeads(saved);
                RunConfig c = base;
                c.noiseSigma = sigmas[i];
                session->setConfig(c);
                session->train({}, cancel, TrainMode::Refit);
                EvalOptions options;
                const Evaluation ev = session->evaluate(options, {}, cancel);
                const TrainingOutcome t = session->lastTraining();
                QMetaObject::invokeMethod(
                    this,
                    [this, t, ev] {
                        Q_EMIT sweepPoint(t.sigmaAbsolute, t.sigmaRelative, ev.metrics.imageAuroc, ev.metrics.pixelAuroc);
                    },
                    Qt::QueuedConnection);
                report(progress, "sigma sweep", static_cast<std::int64_t>(i + 1), static_cast<std::int64_t>(sigmas.size()),
                       "sigma " + std::to_string(i + 1) + "/" + std::to_string(sigmas.size()));
            }
        } catch (...) {
            session->restoreHeads(saved);
            throw;
        }
        session->restoreHeads(saved);
    });
}

void SessionController::evaluate(const EvalOptions &options)
{
    if (!m_session || !m_results)
        return;
    auto session = m_session;
    auto incoming = std::make_shared<ResultSet>();
    m_incoming = incoming;
    m_incomingPseudo = options.background == BackgroundMode::Pseudo;
    const RunConfig config = m_results->config;
    m_runner.start(options.background == BackgroundMode::Pseudo ? tr("Pseudo-background evaluation") : tr("Evaluation"),
                   [session, options, incoming, config](const ProgressFn &progress, const CancelToken &cancel) {
                       incoming->evaluation = session->evaluate(options, progress, cancel);
                       for (std::size_t i = 0; i < incoming->evaluation.images.size(); ++i)
                           incoming->maps.push_back(session->anomalyMap(i, false));
                       incoming->config = config;
                       incoming->training = session->lastTraining();
                       incoming->pretrained = !config.backboneWeights.empty();
                       incoming->segmenter = QString::fromStdString(session->segmenterName());
                       incoming->preparation = session->testPreparation();
                       incoming->maskCacheDir = session->maskCacheDir();
                   });
}

void SessionController::saveRun(const QString &dir)
{
    if (!m_session || !m_results)
        return;
    auto session = m_session;
    const Evaluation ev = m_results->evaluation;
    m_incoming.reset();
    m_runner.start(tr("Saving run"), [session, ev, dir](const ProgressFn &, const CancelToken &) {
        // Re-evaluate so the session's maps are the static ones before writing them.
        const Evaluation fresh = session->evaluate(ev.options, {}, CancelToken());
        session->saveRun(dir.toStdString(), fresh);
    });
    connect(&m_runner, &JobRunner::finished, this, [this, dir](const QString &) { Q_EMIT runSaved(dir); },
            Qt::SingleShotConnection);
}

} // namespace s2s::ui
