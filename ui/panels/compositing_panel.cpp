#include "ui/panels/compositing_panel.h"

#include "engine/background/compositor.h"
#include "engine/foreground/classical_segmenter.h"
#include "engine/io/image_io.h"
#include "ui/panels/family_robustness_view.h"
#include "ui/common/image_utils.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace s2s::ui {

CompositingPanel::CompositingPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    auto *layout = new QHBoxLayout;
    outer->addLayout(layout, 1);
    m_robustness = new FamilyRobustnessView(this);
    outer->addWidget(m_robustness, 1);
    auto *form = new QFormLayout;
    m_family = new QComboBox(this);
    m_family->addItem(tr("all families (cycled by seed)"), QStringLiteral("all"));
    for (const auto &f : proceduralFamilies())
        m_family->addItem(QString::fromStdString(f), QString::fromStdString(f));
    m_family->addItem(tr("folder of images..."), QStringLiteral("folder"));
    form->addRow(tr("Background:"), m_family);
    m_folder = new QLineEdit(this);
    m_folder->setPlaceholderText(tr("a folder of background images"));
    m_browse = new QPushButton(tr("Browse..."), this);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);
    form->addRow(tr("Folder:"), folderRow);
    enableFolder(false);
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 1000000);
    m_seed->setValue(1);
    form->addRow(tr("Seed:"), m_seed);
    m_feather = new QDoubleSpinBox(this);
    m_feather->setRange(0.0, 50.0);
    m_feather->setValue(3.0);
    m_feather->setSuffix(tr(" px"));
    form->addRow(tr("Feathering:"), m_feather);
    m_evaluate = new QPushButton(tr("Evaluate with pseudo-backgrounds"), this);
    form->addRow(m_evaluate);
    m_defaultStatus = tr("The object keeps its place, so ground-truth masks stay valid. Textures are not composited.");
    m_status = new QLabel(m_defaultStatus, this);
    m_status->setObjectName(QStringLiteral("compositingStatus"));
    m_status->setWordWrap(true);
    m_status->setMinimumWidth(200);
    form->addRow(m_status);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("pseudoSummary"));
    m_summary->setWordWrap(true);
    m_summary->setMinimumWidth(200);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setVisible(false);
    form->addRow(m_summary);
    auto *left = new QWidget(this);
    left->setLayout(form);
    left->setMaximumWidth(380);
    layout->addWidget(left);
    m_preview = new QLabel(this);
    m_preview->setMinimumSize(320, 320);
    // The picture never resizes the layout: the preview keeps its place whatever it shows.
    m_preview->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setWordWrap(true); // a reason in place of the preview fits the label
    m_preview->setStyleSheet(QStringLiteral("QLabel { background: #2a2a2a; color: #ddd; }"));
    m_preview->setText(tr("Select an image to preview its composite."));
    layout->addWidget(m_preview, 1);

    connect(m_family, &QComboBox::currentIndexChanged, this, [this] {
        const bool folder = m_family->currentData().toString() == QLatin1String("folder");
        enableFolder(folder);
        if (folder && m_folder->text().isEmpty())
            chooseFolder();
        updatePreview();
    });
    connect(m_browse, &QPushButton::clicked, this, &CompositingPanel::chooseFolder);
    connect(m_folder, &QLineEdit::editingFinished, this, &CompositingPanel::updatePreview);
    connect(m_seed, &QSpinBox::valueChanged, this, &CompositingPanel::updatePreview);
    connect(m_feather, &QDoubleSpinBox::valueChanged, this, &CompositingPanel::updatePreview);
    connect(m_evaluate, &QPushButton::clicked, this, &CompositingPanel::evaluateRequested);
    connect(m_summary, &QLabel::linkActivated, this, &CompositingPanel::evaluationTabRequested);
    connect(&m_watcher, &QFutureWatcher<Output>::finished, this, [this] {
        if (m_watcher.isCanceled())
            return;
        const Output out = m_watcher.result();
        if (!out.error.isEmpty()) {
            m_image = QImage();
            m_preview->setText(out.error);
            return;
        }
        m_image = out.image;
        showPreview();
    });
}

void CompositingPanel::enableFolder(bool on)
{
    m_folder->setEnabled(on);
    m_browse->setEnabled(on);
}

void CompositingPanel::chooseFolder()
{
    if (qEnvironmentVariableIsSet("SAM2SIM_NO_DIALOGS"))
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of background images"), m_folder->text());
    if (dir.isEmpty())
        return;
    m_folder->setText(dir);
    updatePreview();
}

void CompositingPanel::showPreview()
{
    if (!m_image.isNull())
        m_preview->setPixmap(QPixmap::fromImage(m_image).scaled(m_preview->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

void CompositingPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    showPreview();
}

void CompositingPanel::setSource(const QString &familyOrFolder)
{
    const int family = m_family->findData(familyOrFolder);
    if (family >= 0 && familyOrFolder != QLatin1String("folder")) {
        m_family->setCurrentIndex(family);
        return;
    }
    m_folder->setText(familyOrFolder);
    m_family->setCurrentIndex(m_family->findData(QStringLiteral("folder")));
}

QString CompositingPanel::source() const
{
    const QString f = m_family->currentData().toString();
    return f == QLatin1String("folder") ? m_folder->text() : f;
}

quint64 CompositingPanel::seed() const
{
    return static_cast<quint64>(m_seed->value());
}

double CompositingPanel::feather() const
{
    return m_feather->value();
}

void CompositingPanel::setImage(const QString &path)
{
    m_path = path;
    updatePreview();
}

void CompositingPanel::setCompositingAllowed(bool allowed, const QString &reason)
{
    m_allowed = allowed;
    for (QWidget *w : std::initializer_list<QWidget *>{m_family, m_seed, m_feather, m_evaluate})
        w->setEnabled(allowed);
    enableFolder(allowed && m_family->currentData().toString() == QLatin1String("folder"));
    m_evaluate->setToolTip(allowed ? QString() : reason);
    m_status->setText(allowed ? m_defaultStatus : reason);
    if (allowed) {
        updatePreview();
        return;
    }
    m_watcher.cancel();
    m_image = QImage();
    m_preview->setPixmap(QPixmap());
    m_preview->setText(reason);
}

void CompositingPanel::updatePreview()
{
    if (!m_allowed)
        return;
    if (!m_path.isEmpty() && source().isEmpty()) {
        m_image = QImage();
        m_preview->setText(tr("Choose a folder of background images (Browse...)."));
    }
    if (m_path.isEmpty() || source().isEmpty())
        return;
    const QString path = m_path, spec = source();
    const quint64 seed = this->seed();
    const float feather = static_cast<float>(this->feather());
    m_watcher.setFuture(QtConcurrent::run([path, spec, seed, feather] {
        Output out;
        try {
            const cv::Mat rgb = readImageRgb(path.toStdString());
            ClassicalSegmenter segmenter;
            const cv::Mat mask = segmenter.segment(rgb).mask;
            const auto source = makeBackgroundSource(spec.toStdString());
            const cv::Mat background = source->generate(rgb.size(), seed);
            out.image = toQImage(composite(rgb, mask, background, CompositeOptions{feather}));
        } catch (const std::exception &e) {
            out.error = QString::fromUtf8(e.what());
        }
        return out;
    }));
}

void CompositingPanel::showEvaluationSummary(const QString &text)
{
    m_summary->setText(text);
    m_summary->setVisible(!text.isEmpty());
}

QString CompositingPanel::evaluationSummary() const
{
    return m_summary->text();
}

} // namespace s2s::ui
