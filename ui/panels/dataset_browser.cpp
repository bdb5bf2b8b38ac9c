#include "ui/panels/dataset_browser.h"

#include "engine/io/image_io.h"
#include "ui/common/image_utils.h"
#include "ui/app/settings.h"

#include <QComboBox>
#include <QtConcurrent/QtConcurrentMap>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace s2s::ui {

namespace {

constexpr int kThumbSide = 96;

// Decodes on a worker thread (called through QtConcurrent), so browsing never stalls the UI. The
// image keeps its aspect ratio and is centred on a transparent kThumbSide square: every icon has the
// same size, so an item measured before its thumbnail arrives is as large as one measured after.
QImage thumbnail(const ImageRecord &record)
{
    try {
        cv::Mat rgb = readImageRgb(record.image);
        const double scale = static_cast<double>(kThumbSide) / std::max(rgb.cols, rgb.rows);
        cv::Mat small;
        cv::resize(rgb, small, cv::Size(std::max(1, static_cast<int>(std::lround(rgb.cols * scale))),
                                        std::max(1, static_cast<int>(std::lround(rgb.rows * scale)))),
                   0, 0, cv::INTER_AREA);
        QImage square(kThumbSide, kThumbSide, QImage::Format_ARGB32_Premultiplied);
        square.fill(Qt::transparent);
        QPainter p(&square);
        const QPoint origin((kThumbSide - small.cols) / 2, (kThumbSide - small.rows) / 2);
        p.drawImage(origin, toQImage(small));
        if (!record.mask.empty()) {
            cv::Mat mask = readMask(record.mask), smallMask;
            cv::resize(mask, smallMask, small.size(), 0, 0, cv::INTER_NEAREST);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QPen(QColor(0, 255, 120), 1.5));
            p.translate(origin);
            p.drawPath(maskOutline(smallMask));
        }
        return square;
    } catch (const std::exception &) {
        return {};
    }
}

// What an item shows until its thumbnail is decoded: an empty square of the thumbnail's size.
QIcon placeholderIcon()
{
    QPixmap pixmap(kThumbSide, kThumbSide);
    pixmap.fill(QColor(128, 128, 128, 40));
    return QIcon(pixmap);
}

} // namespace

DatasetBrowser::DatasetBrowser(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(tr("No dataset open. Use File > Open dataset, drop a folder here, or generate the demo dataset."), this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_categories = new QTreeWidget(this);
    m_categories->setHeaderLabels({tr("Category"), tr("Kind"), tr("Train"), tr("Test")});
    m_categories->setRootIsDecorated(false);
    // The name takes what the counts leave; never a sideways scroll for four short columns.
    m_categories->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_categories->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_categories->header()->setStretchLastSection(false);
    m_categories->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_categories, 1);

    auto *filters = new QHBoxLayout;
    m_split = new QComboBox(this);
    m_split->addItem(tr("Train"), 0);
    m_split->addItem(tr("Test"), 1);
    m_defect = new QComboBox(this);
    filters->addWidget(new QLabel(tr("Split:"), this));
    filters->addWidget(m_split);
    filters->addWidget(new QLabel(tr("Defect:"), this));
    filters->addWidget(m_defect, 1);
    layout->addLayout(filters);

    // Thumbnails arrive one by one after the items are laid out. Items are not of uniform size (a list
    // with uniform sizes measures its first item once: measured before its icon arrived, every item stayed
    // a strip of text height, showing the top few pixels of its image and no label); each item holds a
    // placeholder of the thumbnail's size until then, and the grid leaves room for a two-line label.
    m_thumbnails = new QListWidget(this);
    m_thumbnails->setViewMode(QListView::IconMode);
    m_thumbnails->setIconSize(QSize(kThumbSide, kThumbSide));
    m_thumbnails->setResizeMode(QListView::Adjust);
    m_thumbnails->setUniformItemSizes(false);
    m_thumbnails->setGridSize(QSize(kThumbSide + 16, kThumbSide + 2 * m_thumbnails->fontMetrics().lineSpacing() + 16));
    m_thumbnails->setWordWrap(true);
    m_thumbnails->setMovement(QListView::Static);
    layout->addWidget(m_thumbnails, 3);

    layout->addWidget(new QLabel(tr("Scan problems (skipped files):"), this));
    m_issues = new QListWidget(this);
    m_issues->setMaximumHeight(110);
    m_issues->setWordWrap(true); // a scan problem is read whole, not clipped
    layout->addWidget(m_issues);

    connect(m_categories, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            showCategory(item->text(0));
    });
    connect(m_categories, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item, int column) {
        if (!item || column != 1)
            return;
        const CategoryKind next = item->text(1) == tr("object") ? CategoryKind::Texture : CategoryKind::Object;
        item->setText(1, next == CategoryKind::Object ? tr("object") : tr("texture"));
        Settings().setCategoryKind(QString::fromStdString(m_dataset->root.string()), item->text(0),
                                   QString::fromLatin1(toString(next).data()));
        Q_EMIT kindChanged(item->text(0), next);
    });
    connect(&m_thumbWatcher, &QFutureWatcher<QImage>::resultReadyAt, this, [this](int index) {
        const QImage image = m_thumbWatcher.resultAt(index);
        if (index < m_thumbnails->count() && !image.isNull()) // an unreadable image keeps the placeholder
            m_thumbnails->item(index)->setIcon(QIcon(QPixmap::fromImage(image)));
    });
    // The split shown survives a restart.
    if (const QVariant split = Settings().choice(QStringLiteral("browser/split")); split.isValid())
        m_split->setCurrentIndex(std::clamp(split.toInt(), 0, m_split->count() - 1));
    connect(m_split, &QComboBox::currentIndexChanged, this, [](int index) {
        Settings().setChoice(QStringLiteral("browser/split"), index);
    });
    connect(m_split, &QComboBox::currentIndexChanged, this, [this] { refreshThumbnails(); });
    connect(m_defect, &QComboBox::currentIndexChanged, this, [this] { refreshThumbnails(); });
    connect(m_thumbnails, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT imageSelected(item->data(Qt::UserRole).toString());
    });
}

const Dataset *DatasetBrowser::dataset() const
{
    return m_dataset ? &*m_dataset : nullptr;
}

CategoryKind DatasetBrowser::kindOf(const QString &category) const
{
    if (!m_dataset)
        return CategoryKind::Object;
    const QString stored = Settings().categoryKind(QString::fromStdString(m_dataset->root.string()), category);
    if (const auto kind = categoryKindFromString(stored.toStdString()))
        return *kind;
    const Category *c = m_dataset->find(category.toStdString());
    return c ? c->kind : CategoryKind::Object;
}

bool DatasetBrowser::selectCategoryByName(const QString &name)
{
    const auto items = m_categories->findItems(name, Qt::MatchExactly, 0);
    if (items.isEmpty())
        return false;
    m_categories->setCurrentItem(items.front());
    return true;
}

QString DatasetBrowser::currentCategory() const
{
    return m_categories->currentItem() ? m_categories->currentItem()->text(0) : QString();
}

void DatasetBrowser::showNotice(const QString &text)
{
    m_summary->setText(text);
}

QString DatasetBrowser::summaryText() const
{
    return m_summary->text();
}

void DatasetBrowser::setDataset(const Dataset &dataset)
{
    m_dataset = dataset;
    m_categories->clear();
    m_issues->clear();
    for (const auto &c : dataset.categories) {
        const QString name = QString::fromStdString(c.name);
        auto *item = new QTreeWidgetItem(m_categories);
        item->setText(0, name);
        item->setText(1, kindOf(name) == CategoryKind::Object ? tr("object") : tr("texture"));
        item->setToolTip(1, c.kindKnown ? tr("Double-click to switch object/texture")
                                        : tr("Kind not known from the name (default); double-click to switch"));
        item->setText(2, QString::number(c.train.size()));
        item->setText(3, QString::number(c.test.size()));
        if (const int noMask = defectsWithoutMask(c); noMask > 0)
            item->setToolTip(3, tr("%1 defect images without a mask (image-level labels)").arg(noMask));
        for (const auto &issue : c.issues)
            m_issues->addItem(QStringLiteral("%1: %2").arg(QString::fromStdString(issue.path.string()),
                                                           QString::fromStdString(issue.message)));
    }
    for (const auto &issue : dataset.issues)
        m_issues->addItem(QStringLiteral("%1: %2").arg(QString::fromStdString(issue.path.string()),
                                                       QString::fromStdString(issue.message)));
    if (m_issues->count() == 0)
        m_issues->addItem(tr("None: every file was usable."));
    m_summary->setText(tr("%1 - %2 categories").arg(QString::fromStdString(dataset.root.string()))
                           .arg(dataset.categories.size()));
    if (m_categories->topLevelItemCount() > 0)
        m_categories->setCurrentItem(m_categories->topLevelItem(0));
}

void DatasetBrowser::showCategory(const QString &name)
{
    m_current = name;
    const Category *c = m_dataset ? m_dataset->find(name.toStdString()) : nullptr;
    m_defect->blockSignals(true);
    m_defect->clear();
    m_defect->addItem(tr("all"), QString());
    m_defect->addItem(QStringLiteral("good"), QStringLiteral("good"));
    if (c)
        for (const auto &d : c->defectTypes)
            m_defect->addItem(QString::fromStdString(d), QString::fromStdString(d));
    m_defect->blockSignals(false);
    refreshThumbnails();
    Q_EMIT categorySelected(name);
}

void DatasetBrowser::refreshThumbnails()
{
    m_thumbnails->clear();
    const Category *c = m_dataset ? m_dataset->find(m_current.toStdString()) : nullptr;
    if (!c)
        return;
    const auto &records = m_split->currentData().toInt() == 0 ? c->train : c->test;
    const QString defect = m_defect->currentData().toString();
    std::vector<ImageRecord> shown;
    const QIcon placeholder = placeholderIcon();
    for (const auto &r : records) {
        if (!defect.isEmpty() && QString::fromStdString(r.defectType) != defect)
            continue;
        if (shown.size() >= 120)
            break; // thumbnails are a preview; the viewer shows every image
        shown.push_back(r);
        QString label = QString::fromStdString(r.defectType + "/" + r.image.filename().string());
        if (r.label == 1 && r.mask.empty())
            label += QLatin1Char('\n') + tr("no mask");
        auto *item = new QListWidgetItem(placeholder, label);
        if (r.label == 1 && r.mask.empty())
            item->setToolTip(tr("Image-level label only: counted in the image metrics, not in the pixel metrics"));
        item->setData(Qt::UserRole, QString::fromStdString(r.image.string()));
        m_thumbnails->addItem(item);
    }
    m_thumbWatcher.cancel();
    m_thumbWatcher.setFuture(QtConcurrent::mapped(shown, thumbnail));
}

} // namespace s2s::ui
