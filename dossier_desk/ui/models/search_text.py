"""The instant search's text of every row, in a few big blobs instead of one ``str`` per row.

Rows are grouped by slot into chunks of 1024; a chunk is one ``bytes`` holding its rows' folded search
text as UTF-8, each row ended by a newline, plus an ``array`` of where each row starts. A substring of
valid UTF-8 matches exactly where the same ``str`` would, so searching the bytes finds what a
per-row ``word in text`` finds (row texts hold no newline: whitespace is never part of a search word).

A search over many rows scans whole chunks: ``bytes.find`` jumps from hit to hit (a hit's row is found
by bisection, and the scan goes on at the next row); after a chunk in which the word was in most rows,
the next is split into rows and tested row by row instead; a one-byte word (a first keystroke) is
found with C-level passes over each chunk. A search over fewer than half the rows tests each row's
range.
Changed rows are noted and a chunk is rebuilt once, before the next search.

Qt-free; used on the GUI thread only.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

SHIFT = 10
CHUNK = 1 << SHIFT
_LOW = CHUNK - 1
_END = b"\n"


def _starts(lengths: Sequence[int] | map[int]) -> array[int]:
    """Where each row of a chunk starts (rows are ended by one byte), plus the chunk's length."""
    return array("I", accumulate((n + 1 for n in lengths), initial=0))


def _encoded(texts: Sequence[str]) -> tuple[bytes, array[int]]:
    """A blob of rows and where each starts, from the rows' texts."""
    joined = "\n".join(t.replace("\n", " ") if "\n" in t else t for t in texts)
    blob = joined.encode() + _END if texts else b""
    if joined.isascii():
        return blob, _starts(map(len, texts))
    return blob, _starts([len(t.encode()) for t in texts])


class EncodedRows:
    """Rows of text appended as one growing blob (a batch's search text, built off the GUI thread):
    no object per row, so a batch of every row leaves no small objects behind in between the
    dossiers it was built from."""

    __slots__ = ("blob", "starts")

    def __init__(self) -> None:
        self.blob = bytearray()
        self.starts = array("I", [0])

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i: int) -> str:
        return self.blob[self.starts[i] : self.starts[i + 1] - 1].decode()

    def texts(self) -> list[str]:
        """Every row's text."""
        return self.blob.decode().split("\n")[: len(self)] if len(self) else []

    def extend(self, texts: Sequence[str]) -> None:
        blob, starts = _encoded(texts)
        offset = self.starts[-1]
        self.blob += blob
        self.starts.extend([offset + s for s in starts[1:]])

    def select(self, rows: Sequence[int]) -> EncodedRows:
        """Only ``rows``, in that order."""
        out = EncodedRows()
        blob, starts = self.blob, self.starts
        out.blob = bytearray().join([blob[starts[i] : starts[i + 1]] for i in rows])
        out.starts = _starts([starts[i + 1] - starts[i] - 1 for i in rows])
        return out


class SearchText:
    """Folded search text by row slot (see the module)."""

    __slots__ = ("_blobs", "_changed", "_size", "_starts")

    def __init__(self) -> None:
        self._blobs: list[bytes] = []
        self._starts: list[array[int]] = []
        self._changed: dict[int, dict[int, str]] = {}  # chunk -> {row in chunk: new text}
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, slot: int) -> str:
        """A row's search text (for tests and checks; searching never makes one)."""
        self._flush()
        starts = self._starts[slot >> SHIFT]
        i = slot & _LOW
        return self._blobs[slot >> SHIFT][starts[i] : starts[i + 1] - 1].decode()

    def extend(self, rows: EncodedRows | Sequence[str]) -> None:
        """Append rows (new slots at the end)."""
        if not isinstance(rows, EncodedRows):
            encoded = EncodedRows()
            encoded.extend(rows)
            rows = encoded
        self._flush()
        count, blob, starts = len(rows), rows.blob, rows.starts
        self._size += count
        done = 0
        if self._blobs and len(self._starts[-1]) - 1 < CHUNK:
            last = len(self._blobs) - 1
            done = min(count, CHUNK - (len(self._starts[last]) - 1))
            offset = self._starts[last][-1]
            self._blobs[last] += blob[: starts[done]]
            self._starts[last].extend([offset + s for s in starts[1 : done + 1]])
        for at in range(done, count, CHUNK):
            end = min(count, at + CHUNK)
            base = starts[at]
            self._blobs.append(bytes(blob[base : starts[end]]))
            self._starts.append(array("I", [s - base for s in starts[at : end + 1]]))

    def __setitem__(self, slot: int, text: str) -> None:
        """Change a row's text (applied before the next search or read)."""
        if not 0 <= slot < self._size:
            raise IndexError(slot)
        self._changed.setdefault(slot >> SHIFT, {})[slot & _LOW] = text

    def append(self, text: str) -> None:
        """Add one row at the end (applied with the next changes, not one blob copy per row)."""
        self._size += 1
        self[self._size - 1] = text

    def matching(self, word: str, slots: list[int]) -> list[int]:
        """Those of ``slots`` whose text contains ``word`` (not empty), in their order."""
        self._flush()
        needle = word.encode()
        if len(slots) * 2 < len(self):  # few rows (a word typed on): test each row's range
            blobs, starts = self._blobs, self._starts
            return [
                s
                for s in slots
                if blobs[s >> SHIFT].find(
                    needle, starts[s >> SHIFT][s & _LOW], starts[s >> SHIFT][(s & _LOW) + 1]
                )
                >= 0
            ]
        hits = self._byte_hits(needle) if len(needle) == 1 else self._hits(needle)
        if 0 not in hits:  # a first letter that every row holds
            return list(slots)
        return [s for s in slots if hits[s]]

    def _byte_hits(self, needle: bytes) -> bytearray:
        """:meth:`_hits` of a one-byte word (a first keystroke, found in most rows), in C-level passes:
        each chunk reduced to that byte and the row ends, each row's run of it to one mark."""
        others = bytes(b for b in range(256) if b not in (needle[0], _END[0]))
        runs = re.compile(re.escape(needle) + b"+" + _END)
        out = bytearray()
        for blob in self._blobs:
            out += runs.sub(b"\x01", blob.translate(None, others)).replace(_END, b"\x00")
        return out

    def _hits(self, needle: bytes) -> bytearray:
        """One byte per slot: 1 where the row contains ``needle``."""
        out = bytearray()
        dense = False
        for blob, starts in zip(self._blobs, self._starts, strict=True):
            rows = len(starts) - 1
            if dense:
                # Common in the chunk before: test each row (one C-level test per row beats one
                # step per hit).
                hits = bytes([needle in row for row in blob.split(_END)[:rows]])
            else:
                hits = self._chunk_hits(blob, starts, needle)
            dense = hits.count(1) * 2 > rows
            out += hits
        return out

    @staticmethod
    def _chunk_hits(blob: bytes, starts: array[int], needle: bytes) -> bytearray:
        """From hit to hit: each hit's row by bisection, then on from the next row."""
        hits = bytearray(len(starts) - 1)
        find = blob.find
        at = find(needle)
        row = 0
        while at >= 0:
            row = bisect_right(starts, at, row) - 1
            hits[row] = 1
            row += 1
            at = find(needle, starts[row])
        return hits

    def _flush(self) -> None:
        """Rebuild the chunks whose rows changed."""
        if not self._changed:
            return
        changed, self._changed = self._changed, {}
        for chunk, rows in sorted(changed.items()):
            if chunk == len(self._blobs):  # rows appended one by one
                self._blobs.append(b"")
                self._starts.append(array("I", [0]))
            starts = self._starts[chunk]
            parts = self._blobs[chunk].split(_END)[: len(starts) - 1]
            texts = [p.decode() for p in parts]
            texts.extend([""] * (min(CHUNK, self._size - (chunk << SHIFT)) - len(texts)))
            for i, text in rows.items():
                texts[i] = text
            self._blobs[chunk], self._starts[chunk] = _encoded(texts)
