#pragma once

#include "engine/simplenet/noise_sigma.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QTimer;

namespace s2s::ui {

// The noise sigma as the user sets it: "auto" or an absolute value on a logarithmic slider
// (0.001 .. 2 feature units) with a spin box, and beside it the value relative to the training
// features' scale once that is known. Several controls (training tab, evaluation tab) show one value:
// the main window keeps them in step with setValue().
class SigmaControl final : public QWidget
{
    Q_OBJECT

public:
    static constexpr double kMin = 0.001;
    static constexpr double kMax = 2.0;

    explicit SigmaControl(QWidget *parent = nullptr);

    NoiseSigma value() const;
    void setValue(const NoiseSigma &sigma); // no signals
    // The scale of the current category's training features (0: not known yet); auto resolves on it.
    void setFeatureScale(double scale);
    double featureScale() const { return m_scale; }
    QString relativeText() const; // what the label beside the spin box says

Q_SIGNALS:
    void valueChanged(const s2s::NoiseSigma &sigma); // every change (settings, stale markers)
    void settled(const s2s::NoiseSigma &sigma);      // once the user stops moving it (400 ms debounce)

private:
    void showValue(const NoiseSigma &sigma);
    void userChanged();
    void updateLabel();

    QCheckBox *m_auto = nullptr;
    QSlider *m_slider = nullptr;
    QDoubleSpinBox *m_spin = nullptr;
    QLabel *m_relative = nullptr;
    QTimer *m_settle = nullptr;
    double m_scale = 0.0;
    NoiseSigma m_lastSettled;
    bool m_hasSettled = false;
};

} // namespace s2s::ui
