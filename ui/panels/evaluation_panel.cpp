#include "ui/panels/evaluation_panel.h"


#include "engine/eval/metrics.h"
#include "ui/panels/sigma_control.h"
#include "ui/report/training_history_text.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include "ui/common/qcustomplot_include.h"

#include <algorithm>
#include <cmath>

namespace s2s::ui {

namespace {

constexpr int kBins = 30;
constexpr int kSliderTicks = 1000;

QString fmt(double v)
{
    return std::isnan(v) ? QStringLiteral("n/a") : QString::number(v, 'f', 4);
}

} // namespace

EvaluationPanel::EvaluationPanel(SessionController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto *layout = new QGridLayout(this);
    m_stale = new QLabel(this);
    m_stale->setStyleSheet(QStringLiteral("QLabel { background: #fff3c4; padding: 4px; }"));
    m_stale->setVisible(false);
    m_stale->setWordWrap(true);
    layout->addWidget(m_stale, 0, 0, 1, 2);
    // What the curves on screen were computed with, and what is being computed, beside the sigma
    // control (the same value as the training tab's).
    auto *status = new QHBoxLayout;
    m_curves = new QLabel(this);
    m_curves->setWordWrap(true); // never what decides the window's width
    m_updating = new QLabel(this);
    m_updating->setWordWrap(true);
    m_updating->setStyleSheet(QStringLiteral("QLabel { color: #1c4d8c; font-weight: bold; }"));
    m_sigmaControl = new SigmaControl(this);
    auto *texts = new QVBoxLayout; // one above the other: each gets the row's width
    texts->addWidget(m_curves);
    texts->addWidget(m_updating);
    status->addLayout(texts, 1);
    status->addWidget(new QLabel(tr("Noise sigma:"), this));
    status->addWidget(m_sigmaControl, 1);
    layout->addLayout(status, 3, 0, 1, 2);

    m_roc = new QCustomPlot(this);
    m_roc->xAxis->setLabel(tr("false-positive rate"));
    m_roc->yAxis->setLabel(tr("true-positive rate"));
    m_roc->xAxis->setRange(0, 1);
    m_roc->yAxis->setRange(0, 1.02);
    // The legend sits below the axes, two entries a row, so it never covers a curve (dashed ones included).
    // An empty chart has no legend: the row is taken out of the layout (an invisible legend still
    // takes its place there).
    m_rocLegendRow = new QCPLayoutGrid;
    m_roc->plotLayout()->addElement(1, 0, m_rocLegendRow);
    m_rocLegendRow->setMargins(QMargins(5, 0, 5, 5));
    m_rocLegendRow->addElement(0, 0, m_roc->legend);
    m_roc->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_roc->legend->setWrap(2);
    m_roc->legend->setBorderPen(Qt::NoPen);
    QFont legendFont = m_roc->legend->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.9);
    m_roc->legend->setFont(legendFont);
    showRocLegend(false);
    // Two entries a row while both columns fit the plot's width, else one a row (at 1024 px with the
    // pseudo-background curves "pixel, pseudo AUROC 0.991" lost its digits at the plot's edge).
    connect(m_roc, &QCustomPlot::afterLayout, this, [this] {
        QCPLegend *legend = m_roc->legend;
        int widest[2] = {0, 0};
        for (int i = 0; i < legend->itemCount(); ++i)
            widest[i % 2] = std::max(widest[i % 2], legend->item(i)->minimumOuterSizeHint().width());
        const int wrap = widest[0] + widest[1] + 20 <= m_roc->viewport().width() ? 2 : 1;
        if (legend->wrap() != wrap) {
            legend->setWrap(wrap);
            legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true); // re-arranges the entries there
            m_roc->replot(QCustomPlot::rpQueuedReplot);
        }
    });
    m_roc->setMinimumSize(300, 240);
    layout->addWidget(m_roc, 1, 0);

    auto *chart = new QChart;
    // The count's unit is in the title: Qt Charts elides a vertical axis title set in a CJK fallback font
    // to "⋮" (the title's room is measured with the primary font), so the count axis has no title.
    chart->setTitle(tr("Score histogram (images per bin)"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setVisible(false);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_histogram = new QChartView(chart, this);
    m_histogram->setRenderHint(QPainter::Antialiasing);
    m_histogram->setMinimumSize(300, 240);
    auto *histBox = new QVBoxLayout;
    histBox->addWidget(m_histogram, 1);
    auto *sliderRow = new QHBoxLayout;
    m_thresholdSlider = new QSlider(Qt::Horizontal, this);
    m_thresholdSlider->setRange(0, kSliderTicks);
    m_thresholdSlider->setToolTip(tr("Drag to move the threshold (the rule becomes manual)"));
    sliderRow->addWidget(new QLabel(tr("Threshold:"), this));
    sliderRow->addWidget(m_thresholdSlider, 1);
    histBox->addLayout(sliderRow);
    layout->addLayout(histBox, 1, 1);

    auto *side = new QVBoxLayout;
    auto *presetRow = new QHBoxLayout;
    m_preset = new QComboBox(this);
    m_preset->addItem(tr("F1-max"), QStringLiteral("f1"));
    m_preset->addItem(tr("Target FPR on good images"), QStringLiteral("fpr"));
    m_preset->addItem(tr("Manual (slider)"), QStringLiteral("manual"));
    m_targetFpr = new QDoubleSpinBox(this);
    m_targetFpr->setRange(0.0, 1.0);
    m_targetFpr->setSingleStep(0.01);
    m_targetFpr->setValue(0.05);
    m_targetFprLabel = new QLabel(tr("target FPR:"), this);
    m_targetFprLabel->setBuddy(m_targetFpr);
    presetRow->addWidget(new QLabel(tr("Threshold rule:"), this));
    presetRow->addWidget(m_preset);
    presetRow->addWidget(m_targetFprLabel);
    presetRow->addWidget(m_targetFpr);
    presetRow->addStretch(1);
    // The target only means something for its rule.
    m_targetFprLabel->setVisible(false);
    m_targetFpr->setVisible(false);
    side->addLayout(presetRow);
    m_rule = new QLabel(this);
    m_rule->setWordWrap(true);
    side->addWidget(m_rule);
    m_confusion = new QTableWidget(2, 2, this);
    m_confusion->setHorizontalHeaderLabels({tr("predicted normal"), tr("predicted anomalous")});
    m_confusion->setVerticalHeaderLabels({tr("normal"), tr("anomalous")});
    m_confusion->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusion->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_confusion->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_confusion->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_confusion->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_confusion->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    side->addWidget(m_confusion);
    m_metrics = new QLabel(this);
    m_metrics->setTextFormat(Qt::RichText);
    m_metrics->setWordWrap(true);
    side->addWidget(m_metrics);
    side->addStretch();
    layout->addLayout(side, 2, 0);

    m_sigma = new QCustomPlot(this);
    m_sigma->xAxis->setLabel(tr("noise sigma"));
    m_sigma->yAxis->setLabel(tr("AUROC"));
    m_sigma->setMinimumSize(300, 180);
    auto *g1 = m_sigma->addGraph();
    g1->setName(tr("image AUROC"));
    g1->setLineStyle(QCPGraph::lsNone);
    g1->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
    auto *g2 = m_sigma->addGraph();
    g2->setName(tr("pixel AUROC"));
    g2->setLineStyle(QCPGraph::lsNone);
    g2->setPen(QPen(QColor(220, 80, 40)));
    g2->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 7));
    m_sigma->xAxis->setScaleType(QCPAxis::stLogarithmic);
    m_sigma->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_sigma->xAxis->setRange(0.01, 2.0);
    m_sigma->yAxis->setRange(0.0, 1.01);
    m_sigma->legend->setVisible(false); // shown with the first point
    // AUROCs sit near 1: the legend goes to the bottom so it never covers a point.
    m_sigma->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
    auto *sigmaBox = new QVBoxLayout;
    sigmaBox->addWidget(m_sigma, 1);
    auto *sweepRow = new QHBoxLayout;
    m_sweep = new QPushButton(tr("Sweep sigma"), this);
    m_sweep->setToolTip(tr("Refit the heads for 0.1x .. 2x the feature scale and plot the AUROCs"));
    m_sweepNote = new QLabel(tr("Analysis on the labelled test set, not model selection"), this);
    m_sweepNote->setWordWrap(true);
    m_sweepNote->setStyleSheet(QStringLiteral("QLabel { color: #555; }"));
    sweepRow->addWidget(m_sweep);
    sweepRow->addWidget(m_sweepNote, 1);
    sigmaBox->addLayout(sweepRow);
    layout->addLayout(sigmaBox, 2, 1);

    connect(controller, &SessionController::resultsChanged, this, [this] {
        if (!m_controller->results()) { // another category: its points do not belong here
            m_sigmas.clear();
            m_imageAurocs.clear();
            m_pixelAurocs.clear();
            m_sigma->graph(0)->data()->clear();
            m_sigma->graph(1)->data()->clear();
            m_sigma->legend->setVisible(false);
            m_sigma->xAxis->setRange(0.01, 2.0);
            m_sigma->yAxis->setRange(0.0, 1.01);
            m_sigma->replot();
        }
        recordSigmaPoint();
        refresh();
    });
    connect(controller, &SessionController::pseudoResultsChanged, this, &EvaluationPanel::refresh);
    connect(controller, &SessionController::thresholdChanged, this, &EvaluationPanel::refreshThreshold);
    connect(controller, &SessionController::staleChanged, this, &EvaluationPanel::refreshStatus);
    connect(controller, &SessionController::inflightChanged, this, &EvaluationPanel::refreshStatus);
    connect(controller, &SessionController::featureScaleChanged, m_sigmaControl, &SigmaControl::setFeatureScale);
    connect(m_sigmaControl, &SigmaControl::settled, this, &EvaluationPanel::sigmaSettled);
    connect(controller, &SessionController::sweepPoint, this,
            [this](double sigma, double, double image, double pixel) { addSigmaPoint(sigma, image, pixel); });
    connect(controller, &SessionController::sweepFinished, this, [this](bool completed) {
        m_sweep->setText(tr("Sweep sigma"));
        m_sweepNote->setText(completed ? tr("Sweep done. Analysis on the labelled test set, not model selection")
                                       : tr("Sweep stopped. Analysis on the labelled test set, not model selection"));
    });
    connect(m_sweep, &QPushButton::clicked, this, [this] {
        if (m_controller->sweeping()) {
            m_controller->cancel();
            return;
        }
        if (!m_controller->results()) {
            m_sweepNote->setText(tr("Train a model first: the sweep refits its heads."));
            return;
        }
        std::vector<NoiseSigma> sigmas;
        for (double f : {0.1, 0.2, 0.35, 0.5, 0.7, 1.0, 1.4, 2.0})
            sigmas.push_back(NoiseSigma::relative(f));
        m_controller->sweep(sigmas);
        m_sweep->setText(tr("Stop sweep"));
        m_sweepNote->setText(tr("Sweeping (points appear as they finish). Analysis on the labelled test set, not model selection"));
    });
    connect(m_thresholdSlider, &QSlider::sliderMoved, this, [this](int v) {
        m_preset->setCurrentIndex(2);
        m_controller->setThreshold(m_minScore + (m_maxScore - m_minScore) * v / kSliderTicks, tr("manual"));
    });
    connect(m_preset, &QComboBox::currentIndexChanged, this, &EvaluationPanel::applyPreset);
    connect(m_targetFpr, &QDoubleSpinBox::valueChanged, this, &EvaluationPanel::applyPreset);
    refresh();
}

void EvaluationPanel::showRocLegend(bool shown)
{
    QCPLayoutGrid *layout = m_roc->plotLayout();
    const bool present = layout->rowCount() > 1 && layout->element(1, 0) == m_rocLegendRow;
    if (shown && !present) {
        layout->addElement(1, 0, m_rocLegendRow);
        layout->setRowStretchFactor(1, 0.001);
    } else if (!shown && present) {
        layout->take(m_rocLegendRow);
        layout->simplify();
    }
    m_roc->legend->setVisible(shown);
}

bool EvaluationPanel::rocLegendShown() const
{
    return m_roc->legend->visible() && m_roc->plotLayout()->rowCount() > 1;
}

int EvaluationPanel::rocCurveCount() const
{
    int n = 0;
    for (int i = 0; i < m_roc->graphCount(); ++i)
        n += m_roc->graph(i)->dataCount() > 1 ? 1 : 0;
    return n;
}

int EvaluationPanel::sigmaPointCount() const
{
    return m_sigmas.size();
}

void EvaluationPanel::recordSigmaPoint()
{
    const auto &r = m_controller->results();
    if (!r || std::isnan(r->evaluation.metrics.imageAuroc))
        return;
    addSigmaPoint(r->training.sigmaAbsolute, r->evaluation.metrics.imageAuroc, r->evaluation.metrics.pixelAuroc);
}

void EvaluationPanel::addSigmaPoint(double sigma, double imageAuroc, double pixelAuroc)
{
    if (!(sigma > 0.0) || std::isnan(imageAuroc))
        return;
    // One point per sigma (issue 22): a sigma visited again shows its latest result, not a second point.
    const double pixel = std::isnan(pixelAuroc) ? 0.0 : pixelAuroc;
    const auto same = std::find_if(m_sigmas.begin(), m_sigmas.end(),
                                   [sigma](double s) { return std::abs(s - sigma) <= 1e-6 * std::max(s, sigma); });
    if (same != m_sigmas.end()) {
        const auto i = same - m_sigmas.begin();
        m_imageAurocs[i] = imageAuroc;
        m_pixelAurocs[i] = pixel;
    } else {
        m_sigmas.append(sigma);
        m_imageAurocs.append(imageAuroc);
        m_pixelAurocs.append(pixel);
    }
    m_sigma->graph(0)->setData(m_sigmas, m_imageAurocs);
    m_sigma->graph(1)->setData(m_sigmas, m_pixelAurocs);
    m_sigma->legend->setVisible(true);
    const auto [lo, hi] = std::minmax_element(m_sigmas.begin(), m_sigmas.end());
    m_sigma->xAxis->setRange(*lo / 1.5, *hi * 1.5);
    double low = 1.0;
    for (int i = 0; i < m_sigmas.size(); ++i)
        low = std::min({low, m_imageAurocs[i], m_pixelAurocs[i]});
    m_sigma->yAxis->setRange(std::max(0.0, low - 0.05), 1.01);
    m_sigma->replot();
}

QString EvaluationPanel::curvesSigmaText() const
{
    return m_curves->text();
}

QString EvaluationPanel::metricsText() const
{
    return m_metrics->text();
}

QString EvaluationPanel::updatingText() const
{
    return m_updating->isHidden() ? QString() : m_updating->text();
}

QString EvaluationPanel::staleText() const
{
    return m_stale->isHidden() ? QString() : m_stale->text();
}

void EvaluationPanel::refreshStatus()
{
    const auto &r = m_controller->results();
    const auto &inflight = m_controller->inflight();
    // The kNN scorer has no noise sigma: nothing to move, sweep or refit.
    const bool knn = r && r->knn;
    m_sigmaControl->setEnabled(!knn);
    m_sweep->setEnabled(!knn);
    m_sigmaControl->setToolTip(knn ? tr("The kNN scorer has no noise sigma") : QString());
    if (knn)
        m_curves->setText(tr("Curves on screen: %1 (no noise sigma)").arg(r->scorer));
    else if (r)
        m_curves->setText(tr("Curves on screen: sigma %1 = %2x the feature scale (%3)")
                              .arg(r->training.sigmaAbsolute, 0, 'g', 4)
                              .arg(r->training.sigmaRelative, 0, 'f', 2)
                              .arg(QString::fromStdString(r->config.noiseSigma.text())));
    else
        m_curves->setText(tr("No curves yet"));
    const auto sigmaText = [this](const NoiseSigma &s) {
        if (s.kind == NoiseSigma::Kind::Auto)
            return m_controller->featureScale() > 0.0
                       ? tr("auto (%1)").arg(s.absoluteFor(m_controller->featureScale()), 0, 'g', 4)
                       : tr("auto");
        return QString::number(s.absoluteFor(m_controller->featureScale()), 'g', 4);
    };
    // The refinement of the first curves on screen, or a training towards other settings.
    m_updating->setText(!inflight                   ? QString()
                        : m_controller->refining() ? tr("Refining sigma %1: these are the first curves, the final ones "
                                                        "follow...")
                                                         .arg(sigmaText(inflight->noiseSigma))
                                                   : tr("Updating to sigma %1...").arg(sigmaText(inflight->noiseSigma)));
    m_updating->setVisible(inflight.has_value());
    // The banner names the setting that differs (it said "sigma" whatever differed).
    const ConfigDifference difference = m_controller->staleDifference();
    if (!difference.isEmpty())
        m_stale->setText(tr("Results are stale: the curves were computed with %1; the settings now say %2. %3")
                             .arg(difference.was, difference.now,
                                  inflight ? tr("A retrain for other settings is running.")
                                           : tr("Train (or turn on retraining on sigma change) to update.")));
    m_stale->setVisible(!difference.isEmpty());
}

void EvaluationPanel::applyPreset()
{
    const auto &r = m_controller->results();
    if (!r)
        return;
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    for (const auto &img : r->evaluation.images) {
        scores.push_back(img.score);
        labels.push_back(static_cast<std::uint8_t>(img.record.label));
    }
    const QString preset = m_preset->currentData().toString();
    m_targetFpr->setVisible(preset == QLatin1String("fpr"));
    m_targetFprLabel->setVisible(preset == QLatin1String("fpr"));
    try {
        if (preset == QLatin1String("f1"))
            m_controller->setThreshold(f1Max(scores, labels).threshold, tr("F1-max"), ThresholdRule{ThresholdRule::Kind::F1, 0.0});
        else if (preset == QLatin1String("fpr"))
            m_controller->setThreshold(thresholdForFpr(scores, labels, m_targetFpr->value()),
                                       tr("FPR <= %1 on good images").arg(m_targetFpr->value()),
                                       ThresholdRule{ThresholdRule::Kind::Fpr, m_targetFpr->value()});
        else // manual: the threshold on screen, now fixed
            m_controller->setThreshold(m_controller->threshold(), tr("manual"));
    } catch (const std::exception &e) {
        m_rule->setText(tr("Cannot apply the rule: %1").arg(QString::fromUtf8(e.what())));
    }
}

void EvaluationPanel::ensureHistogram()
{
    if (m_binsNormal)
        return;
    auto *chart = m_histogram->chart();
    m_binsNormal = new QBarSet(tr("normal"));
    m_binsAnomalous = new QBarSet(tr("anomalous"));
    m_binsNormal->setColor(QColor(70, 150, 90));
    m_binsAnomalous->setColor(QColor(200, 60, 60));
    for (int b = 0; b < kBins; ++b) {
        *m_binsNormal << 0;
        *m_binsAnomalous << 0;
    }
    auto *bars = new QBarSeries;
    bars->append(m_binsNormal);
    bars->append(m_binsAnomalous);
    bars->setBarWidth(1.0);
    chart->addSeries(bars);
    auto *xBars = new QBarCategoryAxis;
    QStringList cats;
    for (int b = 0; b < kBins; ++b)
        cats << QString();
    xBars->append(cats);
    xBars->setVisible(false);
    m_countAxis = new QValueAxis;
    m_countAxis->setRange(0, 1);
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(xBars, Qt::AlignBottom);
    chart->addAxis(m_countAxis, Qt::AlignLeft);
    bars->attachAxis(xBars);
    bars->attachAxis(m_countAxis);
    m_scoreAxis = new QValueAxis;
    m_scoreAxis->setTitleText(tr("image score"));
    chart->addAxis(m_scoreAxis, Qt::AlignBottom);
    m_thresholdLine = new QLineSeries;
    m_thresholdLine->setName(tr("threshold"));
    m_thresholdLine->setPen(QPen(Qt::black, 2, Qt::DashLine));
    chart->addSeries(m_thresholdLine);
    m_thresholdLine->attachAxis(m_scoreAxis);
    m_thresholdLine->attachAxis(m_countAxis);
}

void EvaluationPanel::refresh()
{
    m_roc->clearGraphs();
    auto *chart = m_histogram->chart();
    ensureHistogram();
    const auto &r = m_controller->results();
    chart->legend()->setVisible(r.has_value()); // an empty chart has nothing to name
    if (!r) {
        for (int b = 0; b < kBins; ++b) {
            m_binsNormal->replace(b, 0);
            m_binsAnomalous->replace(b, 0);
        }
        m_thresholdLine->clear();
        m_metrics->setText(tr("No results yet: train a model."));
        showRocLegend(false);
        m_roc->xAxis->setRange(0, 1);
        m_roc->yAxis->setRange(0, 1.02);
        m_roc->replot();
        refreshStatus();
        return;
    }
    const auto addCurve = [this](const RocCurve &roc, const QString &name, QColor colour, Qt::PenStyle style) {
        if (roc.fpr.size() < 2)
            return;
        auto *g = m_roc->addGraph();
        g->setName(tr("%1 AUROC %2").arg(name, std::isnan(roc.auroc) ? QStringLiteral("n/a") : QString::number(roc.auroc, 'f', 3)));
        g->setPen(QPen(colour, 2, style));
        g->setData(QVector<double>(roc.fpr.begin(), roc.fpr.end()), QVector<double>(roc.tpr.begin(), roc.tpr.end()), true);
    };
    addCurve(r->evaluation.imageRoc, tr("image"), QColor(30, 100, 200), Qt::SolidLine);
    addCurve(r->evaluation.pixelRoc, tr("pixel"), QColor(220, 80, 40), Qt::SolidLine);
    if (const auto &p = m_controller->pseudoResults()) {
        addCurve(p->evaluation.imageRoc, tr("image, pseudo"), QColor(30, 100, 200), Qt::DashLine);
        addCurve(p->evaluation.pixelRoc, tr("pixel, pseudo"), QColor(220, 80, 40), Qt::DashLine);
    }
    auto *diag = m_roc->addGraph();
    diag->setData({0.0, 1.0}, {0.0, 1.0});
    diag->setPen(QPen(Qt::gray, 1, Qt::DotLine));
    diag->removeFromLegend();
    showRocLegend(m_roc->legend->itemCount() > 0);
    m_roc->replot();

    // Histogram of image scores, normal vs anomalous.
    m_minScore = std::numeric_limits<double>::max();
    m_maxScore = std::numeric_limits<double>::lowest();
    for (const auto &img : r->evaluation.images) {
        m_minScore = std::min(m_minScore, static_cast<double>(img.score));
        m_maxScore = std::max(m_maxScore, static_cast<double>(img.score));
    }
    if (m_maxScore <= m_minScore)
        m_maxScore = m_minScore + 1.0;
    std::vector<int> normal(kBins, 0), anomalous(kBins, 0);
    for (const auto &img : r->evaluation.images) {
        const int bin = std::clamp(static_cast<int>((img.score - m_minScore) / (m_maxScore - m_minScore) * kBins), 0, kBins - 1);
        (img.record.label ? anomalous : normal)[static_cast<std::size_t>(bin)]++;
    }
    // The bars are set in place: Qt Charts builds a graphics item (and its connections) per bar only when
    // the bars are created, which on a loaded machine held the GUI thread over 100 ms per new result.
    int peak = 1;
    for (int b = 0; b < kBins; ++b) {
        m_binsNormal->replace(b, normal[static_cast<std::size_t>(b)]);
        m_binsAnomalous->replace(b, anomalous[static_cast<std::size_t>(b)]);
        peak = std::max({peak, normal[static_cast<std::size_t>(b)], anomalous[static_cast<std::size_t>(b)]});
    }
    QValueAxis *yAxis = m_countAxis;
    // Counts: ticks at whole numbers (1, 2, 5, 10, 20... apart, at most ten intervals), the top rounded up
    // to one of them (a top count of 11 with eleven intervals put ticks at 1.1, 2.2, ... labelled 1, 2, ...).
    int step = 1;
    for (int magnitude = 1; peak > 10 * step; magnitude *= 10)
        for (int factor : {1, 2, 5})
            if (peak > 10 * step)
                step = factor * magnitude;
    const int top = (peak + step - 1) / step * step;
    yAxis->setRange(0, top);
    yAxis->setLabelFormat(QStringLiteral("%d"));
    yAxis->setTickCount(top / step + 1);
    m_scoreAxis->setRange(m_minScore, m_maxScore);

    const auto &m = r->evaluation.metrics;
    // Defect images without a mask (image-level labels) are not in the pixel metrics; say so.
    const int testImages = static_cast<int>(r->evaluation.images.size());
    const QString pixel = m.defectsWithoutMask == 0 ? fmt(m.pixelAuroc)
                          : std::isnan(m.pixelAuroc)
                              ? tr("n/a (no masks)")
                              : tr("%1 (%2 of %3 images)").arg(fmt(m.pixelAuroc)).arg(m.pixelImages).arg(testImages);
    const QString pro = m.defectsWithoutMask > 0 && std::isnan(m.pixelAuroc) ? tr("n/a") : fmt(m.auPro);
    QString text = tr("<b>Image AUROC</b> %1 &nbsp; <b>Pixel AUROC</b> %2 &nbsp; <b>AU-PRO</b> %3 &nbsp; <b>F1-max</b> %4")
                       .arg(fmt(m.imageAuroc), pixel, pro, fmt(m.f1Max));
    if (m.defectsWithoutMask > 0)
        text += tr("<br>%n defect image(s) without a mask: counted in the image metrics, not in the pixel metrics.",
                   nullptr, m.defectsWithoutMask);
    if (const auto &p = m_controller->pseudoResults())
        text += tr("<br><b>Pseudo-backgrounds</b> (%1, seed %2): image AUROC %3, pixel AUROC %4")
                    .arg(QString::fromStdString(p->evaluation.options.backgroundSource))
                    .arg(p->evaluation.options.seed)
                    .arg(fmt(p->evaluation.metrics.imageAuroc), fmt(p->evaluation.metrics.pixelAuroc));
    if (!r->pretrained)
        text += tr("<br><span style='color:#a04000'>Backbone not pretrained (random weights).</span>");
    if (r->knn)
        text += tr("<br>Scorer: %1; nothing trained, no test-set model selection.").arg(r->scorer.toHtmlEscaped());
    else
        text += tr("<br>Final epoch, no test-set model selection; sigma %1: %2.")
                    .arg(r->training.sigmaAbsolute, 0, 'g', 4)
                    .arg(trainingHistoryText(r->training).toHtmlEscaped());
    if (r->refining)
        text += tr("<br><b>First curves</b> after the short refit; <b>refining...</b> the final curves follow.");
    else if (r->training.warmStart)
        text += tr("<br><b>Final</b> curves of this sigma.");
    if (r->training.notLearning)
        text += tr("<br><span style='color:#a00000'><b>The discriminator did not learn</b> at this sigma: the maps are "
                   "noise.</span>");
    m_metrics->setText(text);
    refreshThreshold();
    refreshStatus();
}

void EvaluationPanel::refreshThreshold()
{
    const auto &r = m_controller->results();
    const double t = m_controller->threshold();
    { // the rule box shows the controller's rule (new results, another category, an opened run)
        const ThresholdRule rule = m_controller->thresholdRuleSpec();
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(rule.kind == ThresholdRule::Kind::F1 ? 0 : rule.kind == ThresholdRule::Kind::Fpr ? 1 : 2);
        m_targetFpr->setEnabled(rule.kind == ThresholdRule::Kind::Fpr);
    }
    if (!r) { // nothing on screen: no rule, no matrix (another category's must not stay)
        m_rule->setText(tr("Active rule: none (no results)"));
        m_confusion->clearContents();
        return;
    }
    m_rule->setText(tr("Active rule: %1, threshold %2").arg(m_controller->thresholdRule()).arg(t, 0, 'f', 4));
    if (m_thresholdLine) {
        m_thresholdLine->clear();
        auto *y = qobject_cast<QValueAxis *>(m_histogram->chart()->axes(Qt::Vertical).value(0));
        m_thresholdLine->append(t, 0);
        m_thresholdLine->append(t, y ? y->max() : 1);
    }
    {
        const QSignalBlocker block(m_thresholdSlider);
        m_thresholdSlider->setValue(static_cast<int>(std::lround((t - m_minScore) / (m_maxScore - m_minScore) * kSliderTicks)));
    }
    std::vector<float> scores;
    std::vector<std::uint8_t> labels;
    for (const auto &img : r->evaluation.images) {
        scores.push_back(img.score);
        labels.push_back(static_cast<std::uint8_t>(img.record.label));
    }
    const Confusion c = confusionAt(scores, labels, t);
    const auto set = [this](int row, int col, std::int64_t v, bool error) {
        auto *item = new QTableWidgetItem(QString::number(v));
        item->setTextAlignment(Qt::AlignCenter);
        if (error && v > 0)
            item->setForeground(QColor(200, 30, 30));
        m_confusion->setItem(row, col, item);
    };
    set(0, 0, c.tn, false);
    set(0, 1, c.fp, true);
    set(1, 0, c.fn, true);
    set(1, 1, c.tp, false);
}

} // namespace s2s::ui
