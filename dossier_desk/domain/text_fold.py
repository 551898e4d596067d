"""Text folding for search and name keys for sorting, so "muller" finds "Müller" and "yilmaz" "Yılmaz".

Plain Python (no Qt): the row cache precomputes folded text once per change, and a keystroke only
folds the few characters typed.
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter plus a mark, folded by hand.
_SPECIAL = str.maketrans(
    {"ı": "i", "İ": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae", "Æ": "ae"}
)

# Dutch, German, French... name particles: they belong to the surname but do not decide its place
# in a list ("Jan de Vries" sorts under V, as in a Dutch phone book).
_PARTICLES = frozenset(
    {"van", "de", "der", "den", "von", "ten", "ter", "te", "het", "'t", "in", "op", "zu", "la", "le"}
    | {"du", "da", "di", "del", "dos", "das", "vd", "v."}
)


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form of ``text`` (ASCII stays on a fast path)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def surname_first(name: str) -> str:
    """``name`` rearranged to sort by surname: "Jan de Vries" -> "Vries Jan de".

    A name already written "Surname, Given" keeps its surname first. A single word stays as it is.
    """
    name = name.strip()
    if "," in name:
        surname, _, given = name.partition(",")
        return f"{surname.strip()} {given.strip()}".strip()
    words = name.split()
    if len(words) < 2:
        return name
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join([words[-1], *words[:start], *words[start:-1]])
