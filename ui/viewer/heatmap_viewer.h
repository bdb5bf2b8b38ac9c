#pragma once

#include "ui/session/session_controller.h"
#include "ui/viewer/color_bar.h"
#include "ui/viewer/zoom_view.h"

#include <QImage>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGraphicsPathItem;
class QGraphicsPixmapItem;
class QLabel;
class QSlider;
class QSplitter;
class QTableWidget;
class QToolButton;

namespace s2s::ui {

// Reviews test images one by one: the image that was scored (the composite, for pseudo-background
// results) with the heatmap overlay (alpha, colormap, colour bar), ground-truth contour,
// predicted-region contour at the current threshold, score and verdict; a list sortable by score and
// filterable to false positives / false negatives. The image on screen is always the selected row
// of the list; ←/→ (N/P, [/], PageUp/PageDown) move between rows wherever the focus is.
class HeatmapViewer final : public QWidget
{
    Q_OBJECT

public:
    explicit HeatmapViewer(SessionController *controller, QWidget *parent = nullptr);

    int currentIndex() const { return m_index; }
    bool showsHeatmap() const;
    // Shows a test image and selects its row (the filter goes back to "All images" when it hides it).
    void showImage(int testIndex);
    void next();
    void previous();
    void fitToView();
    void actualSize();

    // For tests and the report of what is on screen.
    QTableWidget *list() const { return m_list; }
    ZoomView *view() const { return m_view; }
    ColorBar *colorBar() const { return m_colorBar; }
    QPainterPath predictedRegion() const; // the outline of the region the verdict points at
    QPainterPath unscoredFrame() const;   // the hatched frame outside the centre crop
    QImage shownImage() const; // the base image under the heatmap
    int selectedTestIndex() const; // the test index of the selected row, -1 when none
    void setFilter(const QString &key); // "all", "errors", "FP", "FN", "anomalous", "normal"
    void setPseudo(bool on);

Q_SIGNALS:
    void currentImageChanged(int testIndex);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool handleKey(int key);
    void rebuildList();
    void syncSelection();
    void fitListWidth();
    void display(int testIndex);
    void clearView(const QString &text);
    void refreshOverlay();
    int rowOf(int testIndex) const;
    const ResultSet *results() const;

    SessionController *m_controller;
    QSplitter *m_split = nullptr;
    QTableWidget *m_list = nullptr;
    QComboBox *m_filter = nullptr;
    ZoomView *m_view = nullptr;
    ColorBar *m_colorBar = nullptr;
    QGraphicsPixmapItem *m_image = nullptr;
    QGraphicsPixmapItem *m_heat = nullptr;
    QGraphicsPathItem *m_gt = nullptr;
    QGraphicsPathItem *m_pred = nullptr;
    QGraphicsPathItem *m_unscored = nullptr; // the frame outside the centre crop
    QSlider *m_alpha = nullptr;
    QComboBox *m_colormap = nullptr;
    QCheckBox *m_showGt = nullptr;
    QCheckBox *m_pseudo = nullptr;
    QToolButton *m_fit = nullptr;
    QToolButton *m_oneToOne = nullptr;
    QLabel *m_info = nullptr;
    int m_index = -1;
    float m_lo = 0.f, m_hi = 1.f;
    // The base image on screen and what it was made from, so a threshold or colormap change does not
    // read (or composite) it again.
    QString m_baseKey;
    int m_generation = 0; // bumped when the result sets change
};

} // namespace s2s::ui
