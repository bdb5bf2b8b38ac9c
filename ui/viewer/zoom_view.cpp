#include "ui/viewer/zoom_view.h"

#include <QKeyEvent>
#include <QResizeEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace s2s::ui {

ZoomView::ZoomView(QWidget *parent)
    : QGraphicsView(parent)
{
    setDragMode(QGraphicsView::ScrollHandDrag);
    setRenderHint(QPainter::SmoothPixmapTransform);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setBackgroundBrush(QColor(40, 40, 40));
}

bool ZoomView::isNavigationKey(int key)
{
    switch (key) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_N:
    case Qt::Key_P:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
    case Qt::Key_BracketLeft:
    case Qt::Key_BracketRight:
        return true;
    default:
        return false;
    }
}

void ZoomView::keyPressEvent(QKeyEvent *event)
{
    if (isNavigationKey(event->key()) && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        event->ignore(); // the viewer's, not a scroll
        return;
    }
    QGraphicsView::keyPressEvent(event);
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

void ZoomView::actualSize()
{
    m_autoFit = false;
    const QPointF centre = mapToScene(viewport()->rect().center());
    setTransform(QTransform());
    centerOn(centre);
}

void ZoomView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit && scene())
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
}

} // namespace s2s::ui
