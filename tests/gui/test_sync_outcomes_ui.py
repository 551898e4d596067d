"""What the user sees of sync outcomes: failed steps in the status bar; unknown outcomes, waiting items
and skipped records in Sync issues; an External Document No. the user types."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from dossier_desk.api.decoding import SkippedRecord
from dossier_desk.api.errors import MalformedResponseError, NetworkError, RateLimitedError, ServerError
from dossier_desk.api.models import Dossier
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store.outbox_errors import error_of
from dossier_desk.store.outbox_model import OutboxItem, OutboxKind, OutboxState
from dossier_desk.store.sync_report import StepFailure, SyncReport
from dossier_desk.ui.errors import user_message
from dossier_desk.ui.sync_issues.window import SyncIssuesWindow
from dossier_desk.ui.views.dossier_form import DossierForm
from dossier_desk.ui.views.status_bar import DossierStatusBar

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
UNKNOWN = OutboxItem(
    id=7,
    kind=OutboxKind.UPLOAD,
    dossier_id="d1",
    state=OutboxState.UNKNOWN,
    payload={"fileName": "assessment.pdf", "base": {"no": "D0042"}, "found": []},
)
WAITING = OutboxItem(
    id=8,
    kind=OutboxKind.UPDATE,
    dossier_id="d2",
    state=OutboxState.PENDING,
    payload={"changes": {"priority": "High"}, "base": {"no": "D0043"}},
    next_attempt_at=time.time() + 900,
    error=error_of(RateLimitedError(retry_after=900)),
)


class Store:
    def __init__(self, parked: list[OutboxItem], waiting: list[OutboxItem]) -> None:
        self.parked, self.waiting = parked, waiting
        self.calls: list[tuple[str, int]] = []

    def parked_items(self) -> list[OutboxItem]:
        return list(self.parked)

    def waiting_items(self) -> list[OutboxItem]:
        return list(self.waiting)

    async def resolve_conflict(self, item_id: int, resolution: dict[str, Any], use_etag: str) -> None:
        raise AssertionError("no conflicts here")

    async def retry(self, item_id: int) -> OutboxItem:
        self.calls.append(("retry", item_id))
        self.parked = [i for i in self.parked if i.id != item_id]
        self.waiting = [i for i in self.waiting if i.id != item_id]
        return UNKNOWN

    async def discard(self, item_id: int) -> list[int]:
        self.calls.append(("discard", item_id))
        return [item_id]

    def show_error(self, exc: BaseException, *, context: str = "") -> None:
        raise AssertionError(f"unexpected error during {context}: {exc!r}")


def test_status_bar_names_the_failed_step(qtbot) -> None:
    bar = DossierStatusBar("caseworker@demo", "Demo")
    qtbot.addWidget(bar)
    error = MalformedResponseError()
    bar.on_sync_report(SyncReport((StepFailure.of("types", error),)))
    bar.on_sync_finished(NOW, error)
    assert bar.sync_label.text().endswith(": dossier types")
    assert bar.sync_label.toolTip() == user_message(error)

    network, server = NetworkError(), ServerError()
    failures = (StepFailure.of("push", server), StepFailure.of("dossiers", network))
    bar.on_sync_report(SyncReport(failures))
    bar.on_sync_finished(NOW, server)
    assert bar.sync_label.text().endswith(": sending changes, dossiers")
    assert bar.sync_label.toolTip().splitlines() == [
        f"sending changes: {user_message(server)}",
        f"dossiers: {user_message(network)}",
    ]

    bar.on_sync_report(SyncReport((), (SkippedRecord("dossiers", "d-17", "wrong_type"),)))
    bar.on_sync_finished(NOW, None)
    assert bar.sync_label.text().startswith("Last sync")
    assert "1 unreadable record(s) skipped" in bar.sync_label.text()
    assert "dossiers d-17" in bar.sync_label.toolTip()  # the key, never the content


def test_sync_issues_shows_unknown_waiting_and_skipped(qtbot) -> None:
    store = Store([UNKNOWN], [WAITING])
    window = SyncIssuesWindow(store, store)
    qtbot.addWidget(window)
    window.on_sync_report(SyncReport((), (SkippedRecord("dossiers", "d-17", "wrong_type"),)))
    texts = [window.list.item(i).text() for i in range(window.list.count())]
    assert texts == [
        "Outcome unknown: Upload of “assessment.pdf” to D0042",
        "Waiting: Edit of D0043",
        "Unreadable record skipped: dossiers d-17",
    ]
    window.list.setCurrentRow(0)
    assert window.retry_button.text() == "Send again"
    assert "cannot tell whether it arrived" in window.failure_text.text()

    window.list.setCurrentRow(1)
    assert window.retry_button.text() == "Retry now"
    assert "waits until" in window.failure_text.text()
    window.retry_button.click()
    assert store.calls == [("retry", 8)]

    window.list.setCurrentRow(window.list.count() - 1)
    assert window.current_item() is None
    assert "d-17" in window.failure_text.text()
    assert not window.retry_button.isVisibleTo(window)
    assert not window.discard_button.isVisibleTo(window)


def test_the_external_document_no_is_typed_by_the_user(qtbot) -> None:
    form = DossierForm()
    qtbot.addWidget(form)
    form.load(Dossier(id="d1", no="D0042", description="Rugklachten", external_document_no="HR-1"))
    assert form.external_no.text() == "HR-1"
    assert form.external_no.isEnabled()
    form.external_no.setText("HR-2026-17")
    form.external_no.textEdited.emit("HR-2026-17")
    assert form.changes() == {DossierField.EXTERNAL_DOCUMENT_NO: "HR-2026-17"}
