#include "ui/evaluation_panel.h"

#include "engine/eval/metrics.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
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
#include "ui/qcustomplot_include.h"

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
    layout->addWidget(m_stale, 0, 0, 1, 2);

    m_roc = new QCustomPlot(this);
    m_roc->xAxis->setLabel(tr("false-positive rate"));
    m_roc->yAxis->setLabel(tr("true-positive rate"));
    m_roc->xAxis->setRange(0, 1);
    m_roc->yAxis->setRange(0, 1.02);
    m_roc->legend->setVisible(true);
    m_roc->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    m_roc->setMinimumSize(320, 260);
    layout->addWidget(m_roc, 1, 0);

    auto *chart = new QChart;
    chart->setTitle(tr("Score histogram (drag the slider to move the threshold)"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_histogram = new QChartView(chart, this);
    m_histogram->setRenderHint(QPainter::Antialiasing);
    m_histogram->setMinimumSize(320, 260);
    auto *histBox = new QVBoxLayout;
    histBox->addWidget(m_histogram, 1);
    m_thresholdSlider = new QSlider(Qt::Horizontal, this);
    m_thresholdSlider->setRange(0, kSliderTicks);
    histBox->addWidget(m_thresholdSlider);
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
    presetRow->addWidget(new QLabel(tr("Threshold rule:"), this));
    presetRow->addWidget(m_preset);
    presetRow->addWidget(m_targetFpr);
    side->addLayout(presetRow);
    m_rule = new QLabel(this);
    side->addWidget(m_rule);
    m_confusion = new QTableWidget(2, 2, this);
    m_confusion->setHorizontalHeaderLabels({tr("predicted normal"), tr("predicted anomalous")});
    m_confusion->setVerticalHeaderLabels({tr("normal"), tr("anomalous")});
    m_confusion->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusion->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_confusion->setMaximumHeight(90);
    side->addWidget(m_confusion);
    m_metrics = new QLabel(this);
    m_metrics->setTextFormat(Qt::RichText);
    side->addWidget(m_metrics);
    side->addStretch();
    layout->addLayout(side, 2, 0);

    m_sigma = new QCustomPlot(this);
    m_sigma->xAxis->setLabel(tr("noise sigma"));
    m_sigma->yAxis->setLabel(tr("AUROC"));
    m_sigma->legend->setVisible(true);
    m_sigma->setMinimumSize(320, 200);
    auto *g1 = m_sigma->addGraph();
    g1->setName(tr("image AUROC"));
    g1->setLineStyle(QCPGraph::lsNone);
    g1->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
    auto *g2 = m_sigma->addGraph();
    g2->setName(tr("pixel AUROC"));
    g2->setLineStyle(QCPGraph::lsNone);
    g2->setPen(QPen(QColor(220, 80, 40)));
    g2->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 7));
    layout->addWidget(m_sigma, 2, 1);

    connect(controller, &SessionController::resultsChanged, this, [this] {
        recordSigmaPoint();
        refresh();
    });
    connect(controller, &SessionController::pseudoResultsChanged, this, &EvaluationPanel::refresh);
    connect(controller, &SessionController::thresholdChanged, this, &EvaluationPanel::refreshThreshold);
    connect(controller, &SessionController::staleChanged, this, [this](bool stale) {
        m_stale->setText(tr("Results are stale: the settings changed since they were computed. Train to update."));
        m_stale->setVisible(stale);
    });
    connect(m_thresholdSlider, &QSlider::sliderMoved, this, [this](int v) {
        m_preset->setCurrentIndex(2);
        m_controller->setThreshold(m_minScore + (m_maxScore - m_minScore) * v / kSliderTicks, tr("manual"));
    });
    connect(m_preset, &QComboBox::currentIndexChanged, this, &EvaluationPanel::applyPreset);
    connect(m_targetFpr, &QDoubleSpinBox::valueChanged, this, &EvaluationPanel::applyPreset);
    refresh();
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
    m_sigmas.append(r->config.noiseSigma);
    m_imageAurocs.append(r->evaluation.metrics.imageAuroc);
    m_pixelAurocs.append(std::isnan(r->evaluation.metrics.pixelAuroc) ? 0.0 : r->evaluation.metrics.pixelAuroc);
    m_sigma->graph(0)->setData(m_sigmas, m_imageAurocs);
    m_sigma->graph(1)->setData(m_sigmas, m_pixelAurocs);
    const double maxSigma = *std::max_element(m_sigmas.begin(), m_sigmas.end());
    m_sigma->rescaleAxes();
    m_sigma->xAxis->setRange(0.0, maxSigma * 1.3);
    m_sigma->yAxis->setRange(std::max(0.0, m_sigma->yAxis->range().lower - 0.05), 1.01);
    m_sigma->replot();
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
    m_targetFpr->setEnabled(preset == QLatin1String("fpr"));
    try {
        if (preset == QLatin1String("f1"))
            m_controller->setThreshold(f1Max(scores, labels).threshold, tr("F1-max"));
        else if (preset == QLatin1String("fpr"))
            m_controller->setThreshold(thresholdForFpr(scores, labels, m_targetFpr->value()),
                                       tr("FPR <= %1 on good images").arg(m_targetFpr->value()));
    } catch (const std::exception &e) {
        m_rule->setText(tr("Cannot apply the rule: %1").arg(QString::fromUtf8(e.what())));
    }
}

void EvaluationPanel::refresh()
{
    m_roc->clearGraphs();
    auto *chart = m_histogram->chart();
    chart->removeAllSeries();
    for (auto *axis : chart->axes())
        chart->removeAxis(axis);
    m_thresholdLine = nullptr;
    const auto &r = m_controller->results();
    if (!r) {
        m_metrics->setText(tr("No results yet: train a model."));
        m_roc->replot();
        return;
    }
    const auto addCurve = [this](const RocCurve &roc, const QString &name, QColor colour, Qt::PenStyle style) {
        if (roc.fpr.size() < 2)
            return;
        auto *g = m_roc->addGraph();
        g->setName(tr("%1 (AUROC %2)").arg(name, fmt(roc.auroc)));
        g->setPen(QPen(colour, 2, style));
        g->setData(QVector<double>(roc.fpr.begin(), roc.fpr.end()), QVector<double>(roc.tpr.begin(), roc.tpr.end()), true);
    };
    addCurve(r->evaluation.imageRoc, tr("image"), QColor(30, 100, 200), Qt::SolidLine);
    addCurve(r->evaluation.pixelRoc, tr("pixel"), QColor(220, 80, 40), Qt::SolidLine);
    if (const auto &p = m_controller->pseudoResults()) {
        addCurve(p->evaluation.imageRoc, tr("image, pseudo-bg"), QColor(30, 100, 200), Qt::DashLine);
        addCurve(p->evaluation.pixelRoc, tr("pixel, pseudo-bg"), QColor(220, 80, 40), Qt::DashLine);
    }
    auto *diag = m_roc->addGraph();
    diag->setData({0.0, 1.0}, {0.0, 1.0});
    diag->setPen(QPen(Qt::gray, 1, Qt::DotLine));
    diag->removeFromLegend();
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
    auto *setNormal = new QBarSet(tr("normal"));
    auto *setAnomalous = new QBarSet(tr("anomalous"));
    setNormal->setColor(QColor(70, 150, 90));
    setAnomalous->setColor(QColor(200, 60, 60));
    int peak = 1;
    for (int b = 0; b < kBins; ++b) {
        *setNormal << normal[static_cast<std::size_t>(b)];
        *setAnomalous << anomalous[static_cast<std::size_t>(b)];
        peak = std::max({peak, normal[static_cast<std::size_t>(b)], anomalous[static_cast<std::size_t>(b)]});
    }
    auto *bars = new QBarSeries;
    bars->append(setNormal);
    bars->append(setAnomalous);
    bars->setBarWidth(1.0);
    chart->addSeries(bars);
    auto *xBars = new QBarCategoryAxis;
    QStringList cats;
    for (int b = 0; b < kBins; ++b)
        cats << QString();
    xBars->append(cats);
    xBars->setVisible(false);
    auto *yAxis = new QValueAxis;
    yAxis->setRange(0, peak);
    yAxis->setLabelFormat(QStringLiteral("%d"));
    yAxis->setTickCount(std::min(peak, 10) + 1);
    yAxis->setTitleText(tr("images"));
    chart->addAxis(xBars, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    bars->attachAxis(xBars);
    bars->attachAxis(yAxis);
    auto *xScore = new QValueAxis;
    xScore->setRange(m_minScore, m_maxScore);
    xScore->setTitleText(tr("image score"));
    chart->addAxis(xScore, Qt::AlignBottom);
    m_thresholdLine = new QLineSeries;
    m_thresholdLine->setName(tr("threshold"));
    m_thresholdLine->setPen(QPen(Qt::black, 2, Qt::DashLine));
    chart->addSeries(m_thresholdLine);
    m_thresholdLine->attachAxis(xScore);
    m_thresholdLine->attachAxis(yAxis);

    const auto &m = r->evaluation.metrics;
    QString text = tr("<b>Image AUROC</b> %1 &nbsp; <b>Pixel AUROC</b> %2 &nbsp; <b>AU-PRO</b> %3 &nbsp; <b>F1-max</b> %4")
                       .arg(fmt(m.imageAuroc), fmt(m.pixelAuroc), fmt(m.auPro), fmt(m.f1Max));
    if (const auto &p = m_controller->pseudoResults())
        text += tr("<br><b>Pseudo-backgrounds</b> (%1, seed %2): image AUROC %3, pixel AUROC %4")
                    .arg(QString::fromStdString(p->evaluation.options.backgroundSource))
                    .arg(p->evaluation.options.seed)
                    .arg(fmt(p->evaluation.metrics.imageAuroc), fmt(p->evaluation.metrics.pixelAuroc));
    if (!r->pretrained)
        text += tr("<br><span style='color:#a04000'>Backbone not pretrained (random weights).</span>");
    text += tr("<br>Final epoch, no test-set model selection; sigma %1, %2 epochs.")
                .arg(r->config.noiseSigma)
                .arg(r->config.totalEpochs());
    m_metrics->setText(text);
    refreshThreshold();
}

void EvaluationPanel::refreshThreshold()
{
    const auto &r = m_controller->results();
    const double t = m_controller->threshold();
    m_rule->setText(tr("Active rule: %1, threshold %2").arg(m_controller->thresholdRule()).arg(t, 0, 'f', 4));
    if (!r)
        return;
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
