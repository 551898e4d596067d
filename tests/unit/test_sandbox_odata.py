"""The sandbox's $filter/$orderby/$select/$top compiler, executed against a real in-memory SQLite table."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from dossier_sandbox.odata import (
    Column,
    ODataQueryError,
    canonical_datetime,
    compile_filter,
    compile_orderby,
    parse_select,
    parse_top_skip,
)
from dossier_sandbox.odata_parser import MAX_FILTER_LENGTH, MAX_NESTING
from tests.unit.sandbox_odata_table import COLUMNS, GUID_A, GUID_B, ROWS, items_table, run


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    conn = items_table()
    yield conn
    conn.close()


def error(text: str) -> ODataQueryError:
    with pytest.raises(ODataQueryError) as info:
        compile_filter(text, COLUMNS)
    return info.value


def test_the_documented_shape() -> None:
    sql, params = compile_filter("status eq 'Open' and documentDate ge 2026-01-01", COLUMNS)
    assert (sql, params) == ("(status = ? AND document_date >= ?)", ["Open", "2026-01-01"])
    assert compile_filter("no eq 'D1'", COLUMNS) == ("(no = ?)", ["D1"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no eq 'D1' or no eq 'D2' and no eq 'D3'", ["D1"]),  # and binds tighter than or
        ("(no eq 'D1' or no eq 'D2') and no eq 'D2'", ["D2"]),
        ("not no eq 'D1' and no ne 'D2'", ["D3", "D4"]),  # not applies to the comparison only
        ("not (no eq 'D1' or no eq 'D2')", ["D3", "D4"]),
        ("not not no eq 'D1'", ["D1"]),
        ("((((no eq 'D4'))))", ["D4"]),
        ("no eq 'D1' or no eq 'D2' or no eq 'D3' or no eq 'D4'", ["D1", "D2", "D3", "D4"]),
        ("  no   eq\t'D1'\n", ["D1"]),
        ("no EQ 'D1' OR no eq 'D2'", ["D1", "D2"]),
    ],
)
def test_precedence_and_grouping(db: sqlite3.Connection, text: str, expected: list[str]) -> None:
    assert run(db, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("description eq 'O''Brien''s absence'", ["D1"]),
        ("confidentialityLevel gt 1", ["D2", "D3"]),
        ("confidentialityLevel ge 1.5", ["D2", "D3"]),
        ("amount lt -1", ["D2"]),
        ("amount ge 10", ["D1", "D4"]),
        ("amount eq 99.99", ["D4"]),
        ("documentDate lt 2026-01-01", ["D3", "D4"]),  # blank dates sort first, as BC's 0D does
        ("documentDate eq '2026-02-01'", ["D2"]),  # a quoted date is converted
        ("documentDate le endingDate", ["D1", "D3"]),
        ("lastModifiedDateTime gt 2026-01-31T10:00:00Z", ["D3", "D4"]),
        ("lastModifiedDateTime ge 2026-01-31T11:00:00+01:00", ["D2", "D3", "D4"]),
        ("lastModifiedDateTime gt 2026-01-31T10:00:00.4999Z", ["D3", "D4"]),
        ("lastModifiedDateTime lt 2026-01-31T05:00:00.5-05:00", ["D1", "D2"]),
        ("lastModifiedDateTime gt 2026-01-31T11:00:00 01:00", ["D3", "D4"]),  # "+" decoded to a space
        ("lastModifiedDateTime ge 2026-02-01", ["D4"]),
        (f"id eq {GUID_A}", ["D1"]),
        (f"id eq {GUID_B.upper()}", ["D2"]),
        (f"id eq '{GUID_B}'", ["D2"]),
        ("status eq 'In Process'", ["D2"]),
        ("status eq 'in process'", ["D2"]),
        ("status eq Microsoft.NAV.dossierStatus'In Process'", ["D2"]),
        ("status eq Microsoft.NAV.dossierStatus'In_x0020_Process'", ["D2"]),
        ("status ge 'In Process'", ["D2", "D3"]),  # ordinal order, Archived is absent
        ("status lt 'New'", []),
        ("category eq 'Safety'", ["D3"]),
        ("confidential", ["D2", "D4"]),
        ("not confidential", ["D1", "D3"]),
        ("confidential eq false", ["D1", "D3"]),
        ("confidential ne true", ["D1", "D3"]),
        ("'Open' eq status", ["D1"]),
        ("2 lt confidentialityLevel", ["D3"]),
    ],
)
def test_literals_and_types(db: sqlite3.Connection, text: str, expected: list[str]) -> None:
    assert run(db, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("note eq null", ["D1", "D2"]),  # '' and SQL NULL are both BC's blank
        ("note eq ''", ["D1", "D2"]),
        ("note ne null", ["D3", "D4"]),
        ("null eq note", ["D1", "D2"]),
        ("not (note eq 'x')", ["D1", "D2", "D3"]),  # a NULL note is still "not x"
        ("not contains(note, 'fol')", ["D1", "D2", "D4"]),
        ("note ne 'x'", ["D1", "D2", "D3"]),
        ("documentDate eq null", ["D3"]),
        ("category eq ''", ["D4"]),
        ("confidentialityLevel eq null", []),
    ],
)
def test_blank_and_null(db: sqlite3.Connection, text: str, expected: list[str]) -> None:
    assert run(db, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("contains(description, 'BRIEN')", ["D1"]),
        ("contains(description,'50%')", ["D2"]),
        ("contains(description, '5_%')", []),  # _ and % are literal characters
        ("contains(description, '_ok')", ["D2"]),
        ("contains(description, 'k\\s')", ["D4"]),
        ("contains(description, '\\')", ["D4"]),
        ("contains(description, '*glob?[x]')", ["D4"]),
        ("contains(description, '?')", ["D4"]),
        ("startswith(description, 'o''b')", ["D1"]),
        ("startswith(description, 'école')", ["D3"]),  # non-ASCII folds too
        ("contains(description, 'cOLE')", ["D3"]),
        ("endswith(description, 'ABSENCE')", ["D1"]),
        ("endswith(description, '[X]')", ["D4"]),
        ("contains(status, 'process')", ["D2"]),
        ("contains(description, '')", ["D1", "D2", "D3", "D4"]),
        ("contains(tolower(description), 'knee')", ["D2"]),
        ("tolower(description) eq 'knee 50% restored_ok'", ["D2"]),
        ("toupper(no) eq tolower('d1')", []),
        ("toupper(no) eq toupper('d1')", ["D1"]),
        ("contains(description, 'knee') eq false", ["D1", "D3", "D4"]),
        ("true eq startswith(no, 'D1')", ["D1"]),
        ("not startswith(no, 'D') or no eq 'D3'", ["D3"]),
    ],
)
def test_functions(db: sqlite3.Connection, text: str, expected: list[str]) -> None:
    assert run(db, text) == expected


def test_like_pattern_is_escaped_and_bound() -> None:
    sql, params = compile_filter("contains(description, '50%_\\')", COLUMNS)
    assert sql == "(description LIKE ? ESCAPE '\\')"
    assert params == ["%50\\%\\_\\\\%"]


@pytest.mark.parametrize(
    "payload",
    [
        "'); DROP TABLE items; --",
        "' OR 1=1 --",
        '" OR ""="',
        "\\'; DELETE FROM items; --",
        "%' OR '1'='1",
    ],
)
def test_injection_attempts_stay_data(db: sqlite3.Connection, payload: str) -> None:
    quoted = payload.replace("'", "''")
    for text in (f"description eq '{quoted}'", f"contains(description, '{quoted}')"):
        sql, _ = compile_filter(text, COLUMNS)
        assert payload not in sql
        assert "DROP" not in sql
        assert "DELETE" not in sql
        assert run(db, text) == []
    db.execute("INSERT INTO items (no, description) VALUES ('X', ?)", (payload,))
    assert run(db, f"description eq '{quoted}'") == ["X"]
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == len(ROWS) + 1


@pytest.mark.parametrize(
    "text",
    ["description; DROP TABLE items eq 'x'", "no eq 'D1') OR (1=1", "no eq 'D1' -- comment", "no eq D1"],
)
def test_injection_in_syntax_is_refused(text: str) -> None:
    error(text)


@pytest.mark.parametrize(
    ("text", "pos", "expected"),
    [
        ("(no eq 'D1'", 12, "expected ')', found end of input"),
        ("no eq 'D1' and", 15, "expected a field, a literal or '(', found end of input"),
        ("no eq 'D1' nor no eq 'D2'", 12, "expected 'and', 'or' or end of input, found 'nor'"),
        ("no eq 'D1", 7, "unterminated string literal"),
        ("no eq 'D1' and #", 16, "unexpected character '#'"),
        ("no eq eq", 7, "expected a field, a literal or '(', found 'eq'"),
        ("length(no) eq 2", 1, "unknown function 'length'"),
        ("contains(no)", 1, "contains() takes 2 arguments"),
        ("contains('x', no)", 10, "the first argument of contains() must be a text field"),
        ("contains(no, no)", 14, "the second argument of contains() must be a string literal"),
        ("no eq 'a' eq 'b'", 11, "expected 'and', 'or' or end of input, found 'eq'"),
        ("no", 1, "expected a Boolean expression"),
        ("1 eq 1", 3, "a comparison needs a field on one side"),
        ("", 1, "the filter is empty"),
        ("   ", 1, "the filter is empty"),
        ("contains(no,'x') gt true", 18, "a Boolean expression compares only with eq/ne true/false"),
    ],
)  # fmt: skip
def test_syntax_errors_quote_the_position(text: str, pos: int, expected: str) -> None:
    message = f"Syntax error at position {pos} in $filter: {expected}"
    exc = error(text)
    assert (exc.message, exc.target, str(exc)) == (message, "$filter", message)


@pytest.mark.parametrize(
    ("text", "target", "fragment"),
    [
        ("foo eq 1", "foo", "Unknown field 'foo' at position 1 in $filter"),
        ("Status eq 'Open'", "Status", "did you mean 'status'?"),
        ("documentDate eq 'soon'", "documentDate", "field 'documentDate' is date, got string literal 'soon'"),
        ("documentDate eq 2026-02-30", "documentDate", "expected a date like 2026-01-31"),
        ("documentDate eq 2026-01-31T10:00:00Z", "documentDate", "expected a date"),
        ("no eq 5", "no", "expected a quoted string"),
        ("confidentialityLevel eq '5'", "confidentialityLevel", "expected a number"),
        ("confidential eq 1", "confidential", "expected true or false"),
        ("status eq 'Pending'", "status", "expected one of: New, Open, In Process, Closed, Archived"),
        ("status eq 1", "status", "expected an enum caption"),
        ("category gt 'Medical'", "category", "'gt' needs an enum with known values"),
        ("id eq 'D1'", "id", "expected a GUID"),
        ("no gt null", "no", "null compares only with eq/ne"),
        ("lastModifiedDateTime gt 'yesterday'", "lastModifiedDateTime", "expected a datetime"),
        ("no eq documentDate", "no", "Cannot compare string field 'no' with date field 'documentDate'"),
    ],
)
def test_type_errors_name_the_field(text: str, target: str, fragment: str) -> None:
    exc = error(text)
    assert exc.target == target
    assert fragment in exc.message


def test_limits_stop_hostile_filters() -> None:
    too_long = "no eq '" + "x" * MAX_FILTER_LENGTH + "'"
    assert "longer than" in error(too_long).message
    deep = "(" * (MAX_NESTING + 1) + "no eq 'D1'" + ")" * (MAX_NESTING + 1)
    assert "nests deeper" in error(deep).message
    assert "nests deeper" in error("not " * (MAX_NESTING + 1) + "confidential").message
    assert "nests deeper" in error("contains(" * 60 + "no").message
    ok = "(" * MAX_NESTING + "no eq 'D1'" + ")" * MAX_NESTING
    assert compile_filter(ok, COLUMNS)[1] == ["D1"]
    # A long flat chain is not nesting: it must compile without recursion trouble.
    chain = " or ".join(["no eq 'D1'"] * 140)
    assert len(compile_filter(chain, COLUMNS)[1]) == 140


def test_numbers_out_of_range_are_refused() -> None:
    assert "out of range" in error("confidentialityLevel eq 99999999999999999999").message
    assert "out of range" in error("amount eq 1e999").message


# -- $orderby, $select, $top/$skip, datetimes -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("documentDate desc, no", "document_date DESC, no ASC"),
        ("  no  ASC ,status   Desc ", "no ASC, status DESC"),
        ("lastModifiedDateTime", "last_modified ASC"),
    ],
)
def test_orderby(text: str, expected: str) -> None:
    assert compile_orderby(text, COLUMNS) == expected


@pytest.mark.parametrize(
    ("text", "target", "fragment"),
    [
        ("nope desc", "nope", "Unknown field 'nope' at position 1 in $orderby"),
        ("no desc desc", "$orderby", "position 9 in $orderby: expected ',', 'asc' or 'desc'"),
        ("no,", "$orderby", "position 4 in $orderby: expected a field name"),
        ("", "$orderby", "position 1 in $orderby: expected a field name"),
        ("no; DROP TABLE items", "$orderby", "unexpected character ';'"),
    ],
)
def test_orderby_errors(text: str, target: str, fragment: str) -> None:
    with pytest.raises(ODataQueryError) as info:
        compile_orderby(text, COLUMNS)
    assert info.value.target == target
    assert fragment in info.value.message


def test_orderby_sorts_for_real(db: sqlite3.Connection) -> None:
    order = compile_orderby("confidential desc, amount", COLUMNS)
    assert [r[0] for r in db.execute(f"SELECT no FROM items ORDER BY {order}")] == ["D2", "D4", "D3", "D1"]


def test_select() -> None:
    allowed = ["id", "no", "description", "status"]
    assert parse_select("no, description ,no", allowed) == ["no", "description"]
    assert parse_select("*", allowed) == allowed
    assert parse_select("status,*", allowed) == ["status", "id", "no", "description"]
    with pytest.raises(ODataQueryError) as info:
        parse_select("no,Description", allowed)
    assert info.value.target == "Description"
    assert "did you mean 'description'" in info.value.message
    with pytest.raises(ODataQueryError):
        parse_select("no,,status", allowed)
    with pytest.raises(ODataQueryError):
        parse_select("", allowed)


@pytest.mark.parametrize(("value", "expected"), [(None, None), ("0", 0), (" 25 ", 25), ("20000", 20000)])
def test_top_skip(value: str | None, expected: int | None) -> None:
    assert parse_top_skip(value, "$top") == expected


@pytest.mark.parametrize("value", ["-1", "abc", "1.5", "", "５", "99999999999999999999", "+3", "9" * 5000])
def test_top_skip_rejects(value: str) -> None:
    with pytest.raises(ODataQueryError) as info:
        parse_top_skip(value, "$skip")
    assert info.value.target == "$skip"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-31T10:00:00Z", "2026-01-31T10:00:00.000000Z"),
        ("2026-01-31T10:00:00.5Z", "2026-01-31T10:00:00.500000Z"),
        ("2026-01-31T10:00:00.1234567Z", "2026-01-31T10:00:00.123456Z"),
        ("2026-01-31T11:30:00+01:30", "2026-01-31T10:00:00.000000Z"),
        ("2026-01-31T10:00", "2026-01-31T10:00:00.000000Z"),
        ("2026-01-01T00:30:00+02:00", "2025-12-31T22:30:00.000000Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000000Z"),
    ],
)
def test_canonical_datetime(value: str, expected: str) -> None:
    assert canonical_datetime(value) == expected


@pytest.mark.parametrize("value", ["soon", "", "2026-13-01T00:00:00Z", "9999-12-31T23:00:00-05:00"])
def test_canonical_datetime_rejects_garbage(value: str) -> None:
    with pytest.raises(ValueError):
        canonical_datetime(value)


def test_out_of_range_datetime_literal_is_a_type_error() -> None:
    exc = error("lastModifiedDateTime lt 9999-12-31T23:00:00-05:00")
    assert exc.target == "lastModifiedDateTime"


def test_bc_blank_literals_mean_blank_for_eq_and_keep_order_otherwise() -> None:
    import sqlite3

    from dossier_sandbox.odata import compile_filter

    columns = {"d": Column("d", "date"), "t": Column("t", "datetime")}
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE r (id, d, t)")
    conn.executemany(
        "INSERT INTO r VALUES (?,?,?)", [(1, "", ""), (2, "2026-01-02", "2026-01-02T00:00:00.000000Z")]
    )

    def ids(text: str) -> list[int]:
        sql, params = compile_filter(text, columns)
        return [r[0] for r in conn.execute(f"SELECT id FROM r WHERE {sql} ORDER BY id", params)]

    assert ids("d eq 0001-01-01") == [1]
    assert ids("d ne 0001-01-01") == [2]
    assert ids("t eq 0001-01-01T00:00:00Z") == [1]
    assert ids("t gt 0001-01-01T00:00:00Z") == [2]
    assert ids("d gt 0001-01-01") == [2]
