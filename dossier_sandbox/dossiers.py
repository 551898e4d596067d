"""Dossier rules: validation of POST/PATCH bodies, status transitions, number series, writes.

Business Central rejects (400, with the field as ``target``) unknown and read-only fields rather than
ignoring them; ``@odata.*`` annotations in a body are ignored. All validation errors of a body are
reported together in ``details``.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from datetime import date
from typing import Any

from dossier_sandbox.db import Change, Database
from dossier_sandbox.entities import DOSSIERS
from dossier_sandbox.errors import ApiError, detail
from dossier_sandbox.schema import DOSSIER_WRITABLE_FIELDS, PRIORITY_VALUES, STATUS_VALUES
from dossier_sandbox.schema import MAX_LENGTH as _LENGTHS
from dossier_sandbox.tokens import Principal
from dossier_sandbox.variants import BC_BLANK_DATE, Variant, get_variant

MAX_LENGTH = _LENGTHS["dossier"]
DATE_FIELDS = ("documentDate", "startingDate", "endingDate")
# status -> statuses it may move to. Archived is read-only; Closed can be reopened or archived.
TRANSITIONS = {
    "New": {"Open", "In Process", "Closed"},
    "Open": {"New", "In Process", "Closed"},
    "In Process": {"Open", "Closed"},
    "Closed": {"Open", "In Process", "Archived"},
    "Archived": set(),
}
CREATE_STATUSES = ("New", "Open", "In Process")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WIRE_TO_SQL = {f.wire: f.sql for f in DOSSIERS.fields}


def parse_key(raw: str) -> str:
    """``dossiers(<guid>)`` or ``dossiers('<id>')`` -> the key; GUIDs are compared in lower case."""
    key = raw.strip()
    if len(key) >= 2 and key[0] == key[-1] == "'":
        key = key[1:-1].replace("''", "'")
    try:
        return str(uuid.UUID(key))
    except ValueError:
        return key


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _blank_input(name: str, value: Any, variant: Variant) -> tuple[bool, str | None]:
    """(is a blank, error message) for a sent value.

    BC takes ``""`` and ``0001-01-01`` for a blank but no null; a generic OData service takes null, and
    ``""`` for text only (it is not an Edm.Date); the vendor takes all of them.
    """
    no_null = f"'{name}' cannot be null; send \"\" to clear it."
    if name in DATE_FIELDS:
        if value is None:
            return True, None if variant.null_blanks else no_null
        if value == BC_BLANK_DATE:
            return True, None
        if value == "" and variant.name == "odata":
            return True, f"'{name}' must be a date (YYYY-MM-DD) or null."
        return value == "", None
    if value is None and name not in ("confidentialityLevel", "status", "priority", "no"):
        return True, None if variant.null_blanks else no_null
    return False, None


def _check_shapes(body: dict[str, Any], variant: Variant) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Field-by-field checks that need no database: returns (accepted fields, errors)."""
    errors: list[dict[str, Any]] = []
    accepted: dict[str, Any] = {}
    known = set(DOSSIERS.wire_names)
    for name, value in body.items():
        if name.startswith("@odata."):
            continue
        if name not in known:
            errors.append(
                detail(
                    f"The property '{name}' does not exist on type 'dossier'.",
                    name,
                    "BadRequest_PropertyNotFound",
                )
            )
            continue
        if name not in DOSSIER_WRITABLE_FIELDS:
            errors.append(detail(f"The field '{name}' is read-only.", name, "BadRequest_ReadOnlyField"))
            continue
        blank, problem = _blank_input(name, value, variant)
        if problem is not None:
            errors.append(detail(problem, name))
            continue
        if blank:
            accepted[name] = ""
            continue
        if name in ("status", "priority") and isinstance(value, str):
            captions = STATUS_VALUES if name == "status" else PRIORITY_VALUES
            caption = variant.enum_in(value, captions)
            if caption is None:
                forms = ", ".join(variant.enum_out(c) for c in captions)
                errors.append(detail(f"'{value}' is not a valid {name} ({forms}).", name))
                continue
            accepted[name] = caption
            continue
        if name == "confidentialityLevel":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3:
                errors.append(detail("confidentialityLevel must be an integer from 0 to 3.", name))
                continue
        elif not isinstance(value, str):
            errors.append(detail(f"'{name}' must be a string.", name))
            continue
        elif name in MAX_LENGTH and len(value) > MAX_LENGTH[name]:
            errors.append(detail(f"'{name}' may be at most {MAX_LENGTH[name]} characters long.", name))
            continue
        elif name in DATE_FIELDS and value and not _valid_date(value):
            errors.append(detail(f"'{name}' must be a date (YYYY-MM-DD) or blank.", name))
            continue
        accepted[name] = value.strip() if name in ("no", "primaryContactNo", "dossierTypeCode") else value
    return accepted, errors


def validate(
    db: Database,
    body: Any,
    who: Principal,
    today: date,
    current: dict[str, Any] | None = None,
    variant: Variant | None = None,
) -> dict[str, Any]:
    """Validate a POST (``current is None``) or PATCH body; returns SQL column -> new value.

    Raises ApiError 400 with every problem in ``details``, or 409 when the dossier is archived.
    """
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    if current is not None and current["status"] == "Archived":
        raise ApiError(409, "Archived dossiers are read-only.", target="status", code="Conflict_ReadOnly")
    accepted, errors = _check_shapes(body, variant or get_variant("bc"))
    merged = {**(current or {}), **accepted}
    changes: dict[str, Any] = {_WIRE_TO_SQL[k]: v for k, v in accepted.items()}

    if "dossierTypeCode" in accepted:
        code = accepted["dossierTypeCode"]
        category = db.scalar("SELECT category FROM dossier_types WHERE code = ?", (code,)) if code else ""
        if category is None:
            errors.append(detail(f"The dossier type '{code}' does not exist.", "dossierTypeCode"))
        changes["category"] = category or ""
    if "primaryContactNo" in accepted:
        contact_no = accepted["primaryContactNo"]
        name = db.scalar("SELECT name FROM contacts WHERE no = ?", (contact_no,)) if contact_no else ""
        if name is None:
            errors.append(detail(f"The contact '{contact_no}' does not exist.", "primaryContactNo"))
        changes["primary_contact_name"] = name or ""
    level = accepted.get("confidentialityLevel")
    if level is not None and level > who.user.clearance:
        errors.append(
            detail(
                f"You may not set a confidentiality level above your clearance ({who.user.clearance}).",
                "confidentialityLevel",
            )
        )
    start, end = merged.get("startingDate") or "", merged.get("endingDate") or ""
    if start and end and _valid_date(start) and _valid_date(end) and end < start:
        errors.append(detail("The ending date cannot be before the starting date.", "endingDate"))

    status = accepted.get("status")
    if current is None:
        if status is not None and status not in CREATE_STATUSES:
            errors.append(detail(f"A new dossier cannot have status '{status}'.", "status"))
        changes.setdefault("status", "New")
        if not merged.get("documentDate"):
            changes["document_date"] = today.isoformat()  # like BC's OnInsert (WorkDate)
    elif status is not None and status != current["status"]:
        if status not in TRANSITIONS[current["status"]]:
            errors.append(
                detail(f"The status cannot change from '{current['status']}' to '{status}'.", "status")
            )
        elif status == "Closed":
            changes["date_closed"] = today.isoformat()
        elif current["status"] == "Closed" and status != "Archived":
            changes["date_closed"] = ""

    no = accepted.get("no")
    if no:
        clash = db.scalar("SELECT id FROM dossiers WHERE no = ?", (no,))
        if clash is not None and (current is None or clash != current["id"]):
            errors.append(
                detail(f"A dossier with No. '{no}' already exists.", "no", "Internal_EntityWithSameKeyExists")
            )
    elif current is not None and "no" in accepted:
        errors.append(detail("The No. cannot be blank.", "no"))
    if errors:
        raise ApiError(400, errors[0]["message"], details=errors)
    return changes


def _next_number(conn: sqlite3.Connection, db: Database) -> str:
    """The next free number of the D00001 series (gaps are fine, duplicates are not)."""
    n = int(db.meta("next_dossier_no", "1"))
    while True:
        candidate = f"D{n:05d}"
        n += 1
        if conn.execute("SELECT 1 FROM dossiers WHERE no = ?", (candidate,)).fetchone() is None:
            break
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('next_dossier_no', ?)", (str(n),))
    return candidate


def insert(db: Database, changes: dict[str, Any]) -> str:
    """Insert a validated dossier; returns its new id."""
    dossier_id = str(uuid.uuid4())
    row = {f.sql: "" for f in DOSSIERS.fields}
    row.update(id=dossier_id, status="New", priority="Normal", confidentiality_level=0)
    row.update(changes)
    with db.tx() as conn:
        if not row["no"]:
            row["no"] = _next_number(conn, db)
        version, stamp = db.stamp()
        row["last_modified"] = stamp
        columns = [*row.keys(), "version"]
        conn.execute(
            f"INSERT INTO dossiers ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [*row.values(), version],
        )
        data = _event_data(conn, dossier_id)
        db.record_change(Change("dossiers", dossier_id, "created", stamp, "dossier.created", data))
    return dossier_id


def _event_data(conn: sqlite3.Connection, dossier_id: str) -> dict[str, Any]:
    """The vendor webhook's ``resourceData`` of a dossier (canonical captions)."""
    row = conn.execute(
        "SELECT id, no, primary_contact_no, status FROM dossiers WHERE id = ?", (dossier_id,)
    ).fetchone()
    keys = ("id", "no", "primaryContactNo", "status")
    return dict(zip(keys, row, strict=True)) if row else {"id": dossier_id}


def update(db: Database, dossier_id: str, changes: dict[str, Any], event: str = "") -> None:
    """Apply validated changes; the etag and lastModifiedDateTime always move, even for an empty PATCH."""
    with db.tx() as conn:
        before = conn.execute("SELECT status FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        version, stamp = db.stamp()
        assignments = [f"{column} = ?" for column in changes] + ["version = ?", "last_modified = ?"]
        conn.execute(
            f"UPDATE dossiers SET {', '.join(assignments)} WHERE id = ?",
            [*changes.values(), version, stamp, dossier_id],
        )
        if not event:
            moved = before is not None and "status" in changes and changes["status"] != before[0]
            event = "dossier.status.changed" if moved else "dossier.updated"
        data = _event_data(conn, dossier_id)
        db.record_change(Change("dossiers", dossier_id, "updated", stamp, event, data))


def touch(db: Database, dossier_id: str, event: str = "") -> None:
    """A new etag and lastModifiedDateTime (a document or workflow change counts as a modification)."""
    update(db, dossier_id, {}, event)


def delete(db: Database, dossier_id: str) -> list[str]:
    """Delete a dossier with its documents and workflow progress; returns the blob keys to remove."""
    with db.tx() as conn:
        blobs = [r[0] for r in conn.execute("SELECT blob FROM documents WHERE dossier_id = ?", (dossier_id,))]
        conn.execute("DELETE FROM documents WHERE dossier_id = ?", (dossier_id,))
        conn.execute("DELETE FROM workflow_steps WHERE dossier_id = ?", (dossier_id,))
        conn.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))
        _version, stamp = db.stamp()
        db.record_change(Change("dossiers", dossier_id, "deleted", stamp))
    return blobs


def raw(db: Database, dossier_id: str, clearance: int) -> dict[str, Any] | None:
    """The stored dossier (unblanked, wire names) if it exists within ``clearance``."""
    row = db.one(
        f"SELECT {DOSSIERS.select_list()} FROM dossiers WHERE id = ? AND confidentiality_level <= ?",
        (dossier_id, clearance),
    )
    if row is None:
        return None
    wire = DOSSIERS.to_wire(row)
    wire["_version"] = row[-1]  # internal: the row version behind the etag
    return wire
