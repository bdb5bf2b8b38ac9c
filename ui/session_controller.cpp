#include "ui/session_controller.h"

#include "engine/core/error.h"

#include <QMetaObject>

namespace s2s::ui {

namespace {

bool sameHeads(const RunConfig &a, const RunConfig &b)
{
    return a.backbone == b.backbone && a.backboneWeights == b.backboneWeights && a.noiseSigma == b.noiseSigma
           && a.totalEpochs() == b.totalEpochs() && a.batchSize == b.batchSize && a.seed == b.seed
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
        Q_EMIT busyChanged(m_runner.isRunning());
    });
    connect(&m_runner, &JobRunner::failed, this, [this](const QString &name, const QString &error) {
        m_incoming.reset();
        Q_EMIT errorOccurred(tr("%1 failed: %2").arg(name, error));
        Q_EMIT busyChanged(m_runner.isRunning());
    });
    connect(&m_runner, &JobRunner::cancelled, this, [this](const QString &name) {
        m_incoming.reset();
        Q_EMIT message(tr("%1 cancelled; the previous results are kept").arg(name));
        Q_EMIT busyChanged(m_runner.isRunning());
    });
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
    return m_results && !sameHeads(m_results->config, m_config);
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
    if (!m_session)
        return;
    m_config = config;
    auto session = m_session;
    auto incoming = std::make_shared<ResultSet>();
    m_incoming = incoming;
    m_incomingPseudo = false;
    m_runner.start(tr("Training"), [this, session, config, incoming](const ProgressFn &progress, const CancelToken &cancel) {
        session->setConfig(config);
        session->extractFeatures(progress, cancel);
        session->train(
            [this, &progress](const TrainProgress &p) {
                QMetaObject::invokeMethod(this, [this, p] { Q_EMIT trainProgress(p); }, Qt::QueuedConnection);
                report(progress, "train", (p.epoch - 1) * p.steps + p.step, static_cast<std::int64_t>(p.epochs) * p.steps,
                       "epoch " + std::to_string(p.epoch) + "/" + std::to_string(p.epochs));
            },
            cancel);
        incoming->evaluation = session->evaluate(EvalOptions{}, progress, cancel);
        for (std::size_t i = 0; i < incoming->evaluation.images.size(); ++i)
            incoming->maps.push_back(session->anomalyMap(i, false));
        incoming->config = config;
        incoming->pretrained = !config.backboneWeights.empty();
        incoming->segmenter = QString::fromStdString(session->segmenterName());
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
                       incoming->pretrained = !config.backboneWeights.empty();
                       incoming->segmenter = QString::fromStdString(session->segmenterName());
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
