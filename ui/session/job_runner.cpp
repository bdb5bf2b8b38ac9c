#include "ui/session/job_runner.h"

#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "ui/session/progress_text.h"

#include <QCoreApplication>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <cerrno>
#include <cstdlib>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <new>
#include <string>

namespace s2s::ui {

namespace {

// The job's outcome, written by the worker and read on the UI thread after the future finished.
struct Outcome
{
    QString error;
    bool cancelled = false;
};

// The GUI thread must get a CPU as soon as it wakes. During a job, the process has as many busy threads
// as cores or more (LibTorch's intra-op threads, OpenBLAS's workers, which spin with sched_yield,
// image preparation), and other programs share the cores; at the same priority a runnable GUI thread
// waited up to 70 ms per wake-up for a CPU and its event loop stalled for 120-290 ms at a time
// (tst_mainwindow's stall probe: perf sched timehist, and /proc samples showing the GUI thread
// runnable but without CPU time while the probe's watchdog thread ran). So the job's threads run at
// nice 5 (a third of the GUI thread's weight; nice 10 starved the training itself behind other
// programs: a probe training did not finish in 240 s on the loaded machine): the worker itself (and
// the OpenMP threads it starts, which inherit it) and the threads already there except the GUI thread
// and Qt's own (named "Q..."), OpenBLAS's among them. Qt's pooled threads other than the worker are
// left alone: the raster paint engine splits large fills over them and the GUI thread waits for them
// (a 105 ms stall in QSemaphore::acquire under drawLines, with those helpers reniced by an earlier job).
// For the same reason jobs run on the runner's own pool, never on the global one Qt paints with.
void yieldCpuToTheGuiThread()
{
    constexpr int kNice = 5;
    const pid_t gui = getpid(); // Qt's GUI thread is the main thread
    const auto self = static_cast<pid_t>(syscall(SYS_gettid));
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator("/proc/self/task", ec)) {
        const std::string name = entry.path().filename().string();
        const pid_t tid = static_cast<pid_t>(std::strtol(name.c_str(), nullptr, 10));
        if (tid <= 0 || tid == gui)
            continue;
        std::string comm;
        std::getline(std::ifstream(entry.path() / "comm"), comm);
        if (tid != self && ((!comm.empty() && comm[0] == 'Q') || comm.rfind("Thread (pooled)", 0) == 0))
            continue;
        errno = 0;
        const int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(tid));
        if (errno == 0 && nice < kNice)
            setpriority(PRIO_PROCESS, static_cast<id_t>(tid), kNice);
    }
}

QString outOfMemory()
{
    return QCoreApplication::translate("s2s::ui::JobRunner",
                                       "not enough memory for this job. Close other programs or use fewer or smaller "
                                       "images, then try again; the results on screen are kept.");
}

} // namespace

JobRunner::JobRunner(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1); // one job at a time; its thread keeps the lower priority it takes
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
    QFuture<void> future = QtConcurrent::run(&m_pool, [job, token, outcome](QPromise<void> &promise) {
        yieldCpuToTheGuiThread();
        auto text = std::make_shared<ProgressText>();
        const ProgressFn progress = [&promise, token, text](const ProgressEvent &e) {
            if (promise.isCanceled())
                token.cancel();
            promise.setProgressRange(0, static_cast<int>(std::max<std::int64_t>(1, e.total)));
            promise.setProgressValueAndText(static_cast<int>(e.done), text->line(e));
        };
        try {
            job(progress, token);
        } catch (const Cancelled &) {
            outcome->cancelled = true;
        } catch (const std::bad_alloc &) {
            outcome->error = outOfMemory();
        } catch (const std::exception &e) {
            // LibTorch reports a failed allocation as c10::Error ("DefaultCPUAllocator: can't allocate memory").
            const QString what = QString::fromUtf8(e.what());
            outcome->error = what.contains(QLatin1String("can't allocate memory")) ? outOfMemory() : what;
        } catch (...) {
            outcome->error = QStringLiteral("unknown error");
        }
        // What the job held goes back to the system now, not when the allocator next trims.
        releaseFreeMemory();
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
