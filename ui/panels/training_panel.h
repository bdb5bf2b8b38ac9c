#pragma once

#include "engine/pipeline/training_outcome.h"
#include "engine/pipeline/run_config.h"
#include "engine/simplenet/train_progress.h"

#include <QMap>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace s2s::ui {

class SigmaControl;

// Training dashboard: backbone and weights, preset, epochs, noise sigma (slider + spin box),
// segmenter, threads; Train / Cancel; progress with ETA; live loss and p_true/p_fake curves; a log.
class TrainingPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPanel(QWidget *parent = nullptr);

    // Fills the panel's settings into a config (data root, category and kind stay as given).
    RunConfig applyTo(RunConfig config) const;
    void setBusy(bool busy);
    void appendLog(const QString &line);
    void showProgress(int done, int total, const QString &text);
    // The bar's last word on a job: "cancelling..." from the Cancel click until the job stops, then
    // "cancelled"; "failed" for a job that threw. setBusy(false) alone means it finished.
    void showCancelling();
    void showCancelled();
    void showFailed();
    QString progressText() const;
    // Live curves: a training's steps as they come. They replace the curves on screen only when that
    // training's results arrive (showTrainingOutcome); a cancelled or failed training's points are
    // dropped when the job ends, and the curves of the results on screen come back.
    void addTrainProgress(const TrainProgress &p);
    void resetCurves();
    int curvePointCount() const; // points of the loss curve on screen
    QCustomPlot *lossPlot() const { return m_lossPlot; }
    void setEpochs(int epochs);
    // The current category's training images: beside the Epochs field, what the settings will run on
    // them (the fast preset trains at least 64 steps, so "1" epoch is 16 on a 30-image category).
    void setTrainImages(int count);
    QString scheduleText() const; // what the note beside the Epochs field says
    // A category switch: the log, the bar and the learning banner of the previous category go.
    void clearJobDisplay();
    // After a training: the sigma it used and, when the discriminator did not learn, a red banner.
    // knnScorer: the kNN scorer's description when the results come from it (nothing trained), else empty.
    void showTrainingOutcome(const TrainingOutcome &outcome, const QString &knnScorer = QString());
    QString learningWarning() const; // the banner's text, empty when hidden
    SigmaControl *sigmaControl() const { return m_sigma; }
    // Looks for weights files again (after a download or a chosen file) and refills the backbone list.
    void refreshWeights();
    // Whether the category on screen has its background removed at all (engine routing). Where it has,
    // the checkbox shows the user's choice, else on (Sam2Sim, the presets' auto); where not (textures,
    // categories that keep their background) it is off and disabled, with `reason` as its tooltip, and
    // the run config keeps the user's choice so that auto runs of textures are not stale against it.
    void setForegroundApplies(bool applies, const QString &reason);

Q_SIGNALS:
    void trainRequested();
    void cancelRequested();
    void sigmaSettled(const s2s::NoiseSigma &sigma); // after the user settles on a value
    void settingsChanged();

private:
    void updateBanner();
    void updateSchedule();
    void restoreChoices();
    QString backboneWeightsPath() const; // empty: random weights

    QLabel *m_banner = nullptr;
    QComboBox *m_backbone = nullptr;
    QLineEdit *m_weights = nullptr;
    QComboBox *m_preset = nullptr;
    QComboBox *m_scorer = nullptr;
    QSpinBox *m_epochs = nullptr;
    QLabel *m_schedule = nullptr; // what will run: epochs and steps on the category's images
    int m_trainImages = 0;
    SigmaControl *m_sigma = nullptr;
    QLabel *m_learning = nullptr;
    QCheckBox *m_foreground = nullptr;
    std::optional<bool> m_foregroundChoice; // set by the user (a click, or kept from an earlier session)
    QComboBox *m_segmenter = nullptr;
    QLineEdit *m_sam2Weights = nullptr;
    QSpinBox *m_threads = nullptr;
    QCheckBox *m_autoRetrain = nullptr;
    QPushButton *m_train = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_eta = nullptr;
    QCustomPlot *m_lossPlot = nullptr;
    QCustomPlot *m_pPlot = nullptr;
    QPlainTextEdit *m_log = nullptr;
    void drawCurves(const QVector<TrainProgress> &points);
    QVector<TrainProgress> m_live;  // the training in flight
    QVector<TrainProgress> m_shown; // the training whose results are on screen
    bool m_cancelling = false;
    QMap<QString, QString> m_foundBackbones; // backbone name -> weights file found
    QString m_foundSam2;

public:
    bool autoRetrain() const;
};

} // namespace s2s::ui
