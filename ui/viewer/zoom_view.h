#pragma once

#include <QGraphicsView>

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

} // namespace s2s::ui
