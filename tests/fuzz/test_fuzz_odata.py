"""OData literals: what the client's query builder writes, the sandbox's parser reads back to the same value.

* Over HTTP: a dossier is created with generated text (quotes, ``%``, ``&``, ``+``, ``#``, unicode...) by the
  real ``DossierApi``; filters built with ``F(...)`` find exactly that dossier, and a different value finds
  nothing. The whole path is real: builder -> httpx URL encoding -> uvicorn -> sandbox parser -> SQLite.
* In process (fast): any expression tree the builder can produce over the dossier fields, with literals of
  every type, compiles in the sandbox's ``$filter`` compiler without a syntax error.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier_desk.api import ApiProfile, DossierApi, Expr, F, Query
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_sandbox import SandboxServer
from dossier_sandbox.entities import DOSSIERS
from dossier_sandbox.odata import compile_filter
from tests.fault_summary import record

# BC text fields hold no NUL; surrogates cannot be encoded. Everything else is fair game.
CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
REFERENCE = st.text(CHARS, min_size=1, max_size=35)
TRICKY = st.sampled_from(
    ["'", "''", "%27", "%", "&$top=1", "+", "#", "?", "/", "\\", " or 1 eq 1", "é", "😷"]
)


@pytest.fixture(scope="module")
def http(sandbox: SandboxServer) -> Iterator[tuple[asyncio.AbstractEventLoop, DossierApi, dict[str, str]]]:
    loop = asyncio.new_event_loop()
    api = DossierApi(
        ApiProfile(sandbox.api_root, sandbox.company_id),
        CallbackTokenProvider(lambda: sandbox.issue_token("caseworker@demo")),
    )
    first = loop.run_until_complete(api.iter_dossier_pages(Query().top(1)).__anext__())[0]
    template = {"dossierTypeCode": first.dossier_type_code, "primaryContactNo": first.primary_contact_no}
    yield loop, api, template
    loop.run_until_complete(api.aclose())
    loop.close()


async def _ids(api: DossierApi, expr: Expr) -> list[str]:
    return [d.id async for page in api.iter_dossier_pages(Query().filter(expr)) for d in page]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.one_of(REFERENCE, st.lists(TRICKY, min_size=1, max_size=5).map("".join)),
    other=REFERENCE,
    cut=st.integers(0, 35),
    data=st.data(),
)
def test_text_literals_round_trip_over_http(http, value: str, other: str, cut: int, data) -> None:
    record("examples")
    loop, api, template = http
    value = value[:35]
    key = "FZ-" + uuid.uuid4().hex[:16]
    created = loop.run_until_complete(
        api.create_dossier(
            {**template, "description": value, "ourReference": value, "externalDocumentNo": key}
        )
    )
    assert created.our_reference == value  # stored as sent
    start = data.draw(st.integers(0, len(value)))
    piece = value[start : start + max(1, cut)]
    mine = F("externalDocumentNo") == key
    found = loop.run_until_complete(
        _ids(
            api,
            mine
            & (F("ourReference") == value)
            & F("description").contains(piece)
            & F("description").startswith(value[:cut])
            & F("ourReference").endswith(value[cut:]),
        )
    )
    assert found == [created.id]
    if other != value:
        assert loop.run_until_complete(_ids(api, mine & (F("ourReference") == other))) == []


COLUMNS = DOSSIERS.columns()
TEXT_FIELDS = sorted(k for k, c in COLUMNS.items() if c.kind == "string")
LITERALS = {
    "string": st.text(CHARS, max_size=20),
    "enum": st.sampled_from(["O'Neil"]),  # enum fields with a closed list draw from that list
    "guid": st.uuids(),
    "date": st.dates(),
    "datetime": st.datetimes(timezones=st.just(dt.UTC)),
    "int": st.integers(-(2**31), 2**31),
    "decimal": st.integers(-(10**6), 10**6),
    "bool": st.booleans(),
}
FIELDS_BY_KIND = {
    kind: sorted(k for k, c in COLUMNS.items() if c.kind == kind)
    for kind in LITERALS
    if any(c.kind == kind for c in COLUMNS.values())
}


@st.composite
def comparison(draw: st.DrawFn) -> Expr:
    kind = draw(st.sampled_from(sorted(FIELDS_BY_KIND)))
    field = F(draw(st.sampled_from(FIELDS_BY_KIND[kind])))
    column = COLUMNS[field.name]
    value = draw(st.sampled_from(column.values) if kind == "enum" and column.values else LITERALS[kind])
    if kind == "string" and draw(st.booleans()):
        method = draw(st.sampled_from(["contains", "startswith", "endswith"]))
        return getattr(field, method)(value)
    if kind == "bool":
        return field == value if draw(st.booleans()) else field != value
    ops = ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"]
    if kind in ("string", "enum") and value == "":
        ops = ops[:2]  # the sandbox (like BC) reads '' as blank, which compares only with eq/ne
    op = draw(st.sampled_from(ops))
    return getattr(field, op)(value)


EXPRESSIONS = st.recursive(
    comparison(),
    lambda inner: st.one_of(
        st.builds(lambda a, b: a & b, inner, inner),
        st.builds(lambda a, b: a | b, inner, inner),
        st.builds(lambda a: ~a, inner),
    ),
    max_leaves=6,
)


@settings(max_examples=1000, deadline=None)
@given(expr=EXPRESSIONS)
def test_every_builder_expression_compiles_in_the_sandbox(expr: Expr) -> None:
    record("examples")
    sql, params = compile_filter(str(expr), COLUMNS)
    assert sql.startswith("(")
    assert sql.count("?") == len(params)  # every literal became a bound parameter, none inlined


def test_datetime_literals_before_year_1000_are_valid() -> None:
    blank = dt.datetime(1, 1, 1, tzinfo=dt.UTC)  # BC's blank DateTime
    text = str(F("lastModifiedDateTime") > blank)
    assert text == "lastModifiedDateTime gt 0001-01-01T00:00:00Z"
    compile_filter(text, COLUMNS)
