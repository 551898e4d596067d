"""The query builder: literal escaping, expressions, query options, entity keys."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

import pytest

from dossier_desk.api.odata import F, Query, format_literal, key_literal, key_segment

CET = dt.timezone(dt.timedelta(hours=1))


class Status(enum.Enum):
    IN_PROCESS = "In Process"


class Level(enum.IntEnum):
    HIGH = 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "'plain'"),
        ("O'Brien", "'O''Brien'"),
        ("''", "''''''"),
        ("", "''"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-42, "-42"),
        (1.5, "1.5"),
        (Decimal("10.250"), "10.250"),
        (None, "null"),
        (dt.date(2026, 1, 31), "2026-01-31"),
        (dt.datetime(2026, 1, 31, 10, 0, tzinfo=dt.UTC), "2026-01-31T10:00:00Z"),
        (dt.datetime(2026, 1, 31, 11, 0, 0, 500, tzinfo=CET), "2026-01-31T10:00:00.0005Z"),
        (uuid.UUID("0f8fad5b-d9cb-469f-a165-70867728950e"), "0f8fad5b-d9cb-469f-a165-70867728950e"),
        (Status.IN_PROCESS, "'In Process'"),
        (Level.HIGH, "'HIGH'"),
    ],
)
def test_literals(value: object, expected: str) -> None:
    assert format_literal(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN")])
def test_non_finite_numbers_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="NaN"):
        format_literal(value)  # type: ignore[arg-type]


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_literal(dt.datetime(2026, 1, 1))


def test_unknown_types_are_refused() -> None:
    with pytest.raises(TypeError):
        format_literal(["a"])  # type: ignore[arg-type]


def test_comparisons_and_functions() -> None:
    assert str(F("status") == "In Process") == "status eq 'In Process'"
    assert str(F("status") != "Closed") == "status ne 'Closed'"
    assert str(F("confidentialityLevel") < 2) == "confidentialityLevel lt 2"
    assert str(F("confidentialityLevel") <= 2) == "confidentialityLevel le 2"
    assert str(F("documentDate") > dt.date(2026, 1, 1)) == "documentDate gt 2026-01-01"
    assert str(F("documentDate") >= dt.date(2026, 1, 1)) == "documentDate ge 2026-01-01"
    assert str(F("description").contains("it's")) == "contains(description,'it''s')"
    assert str(F("no").startswith("D1")) == "startswith(no,'D1')"
    assert str(F("no").endswith("9")) == "endswith(no,'9')"


def test_boolean_combinations_are_parenthesised() -> None:
    a, b, c = F("a") == 1, F("b") == 2, F("c") == 3
    assert str((a | b) & c) == "(a eq 1 or b eq 2) and c eq 3"
    assert str(a | (b & c)) == "a eq 1 or (b eq 2 and c eq 3)"
    assert str(~(a | b)) == "not (a eq 1 or b eq 2)"
    assert str(~a & b) == "not (a eq 1) and b eq 2"


def test_python_boolean_operators_are_refused() -> None:
    with pytest.raises(TypeError, match="combine"):
        bool(F("a") == 1)
    with pytest.raises(TypeError):
        _ = (F("a") == 1) & "b eq 2"  # type: ignore[operator]


@pytest.mark.parametrize("name", ["", "a b", "a;b", "1abc", "a eq 1 or b", "a'", "x/../y", "a)"])
def test_field_names_are_validated(name: str) -> None:
    with pytest.raises(ValueError, match="property name"):
        F(name)


def test_query_is_immutable_and_renders_all_options() -> None:
    base = Query()
    q = (
        base.filter(F("status") == "Open")
        .filter(F("priority") == "High")
        .order_by("documentDate", desc=True)
        .order_by("no")
        .select("id", "no")
        .select("no", "status")
        .top(50)
        .skip(100)
        .count()
    )
    assert base.to_params() == {}
    assert q.to_params() == {
        "$filter": "status eq 'Open' and priority eq 'High'",
        "$orderby": "documentDate desc,no",
        "$select": "id,no,status",
        "$top": "50",
        "$skip": "100",
        "$count": "true",
    }
    assert q.filter_text == "status eq 'Open' and priority eq 'High'"
    assert q.selected == ("id", "no", "status")


def test_query_refuses_raw_strings_and_bad_numbers() -> None:
    with pytest.raises(TypeError):
        Query().filter("status eq 'Open'")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Query().top(-1)
    with pytest.raises(ValueError):
        Query().skip(True)  # type: ignore[arg-type]


def test_key_segments() -> None:
    guid = "0F8FAD5B-D9CB-469F-A165-70867728950E"
    assert key_segment("dossiers", guid) == f"dossiers({guid})"
    assert key_segment("dossiers", uuid.UUID(guid)) == f"dossiers({guid.lower()})"
    assert key_segment("dossiers", "11195787") == "dossiers('11195787')"
    assert key_segment("dossiers", 7) == "dossiers(7)"
    assert key_segment("contacts", "O'Neil/1?x#y%") == "contacts('O''Neil%2F1%3Fx%23y%25')"
    assert key_segment("contacts", guid, as_string=True) == f"contacts('{guid}')"
    assert key_segment("contacts", "C 1") == "contacts('C%201')"


@pytest.mark.parametrize(("entity_set", "key"), [("dossiers", ""), ("a/b", "x"), ("dossiers", True)])
def test_bad_keys_are_refused(entity_set: str, key: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        key_segment(entity_set, key)  # type: ignore[arg-type]


def test_key_literal_forms() -> None:
    assert key_literal("abc") == "'abc'"
    assert key_literal(uuid.UUID(int=1)) == "00000000-0000-0000-0000-000000000001"
