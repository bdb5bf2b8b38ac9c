#include "ui/inspect/lot_table.h"

#include "engine/inspect/lot_threshold.h"

#include <QFileInfo>
#include <QHeaderView>

#include <limits>

namespace s2s::ui {

namespace {

// Sorts by the number it holds (kValueRole), not by its text.
class NumberItem final : public QTableWidgetItem
{
public:
    NumberItem(const QString &text, double value)
        : QTableWidgetItem(text)
    {
        setData(LotTable::kValueRole, value);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        return data(LotTable::kValueRole).toDouble() < other.data(LotTable::kValueRole).toDouble();
    }
};

} // namespace

LotTable::LotTable(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({tr("Image"), tr("Score"), tr("Verdict"), tr("ms"), tr("Note")});
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->setVisible(false);
    horizontalHeader()->setStretchLastSection(true);
    setSortingEnabled(true);
    sortByColumn(Name, Qt::AscendingOrder); // a folder's order, until the user sorts by score
}

void LotTable::clearRows()
{
    setRowCount(0);
}

void LotTable::addLotRow(const InspectRow &row, int lotIndex, double threshold)
{
    const QString path = QString::fromStdString(row.path);
    setSortingEnabled(false);
    const int r = rowCount();
    insertRow(r);
    auto *name = new QTableWidgetItem(QFileInfo(path).fileName());
    name->setToolTip(path);
    name->setData(kLotRole, lotIndex);
    setItem(r, Name, name);
    if (row.skipped()) {
        setItem(r, Score, new NumberItem(QString(), -std::numeric_limits<double>::infinity()));
        setItem(r, VerdictColumn, new QTableWidgetItem(tr("skipped")));
        setItem(r, Milliseconds, new NumberItem(QString(), 0.0));
        auto *note = new QTableWidgetItem(QString::fromStdString(row.reason));
        note->setToolTip(note->text());
        setItem(r, Note, note);
        for (int c = 0; c < ColumnCount; ++c)
            item(r, c)->setForeground(QColor(120, 120, 120));
    } else {
        const InspectResult &result = *row.result;
        setItem(r, Score, new NumberItem(QString::number(static_cast<double>(result.score), 'g', 6),
                                         static_cast<double>(result.score)));
        setItem(r, VerdictColumn, new QTableWidgetItem);
        setItem(r, Milliseconds, new NumberItem(QString::number(result.milliseconds, 'f', 1), result.milliseconds));
        setItem(r, Note, new QTableWidgetItem(result.maskSource.empty()
                                                  ? QString()
                                                  : tr("foreground: %1").arg(QString::fromStdString(result.maskSource))));
        paintVerdict(r, isNg(result.score, threshold));
    }
    setSortingEnabled(true);
    if (m_ngOnly)
        setRowHidden(r, item(r, VerdictColumn)->text() != tr("NG"));
}

void LotTable::paintVerdicts(const std::vector<InspectRow> &rows, double threshold)
{
    for (int r = 0; r < rowCount(); ++r) {
        const InspectRow &row = rows.at(static_cast<std::size_t>(lotIndex(r)));
        if (!row.skipped())
            paintVerdict(r, isNg(row.result->score, threshold));
    }
    applyFilter();
}

void LotTable::paintVerdict(int tableRow, bool ng)
{
    QTableWidgetItem *verdict = item(tableRow, VerdictColumn);
    verdict->setText(ng ? tr("NG") : tr("OK"));
    verdict->setData(kValueRole, ng ? 1 : 0);
    verdict->setForeground(ng ? QColor(Qt::white) : QColor(0, 110, 40));
    verdict->setBackground(ng ? QColor(200, 40, 40) : QColor(215, 240, 220));
    QFont font = verdict->font();
    font.setBold(true);
    verdict->setFont(font);
}

void LotTable::setNgOnly(bool ngOnly)
{
    m_ngOnly = ngOnly;
    applyFilter();
}

void LotTable::applyFilter()
{
    for (int r = 0; r < rowCount(); ++r)
        setRowHidden(r, m_ngOnly && item(r, VerdictColumn)->text() != tr("NG"));
}

int LotTable::lotIndex(int tableRow) const
{
    return item(tableRow, Name)->data(kLotRole).toInt();
}

int LotTable::selectedLotIndex() const
{
    const auto selected = selectionModel()->selectedRows();
    return selected.isEmpty() ? -1 : lotIndex(selected.front().row());
}

} // namespace s2s::ui
