#include "ui/report/report_canvas.h"

#include <QFontMetricsF>
#include <QPen>
#include <QTextOption>
#include <QTransform>

namespace s2s::ui {

ReportCanvas::ReportCanvas(QPainter &painter, double unitsPerPoint)
    : m_painter(painter)
    , m_k(unitsPerPoint)
{
}

QRectF ReportCanvas::toDevice(const QRectF &points) const
{
    return {points.x() * m_k, points.y() * m_k, points.width() * m_k, points.height() * m_k};
}

QPointF ReportCanvas::toDevice(const QPointF &points) const
{
    return points * m_k;
}

QPolygonF ReportCanvas::toDevice(const QPolygonF &points) const
{
    return QTransform::fromScale(m_k, m_k).map(points);
}

void ReportCanvas::setFont(double pointSize, bool bold, bool italic)
{
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans"),
                      QStringLiteral("Liberation Sans")});
    font.setStyleHint(QFont::SansSerif);
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    font.setItalic(italic);
    m_painter.setFont(font);
}

void ReportCanvas::setPen(const QColor &color, double widthPt, Qt::PenStyle style)
{
    QPen pen(color, widthPt * m_k, style, Qt::FlatCap, Qt::MiterJoin);
    m_painter.setPen(pen);
}

namespace {

// Qt::TextWordWrap | Qt::TextWrapAnywhere: break between words, and inside a word (a path, a hash) only
// when it does not fit a line. QPainter's int flags cannot say that; a QTextOption can.
bool wordsThenAnywhere(int flags)
{
    return (flags & Qt::TextWordWrap) && (flags & Qt::TextWrapAnywhere);
}

QTextOption wordsThenAnywhereOption(int flags)
{
    QTextOption option(Qt::Alignment(flags & (Qt::AlignHorizontal_Mask | Qt::AlignVertical_Mask)));
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    return option;
}

} // namespace

void ReportCanvas::text(const QRectF &rect, int flags, const QString &text)
{
    if (wordsThenAnywhere(flags))
        m_painter.drawText(toDevice(rect), text, wordsThenAnywhereOption(flags));
    else
        m_painter.drawText(toDevice(rect), flags, text);
}

double ReportCanvas::textHeight(double width, int flags, const QString &text)
{
    const QRectF area(0, 0, width * m_k, 1e7);
    const QRectF bound = wordsThenAnywhere(flags) ? m_painter.boundingRect(area, text, wordsThenAnywhereOption(flags))
                                                  : m_painter.boundingRect(area, flags, text);
    return bound.height() / m_k;
}

QString ReportCanvas::elided(const QString &text, double width, Qt::TextElideMode mode) const
{
    const QFontMetricsF metrics(m_painter.font(), m_painter.device());
    return metrics.elidedText(text, mode, width * m_k);
}

void ReportCanvas::line(QPointF a, QPointF b)
{
    m_painter.drawLine(toDevice(a), toDevice(b));
}

void ReportCanvas::rect(const QRectF &rect, const QColor &fill)
{
    m_painter.setBrush(fill.alpha() == 0 ? QBrush(Qt::NoBrush) : QBrush(fill));
    m_painter.drawRect(toDevice(rect));
    m_painter.setBrush(Qt::NoBrush);
}

void ReportCanvas::polyline(const QPolygonF &points)
{
    m_painter.drawPolyline(toDevice(points));
}

void ReportCanvas::image(const QRectF &rect, const QImage &image)
{
    m_painter.drawImage(toDevice(rect), image);
}

} // namespace s2s::ui
