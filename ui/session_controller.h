#pragma once

#include "engine/data/dataset.h"
#include "engine/pipeline/inspection_session.h"
#include "engine/pipeline/run_config.h"
#include "ui/job_runner.h"

#include <QObject>
#include <QString>
#include <QVector>

#include <memory>
#include <optional>

namespace s2s::ui {

// The results the panels show, copied out of the session when a job finishes (the session itself is
// only touched by jobs, one at a time).
struct ResultSet
{
    Evaluation evaluation;
    std::vector<ScoreMap> maps; // crop frame, per test image
    RunConfig config;           // the settings these results were computed with
    TrainingOutcome training;   // the sigma the heads were trained with and how training went
    bool pretrained = false;
    QString segmenter;
    // How the test images were prepared (a pseudo-background composite) and where their masks are
    // cached: the viewer redraws the composite that was scored under its heatmap.
    std::optional<PreparationSpec> preparation;
    std::filesystem::path maskCacheDir;
};

// Owns the InspectionSession of the selected category and funnels every job on it through one
// JobRunner: a newer request cancels an older one; a cancelled job leaves the last results intact.
class SessionController final : public QObject
{
    Q_OBJECT

public:
    explicit SessionController(QObject *parent = nullptr);
    ~SessionController() override;

    void setCategory(const Category &category, const RunConfig &config);
    const Category *category() const;
    RunConfig config() const { return m_config; }
    void setConfig(const RunConfig &config); // marks results stale when they no longer match

    // Features (if needed) + training + evaluation on static backgrounds.
    void train(const RunConfig &config);
    // A new noise sigma: the heads refitted from the current ones on cached features (warm start,
    // config.refitSteps steps), then re-evaluated. A newer request supersedes one in flight without
    // a word; without trained heads this is train().
    void retrainForSigma(const RunConfig &config);
    // AUROC versus sigma on the labelled test set (an analysis, not model selection): each sigma
    // refitted + evaluated in turn, sweepPoint() as each finishes; the heads on screen are restored after.
    void sweep(const std::vector<NoiseSigma> &sigmas);
    // The config the training job in flight will produce results for (none when idle or evaluating).
    const std::optional<RunConfig> &inflight() const { return m_inflight; }
    bool sweeping() const { return m_sweeping; }
    double featureScale() const { return m_featureScale; }
    // Re-evaluates the trained heads (static or pseudo-backgrounds).
    void evaluate(const EvalOptions &options);
    void cancel();
    bool busy() const;

    const std::optional<ResultSet> &results() const { return m_results; }
    const std::optional<ResultSet> &pseudoResults() const { return m_pseudo; }
    bool stale() const;

    double threshold() const { return m_threshold; }
    QString thresholdRule() const { return m_thresholdRule; }
    void setThreshold(double value, const QString &rule);

    // Saves the current run (config, heads, scores, metrics, maps) to a folder, on the worker thread.
    void saveRun(const QString &dir);
    JobRunner &runner() { return m_runner; }

Q_SIGNALS:
    void trainProgress(const s2s::TrainProgress &progress);
    void resultsChanged();
    void pseudoResultsChanged();
    void staleChanged(bool stale);
    void thresholdChanged(double value, const QString &rule);
    void message(const QString &text);
    void errorOccurred(const QString &text);
    void busyChanged(bool busy);
    void runSaved(const QString &dir);
    void inflightChanged();                 // a training job started or ended
    void featureScaleChanged(double scale); // measured when the features are extracted
    void sweepPoint(double sigma, double sigmaRelative, double imageAuroc, double pixelAuroc);
    void sweepFinished(bool completed);

private:
    void startTrainingJob(const RunConfig &config, bool refit);
    void setInflight(std::optional<RunConfig> config);
    void endSweep(const QString &jobName, bool completed);

    JobRunner m_runner;
    std::shared_ptr<InspectionSession> m_session;
    std::optional<Category> m_category;
    RunConfig m_config;
    std::optional<ResultSet> m_results;
    std::optional<ResultSet> m_pseudo;
    std::shared_ptr<ResultSet> m_incoming;
    bool m_incomingPseudo = false;
    std::optional<RunConfig> m_inflight;
    double m_featureScale = 0.0;
    bool m_sweeping = false;
    double m_threshold = 0.0;
    QString m_thresholdRule;
};

} // namespace s2s::ui
