"""The dossier table's rows stored by column: one list or array per value, indexed by a row slot.

A row is a small integer (its slot); the table's orders are lists of slots. Sort keys are kept ready per
column: folded text, the contact's collation key, and for everything else one ``int64`` per row that is
``value << SLOT_BITS | slot`` (dates as ``yyyymmdd``, ranks for status, priority and the few distinct
types, categories, departments and case managers). Those integers are unique, so a sort by them is a
plain integer sort, ties fall in load order and a descending sort is exactly the ascending one reversed.

Qt-free; used on the GUI thread only (the batches it stores are built anywhere, see :mod:`.rows`).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from datetime import date
from typing import Any

from dossier_desk.api.models import Dossier
from dossier_desk.ui.models.rows import INT_KEYS, PENDING, TEXT_KEYS, VOCAB_KEYS, PreparedRows

SLOT_BITS = 20  # a million rows before two rows could share a key
_SLOT_LIMIT = 1 << SLOT_BITS
_FREE = -1  # the integer keys of a free slot: below every row's


class RowStore:
    """Every cached dossier's table values, by column, with free slots reused after removals."""

    def __init__(self) -> None:
        self.ids: list[str] = []  # "" marks a free slot
        self.dossiers: list[Dossier | None] = []
        self.search: list[str] = []  # folded text the instant search tests with ``in``
        self.flags = bytearray()  # rows.OVERDUE | DEADLINE_PASSED | ENDING_PASSED | PENDING
        self.deadline: list[date | None] = []
        self.contact: list[Any] = []  # collation keys, shared between rows with the same name
        self.texts: dict[str, list[str]] = {name: [] for name in TEXT_KEYS}
        self.ints: dict[str, array[int]] = {name: array("q") for name in (*INT_KEYS, *VOCAB_KEYS)}
        self.slot_of: dict[str, int] = {}
        self._free: list[int] = []
        self._vocab_values: dict[str, list[str]] = {name: [] for name in VOCAB_KEYS}
        self._vocab_rank: dict[str, dict[str, int]] = {name: {} for name in VOCAB_KEYS}
        self._stale_ranks: set[str] = set()

    def __len__(self) -> int:
        return len(self.slot_of)

    def key_column(self, name: str) -> Any:
        """The sort keys named ``name`` (see :mod:`.rows`), indexable by slot."""
        if name == "contact":
            return self.contact
        texts = self.texts.get(name)
        return texts if texts is not None else self.ints[name]

    def sort_value(self, slot: int, name: str) -> Any:
        """The value a row sorts by under key ``name``, without the slot that breaks ties."""
        value = self.key_column(name)[slot]
        return value >> SLOT_BITS if name in self.ints else value

    def days_open(self, slot: int) -> int:
        """Days the row's dossier has been open, -1 when unknown."""
        return (self.ints["days_open"][slot] >> SLOT_BITS) - 1

    def live_slots(self) -> list[int]:
        """Every used slot, in slot order."""
        return [s for s, i in enumerate(self.ids) if i]

    def clear(self) -> None:
        """Forget every row."""
        self.__init__()  # type: ignore[misc]

    def put(self, prepared: PreparedRows) -> tuple[list[int], list[int]]:
        """Store a batch: ``(new slots, updated slots)``. A row keeps its pending mark when updated."""
        if not self._free and self.slot_of.keys().isdisjoint(prepared.ids):
            return self._append(prepared), []
        new: list[int] = []
        updated: list[int] = []
        for i in range(len(prepared)):
            slot, is_new = self.put_row(prepared, i, rerank=False)
            (new if is_new else updated).append(slot)
        while self._stale_ranks:
            self._rerank(self._stale_ranks.pop())
        return new, updated

    def put_row(self, prepared: PreparedRows, i: int, *, rerank: bool = True) -> tuple[int, bool]:
        """Store row ``i`` of a batch: ``(slot, is new)``."""
        dossier_id = prepared.ids[i]
        slot = self.slot_of.get(dossier_id)
        flags = prepared.flags[i]
        is_new = slot is None
        if slot is None:
            slot = self._allocate(dossier_id)
        else:
            flags |= self.flags[slot] & PENDING
        self.dossiers[slot] = prepared.dossiers[i]
        self.search[slot] = prepared.search[i]
        self.flags[slot] = flags
        self.deadline[slot] = prepared.deadline[i]
        self.contact[slot] = prepared.contact[i]
        for name, texts in prepared.texts.items():
            self.texts[name][slot] = texts[i]
        for name, ints in prepared.ints.items():
            self.ints[name][slot] = ints[i] << SLOT_BITS | slot
        for name, values in prepared.vocab.items():
            value = sys.intern(values[i])
            self._vocab_values[name][slot] = value
            rank = self._vocab_rank[name].get(value)
            if rank is not None:
                self.ints[name][slot] = rank << SLOT_BITS | slot
            elif rerank:
                self._rerank(name)
            else:
                self._stale_ranks.add(name)
        return slot, is_new

    def _append(self, prepared: PreparedRows) -> list[int]:
        """Only new rows and no free slot (a first fill): whole columns are extended at once."""
        start = len(self.ids)
        slots = list(range(start, start + len(prepared)))
        if slots and slots[-1] >= _SLOT_LIMIT:
            raise OverflowError("too many dossiers for the table's sort keys")
        self.ids.extend(prepared.ids)
        self.slot_of.update(zip(prepared.ids, slots, strict=True))
        self.dossiers.extend(prepared.dossiers)
        self.search.extend(prepared.search)
        self.flags.extend(prepared.flags)
        self.deadline.extend(prepared.deadline)
        self.contact.extend(prepared.contact)
        for name, texts in prepared.texts.items():
            self.texts[name].extend(texts)
        for name, ints in prepared.ints.items():
            self.ints[name].extend([v << SLOT_BITS | s for v, s in zip(ints, slots, strict=True)])
        intern = sys.intern
        for name, values in prepared.vocab.items():
            interned = [intern(v) for v in values]
            self._vocab_values[name].extend(interned)
            ranks = self._vocab_rank[name]
            if ranks.keys() >= set(interned):
                self.ints[name].extend(
                    [ranks[v] << SLOT_BITS | s for v, s in zip(interned, slots, strict=True)]
                )
            else:
                self.ints[name].extend(slots)
                self._rerank(name)
        return slots

    def remove(self, slots: Iterable[int]) -> None:
        """Free ``slots`` for reuse."""
        for slot in slots:
            del self.slot_of[self.ids[slot]]
            self.ids[slot] = ""
            self.dossiers[slot] = None
            self.search[slot] = ""
            self.contact[slot] = None
            self.deadline[slot] = None
            for ints in self.ints.values():
                ints[slot] = _FREE
            self._free.append(slot)

    def set_pending(self, slot: int, pending: bool) -> None:
        """Mark or unmark a row's local edits waiting in the outbox."""
        self.flags[slot] = self.flags[slot] | PENDING if pending else self.flags[slot] & ~PENDING

    def _allocate(self, dossier_id: str) -> int:
        if self._free:
            slot = self._free.pop()
        else:
            slot = len(self.ids)
            if slot >= _SLOT_LIMIT:
                raise OverflowError("too many dossiers for the table's sort keys")
            self.ids.append("")
            self.dossiers.append(None)
            self.search.append("")
            self.flags.append(0)
            self.deadline.append(None)
            self.contact.append(None)
            for texts in self.texts.values():
                texts.append("")
            for ints in self.ints.values():
                ints.append(slot)
            for values in self._vocab_values.values():
                values.append("")
        self.ids[slot] = dossier_id
        self.slot_of[dossier_id] = slot
        return slot

    def _rerank(self, name: str) -> None:
        """A value not seen before (a new department, say): rank every distinct value again. The order
        of the known values is kept, so rows already in sort order stay in sort order."""
        values = self._vocab_values[name]
        ranks = {v: r for r, v in enumerate(sorted(set(values)))}
        self._vocab_rank[name] = ranks
        ids = self.ids
        self.ints[name] = array(
            "q", [ranks[v] << SLOT_BITS | s if ids[s] else _FREE for s, v in enumerate(values)]
        )
