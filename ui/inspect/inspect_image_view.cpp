#include "ui/inspect/inspect_image_view.h"

#include "ui/common/image_utils.h"
#include "ui/viewer/color_bar.h"
#include "ui/viewer/zoom_view.h"

#include <QGraphicsPathItem>
#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPen>
#include <QSlider>
#include <QVBoxLayout>

#include <opencv2/core/mat.hpp>

namespace s2s::ui {

InspectImageView::InspectImageView(QWidget *parent)
    : QWidget(parent)
    , m_view(new ZoomView(this))
    , m_colorBar(new ColorBar(this))
    , m_alpha(new QSlider(Qt::Horizontal, this))
    , m_info(new QLabel(this))
{
    auto *scene = new QGraphicsScene(m_view);
    m_view->setScene(scene);
    m_image = scene->addPixmap(QPixmap());
    m_heat = scene->addPixmap(QPixmap());
    m_outline = scene->addPath(QPainterPath(), QPen(QColor(0, 220, 255), 0));
    m_alpha->setRange(0, 100);
    m_alpha->setValue(50);
    m_alpha->setToolTip(tr("Heatmap opacity"));
    m_heat->setOpacity(0.5);
    connect(m_alpha, &QSlider::valueChanged, this, [this](int v) { m_heat->setOpacity(v / 100.0); });
    m_info->setObjectName(QStringLiteral("inspectImageInfo"));
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *row = new QHBoxLayout;
    row->addWidget(m_view, 1);
    row->addWidget(m_colorBar);
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Heatmap"), this));
    controls->addWidget(m_alpha, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row, 1);
    layout->addLayout(controls);
    layout->addWidget(m_info);
    clear(tr("Select an image of the lot to see where it deviates."));
}

void InspectImageView::show(const InspectResult &result, const ScoreMap &originalMap, float lo, float hi,
                            double threshold)
{
    const QString path = QString::fromStdString(result.path.string());
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    m_image->setPixmap(QPixmap::fromImage(image));
    QImage heat;
    if (!originalMap.empty())
        heat = heatmapImage(originalMap, lo, hi, QStringLiteral("inferno"));
    if (!heat.isNull() && !image.isNull() && heat.size() != image.size())
        heat = heat.scaled(image.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    m_heat->setPixmap(QPixmap::fromImage(heat));
    QPainterPath outline;
    if (!result.foreground.empty()) {
        const cv::Mat mask(result.foreground.height, result.foreground.width, CV_8UC1,
                           const_cast<std::uint8_t *>(result.foreground.values.data()));
        outline = maskOutline(mask);
    }
    m_outline->setPath(outline);
    m_view->scene()->setSceneRect(QRectF(QPointF(0, 0), QSizeF(image.isNull() ? heat.size() : image.size())));
    m_view->fitAll();
    m_colorBar->setScale(lo, hi, QStringLiteral("inferno"));
    m_colorBar->setThreshold(threshold);
    m_colorBar->setVisible(!heat.isNull());
    const bool ng = isNg(result.score, threshold);
    QString text = tr("%1 — score %2, %3 at threshold %4, %5 ms")
                       .arg(QString::fromStdString(result.path.filename().string()))
                       .arg(static_cast<double>(result.score), 0, 'g', 6)
                       .arg(ng ? tr("NG") : tr("OK"))
                       .arg(threshold, 0, 'g', 6)
                       .arg(result.milliseconds, 0, 'f', 1);
    if (!result.maskSource.empty())
        text += QLatin1Char(' ') + tr("(foreground: %1)").arg(QString::fromStdString(result.maskSource));
    if (image.isNull())
        text += QLatin1Char(' ') + tr("(the image itself cannot be shown: %1)").arg(reader.errorString());
    m_info->setText(text);
}

void InspectImageView::clear(const QString &text)
{
    m_image->setPixmap(QPixmap());
    m_heat->setPixmap(QPixmap());
    m_outline->setPath(QPainterPath());
    m_colorBar->setVisible(false);
    m_info->setText(text);
}

QString InspectImageView::infoText() const
{
    return m_info->text();
}

bool InspectImageView::showsHeatmap() const
{
    return !m_heat->pixmap().isNull();
}

} // namespace s2s::ui
