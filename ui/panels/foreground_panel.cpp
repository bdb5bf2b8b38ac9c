#include "ui/panels/foreground_panel.h"

#include "engine/foreground/classical_segmenter.h"
#include "engine/foreground/segmenter.h"
#include "engine/io/image_io.h"
#include "ui/common/image_utils.h"

#include <algorithm>

#include <QFileInfo>
#include <QGridLayout>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QShowEvent>
#include <QtConcurrent/QtConcurrentRun>

namespace s2s::ui {

ForegroundPanel::ForegroundPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QGridLayout(this);
    const QString titles[3] = {tr("Original"), tr("Foreground mask"), tr("Extracted object")};
    for (int i = 0; i < 3; ++i) {
        auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(titles[i]), this);
        layout->addWidget(title, 0, i, Qt::AlignHCenter);
        m_views[i] = new QLabel(this);
        m_views[i]->setMinimumSize(200, 200); // three side by side fit a 1024-px window beside the dataset dock
        m_views[i]->setAlignment(Qt::AlignCenter);
        m_views[i]->setStyleSheet(QStringLiteral("QLabel { background: #2a2a2a; }"));
        layout->addWidget(m_views[i], 1, i);
    }
    m_status = new QLabel(tr("Select an image (dataset browser or heatmap viewer)."), this);
    m_status->setObjectName(QStringLiteral("foregroundStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status, 2, 0, 1, 2);
    m_recompute = new QPushButton(tr("Recompute"), this);
    layout->addWidget(m_recompute, 2, 2);
    layout->setRowStretch(1, 1);
    connect(m_recompute, &QPushButton::clicked, this, &ForegroundPanel::recompute);
    connect(&m_watcher, &QFutureWatcher<Output>::finished, this, [this] {
        if (m_watcher.isCanceled())
            return;
        const Output out = m_watcher.result();
        if (!out.error.isEmpty()) {
            m_status->setText(out.error);
            return;
        }
        const QImage images[3] = {out.original, out.mask, out.extracted};
        for (int i = 0; i < 3; ++i)
            m_views[i]->setPixmap(QPixmap::fromImage(images[i]).scaled(m_views[i]->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
        m_status->setText(tr("%1 · segmenter: %2, confidence %3")
                              .arg(shownName(out.path), out.producedBy)
                              .arg(out.confidence, 0, 'f', 2));
        m_status->setToolTip(out.path);
    });
}

QString ForegroundPanel::shownName(const QString &path)
{
    // Split, defect type and file ("test/scratch/004.png"): the file name alone repeats in every folder.
    const QStringList parts = QDir::fromNativeSeparators(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return parts.mid(std::max<qsizetype>(0, parts.size() - 3)).join(QLatin1Char('/'));
}

void ForegroundPanel::setExtractionAllowed(bool allowed, const QString &reason)
{
    m_allowed = allowed;
    m_reason = reason;
    m_recompute->setEnabled(allowed);
    if (allowed) {
        m_status->setText(tr("Select an image (dataset browser or heatmap viewer)."));
        m_computed.clear();
        if (isVisible())
            recompute();
        return;
    }
    m_watcher.cancel();
    m_computed.clear();
    for (QLabel *view : m_views)
        view->setPixmap(QPixmap());
    m_status->setText(reason);
}

void ForegroundPanel::setSegmenter(const QString &kind, const QString &sam2Weights)
{
    m_kind = kind;
    m_sam2Weights = sam2Weights;
}

void ForegroundPanel::setImage(const QString &path)
{
    m_path = path;
    if (isVisible())
        recompute();
}

QString ForegroundPanel::requestKey() const
{
    return m_path + QLatin1Char('|') + m_kind + QLatin1Char('|') + m_sam2Weights;
}

void ForegroundPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // An image chosen while another tab was showing is segmented when the panel appears.
    if (!m_path.isEmpty() && m_computed != requestKey())
        recompute();
}

void ForegroundPanel::recompute()
{
    if (m_path.isEmpty() || !m_allowed)
        return;
    m_computed = requestKey();
    m_status->setText(tr("Segmenting %1...").arg(shownName(m_path)));
    const QString path = m_path, kind = m_kind, weights = m_sam2Weights;
    m_watcher.setFuture(QtConcurrent::run([path, kind, weights] {
        Output out;
        out.path = path;
        try {
            const cv::Mat rgb = readImageRgb(path.toStdString());
            std::unique_ptr<Segmenter> segmenter;
            try {
                segmenter = makeSegmenter(kind.toStdString(), weights.toStdString());
            } catch (const std::exception &e) {
                segmenter = std::make_unique<ClassicalSegmenter>();
                out.producedBy = QObject::tr("classical (fallback: %1)").arg(QString::fromUtf8(e.what()));
            }
            SegmentResult r = segmenter->segment(rgb);
            std::string why;
            if (implausibleMask(r.mask, &why))
                out.producedBy += QObject::tr(" - implausible mask (%1): the whole frame is kept").arg(QString::fromStdString(why));
            cv::Mat extracted = cv::Mat::zeros(rgb.size(), CV_8UC3);
            rgb.copyTo(extracted, r.mask);
            out.original = toQImage(rgb);
            out.mask = toQImage(r.mask);
            out.extracted = toQImage(extracted);
            if (out.producedBy.isEmpty() || out.producedBy.startsWith(QLatin1Char(' ')))
                out.producedBy.prepend(QString::fromStdString(r.producedBy));
            out.confidence = r.confidence;
        } catch (const std::exception &e) {
            out.error = QString::fromUtf8(e.what());
        }
        return out;
    }));
}

} // namespace s2s::ui
