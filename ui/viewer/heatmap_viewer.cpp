#include "ui/viewer/heatmap_viewer.h"

#include "engine/io/image_io.h"
#include "engine/pipeline/image_preparer.h"
#include "ui/common/image_utils.h"
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
#include <QMetaObject>
#include <QPainter>
#include <QResizeEvent>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

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

// The image the scores were computed on, before foreground extraction: the composite for
// pseudo-background results (same background, seed and clean mask as the evaluation), else the file.
cv::Mat scoredImage(const ResultSet &r, const ImageRecord &record)
{
    if (r.preparation && r.preparation->composite) {
        PreparationSpec spec = *r.preparation;
        spec.removeBackground = false; // show the scene, not the backbone's black fill
        ImagePreparer preparer(spec, r.maskCacheDir);
        return preparer.prepare(record);
    }
    return readImageRgb(record.image);
}

} // namespace

HeatmapViewer::HeatmapViewer(SessionController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto *layout = new QHBoxLayout(this);
    auto *split = new QSplitter(this);
    m_split = split;
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
    // Every column is as wide as its content (a defect type elided to "con…ion" names nothing); the
    // list is at least that wide (fitListWidth). No stretched last column: a stretched section keeps the
    // header's default width (100 px) as its floor and pushed Outcome past the list's right edge.
    m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setStretchLastSection(false);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSortingEnabled(true);
    m_list->installEventFilter(this);
    // A sort moves the selected row: it is scrolled back into view once the rows have moved.
    connect(m_list->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (QTableWidgetItem *item = m_list->currentItem())
                    m_list->scrollToItem(item);
            },
            Qt::QueuedConnection);
    });
    leftLayout->addWidget(m_list);

    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    // Two rows, so the opacity slider keeps a usable length in a narrow window: opacity, colours and zoom
    // above, the overlays below.
    auto *controls = new QHBoxLayout;
    m_alpha = new QSlider(Qt::Horizontal, right);
    m_alpha->setRange(0, 100);
    m_alpha->setValue(50);
    m_alpha->setMinimumWidth(90);
    m_alpha->setToolTip(tr("Heatmap opacity"));
    m_colormap = new QComboBox(right);
    for (const char *c : {"inferno", "jet", "viridis", "turbo"})
        m_colormap->addItem(QString::fromLatin1(c));
    m_fit = new QToolButton(right);
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Fit the whole image into the view (F)"));
    m_oneToOne = new QToolButton(right);
    m_oneToOne->setText(tr("1:1"));
    m_oneToOne->setToolTip(tr("One image pixel per screen pixel (1)"));
    controls->addWidget(new QLabel(tr("Opacity:"), right));
    controls->addWidget(m_alpha, 1);
    controls->addWidget(m_colormap);
    controls->addWidget(m_fit);
    controls->addWidget(m_oneToOne);
    rightLayout->addLayout(controls);
    auto *toggles = new QHBoxLayout;
    m_showGt = new QCheckBox(tr("Ground truth"), right);
    m_showGt->setChecked(true);
    m_pseudo = new QCheckBox(tr("Pseudo-backgrounds"), right);
    m_pseudo->setEnabled(false);
    m_pseudo->setToolTip(tr("Show the evaluation on pseudo-backgrounds: each image as the composite that was scored"));
    toggles->addWidget(m_showGt);
    toggles->addWidget(m_pseudo);
    toggles->addStretch(1);
    rightLayout->addLayout(toggles);
    auto *viewRow = new QHBoxLayout;
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
    m_unscored = scene->addPath(QPainterPath(), QPen(QColor(255, 255, 255, 160), 0, Qt::DashLine),
                                QBrush(QColor(255, 255, 255, 90), Qt::BDiagPattern));
    m_unscored->setZValue(2);
    m_unscored->setToolTip(tr("Not scored: outside the centre crop the model sees"));
    viewRow->addWidget(m_view, 1);
    m_colorBar = new ColorBar(right);
    m_colorBar->setVisible(false);
    viewRow->addWidget(m_colorBar);
    rightLayout->addLayout(viewRow, 1);
    m_info = new QLabel(tr("Train a model to review its heatmaps."), right);
    m_info->setObjectName(QStringLiteral("imageInfo"));
    m_info->setTextFormat(Qt::RichText);
    m_info->setWordWrap(true);
    rightLayout->addWidget(m_info);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setCollapsible(0, false);
    split->setCollapsible(1, false);

    connect(m_list, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && m_list->item(row, ColIndex))
            display(m_list->item(row, ColIndex)->data(Qt::UserRole).toInt());
    });
    connect(m_filter, &QComboBox::currentIndexChanged, this, &HeatmapViewer::rebuildList);
    connect(m_alpha, &QSlider::valueChanged, this, [this](int v) { m_heat->setOpacity(v / 100.0); });
    connect(m_colormap, &QComboBox::currentIndexChanged, this, &HeatmapViewer::refreshOverlay);
    connect(m_showGt, &QCheckBox::toggled, this, [this](bool on) { m_gt->setVisible(on); });
    connect(m_fit, &QToolButton::clicked, this, &HeatmapViewer::fitToView);
    connect(m_oneToOne, &QToolButton::clicked, this, &HeatmapViewer::actualSize);
    connect(m_pseudo, &QCheckBox::toggled, this, [this] {
        ++m_generation;
        rebuildList();
    });
    connect(controller, &SessionController::resultsChanged, this, [this] {
        ++m_generation;
        {
            const QSignalBlocker block(m_pseudo);
            m_pseudo->setChecked(false);
        }
        rebuildList();
    });
    connect(controller, &SessionController::pseudoResultsChanged, this, [this] {
        m_pseudo->setEnabled(m_controller->pseudoResults().has_value());
        if (m_pseudo->isChecked()) {
            ++m_generation;
            if (!m_controller->pseudoResults())
                m_pseudo->setChecked(false); // rebuilds
            else
                rebuildList();
        }
    });
    connect(controller, &SessionController::thresholdChanged, this, &HeatmapViewer::rebuildList);
    setFocusPolicy(Qt::StrongFocus);
    rebuildList();
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

QImage HeatmapViewer::shownImage() const
{
    return m_image->pixmap().toImage();
}

int HeatmapViewer::selectedTestIndex() const
{
    const int row = m_list->currentRow();
    const QList<QTableWidgetItem *> selected = m_list->selectedItems();
    if (row < 0 || selected.isEmpty() || !m_list->item(row, ColIndex))
        return -1;
    return m_list->item(row, ColIndex)->data(Qt::UserRole).toInt();
}

void HeatmapViewer::setFilter(const QString &key)
{
    m_filter->setCurrentIndex(std::max(0, m_filter->findData(key)));
}

void HeatmapViewer::setPseudo(bool on)
{
    m_pseudo->setChecked(on && m_pseudo->isEnabled());
}

int HeatmapViewer::rowOf(int testIndex) const
{
    for (int row = 0; row < m_list->rowCount(); ++row)
        if (m_list->item(row, ColIndex) && m_list->item(row, ColIndex)->data(Qt::UserRole).toInt() == testIndex)
            return row;
    return -1;
}

void HeatmapViewer::rebuildList()
{
    const ResultSet *r = results();
    {
        const QSignalBlocker block(m_list);
        m_list->setSortingEnabled(false);
        m_list->setRowCount(0);
    }
    if (!r) {
        fitListWidth();
        clearView(tr("Train a model to review its heatmaps."));
        return;
    }
    m_lo = std::numeric_limits<float>::max();
    m_hi = std::numeric_limits<float>::lowest();
    for (const auto &m : r->maps)
        for (float v : m.values) {
            m_lo = std::min(m_lo, v);
            m_hi = std::max(m_hi, v);
        }
    if (m_lo > m_hi)
        m_lo = 0.f, m_hi = 1.f;
    const double t = m_controller->threshold();
    const QString filter = m_filter->currentData().toString();
    {
        const QSignalBlocker block(m_list);
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
    fitListWidth();
    syncSelection();
}

void HeatmapViewer::fitListWidth()
{
    // The list is at least as wide as all its columns, so no column is ever cut; the image takes the rest.
    const QAbstractItemView *view = m_list; // QTableView hides sizeHintForColumn
    const auto columnWidth = [&](int c) { return std::max(view->sizeHintForColumn(c), m_list->horizontalHeader()->sectionSizeHint(c)); };
    int columns = 0;
    for (int c = 0; c < m_list->columnCount(); ++c)
        columns += columnWidth(c);
    const int chrome = 2 * m_list->frameWidth() + m_list->verticalScrollBar()->sizeHint().width() + 2;
    const int full = columns + chrome;
    m_list->setMinimumWidth(full);
    const QList<int> sizes = m_split->sizes();
    if (sizes.size() == 2 && sizes[0] < full && sizes[0] + sizes[1] > 0) {
        const int left = std::min(full, sizes[0] + sizes[1] - m_split->widget(1)->minimumSizeHint().width());
        if (left > sizes[0])
            m_split->setSizes({left, sizes[0] + sizes[1] - left});
    }
}

void HeatmapViewer::syncSelection()
{
    // The image on screen stays when the list still holds it; else the top row; else nothing.
    int row = rowOf(m_index);
    if (row < 0 && m_list->rowCount() > 0)
        row = 0;
    if (row < 0) {
        clearView(results() && !results()->evaluation.images.empty() ? tr("No image matches the filter \"%1\".").arg(m_filter->currentText())
                                                                     : tr("Train a model to review its heatmaps."));
        return;
    }
    {
        const QSignalBlocker block(m_list);
        m_list->setCurrentCell(row, ColIndex);
        m_list->selectRow(row);
    }
    m_list->scrollToItem(m_list->item(row, ColIndex));
    display(m_list->item(row, ColIndex)->data(Qt::UserRole).toInt());
}

void HeatmapViewer::clearView(const QString &text)
{
    const bool changed = m_index != -1;
    m_index = -1;
    m_baseKey.clear();
    m_image->setPixmap(QPixmap());
    m_heat->setPixmap(QPixmap());
    m_gt->setPath(QPainterPath());
    m_pred->setPath(QPainterPath());
    m_unscored->setPath(QPainterPath());
    m_colorBar->setVisible(false);
    m_info->setText(text.toHtmlEscaped());
    if (changed)
        Q_EMIT currentImageChanged(-1);
}

void HeatmapViewer::showImage(int testIndex)
{
    const ResultSet *r = results();
    if (!r || testIndex < 0 || testIndex >= static_cast<int>(r->evaluation.images.size()))
        return;
    if (rowOf(testIndex) < 0) {
        const QSignalBlocker block(m_filter);
        m_filter->setCurrentIndex(0);
        m_index = testIndex;
        rebuildList(); // selects it
        return;
    }
    m_list->setCurrentCell(rowOf(testIndex), ColIndex); // displays it
}

void HeatmapViewer::display(int testIndex)
{
    const bool changed = testIndex != m_index;
    m_index = testIndex;
    refreshOverlay();
    if (changed)
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
        m_unscored->setPath(QPainterPath());
        m_info->setText(tr("No results: train a model or open a run (File > Open run...)."));
        return;
    }
    if (m_index < 0 || m_index >= static_cast<int>(r->evaluation.images.size()))
        return;
    const auto &img = r->evaluation.images[static_cast<std::size_t>(m_index)];
    const bool composite = r->preparation && r->preparation->composite;
    try {
        const QString key = QStringLiteral("%1/%2").arg(m_generation).arg(m_index);
        if (key != m_baseKey) {
            const cv::Mat rgb = scoredImage(*r, img.record);
            m_image->setPixmap(QPixmap::fromImage(toQImage(rgb)));
            m_gt->setPath(img.record.mask.empty() ? QPainterPath() : maskOutline(readMask(img.record.mask)));
            m_view->scene()->setSceneRect(0, 0, rgb.cols, rgb.rows);
            m_view->fitAll();
            m_baseKey = key;
        }
        const QSize size = m_image->pixmap().size();
        const CropFrame frame = cropFrame(size.width(), size.height(), r->effective.resize, r->effective.imageSize);
        const QRectF crop = frame.originalRect(size.width(), size.height());
        if (static_cast<std::size_t>(m_index) < r->maps.size()) {
            const ScoreMap &map = r->maps[static_cast<std::size_t>(m_index)];
            const QImage heat = heatmapImage(map, m_lo, m_hi, m_colormap->currentText());
            m_heat->setPixmap(QPixmap::fromImage(heat));
            const double sx = crop.width() / map.width, sy = crop.height() / map.height;
            m_heat->setTransform(QTransform::fromScale(sx, sy));
            m_heat->setPos(crop.topLeft());
            m_heat->setOpacity(m_alpha->value() / 100.0);
            m_pred->setPath(QTransform::fromScale(sx, sy).map(
                thresholdOutline(map, static_cast<float>(m_controller->threshold()), img.score)));
            m_pred->setPos(crop.topLeft());
            // Outside the centre crop nothing is scored: hatched, so no one reads "normal" there.
            QPainterPath outside;
            outside.addRect(QRectF(QPointF(0, 0), QSizeF(size)));
            QPainterPath inside;
            inside.addRect(crop);
            m_unscored->setPath(outside.subtracted(inside));
            m_colorBar->setScale(m_lo, m_hi, m_colormap->currentText());
            m_colorBar->setThreshold(m_controller->threshold());
            m_colorBar->setImageScore(img.score);
            m_colorBar->setVisible(true);
        } else {
            m_heat->setPixmap(QPixmap());
            m_pred->setPath(QPainterPath());
            m_unscored->setPath(QPainterPath());
            m_colorBar->setVisible(false);
        }
    } catch (const std::exception &e) {
        m_baseKey.clear();
        m_info->setText(QString::fromUtf8(e.what()).toHtmlEscaped());
        return;
    }
    const bool anomalous = img.score >= m_controller->threshold();
    const QString o = outcome(img.record.label, anomalous);
    QString text = tr("<b>%1</b> (%2) &nbsp; score <b>%3</b> &nbsp; threshold %4 (%5) &nbsp; verdict <b>%6</b> &nbsp; %7")
                       .arg(QString::fromStdString(img.record.image.filename().string()).toHtmlEscaped(),
                            QString::fromStdString(img.record.defectType).toHtmlEscaped())
                       .arg(img.score, 0, 'f', 4)
                       .arg(m_controller->threshold(), 0, 'f', 4)
                       .arg(m_controller->thresholdRule().toHtmlEscaped(), anomalous ? tr("anomalous") : tr("normal"),
                            (o == QLatin1String("FP") || o == QLatin1String("FN"))
                                ? QStringLiteral("<span style='color:#c00'><b>%1</b></span>").arg(o)
                                : o);
    if (composite)
        text += tr("<br>On pseudo-background <b>%1</b> (seed %2): the composite that was scored")
                    .arg(QString::fromStdString(img.background.empty() ? r->preparation->backgroundSource : img.background)
                             .toHtmlEscaped())
                    .arg(r->preparation->seed);
    m_info->setText(text);
}

QPainterPath HeatmapViewer::predictedRegion() const
{
    return m_pred->path();
}

QPainterPath HeatmapViewer::unscoredFrame() const
{
    return m_unscored->path();
}

void HeatmapViewer::fitToView()
{
    m_view->fitAll();
}

void HeatmapViewer::actualSize()
{
    m_view->actualSize();
}

void HeatmapViewer::next()
{
    const int row = selectedTestIndex() < 0 ? -1 : m_list->currentRow();
    if (row + 1 < m_list->rowCount())
        m_list->setCurrentCell(row + 1, ColIndex);
}

void HeatmapViewer::previous()
{
    const int row = selectedTestIndex() < 0 ? m_list->rowCount() : m_list->currentRow();
    if (row > 0)
        m_list->setCurrentCell(row - 1, ColIndex);
}

bool HeatmapViewer::handleKey(int key)
{
    switch (key) {
    case Qt::Key_Right:
    case Qt::Key_N:
    case Qt::Key_PageDown:
    case Qt::Key_BracketRight:
        next();
        return true;
    case Qt::Key_Left:
    case Qt::Key_P:
    case Qt::Key_PageUp:
    case Qt::Key_BracketLeft:
        previous();
        return true;
    case Qt::Key_F:
        fitToView();
        return true;
    case Qt::Key_1:
        actualSize();
        return true;
    default:
        return false;
    }
}

bool HeatmapViewer::eventFilter(QObject *watched, QEvent *event)
{
    // The list's own ←/→ move between columns and its letters search: here they move between images.
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (!(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) && handleKey(key->key()))
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

void HeatmapViewer::keyPressEvent(QKeyEvent *event)
{
    if (!(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) && handleKey(event->key()))
        return;
    QWidget::keyPressEvent(event);
}

} // namespace s2s::ui
