#pragma once

#include "ui/session/session_controller.h"

#include <QWidget>

class QComboBox;
class QCPLayoutGrid;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QTableWidget;

QT_BEGIN_NAMESPACE
class QChartView;
class QBarSet;
class QValueAxis;
class QLineSeries;
QT_END_NAMESPACE

namespace s2s::ui {

class SigmaControl;

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
    QString curvesSigmaText() const; // "Curves on screen: sigma 0.1914 = 0.50x ..." as shown
    QString updatingText() const;    // "Updating to sigma ..." while a retrain runs, else empty
    QString staleText() const;       // the stale banner's text when shown, else empty
    QString metricsText() const;     // the metrics block as shown (AUROCs, how the heads were trained, first/final)
    SigmaControl *sigmaControl() const { return m_sigmaControl; }
    // For tests: the plots as drawn.
    QCustomPlot *rocPlot() const { return m_roc; }
    QCustomPlot *sigmaPlot() const { return m_sigma; }
    bool rocLegendShown() const;

Q_SIGNALS:
    void sigmaSettled(const s2s::NoiseSigma &sigma);

private:
    void refresh();
    void ensureHistogram();
    void refreshThreshold();
    void applyPreset();
    void recordSigmaPoint();
    void addSigmaPoint(double sigma, double imageAuroc, double pixelAuroc);
    void refreshStatus();
    void showRocLegend(bool shown);

    SessionController *m_controller;
    QCustomPlot *m_roc = nullptr;
    QCPLayoutGrid *m_rocLegendRow = nullptr;
    QCustomPlot *m_sigma = nullptr;
    QChartView *m_histogram = nullptr;
    QLineSeries *m_thresholdLine = nullptr;
    // The histogram's bars and axes, made once (ensureHistogram) and set in place.
    QBarSet *m_binsNormal = nullptr;
    QBarSet *m_binsAnomalous = nullptr;
    QValueAxis *m_countAxis = nullptr;
    QValueAxis *m_scoreAxis = nullptr;
    QSlider *m_thresholdSlider = nullptr;
    QComboBox *m_preset = nullptr;
    QDoubleSpinBox *m_targetFpr = nullptr;
    QLabel *m_targetFprLabel = nullptr;
    QLabel *m_rule = nullptr;
    QLabel *m_stale = nullptr;
    QLabel *m_curves = nullptr;
    QLabel *m_updating = nullptr;
    SigmaControl *m_sigmaControl = nullptr;
    QPushButton *m_sweep = nullptr;
    QLabel *m_sweepNote = nullptr;
    QTableWidget *m_confusion = nullptr;
    QLabel *m_metrics = nullptr;
    double m_minScore = 0.0, m_maxScore = 1.0;
    QVector<double> m_sigmas, m_imageAurocs, m_pixelAurocs;
};

} // namespace s2s::ui
