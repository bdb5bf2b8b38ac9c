#include "ui/inspect/inspect_panel.h"

#include "engine/core/error.h"
#include "engine/inspect/folder_watch.h"
#include "engine/inspect/inspector.h"
#include "engine/inspect/lot_inputs.h"
#include "ui/inspect/inspect_image_view.h"
#include "ui/inspect/lot_table.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>

namespace s2s::ui {

namespace {

QString thresholdText(double value)
{
    return QString::number(value, 'g', 7);
}

// The span of map values the run's heatmaps use (metrics.json map_range), as the lot's map files do.
std::pair<float, float> mapRange(const Inspector &inspector, double threshold)
{
    const auto range = inspector.run().metrics.find("map_range");
    if (range != inspector.run().metrics.end() && range->is_array() && range->size() == 2 && range->at(0).is_number()
        && range->at(1).is_number())
        return {range->at(0).get<float>(), range->at(1).get<float>()};
    return {static_cast<float>(threshold) - 1.f, static_cast<float>(threshold) + 1.f};
}

} // namespace

InspectPanel::InspectPanel(QWidget *parent)
    : QWidget(parent)
{
    buildLayout();
    connect(&m_runner, &JobRunner::started, this, [this] { setBusy(true); });
    connect(&m_runner, &JobRunner::progress, this, [this](int done, int total, const QString &text) {
        if (watching()) {
            m_progress->setRange(0, 0); // a watch has no end: a busy bar
            m_progress->setFormat(text);
            return;
        }
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(done);
        m_progress->setFormat(text.isEmpty() ? QStringLiteral("%p%") : text);
    });
    connect(&m_runner, &JobRunner::finished, this, [this] { setBusy(false); });
    connect(&m_runner, &JobRunner::cancelled, this, [this] {
        const bool watch = watching();
        setBusy(false);
        if (!watch)
            m_message->setText(tr("Cancelled: the rows inspected so far stand."));
    });
    connect(&m_runner, &JobRunner::failed, this, [this](const QString &, const QString &message) {
        setBusy(false);
        showError(message);
    });
    setRunFolder(QString());
}

InspectPanel::~InspectPanel()
{
    m_runner.cancel();
    m_runner.waitForIdle();
}

void InspectPanel::buildLayout()
{
    m_runLabel = new QLabel(this);
    m_runLabel->setObjectName(QStringLiteral("inspectRun"));
    m_runLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openRun = new QPushButton(tr("Run..."), this);
    m_openRun->setToolTip(tr("Inspect with another saved run folder"));
    m_images = new QPushButton(tr("Inspect images..."), this);
    m_folder = new QPushButton(tr("Inspect folder..."), this);
    m_watch = new QPushButton(tr("Watch folder..."), this);
    m_watch->setToolTip(tr("Inspect image files as they arrive in a folder (a camera writing into it)"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_save = new QPushButton(tr("Save lot..."), this);
    m_report = new QPushButton(tr("Export lot report..."), this);
    m_thresholdEdit = new QLineEdit(this);
    m_thresholdEdit->setObjectName(QStringLiteral("inspectThreshold"));
    m_thresholdEdit->setFixedWidth(120);
    m_thresholdEdit->setToolTip(tr("NG when the score is at or above this value"));
    m_ruleLabel = new QLabel(this);
    m_ruleLabel->setObjectName(QStringLiteral("inspectThresholdRule"));
    m_resetThreshold = new QPushButton(tr("Run's threshold"), this);
    m_ngOnly = new QCheckBox(tr("NG only"), this);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("inspectCounts"));
    QFont big = m_counts->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_counts->setFont(big);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("inspectMessage"));
    m_message->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);

    m_table = new LotTable(this);
    m_view = new InspectImageView(this);

    // Rows short enough for a 1024-px window beside the dataset dock: the run's path and the counters
    // may shrink (the path is also in its tooltip, the counters wrap).
    m_runLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_counts->setWordWrap(true);
    m_counts->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *top = new QHBoxLayout;
    top->addWidget(m_runLabel, 1);
    top->addWidget(m_openRun);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_images);
    actions->addWidget(m_folder);
    actions->addWidget(m_watch);
    actions->addWidget(m_cancel);
    actions->addStretch(1);
    auto *threshold = new QHBoxLayout;
    threshold->addWidget(new QLabel(tr("Threshold"), this));
    threshold->addWidget(m_thresholdEdit);
    threshold->addWidget(m_ruleLabel);
    threshold->addWidget(m_resetThreshold);
    threshold->addStretch(1);
    threshold->addWidget(m_ngOnly);
    auto *summary = new QHBoxLayout; // the counters, and what to do with the lot they count
    summary->addWidget(m_counts, 1);
    summary->addWidget(m_save);
    summary->addWidget(m_report);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(m_view);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(actions);
    layout->addLayout(threshold);
    layout->addLayout(summary);
    layout->addWidget(m_progress);
    layout->addWidget(split, 1);
    layout->addWidget(m_message);

    connect(m_openRun, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a saved run folder to inspect with"));
        if (!dir.isEmpty())
            setRunFolder(dir);
    });
    connect(m_images, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Images to inspect"), QString(), tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff);;All files (*)"));
        if (!files.isEmpty())
            inspectPaths(files);
    });
    connect(m_folder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("A folder of images to inspect (a lot)"));
        if (!dir.isEmpty())
            inspectPaths({dir});
    });
    connect(m_watch, &QPushButton::clicked, this, [this] {
        if (watching()) {
            stopWatch();
            return;
        }
        const QString dir = QFileDialog::getExistingDirectory(this, tr("A folder to watch: images are inspected as they arrive"));
        if (!dir.isEmpty())
            startWatch(dir);
    });
    connect(m_cancel, &QPushButton::clicked, this, &InspectPanel::cancel);
    connect(m_save, &QPushButton::clicked, this, &InspectPanel::chooseAndSaveLot);
    connect(m_report, &QPushButton::clicked, this, &InspectPanel::chooseAndExportReport);
    connect(m_thresholdEdit, &QLineEdit::textChanged, this, &InspectPanel::thresholdEdited);
    connect(m_resetThreshold, &QPushButton::clicked, this, &InspectPanel::resetThreshold);
    connect(m_ngOnly, &QCheckBox::toggled, m_table, &LotTable::setNgOnly);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &InspectPanel::showSelected);
}

void InspectPanel::setRunFolder(const QString &dir)
{
    LotThreshold threshold;
    std::string runId;
    if (!dir.isEmpty()) {
        try {
            const RunSummary run = loadRunSummary(dir.toStdString());
            threshold = lotThreshold(run, std::string());
            runId = run.metrics.value("run_id", std::string());
        } catch (const std::exception &e) {
            showError(QString::fromUtf8(e.what()));
            return;
        }
    }
    m_runDir = dir;
    m_runId = runId;
    m_runThreshold = threshold;
    m_images->setEnabled(!dir.isEmpty() && !busy());
    m_folder->setEnabled(!dir.isEmpty() && !busy());
    m_watch->setEnabled(watching() || (!dir.isEmpty() && !busy()));
    if (busy() || !m_lot.rows.empty()) {
        // The lot on screen keeps the run that scored it (a retraining or another run must not re-read its
        // verdicts); the new run and its threshold take over with the next lot.
        m_runPending = true;
        m_runLabel->setText(tr("Run for the next lot: %1 (the lot on screen was inspected with run %2)")
                                .arg(dir, QString::fromStdString(m_lotRunId)));
        m_runLabel->setToolTip(m_runLabel->text());
        return;
    }
    applyRun();
}

void InspectPanel::applyRun()
{
    m_runPending = false;
    m_lotRunId = m_runId;
    m_lotRunThreshold = m_runThreshold;
    m_runLabel->setText(m_runDir.isEmpty()
                            ? tr("No run yet: train a model, open a run (File > Open run...) or pick a run folder.")
                            : tr("Run: %1").arg(m_runDir));
    m_runLabel->setToolTip(m_runLabel->text());
    resetThreshold();
}

void InspectPanel::resetThreshold()
{
    m_threshold = m_lotRunThreshold;
    {
        const QSignalBlocker block(m_thresholdEdit);
        m_thresholdEdit->setText(m_runDir.isEmpty() ? QString() : thresholdText(m_threshold.value));
    }
    m_thresholdEdit->setEnabled(!m_runDir.isEmpty());
    m_ruleLabel->setText(m_runDir.isEmpty() ? QString()
                                            : tr("rule: %1 (the run's)").arg(QString::fromStdString(m_threshold.rule)));
    m_ruleLabel->setToolTip(tr("The threshold in the run's metrics.json; NG when the score is at or above it"));
    m_resetThreshold->setVisible(false);
    refreshVerdicts();
}

void InspectPanel::setThresholdValue(double value)
{
    m_thresholdEdit->setText(thresholdText(value));
}

void InspectPanel::thresholdEdited(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok) {
        m_ruleLabel->setText(tr("not a number (verdicts at %1)").arg(thresholdText(m_threshold.value)));
        return;
    }
    m_threshold = LotThreshold{value, "value"};
    m_ruleLabel->setText(tr("rule: value"));
    m_ruleLabel->setToolTip(tr("Set here; the run's threshold is %1 (%2)")
                                .arg(thresholdText(m_lotRunThreshold.value), QString::fromStdString(m_lotRunThreshold.rule)));
    m_resetThreshold->setVisible(true);
    refreshVerdicts();
}

int InspectPanel::beginLot(const std::string &name, const std::string &watched)
{
    if (m_runPending)
        applyRun();
    m_lotRunId = m_runId;
    ++m_serial;
    m_lot = InspectedLot{};
    m_lot.started = lotTimeNow();
    m_lot.name = name;
    m_lot.watched = watched;
    m_finished = false;
    m_table->setRowCount(0);
    m_view->clear(tr("Select an image of the lot to see where it deviates."));
    m_clock.start();
    return m_serial;
}

std::shared_ptr<Inspector> InspectPanel::loadedInspector() const
{
    // A category's kept run keeps its folder when retrained: the run id tells whether the loaded
    // inspector is still the run's.
    return m_inspectorDir == m_runDir && m_inspector && m_inspector->runId() == m_runId ? m_inspector : nullptr;
}

std::shared_ptr<Inspector> InspectPanel::inspectorFor(std::shared_ptr<Inspector> loaded, const QString &runDir)
{
    if (loaded)
        return loaded;
    auto inspector = std::make_shared<Inspector>(runDir.toStdString());
    QMetaObject::invokeMethod(this, [this, inspector, runDir] {
        m_inspector = inspector;
        m_inspectorDir = runDir;
    }, Qt::QueuedConnection);
    return inspector;
}

void InspectPanel::post(int serial, InspectResult &&r)
{
    auto result = std::make_shared<const InspectResult>(std::move(r));
    QMetaObject::invokeMethod(this, [this, serial, result] {
        if (serial != m_serial)
            return;
        if (result->ok())
            addRow(InspectRow{result, result->path.string(), std::string()});
        else
            addRow(InspectRow{nullptr, result->path.string(), result->error});
    }, Qt::QueuedConnection);
}

void InspectPanel::postDone(int serial, const LotStats &stats)
{
    const std::string finished = lotTimeNow();
    QMetaObject::invokeMethod(this, [this, serial, stats, finished] {
        if (serial != m_serial)
            return;
        m_lot.stats = stats;
        m_lot.finished = finished;
        m_finished = true;
        refreshCounts();
        if (!m_lot.watched.empty())
            m_message->setText(tr("Watch of %1 stopped: %n image(s) scored.", nullptr, static_cast<int>(stats.inspected))
                                   .arg(QString::fromStdString(m_lot.watched)));
        else if (stats.cancelled)
            m_message->setText(tr("Lot stopped early: the rows inspected so far stand."));
        else
            m_message->setText(tr("Lot inspected: %n image(s) scored.", nullptr, static_cast<int>(stats.inspected)));
        Q_EMIT lotFinished();
    }, Qt::QueuedConnection);
}

void InspectPanel::inspectPaths(const QStringList &items)
{
    if (m_runDir.isEmpty()) {
        showError(tr("No run to inspect with: train a model or open a run first."));
        return;
    }
    std::vector<std::string> inputs;
    for (const QString &item : items)
        inputs.push_back(item.toStdString());
    std::vector<LotSkip> skipped;
    const std::vector<std::filesystem::path> images = collectLotImages(inputs, skipped);
    const QFileInfo first(items.value(0));
    const int serial = beginLot((items.size() == 1 && first.isDir() ? first.fileName() : first.dir().dirName()).toStdString(),
                                std::string());
    for (const LotSkip &s : skipped)
        addRow(InspectRow{nullptr, s.path, s.reason});
    m_message->setText(tr("Inspecting %n image(s) with %1", nullptr, static_cast<int>(images.size())).arg(m_runDir));

    const QString runDir = m_runDir;
    std::shared_ptr<Inspector> loaded = loadedInspector();
    const LotThreshold threshold = m_threshold;
    m_runner.start(tr("Inspecting"), [this, serial, runDir, loaded, threshold, images](const ProgressFn &progress,
                                                                                      const CancelToken &cancel) {
        report(progress, "inspect", 0, static_cast<std::int64_t>(images.size()), "loading the run");
        const std::shared_ptr<Inspector> inspector = inspectorFor(loaded, runDir);
        inspector->setKeepMaps(true);
        inspector->setThreshold(threshold);
        const LotStats stats = inspector->inspectLot(images, [this, serial](InspectResult &&r) { post(serial, std::move(r)); },
                                                     progress, cancel);
        postDone(serial, stats);
    });
}

void InspectPanel::startWatch(const QString &dir)
{
    if (m_runDir.isEmpty()) {
        showError(tr("No run to inspect with: train a model or open a run first."));
        return;
    }
    const int serial = beginLot(QFileInfo(dir).fileName().toStdString(), dir.toStdString());
    m_watchDir = dir;
    m_watch->setText(tr("Stop watch"));
    m_message->setText(tr("Watching %1: each image file is inspected once it is complete.").arg(dir));
    const QString runDir = m_runDir;
    std::shared_ptr<Inspector> loaded = loadedInspector();
    const LotThreshold threshold = m_threshold;
    m_runner.start(tr("Watching"), [this, serial, runDir, loaded, threshold, dir](const ProgressFn &progress,
                                                                                 const CancelToken &cancel) {
        report(progress, "watch", 0, 0, "loading the run");
        const std::shared_ptr<Inspector> inspector = inspectorFor(loaded, runDir);
        inspector->setKeepMaps(true);
        inspector->setThreshold(threshold);
        FolderWatch watch(dir.toStdString(), FolderWatch::Options{});
        LotStats stats;
        report(progress, "watch", 0, 0, dir.toStdString());
        while (true) {
            FolderWatch::Event event = watch.next(cancel, 0.0);
            if (event.kind == FolderWatch::Event::Kind::Stopped)
                break;
            if (event.kind == FolderWatch::Event::Kind::Idle)
                continue;
            if (event.kind == FolderWatch::Event::Kind::Skipped) {
                InspectResult skipped;
                skipped.path = event.path;
                skipped.error = event.error;
                ++stats.failed;
                post(serial, std::move(skipped));
                continue;
            }
            InspectResult r = inspector->inspect(event.path, event.bytes);
            if (r.ok()) {
                ++stats.inspected;
                stats.seconds += r.milliseconds / 1000.0; // the images' own time, not the waits between them
            } else {
                ++stats.failed;
            }
            post(serial, std::move(r));
            report(progress, "watch", static_cast<std::int64_t>(stats.inspected), 0, dir.toStdString());
        }
        postDone(serial, stats); // a watch the user stopped is a closed lot, not an interrupted one
    });
}

void InspectPanel::stopWatch()
{
    if (watching())
        m_runner.cancel();
}

void InspectPanel::cancel()
{
    m_progress->setFormat(tr("cancelling..."));
    m_runner.cancel();
}

void InspectPanel::addRow(InspectRow row)
{
    const int index = static_cast<int>(m_lot.rows.size());
    m_table->addLotRow(row, index, m_threshold.value);
    m_lot.rows.push_back(std::move(row));
    refreshCounts();
}

void InspectPanel::refreshVerdicts()
{
    m_table->paintVerdicts(m_lot.rows, m_threshold.value);
    refreshCounts();
    showSelected();
}

void InspectPanel::refreshCounts()
{
    std::size_t ok = 0, ng = 0, skipped = 0;
    for (const InspectRow &row : m_lot.rows) {
        if (row.skipped())
            ++skipped;
        else if (isNg(row.result->score, m_threshold.value))
            ++ng;
        else
            ++ok;
    }
    const std::size_t images = ok + ng;
    double seconds = m_finished ? m_lot.stats.seconds : m_clock.isValid() ? m_clock.elapsed() / 1000.0 : 0.0;
    if (!m_lot.watched.empty() && !m_finished) { // a watch: the images' own time, not the waits between arrivals
        seconds = 0.0;
        for (const InspectRow &row : m_lot.rows)
            seconds += row.skipped() ? 0.0 : row.result->milliseconds / 1000.0;
    }
    const double rate = images > 0 ? 100.0 * static_cast<double>(ng) / static_cast<double>(images) : 0.0;
    const double speed = seconds > 0 ? static_cast<double>(images) / seconds : 0.0;
    m_counts->setProperty("ok", static_cast<qulonglong>(ok));
    m_counts->setProperty("ng", static_cast<qulonglong>(ng));
    m_counts->setProperty("skipped", static_cast<qulonglong>(skipped));
    m_counts->setText(tr("Inspected %1   OK %2   NG %3   NG rate %4 %   %5 images/s   skipped %6")
                          .arg(images)
                          .arg(ok)
                          .arg(ng)
                          .arg(rate, 0, 'f', 1)
                          .arg(speed, 0, 'f', 1)
                          .arg(skipped));
    const bool hasRows = !m_lot.rows.empty();
    m_save->setEnabled(hasRows && m_finished && !busy());
    m_report->setEnabled(hasRows && m_finished && !busy());
}

void InspectPanel::showSelected()
{
    const int index = m_table->selectedLotIndex();
    if (index < 0)
        return;
    const InspectRow &row = m_lot.rows[static_cast<std::size_t>(index)];
    if (row.skipped()) {
        m_view->clear(tr("Skipped: %1").arg(QString::fromStdString(row.reason)));
        return;
    }
    if (!m_inspector) {
        m_view->clear(QString());
        return;
    }
    const auto [lo, hi] = mapRange(*m_inspector, m_threshold.value);
    m_view->show(*row.result, m_inspector->originalFrameMap(*row.result), lo, hi, m_threshold.value);
}

void InspectPanel::setBusy(bool busy)
{
    m_shownBusy = busy;
    m_progress->setVisible(busy);
    if (busy)
        m_progress->setFormat(QStringLiteral("%p%"));
    m_openRun->setEnabled(!busy);
    m_images->setEnabled(!busy && !m_runDir.isEmpty());
    m_folder->setEnabled(!busy && !m_runDir.isEmpty());
    m_watch->setEnabled(watching() || (!busy && !m_runDir.isEmpty()));
    m_cancel->setVisible(busy && !watching());
    if (!busy && watching()) {
        m_watchDir.clear();
        m_watch->setText(tr("Watch folder..."));
    }
    refreshCounts();
}

bool InspectPanel::mayWriteLot()
{
    if (watching()) {
        showError(tr("Stop the watch first: a lot is saved (and reported) whole."));
        return false;
    }
    if (busy()) {
        showError(tr("Wait for the job in flight to end (or cancel it) first."));
        return false;
    }
    if (m_lot.rows.empty() || !m_finished || !m_inspector) {
        showError(tr("Nothing to write yet: inspect images or a folder first."));
        return false;
    }
    return true;
}

void InspectPanel::chooseAndSaveLot()
{
    if (!mayWriteLot())
        return;
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Lot folder (empty, or an earlier lot to replace): verdicts.csv, lot.json, maps/"));
    if (!dir.isEmpty())
        saveLot(dir);
}

void InspectPanel::chooseAndExportReport()
{
    if (!mayWriteLot())
        return;
    // A name to accept as it is: the lot's date and time, in the user's documents.
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("lot-report-%1.pdf")
                                                .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
    QString pdf = QFileDialog::getSaveFileName(this, tr("Export lot report"), suggested, tr("PDF (*.pdf)"));
    if (pdf.isEmpty())
        return;
    if (!pdf.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        pdf += QStringLiteral(".pdf");
    exportLotReport(pdf);
}

void InspectPanel::saveLot(const QString &dir)
{
    if (!mayWriteLot())
        return;
    auto lot = std::make_shared<const InspectedLot>(m_lot);
    const std::shared_ptr<const Inspector> inspector = m_inspector;
    const LotThreshold threshold = m_threshold;
    m_runner.start(tr("Saving the lot"), [this, lot, inspector, threshold, dir](const ProgressFn &, const CancelToken &) {
        saveLotFolder(dir.toStdString(), *inspector, *lot, threshold);
        QMetaObject::invokeMethod(this, [this, dir] {
            m_lot.name = QFileInfo(dir).fileName().toStdString(); // the report names the lot as saved
            m_message->setText(tr("Lot saved to %1").arg(dir));
            Q_EMIT lotSaved(dir);
        }, Qt::QueuedConnection);
    });
}

void InspectPanel::exportLotReport(const QString &pdf)
{
    if (!mayWriteLot())
        return;
    auto lot = std::make_shared<const InspectedLot>(m_lot);
    const std::shared_ptr<const Inspector> inspector = m_inspector;
    const LotThreshold threshold = m_threshold;
    m_runner.start(tr("Writing the lot report"), [this, lot, inspector, threshold, pdf](const ProgressFn &progress,
                                                                                        const CancelToken &cancel) {
        writeLotPdf(pdf, *inspector, *lot, threshold, progress, cancel);
        QMetaObject::invokeMethod(this, [this, pdf] {
            m_message->setText(tr("Lot report written to %1").arg(pdf));
            Q_EMIT reportWritten(pdf);
        }, Qt::QueuedConnection);
    });
}

void InspectPanel::showError(const QString &text)
{
    m_message->setText(text);
    Q_EMIT errorOccurred(text);
    if (!qEnvironmentVariableIsSet("SAM2SIM_NO_DIALOGS"))
        QMessageBox::warning(this, tr("Inspect"), text);
}

} // namespace s2s::ui
