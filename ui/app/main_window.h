#pragma once

#include "engine/data/dataset.h"
#include "engine/export/model_export.h"
#include "engine/pipeline/run_config.h"

#include <QFutureWatcher>
#include <QMainWindow>

class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace s2s::ui {

class CompositingPanel;
class DatasetBrowser;
class EvaluationPanel;
class ForegroundPanel;
class HeatmapViewer;
class InspectPanel;
class SessionController;
class TrainingPanel;

// Assembles the panels, menus and status bar; holds no inspection logic of its own.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void openDataset(const QString &path);
    // Opens a saved run folder (File > Open run..., --run): its dataset and category, then its results in
    // every panel. Errors are shown; the current state stays. False when refused at once (not a run
    // folder, its dataset or category missing).
    bool openRun(const QString &dir);
    void generateDemoDataset(const QString &dir);
    void startTraining();
    // Exports the current model (File > Export model...) through a saved run, on the job runner;
    // emits modelExported with the model.pt path, or shows the error.
    void exportModel(const QString &dir, ExportFormat format, int maxBatch);

    SessionController *controller() const { return m_controller; }
    TrainingPanel *trainingPanel() const { return m_training; }
    HeatmapViewer *viewer() const { return m_viewer; }
    EvaluationPanel *evaluationPanel() const { return m_evaluation; }
    DatasetBrowser *browser() const { return m_browser; }
    InspectPanel *inspectPanel() const { return m_inspect; }
    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    void datasetOpened();
    void datasetRefused(const QString &message); // a folder that is not a dataset; the previous one stays
    void modelExported(const QString &modelFile);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void rebuildRecentMenu();
    void selectCategory(const QString &name, bool force = false);
    // True when no job runs, or the user chose to cancel it for `action` ("Switching to X"); false:
    // keep working.
    bool jobMayStop(const QString &action);
    void rememberRun(const QString &dir);
    RunConfig baseConfig() const;
    void exportReport();
    void exportCsv();
    void saveRun();
    void showExportModelDialog();
    void showError(const QString &text);
    QString suggestedFile(const QString &what) const;

    SessionController *m_controller = nullptr;
    DatasetBrowser *m_browser = nullptr;
    TrainingPanel *m_training = nullptr;
    HeatmapViewer *m_viewer = nullptr;
    EvaluationPanel *m_evaluation = nullptr;
    ForegroundPanel *m_foreground = nullptr;
    CompositingPanel *m_compositing = nullptr;
    InspectPanel *m_inspect = nullptr;
    QTabWidget *m_tabs = nullptr;
    QMenu *m_recent = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QFutureWatcher<Dataset> m_scan;
    QFutureWatcher<QString> m_background;
    QString m_pendingRun; // a run folder to open once its dataset is open
};

} // namespace s2s::ui
