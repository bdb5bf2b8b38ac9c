#include "ui/panels/family_robustness_view.h"

#include "engine/background/compositor.h"
#include "engine/pipeline/table1.h"
#include "ui/common/qcustomplot_include.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <cmath>

namespace s2s::ui {

namespace {

std::optional<double> number(const nlohmann::json &object, const char *column, const char *key)
{
    if (!object.contains(column) || !object.at(column).is_object())
        return std::nullopt;
    const nlohmann::json &c = object.at(column);
    if (!c.contains(key) || !c.at(key).is_number())
        return std::nullopt;
    return c.at(key).get<double>();
}

} // namespace

FamilyRobustnessView::FamilyRobustnessView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_run = new QPushButton(tr("Compare per background family"), this);
    m_run->setToolTip(tr("Trains SimpleNet on the original images and Sam2Sim on background-removed images with the "
                         "current settings, then tests both on each pseudo-background family."));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setVisible(false);
    row->addWidget(m_run);
    row->addWidget(m_cancel);
    row->addStretch(1);
    layout->addLayout(row);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(220);
    // The legend sits in its own row above the bars, never over them.
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    layout->addWidget(m_plot, 1);
    layout->addStretch(0); // takes the room while the chart is hidden
    clearChart(tr("Which environments break the model? Compare SimpleNet and Sam2Sim on each family."));

    connect(m_run, &QPushButton::clicked, this, &FamilyRobustnessView::start);
    connect(m_cancel, &QPushButton::clicked, this, &FamilyRobustnessView::cancel);
    // The text names the phase with its count, its time left and the comparison's overall time left.
    connect(&m_runner, &JobRunner::progress, this,
            [this](int, int, const QString &text) { m_status->setText(tr("Comparing per family: %1").arg(text)); });
    const auto idle = [this] {
        m_run->setEnabled(m_category.has_value());
        m_cancel->setVisible(false);
    };
    connect(&m_runner, &JobRunner::finished, this, [this, idle](const QString &) {
        idle();
        if (m_incoming) {
            m_results = *m_incoming;
            m_incoming.reset();
            showResults();
            Q_EMIT resultsChanged();
        }
    });
    connect(&m_runner, &JobRunner::failed, this, [this, idle](const QString &, const QString &message) {
        idle();
        m_status->setText(tr("The per-family comparison failed: %1").arg(message));
    });
    const auto stopped = [this, idle](const QString &) {
        idle();
        m_status->setText(tr("Per-family comparison cancelled."));
    };
    connect(&m_runner, &JobRunner::cancelled, this, stopped);
    connect(&m_runner, &JobRunner::superseded, this, stopped);
    m_run->setEnabled(false);
}

FamilyRobustnessView::~FamilyRobustnessView()
{
    m_runner.cancel();
    m_runner.waitForIdle();
}

void FamilyRobustnessView::setCategory(const Category &category, const RunConfig &config)
{
    const bool same = m_category && m_category->root == category.root;
    m_category = category;
    m_config = config;
    if (!same) {
        m_runner.cancel();
        m_results = nullptr;
        clearChart(tr("Which environments break the model? Compare SimpleNet and Sam2Sim on each family."));
        Q_EMIT resultsChanged();
    }
    m_run->setEnabled(!m_runner.isRunning());
}

void FamilyRobustnessView::start()
{
    if (!m_category)
        return;
    const Category category = *m_category;
    Table1Options options;
    options.categories = {category.name};
    options.base = m_config;
    options.perFamily = true;
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    const std::filesystem::path out =
        (cache.isEmpty() ? QDir::tempPath() : cache).toStdString() + "/per-family/" + category.name;
    std::filesystem::create_directories(out);
    const std::filesystem::path root = m_config.dataRoot.empty() ? category.root.parent_path() : m_config.dataRoot;
    auto incoming = std::make_shared<nlohmann::json>();
    m_incoming = incoming;
    m_run->setEnabled(false);
    m_cancel->setVisible(true);
    m_status->setText(tr("Comparing per family: starting..."));
    m_runner.start(tr("Per-family comparison"),
                   [root, options, out, incoming](const ProgressFn &progress, const CancelToken &cancel) {
                       const std::vector<Table1Row> rows = runTable1(root, options, out, progress, cancel);
                       if (!rows.empty())
                           *incoming = table1CategoryJson(rows.front());
                   });
}

void FamilyRobustnessView::cancel()
{
    m_runner.cancel();
}

void FamilyRobustnessView::waitForIdle()
{
    m_runner.waitForIdle();
}

void FamilyRobustnessView::clearChart(const QString &text)
{
    m_plot->clearPlottables();
    m_plot->legend->setVisible(false);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(0, 1);
    m_plot->yAxis->setTickLabels(false);
    m_plot->replot();
    m_plot->setVisible(false); // an empty chart says nothing (and was drawn squeezed into a corner)
    m_status->setText(text);
}

void FamilyRobustnessView::showResults()
{
    m_plot->clearPlottables();
    if (!m_results.is_object() || !m_results.contains("families") || !m_results.at("families").is_array()) {
        clearChart(tr("No per-family results."));
        return;
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> keys, dynamic, sam2sim;
    double key = 0;
    QStringList worst;
    double lowest = 2.0;
    for (const nlohmann::json &f : m_results.at("families")) {
        if (!f.is_object())
            continue;
        key += 1;
        const QString name = QString::fromStdString(f.value("family", std::string("?")));
        const double iou = f.contains("mask_iou") && f.at("mask_iou").is_number() ? f.at("mask_iou").get<double>() : std::nan("");
        ticker->addTick(key, std::isnan(iou) ? name : tr("%1\nIoU %2").arg(name).arg(iou, 0, 'f', 3));
        keys << key;
        dynamic << number(f, "dynamic", "image_auroc").value_or(0.0);
        const double s = number(f, "sam2sim", "image_auroc").value_or(0.0);
        sam2sim << s;
        if (s < lowest) {
            lowest = s;
            worst = {name};
        }
    }
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setTickLabels(true);
    m_plot->yAxis->setRange(0.4, key + 0.6);
    m_plot->yAxis->setRangeReversed(true);
    m_plot->xAxis->setRange(0, 1.05);
    m_plot->xAxis->setLabel(tr("Image AUROC"));
    auto *group = new QCPBarsGroup(m_plot);
    const auto addBars = [&](const QVector<double> &values, const QString &label, const QColor &colour) {
        auto *bars = new QCPBars(m_plot->yAxis, m_plot->xAxis);
        bars->setName(label);
        bars->setData(keys, values, true);
        bars->setWidth(0.35);
        bars->setBarsGroup(group);
        bars->setPen(QPen(colour.darker(130)));
        QColor fill = colour;
        fill.setAlpha(190);
        bars->setBrush(fill);
    };
    addBars(dynamic, tr("SimpleNet dynamic"), QColor(222, 110, 30));
    addBars(sam2sim, tr("Sam2Sim"), QColor(46, 110, 200));
    m_plot->legend->setVisible(true);
    m_plot->setVisible(true);
    m_plot->replot();
    const auto staticAuroc = number(m_results, "static", "image_auroc");
    m_status->setText(tr("Static %1 · dynamic %2 · Sam2Sim %3 (image AUROC, all families cycled); weakest family for "
                         "Sam2Sim: %4. Segmenter: %5.")
                          .arg(staticAuroc ? QString::number(*staticAuroc, 'f', 3) : QStringLiteral("-"))
                          .arg(number(m_results, "dynamic", "image_auroc").value_or(std::nan("")), 0, 'f', 3)
                          .arg(number(m_results, "sam2sim", "image_auroc").value_or(std::nan("")), 0, 'f', 3)
                          .arg(worst.join(QStringLiteral(", ")))
                          .arg(QString::fromStdString(m_results.value("segmenter", std::string("-")))));
}

} // namespace s2s::ui
