"""The dossier table's rows stored by column: one list or array per value, indexed by a row slot.

A row is a small integer (its slot); the table's orders are lists of slots. The store keeps what the
table shows, sorts and searches by, and no dossier: whoever needs one reads it from the cache by id.

* Sort keys are kept ready per column: folded text, the contact's collation key, and for everything else
  one ``int64`` per row that is ``value << SLOT_BITS | slot`` (dates as ``yyyymmdd``, ranks for status,
  priority and the few distinct types, categories, departments and case managers). Those integers are
  unique, so a sort by them is a plain integer sort, ties fall in load order and a descending sort is
  exactly the ascending one reversed. Dates and days open are shown from the same integers.
* Values with few distinct values (status, priority, type, category, department, case manager, the
  contact's name) are one small code per row in an ``array`` plus a vocabulary of the values.
* Texts that differ per row (No., description) are one ``str`` per row; equal descriptions share one.
* Ids and the search text are not kept as one object per row (see :mod:`.row_ids`, :mod:`.search_text`):
  those would be most of the table's memory, and small objects that live as long as the table, made
  while the fill's short-lived ones come and go, keep the allocator's memory from being given back.

Qt-free; used on the GUI thread only (the batches it stores are built anywhere, see :mod:`.rows`).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from dossier_desk.api.models import Dossier
from dossier_desk.domain.text_fold import fold
from dossier_desk.ui.models.number_keys import number_text
from dossier_desk.ui.models.row_ids import RowIds
from dossier_desk.ui.models.rows import (
    CODED,
    INT_KEYS,
    NO_DEADLINE,
    PENDING,
    SHOWN_TEXTS,
    TEXT_KEYS,
    VOCAB_KEYS,
    PreparedRows,
)
from dossier_desk.ui.models.search_text import SearchText

SLOT_BITS = 20  # a million rows before two rows could share a key
_RANKED = ("status", "priority", *VOCAB_KEYS)  # keys that are small ranks: 32 bits hold rank and slot
_RANK_LIMIT = 1 << (31 - SLOT_BITS)
_CODE_TYPES = (("B", 1 << 8), ("H", 1 << 16), ("I", 1 << 32))  # the narrowest array for a vocabulary
_SLOT_LIMIT = 1 << SLOT_BITS
_FREE = -1  # the integer keys of a free slot: below every row's


class Vocabulary:
    """The distinct values of one column; rows keep a value's code. It only grows (a value no row uses
    any more stays known: there are few)."""

    __slots__ = ("code_of", "values")

    def __init__(self) -> None:
        self.values: list[str] = [""]
        self.code_of: dict[str, int] = {"": 0}

    def code(self, value: str) -> int:
        code = self.code_of.get(value)
        if code is None:
            code = self.code_of[value] = len(self.values)
            self.values.append(value)
        return code

    def codes_of(self, values: Iterable[str]) -> set[int]:
        """The codes of those of ``values`` that are known (for a filter)."""
        return {c for c in map(self.code_of.get, values) if c is not None}


def as_date(number: int) -> date | None:
    """``yyyymmdd`` -> a date (None when blank)."""
    if number <= 0 or number >= NO_DEADLINE:
        return None
    try:
        return date(number // 10_000, number // 100 % 100, number % 100)
    except ValueError:
        return None


class RowStore:
    """Every cached dossier's table values, by column, with free slots reused after removals."""

    def __init__(self) -> None:
        self.ids = RowIds()  # ids[slot] -> id ("" for a free slot), ids.slot(id) -> slot
        self.search = SearchText()  # folded text the instant search looks in
        self.flags = bytearray()  # rows.OVERDUE | DEADLINE_PASSED | ENDING_PASSED | PENDING | RESTRICTED
        self.contact: list[Any] = []  # collation keys, shared between rows with the same name
        self.texts: dict[str, Any] = {name: [] for name in TEXT_KEYS}
        self.texts["no"] = array("q")  # integer keys while every number fits one, else texts
        self.shown: dict[str, list[str]] = {name: [] for name in SHOWN_TEXTS}
        self.codes: dict[str, array[int]] = {name: array("B") for name in CODED}  # widened as needed
        self.vocab: dict[str, Vocabulary] = {name: Vocabulary() for name in CODED}
        self.ints: dict[str, array[int]] = {
            name: array("i" if name in _RANKED else "q") for name in (*INT_KEYS, *VOCAB_KEYS)
        }
        self._size = 0  # slots, used or free
        self._free: list[int] = []
        self._ranks: dict[str, dict[int, int]] = {name: {} for name in VOCAB_KEYS}  # code -> rank
        self._stale_ranks: set[str] = set()

    def __len__(self) -> int:
        return len(self.ids)

    # -- reading ------------------------------------------------------------------------------------
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

    def text(self, slot: int, name: str) -> str:
        """A row's shown text (see ``rows.SHOWN_TEXTS``): No., description."""
        text = self.shown[name][slot]
        if not text and name == "no":
            key = self.texts["no"][slot]  # the number is its own sort key (see RowBuilder.build)
            return key if isinstance(key, str) else number_text(key)
        return text

    def value(self, slot: int, name: str) -> str:
        """A row's value of a coded column (see ``rows.CODED``): status, type, contact name..."""
        return self.vocab[name].values[self.codes[name][slot]]

    def count_by(self, name: str, slots: Iterable[int]) -> Counter[str]:
        """How many of ``slots`` hold each value of a coded column."""
        values, codes = self.vocab[name].values, self.codes[name]
        return Counter({values[c]: n for c, n in Counter(codes[s] for s in slots).items()})

    def outline(self, slot: int) -> Dossier:
        """A ``Dossier`` with only what the table holds (No., description, contact, type, category,
        status, priority, department, case manager): enough to count and list rows, never to edit (the
        store has the whole dossier)."""
        value = self.value
        return Dossier(
            id=self.ids[slot],
            no=self.text(slot, "no"),
            description=self.text(slot, "description"),
            primary_contact_no=value(slot, "contact_no"),
            primary_contact_name=value(slot, "contact"),
            dossier_type_code=value(slot, "type"),
            status=value(slot, "status"),
            category=value(slot, "category"),
            priority=value(slot, "priority"),
            department=value(slot, "department"),
            case_manager_code=value(slot, "case_manager"),
        )

    def number(self, slot: int, name: str) -> int:
        """A row's integer value (see ``rows.INT_KEYS``) without its slot: ``yyyymmdd`` for dates."""
        return self.ints[name][slot] >> SLOT_BITS

    def date(self, slot: int, name: str) -> date | None:
        """A row's date (``document_date``, ``starting_date``, ``ending_date``, ``date_closed``,
        ``deadline``), None when blank."""
        return as_date(self.number(slot, name))

    def days_open(self, slot: int) -> int:
        """Days the row's dossier has been open, -1 when unknown."""
        return self.number(slot, "days_open") - 1

    def slot_count(self) -> int:
        """Slots, used or free (every slot is below this)."""
        return self._size

    def live_slots(self) -> list[int]:
        """Every used slot, in slot order."""
        return self.ids.live_slots()

    # -- writing ------------------------------------------------------------------------------------
    def clear(self) -> None:
        """Forget every row."""
        self.__init__()  # type: ignore[misc]

    def slots_of(self, prepared: PreparedRows) -> list[int | None]:
        """The slot of each of a batch's rows, None for a row not in the table."""
        return self.ids.slots_of(prepared.ids, prepared.guids)

    def put(
        self, prepared: PreparedRows, slots: list[int | None] | None = None
    ) -> tuple[list[int], list[int]]:
        """Store a batch (``slots``: its :meth:`slots_of`, when the caller has them): ``(new slots,
        updated slots)``. A row keeps its pending mark when updated."""
        slots = self.slots_of(prepared) if slots is None else slots
        if not self._free and not any(s is not None for s in slots):
            return self._append(prepared), []
        new: list[int] = []
        updated: list[int] = []
        for i, slot in enumerate(slots):
            # A row the batch holds twice is looked up again once it is stored.
            slot, is_new = self._put_row(prepared, i, slot if slot is not None else -1, rerank=False)
            (new if is_new else updated).append(slot)
        while self._stale_ranks:
            self._rerank(self._stale_ranks.pop())
        return new, updated

    def put_row(self, prepared: PreparedRows, i: int, *, rerank: bool = True) -> tuple[int, bool]:
        """Store row ``i`` of a batch: ``(slot, is new)``."""
        return self._put_row(prepared, i, -1, rerank=rerank)

    def _put_row(self, prepared: PreparedRows, i: int, known: int, *, rerank: bool) -> tuple[int, bool]:
        """:meth:`put_row`; ``known``: the row's slot, -1 when it has to be looked up."""
        dossier_id = prepared.ids[i]
        slot = known if known >= 0 else self.ids.slot(dossier_id)
        flags = prepared.flags[i]
        is_new = slot is None
        if slot is None:
            slot = self._allocate(dossier_id)
        else:
            flags |= self.flags[slot] & PENDING
        self.search[slot] = prepared.search_rows[i]
        self.flags[slot] = flags
        self.contact[slot] = prepared.contact[i]
        self.texts["description"][slot] = prepared.texts["description"][i]
        numbers, number = self.texts["no"], prepared.numbers[i]
        if number < 0 and isinstance(numbers, array):
            numbers = self._numbers_as_texts()
        numbers[slot] = (
            number if isinstance(numbers, array) else prepared.texts["no"][i] or number_text(number)
        )
        for name, texts in prepared.shown.items():
            self.shown[name][slot] = texts[i]
        for name, ints in prepared.ints.items():
            self.ints[name][slot] = ints[i] << SLOT_BITS | slot
        for name, values in prepared.vocab.items():
            code = self.vocab[name].code(values[i])
            self._fit_codes(name)
            self.codes[name][slot] = code
            ranks = self._ranks.get(name)
            if ranks is None:
                continue
            rank = ranks.get(code)  # None: a value new since the last ranking
            if rank is not None:
                self.ints[name][slot] = rank << SLOT_BITS | slot
            elif rerank:
                self._rerank(name)
            else:
                self._stale_ranks.add(name)
        return slot, is_new

    def _append(self, prepared: PreparedRows) -> list[int]:
        """Only new rows and no free slot (a first fill): whole columns are extended at once."""
        start = self._size
        slots = list(range(start, start + len(prepared)))
        if slots and slots[-1] >= _SLOT_LIMIT:
            raise OverflowError("too many dossiers for the table's sort keys")
        self._size += len(slots)
        self.ids.extend(prepared.ids, prepared.guids)
        self.search.extend(prepared.search_rows)
        self.flags.extend(prepared.flags)
        self.contact.extend(prepared.contact)
        self.texts["description"].extend(prepared.texts["description"])
        numbers, texts = self.texts["no"], prepared.texts["no"]
        if isinstance(numbers, array) and (not prepared.numbers or min(prepared.numbers) >= 0):
            numbers.extend(prepared.numbers)
        else:
            numbers = numbers if isinstance(numbers, list) else self._numbers_as_texts()
            numbers.extend([t or number_text(n) for n, t in zip(prepared.numbers, texts, strict=True)])
        for name, texts in prepared.shown.items():
            self.shown[name].extend(texts)
        for name, ints in prepared.ints.items():
            self.ints[name].extend([v << SLOT_BITS | s for v, s in zip(ints, slots, strict=True)])
        for name, values in prepared.vocab.items():
            vocab = self.vocab[name]
            known = len(vocab.values)
            codes = [vocab.code(v) for v in values]
            self._fit_codes(name)
            self.codes[name].extend(codes)
            ranks = self._ranks.get(name)
            if ranks is None:
                continue
            if len(vocab.values) == known and len(ranks) == known:
                self.ints[name].extend([ranks[c] << SLOT_BITS | s for c, s in zip(codes, slots, strict=True)])
            else:
                self.ints[name].extend(slots)
                self._rerank(name)
        return slots

    def remove(self, slots: Iterable[int]) -> None:
        """Free ``slots`` for reuse."""
        for slot in slots:
            self.ids.free(slot)
            self.search[slot] = ""
            self.contact[slot] = None
            for texts in (*self.texts.values(), *self.shown.values()):
                texts[slot] = 0 if isinstance(texts, array) else ""
            for codes in self.codes.values():
                codes[slot] = 0
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
            slot = self._size
            if slot >= _SLOT_LIMIT:
                raise OverflowError("too many dossiers for the table's sort keys")
            self._size += 1
            self.ids.grow(1)
            self.search.append("")
            self.flags.append(0)
            self.contact.append(None)
            for texts in (*self.texts.values(), *self.shown.values()):
                texts.append(0 if isinstance(texts, array) else "")
            for codes in self.codes.values():
                codes.append(0)
            for ints in self.ints.values():
                ints.append(slot)
        self.ids.put(slot, dossier_id)
        return slot

    def _rerank(self, name: str) -> None:
        """A value not seen before (a new department, say): rank every distinct value again, by its
        folded form (values that fold alike rank alike). The order of the known values is kept, so rows
        already in sort order stay in sort order."""
        values = self.vocab[name].values
        folded = [fold(v) for v in values]
        rank_of = {f: r for r, f in enumerate(sorted(set(folded)))}
        ranks = self._ranks[name] = {code: rank_of[f] for code, f in enumerate(folded)}
        live = self._live()
        self.ints[name] = array(
            "i" if len(rank_of) < _RANK_LIMIT else "q",
            [ranks[c] << SLOT_BITS | s if live[s] else _FREE for s, c in enumerate(self.codes[name])],
        )

    def widen_for(self, prepared: PreparedRows) -> None:
        """Turn the No. keys into texts now if ``prepared`` holds a number that fits no integer key.
        Called before anything reads the old keys of the rows a batch replaces: read after the switch
        they must be of the same kind as the keys they are compared with (the order is the same)."""
        if isinstance(self.texts["no"], array) and any(n < 0 for n in prepared.numbers):
            self._numbers_as_texts()

    def _numbers_as_texts(self) -> list[str]:
        """A number that fits no integer key arrived: from now on every number is kept as text."""
        texts = self.texts["no"] = [number_text(n) for n in self.texts["no"]]
        return texts

    def _fit_codes(self, name: str) -> None:
        """Widen a column's codes once its vocabulary outgrows them (most have a few values: a byte)."""
        codes, count = self.codes[name], len(self.vocab[name].values)
        if count > 1 << (8 * codes.itemsize):
            typecode = next(t for t, limit in _CODE_TYPES if count <= limit)
            self.codes[name] = array(typecode, codes)

    def _live(self) -> bytearray:
        """One byte per slot: 1 where the slot holds a row."""
        live = bytearray(self._size)
        for slot in self.ids.live_slots():
            live[slot] = 1
        return live
