"""Properties of the sandbox's $filter compiler: literals round-trip, text functions fold case, precedence
matches an oracle, garbage never crashes (hypothesis, against a real in-memory SQLite table)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier_sandbox.odata import ODataQueryError, compile_filter
from tests.unit.sandbox_odata_table import COLUMNS, GUID_A, ROWS, items_table, run


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    conn = items_table()
    yield conn
    conn.close()


def insert(conn: sqlite3.Connection, descriptions: list[str]) -> None:
    conn.execute("DELETE FROM items")
    rows = [(str(i), v) for i, v in enumerate(descriptions)]
    conn.executemany("INSERT INTO items (no, description) VALUES (?, ?)", rows)


_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("'\"%_\\*?[]() ;-aAéÉ"),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=30,
)


@settings(database=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=_TEXT, others=st.lists(_TEXT, max_size=5))
def test_any_string_literal_round_trips(db: sqlite3.Connection, target: str, others: list[str]) -> None:
    values = [target, target + "x", "x" + target, target.upper(), target.lower(), "'", "", *others]
    insert(db, values)
    sql, params = compile_filter(f"description eq '{target.replace(chr(39), chr(39) * 2)}'", COLUMNS)
    got = {r[0] for r in db.execute(f"SELECT no FROM items WHERE {sql}", params)}
    assert got == {str(i) for i, v in enumerate(values) if v == target}


_FOLDABLE = st.text(alphabet="aAbBéÉ%_\\*?[]' ", max_size=12)


@settings(database=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(needle=_FOLDABLE, hays=st.lists(_FOLDABLE, min_size=1, max_size=6))
def test_text_functions_fold_case(db: sqlite3.Connection, needle: str, hays: list[str]) -> None:
    insert(db, hays)
    literal = needle.replace("'", "''")
    checks = {
        "contains": lambda h: needle.lower() in h.lower(),
        "startswith": lambda h: h.lower().startswith(needle.lower()),
        "endswith": lambda h: h.lower().endswith(needle.lower()),
    }
    for name, oracle in checks.items():
        sql, params = compile_filter(f"{name}(description, '{literal}')", COLUMNS)
        got = {r[0] for r in db.execute(f"SELECT no FROM items WHERE {sql}", params)}
        assert got == {str(i) for i, h in enumerate(hays) if oracle(h)}, name


# Random Boolean trees, rendered with the fewest parentheses the precedence rules allow, must select
# the same rows as a Python evaluation of the tree (OData's two-valued logic: null compares false).
_LEAVES: list[tuple[str, Callable[[tuple], bool]]] = [
    ("no eq 'D1'", lambda r: r[0] == "D1"),
    ("no ne 'D2'", lambda r: r[0] != "D2"),
    ("confidentialityLevel gt 1", lambda r: r[8] > 1),
    ("confidentialityLevel le 0", lambda r: r[8] <= 0),
    ("note eq null", lambda r: r[2] in (None, "")),
    ("note ne 'x'", lambda r: r[2] != "x"),
    ("contains(note, 'OLL')", lambda r: r[2] is not None and "oll" in r[2].lower()),
    ("confidential", lambda r: bool(r[10])),
    ("startswith(description, 'k')", lambda r: r[1].lower().startswith("k")),
]
_PRECEDENCE = {"or": 1, "and": 2, "not": 3}


def _trees(depth: int) -> st.SearchStrategy[tuple]:
    leaf = st.integers(0, len(_LEAVES) - 1).map(lambda i: ("leaf", i))
    if depth == 0:
        return leaf
    sub = _trees(depth - 1)
    return st.one_of(
        leaf,
        sub.map(lambda t: ("not", t)),
        st.tuples(st.sampled_from(["and", "or"]), st.lists(sub, min_size=2, max_size=3)),
    )


def _render(tree: tuple, parent: int = 0) -> str:
    kind = tree[0]
    if kind == "leaf":
        return _LEAVES[tree[1]][0]
    if kind == "not":
        return "not " + _render(tree[1], _PRECEDENCE["not"])
    text = f" {kind} ".join(_render(t, _PRECEDENCE[kind]) for t in tree[1])
    return f"({text})" if parent > _PRECEDENCE[kind] else text


def _evaluate(tree: tuple, row: tuple) -> bool:
    kind = tree[0]
    if kind == "leaf":
        return _LEAVES[tree[1]][1](row)
    if kind == "not":
        return not _evaluate(tree[1], row)
    results = [_evaluate(t, row) for t in tree[1]]
    return all(results) if kind == "and" else any(results)


@settings(database=None, max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=_trees(4))
def test_precedence_matches_an_oracle(db: sqlite3.Connection, tree: tuple) -> None:
    text = _render(tree)
    expected = sorted(row[0] for row in ROWS if _evaluate(tree, row))
    assert run(db, text) == expected, text


_FRAGMENTS = st.sampled_from(
    ["no", "status", "eq", "and", "or", "not", "(", ")", "'x'", "'", ",", "contains", "tolower", "1", "-",
     "2026-01-01", "null", "true", GUID_A, "Microsoft.NAV.s'Open'", " ", "documentDate", "gt", "''"]
)  # fmt: skip


@settings(database=None, max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(_FRAGMENTS, max_size=12), noise=st.text(max_size=20))
def test_garbage_never_crashes(db: sqlite3.Connection, parts: list[str], noise: str) -> None:
    for text in (" ".join(parts), "".join(parts), noise):
        try:
            sql, params = compile_filter(text, COLUMNS)
        except ODataQueryError:
            continue
        db.execute(f"SELECT count(*) FROM items WHERE {sql}", params).fetchone()
