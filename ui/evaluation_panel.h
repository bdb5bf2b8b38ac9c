#pragma once

#include "ui/session_controller.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QTableWidget;

QT_BEGIN_NAMESPACE
class QChartView;
class QBarSet;
class QValueAxis;
class QLineSeries;
QT_END_NAMESPACE

namespace s2s::ui {

// Image- and pixel-level ROC curves with AUROC in the legend, a score histogram with a draggable
// threshold that drives the verdicts everywhere, a confusion matrix, threshold presets with the
// active rule shown, and an AUROC-versus-sigma plot that grows as the user tries values.
class EvaluationPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationPanel(SessionController *controller, QWidget *parent = nullptr);

    int rocCurveCount() const;
    int sigmaPointCount() const;

private:
    void refresh();
    void refreshThreshold();
    void applyPreset();
    void recordSigmaPoint();

    SessionController *m_controller;
    QCustomPlot *m_roc = nullptr;
    QCustomPlot *m_sigma = nullptr;
    QChartView *m_histogram = nullptr;
    QLineSeries *m_thresholdLine = nullptr;
    QSlider *m_thresholdSlider = nullptr;
    QComboBox *m_preset = nullptr;
    QDoubleSpinBox *m_targetFpr = nullptr;
    QLabel *m_rule = nullptr;
    QLabel *m_stale = nullptr;
    QTableWidget *m_confusion = nullptr;
    QLabel *m_metrics = nullptr;
    double m_minScore = 0.0, m_maxScore = 1.0;
    QVector<double> m_sigmas, m_imageAurocs, m_pixelAurocs;
};

} // namespace s2s::ui
