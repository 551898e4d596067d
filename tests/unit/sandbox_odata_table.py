"""The small SQLite table the sandbox's OData compiler tests run their filters against."""

from __future__ import annotations

import sqlite3

from dossier_sandbox.odata import Column, compile_filter

STATUS = ("New", "Open", "In Process", "Closed", "Archived")
COLUMNS = {
    "id": Column("id", "guid"),
    "no": Column("no", "string"),
    "description": Column("description", "string"),
    "note": Column("note", "string"),  # nullable in the table: SQL NULL must behave like BC's blank
    "status": Column("status", "enum", STATUS),
    "category": Column("category", "enum"),  # no known values: captions are not validated
    "documentDate": Column("document_date", "date"),
    "endingDate": Column("ending_date", "date"),
    "lastModifiedDateTime": Column("last_modified", "datetime"),
    "confidentialityLevel": Column("level", "int"),
    "amount": Column("amount", "decimal"),
    "confidential": Column("confidential", "bool"),
}
GUID_A = "0f8fad5b-d9cb-469f-a165-70867728950e"
GUID_B = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
ROWS = [
    # no, description, note, status, category, document_date, ending_date, last_modified, level, amount,
    # confidential, id
    ("D1", "O'Brien's absence", "", "Open", "Absence", "2026-01-15", "2026-03-01",
     "2026-01-31T09:00:00.000000Z", 1, 10.5, 0, GUID_A),
    ("D2", "Knee 50% restored_ok", None, "In Process", "Medical", "2026-02-01", "",
     "2026-01-31T10:00:00.000000Z", 2, -3.0, 1, GUID_B),
    ("D3", "École visit", "follow up", "Closed", "Safety", "", "", "2026-01-31T10:00:00.500000Z", 3, 0.0, 0,
     "11111111-2222-3333-4444-555555555555"),
    ("D4", "back\\slash and *glob?[x]", "x", "New", "", "2025-12-31", "2025-12-01",
     "2026-02-01T00:00:00.000000Z", 0, 99.99, 1, "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
]  # fmt: skip


def items_table() -> sqlite3.Connection:
    """A fresh in-memory ``items`` table holding :data:`ROWS`."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE items (no TEXT, description TEXT, note TEXT, status TEXT, category TEXT,"
        " document_date TEXT, ending_date TEXT, last_modified TEXT, level INTEGER, amount REAL,"
        " confidential INTEGER, id TEXT)"
    )
    conn.executemany("INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", ROWS)
    return conn


def run(conn: sqlite3.Connection, text: str) -> list[str]:
    sql, params = compile_filter(text, COLUMNS)
    return [r[0] for r in conn.execute(f"SELECT no FROM items WHERE {sql} ORDER BY no", params)]
