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
from dossier_desk.domain.text_fold import fold
from dossier_desk.ui.models.collation import name_collation
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
from dossier_desk.ui.models.rows import DossierRow, PreparedRows, RowBuilder, no_deadline

_Index = QModelIndex | QPersistentModelIndex

# Batches larger than this and than the table itself (a first sync's first page) reset; anything else
# is merged (O(n + k log k)), which keeps the selection and costs less than re-sorting everything.
_BULK_THRESHOLD = 2000
# Up to this many rows an upsert signals row by row (a local edit); beyond, one merge and layout change.
_SMALL_BATCH = 16
# Removals in up to this many contiguous ranges are signalled as row removals, beyond as a layout change.
_MAX_RANGED_BLOCKS = 32
# Without a sort column a lookup is a scan; beyond this many rows one position map is cheaper.
_FEW_UNSORTED = 4


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
        self._collate = name_collation()  # contact sort keys: once per row, in the UI locale
        self._today = today
        self._my_code = my_case_manager_code
        self._all: list[DossierRow] = []
        self._visible: list[DossierRow] = []
        self._by_id: dict[str, DossierRow] = {}
        self._pos: dict[int, int] | None = None  # id(row) -> visible position, built on demand
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
        self._all = [
            DossierRow(d, today, self._next_deadline, d.id in pending, self._collate) for d in dossiers
        ]
        self._by_id = {r.d.id: r for r in self._all}
        self._all_sorted = False
        self._sort_all()
        self._set_visible(self._filtered(self._all))
        self.endResetModel()
        self._emit_counts()

    def row_builder(self) -> RowBuilder:
        """A snapshot of what building rows needs, to hand to a worker thread (see :meth:`apply`)."""
        return RowBuilder(self._next_deadline, name_collation(), self._today())

    def apply(self, prepared: PreparedRows) -> None:
        """Apply a batch built by :meth:`row_builder`: a first fill (empty model, or a batch larger than
        the table) is one reset, anything else is merged like :meth:`upsert`."""
        if not len(prepared):
            return
        if not self._all or (len(prepared) > _BULK_THRESHOLD and len(prepared) > len(self._all)):
            self.beginResetModel()
            for row in prepared.rows:
                old = self._by_id.get(row.d.id)
                if old is not None:
                    row.pending = row.pending or old.pending
                    self._all[self._all.index(old)] = row
                else:
                    self._all.append(row)
                self._by_id[row.d.id] = row
            self._all_sorted = False
            self._sort_all()
            self._set_visible(self._filtered(self._all))
            self.endResetModel()
            self._emit_counts()
            return
        self.upsert([r.d for r in prepared.rows])

    def upsert(self, dossiers: Iterable[Dossier]) -> None:
        """Insert new dossiers and update changed ones, keeping sort order and filter.

        A handful of rows (a local edit) is applied row by row with precise insert/move/remove signals.
        Larger batches (a sync page) cost O(n + k log k): rows are updated in place, the ones that enter,
        leave or move are taken out and the sorted newcomers merged back in one pass, inside a single
        layout change whose persistent indexes (selection, current index) are remapped.
        """
        batch = list({d.id: d for d in dossiers}.values())  # the last version of a dossier wins
        if not batch:
            return
        if len(batch) > _BULK_THRESHOLD and len(batch) > len(self._all):
            self._bulk(lambda: self._upsert_silently(batch))
            return
        if len(batch) <= _SMALL_BATCH and self._sort_column >= 0:
            self._upsert_row_by_row(batch)
        else:
            self._upsert_batch(batch)
        self._emit_counts()

    def remove(self, ids: Iterable[str]) -> None:
        """Drop dossiers deleted on the server or locally (one pass over the table, ranged signals)."""
        rows = [r for r in (self._by_id.get(i) for i in set(ids)) if r is not None]
        if not rows:
            return
        if len(rows) > _BULK_THRESHOLD and len(rows) * 10 > len(self._all):
            self._bulk(lambda: self._remove_silently(rows))
            return
        gone = {id(r) for r in rows}
        for row in rows:
            del self._by_id[row.d.id]
        self._all = [r for r in self._all if id(r) not in gone]
        where = self._positions(rows)
        positions = sorted(p for p in where.values() if p is not None)
        runs = _runs(positions)
        if len(runs) <= _MAX_RANGED_BLOCKS:
            for first, last in reversed(runs):
                self.beginRemoveRows(QModelIndex(), first, last)
                del self._visible[first : last + 1]
                self._pos = None
                self.endRemoveRows()
        else:
            self._relayout(lambda: [r for r in self._visible if id(r) not in gone])
        self._emit_counts()

    def set_pending_ids(self, ids: Iterable[str]) -> None:
        """Mark rows whose local edits wait in the outbox (italic, tooltip)."""
        pending = set(ids)
        changed = []
        for row in self._all:
            if row.pending != (row.d.id in pending):
                row.pending = not row.pending
                changed.append(row)
        if changed:
            where = self._positions(changed)
            self._emit_data_changed(p for p in where.values() if p is not None)

    def refresh_derived(self) -> None:
        """Recompute every row's derived values (e.g. deadlines once reference data arrive), then re-sort
        and re-filter, keeping the selection. The collation follows the UI locale in force now."""
        today = self._today()
        self._collate = name_collation()
        for row in self._all:
            row.update(row.d, today, self._next_deadline, collate=self._collate)
        self._all_sorted = False
        self._sort_all()
        self._relayout(lambda: self._filtered(self._all))
        if self._visible:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._visible) - 1, COLUMN_COUNT - 1))
        self._emit_counts()

    # -- filter and sort --------------------------------------------------------------------------
    def filter(self) -> DossierFilter:
        """The filter in force."""
        return self._filter

    def set_filter(self, flt: DossierFilter) -> None:
        """Apply a new filter; a stricter text search narrows the current rows instead of all rows."""
        if flt == self._filter:
            return
        old = self._filter
        refines = flt.with_changes(text=old.text) == old and fold(flt.text).startswith(fold(old.text))
        self._filter = flt
        if refines:
            narrowed = self._filtered(self._visible)
            if len(narrowed) != len(self._visible):  # a first letter that every row contains: no change
                self._relayout(lambda: narrowed)
        else:
            self._sort_all()
            self._relayout(lambda: self._filtered(self._all))
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
        if row is None:
            return -1
        pos = self._locate(row)
        return -1 if pos is None else pos

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
    def _set_visible(self, rows: list[DossierRow]) -> None:
        self._visible = rows
        self._pos = None

    def _passes_fn(self) -> Callable[[DossierRow], bool]:
        """A row test for the filter in force; built once per batch, not once per row."""
        if self._filter.is_empty():
            return lambda _row: True
        flt, today, code = self._filter, self._today(), self._my_code
        return lambda row: bool(apply_filter([row], flt, today=today, my_code=code))

    def _passes(self, row: DossierRow) -> bool:
        return self._passes_fn()(row)

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
        """Replace ``_visible`` inside a layout change, remapping the persistent indexes that exist (the
        view's current index and selection: a few) by row identity, not a map of every row."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        visible = self._visible
        held = [(visible[p.row()], p.column()) for p in persistent]
        self._set_visible(compute())
        if persistent:
            # The view holds a persistent index per selected cell: a few rows, looked up once each.
            where = self._positions(list({id(row): row for row, _ in held}.values()))
            moved = []
            for row, col in held:
                pos = where[id(row)]
                moved.append(QModelIndex() if pos is None else self.index(pos, col))
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _bulk(self, change: Callable[[], None]) -> None:
        self.beginResetModel()
        change()
        self._all_sorted = False
        self._sort_all()
        self._set_visible(self._filtered(self._all))
        self.endResetModel()
        self._emit_counts()

    def _upsert_silently(self, batch: list[Dossier]) -> None:
        today = self._today()
        for dossier in batch:
            row = self._by_id.get(dossier.id)
            if row is None:
                row = self._by_id[dossier.id] = DossierRow(
                    dossier, today, self._next_deadline, collate=self._collate
                )
                self._all.append(row)
            else:
                row.update(dossier, today, self._next_deadline, collate=self._collate)

    def _remove_silently(self, rows: list[DossierRow]) -> None:
        gone = {id(r) for r in rows}
        for row in rows:
            del self._by_id[row.d.id]
        self._all = [r for r in self._all if id(r) not in gone]

    def _upsert_row_by_row(self, batch: list[Dossier]) -> None:
        """Few rows: precise per-row insert / move / remove / dataChanged signals (O(n) list ops each)."""
        today = self._today()
        passes = self._passes_fn()
        for dossier in batch:
            row = self._by_id.get(dossier.id)
            if row is None:
                row = DossierRow(dossier, today, self._next_deadline, collate=self._collate)
                self._by_id[dossier.id] = row
                self._all.append(row)
                self._all_sorted = False
                if passes(row):
                    self._insert_visible(row)
                continue
            was_visible = passes(row)
            old_pos = self._find(row) if was_visible else -1
            row.update(dossier, today, self._next_deadline, collate=self._collate)
            self._all_sorted = False
            now_visible = passes(row)
            if was_visible and now_visible:
                self._reposition(row, old_pos)
            elif was_visible:
                self.beginRemoveRows(QModelIndex(), old_pos, old_pos)
                del self._visible[old_pos]
                self._pos = None
                self.endRemoveRows()
            elif now_visible:
                self._insert_visible(row)

    def _upsert_batch(self, batch: list[Dossier]) -> None:
        """Many rows in O(n + k log k): see :meth:`upsert`."""
        today = self._today()
        passes = self._passes_fn()
        key, _ = self._key()
        existing = [r for r in (self._by_id.get(d.id) for d in batch) if r is not None]
        before = self._positions([r for r in existing if passes(r)]) if existing else {}
        entering: list[DossierRow] = []
        staying: list[DossierRow] = []
        leaving: set[int] = set()
        moving: set[int] = set()
        for dossier in batch:
            row = self._by_id.get(dossier.id)
            if row is None:
                row = self._by_id[dossier.id] = DossierRow(
                    dossier, today, self._next_deadline, collate=self._collate
                )
                self._all.append(row)
                if passes(row):
                    entering.append(row)
                continue
            was_visible = before.get(id(row)) is not None
            old_key = key(row) if key is not None and was_visible else None
            row.update(dossier, today, self._next_deadline, collate=self._collate)
            if passes(row):
                if not was_visible:
                    entering.append(row)
                    continue
                staying.append(row)
                # The rest of the list keeps its keys, so a row whose key is unchanged is still in place.
                if key is not None and key(row) != old_key:
                    moving.add(id(row))
            elif was_visible:
                leaving.add(id(row))
        self._all_sorted = False
        if not (entering or leaving or moving):
            self._emit_data_changed(before[id(r)] for r in staying)
            return
        out = leaving | moving
        gone_runs = _runs(sorted(p for i in leaving if (p := before[i]) is not None))
        if not entering and not moving and len(gone_runs) <= _MAX_RANGED_BLOCKS:
            # Only departures (e.g. rows leaving the filter): ranged row removals.
            for first, last in reversed(gone_runs):
                self.beginRemoveRows(QModelIndex(), first, last)
                del self._visible[first : last + 1]
                self._pos = None
                self.endRemoveRows()
        elif key is None and not leaving:
            # Unsorted table, only newcomers: they go at the end in one ranged insert.
            first = len(self._visible)
            self.beginInsertRows(QModelIndex(), first, first + len(entering) - 1)
            self._visible.extend(entering)
            if self._pos is not None:  # appending moves nobody: keep the map for the next delta
                self._pos.update((id(r), first + i) for i, r in enumerate(entering))
            self.endInsertRows()
        else:
            newcomers = entering + [r for r in staying if id(r) in moving]
            self._relayout(lambda: self._merged(out, newcomers))
        self._emit_data_changed(p for p in self._positions(staying).values() if p is not None)

    def _merged(self, out: set[int], newcomers: list[DossierRow]) -> list[DossierRow]:
        """``_visible`` without the rows in ``out``, with ``newcomers`` merged in at their sort positions."""
        base = [r for r in self._visible if id(r) not in out] if out else self._visible
        key, reverse = self._key()
        if key is None:
            return base + newcomers
        newcomers.sort(key=key, reverse=reverse)
        if len(newcomers) <= _SMALL_BATCH:
            positions = [self._bisect_in(base, key(r), 0, len(base), right=True) for r in newcomers]
        else:
            keys = list(map(key, base))
            if reverse:  # bisect has no reverse: search the ascending mirror and map back
                keys.reverse()
                n = len(keys)
                positions = [n - bisect.bisect_left(keys, key(r)) for r in newcomers]
            else:
                positions = [bisect.bisect_right(keys, key(r)) for r in newcomers]
        merged: list[DossierRow] = []
        prev = 0
        for pos, row in zip(positions, newcomers, strict=True):
            if pos > prev:
                merged.extend(base[prev:pos])
                prev = pos
            merged.append(row)
        merged.extend(base[prev:])
        return merged

    def _emit_data_changed(self, positions: Iterable[int]) -> None:
        """One ``dataChanged`` per run of consecutive rows."""
        for first, last in _runs(sorted(positions)):
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))

    def _key(self) -> tuple[Callable[[DossierRow], Any] | None, bool]:
        if self._sort_column < 0:
            return None, False
        return SORT_KEYS[self._sort_column], self._sort_order == Qt.SortOrder.DescendingOrder

    def _bisect(self, value: Any, lo: int, hi: int, *, right: bool) -> int:
        """Position for ``value`` among ``_visible[lo:hi]`` under the current sort (either direction)."""
        return self._bisect_in(self._visible, value, lo, hi, right=right)

    def _bisect_in(self, rows: list[DossierRow], value: Any, lo: int, hi: int, *, right: bool) -> int:
        key, reverse = self._key()
        assert key is not None
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

    def _pos_map(self) -> dict[int, int]:
        if self._pos is None:
            self._pos = {id(r): i for i, r in enumerate(self._visible)}
        return self._pos

    def _locate(self, row: DossierRow, passes: Callable[[DossierRow], bool] | None = None) -> int | None:
        """Visible position of ``row``, None when it is not visible: the position map when there is
        one, else a binary search on its sort key (unsorted: a C-level scan), never a new full map
        for a row the filter hides."""
        if self._pos is not None:
            return self._pos.get(id(row))
        if not (passes or self._passes_fn())(row):
            return None
        if self._sort_column < 0:
            try:
                return self._visible.index(row)
            except ValueError:
                return None
        value = SORT_KEYS[self._sort_column](row)
        lo = self._bisect(value, 0, len(self._visible), right=False)
        hi = self._bisect(value, lo, len(self._visible), right=True)
        try:
            return self._visible.index(row, lo, hi)
        except ValueError:  # its key changed under us
            return self._pos_map().get(id(row))

    def _positions(self, rows: list[DossierRow]) -> dict[int, int | None]:
        """``id(row) -> visible position or None`` for a few rows (binary search) or many (one map)."""
        few = _FEW_UNSORTED if self._sort_column < 0 else _SMALL_BATCH
        if self._pos is not None or len(rows) > few:
            where = self._pos_map()
            return {id(r): where.get(id(r)) for r in rows}
        passes = self._passes_fn()
        return {id(r): self._locate(r, passes) for r in rows}

    def _find(self, row: DossierRow) -> int:
        """Visible position of ``row`` (which must be visible)."""
        pos = self._locate(row)
        assert pos is not None
        return pos

    def _insert_visible(self, row: DossierRow) -> None:
        key, _ = self._key()
        pos = len(self._visible) if key is None else self._bisect(key(row), 0, len(self._visible), right=True)
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._visible.insert(pos, row)
        self._pos = None
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
            self._pos = None
            self.endMoveRows()
        self.dataChanged.emit(self.index(new, 0), self.index(new, COLUMN_COUNT - 1))

    def _emit_counts(self) -> None:
        self.countsChanged.emit(len(self._visible), len(self._all))


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Sorted positions -> ``(first, last)`` runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for p in positions:
        if runs and p == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], p)
        elif not runs or p != runs[-1][1]:
            runs.append((p, p))
    return runs
