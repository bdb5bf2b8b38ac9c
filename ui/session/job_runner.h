#pragma once

#include "engine/core/progress.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace s2s::ui {

// Runs one engine job at a time on a worker thread (QtConcurrent + QPromise): engine progress becomes
// QPromise progress, QFuture::cancel() becomes the engine's CancelToken, and an exception inside the
// job becomes failed(). Exceptions never cross threads; the UI thread only receives signals.
class JobRunner final : public QObject
{
    Q_OBJECT

public:
    using Job = std::function<void(const ProgressFn &progress, const CancelToken &cancel)>;

    explicit JobRunner(QObject *parent = nullptr);
    ~JobRunner() override;

    bool isRunning() const;
    // Starts job; if one is running it is cancelled first and this one starts when it has stopped.
    void start(const QString &name, Job job);
    void cancel();
    // Blocks until the current job has stopped (used on shutdown and in tests).
    void waitForIdle();

Q_SIGNALS:
    void started(const QString &name);
    void progress(int done, int total, const QString &text);
    void finished(const QString &name);
    void failed(const QString &name, const QString &message);
    void cancelled(const QString &name);  // stopped by cancel()
    void superseded(const QString &name); // stopped because start() queued a newer job

private:
    void launch();
    void onFinished();

    QThreadPool m_pool; // the jobs' own thread: lowered in priority, never lent to Qt's painting
    QFutureWatcher<void> m_watcher;
    CancelToken m_token;
    QString m_name;
    QString m_error;
    bool m_hasPending = false;
    QString m_pendingName;
    Job m_pending;
    std::shared_ptr<void> m_outcomeHolder;
};

} // namespace s2s::ui
