// The session controller's sigma loop: a sigma change refits the base heads (first curves) and refines
// them (final curves), the final results are kept per sigma for the session, and a sweep runs both
// stages at each of several sigmas.
#include "ui/session/session_controller.h"

#include "ui/session/config_difference.h"

#include <QMetaObject>

#include <algorithm>
#include <string>

namespace s2s::ui {

bool SessionController::needsRefit(const RunConfig &config) const
{
    if (m_inflight)
        return !sameSigma(m_inflight->noiseSigma, config.noiseSigma, m_featureScale);
    if (m_results && m_results->knn)
        return false; // the kNN scorer has no noise sigma
    return m_results && !sameSigma(m_results->config.noiseSigma, config.noiseSigma, m_featureScale);
}

void SessionController::endSweep(const QString &jobName, bool completed)
{
    if (!m_sweeping || jobName != tr("Sigma sweep"))
        return;
    m_sweeping = false;
    Q_EMIT sweepFinished(completed);
}

void SessionController::retrainForSigma(const RunConfig &config)
{
    if (const ResultSet *kept = finalResultsFor(config)) {
        showFinalResults(*kept, config);
        return;
    }
    startTrainingJob(config, m_results ? TrainMode::Refit : TrainMode::Full);
}

bool SessionController::refining() const
{
    // The refinement is queued from the refit's "finished"; a newer sigma's job supersedes it.
    return m_results && m_results->refining
           && (!m_inflight || sameSigma(m_inflight->noiseSigma, m_results->config.noiseSigma, m_featureScale));
}

const ResultSet *SessionController::finalResultsFor(const RunConfig &config) const
{
    if (!m_results || m_featureScale <= 0.0)
        return nullptr;
    for (const ResultSet &r : m_finalBySigma) {
        RunConfig probe = config; // the same settings but for the sigma, which may be spelled otherwise
        probe.noiseSigma = r.config.noiseSigma;
        if (sameSigma(r.config.noiseSigma, config.noiseSigma, m_featureScale)
            && ConfigDifference::between(r.config, probe, m_featureScale).isEmpty())
            return &r;
    }
    return nullptr;
}

void SessionController::keepFinalResults(const ResultSet &results)
{
    constexpr std::size_t kKept = 8; // each holds its maps (about 0.3 MB per test image)
    std::erase_if(m_finalBySigma, [&](const ResultSet &r) {
        return sameSigma(r.config.noiseSigma, results.config.noiseSigma, m_featureScale);
    });
    m_finalBySigma.push_back(results);
    if (m_finalBySigma.size() > kKept)
        m_finalBySigma.erase(m_finalBySigma.begin());
}

void SessionController::showFinalResults(const ResultSet &kept, const RunConfig &config)
{
    const ResultSet shown = kept; // a copy: the list is reordered below
    if (m_runner.isRunning()) { // a refit or refinement for a sigma the user has left
        m_incoming.reset();
        m_incomingSession.reset();
        m_runner.cancel();
    }
    keepFinalResults(shown); // most recently used
    m_config = config;
    m_results = shown;
    m_results->config.noiseSigma = config.noiseSigma; // as the user spells it ("auto" or a value)
    m_pseudo.reset();
    applyThresholdRule();
    Q_EMIT resultsChanged();
    Q_EMIT pseudoResultsChanged();
    Q_EMIT staleChanged(stale());
    Q_EMIT message(tr("Sigma %1: the final results computed earlier in this session (no retraining)")
                       .arg(m_results->training.sigmaAbsolute, 0, 'g', 4));
    if (!m_results->runFolder.isEmpty())
        Q_EMIT runShown(m_results->runFolder);
}

void SessionController::sweep(const std::vector<NoiseSigma> &sigmas)
{
    if (!m_session || !m_results || sigmas.empty())
        return;
    auto session = m_session;
    m_incoming.reset();
    m_incomingSession.reset();
    const RunConfig base = m_results->config;
    const TrainingSession::SavedHeads onScreen = m_results->heads;
    m_sweeping = true;
    preparePending(QString());
    m_runner.start(tr("Sigma sweep"), [this, session, base, sigmas, onScreen](const ProgressFn &progress, const CancelToken &cancel) {
        session->restoreHeads(onScreen);
        const TrainingSession::SavedHeads saved = session->saveHeads();
        report(progress, "sigma sweep", 0, static_cast<std::int64_t>(sigmas.size()));
        try {
            for (std::size_t i = 0; i < sigmas.size(); ++i) {
                // Every point is refitted from the base heads of the results on screen and refined, as a
                // sigma change is: no point depends on the order, and each equals the studio's final curves.
                session->restoreHeads(saved);
                RunConfig c = base;
                c.noiseSigma = sigmas[i];
                session->setConfig(c);
                session->train({}, cancel, TrainMode::Refit);
                session->train({}, cancel, TrainMode::Refine); // the final heads of this sigma
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

} // namespace s2s::ui
