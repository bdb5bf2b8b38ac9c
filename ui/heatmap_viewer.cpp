#include "ui/heatmap_viewer.h"

#include "engine/io/image_io.h"
#include "ui/image_utils.h"
#include "ui/report/crop_frame.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsPathItem>
#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QResizeEvent>
#include <QWheelEvent>

#include <algorithm>

namespace s2s::ui {

namespace {

enum Column { ColIndex, ColFile, ColDefect, ColScore, ColVerdict, ColOutcome };

class NumberItem final : public QTableWidgetItem
{
public:
    using QTableWidgetItem::QTableWidgetItem;
    bool operator<(const QTableWidgetItem &other) const override
    {
        return data(Qt::UserRole).toDouble() < other.data(Qt::UserRole).toDouble();
    }
};

QString outcome(int label, bool anomalous)
{
    if (label && anomalous)
        return QStringLiteral("TP");
    if (!label && anomalous)
        return QStringLiteral("FP");
    if (label)
        return QStringLiteral("FN");
    return QStringLiteral("TN");
}

} // namespace

ZoomView::ZoomView(QWidget *parent)
    : QGraphicsView(parent)
{
    setDragMode(QGraphicsView::ScrollHandDrag);
    setRenderHint(QPainter::SmoothPixmapTransform);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setBackgroundBrush(QColor(40, 40, 40));
}

void ZoomView::wheelEvent(QWheelEvent *event)
{
    m_autoFit = false;
    const double factor = event->angleDelta().y() > 0 ? 1.25 : 0.8;
    scale(factor, factor);
}

void ZoomView::fitAll()
{
    m_autoFit = true;
    if (scene())
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
}

void ZoomView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit && scene())
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
}

HeatmapViewer::HeatmapViewer(SessionController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto *layout = new QHBoxLayout(this);
    auto *split = new QSplitter(this);
    layout->addWidget(split);

    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QComboBox(left);
    m_filter->addItem(tr("All images"), QStringLiteral("all"));
    m_filter->addItem(tr("Errors (FP + FN)"), QStringLiteral("errors"));
    m_filter->addItem(tr("False positives"), QStringLiteral("FP"));
    m_filter->addItem(tr("False negatives"), QStringLiteral("FN"));
    m_filter->addItem(tr("Anomalous (ground truth)"), QStringLiteral("anomalous"));
    m_filter->addItem(tr("Normal (ground truth)"), QStringLiteral("normal"));
    leftLayout->addWidget(m_filter);
    m_list = new QTableWidget(left);
    m_list->setColumnCount(6);
    m_list->setHorizontalHeaderLabels({tr("#"), tr("Image"), tr("Defect"), tr("Score"), tr("Verdict"), tr("Outcome")});
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->verticalHeader()->setVisible(false);
    m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->setSortingEnabled(true);
    leftLayout->addWidget(m_list);

    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *controls = new QHBoxLayout;
    m_alpha = new QSlider(Qt::Horizontal, right);
    m_alpha->setRange(0, 100);
    m_alpha->setValue(50);
    m_colormap = new QComboBox(right);
    for (const char *c : {"inferno", "jet", "viridis", "turbo"})
        m_colormap->addItem(QString::fromLatin1(c));
    m_showGt = new QCheckBox(tr("Ground truth"), right);
    m_showGt->setChecked(true);
    m_pseudo = new QCheckBox(tr("Pseudo-background results"), right);
    m_pseudo->setEnabled(false);
    controls->addWidget(new QLabel(tr("Heatmap opacity:"), right));
    controls->addWidget(m_alpha, 1);
    controls->addWidget(m_colormap);
    controls->addWidget(m_showGt);
    controls->addWidget(m_pseudo);
    rightLayout->addLayout(controls);
    m_view = new ZoomView(right);
    auto *scene = new QGraphicsScene(m_view);
    m_view->setScene(scene);
    m_image = scene->addPixmap(QPixmap());
    m_heat = scene->addPixmap(QPixmap());
    m_gt = scene->addPath(QPainterPath(), QPen(QColor(0, 255, 120), 2));
    m_pred = scene->addPath(QPainterPath(), QPen(QColor(255, 60, 200), 2, Qt::DashLine));
    m_gt->setZValue(2);
    m_pred->setZValue(3);
    m_heat->setZValue(1);
    rightLayout->addWidget(m_view, 1);
    m_info = new QLabel(tr("Train a model to review its heatmaps."), right);
    m_info->setObjectName(QStringLiteral("imageInfo"));
    m_info->setTextFormat(Qt::RichText);
    rightLayout->addWidget(m_info);
    split->setStretchFactor(1, 2);

    connect(m_list, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && m_list->item(row, ColIndex))
            showImage(m_list->item(row, ColIndex)->data(Qt::UserRole).toInt());
    });
    connect(m_filter, &QComboBox::currentIndexChanged, this, &HeatmapViewer::rebuildList);
    connect(m_alpha, &QSlider::valueChanged, this, [this](int v) { m_heat->setOpacity(v / 100.0); });
    connect(m_colormap, &QComboBox::currentIndexChanged, this, &HeatmapViewer::refreshOverlay);
    connect(m_showGt, &QCheckBox::toggled, this, [this](bool on) { m_gt->setVisible(on); });
    connect(m_pseudo, &QCheckBox::toggled, this, [this] {
        rebuildList();
        refreshOverlay();
    });
    connect(controller, &SessionController::resultsChanged, this, [this] {
        m_pseudo->setChecked(false);
        rebuildList();
        if (!results())
            refreshOverlay(); // clears the image of the previous category
        if (results() && !results()->evaluation.images.empty())
            showImage(m_index >= 0 ? std::min<int>(m_index, static_cast<int>(results()->evaluation.images.size()) - 1) : 0);
    });
    connect(controller, &SessionController::pseudoResultsChanged, this, [this] {
        m_pseudo->setEnabled(m_controller->pseudoResults().has_value());
        if (!m_controller->pseudoResults())
            m_pseudo->setChecked(false);
    });
    connect(controller, &SessionController::thresholdChanged, this, [this] {
        rebuildList();
        refreshOverlay();
    });
    setFocusPolicy(Qt::StrongFocus);
}

const ResultSet *HeatmapViewer::results() const
{
    if (m_pseudo->isChecked() && m_controller->pseudoResults())
        return &*m_controller->pseudoResults();
    return m_controller->results() ? &*m_controller->results() : nullptr;
}

bool HeatmapViewer::showsHeatmap() const
{
    return !m_heat->pixmap().isNull();
}

void HeatmapViewer::rebuildList()
{
    const ResultSet *r = results();
    m_list->setSortingEnabled(false);
    m_list->setRowCount(0);
    if (!r)
        return;
    m_lo = std::numeric_limits<float>::max();
    m_hi = std::numeric_limits<float>::lowest();
    for (const auto &m : r->maps)
        for (float v : m.values) {
            m_lo = std::min(m_lo, v);
            m_hi = std::max(m_hi, v);
        }
    const double t = m_controller->threshold();
    const QString filter = m_filter->currentData().toString();
    for (std::size_t i = 0; i < r->evaluation.images.size(); ++i) {
        const auto &img = r->evaluation.images[i];
        const bool anomalous = img.score >= t;
        const QString o = outcome(img.record.label, anomalous);
        if ((filter == QLatin1String("errors") && o != QLatin1String("FP") && o != QLatin1String("FN"))
            || ((filter == QLatin1String("FP") || filter == QLatin1String("FN")) && o != filter)
            || (filter == QLatin1String("anomalous") && !img.record.label)
            || (filter == QLatin1String("normal") && img.record.label))
            continue;
        const int row = m_list->rowCount();
        m_list->insertRow(row);
        auto *index = new NumberItem(QString::number(i));
        index->setData(Qt::UserRole, static_cast<int>(i));
        m_list->setItem(row, ColIndex, index);
        m_list->setItem(row, ColFile, new QTableWidgetItem(QString::fromStdString(img.record.image.filename().string())));
        m_list->setItem(row, ColDefect, new QTableWidgetItem(QString::fromStdString(img.record.defectType)));
        auto *score = new NumberItem(QString::number(img.score, 'f', 4));
        score->setData(Qt::UserRole, static_cast<double>(img.score));
        m_list->setItem(row, ColScore, score);
        m_list->setItem(row, ColVerdict, new QTableWidgetItem(anomalous ? tr("anomalous") : tr("normal")));
        auto *out = new QTableWidgetItem(o);
        if (o == QLatin1String("FP") || o == QLatin1String("FN"))
            out->setForeground(QColor(200, 30, 30));
        m_list->setItem(row, ColOutcome, out);
    }
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(ColScore, Qt::DescendingOrder);
}

void HeatmapViewer::showImage(int testIndex)
{
    const ResultSet *r = results();
    if (!r || testIndex < 0 || testIndex >= static_cast<int>(r->evaluation.images.size()))
        return;
    m_index = testIndex;
    refreshOverlay();
    Q_EMIT currentImageChanged(testIndex);
}

void HeatmapViewer::refreshOverlay()
{
    const ResultSet *r = results();
    if (!r) { // nothing on screen (another category, no run yet): no image, no score, no verdict
        m_index = -1;
        m_image->setPixmap(QPixmap());
        m_heat->setPixmap(QPixmap());
        m_gt->setPath(QPainterPath());
        m_pred->setPath(QPainterPath());
        m_info->setText(tr("No results: train a model or open a run (File > Open run...)."));
        return;
    }
    if (m_index < 0 || m_index >= static_cast<int>(r->evaluation.images.size()))
        return;
    const auto &img = r->evaluation.images[static_cast<std::size_t>(m_index)];
    try {
        const cv::Mat rgb = readImageRgb(img.record.image);
        m_image->setPixmap(QPixmap::fromImage(toQImage(rgb)));
        const CropFrame frame = cropFrame(rgb.cols, rgb.rows, r->config.resize, r->config.imageSize);
        const QRectF crop = frame.originalRect(rgb.cols, rgb.rows);
        m_gt->setPath(img.record.mask.empty() ? QPainterPath() : maskOutline(readMask(img.record.mask)));
        if (static_cast<std::size_t>(m_index) < r->maps.size()) {
            const ScoreMap &map = r->maps[static_cast<std::size_t>(m_index)];
            const QImage heat = heatmapImage(map, m_lo, m_hi, m_colormap->currentText());
            m_heat->setPixmap(QPixmap::fromImage(heat));
            const double sx = crop.width() / map.width, sy = crop.height() / map.height;
            m_heat->setTransform(QTransform::fromScale(sx, sy));
            m_heat->setPos(crop.topLeft());
            m_heat->setOpacity(m_alpha->value() / 100.0);
            m_pred->setPath(QTransform::fromScale(sx, sy).map(thresholdOutline(map, static_cast<float>(m_controller->threshold()))));
            m_pred->setPos(crop.topLeft());
        } else {
            m_heat->setPixmap(QPixmap());
            m_pred->setPath(QPainterPath());
        }
        m_view->scene()->setSceneRect(0, 0, rgb.cols, rgb.rows);
        m_view->fitAll();
    } catch (const std::exception &e) {
        m_info->setText(QString::fromUtf8(e.what()).toHtmlEscaped());
        return;
    }
    const bool anomalous = img.score >= m_controller->threshold();
    const QString o = outcome(img.record.label, anomalous);
    m_info->setText(tr("<b>%1</b> (%2) &nbsp; score <b>%3</b> &nbsp; threshold %4 (%5) &nbsp; verdict <b>%6</b> &nbsp; %7")
                        .arg(QString::fromStdString(img.record.image.filename().string()).toHtmlEscaped(),
                             QString::fromStdString(img.record.defectType).toHtmlEscaped())
                        .arg(img.score, 0, 'f', 4)
                        .arg(m_controller->threshold(), 0, 'f', 4)
                        .arg(m_controller->thresholdRule().toHtmlEscaped(), anomalous ? tr("anomalous") : tr("normal"),
                             (o == QLatin1String("FP") || o == QLatin1String("FN"))
                                 ? QStringLiteral("<span style='color:#c00'><b>%1</b></span>").arg(o)
                                 : o));
}

void HeatmapViewer::next()
{
    const int row = m_list->currentRow();
    if (row + 1 < m_list->rowCount())
        m_list->setCurrentCell(row + 1, ColIndex);
}

void HeatmapViewer::previous()
{
    const int row = m_list->currentRow();
    if (row > 0)
        m_list->setCurrentCell(row - 1, ColIndex);
}

void HeatmapViewer::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Right || event->key() == Qt::Key_N || event->key() == Qt::Key_PageDown)
        next();
    else if (event->key() == Qt::Key_Left || event->key() == Qt::Key_P || event->key() == Qt::Key_PageUp)
        previous();
    else
        QWidget::keyPressEvent(event);
}

} // namespace s2s::ui
