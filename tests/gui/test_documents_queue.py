"""Upload queue widget over the outbox: copy, progress, speed, cancel, retry, parked and offline items
(a fake outbox; the real one against the sandbox is in tests/integration/test_upload_flow.py)."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel

from dossier_desk.api.models import UploadRules
from dossier_desk.store.outbox_errors import ErrorKind, ItemError
from dossier_desk.store.outbox_model import OutboxItem, OutboxKind, OutboxState
from dossier_desk.store.uploads import UploadState
from dossier_desk.ui.api_messages import outbox_error_message
from dossier_desk.ui.documents.adapters import ApiUploadRules, StoreUploadOutbox
from dossier_desk.ui.documents.ports import UploadJob
from dossier_desk.ui.documents.upload_queue import UploadQueueModel, UploadQueueWidget
from tests.fault.qt_loop import run_on_loop


class FakeOutbox:
    """The outbox as the queue sees it; the test plays the sync engine (progress, sent, parked)."""

    def __init__(self) -> None:
        self.items: dict[str, OutboxItem] = {}
        self.queued: list[UploadJob] = []
        self.threads: list[int] = []
        self.fail_with: BaseException | None = None
        self.unlisted: set[str] = set()
        self.cancelled: list[str] = []
        self.retried: list[str] = []

    def queue_upload(self, job: UploadJob) -> str:
        self.threads.append(threading.get_ident())
        if self.fail_with is not None:
            raise self.fail_with
        self.queued.append(job)
        item_id = str(len(self.queued))
        payload = {"fileName": job.path.name, "size": job.size}
        self.items[item_id] = OutboxItem(
            int(item_id), OutboxKind.UPLOAD, job.dossier_id, OutboxState.PENDING, payload
        )
        return item_id

    def upload_items(self) -> dict[str, OutboxItem]:
        return dict(self.items)

    def was_listed(self, item_id: str) -> bool:
        return item_id not in self.unlisted

    def cancel(self, item_id: str) -> bool:
        self.cancelled.append(item_id)
        return self.items.pop(item_id, None) is not None

    def retry(self, item_id: str) -> None:
        self.retried.append(item_id)
        self.set(item_id, OutboxState.PENDING)

    # -- the engine's side --------------------------------------------------------------------------
    def set(self, item_id: str, state: OutboxState, error: ItemError | None = None) -> None:
        self.items[item_id] = dataclasses.replace(self.items[item_id], state=state, error=error)

    def sent(self, item_id: str) -> None:
        del self.items[item_id]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        self.now += 0.5  # every reading is half a second later
        return self.now


def _job(tmp_path: Path, name: str = "a.pdf", size: int = 2048, dossier_id: str = "dos-1") -> UploadJob:
    path = tmp_path / name
    path.write_bytes(b"x" * size)
    return UploadJob(dossier_id, path, "A", "Administrative", False, "2026-03-01", size)


def _queue(qtbot, outbox: Any, **kw: Any) -> UploadQueueWidget:
    widget = UploadQueueWidget(outbox, clock=Clock(), **kw)
    qtbot.addWidget(widget)
    return widget


def _status(queue: UploadQueueWidget, row: int = 0) -> str:
    return queue.model.data(queue.model.index(row, UploadQueueModel.STATUS))


def test_copy_progress_speed_and_completion(qtbot, qtmodeltester, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    queue = _queue(qtbot, outbox)
    (entry,) = queue.add_jobs([_job(tmp_path)])
    assert entry.state is UploadState.COPYING
    assert queue.running_count() == 1
    qtbot.waitUntil(lambda: entry.state is UploadState.QUEUED)
    assert entry.outbox_id == "1"
    assert len(outbox.queued) == 1
    # The engine sends it; the store's listener reports the bytes.
    queue.on_upload_progress(1, 0, 2048)
    queue.on_upload_progress(1, 1024, 2048)
    model = queue.model
    assert entry.state is UploadState.SENDING
    assert model.data(model.index(0, UploadQueueModel.PROGRESS)) == "50%"
    assert model.data(model.index(0, UploadQueueModel.PROGRESS), UploadQueueModel.ProgressRole) == 50
    # 1024 bytes between two clock readings half a second apart.
    assert model.data(model.index(0, UploadQueueModel.SPEED)) == "2 KB/s"
    queue.on_upload_progress(99, 10, 20)  # another item's progress: not this row
    assert entry.sent == 1024
    qtmodeltester.check(model)
    queue.resize(600, 200)
    assert not queue.grab().isNull()  # paints the progress-bar delegate
    outbox.sent("1")
    with qtbot.waitSignal(queue.uploaded) as blocker:
        queue.on_outbox_changed(0, 0, 0)
    assert blocker.args == ["dos-1"]
    assert entry.state is UploadState.DONE
    assert _status(queue) == "Uploaded"
    assert queue.running_count() == 0
    # The average over the whole upload stays.
    assert model.data(model.index(0, UploadQueueModel.SPEED)).endswith("KB/s")
    queue.model.remove_finished()
    assert model.rowCount() == 0


def test_cancel_while_sending_then_retry_copies_again(qtbot, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    queue = _queue(qtbot, outbox)
    (entry,) = queue.add_jobs([_job(tmp_path)])
    qtbot.waitUntil(lambda: entry.state is UploadState.QUEUED)
    queue.on_upload_progress(1, 512, 2048)
    queue.view.selectionModel().select(
        queue.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    with qtbot.assertNotEmitted(queue.uploaded):
        queue.cancel_button.click()
        queue.on_outbox_changed(0, 0, 0)  # the item is gone: cancelled, not uploaded
    assert outbox.cancelled == ["1"]
    assert entry.state is UploadState.CANCELLED
    queue.retry_button.click()
    qtbot.waitUntil(lambda: entry.state is UploadState.QUEUED)
    assert entry.outbox_id == "2"
    assert len(outbox.queued) == 2


def test_a_send_that_cannot_be_stopped_keeps_its_row(qtbot, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    queue = _queue(qtbot, outbox)
    (entry,) = queue.add_jobs([_job(tmp_path)])
    qtbot.waitUntil(lambda: entry.state is UploadState.QUEUED)
    outbox.sent("1")  # gone already (the outbox refuses to cancel)
    queue.cancel(entry)
    assert entry.state is UploadState.QUEUED
    (copying,) = queue.add_jobs([_job(tmp_path, "b.pdf")])
    queue.cancel(copying)  # a copy being made cannot be cancelled: it finishes or fails on its own
    assert copying.state is UploadState.COPYING
    assert outbox.cancelled == ["1"]
    qtbot.waitUntil(lambda: copying.state is UploadState.QUEUED)


def test_offline_upload_waits_in_the_outbox_and_says_so_when_sent(qtbot, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    online = [False]
    queue = _queue(qtbot, outbox, is_online=lambda: online[0])
    with qtbot.waitSignal(queue.queuedOffline):
        (entry,) = queue.add_jobs([_job(tmp_path)])
    assert entry.state is UploadState.OFFLINE
    assert queue.running_count() == 0  # nothing under way: it goes out at the next sign-in too
    queue.on_outbox_changed(1, 0, 0)
    assert entry.state is UploadState.OFFLINE  # still queued
    online[0] = True
    outbox.sent("1")
    with qtbot.waitSignal(queue.uploaded):
        queue.on_outbox_changed(0, 0, 0)
    assert entry.state is UploadState.DONE
    assert _status(queue) == "Uploaded: sent from the outbox"


def test_deferred_send_shows_the_reason_and_waits(qtbot, loop, tmp_path: Path) -> None:
    """A 429 or 5xx defers the item (the outbox retries it later, checking first whether the earlier
    send landed): the row waits and says why."""
    outbox = FakeOutbox()
    queue = _queue(qtbot, outbox)
    (entry,) = queue.add_jobs([_job(tmp_path)])
    qtbot.waitUntil(lambda: entry.state is UploadState.QUEUED)
    busy = ItemError(ErrorKind.SERVER, 503)
    outbox.set("1", OutboxState.PENDING, busy)
    queue.on_outbox_changed(1, 0, 0)
    assert entry.state is UploadState.QUEUED
    assert _status(queue) == "Waiting: " + outbox_error_message(busy)
    assert outbox_error_message(busy)


def test_refused_upload_shows_server_message_and_can_be_retried(qtbot, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    queue = _queue(qtbot, outbox)
    (entry,) = queue.add_jobs([_job(tmp_path)])
    qtbot.waitUntil(lambda: entry.state is UploadState.QUEUED)
    refusal = "The document type Medical may not be added to this dossier."
    outbox.set("1", OutboxState.FAILED, ItemError(ErrorKind.VALIDATION, 400, server_text=refusal))
    queue.on_outbox_changed(0, 0, 1)
    assert entry.state is UploadState.FAILED
    status = _status(queue)
    assert status.startswith("Failed: ")
    assert "Medical may not be added" in status
    queue.retry(entry)  # the parked item is sent again, not copied again
    assert outbox.retried == ["1"]
    assert len(outbox.queued) == 1
    queue.on_outbox_changed(1, 0, 0)
    assert entry.state is UploadState.QUEUED
    outbox.sent("1")
    with qtbot.waitSignal(queue.uploaded):
        queue.on_outbox_changed(0, 0, 0)
    assert entry.state is UploadState.DONE


def test_outcome_unknown_is_not_resent_but_left_to_the_user(qtbot, loop, tmp_path: Path) -> None:
    """The server may already hold the file and the outbox could not tell: it parks the item (never
    sent again on its own); the row says "check the documents list"."""
    outbox = FakeOutbox()
    queue = _queue(qtbot, outbox)
    (entry,) = queue.add_jobs([_job(tmp_path)])
    qtbot.waitUntil(lambda: entry.state is UploadState.QUEUED)
    outbox.set("1", OutboxState.UNKNOWN)
    with qtbot.waitSignal(queue.outcomeUnknown) as blocker, qtbot.assertNotEmitted(queue.uploaded):
        queue.on_outbox_changed(0, 0, 1)
    assert blocker.args == ["dos-1"]
    assert entry.state is UploadState.UNKNOWN
    assert "check the documents list" in _status(queue)
    queue.model.remove_finished()
    assert queue.model.rowCount() == 0


def test_hidden_upload_says_where_it_went(qtbot, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    outbox.unlisted = {"1"}
    queue = _queue(qtbot, outbox)
    job = dataclasses.replace(_job(tmp_path), document_type="Medical")
    (entry,) = queue.add_jobs([job])
    qtbot.waitUntil(lambda: entry.state is UploadState.QUEUED)
    outbox.sent("1")
    with qtbot.waitSignal(queue.uploadedHidden):
        queue.on_outbox_changed(0, 0, 0)
    assert entry.state is UploadState.DONE_HIDDEN
    assert _status(queue) == "Uploaded, visible to occupational health only"


def test_upload_to_a_dossier_not_yet_created_waits_in_outbox(qtbot, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    queue = _queue(qtbot, outbox)
    job = _job(tmp_path, dossier_id="local-DD-0123456789ABCDEF")
    with qtbot.waitSignal(queue.queuedOffline):
        (entry,) = queue.add_jobs([job])
    assert outbox.queued == [job]
    assert entry.state is UploadState.OFFLINE


def test_outbox_copy_runs_off_the_gui_thread(qtbot, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    queue = _queue(qtbot, outbox, is_online=lambda: False)
    with qtbot.waitSignal(queue.queuedOffline):
        queue.add_jobs([_job(tmp_path)])
    assert outbox.threads
    assert threading.get_ident() not in outbox.threads


def test_outbox_copy_failure_shows_on_the_row(qtbot, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    outbox.fail_with = OSError(28, "No space left on device")
    queue = _queue(qtbot, outbox, is_online=lambda: False)
    with qtbot.assertNotEmitted(queue.queuedOffline):
        (entry,) = queue.add_jobs([_job(tmp_path)])
        qtbot.waitUntil(lambda: entry.state is UploadState.FAILED)
    assert entry.task is not None
    qtbot.waitUntil(entry.task.done)
    assert _status(queue).startswith("Failed")
    outbox.fail_with = None
    with qtbot.waitSignal(queue.queuedOffline):
        queue.retry(entry)  # nothing stuck: the row can be retried (copied again)
    assert entry.state is UploadState.OFFLINE


def test_discarded_outbox_upload_is_not_shown_as_uploaded(qtbot, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    queue = _queue(qtbot, outbox, is_online=lambda: False)
    with qtbot.waitSignal(queue.queuedOffline):
        first, second = queue.add_jobs([_job(tmp_path, "a.pdf"), _job(tmp_path, "b.pdf")])
    qtbot.waitUntil(lambda: first.state is UploadState.OFFLINE and second.state is UploadState.OFFLINE)

    async def store_discard() -> list[int]:
        outbox.sent(first.outbox_id)  # the item is gone from the outbox...
        queue.on_outbox_changed(0, 0, 0)  # ...and the store announces it before returning
        return [int(first.outbox_id)]

    with qtbot.assertNotEmitted(queue.uploaded):
        assert run_on_loop(qtbot, queue.discarding(store_discard())) == [int(first.outbox_id)]
    assert first.state is UploadState.DISCARDED
    assert second.state is UploadState.OFFLINE
    assert "Discarded" in _status(queue)


def test_uploads_queued_earlier_get_rows_of_their_own(qtbot, loop, tmp_path: Path) -> None:
    outbox = FakeOutbox()
    outbox.queue_upload(_job(tmp_path, "earlier.pdf"))  # queued in a previous session
    outbox.queue_upload(_job(tmp_path, "unsure.pdf"))
    outbox.set("2", OutboxState.UNKNOWN)
    queue = _queue(qtbot, outbox)
    queue.on_outbox_changed(2, 0, 1)
    assert [e.job.path.name for e in queue.model.entries] == ["earlier.pdf", "unsure.pdf"]
    earlier, unsure = queue.model.entries
    assert earlier.state is UploadState.QUEUED
    assert unsure.state is UploadState.UNKNOWN
    outbox.sent("1")
    with qtbot.waitSignal(queue.uploaded):
        queue.on_outbox_changed(0, 0, 1)
    assert _status(queue) == "Uploaded: sent from the outbox"
    queue.model.remove_finished()  # cleared rows do not come back while their item waits
    queue.on_outbox_changed(0, 0, 1)
    assert queue.model.rowCount() == 0


class FakeApi:
    async def get_upload_rules(self) -> UploadRules:
        return UploadRules(allowed_extensions=(".pdf",))


class Done:
    """A store write that has already landed (``DossierStore`` writes return a ``PendingWrite``)."""

    def __init__(self, result: Any) -> None:
        self.result = result

    def wait(self) -> Any:
        return self.result


class FakeStore:
    def __init__(self) -> None:
        self.queued: list[tuple[str, Path, dict[str, Any]]] = []
        self.items = [
            OutboxItem(7, OutboxKind.UPLOAD, "dos-1", OutboxState.PENDING, {}),
            OutboxItem(8, OutboxKind.UPDATE, "dos-1", OutboxState.PENDING, {}),
            OutboxItem(9, OutboxKind.UPLOAD, "dos-1", OutboxState.FAILED, {}),
        ]
        self.discarded: list[int] = []
        self.retried: list[int] = []

    def queue_upload(self, dossier_id: str, path: Path, **kwargs: Any) -> Any:
        self.queued.append((dossier_id, path, kwargs))
        return Done(self.items[0])

    def outbox_items(self) -> list[OutboxItem]:
        return list(self.items)

    def sent_upload_listed(self, item_id: int) -> bool:
        return item_id != 5

    def discard(self, item_id: int) -> Done:
        self.discarded.append(item_id)
        return Done([item_id])

    def retry(self, item_id: int) -> Done:
        self.retried.append(item_id)
        return Done(None)


def test_store_adapter_maps_jobs_and_items(loop, qtbot, tmp_path: Path) -> None:
    store, sending = FakeStore(), {3}
    outbox = StoreUploadOutbox(store, lambda item_id: item_id in sending)
    job = _job(tmp_path)
    assert outbox.queue_upload(job) == "7"
    assert store.queued[0][:2] == ("dos-1", job.path)
    assert store.queued[0][2] == {
        "description": "A",
        "document_type": "Administrative",
        "document_date": "2026-03-01",
        "confidential": False,
    }
    assert sorted(outbox.upload_items()) == ["7", "9"]  # uploads only
    assert outbox.was_listed("7")
    assert not outbox.was_listed("5")
    assert outbox.cancel("3")  # on the wire: the engine aborts the request
    assert outbox.cancel("7")
    assert store.discarded == [7]
    assert not outbox.cancel("9")  # parked: the sync issues window decides
    assert not outbox.cancel("4")  # gone
    assert store.discarded == [7]
    outbox.retry("9")
    assert store.retried == [9]
    rules = asyncio.ensure_future(ApiUploadRules(FakeApi()).upload_rules())
    qtbot.waitUntil(rules.done)
    assert rules.result().allowed_extensions == (".pdf",)


@pytest.mark.parametrize("state", list(UploadState))
def test_every_state_has_a_text(qtbot, loop, tmp_path: Path, state: UploadState) -> None:
    queue = _queue(qtbot, FakeOutbox(), is_online=lambda: False)
    (entry,) = queue.add_jobs([_job(tmp_path)])
    qtbot.waitUntil(lambda: entry.state is UploadState.OFFLINE)
    queue._set(entry, state)
    assert _status(queue)
