"""When the cache is damaged: save what can still be read of the outbox, and notice an outbox that
vanished.

:func:`export_readable_outbox` reads the outbox table of a damaged cache (read-only, row by row, so one
bad row does not lose the others) into a JSON file the user keeps. :class:`OutboxRecord` is a small
private file beside the database listing the queued item ids; it survives the database being emptied
or replaced, so the next start can tell that queued edits disappeared instead of silently losing them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dossier_desk.store import crypto
from dossier_desk.store.db import keyring_account
from dossier_desk.store.paths import ProfilePaths

log = logging.getLogger(__name__)

RECORD_NAME = "outbox-record.json"
_FIELDS = ("id", "kind", "dossier_id", "state", "payload", "created_at")


def _connect_read_only(paths: ProfilePaths) -> Any:
    """A read-only connection to the (maybe damaged) cache; encrypted files need their stored key."""
    if crypto.is_encrypted_database(paths.database) and crypto.sqlcipher3 is not None:
        key = crypto.get_or_create_key(keyring_account(paths), may_create=False)
        if key is None:
            raise sqlite3.DatabaseError("no key")
        conn = crypto.sqlcipher3.connect(f"file:{paths.database}?mode=ro", uri=True)
        conn.execute(f"PRAGMA key = \"x'{key}'\"")
        return conn
    return sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True)


def read_outbox_rows(paths: ProfilePaths) -> list[dict[str, Any]]:
    """Every outbox row that can still be read ([] when none can)."""
    rows: list[dict[str, Any]] = []
    try:
        conn = _connect_read_only(paths)
    except Exception:  # unreadable in every way: nothing to rescue
        log.info("outbox rescue: the cache cannot be opened")
        return rows
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM outbox ORDER BY id").fetchall()]
        for item_id in ids:
            with contextlib.suppress(Exception):  # one damaged row must not lose the others
                row = conn.execute(
                    f"SELECT {', '.join(_FIELDS)} FROM outbox WHERE id = ?",  # noqa: S608 - fixed names
                    (item_id,),
                ).fetchone()
                record = dict(zip(_FIELDS, row, strict=True))
                with contextlib.suppress(ValueError, TypeError):
                    record["payload"] = json.loads(record["payload"])
                rows.append(record)
    except Exception:
        log.info("outbox rescue: the outbox table cannot be read")
    finally:
        conn.close()
    return rows


def export_readable_outbox(paths: ProfilePaths, folder: Path, *, now: datetime | None = None) -> Path | None:
    """Write the readable outbox rows to a private JSON file in ``folder``; None when there were none."""
    rows = read_outbox_rows(paths)
    if not rows:
        return None
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"Dossier Desk unsent changes {stamp}.json"
    crypto.create_private_file(target)
    target.write_text(json.dumps({"exported_at": stamp, "items": rows}, indent=2, ensure_ascii=False))
    log.info("outbox rescue: %d item(s) exported", len(rows))
    return target


class OutboxRecord:
    """The ids of queued outbox items, kept in a 0600 file beside (not inside) the database."""

    def __init__(self, paths: ProfilePaths) -> None:
        self.path = paths.root / RECORD_NAME

    def read(self) -> set[int]:
        try:
            data = json.loads(self.path.read_text())
            return {int(i) for i in data.get("ids", [])}
        except (OSError, ValueError, TypeError, AttributeError):
            return set()

    def write(self, item_ids: Iterable[int]) -> None:
        ids = sorted(set(item_ids))
        if not ids and not self.path.exists():
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            crypto.create_private_file(tmp)
            tmp.write_text(json.dumps({"count": len(ids), "ids": ids}))
            os.replace(tmp, self.path)
        except OSError:  # a full disk: the next change tries again
            log.info("outbox record not written")

    def vanished(self, current_ids: Iterable[int]) -> set[int]:
        """Recorded ids no longer in the outbox (the database was emptied or replaced meanwhile)."""
        return self.read() - set(current_ids)
