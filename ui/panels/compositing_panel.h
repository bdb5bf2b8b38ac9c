#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace s2s::ui {

class FamilyRobustnessView;

// Pseudo-background compositing: family or folder, seed, feathering, a live preview for the selected
// image, and "evaluate with pseudo-backgrounds" (the request is handled by the main window).
class CompositingPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit CompositingPanel(QWidget *parent = nullptr);

    void setImage(const QString &path);
    QString source() const;
    quint64 seed() const;
    double feather() const;
    FamilyRobustnessView *robustness() const { return m_robustness; }

    QLineEdit *folderEdit() const { return m_folder; }
    QPushButton *browseButton() const { return m_browse; }
    QLabel *preview() const { return m_preview; }
    void setSource(const QString &familyOrFolder); // a family name, "all", or a folder
    // Whether the current category may be composited (engine rule: backgroundRouting); when not, every
    // control is disabled and `reason` is shown instead of a preview.
    void setCompositingAllowed(bool allowed, const QString &reason);
    bool compositingAllowed() const { return m_allowed; }
    // The outcome of the last "Evaluate with pseudo-backgrounds", shown where it was asked for (empty
    // clears it); its link asks for the Evaluation tab.
    void showEvaluationSummary(const QString &text);
    QString evaluationSummary() const;

Q_SIGNALS:
    void evaluateRequested();
    void evaluationTabRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updatePreview();
    void showPreview();
    void enableFolder(bool on);
    void chooseFolder();

    QString m_path;
    QComboBox *m_family = nullptr;
    QLineEdit *m_folder = nullptr;
    QPushButton *m_browse = nullptr;
    QImage m_image; // the preview at full size, scaled to the label on show
    QSpinBox *m_seed = nullptr;
    QDoubleSpinBox *m_feather = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_evaluate = nullptr;
    FamilyRobustnessView *m_robustness = nullptr;
    bool m_allowed = true;
    QString m_defaultStatus;
    struct Output
    {
        QImage image;
        QString error;
    };
    QFutureWatcher<Output> m_watcher;
};

} // namespace s2s::ui
