"""Upload queue widget: progress, speed, cancel, retry, offline hand-over to the outbox (fakes)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel

from dossier_desk.api.errors import (
    ApiError,
    NetworkError,
    RateLimitedError,
    RequestTimeoutError,
    ServerError,
    ValidationError,
)
from dossier_desk.api.models import Document, UploadRules
from dossier_desk.ui.documents.adapters import ApiUploadRules, DirectUploader, StoreUploadOutbox
from dossier_desk.ui.documents.ports import ProgressCallback, UploadJob
from dossier_desk.ui.documents.upload_queue import (
    CANCELLED,
    DISCARDED,
    DONE,
    FAILED,
    OUTBOX,
    UNKNOWN,
    UPLOADING,
    UploadQueueModel,
    UploadQueueWidget,
)
from tests.fault.qt_loop import run_on_loop


class FakeUploader:
    """Sends 'chunks' when the test releases them, so progress and cancel are deterministic."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.fail_with: list[BaseException] = []
        self.completed: list[UploadJob] = []
        self.started = 0

    async def upload_document(self, job: UploadJob, progress: ProgressCallback) -> Document:
        self.started += 1
        if self.fail_with:
            raise self.fail_with.pop(0)
        progress(job.size // 2, job.size)
        await self.gate.wait()
        progress(job.size, job.size)
        self.completed.append(job)
        return Document(id=f"doc-{len(self.completed)}", dossier_id=job.dossier_id, file_name=job.path.name)


class FakeOutbox:
    def __init__(self) -> None:
        self.queued: list[UploadJob] = []
        self.threads: list[int] = []
        self.fail_with: BaseException | None = None

    def queue_upload(self, job: UploadJob) -> str:
        self.threads.append(threading.get_ident())
        if self.fail_with is not None:
            raise self.fail_with
        self.queued.append(job)
        return str(len(self.queued))

    def is_queued(self, item_id: str) -> bool:
        return item_id not in self.sent

    sent: tuple[str, ...] = ()


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        self.now += 0.5  # every reading is half a second later
        return self.now


def _job(tmp_path: Path, name: str = "a.pdf", size: int = 2048) -> UploadJob:
    path = tmp_path / name
    path.write_bytes(b"x" * size)
    return UploadJob("dos-1", path, "A", "Administrative", False, "2026-03-01", size)


def _queue(qtbot, uploader: Any, outbox: Any, **kw: Any) -> UploadQueueWidget:
    widget = UploadQueueWidget(uploader, outbox, clock=Clock(), **kw)
    qtbot.addWidget(widget)
    return widget


def test_progress_speed_and_completion(qtbot, qtmodeltester, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    queue = _queue(qtbot, uploader, outbox)
    (entry,) = queue.add_jobs([_job(tmp_path)])
    qtbot.waitUntil(lambda: entry.state == UPLOADING and entry.sent == 1024)
    model = queue.model
    assert model.data(model.index(0, UploadQueueModel.PROGRESS)) == "50%"
    assert model.data(model.index(0, UploadQueueModel.PROGRESS), UploadQueueModel.ProgressRole) == 50
    # 1024 bytes between two clock readings half a second apart.
    assert model.data(model.index(0, UploadQueueModel.SPEED)) == "2 KB/s"
    qtmodeltester.check(model)
    queue.resize(600, 200)
    assert not queue.grab().isNull()  # paints the progress-bar delegate
    with qtbot.waitSignal(queue.uploaded) as blocker:
        uploader.gate.set()
    assert blocker.args == ["dos-1"]
    assert entry.state == DONE
    assert model.data(model.index(0, UploadQueueModel.STATUS)) == "Uploaded"
    # The average over the whole upload stays (2048 bytes over the clock's readings).
    assert model.data(model.index(0, UploadQueueModel.SPEED)).endswith("KB/s")
    queue.model.remove_finished()
    assert model.rowCount() == 0


def test_cancel_then_retry(qtbot, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    queue = _queue(qtbot, uploader, outbox)
    (entry,) = queue.add_jobs([_job(tmp_path)])
    qtbot.waitUntil(lambda: entry.state == UPLOADING)
    queue.view.selectionModel().select(
        queue.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    queue.cancel_button.click()
    qtbot.waitUntil(lambda: entry.state == CANCELLED)
    assert uploader.completed == []
    assert outbox.queued == []
    uploader.gate.set()
    with qtbot.waitSignal(queue.uploaded):
        queue.retry_button.click()
    assert entry.state == DONE
    assert len(uploader.completed) == 1


def _unsent(error: ApiError) -> ApiError:
    error.unsent = True  # type: ignore[attr-defined]  # what the transport sets when nothing left
    return error


def test_transient_failure_goes_to_outbox(qtbot, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    uploader.fail_with.append(_unsent(NetworkError("connection refused")))
    queue = _queue(qtbot, uploader, outbox)
    job = _job(tmp_path)
    with qtbot.waitSignal(queue.queuedOffline):
        (entry,) = queue.add_jobs([job])
    assert entry.state == OUTBOX
    assert outbox.queued == [job]
    queue.on_outbox_changed(1, 0, 0)
    assert entry.state == OUTBOX  # still queued
    outbox.sent = ("1",)
    with qtbot.waitSignal(queue.uploaded):
        queue.on_outbox_changed(0, 0, 0)
    assert entry.state == DONE
    assert queue.model.data(queue.model.index(0, UploadQueueModel.STATUS)) == "Uploaded: sent from the outbox"


def test_offline_goes_straight_to_outbox(qtbot, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    queue = _queue(qtbot, uploader, outbox, is_online=lambda: False)
    with qtbot.waitSignal(queue.queuedOffline):
        queue.add_jobs([_job(tmp_path)])
    assert uploader.started == 0
    assert len(outbox.queued) == 1


def test_permanent_failure_shows_server_message_and_can_retry(qtbot, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    uploader.fail_with.append(
        ValidationError("The document type Medical may not be added to this dossier.", status=400)
    )
    queue = _queue(qtbot, uploader, outbox)
    (entry,) = queue.add_jobs([_job(tmp_path)])
    qtbot.waitUntil(lambda: entry.state == FAILED)
    status = queue.model.data(queue.model.index(0, UploadQueueModel.STATUS))
    assert status.startswith("Failed: ")
    assert "Medical may not be added" in status
    assert outbox.queued == []
    uploader.gate.set()
    with qtbot.waitSignal(queue.uploaded):
        queue.retry(entry)
    assert entry.state == DONE


def test_parallel_limit(qtbot, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    queue = _queue(qtbot, uploader, outbox, max_parallel=2)
    entries = queue.add_jobs([_job(tmp_path, f"{i}.pdf") for i in range(3)])
    qtbot.waitUntil(lambda: uploader.started == 2)
    qtbot.wait(20)
    assert uploader.started == 2
    assert [e.state for e in entries].count(UPLOADING) == 2
    uploader.gate.set()
    qtbot.waitUntil(lambda: all(e.state == DONE for e in entries))


class FakeApi:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Path, dict[str, Any]]] = []

    async def get_upload_rules(self) -> UploadRules:
        return UploadRules(allowed_extensions=(".pdf",))

    async def upload_document(self, dossier_id: str, path: Path, **kwargs: Any) -> Document:
        self.calls.append((dossier_id, path, kwargs))
        kwargs["on_progress"](1, 1)
        return Document(id="new", dossier_id=dossier_id)


class FakeStore:
    def __init__(self, refresh_error: BaseException | None = None) -> None:
        self.refreshed: list[str] = []
        self.queued: list[tuple[str, Path, dict[str, Any]]] = []
        self.refresh_error = refresh_error

    def queue_upload(self, dossier_id: str, path: Path, **kwargs: Any) -> Any:
        self.queued.append((dossier_id, path, kwargs))
        return 7

    def outbox_items(self) -> list[Any]:
        return [type("Item", (), {"id": 7})()]

    async def refresh_documents(self, dossier_id: str) -> list[Document]:
        self.refreshed.append(dossier_id)
        if self.refresh_error:
            raise self.refresh_error
        return []


def test_adapters_map_jobs_to_api_and_store(loop, qtbot, tmp_path: Path) -> None:
    api, store = FakeApi(), FakeStore(refresh_error=NetworkError("gone"))
    job = _job(tmp_path)
    seen: list[tuple[int, int]] = []
    task = asyncio.ensure_future(
        DirectUploader(api, store).upload_document(job, lambda s, t: seen.append((s, t)))
    )
    qtbot.waitUntil(task.done)
    # A failed refresh after a successful upload must not fail the upload (it would be sent twice).
    assert task.result().id == "new"
    assert store.refreshed == ["dos-1"]
    assert seen == [(1, 1)]
    assert api.calls[0][2] | {"on_progress": None} == {
        "description": "A",
        "document_type": "Administrative",
        "document_date": "2026-03-01",
        "confidential": False,
        "on_progress": None,
    }
    assert StoreUploadOutbox(store).queue_upload(job) == "7"
    assert StoreUploadOutbox(store).is_queued("7")
    assert not StoreUploadOutbox(store).is_queued("8")
    assert store.queued[0][:2] == ("dos-1", job.path)
    rules = asyncio.ensure_future(ApiUploadRules(api).upload_rules())
    qtbot.waitUntil(rules.done)
    assert rules.result().allowed_extensions == (".pdf",)


@pytest.mark.parametrize(
    "error",
    [
        RequestTimeoutError("the server did not answer in time"),  # read timeout: body may be stored
        NetworkError("the connection dropped while reading the response"),
        ServerError("bad gateway", status=502),
    ],
)
def test_failure_after_sending_is_not_resent_but_marked_unknown(
    qtbot, loop, tmp_path: Path, error: ApiError
) -> None:
    """The server may already hold the file: an outbox replay (attempts=0, no duplicate check) would
    store it twice. The row says "check the documents list" instead."""
    uploader, outbox = FakeUploader(), FakeOutbox()
    uploader.fail_with.append(error)
    queue = _queue(qtbot, uploader, outbox)
    with qtbot.waitSignal(queue.outcomeUnknown) as blocker, qtbot.assertNotEmitted(queue.queuedOffline):
        (entry,) = queue.add_jobs([_job(tmp_path)])
    assert blocker.args == ["dos-1"]
    assert entry.state == UNKNOWN
    assert outbox.queued == []
    assert "check the documents list" in queue.model.data(queue.model.index(0, UploadQueueModel.STATUS))
    queue.model.remove_finished()
    assert queue.model.rowCount() == 0


def test_rate_limited_upload_goes_to_outbox(qtbot, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    uploader.fail_with.append(RateLimitedError("slow down", status=429, retry_after=600))
    queue = _queue(qtbot, uploader, outbox)
    with qtbot.waitSignal(queue.queuedOffline):
        (entry,) = queue.add_jobs([_job(tmp_path)])
    assert entry.state == OUTBOX


def test_upload_to_a_dossier_not_yet_created_waits_in_outbox(qtbot, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    queue = _queue(qtbot, uploader, outbox)
    path = tmp_path / "a.pdf"
    path.write_bytes(b"x")
    job = UploadJob("local-DD-0123456789ABCDEF", path, "A", "Administrative", False, "2026-03-01", 1)
    with qtbot.waitSignal(queue.queuedOffline):
        (entry,) = queue.add_jobs([job])
    assert uploader.started == 0  # never posted to dossiers('local-...')
    assert outbox.queued == [job]
    assert entry.state == OUTBOX


def test_outbox_copy_runs_off_the_gui_thread(qtbot, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    queue = _queue(qtbot, uploader, outbox, is_online=lambda: False)
    with qtbot.waitSignal(queue.queuedOffline):
        queue.add_jobs([_job(tmp_path)])
    assert outbox.threads
    assert threading.get_ident() not in outbox.threads


def test_outbox_copy_failure_shows_on_the_row(qtbot, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    outbox.fail_with = OSError(28, "No space left on device")
    queue = _queue(qtbot, uploader, outbox, is_online=lambda: False)
    with qtbot.assertNotEmitted(queue.queuedOffline):
        (entry,) = queue.add_jobs([_job(tmp_path)])
        qtbot.waitUntil(lambda: entry.state == FAILED)
    assert entry.task is not None
    qtbot.waitUntil(entry.task.done)
    assert queue.model.data(queue.model.index(0, UploadQueueModel.STATUS)).startswith("Failed")
    outbox.fail_with = None
    with qtbot.waitSignal(queue.queuedOffline):
        queue.retry(entry)  # nothing stuck: the row can be retried
    assert entry.state == OUTBOX


def test_discarded_outbox_upload_is_not_shown_as_uploaded(qtbot, loop, tmp_path: Path) -> None:
    uploader, outbox = FakeUploader(), FakeOutbox()
    queue = _queue(qtbot, uploader, outbox, is_online=lambda: False)
    with qtbot.waitSignal(queue.queuedOffline):
        first, second = queue.add_jobs([_job(tmp_path, "a.pdf"), _job(tmp_path, "b.pdf")])
    qtbot.waitUntil(lambda: first.state == OUTBOX and second.state == OUTBOX)  # copied in parallel

    async def store_discard() -> list[int]:
        outbox.sent = (first.outbox_id,)  # the item is gone from the outbox...
        queue.on_outbox_changed(0, 0, 0)  # ...and the store announces it before returning
        return [int(first.outbox_id)]

    with qtbot.assertNotEmitted(queue.uploaded):
        assert run_on_loop(qtbot, queue.discarding(store_discard())) == [int(first.outbox_id)]
    assert first.state == DISCARDED
    assert second.state == OUTBOX
    assert "Discarded" in queue.model.data(queue.model.index(0, UploadQueueModel.STATUS))


def test_direct_uploader_refreshes_the_list_when_the_outcome_is_unknown(loop, qtbot, tmp_path: Path) -> None:
    class DroppingApi(FakeApi):
        async def upload_document(self, dossier_id: str, path: Path, **kwargs: Any) -> Document:
            raise NetworkError("the connection dropped while reading the response")

    store = FakeStore()
    task = asyncio.ensure_future(DirectUploader(DroppingApi(), store).upload_document(_job(tmp_path), print))
    qtbot.waitUntil(task.done)
    assert isinstance(task.exception(), NetworkError)
    assert store.refreshed == ["dos-1"]
    refused = DirectUploader(FailingApi(_unsent(NetworkError("refused"))), store)
    unsent = asyncio.ensure_future(refused.upload_document(_job(tmp_path), print))
    qtbot.waitUntil(unsent.done)
    assert store.refreshed == ["dos-1"]  # nothing was sent: nothing to look for


class FailingApi(FakeApi):
    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    async def upload_document(self, dossier_id: str, path: Path, **kwargs: Any) -> Document:
        raise self.error
