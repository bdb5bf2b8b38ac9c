#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace s2s::ui {

// Original | mask | extracted object for one image, with the segmenter that produced the mask.
// Segmentation runs on a worker thread.
class ForegroundPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ForegroundPanel(QWidget *parent = nullptr);

    void setImage(const QString &path);
    void setSegmenter(const QString &kind, const QString &sam2Weights);
    // Whether the current category has foreground extraction (engine rule: backgroundRouting); when
    // not, nothing is segmented and `reason` is shown.
    void setExtractionAllowed(bool allowed, const QString &reason);
    bool extractionAllowed() const { return m_allowed; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void recompute();
    QString requestKey() const; // what the pixmaps depend on: image, segmenter, weights
    static QString shownName(const QString &path); // split/defect/file of an image path

    QString m_path;
    QString m_computed; // image + segmenter of the pixmaps on show; a hidden panel defers the work
    QString m_kind = QStringLiteral("classical");
    QString m_sam2Weights;
    QLabel *m_views[3] = {};
    QLabel *m_status = nullptr;
    QPushButton *m_recompute = nullptr;
    bool m_allowed = true;
    QString m_reason;
    struct Output
    {
        QImage original, mask, extracted;
        QString path, producedBy, error;
        float confidence = 0.f;
    };
    QFutureWatcher<Output> m_watcher;
};

} // namespace s2s::ui
