"""Seed data that exercises escaping and blanks, in every variant (searched and read over raw HTTP)."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

from dossier_sandbox import SandboxServer
from dossier_sandbox.seed_data import HOSTILE_CONTACTS, HOSTILE_DESCRIPTIONS
from tests.sandbox_fixtures import ALL_VARIANTS, client_of


def _get(client: httpx.Client, entity_set: str, **options: str) -> list[dict]:
    """Query options encoded as OData wants them (``%20`` for spaces; ``&#+%`` escaped in literals)."""
    query = "&".join(f"{k}={quote(v, safe=chr(39) + '(),')}" for k, v in options.items())
    response = client.get(f"{entity_set}?{query}")
    assert response.status_code == 200, response.text
    return response.json()["value"]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.mark.variants(*ALL_VARIANTS)
@pytest.mark.parametrize("name", ["Müller", "Yılmaz", "Zoë", "O'Brien", "Weiß", "🌷"])
def test_hostile_names_round_trip_and_are_found(variant_sandbox: SandboxServer, name: str) -> None:
    with client_of(variant_sandbox, "occhealth@demo") as client:
        contacts = _get(client, "contacts", **{"$filter": f"contains(name,{_literal(name)})"})
        assert contacts, name
        assert all(name.casefold() in c["name"].casefold() for c in contacts)
        full = {f"{first} {last}" for first, last in HOSTILE_CONTACTS}
        assert full & {c["name"] for c in contacts}


@pytest.mark.variants(*ALL_VARIANTS)
def test_hostile_descriptions_round_trip_exactly(variant_sandbox: SandboxServer) -> None:
    with client_of(variant_sandbox, "occhealth@demo") as client:
        for description, reference in HOSTILE_DESCRIPTIONS:
            found = _get(client, "dossiers", **{"$filter": f"description eq {_literal(description)}"})
            assert [d["description"] for d in found] == [description]
            assert found[0]["yourReference"] == reference
            by_ref = _get(client, "dossiers", **{"$filter": f"yourReference eq {_literal(reference)}"})
            assert found[0]["id"] in {d["id"] for d in by_ref}
        plus = _get(client, "dossiers", **{"$filter": "contains(description,'#2 + eval')"})
        assert [d["description"] for d in plus] == [HOSTILE_DESCRIPTIONS[0][0]]


@pytest.mark.variants(*ALL_VARIANTS)
def test_blank_fields_in_the_variants_form(variant_sandbox: SandboxServer, sandbox_variant: str) -> None:
    with client_of(variant_sandbox, "occhealth@demo") as client:
        rows = _get(client, "dossiers", **{"$filter": "no eq 'D00008'"})
        contacts = _get(client, "contacts", **{"$filter": "no eq 'C00003'"})
    assert len(rows) == 1
    dossier, contact = rows[0], contacts[0]
    blank_text, blank_date = {"bc": ("", "0001-01-01"), "bc23": ("", "0001-01-01")}.get(
        sandbox_variant, (None, None)
    )
    if sandbox_variant == "vendor":
        blank_text = ""
    assert dossier["department"] == dossier["caseManagerCode"] == blank_text
    assert dossier["startingDate"] == blank_date
    assert contact["email"] == contact["phoneNo"] == blank_text
