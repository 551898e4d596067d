"""SQL-level helpers of the outbox: row decoding, rebasing queued edits, recording results."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec

from dossier_desk.store.outbox_errors import ERROR_COLUMNS, error_from_row
from dossier_desk.store.outbox_model import Conflict, OutboxItem, OutboxKind, OutboxState, conflict_side

COLUMNS = (
    "id, kind, dossier_id, state, payload, attempts, next_attempt_at, conflict, created_at, updated_at, "
    f"sent_at, unsure, author, {ERROR_COLUMNS}"
)
RESULTS_KEEP_DAYS = 7  # outcome checks look back minutes, not days
_encode = msgspec.json.encode
_decode = msgspec.json.decode


def row_to_item(row: Any) -> OutboxItem:
    conflict = None
    if row[7]:
        c = _decode(row[7])
        theirs = conflict_side(c["theirs"]) if c["theirs"] is not None else None
        conflict = Conflict(
            conflict_side(c["base"]), conflict_side(c["mine"]), theirs, c.get("theirsEtag", "")
        )
    return OutboxItem(
        id=row[0],
        kind=OutboxKind(row[1]),
        dossier_id=row[2],
        state=OutboxState(row[3]),
        payload=_decode(row[4]),
        attempts=row[5],
        next_attempt_at=row[6],
        conflict=conflict,
        created_at=row[8],
        updated_at=row[9],
        sent_at=row[10],
        unsure=bool(row[11]),
        author=row[12],
        error=error_from_row(*row[13:18], _decode(row[18]) if row[18] else {}),
    )


def record_results(conn: Any, item: OutboxItem, server_ids: list[str]) -> None:
    """Remember which server records ``item`` produced (and forget those past the keeping time)."""
    now = datetime.now(UTC)
    stale = (now - timedelta(days=RESULTS_KEEP_DAYS)).isoformat(timespec="milliseconds")
    conn.execute("DELETE FROM outbox_results WHERE finished_at < ?", (stale,))
    conn.executemany(
        "INSERT OR REPLACE INTO outbox_results (server_id, local_id, kind, finished_at) VALUES (?, ?, ?, ?)",
        [
            (sid, item.dossier_id, item.kind.value, now.isoformat(timespec="milliseconds"))
            for sid in server_ids
        ],
    )


def rebase_onto(
    conn: Any,
    dossier_id: str,
    old_etag: str,
    new_etag: str,
    new_base: dict[str, Any],
    *,
    after_id: int = 0,
) -> None:
    """Point queued edits / deletions of ``dossier_id`` (after ``after_id``) that were based on
    ``old_etag`` (or on nothing yet) at the version ``new_etag`` / ``new_base``."""
    rows = conn.execute(
        "SELECT id, payload FROM outbox WHERE dossier_id = ? AND id > ? AND kind IN (?, ?) ORDER BY id",
        (dossier_id, after_id, OutboxKind.UPDATE.value, OutboxKind.DELETE.value),
    ).fetchall()
    for row_id, blob in rows:
        payload = _decode(blob)
        if payload.get("baseEtag") in ("", old_etag):
            payload["baseEtag"] = new_etag
            payload["base"] = dict(new_base)
            conn.execute("UPDATE outbox SET payload = ? WHERE id = ?", (_encode(payload), row_id))
