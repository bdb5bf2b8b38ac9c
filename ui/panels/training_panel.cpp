#include "ui/panels/training_panel.h"

#include "ui/app/settings.h"
#include "ui/panels/sigma_control.h"
#include "ui/report/training_history_text.h"

#include "engine/weights/weights_catalog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include "ui/common/qcustomplot_include.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace s2s::ui {

namespace {

QCustomPlot *makePlot(QWidget *parent, const QString &yLabel)
{
    auto *plot = new QCustomPlot(parent);
    plot->xAxis->setLabel(QObject::tr("step"));
    plot->yAxis->setLabel(yLabel);
    plot->setMinimumHeight(150);
    plot->xAxis->setRange(0, 1);
    plot->yAxis->setRange(0, 1); // not QCustomPlot's 0..5 before the first point
    return plot;
}

QHBoxLayout *fileRow(QLineEdit *edit, QWidget *parent, const QString &filter)
{
    auto *row = new QHBoxLayout;
    auto *browse = new QPushButton(QObject::tr("Browse..."), parent);
    row->addWidget(edit, 1);
    row->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, parent, [edit, parent, filter] {
        const QString f = QFileDialog::getOpenFileName(parent, QObject::tr("Choose a weights file"), edit->text(), filter);
        if (!f.isEmpty())
            edit->setText(f);
    });
    return row;
}

QString foregroundTip()
{
    return TrainingPanel::tr("Sam2Sim: the background of object images is removed before training and scoring (on "
                             "by default). Textures, and categories that keep their background, are never segmented.");
}

} // namespace

TrainingPanel::TrainingPanel(QWidget *parent)
    : QWidget(parent)
{
    const Settings settings;
    auto *layout = new QVBoxLayout(this);
    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    layout->addWidget(m_banner);
    m_learning = new QLabel(this);
    m_learning->setWordWrap(true);
    m_learning->setStyleSheet(QStringLiteral("QLabel { background: #f8d0d0; color: #6b0000; padding: 6px; border-radius: 4px; }"));
    m_learning->setVisible(false);
    layout->addWidget(m_learning);

    auto *form = new QFormLayout;
    m_backbone = new QComboBox(this);
    form->addRow(tr("Backbone:"), m_backbone);
    m_weights = new QLineEdit(settings.backboneWeights(), this);
    form->addRow(tr("Backbone weights:"), fileRow(m_weights, this, tr("Weights (*.pth *.pt *.safetensors)")));
    m_preset = new QComboBox(this);
    m_preset->addItem(tr("fast (CPU)"), QStringLiteral("fast"));
    m_preset->addItem(tr("paper (160 epochs)"), QStringLiteral("paper"));
    form->addRow(tr("Preset:"), m_preset);
    m_scorer = new QComboBox(this);
    m_scorer->addItem(tr("auto: chosen from the training images"), QStringLiteral("auto"));
    m_scorer->addItem(tr("SimpleNet discriminator"), QStringLiteral("discriminator"));
    m_scorer->addItem(tr("nearest training patch (kNN)"), QStringLiteral("knn"));
    m_scorer->setToolTip(tr("auto: parts that lie at any angle (screws) are turned to one pose and scored by their "
                            "nearest training patch, with no training and no noise sigma; every other category is "
                            "scored by the SimpleNet discriminator"));
    form->addRow(tr("Scorer:"), m_scorer);
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(presetConfig("fast").totalEpochs());
    m_schedule = new QLabel(this);
    m_schedule->setObjectName(QStringLiteral("schedule"));
    auto *epochsRow = new QHBoxLayout;
    epochsRow->addWidget(m_epochs);
    epochsRow->addWidget(m_schedule, 1);
    form->addRow(tr("Epochs:"), epochsRow);

    m_sigma = new SigmaControl(this);
    form->addRow(tr("Noise sigma:"), m_sigma);
    m_autoRetrain = new QCheckBox(tr("Retrain the heads on cached features when sigma changes"), this);
    m_autoRetrain->setChecked(true);
    form->addRow(QString(), m_autoRetrain);

    m_foreground = new QCheckBox(tr("Remove the background of object images (Sam2Sim)"), this);
    m_foreground->setChecked(true); // the presets' auto: Sam2Sim wherever the category allows it
    m_foreground->setToolTip(foregroundTip());
    form->addRow(tr("Foreground:"), m_foreground);
    m_segmenter = new QComboBox(this);
    m_segmenter->addItem(tr("classical (OpenCV)"), QStringLiteral("classical"));
    m_segmenter->addItem(tr("SAM 2.1"), QStringLiteral("sam2"));
    m_segmenter->addItem(tr("auto"), QStringLiteral("auto"));
    form->addRow(tr("Segmenter:"), m_segmenter);
    m_sam2Weights = new QLineEdit(settings.sam2Weights(), this);
    form->addRow(tr("SAM 2 weights:"), fileRow(m_sam2Weights, this, tr("Checkpoints (*.pt *.pth)")));
    m_threads = new QSpinBox(this);
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(tr("all cores (%1)").arg(QThread::idealThreadCount()));
    form->addRow(tr("Threads:"), m_threads);
    layout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    m_train = new QPushButton(tr("Train"), this);
    m_train->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_eta = new QLabel(this);
    buttons->addWidget(m_train);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_eta);
    layout->addLayout(buttons);

    auto *split = new QSplitter(Qt::Vertical, this);
    auto *plots = new QWidget(split);
    auto *plotRow = new QHBoxLayout(plots);
    plotRow->setContentsMargins(0, 0, 0, 0);
    m_lossPlot = makePlot(plots, tr("loss"));
    m_pPlot = makePlot(plots, tr("fraction"));
    m_lossPlot->addGraph()->setName(tr("loss"));
    m_pPlot->addGraph()->setName(tr("p_true"));
    m_pPlot->addGraph()->setName(tr("p_fake"));
    m_pPlot->graph(1)->setPen(QPen(QColor(220, 80, 40)));
    m_pPlot->yAxis->setRange(0, 1);
    m_pPlot->legend->setVisible(true); // two curves; the loss plot's axis names its one
    m_pPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
    plotRow->addWidget(m_lossPlot);
    plotRow->addWidget(m_pPlot);
    m_log = new QPlainTextEdit(split);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    split->addWidget(plots);
    split->addWidget(m_log);
    layout->addWidget(split, 1);

    connect(m_train, &QPushButton::clicked, this, &TrainingPanel::trainRequested);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        showCancelling();
        Q_EMIT cancelRequested();
    });
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        const RunConfig preset = presetConfig(m_preset->currentData().toString().toStdString());
        m_epochs->setValue(preset.totalEpochs());
        m_sigma->setValue(preset.noiseSigma);
    });
    connect(m_sigma, &SigmaControl::valueChanged, this, &TrainingPanel::settingsChanged);
    connect(m_sigma, &SigmaControl::settled, this, &TrainingPanel::sigmaSettled);
    for (auto *w : {static_cast<QWidget *>(m_backbone), static_cast<QWidget *>(m_segmenter), static_cast<QWidget *>(m_preset),
                    static_cast<QWidget *>(m_scorer)})
        connect(qobject_cast<QComboBox *>(w), &QComboBox::currentIndexChanged, this, &TrainingPanel::settingsChanged);
    connect(m_weights, &QLineEdit::textChanged, this, [this] {
        Settings().setBackboneWeights(m_weights->text());
        updateBanner();
        Q_EMIT settingsChanged();
    });
    connect(m_backbone, &QComboBox::currentIndexChanged, this, [this] {
        if (m_backbone->currentIndex() >= 0)
            Settings().setBackbone(m_backbone->currentData().toString());
        updateBanner();
    });
    connect(m_sam2Weights, &QLineEdit::textChanged, this, [this] { Settings().setSam2Weights(m_sam2Weights->text()); });
    connect(m_foreground, &QCheckBox::toggled, this, &TrainingPanel::settingsChanged);
    connect(m_epochs, &QSpinBox::valueChanged, this, &TrainingPanel::settingsChanged);
    connect(m_epochs, &QSpinBox::valueChanged, this, &TrainingPanel::updateSchedule);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateSchedule);
    refreshWeights();
    // With a SAM 2 checkpoint present, background removal with SAM 2 is the default (the engine never
    // segments textures, so it applies to object categories only).
    if (!m_foundSam2.isEmpty()) {
        m_foreground->setChecked(true);
        m_segmenter->setCurrentIndex(m_segmenter->findData(QStringLiteral("sam2")));
    }
    restoreChoices();
    updateSchedule();
}

void TrainingPanel::restoreChoices()
{
    // The user's choices survive a restart (the sigma is kept by the main window, which owns both controls).
    const Settings settings;
    if (const QVariant v = settings.choice(QStringLiteral("training/preset")); v.isValid() && m_preset->findData(v) >= 0)
        m_preset->setCurrentIndex(m_preset->findData(v));
    if (const QVariant v = settings.choice(QStringLiteral("training/scorer")); v.isValid() && m_scorer->findData(v) >= 0)
        m_scorer->setCurrentIndex(m_scorer->findData(v));
    if (const QVariant v = settings.choice(QStringLiteral("training/epochs")); v.isValid())
        m_epochs->setValue(v.toInt());
    if (const QVariant v = settings.choice(QStringLiteral("training/foreground")); v.isValid()) {
        m_foregroundChoice = v.toBool();
        m_foreground->setChecked(v.toBool());
    }
    if (const QVariant v = settings.choice(QStringLiteral("training/segmenter")); v.isValid() && m_segmenter->findData(v) >= 0)
        m_segmenter->setCurrentIndex(m_segmenter->findData(v));
    if (const QVariant v = settings.choice(QStringLiteral("training/threads")); v.isValid())
        m_threads->setValue(v.toInt());
    if (const QVariant v = settings.choice(QStringLiteral("training/autoRetrain")); v.isValid())
        m_autoRetrain->setChecked(v.toBool());
    connect(m_preset, &QComboBox::currentIndexChanged, this,
            [this] { Settings().setChoice(QStringLiteral("training/preset"), m_preset->currentData()); });
    connect(m_epochs, &QSpinBox::valueChanged, this, [](int v) { Settings().setChoice(QStringLiteral("training/epochs"), v); });
    connect(m_scorer, &QComboBox::currentIndexChanged, this,
            [this] { Settings().setChoice(QStringLiteral("training/scorer"), m_scorer->currentData()); });
    // Only a user's click is a choice: the checkbox also follows the category (setForegroundApplies).
    connect(m_foreground, &QCheckBox::clicked, this, [this](bool v) {
        m_foregroundChoice = v;
        Settings().setChoice(QStringLiteral("training/foreground"), v);
    });
    connect(m_segmenter, &QComboBox::currentIndexChanged, this,
            [this] { Settings().setChoice(QStringLiteral("training/segmenter"), m_segmenter->currentData()); });
    connect(m_threads, &QSpinBox::valueChanged, this, [](int v) { Settings().setChoice(QStringLiteral("training/threads"), v); });
    connect(m_autoRetrain, &QCheckBox::toggled, this, [](bool v) { Settings().setChoice(QStringLiteral("training/autoRetrain"), v); });
}

void TrainingPanel::refreshWeights()
{
    const Settings settings;
    if (m_weights->text() != settings.backboneWeights())
        m_weights->setText(settings.backboneWeights());
    if (m_sam2Weights->text() != settings.sam2Weights())
        m_sam2Weights->setText(settings.sam2Weights());
    const QSignalBlocker block(m_backbone);
    m_backbone->clear();
    m_foundBackbones.clear();
    // Backbones whose weights are present (best first), the one whose file is set by hand, and random
    // weights as an explicit last choice.
    for (const auto &entry : weightsCatalog()) {
        if (entry.kind != WeightsKind::Backbone)
            continue;
        const QString name = QString::fromStdString(entry.name);
        if (const auto found = locateWeights(entry)) {
            m_foundBackbones.insert(name, QString::fromStdString(found->path.string()));
            m_backbone->addItem(name, name);
        } else if (!m_weights->text().isEmpty() && settings.backbone() == name) {
            m_backbone->addItem(name, name);
        }
    }
    m_backbone->addItem(tr("wide_resnet50_2, random weights (NOT pretrained)"), QStringLiteral("random"));
    const int stored = m_backbone->findData(settings.backbone());
    m_backbone->setCurrentIndex(stored >= 0 ? stored : 0);
    const auto sam2 = locateSam2Weights();
    m_foundSam2 = sam2 ? QString::fromStdString(sam2->path.string()) : QString();
    m_sam2Weights->setPlaceholderText(m_foundSam2.isEmpty() ? tr("sam2.1_hiera_tiny.pt (none found)")
                                                            : tr("found: %1").arg(m_foundSam2));
    updateBanner();
    Q_EMIT settingsChanged();
}

QString TrainingPanel::backboneWeightsPath() const
{
    if (m_backbone->currentData().toString() == QStringLiteral("random"))
        return {};
    if (!m_weights->text().isEmpty())
        return m_weights->text();
    return m_foundBackbones.value(m_backbone->currentData().toString());
}

void TrainingPanel::updateBanner()
{
    const QString backbone = m_backbone->currentData().toString();
    m_weights->setEnabled(backbone != QStringLiteral("random"));
    m_weights->setPlaceholderText(m_foundBackbones.contains(backbone) ? tr("found: %1").arg(m_foundBackbones.value(backbone))
                                                                      : tr("torchvision .pth or .safetensors"));
    const QString weights = backboneWeightsPath();
    if (weights.isEmpty()) {
        m_banner->setText(tr("Backbone NOT PRETRAINED: random weights were chosen, or no weights file was found "
                             "(Settings > Weights...). Results show the workflow, not real inspection quality."));
        m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fde2c4; color: #6b3300; padding: 6px; border-radius: 4px; }"));
    } else {
        m_banner->setText(tr("Backbone weights: %1 (%2)").arg(weights, QString::fromStdString(describeLocation(weights.toStdString()))));
        m_banner->setStyleSheet(QStringLiteral("QLabel { background: #dff3df; color: #1c4d1c; padding: 6px; border-radius: 4px; }"));
    }
}

bool TrainingPanel::autoRetrain() const
{
    return m_autoRetrain->isChecked();
}

void TrainingPanel::setForegroundApplies(bool applies, const QString &reason)
{
    const QSignalBlocker block(m_foreground); // following the category is not a settings change
    m_foreground->setEnabled(applies);
    m_foreground->setChecked(applies && m_foregroundChoice.value_or(true));
    m_foreground->setToolTip(applies ? foregroundTip() : reason);
}

RunConfig TrainingPanel::applyTo(RunConfig c) const
{
    const RunConfig preset = presetConfig(m_preset->currentData().toString().toStdString());
    c.preset = preset.preset;
    c.metaEpochs = m_epochs->value();
    c.ganEpochs = 1;
    c.patchFraction = preset.patchFraction;
    c.minSteps = preset.minSteps;
    c.refitSteps = preset.refitSteps;
    const QString backbone = m_backbone->currentData().toString();
    c.backbone = backbone == QStringLiteral("random") ? "wide_resnet50_2" : backbone.toStdString();
    c.backboneWeights = backboneWeightsPath().toStdString();
    c.noiseSigma = m_sigma->value();
    c.foreground = m_foreground->isEnabled() ? m_foreground->isChecked() : m_foregroundChoice.value_or(true);
    c.segmenter = m_segmenter->currentData().toString().toStdString();
    c.sam2Weights = (m_sam2Weights->text().isEmpty() ? m_foundSam2 : m_sam2Weights->text()).toStdString();
    c.threads = m_threads->value();
    // auto decides scorer and pose from the training images; kNN by hand still turns parts that lie at
    // any angle to one pose; the discriminator by hand is SimpleNet as it always was.
    const QString scorer = m_scorer->currentData().toString();
    c.scorer = scorer.toStdString();
    c.align = scorer == QLatin1String("discriminator") ? "off" : "auto";
    return c;
}

void TrainingPanel::setBusy(bool busy)
{
    m_train->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    if (!busy) {
        m_eta->clear();
        m_progress->setValue(m_progress->maximum());
        m_progress->setFormat(tr("done"));
        m_cancelling = false;
        if (!m_live.isEmpty()) { // the job ended without results: its points never belonged on screen
            m_live.clear();
            drawCurves(m_shown);
        }
    }
}

void TrainingPanel::showCancelling()
{
    if (!m_cancel->isEnabled())
        return;
    m_cancelling = true;
    m_cancel->setEnabled(false);
    m_eta->clear();
    m_progress->setFormat(tr("cancelling..."));
}

void TrainingPanel::showCancelled()
{
    m_cancelling = false;
    m_progress->setValue(0);
    m_progress->setFormat(tr("cancelled"));
}

void TrainingPanel::showFailed()
{
    m_cancelling = false;
    m_progress->setValue(0);
    m_progress->setFormat(tr("failed"));
}

QString TrainingPanel::progressText() const
{
    return m_progress->text();
}

void TrainingPanel::appendLog(const QString &line)
{
    m_log->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) + line);
}

void TrainingPanel::showProgress(int done, int total, const QString &text)
{
    if (m_cancelling)
        return; // progress still queued from before the click
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    m_progress->setFormat(text + QStringLiteral("  %p%"));
}

void TrainingPanel::setEpochs(int epochs)
{
    m_epochs->setValue(epochs);
}

void TrainingPanel::setTrainImages(int count)
{
    m_trainImages = count;
    updateSchedule();
}

QString TrainingPanel::scheduleText() const
{
    return m_schedule->text();
}

void TrainingPanel::updateSchedule()
{
    const RunConfig c = applyTo({});
    if (m_trainImages <= 0) {
        m_schedule->setText(c.minSteps > 0 ? tr("at least %1 steps (more epochs on a small category)").arg(c.minSteps)
                                           : QString());
        return;
    }
    const auto images = static_cast<std::size_t>(m_trainImages);
    const int epochs = c.effectiveEpochs(images), steps = c.effectiveSteps(images);
    m_schedule->setText(epochs != c.totalEpochs()
                            ? tr("will run %1 epochs = %2 steps on %3 images (the preset trains at least %4 steps)")
                                  .arg(epochs)
                                  .arg(steps)
                                  .arg(m_trainImages)
                                  .arg(c.minSteps)
                            : tr("will run %1 epochs = %2 steps on %3 images").arg(epochs).arg(steps).arg(m_trainImages));
}

void TrainingPanel::clearJobDisplay()
{
    m_log->clear();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_eta->clear();
    m_learning->setVisible(false);
}

void TrainingPanel::showTrainingOutcome(const TrainingOutcome &t, const QString &knnScorer)
{
    // The kNN scorer trains nothing: no curve, no noise sigma.
    m_sigma->setEnabled(knnScorer.isEmpty());
    m_sigma->setToolTip(knnScorer.isEmpty() ? QString() : tr("The kNN scorer has no noise sigma"));
    if (!knnScorer.isEmpty()) {
        m_live.clear();
        appendLog(tr("Nothing to train: patches are scored by their %1; the noise sigma does not apply.").arg(knnScorer));
        m_learning->setVisible(false);
        return;
    }
    if (!m_live.isEmpty()) { // these results come from the training just drawn live
        m_shown = m_live;
        m_live.clear();
        drawCurves(m_shown);
    } else if (!t.curve.empty()) { // an opened run, a category's kept run: the curve it recorded
        m_shown = QVector<TrainProgress>(t.curve.begin(), t.curve.end());
        drawCurves(m_shown);
    }
    m_sigma->setFeatureScale(t.featureScale);
    appendLog(tr("Trained with noise sigma %1 = %2x the feature scale %3 (%4)")
                  .arg(t.sigmaAbsolute, 0, 'g', 4)
                  .arg(t.sigmaRelative, 0, 'f', 2)
                  .arg(t.featureScale, 0, 'f', 4)
                  .arg(trainingHistoryText(t)));
    if (t.notLearning) {
        m_learning->setText(tr("The discriminator did not learn: last epoch loss %1, p_true %2, p_fake %3. Noise sigma "
                               "%4 does not suit these features (scale %5), so the heatmaps are noise. Choose "
                               "\"auto\" or a sigma near %6.")
                                .arg(t.loss, 0, 'f', 3)
                                .arg(t.pTrue, 0, 'f', 3)
                                .arg(t.pFake, 0, 'f', 3)
                                .arg(t.sigmaAbsolute, 0, 'g', 4)
                                .arg(t.featureScale, 0, 'f', 3)
                                .arg(NoiseSigma::automatic().absoluteFor(t.featureScale), 0, 'f', 3));
        appendLog(m_learning->text());
    }
    // Outside the measured working range (known before training): said even when the heads did learn.
    const QString range = QString::fromStdString(NoiseSigma::rangeWarning(t.sigmaAbsolute, t.featureScale));
    if (!range.isEmpty()) {
        const QString warning = tr("Warning: %1. Choose \"auto\" or a sigma near %2.")
                                    .arg(range)
                                    .arg(NoiseSigma::automatic().absoluteFor(t.featureScale), 0, 'f', 3);
        m_learning->setText(t.notLearning ? m_learning->text() + QLatin1Char('\n') + warning : warning);
        appendLog(warning);
    }
    m_learning->setVisible(t.notLearning || !range.isEmpty());
}

QString TrainingPanel::learningWarning() const
{
    return m_learning->isHidden() ? QString() : m_learning->text();
}

void TrainingPanel::resetCurves()
{
    m_live.clear();
    m_shown.clear();
    drawCurves(m_shown);
}

int TrainingPanel::curvePointCount() const
{
    return m_lossPlot->graph(0)->dataCount();
}

void TrainingPanel::drawCurves(const QVector<TrainProgress> &points)
{
    QVector<double> x, loss, pTrue, pFake;
    double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
    for (const auto &p : points) {
        x.append(p.done);
        loss.append(p.loss);
        pTrue.append(p.pTrue);
        pFake.append(p.pFake);
        lo = std::min(lo, p.loss);
        hi = std::max(hi, p.loss);
    }
    m_lossPlot->graph(0)->setData(x, loss, true);
    m_pPlot->graph(0)->setData(x, pTrue, true);
    m_pPlot->graph(1)->setData(x, pFake, true);
    // x: the whole training (its step count is known from the first point); y: the loss seen so far,
    // with a margin, never a zero-height range (one point, or a flat loss).
    const double steps = points.isEmpty() ? 1.0 : std::max({1.0, static_cast<double>(points.back().total), x.back()});
    m_lossPlot->xAxis->setRange(0, steps);
    m_pPlot->xAxis->setRange(0, steps);
    if (points.isEmpty()) {
        m_lossPlot->yAxis->setRange(0, 1);
    } else {
        const double pad = std::max({(hi - lo) * 0.08, std::abs(hi) * 0.05, 1e-3});
        m_lossPlot->yAxis->setRange(lo - pad, hi + pad);
    }
    m_lossPlot->replot(QCustomPlot::rpQueuedReplot);
    m_pPlot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPanel::addTrainProgress(const TrainProgress &p)
{
    // A new training starts at its first step (a superseded one just stops sending).
    if (!m_live.isEmpty() && p.done <= m_live.back().done)
        m_live.clear();
    m_live.append(p);
    if (m_live.size() == 1) {
        drawCurves(m_live);
    } else { // one more point: no copy of the whole curve per step
        m_lossPlot->graph(0)->addData(p.done, p.loss);
        m_pPlot->graph(0)->addData(p.done, p.pTrue);
        m_pPlot->graph(1)->addData(p.done, p.pFake);
        bool found = false;
        const QCPRange y = m_lossPlot->graph(0)->getValueRange(found);
        const double pad = std::max({y.size() * 0.08, std::abs(y.upper) * 0.05, 1e-3});
        m_lossPlot->yAxis->setRange(y.lower - pad, y.upper + pad);
        const double steps = std::max({1.0, static_cast<double>(p.total), static_cast<double>(p.done)});
        m_lossPlot->xAxis->setRange(0, steps);
        m_pPlot->xAxis->setRange(0, steps);
        m_lossPlot->replot(QCustomPlot::rpQueuedReplot);
        m_pPlot->replot(QCustomPlot::rpQueuedReplot);
    }
    if (!m_cancelling)
        m_eta->setText(tr("epoch %1/%2, ETA %3 s").arg(p.epoch).arg(p.epochs).arg(static_cast<int>(p.etaS)));
    if (p.step == p.steps)
        appendLog(tr("epoch %1/%2: loss %3, p_true %4, p_fake %5")
                      .arg(p.epoch)
                      .arg(p.epochs)
                      .arg(p.loss, 0, 'f', 4)
                      .arg(p.pTrue, 0, 'f', 3)
                      .arg(p.pFake, 0, 'f', 3));
}

} // namespace s2s::ui
