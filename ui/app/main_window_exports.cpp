// MainWindow's File > Export actions: per-image CSV, the inspection report and the deployable model.
#include "ui/app/main_window.h"

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "ui/dialogs/export_model_dialog.h"
#include "ui/panels/compositing_panel.h"
#include "ui/panels/family_robustness_view.h"
#include "ui/session/session_controller.h"

#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>

namespace s2s::ui {

// The save dialog's suggestion: "<category>-<what>" in the user's documents folder.
QString MainWindow::suggestedFile(const QString &what) const
{
    const Category *category = m_controller->category();
    const QString name = category ? QString::fromStdString(category->name) + QLatin1Char('-') + what : what;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(name);
}

void MainWindow::exportCsv()
{
    const auto &r = m_controller->results();
    if (!r) {
        showError(tr("Nothing to export yet: train a model first."));
        return;
    }
    QString file = QFileDialog::getSaveFileName(this, tr("Export per-image results"), suggestedFile(QStringLiteral("results.csv")),
                                                tr("CSV (*.csv)"));
    if (file.isEmpty())
        return;
    if (!file.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        file += QStringLiteral(".csv");
    std::string csv = "path,defect_type,label,score,verdict\n";
    for (const auto &img : r->evaluation.images)
        csv += csvField(img.record.image.string()) + "," + csvField(img.record.defectType) + "," + std::to_string(img.record.label) + ","
               + std::to_string(img.score) + "," + (img.score >= m_controller->threshold() ? "anomalous" : "normal") + "\n";
    try {
        writeFileAtomically(file.toStdString(), csv);
        m_status->setText(tr("Exported %1").arg(file));
    } catch (const std::exception &e) {
        showError(QString::fromUtf8(e.what()));
    }
}

void MainWindow::exportReport()
{
    if (!m_controller->results()) {
        showError(tr("Nothing to report yet: train a model first."));
        return;
    }
    QString pdf = QFileDialog::getSaveFileName(this, tr("Export inspection report"), suggestedFile(QStringLiteral("report.pdf")),
                                               tr("PDF (*.pdf)"));
    if (pdf.isEmpty())
        return;
    if (!pdf.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) // "report" means report.pdf
        pdf += QStringLiteral(".pdf");
    // Only the PDF is written, from the results and threshold rule on screen.
    m_controller->exportReport(pdf, m_compositing->robustness()->results());
}

void MainWindow::showExportModelDialog()
{
    if (!m_controller->results()) {
        showError(tr("Nothing to export yet: train a model first."));
        return;
    }
    ExportModelDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        exportModel(dialog.folder(), dialog.format(), dialog.maxBatch());
}

void MainWindow::exportModel(const QString &dir, ExportFormat format, int maxBatch)
{
    if (!m_controller->results()) {
        showError(tr("Nothing to export yet: train a model first."));
        return;
    }
    // The exporter reads a run folder: save the current run to a temporary one first, then export it
    // on the job runner (progress in the status bar, cancellable like any job).
    auto runDir = std::make_shared<QTemporaryDir>();
    if (!runDir->isValid()) {
        showError(tr("Cannot create a temporary folder for the run: %1").arg(runDir->errorString()));
        return;
    }
    m_controller->saveRun(runDir->path());
    connect(m_controller, &SessionController::runSaved, this, [this, runDir, dir, format, maxBatch] {
        auto model = std::make_shared<QString>();
        ExportOptions options;
        options.format = format;
        options.maxBatch = maxBatch;
        connect(&m_controller->runner(), &JobRunner::finished, this, [this, model](const QString &) {
            if (model->isEmpty())
                return;
            m_status->setText(tr("Model exported to %1").arg(*model));
            Q_EMIT modelExported(*model);
        }, Qt::SingleShotConnection);
        m_controller->runner().start(tr("Exporting model"), [runDir, dir, options, model](const ProgressFn &progress,
                                                                                         const CancelToken &cancel) {
            const ExportResult r = exportRun(runDir->path().toStdString(), dir.toStdString(), options, progress, cancel);
            *model = QString::fromStdString(r.model.string());
        });
    }, Qt::SingleShotConnection);
}

} // namespace s2s::ui
