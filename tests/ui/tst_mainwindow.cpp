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

#include <filesystem>

namespace fs = std::filesystem;

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
    connect(&probe, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        m_longestStallMs = std::max(m_longestStallMs, static_cast<double>(now - last - 10));
        last = now;
    });
    probe.start(10);
    m_window->startTraining();
    QVERIFY(controller->busy());
    QVERIFY(results.wait(240000));
    probe.stop();
    qInfo("longest event-loop stall during training: %.0f ms", m_longestStallMs);
    QVERIFY2(m_longestStallMs < 100.0, qPrintable(QString::number(m_longestStallMs)));
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
