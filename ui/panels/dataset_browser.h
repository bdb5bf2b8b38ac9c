#pragma once

#include "engine/data/dataset.h"

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include <optional>

class QComboBox;
class QListWidget;
class QTreeWidget;
class QLabel;

namespace s2s::ui {

// The open dataset: categories with their object/texture kind (toggle), thumbnails per split and
// defect type with ground-truth overlay, and the scan problems (listed, never hidden).
class DatasetBrowser final : public QWidget
{
    Q_OBJECT

public:
    explicit DatasetBrowser(QWidget *parent = nullptr);

    void setDataset(const Dataset &dataset);
    const Dataset *dataset() const;
    // Kind shown for a category (user override or scanner default).
    CategoryKind kindOf(const QString &category) const;
    // Makes a category the current one (categorySelected when it changes); false when it is not listed.
    bool selectCategoryByName(const QString &name);
    QString currentCategory() const; // the category selected in the list, empty when none
    // A line in place of the summary until the next dataset is shown (e.g. "Reopening ...").
    void showNotice(const QString &text);
    QString summaryText() const; // the line above the categories, as shown

Q_SIGNALS:
    void categorySelected(const QString &name);
    void kindChanged(const QString &category, s2s::CategoryKind kind);
    void imageSelected(const QString &path);

private:
    void showCategory(const QString &name);
    void refreshThumbnails();

    std::optional<Dataset> m_dataset;
    QTreeWidget *m_categories = nullptr;
    QComboBox *m_split = nullptr;
    QComboBox *m_defect = nullptr;
    QListWidget *m_thumbnails = nullptr;
    QListWidget *m_issues = nullptr;
    QLabel *m_summary = nullptr;
    QString m_current;
    QFutureWatcher<QImage> m_thumbWatcher;
};

} // namespace s2s::ui
