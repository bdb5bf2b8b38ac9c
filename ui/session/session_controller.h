#pragma once

#include "engine/data/dataset.h"
#include "engine/pipeline/training_session.h"
#include "engine/pipeline/run_config.h"
#include "ui/session/config_difference.h"
#include "ui/session/job_runner.h"
#include "ui/report/report_writer.h"
#include "ui/report/threshold_rule.h"

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
    TrainingSession::SavedHeads heads; // the heads that produced these results (saved runs and reports use them)
    // The scorer that produced them: the kNN scorer has no noise sigma and nothing to refit. `effective`:
    // the settings as the session resolved them ("auto" scorer and alignment: the geometry used).
    bool knn = false;
    QString scorer;
    RunConfig effective;
    bool refining = false; // a sigma change's first curves: the heads are being refined to the final ones
    QString runFolder;                   // the run folder these results were read from or last written to
    nlohmann::json storedRobustness = nlohmann::json::array(); // robustness entries of the run folder opened
};

// Owns the TrainingSession of the selected category and funnels every job on it through one
// JobRunner: a newer request cancels an older one; a cancelled job leaves the last results intact.
// The one source of truth for "the results on screen": the result set (run, heads, sigma, evaluation,
// maps), the pseudo-background result set and the threshold with its rule. Every panel, the CSV export,
// saved runs and the PDF report read them from here.
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
    // A new noise sigma, progressively: the heads of the last training from scratch refitted on cached
    // features (config.refitSteps steps) and evaluated: the first curves (ResultSet::refining); then a
    // second job refines them to the converged budget and shows the final curves. A sigma whose final
    // results this category already has (auto included) shows them at once, with no job. A newer request
    // supersedes one in flight without a word; without trained heads this is train().
    void retrainForSigma(const RunConfig &config);
    // Whether a refinement to the final curves runs or is about to (the results on screen are a first look).
    bool refining() const;
    // AUROC versus sigma on the labelled test set (an analysis, not model selection): each sigma
    // refitted, refined and evaluated in turn, sweepPoint() as each finishes; the heads on screen are
    // restored after.
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
    // What makes the results stale: the first setting they differ in (empty when not stale).
    ConfigDifference staleDifference() const;
    // Whether the sigma of `config` needs a refit: it resolves to another value than the sigma of the
    // training in flight or, when none runs, of the results on screen (unticking "auto" needs none).
    bool needsRefit(const RunConfig &config) const;

    double threshold() const { return m_threshold; }
    QString thresholdRule() const { return m_thresholdRule; }   // the rule in words, as panels show it
    ThresholdRule thresholdRuleSpec() const { return m_rule; } // the same rule for reports (f1, fpr:X, value:X)
    void setThreshold(double value, const QString &rule);     // a value set by hand (rule "value:X")
    void setThreshold(double value, const QString &ruleText, const ThresholdRule &rule);

    // Saves the results on screen (config, their heads, scores, metrics, maps, pseudo-background
    // robustness) to a run folder, on the worker thread; runSaved(dir) when done.
    void saveRun(const QString &dir);
    // Writes the PDF report of the results on screen with the threshold rule on screen; nothing but the
    // PDF is written (the run folder the report reads is a temporary one). reportWritten(pdf) when done.
    // perFamily: the per-family comparison on screen for this category (a table1.json "categories" entry),
    // or null.
    void exportReport(const QString &pdf, const nlohmann::json &perFamily = nullptr);
    const std::optional<ReportResult> &lastReport() const { return m_lastReport; }
    // Loads a saved run folder (config.json, heads.safetensors, scores.csv, metrics.json, maps/) as the
    // results on screen, without evaluating again; its category becomes the current one. runOpened(dir)
    // when done, errorOccurred when the folder is not a run.
    void openRun(const QString &dir);
    // Where the results of every training are kept between sessions (empty: not kept).
    void setAutosaveRoot(const QString &dir) { m_autosaveRoot = dir; }
    QString autosaveFolder() const; // for the current dataset and category
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
    void reportWritten(const QString &pdf);
    void runOpened(const QString &dir);
    void runShown(const QString &dir); // the run folder that now holds the results on screen (saved, opened or kept)
    void inflightChanged();                 // a training job started or ended
    void featureScaleChanged(double scale); // measured when the features are extracted
    void sweepPoint(double sigma, double sigmaRelative, double imageAuroc, double pixelAuroc);
    void sweepFinished(bool completed);

private:
    void startTrainingJob(const RunConfig &config, TrainMode mode);
    // The final results of a sigma for the current base heads (the last training from scratch or the run
    // opened), kept for the session: returning to that sigma shows them again. Null when there are none.
    const ResultSet *finalResultsFor(const RunConfig &config) const;
    void keepFinalResults(const ResultSet &results);
    // Shows kept final results as the results on screen (no job).
    void showFinalResults(const ResultSet &kept, const RunConfig &config);
    void setInflight(std::optional<RunConfig> config);
    void endSweep(const QString &jobName, bool completed);
    // metrics.json "robustness" for the results on screen: the pseudo-background evaluation on screen (at
    // the threshold on screen), else what the run folder they came from recorded.
    nlohmann::json robustnessJson() const;
    std::shared_ptr<const ResultSet> resultsSnapshot() const;
    // Kept runs: a job writes the results it computes to a pending folder; only results that reach the
    // screen replace the category's kept run (a cancelled or superseded job's never do).
    void preparePending(const QString &keep);
    void acceptPending(bool pseudo);
    void dropStalePending();
    // The rule on screen applied to the results on screen (new results keep the user's rule).
    void applyThresholdRule();

    JobRunner m_runner;
    std::shared_ptr<TrainingSession> m_session;
    std::optional<Category> m_category;
    RunConfig m_config;
    std::optional<ResultSet> m_results;
    std::optional<ResultSet> m_pseudo;
    std::shared_ptr<ResultSet> m_incoming;
    std::vector<ResultSet> m_finalBySigma; // most recently used last
    bool m_incomingPseudo = false;
    std::shared_ptr<std::shared_ptr<TrainingSession>> m_incomingSession; // a run folder being opened
    std::optional<RunConfig> m_inflight;
    double m_featureScale = 0.0;
    bool m_sweeping = false;
    double m_threshold = 0.0;
    QString m_thresholdRule;
    ThresholdRule m_rule;
    std::optional<ReportResult> m_lastReport;
    QString m_autosaveRoot;
    int m_pendingSerial = 0;
    QString m_incomingKeep;    // the kept run the job in flight may replace ("" for none)
    QString m_incomingPending; // where that job writes it
};

} // namespace s2s::ui
