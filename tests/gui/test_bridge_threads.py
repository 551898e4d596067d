"""The bridge builds a sync page's table rows on the thread that hands it the page and delivers every
event on the GUI thread, in the order the store raised them."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from dossier_desk.api.models import Dossier
from dossier_desk.ui.bridge import SyncBridge


def test_a_page_from_a_worker_is_prepared_there_and_delivered_in_order_on_the_gui_thread(qtbot) -> None:
    bridge = SyncBridge()
    gui = threading.current_thread()
    prepared_on: list[threading.Thread] = []
    applied: list[list[str]] = []
    heard: list[tuple[str, bool]] = []

    def snapshot():
        def prepare(dossiers):
            prepared_on.append(threading.current_thread())
            return [d.id for d in dossiers]

        return prepare

    bridge.attach_table(snapshot, applied.append)
    bridge.dossiersChanged.connect(
        lambda up, _gone: heard.append((f"page {len(up)}", threading.current_thread() is gui))
    )
    bridge.syncFinished.connect(lambda *_: heard.append(("finished", threading.current_thread() is gui)))
    page = [Dossier(id=f"id-{n}") for n in range(1200)]
    worker = threading.Thread(target=bridge.dossiers_changed, args=(page, ()))
    worker.start()
    worker.join()
    bridge.sync_finished(datetime.now(UTC), None)  # raised on the GUI thread after the page
    assert heard == []  # nothing overtakes the queued page
    assert len(prepared_on) == 3  # 1200 rows in batches of a slice's 500
    assert all(t is worker for t in prepared_on)
    qtbot.waitUntil(bridge.settled)
    assert [i for batch in applied for i in batch] == [d.id for d in page]
    assert all(len(batch) <= 500 for batch in applied)  # cut to the rows of a slice
    assert heard == [("page 1200", True), ("finished", True)]


def test_events_on_the_gui_thread_run_at_once_when_nothing_waits(qtbot) -> None:
    bridge = SyncBridge()
    applied: list[list[str]] = []
    bridge.attach_table(lambda: lambda ds: [d.id for d in ds], applied.append)
    with qtbot.waitSignal(bridge.dossiersChanged, timeout=1000) as changed:
        bridge.dossiers_changed([Dossier(id="local-1")], [])  # a local edit: applied and heard at once
    assert applied == [["local-1"]]
    assert changed.args[0][0].id == "local-1"
    assert bridge.settled()


def test_a_staging_table_gets_a_page_in_batches_shown_once_before_sync_finished(qtbot) -> None:
    bridge = SyncBridge()
    log: list[str] = []
    bridge.attach_table(
        lambda: lambda ds: [d.id for d in ds],
        lambda batch: log.append(f"apply {len(batch)}"),
        stage=lambda batch: log.append(f"stage {len(batch)}"),
        place=lambda: log.append("place"),
    )
    bridge.syncFinished.connect(lambda *_: log.append("finished"))
    page = [Dossier(id=f"id-{n}") for n in range(1200)]
    worker = threading.Thread(target=bridge.dossiers_changed, args=(page, ()))
    worker.start()
    worker.join()
    bridge.sync_finished(datetime.now(UTC), None)
    qtbot.waitUntil(lambda: "finished" in log)
    assert log == ["stage 500", "stage 500", "stage 200", "place", "finished"]  # one placement, first
    qtbot.waitUntil(bridge.settled)
    assert log[-1] == "finished"  # nothing was left to place
