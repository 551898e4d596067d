"""The dossier table: a ``QAbstractTableModel`` that sorts and filters itself.

Rows live in two lists of :class:`~.rows.DossierRow`: ``_all`` (every cached dossier) and ``_visible``
(those passing the filter, in sort order). Sorting is ``list.sort(key=...)`` wrapped in
``layoutAboutToBeChanged``/``layoutChanged`` with persistent indexes remapped, so the selection survives.
Sync events arrive as :meth:`upsert`/:meth:`remove` and become row inserts, moves, ``dataChanged`` and
removals, keeping the view's scroll position and selection; only very large batches (a first sync) reset.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from dossier_desk.api.models import Dossier
from dossier_desk.ui.models.dossier_columns import (
    COL_DAYS_OPEN,
    COL_ENDING_DATE,
    COL_NEXT_DEADLINE,
    COL_PRIORITY,
    COL_STATUS,
    COLUMN_COUNT,
    OVERDUE_BACKGROUND,
    OVERDUE_TEXT,
    PRIORITY_COLORS,
    SORT_KEYS,
    STATUS_COLORS,
    DossierIdRole,
    DossierRole,
    OverdueRole,
    PendingRole,
    display_text,
    header_text,
    tooltip_text,
)
from dossier_desk.ui.models.dossier_filter import DossierFilter, apply_filter
from dossier_desk.ui.models.rows import DossierRow, no_deadline

_Index = QModelIndex | QPersistentModelIndex

# Batches larger than this (and than a tenth of the table) reset instead of signalling row by row:
# thousands of single-row signals during a first sync cost more than one reset.
_BULK_THRESHOLD = 2000


class DossierTableModel(QAbstractTableModel):
    """All cached dossiers, filtered by a :class:`DossierFilter` and sorted by one column."""

    countsChanged = Signal(int, int)  # visible, total

    def __init__(
        self,
        parent: Any = None,
        *,
        next_deadline: Callable[[Dossier], date | None] = no_deadline,
        today: Callable[[], date] = date.today,
        my_case_manager_code: str = "",
    ) -> None:
        super().__init__(parent)
        self._next_deadline = next_deadline
        self._today = today
        self._my_code = my_case_manager_code
        self._all: list[DossierRow] = []
        self._visible: list[DossierRow] = []
        self._by_id: dict[str, DossierRow] = {}
        self._filter = DossierFilter()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._all_sorted = True  # False when _all needs re-sorting before it is filtered again
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- loading and incremental updates ----------------------------------------------------------
    def set_dossiers(self, dossiers: Iterable[Dossier], pending_ids: Iterable[str] = ()) -> None:
        """Replace everything (startup from the cache)."""
        pending = set(pending_ids)
        today = self._today()
        self.beginResetModel()
        self._all = [DossierRow(d, today, self._next_deadline, d.id in pending) for d in dossiers]
        self._by_id = {r.d.id: r for r in self._all}
        self._all_sorted = False
        self._sort_all()
        self._visible = self._filtered(self._all)
        self.endResetModel()
        self._emit_counts()

    def upsert(self, dossiers: Iterable[Dossier]) -> None:
        """Insert new dossiers and update changed ones, keeping sort order and filter."""
        batch = list(dossiers)
        if len(batch) > _BULK_THRESHOLD and len(batch) * 10 > len(self._all):
            self._bulk(lambda: self._upsert_silently(batch))
            return
        today = self._today()
        for dossier in batch:
            row = self._by_id.get(dossier.id)
            if row is None:
                row = DossierRow(dossier, today, self._next_deadline)
                self._by_id[dossier.id] = row
                self._all.append(row)
                self._all_sorted = False
                if self._passes(row):
                    self._insert_visible(row)
                continue
            was_visible = self._passes(row)
            old_pos = self._find(row) if was_visible else -1
            row.update(dossier, today, self._next_deadline)
            self._all_sorted = False
            now_visible = self._passes(row)
            if was_visible and now_visible:
                self._reposition(row, old_pos)
            elif was_visible:
                self.beginRemoveRows(QModelIndex(), old_pos, old_pos)
                del self._visible[old_pos]
                self.endRemoveRows()
            elif now_visible:
                self._insert_visible(row)
        self._emit_counts()

    def remove(self, ids: Iterable[str]) -> None:
        """Drop dossiers deleted on the server or locally."""
        rows = [r for r in (self._by_id.get(i) for i in ids) if r is not None]
        if len(rows) > _BULK_THRESHOLD and len(rows) * 10 > len(self._all):
            self._bulk(lambda: self._remove_silently(rows))
            return
        for row in rows:
            del self._by_id[row.d.id]
            self._all.remove(row)
            if self._passes(row):
                pos = self._find(row)
                self.beginRemoveRows(QModelIndex(), pos, pos)
                del self._visible[pos]
                self.endRemoveRows()
        self._emit_counts()

    def set_pending_ids(self, ids: Iterable[str]) -> None:
        """Mark rows whose local edits wait in the outbox (italic, tooltip)."""
        pending = set(ids)
        for row in self._all:
            if row.pending != (row.d.id in pending):
                row.pending = not row.pending
                if self._passes(row):
                    pos = self._find(row)
                    self.dataChanged.emit(self.index(pos, 0), self.index(pos, COLUMN_COUNT - 1))

    # -- filter and sort --------------------------------------------------------------------------
    def filter(self) -> DossierFilter:
        """The filter in force."""
        return self._filter

    def set_filter(self, flt: DossierFilter) -> None:
        """Apply a new filter; a stricter text search narrows the current rows instead of all rows."""
        if flt == self._filter:
            return
        old = self._filter
        refines = flt.with_changes(text=old.text) == old and flt.text.lower().startswith(old.text.lower())
        self._filter = flt
        if refines:
            source = self._visible
        else:
            self._sort_all()
            source = self._all
        self._relayout(lambda: self._filtered(source))
        self._emit_counts()

    def set_my_case_manager_code(self, code: str) -> None:
        """The signed-in user's case manager code, for the "My dossiers" filter."""
        self._my_code = code

    def sort_column(self) -> int:
        """Column sorted by, or -1 for cache order."""
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        """Direction of the current sort."""
        return self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the visible rows in place; ``_all`` catches up lazily on the next filter change."""
        if not -1 <= column < COLUMN_COUNT:
            return
        self._sort_column, self._sort_order = column, order
        self._all_sorted = False
        if column < 0:
            return
        key, reverse = SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder

        def sorted_visible() -> list[DossierRow]:
            if self._filter.is_empty():
                # Everything is visible: sort _all once and copy, so the next keystroke needs no sort.
                self._sort_all()
                return list(self._all)
            self._visible.sort(key=key, reverse=reverse)
            return self._visible

        self._relayout(sorted_visible)

    # -- lookups -----------------------------------------------------------------------------------
    def total_count(self) -> int:
        """Number of cached dossiers, filtered or not."""
        return len(self._all)

    def dossier_at(self, row: int) -> Dossier | None:
        """The dossier shown in ``row``."""
        return self._visible[row].d if 0 <= row < len(self._visible) else None

    def dossier_by_id(self, dossier_id: str) -> Dossier | None:
        """A cached dossier, visible or not."""
        row = self._by_id.get(dossier_id)
        return row.d if row else None

    def row_of(self, dossier_id: str) -> int:
        """Visible row of a dossier, -1 when filtered out or unknown."""
        row = self._by_id.get(dossier_id)
        if row is None or not self._passes(row):
            return -1
        return self._find(row)

    def all_dossiers(self) -> list[Dossier]:
        """Every cached dossier (for the contacts view)."""
        return [r.d for r in self._all]

    # -- QAbstractItemModel -------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return header_text(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (COL_DAYS_OPEN,):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        row = self._visible[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return display_text(row, col)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == COL_STATUS:
                return STATUS_COLORS.get(row.d.status)
            if col == COL_PRIORITY:
                return PRIORITY_COLORS.get(row.d.priority)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            # Red marks the date that is actually past, not every date of an overdue row.
            if row.overdue and col == COL_ENDING_DATE and row.d.ending_date < self._today().isoformat():
                return OVERDUE_TEXT
            if row.overdue and col == COL_NEXT_DEADLINE and row.deadline and row.deadline < self._today():
                return OVERDUE_TEXT
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return OVERDUE_BACKGROUND if row.overdue else None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if row.pending else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_DAYS_OPEN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DossierRole:
            return row.d
        if role == DossierIdRole:
            return row.d.id
        if role == OverdueRole:
            return row.overdue
        if role == PendingRole:
            return row.pending
        return None

    # -- internals ----------------------------------------------------------------------------------
    def _passes(self, row: DossierRow) -> bool:
        return bool(self._filtered([row]))

    def _filtered(self, rows: list[DossierRow]) -> list[DossierRow]:
        if self._filter.is_empty():
            return list(rows)
        return apply_filter(rows, self._filter, today=self._today(), my_code=self._my_code)

    def _sort_all(self) -> None:
        if not self._all_sorted and self._sort_column >= 0:
            reverse = self._sort_order == Qt.SortOrder.DescendingOrder
            self._all.sort(key=SORT_KEYS[self._sort_column], reverse=reverse)
        self._all_sorted = True

    def _relayout(self, compute: Callable[[], list[DossierRow]]) -> None:
        """Replace ``_visible`` inside a layout change, remapping persistent indexes by row identity."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._visible[p.row()], p.column()) for p in persistent]
        self._visible = compute()
        if persistent:
            where = {id(r): i for i, r in enumerate(self._visible)}
            moved = []
            for row, col in held:
                pos = where.get(id(row))
                moved.append(QModelIndex() if pos is None else self.index(pos, col))
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _bulk(self, change: Callable[[], None]) -> None:
        self.beginResetModel()
        change()
        self._all_sorted = False
        self._sort_all()
        self._visible = self._filtered(self._all)
        self.endResetModel()
        self._emit_counts()

    def _upsert_silently(self, batch: list[Dossier]) -> None:
        today = self._today()
        for dossier in batch:
            row = self._by_id.get(dossier.id)
            if row is None:
                row = self._by_id[dossier.id] = DossierRow(dossier, today, self._next_deadline)
                self._all.append(row)
            else:
                row.update(dossier, today, self._next_deadline)

    def _remove_silently(self, rows: list[DossierRow]) -> None:
        gone = {id(r) for r in rows}
        for row in rows:
            del self._by_id[row.d.id]
        self._all = [r for r in self._all if id(r) not in gone]

    def _key(self) -> tuple[Callable[[DossierRow], Any] | None, bool]:
        if self._sort_column < 0:
            return None, False
        return SORT_KEYS[self._sort_column], self._sort_order == Qt.SortOrder.DescendingOrder

    def _bisect(self, value: Any, lo: int, hi: int, *, right: bool) -> int:
        """Position for ``value`` among ``_visible[lo:hi]`` under the current sort (either direction)."""
        key, reverse = self._key()
        assert key is not None
        rows = self._visible
        if not reverse:
            fn = bisect.bisect_right if right else bisect.bisect_left
            return fn(rows, value, lo, hi, key=key)
        while lo < hi:  # descending: bisect has no reverse, so search by hand
            mid = (lo + hi) // 2
            k = key(rows[mid])
            if k > value or (right and k == value):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _find(self, row: DossierRow) -> int:
        """Visible position of ``row`` (which must be visible), narrowed by binary search on its key."""
        key, _ = self._key()
        if key is None:
            return self._visible.index(row)
        value = key(row)
        lo = self._bisect(value, 0, len(self._visible), right=False)
        hi = self._bisect(value, lo, len(self._visible), right=True)
        try:
            return self._visible.index(row, lo, hi)
        except ValueError:  # key changed under us (e.g. today's date moved): fall back to a scan
            return self._visible.index(row)

    def _insert_visible(self, row: DossierRow) -> None:
        key, _ = self._key()
        pos = len(self._visible) if key is None else self._bisect(key(row), 0, len(self._visible), right=True)
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._visible.insert(pos, row)
        self.endInsertRows()

    def _reposition(self, row: DossierRow, old: int) -> None:
        """Move an updated visible row to where its new key belongs, then signal its new data."""
        key, _ = self._key()
        new = old
        if key is not None:
            value = key(row)
            left = self._bisect(value, 0, old, right=True)
            # Ties keep their place: after equal keys on the left, before equal keys on the right.
            new = left if left < old else self._bisect(value, old + 1, len(self._visible), right=False) - 1
        if new != old:
            dest = new + 1 if new > old else new  # Qt counts the destination before the removal
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), dest)
            del self._visible[old]
            self._visible.insert(new, row)
            self.endMoveRows()
        self.dataChanged.emit(self.index(new, 0), self.index(new, COLUMN_COUNT - 1))

    def _emit_counts(self) -> None:
        self.countsChanged.emit(len(self._visible), len(self._all))
