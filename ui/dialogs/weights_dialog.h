#pragma once

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace s2s::ui {

class JobRunner;

// Settings > Weights...: every known weights file with what it is, whether it is bundled, found
// (and where) or missing, and its size; Download (with progress and cancel) into the user weights
// folder, and Choose file to use a file kept elsewhere. The same table as `sam2sim weights list`.
class WeightsDialog final : public QDialog {
    Q_OBJECT

public:
    explicit WeightsDialog(QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void weightsChanged(); // a download finished or a file was chosen

private:
    void refresh();
    void download();
    void chooseFile();
    QString selectedName() const;
    void updateButtons();

    QTableWidget *m_table = nullptr;
    QPushButton *m_download = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_choose = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_message = nullptr;
    JobRunner *m_runner = nullptr;
};

} // namespace s2s::ui
