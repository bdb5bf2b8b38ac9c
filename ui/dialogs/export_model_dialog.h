#pragma once

#include "engine/export/model_export.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace s2s::ui {

// File > Export model...: the format (TorchScript file or Triton model repository), the output
// folder and Triton's maximum batch size. The export itself runs on the session's job runner.
class ExportModelDialog final : public QDialog {
    Q_OBJECT

public:
    explicit ExportModelDialog(QWidget *parent = nullptr);

    ExportFormat format() const;
    QString folder() const;
    int maxBatch() const;

private:
    void updateState();

    QComboBox *m_format = nullptr;
    QLineEdit *m_folder = nullptr;
    QSpinBox *m_maxBatch = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace s2s::ui
