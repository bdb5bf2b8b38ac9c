#pragma once

#include <QImage>
#include <QWidget>

namespace s2s::ui {

// The heatmap's score scale: the colormap from the lowest to the highest map score on screen, with
// the current threshold marked.
class ColorBar final : public QWidget
{
    Q_OBJECT

public:
    explicit ColorBar(QWidget *parent = nullptr);
    void setScale(float lo, float hi, const QString &colormap);
    void setThreshold(double threshold);
    float low() const { return m_lo; }
    float high() const { return m_hi; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_ramp;
    float m_lo = 0.f, m_hi = 1.f;
    double m_threshold = 0.0;
};

} // namespace s2s::ui
