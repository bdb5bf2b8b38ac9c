#include "ui/dialogs/weights_dialog.h"

#include "engine/core/error.h"
#include "engine/weights/weights_catalog.h"
#include "engine/weights/weights_check.h"
#include "engine/weights/weights_download.h"
#include "ui/session/job_runner.h"
#include "ui/app/settings.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cstdlib>

namespace s2s::ui {

namespace {

enum Column { NameColumn, DescriptionColumn, StatusColumn, SizeColumn, ColumnCount };

} // namespace

WeightsDialog::WeightsDialog(QWidget *parent)
    : QDialog(parent)
    , m_runner(new JobRunner(this))
{
    setWindowTitle(tr("Weights"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Pretrained weights are looked for in $SAM2SIM_WEIGHTS_DIR, %1 and the torch hub "
           "cache; downloads go to %1.")
            .arg(QString::fromStdString(userWeightsDir().string())),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("What it is"), tr("Status"), tr("Size")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);

    auto *row = new QHBoxLayout;
    m_download = new QPushButton(tr("Download"), this);
    m_cancel = new QPushButton(tr("Cancel download"), this);
    m_choose = new QPushButton(tr("Choose file..."), this);
    m_progress = new QProgressBar(this);
    row->addWidget(m_download);
    row->addWidget(m_cancel);
    row->addWidget(m_choose);
    row->addWidget(m_progress, 1);
    layout->addLayout(row);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_download, &QPushButton::clicked, this, &WeightsDialog::download);
    connect(m_cancel, &QPushButton::clicked, m_runner, &JobRunner::cancel);
    connect(m_choose, &QPushButton::clicked, this, &WeightsDialog::chooseFile);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &WeightsDialog::updateButtons);
    connect(m_runner, &JobRunner::progress, this, [this](int done, int total, const QString &text) {
        m_progress->setRange(0, total > 0 ? total : 0);
        m_progress->setValue(done);
        m_progress->setFormat(text);
    });
    connect(m_runner, &JobRunner::finished, this, [this](const QString &name) {
        m_message->setText(tr("%1: downloaded and checked.").arg(name));
        refresh();
        Q_EMIT weightsChanged();
    });
    connect(m_runner, &JobRunner::failed, this, [this](const QString &, const QString &message) {
        m_message->setText(message);
        refresh();
    });
    connect(m_runner, &JobRunner::cancelled, this, [this](const QString &name) {
        m_message->setText(tr("%1: download cancelled, nothing was kept.").arg(name));
        refresh();
    });
    refresh();
    resize(900, 380);
}

void WeightsDialog::refresh()
{
    m_table->setRowCount(0);
    for (const auto &entry : weightsCatalog()) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        const auto found = locateWeights(entry);
        QString status = tr("missing");
        QString size = QStringLiteral("-");
        if (found) {
            const QString path = QString::fromStdString(found->path.string());
            status = found->origin == WeightsOrigin::Bundled ? tr("bundled: %1").arg(path)
                                                             : tr("found at %1").arg(path);
            std::error_code ec;
            size = QLocale().formattedDataSize(
                static_cast<qint64>(std::filesystem::file_size(found->path, ec)), 1,
                QLocale::DataSizeSIFormat);
        }
        const QString cells[ColumnCount] = {QString::fromStdString(entry.name),
            QString::fromStdString(entry.description), status, size};
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setToolTip(cells[c]);
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeColumnToContents(NameColumn);
    m_table->resizeColumnToContents(DescriptionColumn);
    m_table->resizeColumnToContents(SizeColumn);
    updateButtons();
}

QString WeightsDialog::selectedName() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_table->item(rows.front().row(), NameColumn)->text();
}

void WeightsDialog::updateButtons()
{
    const bool busy = m_runner->isRunning();
    const QString name = selectedName();
    const auto entry = name.isEmpty() ? std::nullopt : findWeightsEntry(name.toStdString());
    m_download->setEnabled(
        !busy && entry && !std::filesystem::exists(userWeightsDir() / entry->fileName));
    m_cancel->setEnabled(busy);
    m_choose->setEnabled(!busy && entry.has_value());
    m_progress->setVisible(busy);
}

void WeightsDialog::download()
{
    const auto entry = findWeightsEntry(selectedName().toStdString());
    if (!entry)
        return;
    DownloadRequest request;
    std::string mirror = std::getenv("SAM2SIM_WEIGHTS_MIRROR") ? std::getenv("SAM2SIM_WEIGHTS_MIRROR") : "";
    while (!mirror.empty() && mirror.back() == '/')
        mirror.pop_back();
    request.url = mirror.empty() ? entry->url : mirror + "/" + entry->fileName;
    request.target = userWeightsDir() / entry->fileName;
    m_message->setText(
        tr("Downloading %1 from %2")
            .arg(QString::fromStdString(entry->name), QString::fromStdString(request.url)));
    const WeightsEntry e = *entry;
    m_runner->start(QString::fromStdString(e.name),
        [e, request](const ProgressFn &progress, const CancelToken &cancel) mutable {
            request.verify = [&e, &request, &progress](const std::filesystem::path &part) {
                report(progress, "check", 0, 0, "checking");
                checkWeightsFile(e, part, request.target);
            };
            request.progress = [&progress, &cancel](std::uint64_t done, std::uint64_t total) {
                // The bar counts kilobytes so that files over 2 GB still fit an int.
                report(progress, "download", static_cast<std::int64_t>(done / 1024),
                    static_cast<std::int64_t>(total / 1024),
                    std::to_string(done / 1000000) + " / " + std::to_string(total / 1000000)
                        + " MB");
                return !cancel.isCancelled();
            };
            downloadFile(request);
        });
    updateButtons();
    m_progress->setVisible(true);
}

void WeightsDialog::chooseFile()
{
    const auto entry = findWeightsEntry(selectedName().toStdString());
    if (!entry)
        return;
    const QString file = QFileDialog::getOpenFileName(this,
        tr("Choose the weights file for %1").arg(QString::fromStdString(entry->name)), QString(),
        tr("Weights (*.pth *.pt *.safetensors)"));
    if (file.isEmpty())
        return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        const std::string sha = checkWeightsFile(*entry, file.toStdString());
        QApplication::restoreOverrideCursor();
        Settings settings;
        if (entry->kind == WeightsKind::Backbone) {
            settings.setBackbone(QString::fromStdString(entry->name));
            settings.setBackboneWeights(file);
        } else {
            settings.setSam2Weights(file);
        }
        m_message->setText(
            tr("%1: using %2 (SHA-256 %3).")
                .arg(QString::fromStdString(entry->name), file, QString::fromStdString(sha)));
        Q_EMIT weightsChanged();
    } catch (const std::exception &e) {
        QApplication::restoreOverrideCursor();
        m_message->setText(QString::fromUtf8(e.what()));
    }
}

} // namespace s2s::ui
