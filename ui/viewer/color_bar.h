#pragma once

#include <QImage>
#include <QWidget>

#include <cmath>

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
    // The shown image's score, marked beside the bar; above the bar's range (the map is smoothed, the
    // score is the unsmoothed patch maximum) it is written at the top instead.
    void setImageScore(double score);
    QString topNote() const; // what is written above the bar
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
    double m_score = std::nan("");
};

} // namespace s2s::ui
