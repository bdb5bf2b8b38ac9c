#pragma once

#include "ui/session/session_controller.h"

#include <QGraphicsView>
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

// A QGraphicsView that zooms with the wheel and pans by dragging. The image-navigation keys are not
// its own: they go to the parent (the viewer), so ←/→ change the image even when the view has focus.
class ZoomView final : public QGraphicsView
{
    Q_OBJECT

public:
    explicit ZoomView(QWidget *parent = nullptr);
    // Fits the scene into the view now and on every resize, until the user zooms.
    void fitAll();
    // One image pixel per screen pixel, centred on what is in the middle of the view now.
    void actualSize();
    bool fitsAll() const { return m_autoFit; }
    double zoom() const { return transform().m11(); }
    static bool isNavigationKey(int key);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool m_autoFit = true;
};

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
