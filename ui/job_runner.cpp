#include "ui/job_runner.h"

#include "engine/core/error.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace s2s::ui {

namespace {

// The job's outcome, written by the worker and read on the UI thread after the future finished.
struct Outcome
{
    QString error;
    bool cancelled = false;
};

} // namespace

JobRunner::JobRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<void>::progressValueChanged, this, [this](int value) {
        Q_EMIT progress(value, m_watcher.progressMaximum(), m_watcher.progressText());
    });
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &JobRunner::onFinished);
}

JobRunner::~JobRunner()
{
    m_hasPending = false;
    cancel();
    waitForIdle();
}

bool JobRunner::isRunning() const
{
    return m_watcher.isRunning();
}

void JobRunner::start(const QString &name, Job job)
{
    m_pendingName = name;
    m_pending = std::move(job);
    m_hasPending = true;
    if (isRunning()) {
        m_token.cancel(); // onFinished() reports it superseded and launches the pending job
        m_watcher.cancel();
    } else {
        launch();
    }
}

void JobRunner::cancel()
{
    m_hasPending = false; // the user's cancel stops what is queued as well
    m_token.cancel();
    m_watcher.cancel();
}

void JobRunner::waitForIdle()
{
    m_watcher.waitForFinished();
}

void JobRunner::launch()
{
    if (!m_hasPending)
        return;
    m_hasPending = false;
    m_name = m_pendingName;
    m_token = CancelToken();
    Job job = std::move(m_pending);
    const CancelToken token = m_token;
    auto outcome = std::make_shared<Outcome>();
    m_error.clear();
    QFuture<void> future = QtConcurrent::run([job, token, outcome](QPromise<void> &promise) {
        const ProgressFn progress = [&promise, token](const ProgressEvent &e) {
            if (promise.isCanceled())
                token.cancel();
            promise.setProgressRange(0, static_cast<int>(std::max<std::int64_t>(1, e.total)));
            promise.setProgressValueAndText(static_cast<int>(e.done),
                                            QString::fromStdString(e.stage + (e.message.empty() ? "" : ": " + e.message)));
        };
        try {
            job(progress, token);
        } catch (const Cancelled &) {
            outcome->cancelled = true;
        } catch (const std::exception &e) {
            outcome->error = QString::fromUtf8(e.what());
        } catch (...) {
            outcome->error = QStringLiteral("unknown error");
        }
    });
    m_outcomeHolder = outcome;
    m_watcher.setFuture(future);
    Q_EMIT started(m_name);
}

void JobRunner::onFinished()
{
    const auto outcome = std::static_pointer_cast<Outcome>(m_outcomeHolder);
    m_outcomeHolder.reset();
    const QString name = m_name;
    if (outcome && !outcome->error.isEmpty())
        Q_EMIT failed(name, outcome->error);
    else if (((outcome && outcome->cancelled) || m_token.isCancelled()) && m_hasPending)
        Q_EMIT superseded(name);
    else if ((outcome && outcome->cancelled) || m_token.isCancelled())
        Q_EMIT cancelled(name);
    else
        Q_EMIT finished(name);
    launch();
}

} // namespace s2s::ui
