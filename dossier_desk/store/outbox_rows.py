"""SQL-level helpers of the outbox: row decoding, rebasing queued edits, recording results."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec

from dossier_desk.store.outbox_model import Conflict, OutboxItem, OutboxKind, OutboxState

COLUMNS = (
    "id, kind, dossier_id, state, payload, attempts, next_attempt_at, last_error, field_errors, conflict, "
    "created_at, updated_at, sent_at, unsure, author"
)
RESULTS_KEEP_DAYS = 7  # outcome checks look back minutes, not days
_encode = msgspec.json.encode
_decode = msgspec.json.decode


def row_to_item(row: Any) -> OutboxItem:
    conflict = None
    if row[9]:
        c = _decode(row[9])
        conflict = Conflict(c["base"], c["mine"], c["theirs"], c.get("theirsEtag", ""))
    return OutboxItem(
        id=row[0],
        kind=OutboxKind(row[1]),
        dossier_id=row[2],
        state=OutboxState(row[3]),
        payload=_decode(row[4]),
        attempts=row[5],
        next_attempt_at=row[6],
        last_error=row[7],
        field_errors=_decode(row[8]) if row[8] else {},
        conflict=conflict,
        created_at=row[10],
        updated_at=row[11],
        sent_at=row[12],
        unsure=bool(row[13]),
        author=row[14],
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
