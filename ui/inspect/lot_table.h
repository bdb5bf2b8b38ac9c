#pragma once

#include "ui/inspect/inspect_lot.h"

#include <QTableWidget>

#include <vector>

namespace s2s::ui {

// The Inspect tab's list of a lot: a row per image (name, score, OK/NG in green/red at the threshold on
// screen, milliseconds, note) or per skipped input (greyed, with its reason). Sortable by any column
// (numbers sort as numbers); each row keeps its index in the lot, so sorting never mixes them up.
class LotTable final : public QTableWidget
{
    Q_OBJECT

public:
    enum Column { Name, Score, VerdictColumn, Milliseconds, Note, ColumnCount };
    static constexpr int kValueRole = Qt::UserRole + 1; // the exact number of a score / ms cell
    static constexpr int kLotRole = Qt::UserRole + 2;   // the lot index of a row (its name cell)

    explicit LotTable(QWidget *parent = nullptr);

    void clearRows();
    // `row` is lot row `lotIndex`; its verdict is painted at `threshold`.
    void addLotRow(const InspectRow &row, int lotIndex, double threshold);
    // Every verdict read again at `threshold` (rows: the lot the table shows).
    void paintVerdicts(const std::vector<InspectRow> &rows, double threshold);
    void setNgOnly(bool ngOnly);
    int lotIndex(int tableRow) const;
    int selectedLotIndex() const; // -1: none

private:
    void paintVerdict(int tableRow, bool ng);
    void applyFilter();

    bool m_ngOnly = false;
};

} // namespace s2s::ui
