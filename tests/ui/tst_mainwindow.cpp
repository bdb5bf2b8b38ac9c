// The studio, offscreen: open the demo dataset, train a short run, check the panels, cancel,
// measure event-loop stalls during training and the time from a sigma change to updated ROC curves.
#include "engine/data/synth_generator.h"
#include "engine/export/exported_model.h"
#include "engine/io/image_io.h"
#include "ui/evaluation_panel.h"
#include "ui/heatmap_viewer.h"
#include "ui/main_window.h"
#include "ui/session_controller.h"
#include "ui/settings.h"
#include "ui/sigma_control.h"
#include "ui/training_panel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QStatusBar>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <execinfo.h>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// Says what the GUI thread did during its longest stall, so a failing probe names its cause. A
// watchdog thread samples the GUI thread's scheduler statistics every 2 ms (/proc/self/task/TID/
// schedstat: ns on a CPU, ns runnable but waiting for one). When the event loop has not ticked for
// 40 ms it reads the thread's state, wait channel and system call and takes its stack (a signal
// handler calls backtrace()). Over a stall: mostly on a CPU = work on the GUI thread (the stack says
// which); mostly waiting for a CPU = the machine's other threads starve it; neither = it slept
// (a lock, I/O, a page fault: state, wchan and syscall say which).
class StallDiagnosis
{
public:
    explicit StallDiagnosis(pid_t guiTid)
        : m_tid(guiTid)
    {
        s_target = this;
        struct sigaction sa = {};
        sa.sa_handler = &StallDiagnosis::onSignal;
        sa.sa_flags = SA_RESTART;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGUSR2, &sa, nullptr);
        tick();
        m_thread = std::thread([this] { watch(); });
    }
    ~StallDiagnosis()
    {
        m_stop = true;
        m_thread.join();
        signal(SIGUSR2, SIG_DFL);
        s_target = nullptr;
    }
    void tick() { m_lastTick.store(nowNs()); }
    std::string report() const
    {
        std::lock_guard lock(m_mutex);
        return m_report;
    }

private:
    static std::int64_t nowNs()
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    }
    std::string taskFile(const char *name) const
    {
        std::ifstream f("/proc/self/task/" + std::to_string(m_tid) + "/" + name);
        std::stringstream ss;
        ss << f.rdbuf();
        std::string text = ss.str();
        while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
            text.pop_back();
        return text;
    }
    // (GUI thread CPU time, machine steal time) in clock ticks: /proc/self/task/TID/stat utime + stime,
    // /proc/stat's steal column (time the hypervisor gave this VM's CPUs to others).
    std::pair<std::int64_t, std::int64_t> schedstat() const
    {
        std::int64_t cpu = 0, steal = 0;
        const std::string st = taskFile("stat");
        const auto close = st.rfind(')');
        if (close != std::string::npos) {
            std::istringstream fields(st.substr(close + 2));
            std::string f;
            for (int i = 3; i <= 15 && fields >> f; ++i)
                if (i == 14 || i == 15)
                    cpu += std::stoll(f);
        }
        std::ifstream stat("/proc/stat");
        std::string cpuLabel;
        std::int64_t v[8] = {};
        stat >> cpuLabel >> v[0] >> v[1] >> v[2] >> v[3] >> v[4] >> v[5] >> v[6] >> v[7];
        steal = v[7];
        return {cpu, steal};
    }
    static void onSignal(int)
    {
        if (StallDiagnosis *t = s_target)
            t->m_frames = backtrace(t->m_stack, kFrames);
        if (StallDiagnosis *t = s_target)
            t->m_stackTaken.store(true);
    }
    static std::string loadAverage()
    {
        std::ifstream f("/proc/loadavg");
        std::string a, b, c;
        f >> a >> b >> c;
        return a + " " + b + " " + c;
    }
    void watch()
    {
        std::pair<std::int64_t, std::int64_t> atTick = schedstat(), last = atTick;
        std::int64_t tickSeen = m_lastTick.load();
        std::int64_t longest = 0;
        bool inStall = false, sampled = false;
        std::string state;
        std::int64_t before = nowNs();
        while (!m_stop) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            const auto now = nowNs();
            if (inStall)
                m_oversleep = std::max(m_oversleep, now - before - 2000000);
            before = now;
            const auto stat = schedstat();
            const auto tick = m_lastTick.load();
            if (tick != tickSeen) { // the event loop ran
                if (inStall) {
                    const std::int64_t length = tick - tickSeen;
                    if (length > longest) {
                        longest = length;
                        std::ostringstream r;
                        const long hz = sysconf(_SC_CLK_TCK);
                        r << "stall " << length / 1000000 << " ms: GUI thread CPU time "
                          << (last.first - atTick.first) * 1000 / hz << " ms, steal (all CPUs) "
                          << (last.second - atTick.second) * 1000 / hz << " ms, watchdog's own longest oversleep "
                          << m_oversleep / 1000000 << " ms; " << state << "; load average " << loadAverage();
                        if (m_stackTaken.load()) {
                            r << "; stack:";
                            char **symbols = backtrace_symbols(m_stack, m_frames);
                            for (int i = 0; i < m_frames && symbols; ++i)
                                r << "\n    " << symbols[i];
                            std::free(symbols);
                        }
                        std::lock_guard lock(m_mutex);
                        m_report = r.str();
                    }
                }
                inStall = false;
                sampled = false;
                m_oversleep = 0;
                m_stackTaken = false;
                tickSeen = tick;
                atTick = stat;
            } else if (now - tick > 40000000) {
                inStall = true;
                if (!sampled && now - tick > 60000000) {
                    sampled = true;
                    const std::string st = taskFile("stat");
                    const auto close = st.rfind(')');
                    state = "state " + (close == std::string::npos ? std::string("?") : st.substr(close + 2, 1))
                            + ", wchan " + taskFile("wchan") + ", syscall " + taskFile("syscall").substr(0, 40);
                    syscall(SYS_tgkill, getpid(), m_tid, SIGUSR2);
                }
            } else {
                atTick = stat;
            }
            last = stat;
        }
    }

    static constexpr int kFrames = 48;
    static inline StallDiagnosis *s_target = nullptr;
    pid_t m_tid;
    std::atomic<std::int64_t> m_lastTick{0};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_stackTaken{false};
    std::int64_t m_oversleep = 0; // watchdog thread only
    void *m_stack[kFrames] = {};
    int m_frames = 0;
    mutable std::mutex m_mutex;
    std::string m_report = "no stall over 40 ms";
    std::thread m_thread;
};

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trainShowsCurvesAndHeatmap();
    void sigmaChangeRetrainsAndUpdatesRoc();
    void cancelKeepsPreviousResults();
    void twoQuickSigmaChangesRetrainOnceAtTheLast();
    void userCancelIsShownAsCancelled();
    void notLearningIsShownOnTheTrainingTab();
    void exportModelScoresLikeTheStudio();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<s2s::ui::MainWindow> m_window;
    double m_longestStallMs = 0.0;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("SAM2SIM_NO_DIALOGS", "1");
    s2s::ui::Settings settings;
    settings.setBackbone(QStringLiteral("mobilenet_v2"));
    settings.setBackboneWeights(QString());
    s2s::SynthOptions o;
    o.out = fs::path(m_dir.path().toStdString()) / "demo";
    o.categories = {"nut"};
    o.size = 128;
    o.trainCount = 8;
    o.testGoodCount = 3;
    o.testDefectCount = 2;
    s2s::generateSynthDataset(o);
    m_window = std::make_unique<s2s::ui::MainWindow>();
    m_window->show();
    QSignalSpy opened(m_window.get(), &s2s::ui::MainWindow::datasetOpened);
    m_window->openDataset(QString::fromStdString(o.out.string()));
    QVERIFY(opened.wait(30000));
    QTRY_VERIFY(m_window->controller()->category() != nullptr);
}

void TestMainWindow::trainShowsCurvesAndHeatmap()
{
    auto *controller = m_window->controller();
    QSignalSpy results(controller, &s2s::ui::SessionController::resultsChanged);
    // Probe the event loop every 10 ms while training runs on the worker thread.
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.elapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    StallDiagnosis diagnosis(static_cast<pid_t>(syscall(SYS_gettid)));
    connect(&probe, &QTimer::timeout, this, [&] {
        diagnosis.tick();
        const qint64 now = clock.elapsed();
        m_longestStallMs = std::max(m_longestStallMs, static_cast<double>(now - last - 10));
        last = now;
    });
    probe.start(10);
    m_window->startTraining();
    QVERIFY(controller->busy());
    QVERIFY(results.wait(240000));
    probe.stop();
    qInfo("longest event-loop stall during training: %.0f ms (%s)", m_longestStallMs, diagnosis.report().c_str());
    QVERIFY2(m_longestStallMs < 100.0, qPrintable(QStringLiteral("%1 ms: %2").arg(m_longestStallMs).arg(QString::fromStdString(diagnosis.report()))));
    QVERIFY(controller->results().has_value());
    QVERIFY(m_window->evaluationPanel()->rocCurveCount() >= 2); // image + pixel
    m_window->viewer()->showImage(0);
    QVERIFY(m_window->viewer()->showsHeatmap());
}

void TestMainWindow::sigmaChangeRetrainsAndUpdatesRoc()
{
    auto *controller = m_window->controller();
    QSignalSpy results(controller, &s2s::ui::SessionController::resultsChanged);
    const int before = m_window->evaluationPanel()->sigmaPointCount();
    QElapsedTimer timer;
    timer.start();
    s2s::RunConfig c = controller->config();
    c.noiseSigma = s2s::NoiseSigma::absolute(0.03);
    controller->retrainForSigma(c);
    QVERIFY(results.wait(240000));
    qInfo("sigma change to updated ROC (features cached, heads refitted): %lld ms", timer.elapsed());
    QCOMPARE(m_window->evaluationPanel()->sigmaPointCount(), before + 1);
    QVERIFY(controller->results()->config.noiseSigma == s2s::NoiseSigma::absolute(0.03));
}

void TestMainWindow::cancelKeepsPreviousResults()
{
    auto *controller = m_window->controller();
    const float scoreBefore = controller->results()->evaluation.images.front().score;
    QSignalSpy busy(controller, &s2s::ui::SessionController::busyChanged);
    s2s::RunConfig c = controller->config();
    c.noiseSigma = s2s::NoiseSigma::absolute(0.05);
    c.metaEpochs = 500;
    controller->train(c);
    QTest::qWait(300);
    controller->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    QCOMPARE(controller->results()->evaluation.images.front().score, scoreBefore);
    QVERIFY(controller->results()->config.noiseSigma == s2s::NoiseSigma::absolute(0.03));
}

namespace {

// What the user does: type a value into the evaluation tab's sigma spin box (auto off).
void typeSigma(s2s::ui::SigmaControl *control, double value)
{
    auto *autoBox = control->findChild<QCheckBox *>();
    if (autoBox->isChecked())
        autoBox->setChecked(false);
    control->findChild<QDoubleSpinBox *>()->setValue(value);
}

QString statusText(QMainWindow *window)
{
    QStringList texts;
    for (auto *label : window->statusBar()->findChildren<QLabel *>())
        texts << label->text();
    return texts.join(QLatin1Char('|'));
}

} // namespace

void TestMainWindow::twoQuickSigmaChangesRetrainOnceAtTheLast()
{
    auto *controller = m_window->controller();
    auto *panel = m_window->evaluationPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    QSignalSpy started(&controller->runner(), &s2s::ui::JobRunner::started);
    QSignalSpy results(controller, &s2s::ui::SessionController::resultsChanged);
    QSignalSpy cancelled(&controller->runner(), &s2s::ui::JobRunner::cancelled);
    typeSigma(panel->sigmaControl(), 0.0123);
    QTest::qWait(100);
    typeSigma(panel->sigmaControl(), 0.0456);
    // Both controls show the one value.
    QCOMPARE(m_window->trainingPanel()->sigmaControl()->value().value, 0.0456);
    QVERIFY(results.wait(240000));
    QCOMPARE(started.count(), 1); // debounced: one retrain, for the last value
    QCOMPARE(cancelled.count(), 0);
    QVERIFY(controller->results()->config.noiseSigma == s2s::NoiseSigma::absolute(0.0456));
    QCOMPARE(controller->results()->training.sigmaAbsolute, 0.0456);
    QVERIFY(controller->results()->training.warmStart);
    // The label on the evaluation tab names the sigma of the curves on screen; nothing is stale.
    QVERIFY2(panel->curvesSigmaText().contains(QStringLiteral("sigma 0.0456")), qPrintable(panel->curvesSigmaText()));
    QVERIFY(panel->updatingText().isEmpty());
    QVERIFY(panel->staleText().isEmpty());
    // A change while a retrain runs: "updating to" is shown, never "stale", and a newer change
    // supersedes the one in flight without a "cancelled".
    started.clear();
    results.clear();
    typeSigma(panel->sigmaControl(), 0.07);
    QVERIFY(started.wait(5000));
    QVERIFY2(panel->updatingText().contains(QStringLiteral("0.07")), qPrintable(panel->updatingText()));
    QVERIFY(panel->staleText().isEmpty());
    QVERIFY2(statusText(m_window.get()).contains(QStringLiteral("sigma 0.07")), qPrintable(statusText(m_window.get())));
    typeSigma(panel->sigmaControl(), 0.09);
    QVERIFY(results.wait(240000));
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    QCOMPARE(cancelled.count(), 0);
    QCOMPARE(controller->results()->training.sigmaAbsolute, 0.09);
    QVERIFY2(panel->curvesSigmaText().contains(QStringLiteral("sigma 0.09")), qPrintable(panel->curvesSigmaText()));
    QVERIFY(!statusText(m_window.get()).contains(QStringLiteral("cancelled")));
}

void TestMainWindow::userCancelIsShownAsCancelled()
{
    auto *controller = m_window->controller();
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    const double before = controller->results()->training.sigmaAbsolute;
    s2s::RunConfig c = controller->config();
    c.metaEpochs = 500;
    c.noiseSigma = s2s::NoiseSigma::absolute(0.11);
    controller->train(c);
    QTest::qWait(300);
    controller->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    QVERIFY2(statusText(m_window.get()).contains(QStringLiteral("cancelled")), qPrintable(statusText(m_window.get())));
    QCOMPARE(controller->results()->training.sigmaAbsolute, before);
    // The settings (sigma 0.11) no longer match the curves: stale, and the banner says both values.
    QVERIFY(m_window->evaluationPanel()->updatingText().isEmpty());
    QVERIFY2(m_window->evaluationPanel()->staleText().contains(QStringLiteral("0.11")),
             qPrintable(m_window->evaluationPanel()->staleText()));
}

void TestMainWindow::notLearningIsShownOnTheTrainingTab()
{
    auto *controller = m_window->controller();
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    QSignalSpy results(controller, &s2s::ui::SessionController::resultsChanged);
    s2s::RunConfig c = controller->config();
    c.noiseSigma = s2s::NoiseSigma::relative(0.0001); // far below the feature scale
    c.metaEpochs = 16;                                 // 16 steps on 8 images
    c.minSteps = 0;
    controller->train(c);
    QVERIFY(results.wait(400000));
    QVERIFY(controller->results()->training.notLearning);
    QVERIFY2(m_window->trainingPanel()->learningWarning().contains(QStringLiteral("did not learn")),
             qPrintable(m_window->trainingPanel()->learningWarning()));
    c.noiseSigma = s2s::NoiseSigma::automatic();
    controller->train(c);
    QVERIFY(results.wait(400000));
    QVERIFY(!controller->results()->training.notLearning);
    QVERIFY(m_window->trainingPanel()->learningWarning().isEmpty());
}

void TestMainWindow::exportModelScoresLikeTheStudio()
{
    auto *controller = m_window->controller();
    QSignalSpy exported(m_window.get(), &s2s::ui::MainWindow::modelExported);
    const QString dir = m_dir.filePath(QStringLiteral("export"));
    m_window->exportModel(dir, s2s::ExportFormat::Triton, 4);
    QVERIFY(exported.wait(240000));
    const QString model = exported.front().front().toString();
    QCOMPARE(model, dir + QStringLiteral("/sam2sim_nut/1/model.pt"));
    QVERIFY(QFileInfo::exists(dir + QStringLiteral("/sam2sim_nut/config.pbtxt")));
    const s2s::ExportedModel loaded(model.toStdString());
    QCOMPARE(loaded.preprocessing()["foreground_removal"]["used_by_the_run"].get<bool>(), controller->config().foreground);
    if (controller->config().foreground)
        return; // the module scores raw images; the studio scored background-removed ones
    for (const auto &image : controller->results()->evaluation.images) {
        const float score = loaded.score({s2s::readImageRgb(image.record.image)}).scores.at(0);
        QVERIFY2(std::abs(score - image.score) <= 1e-4 * std::abs(image.score),
                 qPrintable(QStringLiteral("%1 vs %2").arg(score).arg(image.score)));
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
