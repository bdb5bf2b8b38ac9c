#pragma once

#include "engine/inspect/lot_threshold.h"
#include "ui/inspect/inspect_lot.h"
#include "ui/session/job_runner.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace s2s {
class Inspector;
}

namespace s2s::ui {

class InspectImageView;
class LotTable;

// The Inspect tab: a run folder (the one on screen, or one opened here) at work on new, unlabelled
// images. The user picks images or a folder (a lot); the lot is inspected on a worker thread
// (cancellable, with progress) and a row per image appears as it is scored: name, score, OK/NG at the
// threshold on screen, milliseconds, or the reason an input was skipped. The threshold starts as the
// run's (metrics.json, with its rule); changing it re-reads every verdict at once, without scoring again.
// The selected row is shown with its heatmap. Save lot and Export lot report write what the CLI writes.
class InspectPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit InspectPanel(QWidget *parent = nullptr);
    ~InspectPanel() override;

    // The run the next lot is inspected with; its metrics.json threshold becomes the one on screen.
    void setRunFolder(const QString &dir);
    QString runFolder() const { return m_runDir; }
    // Inspects images and folders (a folder's image files) as a new lot; the previous lot leaves the screen.
    void inspectPaths(const QStringList &items);
    // Watches a folder (the engine's FolderWatch): each image file is inspected once, when complete, and
    // its row appears; a new lot. Runs until stopWatch() (or cancel()), whichever tab is on screen.
    void startWatch(const QString &dir);
    void stopWatch();
    bool watching() const { return !m_watchDir.isEmpty(); }
    void cancel();
    // Until the screen has taken the job's end (the runner stops before its finished signal arrives, and
    // a watch is still shown as one until then).
    bool busy() const { return m_runner.isRunning() || m_shownBusy; }
    void saveLot(const QString &dir);
    void exportLotReport(const QString &pdf);
    // Asks for a folder / a file, then saves / exports (the File menu's entries).
    void chooseAndSaveLot();
    void chooseAndExportReport();

    const LotThreshold &threshold() const { return m_threshold; }
    void setThresholdValue(double value); // as if typed into the threshold field
    const InspectedLot &lot() const { return m_lot; }

    // What the user sees, for tests.
    LotTable *table() const { return m_table; }
    QLineEdit *thresholdEdit() const { return m_thresholdEdit; }
    QLabel *countsLabel() const { return m_counts; }
    InspectImageView *imageView() const { return m_view; }

Q_SIGNALS:
    void lotFinished();
    void lotSaved(const QString &dir);
    void reportWritten(const QString &pdf);
    void errorOccurred(const QString &text);

private:
    void buildLayout();
    // Clears the screen for a new lot; returns its serial.
    int beginLot(const std::string &name, const std::string &watched);
    // Posts a result of lot `serial` to the UI thread (from the job's thread).
    void post(int serial, InspectResult &&result);
    void postDone(int serial, const LotStats &stats);
    std::shared_ptr<Inspector> loadedInspector() const; // null: the next job loads the run
    // The run's inspector for a job: the one loaded, or a new one (posted back for the next job).
    std::shared_ptr<Inspector> inspectorFor(std::shared_ptr<Inspector> loaded, const QString &runDir);
    void addRow(InspectRow row);
    void refreshVerdicts();
    void refreshCounts();
    void showSelected();
    void setBusy(bool busy);
    void showError(const QString &text);
    void thresholdEdited(const QString &text);
    void resetThreshold();
    void applyRun(); // the run set last becomes the lot's run, its threshold the one on screen
    bool mayWriteLot();

    QString m_runDir;             // the run the next lot is inspected with
    std::string m_runId;
    LotThreshold m_runThreshold;  // that run's metrics.json threshold
    bool m_runPending = false;    // set while a lot of an earlier run is on screen
    std::string m_lotRunId;       // the run of the lot on screen
    LotThreshold m_lotRunThreshold;
    LotThreshold m_threshold;     // the threshold on screen: the verdicts of the lot on screen
    std::shared_ptr<Inspector> m_inspector; // the run's inspector, loaded by the first lot's job
    QString m_inspectorDir;
    InspectedLot m_lot;
    int m_serial = 0; // bumped per lot: results of an older lot's job are dropped
    QElapsedTimer m_clock;
    bool m_finished = false;
    QString m_watchDir; // the folder being watched; empty when no watch runs

    QLabel *m_runLabel = nullptr;
    QPushButton *m_openRun = nullptr;
    QPushButton *m_images = nullptr;
    QPushButton *m_folder = nullptr;
    QPushButton *m_watch = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_report = nullptr;
    QLineEdit *m_thresholdEdit = nullptr;
    QLabel *m_ruleLabel = nullptr;
    QPushButton *m_resetThreshold = nullptr;
    QCheckBox *m_ngOnly = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_message = nullptr;
    QProgressBar *m_progress = nullptr;
    LotTable *m_table = nullptr;
    InspectImageView *m_view = nullptr;
    bool m_shownBusy = false; // setBusy(true) shown and not yet taken back
    JobRunner m_runner; // declared last, destroyed first: its job stops before anything it posts to goes
};

} // namespace s2s::ui
