#pragma once

#include "engine/data/dataset.h"
#include "engine/pipeline/run_config.h"
#include "ui/session/job_runner.h"

#include <nlohmann/json.hpp>

#include <QWidget>

#include <optional>

class QCustomPlot;
class QLabel;
class QPushButton;

namespace s2s::ui {

// The robustness of the current category per pseudo-background family: SimpleNet dynamic (trained on
// the original images) against Sam2Sim (background removed) on each family, as paired bars, with the
// extractor's mask IoU per family. Runs the Table 1 protocol with --per-family for this one category
// (both models trained with the current settings) on its own worker; cancellable.
class FamilyRobustnessView final : public QWidget
{
    Q_OBJECT

public:
    explicit FamilyRobustnessView(QWidget *parent = nullptr);
    ~FamilyRobustnessView() override;

    // A different category clears the chart; the same one keeps it.
    void setCategory(const Category &category, const RunConfig &config);
    // The last comparison of the current category (a table1.json "categories" entry), or null.
    const nlohmann::json &results() const { return m_results; }
    bool isRunning() const { return m_runner.isRunning(); }
    void start();
    void cancel();
    void waitForIdle();

Q_SIGNALS:
    void resultsChanged();

private:
    void showResults();
    void clearChart(const QString &text);

    std::optional<Category> m_category;
    RunConfig m_config;
    nlohmann::json m_results;
    std::shared_ptr<nlohmann::json> m_incoming;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QCustomPlot *m_plot = nullptr;
    JobRunner m_runner;
};

} // namespace s2s::ui
