"""A damaged cache: explained, "Reset local data" exports the readable outbox first; an outbox that
vanished while items were queued is reported through the record kept beside the database."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import DossierStore, profile_paths
from dossier_desk.store.outbox_rescue import RECORD_NAME
from dossier_desk.store.session import open_session
from dossier_desk.ui import cache_recovery
from dossier_desk.ui.bridge import SyncBridge
from tests.gui.dossier_samples import dossiers

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def _store_with_queued_edits(bridge: SyncBridge, paths, n: int = 2) -> DossierStore:
    store = open_session(paths, None, bridge).wait().store
    store.cache.upsert_dossiers(dossiers(5)).wait()
    for d in dossiers(5)[:n]:
        store.save_dossier_changes(d.id, {DossierField.DESCRIPTION: f"Queued for {d.no}"}).wait()
    return store


def _click(box: QMessageBox, text: str) -> None:
    next(b for b in box.buttons() if b.text() == text).click()


def test_reset_local_data_exports_the_readable_outbox_first(qtbot, loop, tmp_path: Path, monkeypatch) -> None:
    paths = profile_paths("damaged", "company")
    _store_with_queued_edits(SyncBridge(), paths).cache.db.close()
    real_open = cache_recovery.open_database
    calls = {"n": 0}

    def damaged_once(p):
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return real_open(p)

    monkeypatch.setattr(cache_recovery, "open_database", damaged_once)
    boxes: list[QMessageBox] = []
    task = asyncio.ensure_future(
        cache_recovery.open_database_or_reset(
            paths, shown=boxes.append, folder=lambda: tmp_path / "Documents"
        )
    )
    qtbot.waitUntil(lambda: len(boxes) == 1)
    assert "damaged" in boxes[0].text()
    assert "Reset local data" in [b.text() for b in boxes[0].buttons()]
    _click(boxes[0], "Reset local data")
    qtbot.waitUntil(lambda: len(boxes) == 2)
    exported = next((tmp_path / "Documents").glob("*.json"))
    assert str(exported) in boxes[1].text()
    boxes[1].accept()
    qtbot.waitUntil(task.done)
    db = task.result()
    assert db.query("SELECT count(*) FROM outbox") == [(0,)]  # a fresh cache
    db.close()
    items = json.loads(exported.read_text())["items"]
    assert len(items) == 2
    assert items[0]["payload"]["changes"]["description"].startswith("Queued for")
    assert (exported.stat().st_mode & 0o777) == 0o600


def test_quit_keeps_the_damaged_data_untouched(qtbot, loop, tmp_path: Path, monkeypatch) -> None:
    paths = profile_paths("damaged", "company")
    _store_with_queued_edits(SyncBridge(), paths).cache.db.close()
    size = paths.database.stat().st_size

    def damaged(_p):
        raise sqlite3.DatabaseError("file is not a database")

    monkeypatch.setattr(cache_recovery, "open_database", damaged)
    boxes: list[QMessageBox] = []
    task = asyncio.ensure_future(cache_recovery.open_database_or_reset(paths, shown=boxes.append))
    qtbot.waitUntil(lambda: len(boxes) == 1)
    _click(boxes[0], "Quit")
    qtbot.waitUntil(task.done)
    with pytest.raises(sqlite3.DatabaseError):
        task.result()
    assert paths.database.stat().st_size == size


def test_a_locked_database_is_not_offered_a_reset(qtbot, loop, monkeypatch) -> None:
    def locked(_p):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(cache_recovery, "open_database", locked)
    task = asyncio.ensure_future(cache_recovery.open_database_or_reset(profile_paths("x", "y")))
    qtbot.waitUntil(task.done)
    with pytest.raises(sqlite3.OperationalError):
        task.result()


def test_an_outbox_that_vanished_is_reported(qtbot, tmp_path: Path) -> None:
    bridge = SyncBridge()
    paths = profile_paths("vanish", "company")
    store = _store_with_queued_edits(bridge, paths, n=3)
    assert cache_recovery.watch_outbox_record(paths, store, bridge, None) is None
    record = json.loads((paths.root / RECORD_NAME).read_text())
    assert record["count"] == 3
    assert (paths.root / RECORD_NAME).stat().st_mode & 0o777 == 0o600
    store.cache.db.close()
    for suffix in ("", "-wal", "-shm"):  # the cache is emptied behind the app's back
        Path(str(paths.database) + suffix).unlink(missing_ok=True)
    session = open_session(paths, None, bridge).wait()
    fresh = session.store
    box = cache_recovery.watch_outbox_record(paths, fresh, bridge, None)
    assert box is not None
    assert "3 change(s) waiting to be sent are no longer in the local data" in box.text()
    box.close()
    assert cache_recovery.watch_outbox_record(paths, fresh, bridge, None) is None  # said once
    session.close()


def test_sent_items_leave_the_record_without_an_alarm(qtbot) -> None:
    bridge = SyncBridge()
    paths = profile_paths("sent", "company")
    store = _store_with_queued_edits(bridge, paths, n=1)
    cache_recovery.watch_outbox_record(paths, store, bridge, None)
    item = store.outbox.items()[0]
    store.outbox.discard(item.id).wait()
    bridge.outbox_changed(*store.outbox.counts())
    assert cache_recovery.watch_outbox_record(paths, store, bridge, None) is None
    store.cache.db.close()
