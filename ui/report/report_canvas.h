#pragma once

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QPolygonF>
#include <QRectF>
#include <QString>

namespace s2s::ui {

// A QPainter on a PDF page addressed in typographic points (1/72 inch). Geometry is converted to
// device units here rather than by scaling the painter, so fonts keep their real point sizes and
// text metrics stay exact.
class ReportCanvas
{
public:
    ReportCanvas(QPainter &painter, double unitsPerPoint);

    QPainter &painter() { return m_painter; }
    double unitsPerPoint() const { return m_k; }

    QRectF toDevice(const QRectF &points) const;
    QPointF toDevice(const QPointF &points) const;
    QPolygonF toDevice(const QPolygonF &points) const;

    void setFont(double pointSize, bool bold = false, bool italic = false);
    void setPen(const QColor &color, double widthPt = 0.5, Qt::PenStyle style = Qt::SolidLine);

    void text(const QRectF &rect, int flags, const QString &text);
    // Height in points that `text` needs in a box `width` points wide with the current font.
    double textHeight(double width, int flags, const QString &text);
    QString elided(const QString &text, double width, Qt::TextElideMode mode = Qt::ElideMiddle) const;

    void line(QPointF a, QPointF b);
    void rect(const QRectF &rect, const QColor &fill = Qt::transparent);
    void polyline(const QPolygonF &points);
    void image(const QRectF &rect, const QImage &image);

private:
    QPainter &m_painter;
    double m_k;
};

} // namespace s2s::ui
