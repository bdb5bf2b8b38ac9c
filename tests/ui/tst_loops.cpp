// The studio's loops, offscreen, as the user sees them: the PDF report says what the screen says, a
// category switch clears every panel (and brings that category's kept run back), a folder that is not a
// dataset is refused and the open one stays, a saved run (the studio's or `sam2sim train`'s) opens into
// every panel, closing during a job asks, and the user's choices survive a restart.
#include "isolated_settings.h"
#include "engine/data/synth_generator.h"
#include "ui/panels/dataset_browser.h"
#include "ui/panels/evaluation_panel.h"
#include "ui/viewer/heatmap_viewer.h"
#include "ui/app/main_window.h"
#include "ui/session/progress_text.h"
#include "ui/session/session_controller.h"
#include "ui/app/settings.h"
#include "ui/panels/sigma_control.h"
#include "ui/panels/training_panel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include "ui/common/qcustomplot_include.h"

#include <filesystem>

namespace fs = std::filesystem;
using s2s::ui::SessionController;

namespace {

QString statusText(QMainWindow *window)
{
    QStringList texts;
    for (auto *label : window->statusBar()->findChildren<QLabel *>())
        texts << label->text();
    return texts.join(QLatin1Char('|'));
}

// The evaluation tab's confusion matrix as shown: {tn, fp, fn, tp}; empty cells read -1.
std::array<int, 4> shownConfusion(s2s::ui::EvaluationPanel *panel)
{
    QTableWidget *table = nullptr;
    for (auto *t : panel->findChildren<QTableWidget *>())
        if (t->rowCount() == 2 && t->columnCount() == 2)
            table = t;
    std::array<int, 4> out{-2, -2, -2, -2};
    if (!table)
        return out;
    const auto cell = [&](int r, int c) { return table->item(r, c) ? table->item(r, c)->text().toInt() : -1; };
    return {cell(0, 0), cell(0, 1), cell(1, 0), cell(1, 1)};
}

QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    // The PDF's font sets "fi", "ff", "fl" as ligatures.
    return QString::fromUtf8(p.readAllStandardOutput())
        .replace(QChar(0xFB01), QStringLiteral("fi"))
        .replace(QChar(0xFB00), QStringLiteral("ff"))
        .replace(QChar(0xFB02), QStringLiteral("fl"));
}

QString imageInfo(s2s::ui::HeatmapViewer *viewer)
{
    auto *label = viewer->findChild<QLabel *>(QStringLiteral("imageInfo"));
    return label ? label->text() : QString();
}

int lossPoints(s2s::ui::TrainingPanel *panel)
{
    int points = 0;
    for (auto *plot : panel->findChildren<QCustomPlot *>())
        for (int g = 0; g < plot->graphCount(); ++g)
            points += plot->graph(g)->dataCount();
    return points;
}

} // namespace

class TestLoops final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reportSaysWhatTheScreenSays();
    void categorySwitchClearsAndRestores();
    void folderThatIsNotADatasetIsRefused();
    void openRunRestoresEveryPanel();
    void cliRunOpens();
    void choicesSurviveARestart();
    void knnScorerShowsNoSigma();
    void closingDuringAJobAsks();
    void cleanupTestCase();

private:
    void train();
    QTemporaryDir m_dir;
    QString m_data;
    std::unique_ptr<s2s::ui::MainWindow> m_window;
};

void TestLoops::initTestCase()
{
    s2s::test::isolateSettings(m_dir.path() + QStringLiteral("/settings"));
    qputenv("SAM2SIM_NO_DIALOGS", "1");
    QApplication::setQuitOnLastWindowClosed(false);
    {
        s2s::ui::Settings settings;
        settings.setBackbone(QStringLiteral("mobilenet_v2"));
        settings.setBackboneWeights(QString());
        settings.setNoiseSigma(QString());
        settings.setLastRun(QString());
        for (const char *key : {"training/preset", "training/epochs", "training/foreground", "training/segmenter",
                                "training/threads", "training/autoRetrain", "browser/split"})
            settings.setChoice(QString::fromLatin1(key), QVariant());
    }
    s2s::SynthOptions o;
    o.out = fs::path(m_dir.path().toStdString()) / "demo";
    o.categories = {"nut", "stone"};
    o.size = 128;
    o.trainCount = 8;
    o.testGoodCount = 3;
    o.testDefectCount = 3;
    s2s::generateSynthDataset(o);
    m_data = QString::fromStdString(o.out.string());
    m_window = std::make_unique<s2s::ui::MainWindow>();
    m_window->controller()->setAutosaveRoot(m_dir.filePath(QStringLiteral("kept")));
    m_window->show();
    QSignalSpy opened(m_window.get(), &s2s::ui::MainWindow::datasetOpened);
    m_window->openDataset(m_data);
    QVERIFY(opened.wait(30000));
    QTRY_VERIFY(m_window->controller()->category() != nullptr);
    QCOMPARE(QString::fromStdString(m_window->controller()->category()->name), QStringLiteral("nut"));
}

void TestLoops::train()
{
    auto *controller = m_window->controller();
    QSignalSpy results(controller, &SessionController::resultsChanged);
    // The Train button's settings, with a short schedule (a few steps: the loops are under test, not the model).
    s2s::RunConfig c = controller->config();
    c.metaEpochs = 2;
    c.minSteps = 0;
    controller->train(c);
    QVERIFY(results.wait(300000));
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    QVERIFY(controller->results().has_value());
}

void TestLoops::reportSaysWhatTheScreenSays()
{
    auto *controller = m_window->controller();
    QElapsedTimer clock;
    clock.start();
    train();
    qInfo("trained in %lld ms", clock.restart());
    // A sigma change whose job is cancelled once its training has finished (while it scores): the
    // session then holds heads that are not on screen. The report must still show the screen's run.
    const float shownScore = controller->results()->evaluation.images.front().score;
    s2s::RunConfig c = controller->config();
    c.noiseSigma = s2s::NoiseSigma::absolute(0.2);
    bool cancelled = false;
    const auto conn = connect(&controller->runner(), &s2s::ui::JobRunner::progress, this,
                              [&](int, int, const QString &text) {
                                  if (!cancelled && text.startsWith(s2s::ui::ProgressText::phaseName("score"))) {
                                      cancelled = true;
                                      controller->cancel();
                                  }
                              });
    controller->retrainForSigma(c);
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 120000);
    disconnect(conn);
    qInfo("refit in %lld ms", clock.restart());
    if (cancelled && controller->results()->evaluation.images.front().score == shownScore)
        qInfo("the sigma-0.2 refit was cancelled after its training: the session's heads differ from the screen's");

    const auto &r = *controller->results();
    auto *panel = m_window->evaluationPanel();
    const auto shown = shownConfusion(panel);
    QVERIFY(shown[0] >= 0);
    for (const bool manual : {false, true}) {
        if (manual) // a threshold set by hand between two scores
            controller->setThreshold((r.evaluation.images[0].score + r.evaluation.images[1].score) / 2.0, QStringLiteral("manual"));
        const auto screen = shownConfusion(panel);
        QSignalSpy written(controller, &SessionController::reportWritten);
        const QString name = m_dir.filePath(manual ? QStringLiteral("out/manual") : QStringLiteral("out/report"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("out")));
        controller->exportReport(name + QStringLiteral(".pdf"));
        QVERIFY(written.wait(180000));
        qInfo("report in %lld ms", clock.restart());
        QVERIFY(controller->lastReport().has_value());
        const s2s::ui::ReportResult &report = *controller->lastReport();
        QCOMPARE(report.threshold.value, controller->threshold());
        QCOMPARE(static_cast<int>(report.confusion.tn), screen[0]);
        QCOMPARE(static_cast<int>(report.confusion.fp), screen[1]);
        QCOMPARE(static_cast<int>(report.confusion.fn), screen[2]);
        QCOMPARE(static_cast<int>(report.confusion.tp), screen[3]);
        // What the PDF says, read back from it.
        const QString text = pdfText(name + QStringLiteral(".pdf"));
        QVERIFY2(!text.isEmpty(), "pdftotext read nothing");
        const QString sentence = QStringLiteral("(false positives: %1, false negatives: %2)").arg(screen[1]).arg(screen[2]);
        QVERIFY2(text.simplified().contains(sentence), qPrintable(text.left(1500)));
        const QString pixel = QString::number(r.evaluation.metrics.pixelAuroc, 'f', 4);
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("Pixel AUROC \\(P-AUROC\\)\\s+") + QRegularExpression::escape(pixel))),
                 qPrintable(pixel));
        const QString image = QString::number(r.evaluation.metrics.imageAuroc, 'f', 4);
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("Image AUROC \\(I-AUROC\\)\\s+") + QRegularExpression::escape(image))),
                 qPrintable(image));
        const QString sigma = QString::number(r.training.sigmaAbsolute, 'g', 4);
        QVERIFY2(text.contains(sigma + QStringLiteral(" absolute")), qPrintable(sigma));
        QVERIFY2(panel->curvesSigmaText().contains(sigma), qPrintable(panel->curvesSigmaText() + QStringLiteral(" vs ") + sigma));
        if (manual) {
            QVERIFY2(text.simplified().contains(QStringLiteral("fixed by the user")), qPrintable(text.left(3000)));
        } else {
            QCOMPARE(controller->thresholdRule(), QStringLiteral("F1-max"));
            QVERIFY2(text.simplified().contains(QStringLiteral("(rule f1)")), qPrintable(text.left(1500)));
            QVERIFY(!text.contains(QStringLiteral("fixed by the user")));
        }
        // Only the PDF: no run folder or other file beside it.
        QStringList beside = QDir(m_dir.filePath(QStringLiteral("out"))).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        beside.sort();
        QCOMPARE(beside, manual ? QStringList({QStringLiteral("manual.pdf"), QStringLiteral("report.pdf")})
                                : QStringList({QStringLiteral("report.pdf")}));
    }
    // Back to the F1 rule for the following tests.
    const auto &ev = controller->results()->evaluation;
    controller->setThreshold(ev.metrics.f1Threshold, QStringLiteral("F1-max"), s2s::ui::ThresholdRule{});
}

void TestLoops::categorySwitchClearsAndRestores()
{
    auto *controller = m_window->controller();
    QVERIFY(controller->results().has_value());
    m_window->viewer()->showImage(1);
    QVERIFY(m_window->viewer()->showsHeatmap());
    QVERIFY(lossPoints(m_window->trainingPanel()) > 0);
    const std::vector<float> nutScores = [&] {
        std::vector<float> s;
        for (const auto &i : controller->results()->evaluation.images)
            s.push_back(i.score);
        return s;
    }();
    const double nutThreshold = controller->threshold();

    QVERIFY(m_window->browser()->selectCategoryByName(QStringLiteral("stone")));
    QCOMPARE(QString::fromStdString(controller->category()->name), QStringLiteral("stone"));
    QVERIFY(!controller->results().has_value());
    // Heatmaps: no image, no score, no verdict of nut.
    QVERIFY(!m_window->viewer()->showsHeatmap());
    QCOMPARE(m_window->viewer()->currentIndex(), -1);
    QVERIFY2(!imageInfo(m_window->viewer()).contains(QStringLiteral("score")), qPrintable(imageInfo(m_window->viewer())));
    // Evaluation: no matrix, no threshold, no curves, no AUROC-vs-sigma points.
    const auto matrix = shownConfusion(m_window->evaluationPanel());
    QCOMPARE(matrix, (std::array<int, 4>{-1, -1, -1, -1}));
    QCOMPARE(controller->threshold(), 0.0);
    QVERIFY(controller->thresholdRule().isEmpty());
    QCOMPARE(m_window->evaluationPanel()->rocCurveCount(), 0);
    QCOMPARE(m_window->evaluationPanel()->sigmaPointCount(), 0);
    // Training: no loss curve of nut.
    QCOMPARE(lossPoints(m_window->trainingPanel()), 0);

    // Back to nut: its kept run comes back into every panel.
    QSignalSpy opened(controller, &SessionController::runOpened);
    QVERIFY(m_window->browser()->selectCategoryByName(QStringLiteral("nut")));
    QVERIFY(opened.wait(60000));
    QVERIFY(controller->results().has_value());
    QCOMPARE(controller->results()->evaluation.images.size(), nutScores.size());
    for (std::size_t i = 0; i < nutScores.size(); ++i)
        QCOMPARE(controller->results()->evaluation.images[i].score, nutScores[i]);
    QCOMPARE(controller->threshold(), nutThreshold);
    QVERIFY(m_window->evaluationPanel()->rocCurveCount() >= 2);
    QVERIFY(shownConfusion(m_window->evaluationPanel())[0] >= 0);
    QTRY_VERIFY(m_window->viewer()->currentIndex() >= 0);
    QVERIFY(m_window->viewer()->showsHeatmap());
}

void TestLoops::folderThatIsNotADatasetIsRefused()
{
    auto *controller = m_window->controller();
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    const QString notData = m_dir.filePath(QStringLiteral("holiday-photos"));
    QDir().mkpath(notData + QStringLiteral("/album"));
    QFile f(notData + QStringLiteral("/notes.txt"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not images\n");
    f.close();
    QSignalSpy refused(m_window.get(), &s2s::ui::MainWindow::datasetRefused);
    QSignalSpy opened(m_window.get(), &s2s::ui::MainWindow::datasetOpened);
    m_window->openDataset(notData);
    QVERIFY(refused.wait(30000));
    QCOMPARE(opened.count(), 0);
    const QString message = refused.front().front().toString();
    QVERIFY2(message.contains(notData) && message.contains(QStringLiteral("is not a dataset")), qPrintable(message));
    QVERIFY2(statusText(m_window.get()).contains(notData), qPrintable(statusText(m_window.get())));
    // The open dataset, its category (the Train target) and the results stay.
    QCOMPARE(QString::fromStdString(m_window->browser()->dataset()->root.string()), m_data);
    QCOMPARE(QString::fromStdString(controller->category()->name), QStringLiteral("nut"));
    QCOMPARE(QString::fromStdString(m_window->trainingPanel()->applyTo(controller->config()).dataRoot.string()), m_data);
    QVERIFY(controller->results().has_value());
}

void TestLoops::openRunRestoresEveryPanel()
{
    auto *controller = m_window->controller();
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    const QString run = m_dir.filePath(QStringLiteral("saved-run"));
    QSignalSpy saved(controller, &SessionController::runSaved);
    controller->saveRun(run);
    QVERIFY(saved.wait(120000));
    const s2s::ui::ResultSet before = *controller->results();

    QVERIFY(m_window->browser()->selectCategoryByName(QStringLiteral("stone")));
    QVERIFY(!controller->results().has_value());

    QSignalSpy opened(controller, &SessionController::runOpened);
    m_window->openRun(run);
    QVERIFY(opened.wait(60000));
    QCOMPARE(QString::fromStdString(controller->category()->name), QStringLiteral("nut"));
    const s2s::ui::ResultSet &after = *controller->results();
    QCOMPARE(after.runFolder, run);
    QCOMPARE(after.evaluation.images.size(), before.evaluation.images.size());
    for (std::size_t i = 0; i < after.evaluation.images.size(); ++i) {
        QCOMPARE(after.evaluation.images[i].score, before.evaluation.images[i].score);
        QCOMPARE(after.evaluation.images[i].record.mask, before.evaluation.images[i].record.mask);
    }
    QCOMPARE(after.evaluation.metrics.imageAuroc, before.evaluation.metrics.imageAuroc);
    QCOMPARE(after.evaluation.metrics.pixelAuroc, before.evaluation.metrics.pixelAuroc);
    QCOMPARE(after.training.sigmaAbsolute, before.training.sigmaAbsolute);
    QCOMPARE(after.maps.size(), before.maps.size());
    // The training tab shows the run's loss curve, point for point.
    QVERIFY(!before.training.curve.empty());
    QCOMPARE(after.training.curve.size(), before.training.curve.size());
    QCOMPARE(m_window->trainingPanel()->curvePointCount(), static_cast<int>(before.training.curve.size()));
    QCOMPARE(after.training.curve.back().loss, before.training.curve.back().loss);
    QCOMPARE(after.training.curve.back().done, before.training.curve.back().done);
    QCOMPARE(controller->threshold(), static_cast<double>(before.evaluation.metrics.f1Threshold));
    QVERIFY(m_window->evaluationPanel()->rocCurveCount() >= 2);
    QVERIFY(shownConfusion(m_window->evaluationPanel())[3] >= 0);
    QTRY_VERIFY(m_window->viewer()->currentIndex() >= 0);
    QVERIFY(m_window->viewer()->showsHeatmap());
    QVERIFY2(imageInfo(m_window->viewer()).contains(QStringLiteral("score")), qPrintable(imageInfo(m_window->viewer())));
    // The run was trained with the settings on the controls, which opening it leaves as they are.
    QVERIFY(m_window->trainingPanel()->sigmaControl()->value() == after.config.noiseSigma);
    QVERIFY(controller->config().noiseSigma == after.config.noiseSigma);
    // The run is the one reopened on the next start.
    QCOMPARE(s2s::ui::Settings().lastRun(), run);
    // Not a run folder: refused, the run on screen stays.
    m_window->openRun(m_dir.filePath(QStringLiteral("holiday-photos")));
    QVERIFY2(statusText(m_window.get()).contains(QStringLiteral("not a run folder")), qPrintable(statusText(m_window.get())));
    QCOMPARE(controller->results()->runFolder, run);
}

void TestLoops::cliRunOpens()
{
    const QByteArray cli = qgetenv("SAM2SIM_CLI");
    if (cli.isEmpty() || !QFileInfo::exists(QString::fromLocal8Bit(cli)))
        QSKIP("SAM2SIM_CLI is not set: the CLI's run folder cannot be made here");
    const QString run = m_dir.filePath(QStringLiteral("cli-run"));
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QString::fromLocal8Bit(cli), {QStringLiteral("train"), QStringLiteral("--data"), m_data, QStringLiteral("--category"),
                                          QStringLiteral("stone"), QStringLiteral("--out"), run, QStringLiteral("--backbone"),
                                          QStringLiteral("mobilenet_v2"), QStringLiteral("--preset"), QStringLiteral("paper"),
                                          QStringLiteral("--epochs"), QStringLiteral("1"),
                                          QStringLiteral("--threads"), QStringLiteral("2")});
    QVERIFY(p.waitForFinished(300000));
    QVERIFY2(p.exitCode() == 0, p.readAll().constData());
    auto *controller = m_window->controller();
    QSignalSpy opened(controller, &SessionController::runOpened);
    m_window->openRun(run);
    QVERIFY(opened.wait(60000));
    QCOMPARE(QString::fromStdString(controller->category()->name), QStringLiteral("stone"));
    QCOMPARE(m_window->browser()->dataset() != nullptr, true);
    const auto summary = s2s::loadRunSummary(run.toStdString());
    QCOMPARE(controller->results()->evaluation.images.size(), summary.scores.size());
    for (std::size_t i = 0; i < summary.scores.size(); ++i)
        QCOMPARE(controller->results()->evaluation.images[i].score, summary.scores[i].score);
    QCOMPARE(controller->results()->evaluation.metrics.imageAuroc, summary.metrics.at("image_auroc").get<double>());
    QVERIFY(m_window->evaluationPanel()->rocCurveCount() >= 1);
    QTRY_VERIFY(m_window->viewer()->currentIndex() >= 0);
    QCOMPARE(m_window->viewer()->showsHeatmap(), summary.hasMap(0));
    // The training controls stay the user's (issue 26: a run's settings never become the next
    // training's); the results carry the run's config, and the difference is said.
    QCOMPARE(controller->results()->config.preset, std::string("paper"));
    QVERIFY(m_window->trainingPanel()->applyTo({}).preset != "paper");
    QVERIFY2(controller->stale(), "the run's settings differ from the controls'");
}

void TestLoops::choicesSurviveARestart()
{
    auto *sigma = m_window->evaluationPanel()->sigmaControl();
    auto *autoBox = sigma->findChild<QCheckBox *>();
    if (autoBox->isChecked())
        autoBox->setChecked(false);
    sigma->findChild<QDoubleSpinBox *>()->setValue(0.0321);
    QComboBox *split = nullptr;
    for (auto *box : m_window->browser()->findChildren<QComboBox *>())
        if (box->findText(QStringLiteral("Test")) >= 0 && box->count() == 2)
            split = box;
    QVERIFY(split);
    split->setCurrentIndex(split->findText(QStringLiteral("Test")));
    m_window->trainingPanel()->setEpochs(7);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->controller()->busy(), 120000);

    // A second studio window reads the same settings, as the next start does.
    s2s::ui::MainWindow next;
    QCOMPARE(next.trainingPanel()->sigmaControl()->value().kind, s2s::NoiseSigma::Kind::Absolute);
    QCOMPARE(next.trainingPanel()->sigmaControl()->value().value, 0.0321);
    QCOMPARE(next.evaluationPanel()->sigmaControl()->value().value, 0.0321);
    QCOMPARE(next.trainingPanel()->applyTo({}).metaEpochs, 7);
    QComboBox *nextSplit = nullptr;
    for (auto *box : next.browser()->findChildren<QComboBox *>())
        if (box->findText(QStringLiteral("Test")) >= 0 && box->count() == 2)
            nextSplit = box;
    QVERIFY(nextSplit);
    QCOMPARE(nextSplit->currentText(), QStringLiteral("Test"));
}

// The kNN scorer chosen by hand: nothing is trained, and the screen says so instead of offering a sigma.
void TestLoops::knnScorerShowsNoSigma()
{
    auto *controller = m_window->controller();
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 120000);
    QComboBox *scorer = nullptr;
    for (auto *combo : m_window->trainingPanel()->findChildren<QComboBox *>())
        if (combo->findData(QStringLiteral("knn")) >= 0)
            scorer = combo;
    QVERIFY(scorer);
    QCOMPARE(scorer->currentData().toString(), QStringLiteral("auto"));
    scorer->setCurrentIndex(scorer->findData(QStringLiteral("knn")));
    QCOMPARE(controller->config().scorer, std::string("knn"));
    QVERIFY(controller->stale()); // the results on screen came from the discriminator
    QSignalSpy results(controller, &SessionController::resultsChanged);
    m_window->startTraining();
    QVERIFY(results.wait(300000));
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    QVERIFY(controller->results()->knn);
    QVERIFY(!controller->stale());
    s2s::ui::EvaluationPanel *evaluation = m_window->evaluationPanel();
    QVERIFY2(evaluation->curvesSigmaText().contains(QLatin1String("nearest training patch (kNN)")),
             qPrintable(evaluation->curvesSigmaText()));
    QVERIFY(evaluation->curvesSigmaText().contains(QLatin1String("no noise sigma")));
    QVERIFY(!evaluation->sigmaControl()->isEnabled());
    for (auto *button : evaluation->findChildren<QPushButton *>())
        if (button->text() == QLatin1String("Sweep sigma"))
            QVERIFY(!button->isEnabled());
    QString log;
    for (auto *edit : m_window->trainingPanel()->findChildren<QPlainTextEdit *>())
        log += edit->toPlainText();
    QVERIFY2(log.contains(QLatin1String("Nothing to train")), qPrintable(log.right(300)));
    // A sigma moved now changes nothing: no refit, no stale banner.
    s2s::RunConfig c = controller->config();
    c.noiseSigma = s2s::NoiseSigma::relative(1.5);
    QVERIFY(!controller->needsRefit(c));
    controller->setConfig(c);
    QVERIFY(!controller->stale());
    // Back to auto: the discriminator's sigma controls return with its next results.
    scorer->setCurrentIndex(scorer->findData(QStringLiteral("auto")));
    train();
    QVERIFY(!controller->results()->knn);
    QVERIFY(evaluation->sigmaControl()->isEnabled());
}

void TestLoops::closingDuringAJobAsks()
{
    auto *controller = m_window->controller();
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 120000);
    s2s::RunConfig c = controller->config();
    c.metaEpochs = 500;
    controller->train(c);
    QVERIFY(controller->busy());
    // The question, answered "Keep working": the window stays, the job runs on.
    QString question;
    QStringList buttons;
    const auto answer = [&](const QString &choice) {
        QTimer::singleShot(200, this, [&, choice] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            question = box->text();
            buttons.clear();
            for (auto *b : box->buttons())
                buttons << b->text();
            for (auto *b : box->buttons())
                if (b->text() == choice)
                    b->click();
        });
    };
    answer(QStringLiteral("Keep working"));
    QVERIFY(!m_window->close());
    QVERIFY2(question.contains(QStringLiteral("job is running")), qPrintable(question));
    QVERIFY(buttons.contains(QStringLiteral("Cancel job and quit")) && buttons.contains(QStringLiteral("Keep working")));
    QVERIFY(m_window->isVisible());
    QVERIFY(controller->busy());
    // "Cancel job and quit": the window closes and the job stops.
    answer(QStringLiteral("Cancel job and quit"));
    QVERIFY(m_window->close());
    QVERIFY(!m_window->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    // Idle: closing asks nothing.
    m_window->show();
    question.clear();
    QVERIFY(m_window->close());
    QVERIFY(question.isEmpty());
}

void TestLoops::cleanupTestCase()
{
    m_window.reset();
    s2s::ui::Settings settings;
    settings.setNoiseSigma(QString());
    settings.setLastRun(QString());
    for (const char *key : {"training/epochs", "browser/split"})
        settings.setChoice(QString::fromLatin1(key), QVariant());
}

QTEST_MAIN(TestLoops)
#include "tst_loops.moc"
