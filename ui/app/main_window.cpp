#include "ui/app/main_window.h"

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "engine/data/synth_generator.h"
#include "engine/pipeline/routing.h"
#include "engine/pipeline/run_folder.h"
#include "resources/app_resources.h"
#include "ui/panels/compositing_panel.h"
#include "ui/panels/family_robustness_view.h"
#include "ui/panels/dataset_browser.h"
#include "ui/panels/evaluation_panel.h"
#include "ui/dialogs/export_model_dialog.h"
#include "ui/panels/foreground_panel.h"
#include "ui/inspect/inspect_panel.h"
#include "ui/viewer/heatmap_viewer.h"
#include "ui/report/report_writer.h"
#include "ui/session/session_controller.h"
#include "ui/panels/sigma_control.h"
#include "ui/app/settings.h"
#include "ui/panels/training_panel.h"
#include "ui/dialogs/weights_dialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>

#include <cmath>
#include <utility>

#include <opencv2/core/utility.hpp>
#include <QtConcurrent/QtConcurrentRun>

namespace s2s::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_controller(new SessionController(this))
{
    // OpenCV's own parallel loops off in the studio: the jobs run images in parallel themselves, and on the
    // GUI thread each loop joined TBB, whose pthread_getattr_np reads /proc/self/maps (164 ms on a CPU in
    // one event-loop stall of tst_mainwindow's probe under load).
    cv::setNumThreads(1);
    setWindowTitle(tr("Sam2Sim Studio"));
    setWindowIcon(QIcon(appIconPath()));
    setAcceptDrops(true);
    resize(1400, 900);
    if (const QScreen *screen = QGuiApplication::primaryScreen()) // a first start on a small screen
        resize(size().boundedTo(screen->availableGeometry().size()));

    m_browser = new DatasetBrowser(this);
    auto *dock = new QDockWidget(tr("Dataset"), this);
    dock->setObjectName(QStringLiteral("datasetDock"));
    dock->setWidget(m_browser);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    m_tabs = new QTabWidget(this);
    m_training = new TrainingPanel(m_tabs);
    m_viewer = new HeatmapViewer(m_controller, m_tabs);
    m_evaluation = new EvaluationPanel(m_controller, m_tabs);
    m_foreground = new ForegroundPanel(m_tabs);
    m_compositing = new CompositingPanel(m_tabs);
    m_inspect = new InspectPanel(m_tabs);
    m_tabs->addTab(m_training, tr("Training"));
    m_tabs->addTab(m_viewer, tr("Heatmaps"));
    m_tabs->addTab(m_evaluation, tr("Evaluation"));
    m_tabs->addTab(m_foreground, tr("Foreground"));
    m_tabs->addTab(m_compositing, tr("Pseudo-backgrounds"));
    m_tabs->addTab(m_inspect, tr("Inspect"));
    setCentralWidget(m_tabs);

    m_status = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMinimumWidth(340);
    m_progress->setMaximumWidth(420);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setVisible(false);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);

    buildMenus();

    connect(&m_scan, &QFutureWatcher<Dataset>::finished, this, [this] {
        const QString pendingRun = std::exchange(m_pendingRun, QString());
        try {
            const Dataset dataset = m_scan.result();
            if (dataset.categories.empty()) {
                // Not a dataset: say so and keep the one that is open (thumbnails, Train target).
                QString why = tr("no category folder with train/good images was found");
                if (!dataset.issues.empty())
                    why += QStringLiteral(" (%1: %2)").arg(QString::fromStdString(dataset.issues.front().path.string()),
                                                           QString::fromStdString(dataset.issues.front().message));
                const QString text = tr("%1 is not a dataset: %2. Open an MVTec-style dataset (CATEGORY/train/good, "
                                        "CATEGORY/test/...) or one category folder.")
                                         .arg(QString::fromStdString(dataset.root.string()), why);
                const QString previous = m_browser->dataset() ? QString::fromStdString(m_browser->dataset()->root.string())
                                                              : QString();
                showError(text);
                m_status->setText(previous.isEmpty() ? tr("Not a dataset: %1").arg(QString::fromStdString(dataset.root.string()))
                                                     : tr("Not a dataset: %1 (still open: %2)")
                                                           .arg(QString::fromStdString(dataset.root.string()), previous));
                m_status->setToolTip(text);
                Q_EMIT datasetRefused(text);
                return;
            }
            m_browser->setDataset(dataset);
            Settings().addRecentDataset(QString::fromStdString(dataset.root.string()));
            rebuildRecentMenu();
            m_status->setText(tr("Opened %1").arg(QString::fromStdString(dataset.root.string())));
            m_status->setToolTip(QString());
            Q_EMIT datasetOpened();
            if (!pendingRun.isEmpty())
                openRun(pendingRun);
        } catch (const std::exception &e) {
            showError(QString::fromUtf8(e.what()));
            Q_EMIT datasetRefused(QString::fromUtf8(e.what()));
        }
    });
    connect(&m_background, &QFutureWatcher<QString>::finished, this, [this] {
        const QString result = m_background.result();
        if (result.startsWith(QLatin1String("error:")))
            showError(result.mid(6));
        else if (!result.isEmpty())
            m_status->setText(result);
    });
    connect(m_browser, &DatasetBrowser::categorySelected, this, [this](const QString &name) { selectCategory(name); });
    connect(m_browser, &DatasetBrowser::kindChanged, this, [this](const QString &category) { selectCategory(category, true); });
    connect(m_browser, &DatasetBrowser::imageSelected, this, [this](const QString &path) {
        m_foreground->setImage(path);
        m_compositing->setImage(path);
    });
    connect(m_viewer, &HeatmapViewer::currentImageChanged, this, [this](int index) {
        const auto &r = m_controller->results();
        if (!r || index < 0 || index >= static_cast<int>(r->evaluation.images.size()))
            return;
        const QString path = QString::fromStdString(r->evaluation.images[static_cast<std::size_t>(index)].record.image.string());
        m_foreground->setImage(path);
        m_compositing->setImage(path);
    });
    connect(m_training, &TrainingPanel::trainRequested, this, &MainWindow::startTraining);
    connect(m_training, &TrainingPanel::cancelRequested, m_controller, &SessionController::cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_progress->setFormat(tr("cancelling..."));
        m_training->showCancelling();
        m_controller->cancel();
    });
    connect(&m_controller->runner(), &JobRunner::cancelled, m_training, &TrainingPanel::showCancelled);
    connect(&m_controller->runner(), &JobRunner::failed, m_training, &TrainingPanel::showFailed);
    connect(m_training, &TrainingPanel::settingsChanged, this, [this] {
        m_controller->setConfig(m_training->applyTo(baseConfig()));
        const RunConfig c = m_training->applyTo(baseConfig());
        m_foreground->setSegmenter(QString::fromStdString(c.segmenter), QString::fromStdString(c.sam2Weights.string()));
    });
    // One sigma, two controls (training tab, evaluation tab). A settled change refits the heads on
    // cached features; a newer change supersedes a refit in flight.
    SigmaControl *sigmaA = m_training->sigmaControl();
    SigmaControl *sigmaB = m_evaluation->sigmaControl();
    sigmaB->setValue(sigmaA->value());
    connect(sigmaA, &SigmaControl::valueChanged, sigmaB, &SigmaControl::setValue);
    connect(sigmaB, &SigmaControl::valueChanged, sigmaA, &SigmaControl::setValue);
    connect(sigmaB, &SigmaControl::valueChanged, this, [this] { m_controller->setConfig(m_training->applyTo(baseConfig())); });
    connect(m_controller, &SessionController::featureScaleChanged, sigmaA, &SigmaControl::setFeatureScale);
    const auto sigmaSettled = [this] {
        const RunConfig c = m_training->applyTo(baseConfig());
        m_controller->setConfig(c);
        // One refit per change of the value: none when it resolves to the sigma on screen or in flight
        // (unticking "auto" keeps the value auto stood for).
        if (m_training->autoRetrain() && m_controller->results() && m_controller->needsRefit(c))
            m_controller->retrainForSigma(c);
    };
    connect(m_training, &TrainingPanel::sigmaSettled, this, sigmaSettled);
    connect(m_evaluation, &EvaluationPanel::sigmaSettled, this, sigmaSettled);
    connect(m_controller, &SessionController::resultsChanged, this, [this] {
        if (const auto &r = m_controller->results())
            m_training->showTrainingOutcome(r->training, r->knn ? r->scorer : QString());
    });
    connect(m_compositing, &CompositingPanel::evaluateRequested, this, [this] {
        if (!m_controller->results()) {
            showError(tr("Train a model first: pseudo-backgrounds test a trained model."));
            return;
        }
        EvalOptions options;
        options.background = BackgroundMode::Pseudo;
        options.backgroundSource = m_compositing->source().toStdString();
        options.seed = m_compositing->seed();
        options.featherPx = static_cast<float>(m_compositing->feather());
        m_controller->evaluate(options);
    });
    // The outcome of "Evaluate with pseudo-backgrounds" shows where it was asked for, with a link to the details.
    connect(m_compositing, &CompositingPanel::evaluationTabRequested, this, [this] { m_tabs->setCurrentWidget(m_evaluation); });
    connect(m_controller, &SessionController::pseudoResultsChanged, this, [this] {
        const auto &pseudo = m_controller->pseudoResults();
        const auto &plain = m_controller->results();
        if (!pseudo || !plain) {
            m_compositing->showEvaluationSummary(QString());
            return;
        }
        const auto number = [this](double v) { return std::isnan(v) ? tr("n/a") : QString::number(v, 'f', 3); };
        m_compositing->showEvaluationSummary(
            tr("<b>With pseudo-backgrounds:</b> image AUROC %1, pixel AUROC %2 (plain test set: %3 / %4). "
               "<a href=\"#evaluation\">Details on the Evaluation tab</a>")
                .arg(number(pseudo->evaluation.metrics.imageAuroc), number(pseudo->evaluation.metrics.pixelAuroc),
                     number(plain->evaluation.metrics.imageAuroc), number(plain->evaluation.metrics.pixelAuroc)));
    });
    connect(m_controller, &SessionController::trainProgress, m_training, &TrainingPanel::addTrainProgress);
    connect(&m_controller->runner(), &JobRunner::progress, this, [this](int done, int total, const QString &text) {
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(done);
        if (m_progress->format() != tr("cancelling...")) // progress queued before the click
            m_progress->setFormat(text);
        m_training->showProgress(done, total, text);
    });
    // The Training tab has its own bar and Cancel: the status bar's show on the other tabs only.
    const auto showJobWidgets = [this](bool busy) {
        const bool shown = busy && m_tabs->currentWidget() != m_training;
        m_progress->setVisible(shown);
        m_cancel->setVisible(shown);
    };
    connect(m_controller, &SessionController::busyChanged, this, [this, showJobWidgets](bool busy) {
        m_training->setBusy(busy);
        if (busy)
            m_progress->setFormat(QStringLiteral("%p%"));
        showJobWidgets(busy);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, showJobWidgets] { showJobWidgets(m_controller->busy()); });
    connect(m_controller, &SessionController::message, this, [this](const QString &text) {
        m_status->setText(text);
        m_training->appendLog(text);
    });
    connect(m_controller, &SessionController::errorOccurred, this, [this](const QString &text) {
        m_training->appendLog(text);
        showError(text);
    });
    connect(m_controller, &SessionController::resultsChanged, this, [this] {
        if (m_controller->results() && m_tabs->currentWidget() == m_training)
            m_tabs->setCurrentWidget(m_evaluation);
    });

    // The results on screen live in run folders: kept after every training, shown again on the next
    // visit of the category and on the next start.
    m_controller->setAutosaveRoot(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs"));
    connect(m_controller, &SessionController::runShown, this, &MainWindow::rememberRun);
    connect(m_controller, &SessionController::runShown, m_inspect, &InspectPanel::setRunFolder); // the run at work
    connect(m_controller, &SessionController::runOpened, this, [this](const QString &dir) {
        // The run's settings are shown with its results (the curves' caption, the stale banner); the
        // controls stay the user's: another category's absolute sigma must not become the next training's.
        m_controller->setConfig(m_training->applyTo(baseConfig()));
        m_status->setText(tr("Opened run %1").arg(dir));
    });
    connect(m_controller, &SessionController::reportWritten, this,
            [this](const QString &pdf) { m_status->setText(tr("Report written to %1").arg(pdf)); });
    connect(m_controller, &SessionController::runSaved, this,
            [this](const QString &dir) { m_status->setText(tr("Run saved to %1").arg(dir)); });
    // The sigma survives a restart.
    for (SigmaControl *control : {m_training->sigmaControl(), m_evaluation->sigmaControl()})
        connect(control, &SigmaControl::valueChanged, this,
                [](const NoiseSigma &sigma) { Settings().setNoiseSigma(QString::fromStdString(sigma.text())); });
    if (const QString stored = Settings().noiseSigma(); !stored.isEmpty()) {
        try {
            const NoiseSigma sigma = NoiseSigma::parse(stored.toStdString(), "settings");
            m_training->sigmaControl()->setValue(sigma);
            m_evaluation->sigmaControl()->setValue(sigma);
        } catch (const std::exception &) {
            // A value this version cannot read: the preset's stays.
        }
    }

    const Settings settings;
    restoreGeometry(settings.windowGeometry());
    restoreState(settings.windowState());
    rebuildRecentMenu();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open dataset..."), QKeySequence::Open, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open an MVTec-style dataset or category folder"));
        if (!dir.isEmpty())
            openDataset(dir);
    });
    m_recent = file->addMenu(tr("Recent datasets"));
    file->addAction(tr("Open &run..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a saved run folder (config.json, heads.safetensors, ...)"));
        if (!dir.isEmpty())
            openRun(dir);
    });
    file->addAction(tr("&Generate demo dataset..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the demo dataset"));
        if (!dir.isEmpty())
            generateDemoDataset(dir + QStringLiteral("/sam2sim-demo"));
    });
    file->addSeparator();
    file->addAction(tr("&Save run..."), QKeySequence::Save, this, &MainWindow::saveRun);
    file->addAction(tr("Export &report (PDF)..."), this, &MainWindow::exportReport);
    file->addAction(tr("Export results (&CSV)..."), this, &MainWindow::exportCsv);
    file->addAction(tr("Export &model..."), this, &MainWindow::showExportModelDialog);
    file->addAction(tr("Save &lot..."), m_inspect, &InspectPanel::chooseAndSaveLot);
    file->addAction(tr("Export lot re&port (PDF)..."), m_inspect, &InspectPanel::chooseAndExportReport);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    view->addAction(tr("Next image"), QKeySequence(Qt::Key_BracketRight), m_viewer, &HeatmapViewer::next);
    view->addAction(tr("Previous image"), QKeySequence(Qt::Key_BracketLeft), m_viewer, &HeatmapViewer::previous);

    QMenu *prefs = menuBar()->addMenu(tr("&Settings"));
    QMenu *language = prefs->addMenu(tr("Language (applied on restart)"));
    auto *group = new QActionGroup(this);
    const QString current = Settings().language();
    const std::pair<QString, QString> languages[] = {{QString(), tr("System default")},
                                                     {QStringLiteral("en"), QStringLiteral("English")},
                                                     {QStringLiteral("de"), QStringLiteral("Deutsch")},
                                                     {QStringLiteral("ko"), QStringLiteral("한국어")}};
    for (const auto &[code, name] : languages) {
        QAction *a = language->addAction(name);
        a->setCheckable(true);
        a->setChecked(code == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code = code] {
            Settings().setLanguage(code);
            m_status->setText(tr("The language changes the next time the studio starts."));
        });
    }

    prefs->addAction(tr("&Weights..."), this, [this] {
        auto *dialog = new WeightsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &WeightsDialog::weightsChanged, m_training, &TrainingPanel::refreshWeights);
        dialog->open();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Sam2Sim Studio"), this, [this] {
        QMessageBox::about(this, tr("About Sam2Sim Studio"),
                           tr("<b>Sam2Sim Studio %1</b><p>Unsupervised visual inspection: SimpleNet anomaly detection "
                              "with foreground extraction and pseudo-background robustness tests.</p>")
                               .arg(QStringLiteral(SAM2SIM_VERSION)));
    });
}

void MainWindow::rebuildRecentMenu()
{
    m_recent->clear();
    for (const QString &path : Settings().recentDatasets())
        m_recent->addAction(path, this, [this, path] { openDataset(path); });
    m_recent->setEnabled(!m_recent->isEmpty());
}

void MainWindow::openDataset(const QString &path)
{
    if (!jobMayStop(tr("Opening %1").arg(path)))
        return;
    m_status->setText(tr("Scanning %1...").arg(path));
    m_scan.setFuture(QtConcurrent::run([path] { return scanDataset(path.toStdString()); }));
}

bool MainWindow::openRun(const QString &dir)
{
    // The run names its dataset and category; open those first, then load the results.
    RunConfig config;
    try {
        const std::filesystem::path configFile = std::filesystem::path(dir.toStdString()) / "config.json";
        if (!std::filesystem::is_regular_file(configFile))
            throw Error(dir.toStdString() + ": not a run folder (no config.json)");
        config = runConfigFromJson(readJsonFile(configFile), configFile);
        verifyRunFolder(dir.toStdString());
    } catch (const std::exception &e) {
        showError(QString::fromUtf8(e.what()));
        return false;
    }
    const Dataset *open = m_browser->dataset();
    const QString category = QString::fromStdString(config.category);
    if (!open || open->root != config.dataRoot) {
        if (!std::filesystem::is_directory(config.dataRoot)) {
            showError(tr("%1: the run's dataset %2 is not there").arg(dir, QString::fromStdString(config.dataRoot.string())));
            return false;
        }
        // Scanning the dataset and loading the run take a while on a real category: say so at once.
        const QString reopening = tr("Reopening the run of %1 (%2): scanning its dataset %3...")
                                      .arg(category, dir, QString::fromStdString(config.dataRoot.string()));
        m_browser->showNotice(reopening);
        m_status->setText(reopening);
        m_pendingRun = dir;
        openDataset(QString::fromStdString(config.dataRoot.string()));
        return true;
    }
    if (!open->find(config.category)) {
        showError(tr("%1: category %2 is not in %3").arg(dir, category, QString::fromStdString(config.dataRoot.string())));
        return false;
    }
    m_browser->selectCategoryByName(category);
    m_controller->openRun(dir);
    m_status->setText(tr("Reopening the run of %1 (%2)...").arg(category, dir));
    return true;
}

void MainWindow::rememberRun(const QString &dir)
{
    Settings settings;
    settings.setLastRun(dir);
    if (const Category *c = m_controller->category())
        settings.setRunFor(QString::fromStdString(m_controller->config().dataRoot.string()), QString::fromStdString(c->name), dir);
}

void MainWindow::generateDemoDataset(const QString &dir)
{
    m_status->setText(tr("Generating the demo dataset in %1...").arg(dir));
    QFuture<QString> future = QtConcurrent::run([dir] {
        try {
            SynthOptions options;
            options.out = dir.toStdString();
            generateSynthDataset(options);
            return QString();
        } catch (const std::exception &e) {
            return QString(QStringLiteral("error:") + QString::fromUtf8(e.what()));
        }
    });
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, dir] {
        const QString result = watcher->result();
        watcher->deleteLater();
        if (result.isEmpty())
            openDataset(dir);
        else
            showError(result.mid(6));
    });
    watcher->setFuture(future);
}

RunConfig MainWindow::baseConfig() const
{
    RunConfig c;
    if (const Category *category = m_controller->category()) {
        c.dataRoot = m_browser->dataset() ? m_browser->dataset()->root : std::filesystem::path();
        c.category = category->name;
        const CategoryKind kind = m_browser->kindOf(QString::fromStdString(category->name));
        if (kind != category->kind)
            c.kindOverride = kind;
    }
    return c;
}

bool MainWindow::jobMayStop(const QString &action)
{
    auto *robustness = m_compositing->robustness();
    if (!m_controller->busy() && !robustness->isRunning())
        return true;
    // A job would be lost: ask, as closing does.
    QMessageBox box(QMessageBox::Question, tr("Sam2Sim Studio"),
                    tr("A job is running (%1). %2 cancels it and its results are lost.").arg(m_status->text(), action),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("switchDuringJob"));
    QPushButton *stop = box.addButton(tr("Cancel job and switch"), QMessageBox::DestructiveRole);
    QPushButton *keep = box.addButton(tr("Keep working"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    if (box.clickedButton() != stop)
        return false;
    m_controller->cancel();
    robustness->cancel();
    // Stopped before anything of the next category or dataset is touched (cancelling takes seconds).
    m_controller->runner().waitForIdle();
    robustness->waitForIdle();
    return true;
}

void MainWindow::selectCategory(const QString &name, bool force)
{
    const Dataset *dataset = m_browser->dataset();
    const Category *category = dataset ? dataset->find(name.toStdString()) : nullptr;
    if (!category)
        return;
    // The category on screen selected again (a run of it was just opened): nothing to clear.
    if (!force && m_controller->category() && m_controller->category()->name == category->name
        && m_controller->config().dataRoot == dataset->root)
        return;
    if (m_controller->category() && !jobMayStop(tr("Switching to %1").arg(name))) {
        // Keep working: the browser shows the category the job belongs to again.
        const QString current = QString::fromStdString(m_controller->category()->name);
        const QSignalBlocker block(m_browser);
        m_browser->selectCategoryByName(current);
        return;
    }
    RunConfig c;
    c.dataRoot = dataset->root;
    c.category = category->name;
    const CategoryKind kind = m_browser->kindOf(name);
    if (kind != category->kind)
        c.kindOverride = kind;
    try {
        const BackgroundRouting routing = backgroundRouting(kind, category->keepsBackground);
        const QString texture = tr("%1 is a texture: it has no background, so it is never segmented or composited "
                                   "(no foreground extraction, no pseudo-backgrounds).")
                                    .arg(name);
        const QString noExtraction =
            routing.compositing ? tr("%1 keeps its background (it carries information): it is never removed.").arg(name)
                                : texture;
        m_training->setForegroundApplies(routing.extraction, noExtraction); // before the config is read
        m_controller->setCategory(*category, m_training->applyTo(c));
        m_compositing->robustness()->setCategory(*category, m_training->applyTo(c));
        m_training->resetCurves();
        m_training->clearJobDisplay();
        m_training->setTrainImages(static_cast<int>(category->train.size()));
        m_foreground->setExtractionAllowed(routing.extraction, noExtraction);
        m_compositing->setCompositingAllowed(routing.compositing, texture);
        m_status->setText(tr("Category %1 (%2)").arg(name, kind == CategoryKind::Object ? tr("object") : tr("texture")));
        // The run kept for this category comes back (not after a kind switch: that asks for a new model).
        const QString kept = Settings().runFor(QString::fromStdString(dataset->root.string()), name);
        if (!force && !kept.isEmpty() && QFileInfo(kept + QStringLiteral("/config.json")).isFile())
            m_controller->openRun(kept);
    } catch (const std::exception &e) {
        showError(QString::fromUtf8(e.what()));
    }
}

void MainWindow::startTraining()
{
    if (!m_controller->category()) {
        showError(tr("Open a dataset and select a category first."));
        return;
    }
    m_controller->train(m_training->applyTo(baseConfig()));
}

void MainWindow::saveRun()
{
    if (!m_controller->results()) {
        showError(tr("Nothing to save yet: train a model first."));
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the run"));
    if (!dir.isEmpty())
        m_controller->saveRun(dir);
}

void MainWindow::showError(const QString &text)
{
    m_status->setText(text);
    if (!qEnvironmentVariableIsSet("SAM2SIM_NO_DIALOGS"))
        QMessageBox::warning(this, tr("Sam2Sim Studio"), text);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A job or a lot (or a watch) would be lost: ask.
    QString running;
    if (m_controller->busy())
        running = tr("A job is running (%1). Quitting cancels it and its results are lost.").arg(m_status->text());
    else if (m_inspect->busy())
        running = (m_inspect->watching()
                       ? tr("A folder is being watched (inspected so far: %1). Quitting stops the watch; the rows on "
                            "screen are lost unless saved.")
                       : tr("A lot is being inspected (inspected so far: %1). Quitting stops it and its rows are lost."))
                      .arg(m_inspect->lot().rows.size());
    if (!running.isEmpty()) {
        QMessageBox box(QMessageBox::Question, tr("Sam2Sim Studio"), running, QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("closeDuringJob"));
        QPushButton *quit = box.addButton(m_controller->busy() ? tr("Cancel job and quit") : tr("Stop and quit"),
                                          QMessageBox::DestructiveRole);
        QPushButton *keep = box.addButton(tr("Keep working"), QMessageBox::RejectRole);
        box.setDefaultButton(keep);
        box.setEscapeButton(keep);
        box.exec();
        if (box.clickedButton() != quit) {
            event->ignore();
            return;
        }
    }
    Settings().setWindow(saveGeometry(), saveState());
    m_controller->cancel();
    m_inspect->cancel();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        openDataset(urls.first().toLocalFile());
}

} // namespace s2s::ui
