"""Wire names stay inside ``api/``: the store names dossier properties by attribute and asks the api
layer (``api.models.dossier_wire_name``) for the API's spelling when it builds a query."""

from __future__ import annotations

import ast
from pathlib import Path

import msgspec

from dossier_desk.api.models import Dossier

STORE = Path(__file__).resolve().parents[2] / "dossier_desk" / "store"
# An upload item's stored payload key (a Document field the outbox keeps in the API's spelling, as
# documented in store/outbox.py), not a dossier property that is queried.
_STORED_PAYLOAD_KEYS = {"documentDate"}


def _wire_literals(source: str) -> list[tuple[int, str]]:
    wire = {f.encode_name for f in msgspec.structs.fields(Dossier) if f.encode_name != f.name}
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in wire - _STORED_PAYLOAD_KEYS
    ]


def test_the_store_spells_no_dossier_property_the_apis_way() -> None:
    found = [
        f"{path.name}:{line} {name}"
        for path in sorted(STORE.glob("*.py"))
        for line, name in _wire_literals(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_check_sees_a_wire_name() -> None:
    assert _wire_literals('query.filter(F("lastModifiedDateTime") > since)') == [(1, "lastModifiedDateTime")]
