#include "ui/viewer/color_bar.h"

#include "ui/common/image_utils.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace s2s::ui {

ColorBar::ColorBar(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    setToolTip(tr("Heatmap colour scale: smoothed patch anomaly scores. The black mark is the threshold, the white "
                  "triangle the image's score (the highest unsmoothed patch score; written at the top when above the "
                  "scale)"));
}

void ColorBar::setScale(float lo, float hi, const QString &colormap)
{
    m_lo = lo;
    m_hi = hi;
    m_ramp = colormapRamp(colormap);
    updateGeometry();
    update();
}

void ColorBar::setThreshold(double threshold)
{
    m_threshold = threshold;
    update();
}

void ColorBar::setImageScore(double score)
{
    m_score = score;
    updateGeometry();
    update();
}

QString ColorBar::topNote() const
{
    // Above the range: the value with an arrow up, in place of the title.
    return std::isfinite(m_score) && m_score > m_hi ? QStringLiteral("\u25b2 %1").arg(m_score, 0, 'f', 3) : tr("score");
}

QSize ColorBar::sizeHint() const
{
    const QFontMetrics fm(font());
    const int labels = std::max({fm.horizontalAdvance(QString::number(m_lo, 'f', 3)),
                                 fm.horizontalAdvance(QString::number(m_hi, 'f', 3)),
                                 fm.horizontalAdvance(QStringLiteral("-0.000")), fm.horizontalAdvance(topNote()) - 26});
    return {18 + 8 + labels + 6, 200};
}

QSize ColorBar::minimumSizeHint() const
{
    return {sizeHint().width(), 80};
}

void ColorBar::paintEvent(QPaintEvent *)
{
    if (m_ramp.isNull())
        return;
    QPainter p(this);
    const QFontMetrics fm(font());
    const int top = fm.height() + 4, bottom = height() - fm.height() / 2 - 2;
    const QRect bar(2, top, 18, std::max(10, bottom - top));
    p.drawText(QRect(0, 0, width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter, topNote());
    p.drawImage(bar, m_ramp);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    const double span = m_hi > m_lo ? m_hi - m_lo : 1.0;
    const auto yOf = [&](double v) { return bar.bottom() - (v - m_lo) / span * bar.height(); };
    // Ticks at the ends and three between, labelled with the score.
    for (int i = 0; i <= 4; ++i) {
        const double v = m_lo + span * i / 4.0;
        const int y = static_cast<int>(std::lround(yOf(v)));
        p.drawLine(bar.right() + 1, y, bar.right() + 4, y);
        p.drawText(QRect(bar.right() + 8, y - fm.height() / 2, width() - bar.right() - 8, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, QString::number(v, 'f', 3));
    }
    if (std::isfinite(m_score) && m_score >= m_lo && m_score <= m_hi) { // the image's score: a triangle on the left edge
        const double y = yOf(m_score);
        const QPointF tip(bar.left() + 7, y);
        const QPolygonF triangle{{bar.left() - 1.0, y - 5.0}, tip, {bar.left() - 1.0, y + 5.0}};
        p.setPen(QPen(Qt::black, 1));
        p.setBrush(Qt::white);
        p.drawPolygon(triangle);
        p.setBrush(Qt::NoBrush);
    }
    if (m_threshold >= m_lo && m_threshold <= m_hi) {
        const int y = static_cast<int>(std::lround(yOf(m_threshold)));
        p.setPen(QPen(Qt::black, 3));
        p.drawLine(bar.left() - 2, y, bar.right() + 3, y);
        p.setPen(QPen(Qt::white, 1));
        p.drawLine(bar.left() - 2, y, bar.right() + 3, y);
    }
}

} // namespace s2s::ui
