"""Where rows go when they change: the dossier table's merge and position machinery.

A mixin for :class:`~.dossier_table_model.DossierTableModel`. Rows are slots of the model's
:class:`~.row_store.RowStore`; ``_visible`` is the list of slots shown, in sort order. A handful of changed
rows is placed with precise insert / move / remove signals; a larger batch is merged in O(n + k log k)
inside one layout change whose persistent indexes (selection, current index) are remapped.

Sync pages take a third way (:meth:`RowPlacement.stage`): new rows are stored and their insertion points
found batch by batch, and :meth:`RowPlacement.place_staged` shows everything staged with one ranged
insert or layout change, so the view repaints once for many batches. Until then the staged rows are in
``_all`` (counted, listed, looked up) but not in ``_visible``. Every other change places them first, so
``_visible`` stays as it was when the insertion points were found.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, Qt

from dossier_desk.ui.models.dossier_columns import COLUMN_COUNT, SORT_KEY_NAMES
from dossier_desk.ui.models.row_store import RowStore
from dossier_desk.ui.models.rows import PreparedRows

# Up to this many rows an upsert signals row by row (a local edit); beyond, one merge and layout change.
SMALL_BATCH = 16
# Removals in up to this many contiguous ranges are signalled as row removals, beyond as a layout change.
MAX_RANGED_BLOCKS = 32
# Without a sort column a lookup is a scan; beyond this many rows one position map is cheaper.
_FEW_UNSORTED = 4

_Key = Callable[[int], Any]
# Every layout change here moves, adds or drops rows, never columns: with this hint the horizontal header
# skips its own bookkeeping (measured: ~2 ms less view work per layout change at 100k rows).
_ROWS_ONLY = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
_HINTED = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


class _Staged:
    """New rows stored but not shown yet: their slots, where each goes in ``_visible`` as it is now, and
    (descending sort) ``_visible`` reversed for bisect, made once per placement."""

    __slots__ = ("at", "mirror", "slots")

    def __init__(self) -> None:
        self.slots: list[int] = []
        self.at: list[int] = []
        self.mirror: list[int] | None = None


class RowPlacement(QAbstractTableModel):
    """Keeps ``_visible`` sorted and filtered under changes, with the signals a view needs."""

    _store: RowStore
    _visible: list[int]
    _pos: dict[int, int] | None
    _sort_column: int
    _sort_order: Qt.SortOrder

    _all: list[int]
    _all_sorted: bool
    _staged: _Staged | None = None  # see stage()
    _watches: list[set[str]]  # see watch_changes()

    def _passes_fn(self) -> Callable[[int], bool]:  # provided by the model
        raise NotImplementedError

    def apply(self, prepared: PreparedRows) -> None:  # provided by the model
        raise NotImplementedError

    def _emit_counts(self) -> None:  # provided by the model
        raise NotImplementedError

    # -- staged placement (sync pages) --------------------------------------------------------------
    def watch_changes(self) -> set[str]:
        """Start a background read of the cache: the returned set collects the ids of every row changed
        or removed from now on, whose newer state the read's result must not undo (see :meth:`end_fill`,
        :meth:`refresh_derived`, which stop the watch)."""
        changed: set[str] = set()
        self._watches.append(changed)
        return changed

    def _note_changed(self, ids: Iterable[str]) -> None:
        for changed in self._watches:
            changed.update(ids)

    def stop_watching(self, changed: set[str]) -> None:
        """End a watch (a background read failed, or its result was applied)."""
        self._watches = [w for w in self._watches if w is not changed]

    def _before_batch(self, prepared: PreparedRows) -> None:
        """Ready the store for ``prepared`` before any old sort key is read (see
        ``RowStore.widen_for``), and place the staged rows first."""
        self._store.widen_for(prepared)
        self.place_staged()

    def stage(self, prepared: PreparedRows) -> None:
        """Take a batch of sync rows now and show it with the next :meth:`place_staged` (many batches,
        one layout change). Only new rows are staged; a first fill, or a batch with rows the table
        has, is applied at once (after what is staged: see :meth:`apply`)."""
        if not len(prepared):
            return
        self._store.widen_for(prepared)
        slots = self._store.slots_of(prepared) if self._all else []
        if not self._all or any(s is not None for s in slots):
            self.apply(prepared)
            return
        self._note_changed(prepared.ids)
        new, _ = self._store.put(prepared, slots)
        self._all.extend(new)
        self._all_sorted = False
        staged = self._staged = self._staged or _Staged()
        passes = self._passes_fn()
        entering = [s for s in new if passes(s)]
        staged.slots.extend(entering)
        staged.at.extend(self._insertion_points(entering, staged))

    def place_staged(self) -> None:
        """Show the staged rows: one ranged insert when they all go to one place (an unsorted table, or
        rows sorted by when they changed), else one layout change with the selection kept."""
        staged, self._staged = self._staged, None
        if staged is None:
            return
        slots, at = staged.slots, staged.at
        if slots:
            key, reverse = self._key()
            if key is not None:  # insertion points rise with the sort order: pair the two sorted lists
                slots.sort(key=key, reverse=reverse)
                at.sort()
            if at[0] == at[-1]:
                first = at[0]
                self.beginInsertRows(QModelIndex(), first, first + len(slots) - 1)
                self._visible[first:first] = slots
                self._pos = None
                self.endInsertRows()
            else:
                self._relayout(lambda: _interleaved(self._visible, slots, at))
        self._emit_counts()

    def _insertion_points(self, slots: list[int], staged: _Staged) -> list[int]:
        """Where each of ``slots`` goes in ``_visible`` (after rows with equal keys), by binary search."""
        visible = self._visible
        key, reverse = self._key()
        if key is None:
            return [len(visible)] * len(slots)
        if not reverse:
            return [bisect.bisect_right(visible, key(s), key=key) for s in slots]
        if staged.mirror is None:
            staged.mirror = visible[::-1]  # bisect has no reverse: search the ascending mirror
        mirror, n = staged.mirror, len(visible)
        return [n - bisect.bisect_left(mirror, key(s), key=key) for s in slots]

    # -- signalled placement ------------------------------------------------------------------------
    def _place_few(
        self, slots: list[int], was_visible: dict[int, int | None], old_keys: dict[int, Any]
    ) -> None:
        """Few rows already stored: precise per-row insert / move / remove / dataChanged signals.

        ``was_visible`` holds each updated slot's position before the update (None: hidden; absent: new).
        """
        passes = self._passes_fn()
        for slot in slots:
            if slot not in was_visible:
                if passes(slot):
                    self._insert_visible(slot)
                continue
            now_visible = passes(slot)
            if was_visible[slot] is None:
                if now_visible:
                    self._insert_visible(slot)
                continue
            old_pos = self._find(slot, old_keys.get(slot))
            if now_visible:
                self._reposition(slot, old_pos)
            else:
                self.beginRemoveRows(QModelIndex(), old_pos, old_pos)
                del self._visible[old_pos]
                self._pos = None
                self.endRemoveRows()

    def _place_batch(
        self, new: list[int], updated: list[int], before: dict[int, int | None], old_keys: dict[int, Any]
    ) -> None:
        """Many rows already stored, in O(n + k log k): see ``DossierTableModel.upsert``."""
        passes = self._passes_fn()
        key, _ = self._key()
        entering = [s for s in new if passes(s)]
        staying: list[int] = []
        leaving: set[int] = set()
        moving: set[int] = set()
        for slot in updated:
            was_visible = before.get(slot) is not None
            if passes(slot):
                if not was_visible:
                    entering.append(slot)
                    continue
                staying.append(slot)
                # The rest of the list keeps its order, so a row whose key is unchanged is still in place.
                if key is not None and key(slot) != old_keys.get(slot):
                    moving.add(slot)
            elif was_visible:
                leaving.add(slot)
        if not (entering or leaving or moving):
            self._emit_data_changed(p for s in staying if (p := before[s]) is not None)
            return
        out = leaving | moving
        gone_runs = runs(sorted(p for s in leaving if (p := before[s]) is not None))
        if not entering and not moving and len(gone_runs) <= MAX_RANGED_BLOCKS:
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
                self._pos.update((s, first + i) for i, s in enumerate(entering))
            self.endInsertRows()
        else:
            newcomers = entering + [s for s in staying if s in moving]
            self._relayout(lambda: self._merged(out, newcomers))
        self._emit_data_changed(p for p in self._positions(staying).values() if p is not None)

    def _remove_visible(self, slots: list[int], where: dict[int, int | None]) -> None:
        """Take rows out of ``_visible`` (positions in ``where``): ranged removals or one layout change."""
        gone = set(slots)
        positions = sorted(p for p in where.values() if p is not None)
        blocks = runs(positions)
        if len(blocks) <= MAX_RANGED_BLOCKS:
            for first, last in reversed(blocks):
                self.beginRemoveRows(QModelIndex(), first, last)
                del self._visible[first : last + 1]
                self._pos = None
                self.endRemoveRows()
        else:
            self._relayout(lambda: [s for s in self._visible if s not in gone])

    def _relayout(self, compute: Callable[[], list[int]]) -> None:
        """Replace ``_visible`` inside a layout change, remapping the persistent indexes that exist (the
        view's current index and selection: a few) by slot, not a map of every row."""
        self.layoutAboutToBeChanged[_HINTED].emit([], _ROWS_ONLY)
        persistent = self.persistentIndexList()
        visible = self._visible
        held = [(visible[p.row()], p.column()) for p in persistent]
        self._visible = compute()
        self._pos = None
        if persistent:
            where = self._positions(list({slot for slot, _ in held}))
            moved = []
            for slot, col in held:
                pos = where[slot]
                moved.append(QModelIndex() if pos is None else self.index(pos, col))
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged[_HINTED].emit([], _ROWS_ONLY)

    def _merged(self, out: set[int], newcomers: list[int]) -> list[int]:
        """``_visible`` without the slots in ``out``, with ``newcomers`` merged in at their sort positions."""
        base = [s for s in self._visible if s not in out] if out else self._visible
        key, reverse = self._key()
        if key is None:
            return base + newcomers
        newcomers.sort(key=key, reverse=reverse)
        # k binary searches over the slots themselves (O(k log n) key lookups), never a list of every
        # row's key: a sync page merged into 100k rows then costs about a millisecond, not ten.
        if not reverse:
            positions = [bisect.bisect_right(base, key(s), key=key) for s in newcomers]
        else:  # bisect has no reverse: search the ascending mirror (a C-level copy) and map back
            mirror, n = base[::-1], len(base)
            positions = [n - bisect.bisect_left(mirror, key(s), key=key) for s in newcomers]
        return _interleaved(base, newcomers, positions)

    def _emit_data_changed(self, positions: Iterable[int]) -> None:
        """One ``dataChanged`` per run of consecutive rows."""
        for first, last in runs(sorted(positions)):
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))

    # -- lookups -------------------------------------------------------------------------------------
    def _key(self) -> tuple[_Key | None, bool]:
        if self._sort_column < 0:
            return None, False
        column = self._store.key_column(SORT_KEY_NAMES[self._sort_column])
        return column.__getitem__, self._sort_order == Qt.SortOrder.DescendingOrder

    def _bisect(self, value: Any, lo: int, hi: int, *, right: bool) -> int:
        """Position for ``value`` among ``_visible[lo:hi]`` under the current sort (either direction)."""
        return self._bisect_in(self._visible, value, lo, hi, right=right)

    def _bisect_in(self, slots: list[int], value: Any, lo: int, hi: int, *, right: bool) -> int:
        key, reverse = self._key()
        assert key is not None
        if not reverse:
            fn = bisect.bisect_right if right else bisect.bisect_left
            return fn(slots, value, lo, hi, key=key)
        while lo < hi:  # descending: bisect has no reverse, so search by hand
            mid = (lo + hi) // 2
            k = key(slots[mid])
            # Only ``<`` is asked of keys: a contact's QCollatorSortKey has no ``>`` or ``==``.
            if value < k or (right and not k < value):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _pos_map(self) -> dict[int, int]:
        if self._pos is None:
            self._pos = {s: i for i, s in enumerate(self._visible)}
        return self._pos

    def _locate(self, slot: int, passes: Callable[[int], bool] | None = None) -> int | None:
        """Visible position of ``slot``, None when it is not visible: the position map when there is
        one, else a binary search on its sort key (unsorted: a C-level scan), never a new full map
        for a row the filter hides."""
        if self._pos is not None:
            return self._pos.get(slot)
        if not (passes or self._passes_fn())(slot):
            return None
        return self._search(slot)

    def _search(self, slot: int, value: Any = None) -> int | None:
        """Position of a visible ``slot`` by binary search on its (old) key, else a scan."""
        key, _ = self._key()
        if key is None:
            try:
                return self._visible.index(slot)
            except ValueError:
                return None
        if value is None:
            value = key(slot)
        lo = self._bisect(value, 0, len(self._visible), right=False)
        hi = self._bisect(value, lo, len(self._visible), right=True)
        try:
            return self._visible.index(slot, lo, hi)
        except ValueError:  # its key changed under us
            return self._pos_map().get(slot)

    def _positions(self, slots: list[int]) -> dict[int, int | None]:
        """``slot -> visible position or None`` for a few rows (binary search) or many (one map)."""
        few = _FEW_UNSORTED if self._sort_column < 0 else SMALL_BATCH
        if self._pos is not None or len(slots) > few:
            where = self._pos_map()
            return {s: where.get(s) for s in slots}
        passes = self._passes_fn()
        return {s: self._locate(s, passes) for s in slots}

    def _find(self, slot: int, old_key: Any = None) -> int:
        """Visible position of ``slot`` (which was visible, with sort key ``old_key``)."""
        pos = self._pos.get(slot) if self._pos is not None else self._search(slot, old_key)
        assert pos is not None
        return pos

    def _insert_visible(self, slot: int) -> None:
        key, _ = self._key()
        n = len(self._visible)
        pos = n if key is None else self._bisect(key(slot), 0, n, right=True)
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._visible.insert(pos, slot)
        self._pos = None
        self.endInsertRows()

    def _reposition(self, slot: int, old: int) -> None:
        """Move an updated visible row to where its new key belongs, then signal its new data."""
        key, _ = self._key()
        new = old
        if key is not None:
            value = key(slot)
            left = self._bisect(value, 0, old, right=True)
            # Ties keep their place: after equal keys on the left, before equal keys on the right.
            new = left if left < old else self._bisect(value, old + 1, len(self._visible), right=False) - 1
        if new != old:
            dest = new + 1 if new > old else new  # Qt counts the destination before the removal
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), dest)
            del self._visible[old]
            self._visible.insert(new, slot)
            self._pos = None
            self.endMoveRows()
        self.dataChanged.emit(self.index(new, 0), self.index(new, COLUMN_COUNT - 1))


def _interleaved(base: list[int], slots: list[int], at: list[int]) -> list[int]:
    """``base`` with ``slots[i]`` inserted before ``base[at[i]]`` (``at`` ascending), in one pass."""
    merged: list[int] = []
    prev = 0
    for pos, slot in zip(at, slots, strict=True):
        if pos > prev:
            merged.extend(base[prev:pos])
            prev = pos
        merged.append(slot)
    merged.extend(base[prev:])
    return merged


def runs(positions: list[int]) -> list[tuple[int, int]]:
    """Sorted positions -> ``(first, last)`` runs of consecutive rows."""
    out: list[tuple[int, int]] = []
    for p in positions:
        if out and p == out[-1][1] + 1:
            out[-1] = (out[-1][0], p)
        elif not out or p != out[-1][1]:
            out.append((p, p))
    return out
