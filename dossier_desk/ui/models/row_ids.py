"""The dossier table's ids by row slot, without one ``str`` (and one dict entry) per row.

Server ids are GUIDs: each is kept as its 16 bytes in one ``bytearray`` (slot ``s`` at ``16 * s``), and
found again through an open-addressing hash table of slots in ``array``s (64 shards, each grown on its
own, so growing never rebuilds the whole index while the window waits). That is about 26 bytes a
row instead of about 140 (a 36-character ``str`` plus its entry in a ``dict``), and none of it is a
small object that would pin the allocator's memory. Any other id (a queued create's local id, an id not
in canonical lower-case form) is kept in two small dicts, as is. An id's ``str`` is made again when it
is read (:meth:`RowIds.__getitem__`).

Qt-free; used on the GUI thread only.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterator, Sequence

GUID_SIZE = 16
NO_GUID = bytes(GUID_SIZE)  # a free slot, or a slot whose id is kept as is
_EMPTY = -1
_GONE = -2  # a removed entry: lookups probe past it
_SHARD_BITS = 6
_SHARDS = 1 << _SHARD_BITS
_SHARD_MASK = _SHARDS - 1
_MIN_SHARD = 16


def guid_bytes(dossier_id: str) -> bytes | None:
    """The 16 bytes of a GUID written in canonical lower-case form, None for any other id (those are
    kept as they are, so an id always reads back exactly as it was given)."""
    if len(dossier_id) != 36 or dossier_id.count("-") != 4:
        return None
    if dossier_id[8] != "-" or dossier_id[13] != "-" or dossier_id[18] != "-" or dossier_id[23] != "-":
        return None
    digits = dossier_id.replace("-", "")
    if not digits.isalnum() or digits != digits.lower():
        return None
    try:
        raw = bytes.fromhex(digits)
    except ValueError:
        return None
    return None if raw == NO_GUID else raw


def guid_text(raw: bytes | bytearray) -> str:
    """The canonical form of a GUID's 16 bytes."""
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class RowIds:
    """Slot -> id (``ids[slot]``, "" for a free slot) and id -> slot (:meth:`slot`, :meth:`slots_of`)."""

    __slots__ = ("_count", "_filled", "_odd", "_odd_slot", "_raw", "_tables")

    def __init__(self) -> None:
        self._raw = bytearray()  # 16 bytes per slot
        self._tables = [array("i", [_EMPTY]) * _MIN_SHARD for _ in range(_SHARDS)]
        self._filled = [0] * _SHARDS  # entries in use or gone, per shard
        self._count = 0  # GUID ids held
        self._odd: dict[int, str] = {}  # slot -> an id kept as is
        self._odd_slot: dict[str, int] = {}

    def __len__(self) -> int:
        return self._count + len(self._odd)

    def __getitem__(self, slot: int) -> str:
        start = slot * GUID_SIZE
        raw = self._raw[start : start + GUID_SIZE]
        if raw != NO_GUID:
            return guid_text(raw)
        return self._odd.get(slot, "")

    def __contains__(self, dossier_id: object) -> bool:
        return isinstance(dossier_id, str) and self.slot(dossier_id) is not None

    def __iter__(self) -> Iterator[str]:
        """Every id held, in slot order."""
        for slot in self.live_slots():
            yield self[slot]

    def slot(self, dossier_id: str) -> int | None:
        """The slot holding ``dossier_id``, None when it is not in the table."""
        raw = guid_bytes(dossier_id)
        return self._odd_slot.get(dossier_id) if raw is None else self._find(raw)

    def slots_of(self, ids: Sequence[str], guids: bytes | bytearray) -> list[int | None]:
        """:meth:`slot` of each of ``ids``, whose 16-byte forms ``guids`` (zeros for other ids, see
        :func:`guid_bytes`) a batch made off the GUI thread."""
        raw, find, odd = bytes(guids), self._find, self._odd_slot
        return [
            odd.get(i) if (key := raw[n * GUID_SIZE : n * GUID_SIZE + GUID_SIZE]) == NO_GUID else find(key)
            for n, i in enumerate(ids)
        ]

    def isdisjoint(self, ids: Collection[str]) -> bool:
        """Whether none of ``ids`` is in the table."""
        return not self.known(ids)

    def known(self, ids: Collection[str]) -> set[str]:
        """Those of ``ids`` that are in the table, looked up from the smaller side (a first screen's
        rows against a background read of every row, or a sync page against the whole table)."""
        if not len(self):
            return set()
        if len(self) < len(ids):
            wanted = ids if isinstance(ids, set | frozenset) else set(ids)
            return {i for i in self if i in wanted}
        return {i for i in ids if self.slot(i) is not None}

    def live_slots(self) -> list[int]:
        """Every slot holding an id, in slot order."""
        raw, odd, size = self._raw, self._odd, GUID_SIZE
        return [s for s in range(len(raw) // size) if s in odd or raw[s * size : s * size + size] != NO_GUID]

    # -- writing ------------------------------------------------------------------------------------
    def grow(self, slots: int) -> None:
        """Make room for ``slots`` more (free) slots at the end."""
        self._raw += bytes(slots * GUID_SIZE)

    def put(self, slot: int, dossier_id: str) -> None:
        """Give a free slot its id (an id not in the table)."""
        raw = guid_bytes(dossier_id)
        if raw is None:
            self._odd[slot] = dossier_id
            self._odd_slot[dossier_id] = slot
            return
        self._raw[slot * GUID_SIZE : slot * GUID_SIZE + GUID_SIZE] = raw
        self._index(slot, raw)

    def extend(self, ids: Sequence[str], guids: bytes | bytearray) -> None:
        """Append new slots holding ``ids`` (none of them in the table), whose 16-byte forms ``guids``
        (see :meth:`slots_of`) were made beforehand."""
        first = len(self._raw) // GUID_SIZE
        raw = bytes(guids)
        self._raw += raw
        for n, dossier_id in enumerate(ids):
            key = raw[n * GUID_SIZE : n * GUID_SIZE + GUID_SIZE]
            if key == NO_GUID:
                self._odd[first + n] = dossier_id
                self._odd_slot[dossier_id] = first + n
            else:
                self._index(first + n, key)

    def free(self, slot: int) -> None:
        """Forget the id of ``slot``."""
        dossier_id = self._odd.pop(slot, None)
        if dossier_id is not None:
            del self._odd_slot[dossier_id]
            return
        start = slot * GUID_SIZE
        raw = bytes(self._raw[start : start + GUID_SIZE])
        if raw == NO_GUID:
            return
        h = hash(raw)
        table = self._tables[h & _SHARD_MASK]
        mask = len(table) - 1
        at = (h >> _SHARD_BITS) & mask
        while table[at] != slot:
            at = (at + 1) & mask
        table[at] = _GONE
        self._raw[start : start + GUID_SIZE] = NO_GUID
        self._count -= 1

    def _find(self, raw: bytes) -> int | None:
        h = hash(raw)
        table, ids = self._tables[h & _SHARD_MASK], self._raw
        mask = len(table) - 1
        at = (h >> _SHARD_BITS) & mask
        while (slot := table[at]) != _EMPTY:
            if slot >= 0 and ids[slot * GUID_SIZE : slot * GUID_SIZE + GUID_SIZE] == raw:
                return slot
            at = (at + 1) & mask
        return None

    def _index(self, slot: int, raw: bytes) -> None:
        """Enter ``slot``, whose bytes ``raw`` are written already, in its shard."""
        h = hash(raw)
        shard = h & _SHARD_MASK
        table = self._tables[shard]
        if (self._filled[shard] + 1) * 2 > len(table):
            table = self._rebuild(shard)
        mask = len(table) - 1
        at = (h >> _SHARD_BITS) & mask
        while table[at] >= 0:
            at = (at + 1) & mask
        if table[at] == _EMPTY:
            self._filled[shard] += 1
        table[at] = slot
        self._count += 1

    def _rebuild(self, shard: int) -> array[int]:
        """A shard at most half full again (entries gone dropped): its slots, entered anew."""
        slots = [s for s in self._tables[shard] if s >= 0]
        size = _MIN_SHARD
        while size < (len(slots) + 1) * 2:
            size *= 2
        table = array("i", [_EMPTY]) * size
        mask, raw = size - 1, self._raw
        for slot in slots:
            at = (hash(bytes(raw[slot * GUID_SIZE : slot * GUID_SIZE + GUID_SIZE])) >> _SHARD_BITS) & mask
            while table[at] != _EMPTY:
                at = (at + 1) & mask
            table[at] = slot
        self._tables[shard] = table
        self._filled[shard] = len(slots)
        return table
