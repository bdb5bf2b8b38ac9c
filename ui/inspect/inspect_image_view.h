#pragma once

#include "engine/core/score_map.h"
#include "engine/inspect/inspector.h"

#include <QWidget>

class QGraphicsPathItem;
class QGraphicsPixmapItem;
class QLabel;
class QSlider;

namespace s2s::ui {

class ColorBar;
class ZoomView;

// The selected inspected image with its anomaly heatmap blended over it (the heatmap viewer's zoom view
// and colour bar), the foreground outline when the run removes backgrounds, and a line naming the
// score, verdict and time.
class InspectImageView final : public QWidget
{
    Q_OBJECT

public:
    explicit InspectImageView(QWidget *parent = nullptr);

    // originalMap: the result's map in the original frame; lo..hi: the map values the colours span.
    void show(const InspectResult &result, const ScoreMap &originalMap, float lo, float hi, double threshold);
    void clear(const QString &text);

    QString infoText() const;
    bool showsHeatmap() const;
    ZoomView *view() const { return m_view; }

private:
    ZoomView *m_view = nullptr;
    ColorBar *m_colorBar = nullptr;
    QGraphicsPixmapItem *m_image = nullptr;
    QGraphicsPixmapItem *m_heat = nullptr;
    QGraphicsPathItem *m_outline = nullptr;
    QSlider *m_alpha = nullptr;
    QLabel *m_info = nullptr;
};

} // namespace s2s::ui
