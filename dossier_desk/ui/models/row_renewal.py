"""Make the table's per-row objects again once a fill's garbage is gone, so the memory can be given back.

Python's small-object allocator takes memory from the system in 1 MB arenas and gives an arena back only
when every object in it is gone. A fill decodes and builds every row: tens of MB of short-lived objects,
among which the values the table keeps (a number, a description, a contact's sort key) are made. Each
kept value then holds on to the arena it sits in, and at 100k rows some 40 arenas (40 MB) stayed
mostly empty but in use.

:func:`pack` turns every kept per-row value into a few big objects (one joined ``str`` and an array of
codes per column) and lets go of the values, so the fill's arenas empty and are given back; then
:func:`unpack` makes the values again, side by side in few arenas. Copies made while the old values
were still alive would land in the same half-empty places (the allocator fills a size's emptiest
spaces first) and hold on to them just the same.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from dossier_desk.domain.text_fold import surname_first
from dossier_desk.ui.models.row_store import RowStore

_SEP = "\x00"  # in no value of a dossier (a value holding one is left as it is)


class _Column:
    """One column of texts as a joined ``str`` of its distinct values and a code per row."""

    __slots__ = ("codes", "joined")

    def __init__(self, joined: str, codes: array[int] | None) -> None:
        self.joined = joined
        self.codes = codes  # None: every row has a value of its own, in row order

    def texts(self) -> list[str]:
        values = self.joined.split(_SEP)
        return values if self.codes is None else [values[c] for c in self.codes]


def _packed(texts: list[str], *, distinct: bool) -> _Column | None:
    """``texts`` packed, or None when a value holds the separator (then it is left as it is)."""
    if distinct:
        values, codes = texts, None
    else:
        index: dict[str, int] = {}
        codes = array("I", [index.setdefault(t, len(index)) for t in texts])
        values = list(index)
    joined = _SEP.join(values)
    if joined.count(_SEP) != len(values) - 1 or not values:
        return None
    return _Column(joined, codes)


class Packed:
    """What :func:`pack` took out of a store, for :func:`unpack`."""

    __slots__ = ("columns", "contacts", "vocab")

    def __init__(self) -> None:
        self.columns: dict[tuple[str, str], _Column] = {}
        self.vocab: dict[str, _Column] = {}
        self.contacts: bytearray | None = None  # 1 where a slot has a contact key


def pack(store: RowStore) -> Packed:
    """Take the store's per-row values out as a few big objects (the store is unusable until
    :func:`unpack`)."""
    out = Packed()
    for kind, columns in (("texts", store.texts), ("shown", store.shown)):
        for name, texts in columns.items():
            if not isinstance(texts, list):  # numbers kept as integers: no object per row
                continue
            column = _packed(texts, distinct=kind == "texts" and name == "no")
            if column is not None:
                out.columns[kind, name] = column
                columns[name] = []
    for name, vocab in store.vocab.items():
        column = _packed(vocab.values, distinct=True)
        if column is not None:
            out.vocab[name] = column
            vocab.values, vocab.code_of = [], {}
    out.contacts = bytearray(key is not None for key in store.contact)
    store.contact = []
    return out


def unpack(store: RowStore, packed: Packed, collate: Callable[[str], Any]) -> None:
    """Put the values back as new objects; ``collate`` makes a contact's sort key from its name, as the
    rows' builder did."""
    for (kind, name), column in packed.columns.items():
        (store.texts if kind == "texts" else store.shown)[name] = column.texts()
    for name, column in packed.vocab.items():
        vocab = store.vocab[name]
        vocab.values = column.texts()
        vocab.code_of = {v: c for c, v in enumerate(vocab.values)}
    keys = [collate(surname_first(name)) for name in store.vocab["contact"].values]
    codes = store.codes["contact"]
    has = packed.contacts or bytearray()
    store.contact = [keys[codes[s]] if has[s] else None for s in range(len(has))]


def renew(
    store: RowStore, orders: list[list[int]], next_deadline: object, collate: Callable[[str], Any]
) -> list[list[int]]:
    """Renew ``store`` (see the module) and the row numbers of ``orders`` (the caller lets go of them
    first); ``next_deadline``'s memo, made during the fill too, is dropped (its ``forget()``)."""
    packed = pack(store)
    kept = [array("i", order) for order in orders]
    orders.clear()
    forget = getattr(next_deadline, "forget", None)
    if forget is not None:
        forget()
    numbers = list(range(store.slot_count()))
    renewed = [[numbers[s] for s in order] for order in kept]
    unpack(store, packed, collate)
    return renewed
