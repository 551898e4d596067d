"""A dossier number (No.) as one integer that sorts as its text does, so 100k numbers need no str each.

A number of at most 8 ASCII characters (what number series give: ``D000123``) is its bytes read as a
big-endian integer, padded with zero bytes: integers compare as the texts do, a shorter text first when
it is the other's beginning. Any other number (longer, or not ASCII) keeps its text; the table then
keeps every number as text (see ``RowStore``).
"""

from __future__ import annotations

NUMBER_BYTES = 8
NO_KEY = -1  # the text does not fit in a key


def number_key(text: str) -> int:
    """The key of an upper-case number, :data:`NO_KEY` when it does not fit in one."""
    if len(text) > NUMBER_BYTES or not text.isascii() or "\0" in text:
        return NO_KEY
    return int.from_bytes(text.encode().ljust(NUMBER_BYTES, b"\0"), "big")


def number_text(key: int) -> str:
    """The text of a key ("" for 0, a free slot's)."""
    return key.to_bytes(NUMBER_BYTES, "big").rstrip(b"\0").decode()
