"""The dossier table: a ``QAbstractTableModel`` that sorts and filters itself.

Rows are stored by column in a :class:`~.row_store.RowStore` and named by slot; ``_all`` holds every slot
and ``_visible`` those passing the filter, in sort order. Sorting sorts those slot lists by a ready key
column, wrapped in ``layoutAboutToBeChanged``/``layoutChanged`` with persistent indexes remapped, so the
selection survives. Batches are built by a :class:`~.rows.RowBuilder` (on any thread) and applied here
with :meth:`apply`: a first fill is one reset; later batches become row inserts, moves, ``dataChanged``
and removals (see :mod:`.row_placement`), keeping the view's scroll position and selection.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from dossier_desk.api.models import Dossier
from dossier_desk.domain.text_fold import fold
from dossier_desk.ui.models.cell_roles import cell_roles
from dossier_desk.ui.models.collation import name_collation
from dossier_desk.ui.models.dossier_columns import (
    COLUMN_COUNT,
    COLUMNS,
    SORT_KEY_NAMES,
    header_text,
)
from dossier_desk.ui.models.dossier_filter import DossierFilter, apply_filter
from dossier_desk.ui.models.row_placement import SMALL_BATCH, RowPlacement
from dossier_desk.ui.models.row_renewal import renew
from dossier_desk.ui.models.row_store import RowStore
from dossier_desk.ui.models.rows import PENDING, PreparedRows, RowBuilder, no_deadline

_Index = QModelIndex | QPersistentModelIndex

# Batches larger than this and than the table itself (a first sync's first page) reset; anything else
# is merged (O(n + k log k)), which keeps the selection and costs less than re-sorting everything.
_BULK_THRESHOLD = 2000
# Asked once per painted cell: combined once here (a Flag's | builds a new member each time).
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class DossierTableModel(RowPlacement):
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
        self._locale = QLocale()  # contact sort keys: collated once per row, in the UI locale
        self._today = today
        self._my_code = my_case_manager_code
        self._store = RowStore()
        self._all: list[int] = []
        self._visible: list[int] = []
        self._pos: dict[int, int] | None = None  # slot -> visible position, built on demand
        self._filter = DossierFilter()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._all_sorted = True  # False when _all needs re-sorting before it is filtered again
        self._watches: list[set[str]] = []  # see watch_changes
        self._italic = QFont()
        self._italic.setItalic(True)
        self._cells = cell_roles(self._store, self._today, self._italic)  # data(): asked per painted cell

    # -- loading and incremental updates ----------------------------------------------------------
    def row_builder(self, *, locale_now: bool = False) -> RowBuilder:
        """A snapshot of what building rows needs, to hand to a worker thread (see :meth:`apply`).
        ``locale_now``: collate in the UI locale in force now (for :meth:`refresh_derived`)."""
        if locale_now:
            self._locale = QLocale()
        # A collator of its own: QCollator is reentrant, not thread-safe.
        return RowBuilder(self._next_deadline, name_collation(self._locale), self._today())

    def set_dossiers(self, dossiers: Iterable[Dossier], pending_ids: Iterable[str] = ()) -> None:
        """Replace everything (startup from the cache)."""
        prepared = self.row_builder().build(list(dossiers), set(pending_ids))
        self.beginResetModel()
        self._staged = None
        self._store.clear()
        self._all = []
        self._fill(prepared)
        self.endResetModel()
        self._emit_counts()

    def apply(self, prepared: PreparedRows) -> None:
        """Apply a batch built by :meth:`row_builder` (on any thread). A first fill (empty model, or a
        batch larger than the table) is one reset. A handful of rows (a local edit) is placed row by row
        with precise signals; larger batches are merged in O(n + k log k): rows are updated in place, the
        ones that enter, leave or move are taken out and the sorted newcomers merged back in one pass,
        inside a single layout change whose persistent indexes (selection, current index) are remapped.
        Staged sync rows (see :meth:`stage`) are placed first."""
        self._before_batch(prepared)
        self._note_changed(prepared.ids)
        if not len(prepared):
            return
        if not self._all or (len(prepared) > _BULK_THRESHOLD and len(prepared) > len(self._all)):
            self.beginResetModel()
            self._fill(prepared)
            self.endResetModel()
        elif len(prepared) <= SMALL_BATCH and self._sort_column >= 0:
            self._apply_row_by_row(prepared)
        else:
            self._apply_batch(prepared)
        self._emit_counts()

    def end_fill(self, prepared: PreparedRows | None, changed: set[str]) -> None:
        """Apply the background read of every row (None: it failed): only the dossiers the table does
        not have (rows that arrived meanwhile are as new or newer) and that were not removed meanwhile."""
        self.stop_watching(changed)
        if prepared is not None:
            drop = self._store.ids.known(prepared.ids) | changed
            self.apply(prepared.without(drop.__contains__))

    def renew_rows(self) -> None:
        """Make the objects kept per row (the orders' row numbers too) again after a fill, so that the
        fill's memory can be given back (see :mod:`.row_renewal`)."""
        self.place_staged()
        orders, self._all, self._visible, self._pos = [self._all, self._visible], [], [], None
        self._all, self._visible = renew(
            self._store, orders, self._next_deadline, name_collation(self._locale)
        )

    def upsert(self, dossiers: Iterable[Dossier]) -> None:
        """Insert new dossiers and update changed ones, keeping sort order and filter (see :meth:`apply`)."""
        self.apply(self.row_builder().build(list(dossiers)))

    def remove(self, ids: Iterable[str]) -> None:
        """Drop dossiers deleted on the server or locally (one pass over the table, ranged signals)."""
        self.place_staged()
        ids = set(ids)
        self._note_changed(ids)
        slots = [s for s in map(self._store.ids.slot, ids) if s is not None]
        if not slots:
            return
        gone = set(slots)
        if len(slots) > _BULK_THRESHOLD and len(slots) * 10 > len(self._all):
            self.beginResetModel()
            self._store.remove(slots)
            self._all = [s for s in self._all if s not in gone]
            self._refilter()
            self.endResetModel()
        else:
            where = self._positions(slots)
            self._all = [s for s in self._all if s not in gone]
            self._remove_visible(slots, where)
            self._store.remove(slots)
        self._emit_counts()

    def set_pending_ids(self, ids: Iterable[str]) -> None:
        """Mark rows whose local edits wait in the outbox (italic, tooltip)."""
        store = self._store
        pending = {s for s in map(store.ids.slot, set(ids)) if s is not None}
        changed = [s for s in self._all if bool(store.flags[s] & PENDING) != (s in pending)]
        for slot in changed:
            store.set_pending(slot, slot in pending)
        if changed:
            where = self._positions(changed)
            self._emit_data_changed(p for p in where.values() if p is not None)

    def refresh_derived(self, prepared: PreparedRows, changed: set[str]) -> None:
        """Take every row's derived values (e.g. deadlines once reference data arrive) from ``prepared``,
        built by ``row_builder(locale_now=True)`` from the cached dossiers while ``changed`` (see
        :meth:`watch_changes`) was watched; rows changed or removed meanwhile keep what they have. Then
        re-sort and re-filter, keeping the selection."""
        self.stop_watching(changed)
        self._before_batch(prepared)
        known = self._store.ids.known(prepared.ids)
        self._store.put(prepared.without(lambda i: i not in known or i in changed))
        self._all_sorted = False
        self._sort_all()
        self._relayout(self._filtered_all)
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
        self.place_staged()
        old = self._filter
        refines = flt.with_changes(text=old.text) == old and fold(flt.text).startswith(fold(old.text))
        self._filter = flt
        if refines:
            narrowed = self._filtered(self._visible)
            if len(narrowed) != len(self._visible):  # a first letter that every row contains: no change
                self._relayout(lambda: narrowed)
        else:
            self._sort_all()
            self._relayout(self._filtered_all)
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

    def sort_key_column(self, column: int) -> Any:
        """The keys ``column`` sorts by, indexable by row slot (what the sort benchmark's floor sorts)."""
        return self._store.key_column(SORT_KEY_NAMES[column])

    def sort_key(self, dossier_id: str, column: int) -> Any:
        """The sort key of a cached dossier in ``column``."""
        return self.sort_key_column(column)[self._store.ids.slot(dossier_id)]  # type: ignore[index]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the visible rows in place; ``_all`` catches up lazily on the next filter change."""
        if not -1 <= column < COLUMN_COUNT:
            return
        self.place_staged()
        self._sort_column, self._sort_order = column, order
        self._all_sorted = False
        if column < 0:
            return
        key, reverse = self._key()

        def sorted_visible() -> list[int]:
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

    def dossier_id_at(self, row: int) -> str:
        """The id of the dossier shown in ``row`` ("" when there is none); read the dossier itself
        from the store."""
        return self._store.ids[self._visible[row]] if 0 <= row < len(self._visible) else ""

    def has_dossier(self, dossier_id: str) -> bool:
        """Whether a dossier is in the table, visible or not."""
        return dossier_id in self._store.ids

    def dossier_ids(self) -> frozenset[str]:
        """Ids of every cached dossier in the table."""
        return frozenset(self._store.ids)

    def row_of(self, dossier_id: str) -> int:
        """Visible row of a dossier, -1 when filtered out or unknown."""
        self.place_staged()
        slot = self._store.ids.slot(dossier_id)
        if slot is None:
            return -1
        pos = self._locate(slot)
        return -1 if pos is None else pos

    def ids_matching(self, flt: DossierFilter) -> list[str]:
        """Ids of every cached dossier passing ``flt`` (whatever the table's own filter), in the table's
        sort order."""
        self._sort_all()
        ids = self._store.ids
        return [ids[s] for s in self._filtered_by(flt)]

    def ids_with(self, name: str, value: str) -> list[str]:
        """Ids of the cached dossiers whose coded column ``name`` (see ``rows.CODED``: ``"contact_no"``,
        ``"type"``...) holds ``value``, in the table's sort order."""
        store = self._store
        code = store.vocab[name].code_of.get(value)
        codes, ids = store.codes[name], store.ids
        self._sort_all()
        return [] if code is None else [ids[s] for s in self._all if codes[s] == code]

    def outline(self, dossier_id: str) -> Dossier | None:
        """What the table holds of a dossier (see ``RowStore.outline``); read the dossier from the store
        for anything else."""
        slot = self._store.ids.slot(dossier_id)
        return None if slot is None else self._store.outline(slot)

    def count_by(self, name: str, flt: DossierFilter | None = None) -> Counter[str]:
        """How many cached dossiers (passing ``flt``) hold each value of the coded column ``name``."""
        slots = self._all if flt is None else self._filtered_by(flt)
        return self._store.count_by(name, slots)

    def _filtered_by(self, flt: DossierFilter) -> list[int]:
        return apply_filter(self._all, flt, self._store, today=self._today(), my_code=self._my_code)

    # -- QAbstractItemModel -------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return header_text(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[section].alignment
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()  # -1 for an invalid index
        if not 0 <= row < len(self._visible):
            return None
        cell = self._cells.get(role)
        return None if cell is None else cell(self._visible[row], index.column())

    # -- internals ----------------------------------------------------------------------------------
    def _fill(self, prepared: PreparedRows) -> None:
        """Store a batch without signals (inside a reset), then sort and filter everything."""
        new, _updated = self._store.put(prepared)
        self._all.extend(new)
        self._all_sorted = False
        self._sort_all()
        self._refilter()

    def _refilter(self) -> None:
        self._visible = self._filtered_all()
        self._pos = None

    def _filtered_all(self) -> list[int]:
        return self._filtered(self._all)

    def _passes_fn(self) -> Callable[[int], bool]:
        """A row test for the filter in force; built once per batch, not once per row."""
        if self._filter.is_empty():
            return lambda _slot: True
        flt, store, today, code = self._filter, self._store, self._today(), self._my_code
        return lambda slot: bool(apply_filter([slot], flt, store, today=today, my_code=code))

    def _filtered(self, slots: list[int]) -> list[int]:
        if self._filter.is_empty():
            return list(slots)
        return apply_filter(slots, self._filter, self._store, today=self._today(), my_code=self._my_code)

    def _sort_all(self) -> None:
        if not self._all_sorted and self._sort_column >= 0:
            # Keyed from the current order: a column correlated with the last one sorted (type after
            # category, one date after another) leaves runs that the sort merges almost for free.
            key, reverse = self._key()
            self._all.sort(key=key, reverse=reverse)
        self._all_sorted = True

    def _apply_row_by_row(self, prepared: PreparedRows) -> None:
        """Few rows: each is stored and placed before the next (positions stay exact)."""
        store = self._store
        key, _ = self._key()
        passes = self._passes_fn()
        for i, dossier_id in enumerate(prepared.ids):
            slot = store.ids.slot(dossier_id)
            before: dict[int, int | None] = {}
            old_keys: dict[int, Any] = {}
            if slot is not None:
                before[slot] = 0 if passes(slot) else None
                if key is not None:
                    old_keys[slot] = key(slot)
            slot, is_new = store.put_row(prepared, i)
            if is_new:
                self._all.append(slot)
            self._all_sorted = False
            self._place_few([slot], before, old_keys)

    def _apply_batch(self, prepared: PreparedRows) -> None:
        store = self._store
        key, _ = self._key()
        passes = self._passes_fn()
        slots = store.slots_of(prepared)
        existing = [s for s in slots if s is not None]
        before = self._positions([s for s in existing if passes(s)]) if existing else {}
        for slot in existing:
            before.setdefault(slot, None)
        old_keys = {s: key(s) for s in existing} if key is not None else {}
        new, updated = store.put(prepared, slots)
        self._all.extend(new)
        self._all_sorted = False
        self._place_batch(new, updated, before, old_keys)

    def _emit_counts(self) -> None:
        self.countsChanged.emit(len(self._visible), len(self._all))
