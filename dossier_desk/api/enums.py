"""Enum values in the three forms servers write them, normalised to one canonical form (the caption).

BC up to version 23 sends captions (``In Process``); BC 24+ sends encoded names (``In_x0020_Process``)
and requires them in ``$filter``; the vendor document writes the compact form (``InProcess``). The
client compares and stores captions, and writes filter literals (and write bodies) in the form the
server itself uses: learnt from the values it sends, else from its ``$metadata`` EnumType members.
Values no form matches are kept exactly as the server sent them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from dossier_desk.api.csdl import parse_csdl
from dossier_desk.api.models import (
    CATEGORY_VALUES,
    DOCUMENT_TYPE_VALUES,
    PRIORITY_VALUES,
    STATUS_VALUES,
    WORKFLOW_STATE_VALUES,
)

# camelCase wire field -> the captions the client knows for it.
KNOWN_ENUMS: dict[str, tuple[str, ...]] = {
    "status": STATUS_VALUES,
    "priority": PRIORITY_VALUES,
    "category": CATEGORY_VALUES,
    "documentType": DOCUMENT_TYPE_VALUES,
    "state": WORKFLOW_STATE_VALUES,
}

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def decode_name(value: str) -> str:
    """``In_x0020_Process`` -> ``In Process`` (XML-encoded names as BC 24+ writes enum values)."""
    if "_x" not in value:
        return value
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)


def encode_name(caption: str) -> str:
    """``In Process`` -> ``In_x0020_Process``: every character not valid in a name as ``_xHHHH_``."""
    return "".join(c if c.isalnum() or c == "_" else f"_x{ord(c):04X}_" for c in caption)


def compact(value: str) -> str:
    """The comparison key: decoded, without spaces, underscores or case (``InProcess`` == ``In Process``)."""
    return re.sub(r"[\s_]+", "", decode_name(value)).casefold()


class EnumForms:
    """What one server writes for each enum: canonical captions in, the server's own form out.

    One instance per API client (the server's form is a property of the server, not global).
    """

    def __init__(self, known: Mapping[str, Iterable[str]] = KNOWN_ENUMS) -> None:
        self._captions: dict[str, dict[str, str]] = {
            field: {compact(c): c for c in captions} for field, captions in known.items()
        }
        self._canonical: dict[str, frozenset[str]] = {
            field: frozenset(captions) for field, captions in known.items()
        }
        self._seen: dict[str, dict[str, str]] = {}  # field -> caption -> wire form seen
        # A standard OData server writes an unset date as null and wants null back (BC takes "").
        self.blank_date_is_null = False
        self._metadata: dict[str, dict[str, str]] = {}  # field -> caption -> member name

    def note_record(self, record: Mapping[str, object]) -> None:
        """Learn the server's dialect from one raw record (nulls for dates, enum forms)."""
        for key, value in record.items():
            if value is None and "date" in key.lower():
                self.blank_date_is_null = True
            elif isinstance(value, str) and key in self._captions:
                self.normalise(key, value)

    def has_evidence(self) -> bool:
        """Whether anything is known about how this server writes multi-word enum values."""
        return any(
            " " in caption
            for learnt in (*self._seen.values(), *self._metadata.values())
            for caption in learnt
        )

    def canonical_set(self, field: str) -> frozenset[str]:
        """The captions of ``field`` (values already in canonical form need no work)."""
        return self._canonical.get(field, frozenset())

    def normalise(self, field: str, raw: str) -> str:
        """The caption for ``raw`` (any form), remembering the server's form; unknown values as-is."""
        if not raw:
            return raw
        caption = self._captions.get(field, {}).get(compact(raw))
        if caption is None:
            return raw
        self._seen.setdefault(field, {})[caption] = raw
        return caption

    def wire(self, field: str, value: str) -> str:
        """``value`` in the form this server uses for ``field`` (seen values first, then metadata)."""
        caption = self.normalise_quietly(field, value)
        for learnt in (self._seen.get(field, {}), self._metadata.get(field, {})):
            if caption in learnt:
                return learnt[caption]
        if caption not in self.canonical_set(field):
            return value  # unknown to us: the server's own text, sent back unchanged
        return _in_style(caption, self._style())

    def _style(self) -> str:
        """How this server writes a multi-word value: "encoded", "compact" or "caption"."""
        for learnt in (*self._seen.values(), *self._metadata.values()):
            for caption, raw in learnt.items():
                if " " in caption:
                    if "_x0020_" in raw:
                        return "encoded"
                    return "compact" if " " not in raw else "caption"
        return "caption"

    def normalise_quietly(self, field: str, raw: str) -> str:
        """Like :meth:`normalise` without learning anything (for values the client itself holds)."""
        return self._captions.get(field, {}).get(compact(raw), raw)

    def learn_metadata(self, csdl: bytes | str) -> int:
        """Take EnumType members from a CSDL ``$metadata`` document; returns how many were matched.

        Members are matched to known captions by their compact form and recorded for the fields
        whose declared type is that EnumType. Unreadable XML is ignored (returns 0).
        """
        root = parse_csdl(csdl)
        if root is None:
            return 0
        members: dict[str, list[str]] = {}
        for node in root.iter():
            if node.tag.endswith("EnumType") and node.get("Name"):
                names = [m.get("Name", "") for m in node if m.tag.endswith("Member")]
                members[node.get("Name", "")] = [n for n in names if n]
        matched = 0
        for node in root.iter():
            if not node.tag.endswith("Property"):
                continue
            field, type_name = node.get("Name", ""), node.get("Type", "").rsplit(".", 1)[-1]
            if field not in self._captions or type_name not in members:
                continue
            for name in members[type_name]:
                caption = self._captions[field].get(compact(name))
                if caption is not None:
                    self._metadata.setdefault(field, {})[caption] = name
                    matched += 1
        return matched


def _in_style(caption: str, style: str) -> str:
    if style == "encoded":
        return encode_name(caption)
    if style == "compact":
        return caption.replace(" ", "")
    return caption
