#include "ui/dialogs/export_model_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace s2s::ui {

ExportModelDialog::ExportModelDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export model"));
    m_format = new QComboBox(this);
    m_format->addItem(
        tr("TorchScript (model.pt for LibTorch / torch.jit.load)"), QStringLiteral("torchscript"));
    m_format->addItem(tr("Triton model repository (pytorch_libtorch)"), QStringLiteral("triton"));
    m_folder = new QLineEdit(this);
    auto *browse = new QPushButton(tr("Browse..."), this);
    m_maxBatch = new QSpinBox(this);
    m_maxBatch->setRange(1, 4096);
    m_maxBatch->setValue(8);

    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(tr("Maximum batch size (Triton):"), m_maxBatch);
    auto *note = new QLabel(
        tr("The model scores resized, cropped, normalised images (see preprocess.json). "
           "Foreground removal is not part of it."),
        this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Export"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Folder for the exported model"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportModelDialog::updateState);
    connect(m_folder, &QLineEdit::textChanged, this, &ExportModelDialog::updateState);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

ExportFormat ExportModelDialog::format() const
{
    return exportFormatFromString(m_format->currentData().toString().toStdString());
}

QString ExportModelDialog::folder() const
{
    return m_folder->text().trimmed();
}

int ExportModelDialog::maxBatch() const
{
    return m_maxBatch->value();
}

void ExportModelDialog::updateState()
{
    m_maxBatch->setEnabled(format() == ExportFormat::Triton);
    m_ok->setEnabled(!folder().isEmpty());
}

} // namespace s2s::ui
