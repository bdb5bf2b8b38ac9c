#pragma once

#include "ui/session_controller.h"

#include <QGraphicsView>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGraphicsPathItem;
class QGraphicsPixmapItem;
class QLabel;
class QSlider;
class QTableWidget;

namespace s2s::ui {

// A QGraphicsView that zooms with the wheel and pans by dragging.
class ZoomView final : public QGraphicsView
{
    Q_OBJECT

public:
    explicit ZoomView(QWidget *parent = nullptr);
    // Fits the scene into the view now and on every resize, until the user zooms.
    void fitAll();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool m_autoFit = true;
};

// Reviews test images one by one: original with heatmap overlay (alpha, colormap), ground-truth
// contour, predicted-region contour at the current threshold, score and verdict; a list sortable by
// score and filterable to false positives / false negatives.
class HeatmapViewer final : public QWidget
{
    Q_OBJECT

public:
    explicit HeatmapViewer(SessionController *controller, QWidget *parent = nullptr);

    int currentIndex() const { return m_index; }
    bool showsHeatmap() const;
    void showImage(int testIndex);
    void next();
    void previous();

Q_SIGNALS:
    void currentImageChanged(int testIndex);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void rebuildList();
    void refreshOverlay();
    const ResultSet *results() const;

    SessionController *m_controller;
    QTableWidget *m_list = nullptr;
    QComboBox *m_filter = nullptr;
    ZoomView *m_view = nullptr;
    QGraphicsPixmapItem *m_image = nullptr;
    QGraphicsPixmapItem *m_heat = nullptr;
    QGraphicsPathItem *m_gt = nullptr;
    QGraphicsPathItem *m_pred = nullptr;
    QSlider *m_alpha = nullptr;
    QComboBox *m_colormap = nullptr;
    QCheckBox *m_showGt = nullptr;
    QCheckBox *m_pseudo = nullptr;
    QLabel *m_info = nullptr;
    int m_index = -1;
    float m_lo = 0.f, m_hi = 1.f;
};

} // namespace s2s::ui
