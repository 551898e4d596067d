"""Sync issues window against an in-memory fake of ParkedItemsStore: three-way view and decisions."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from dossier_desk.store.outbox_errors import ErrorKind, ItemError
from dossier_desk.store.outbox_model import Conflict, OutboxItem, OutboxKind, OutboxState
from dossier_desk.ui.sync_issues.conflict_view import conflict_rows, field_label
from dossier_desk.ui.sync_issues.window import SyncIssuesWindow, describe

OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BASE = {
    "etag": 'W/"1"',
    "id": "d1",
    "no": "D0042",
    "description": "Rugklachten",
    "department": "HR",
    "priority": "Normal",
    "your_reference": "",
}
MINE = {**BASE, "description": "Rugklachten, gedeeltelijk hersteld", "priority": "High", "department": "HR"}
THEIRS = {
    **BASE,
    "etag": 'W/"2"',
    "description": "Rugklachten (UWV)",
    "priority": "Normal",
    "your_reference": "UWV-17",
}

CONFLICT = OutboxItem(
    id=1,
    kind=OutboxKind.UPDATE,
    dossier_id="d1",
    state=OutboxState.CONFLICT,
    payload={
        "changes": {"description": MINE["description"], "priority": "High"},
        "baseEtag": 'W/"1"',
        "base": BASE,
    },
    error=ItemError(ErrorKind.CONFLICT, 412, "Someone else changed this dossier."),
    conflict=Conflict(BASE, MINE, THEIRS, 'W/"2"'),
)
FAILED = OutboxItem(
    id=2,
    kind=OutboxKind.UPLOAD,
    dossier_id="d1",
    state=OutboxState.FAILED,
    payload={"fileName": "brief.pdf", "base": {"no": "D0042"}},
    error=ItemError(
        ErrorKind.VALIDATION,
        400,
        "The document type is not valid.",
        field_errors={"documentType": "Unknown type"},
    ),
)


class FakeStore:
    def __init__(self, items: list[OutboxItem]) -> None:
        self.items = list(items)
        self.calls: list[tuple[str, Any, ...]] = []
        self.errors: list[BaseException] = []

    def parked_items(self) -> list[OutboxItem]:
        return list(self.items)

    def waiting_items(self) -> list[OutboxItem]:
        return []

    def _drop(self, item_id: int) -> None:
        self.items = [i for i in self.items if i.id != item_id]

    async def resolve_conflict(
        self, item_id: int, resolution: dict[str, Any], use_etag: str
    ) -> OutboxItem | None:
        self.calls.append(("resolve", item_id, resolution, use_etag))
        self._drop(item_id)
        return None

    async def retry(self, item_id: int) -> OutboxItem:
        self.calls.append(("retry", item_id))
        self._drop(item_id)
        return FAILED

    async def discard(self, item_id: int) -> list[int]:
        self.calls.append(("discard", item_id))
        self._drop(item_id)
        return [item_id]

    def show_error(self, exc: BaseException, *, context: str = "") -> None:
        self.errors.append(exc)


def _window(qtbot, items: list[OutboxItem]) -> tuple[SyncIssuesWindow, FakeStore]:
    store = FakeStore(items)
    window = SyncIssuesWindow(store, store)
    qtbot.addWidget(window)
    return window, store


def test_rows_show_fields_changed_by_either_side() -> None:
    rows = {r.name: r for r in conflict_rows(CONFLICT.conflict)}  # type: ignore[arg-type]
    assert set(rows) == {"description", "priority", "your_reference"}
    assert rows["description"].user_changed
    assert rows["description"].server_changed
    assert rows["priority"].user_changed
    assert not rows["priority"].server_changed
    assert not rows["your_reference"].user_changed
    assert rows["your_reference"].server_changed
    assert field_label("yourReference") == "Your reference"
    assert field_label("primaryContactNo") == "Primary contact no."


def test_list_and_three_way_table(qtbot) -> None:
    window, _store = _window(qtbot, [CONFLICT, FAILED])
    assert [window.list.item(i).text() for i in range(2)] == [
        "Conflict: Edit of D0042",
        "Failed: Upload of “brief.pdf” to D0042",
    ]
    table = window.conflict_view.table
    assert window.pages.currentIndex() == 1
    cells = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert cells == [
        ["Description", "Rugklachten", "Rugklachten, gedeeltelijk hersteld", "Rugklachten (UWV)"],
        ["Priority", "Normal", "High", "Normal"],
        ["Your reference", "(blank)", "(blank)", "UWV-17"],
    ]
    assert table.item(2, 4).text() == "Server"  # server-only change: no choice, kept


@pytest.mark.parametrize(
    ("button", "resolution"),
    [
        ("keep_mine", {"description": "Rugklachten, gedeeltelijk hersteld", "priority": "High"}),
        ("keep_server", {}),
        ("merge", {"priority": "High"}),
    ],
)
def test_each_choice_sends_the_right_resolution(qtbot, button: str, resolution: dict[str, Any]) -> None:
    window, store = _window(qtbot, [CONFLICT])
    combo = window.conflict_view.choice_combo("description")
    assert combo is not None
    combo.setCurrentText("Server")  # only matters for merge; keep mine/server override every field
    with qtbot.waitSignal(window.resolved):
        getattr(window, button).click()
    assert store.calls == [("resolve", 1, resolution, 'W/"2"')]
    assert window.list.count() == 0
    assert window.pages.currentIndex() == 0


def test_failure_shows_server_message_and_retries(qtbot) -> None:
    window, store = _window(qtbot, [FAILED])
    assert window.pages.currentIndex() == 2
    text = window.failure_text.text()
    assert "The document type is not valid." in text
    assert "• Document type: Unknown type" in text
    window.retry_button.click()
    assert store.calls == [("retry", 2)]


@OFFSCREEN_NOISE
@pytest.mark.parametrize(
    ("answers", "discarded"), [(["Yes", "Yes"], True), (["Yes", "No"], False), (["No"], False)]
)
def test_discard_asks_twice(qtbot, answers: list[str], discarded: bool) -> None:
    window, store = _window(qtbot, [FAILED])
    boxes: list[QMessageBox] = []
    window.confirmationShown.connect(boxes.append)
    window.discard_button.click()
    for answer in answers:
        box = boxes[-1]
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        box.button(getattr(QMessageBox.StandardButton, answer)).click()
    assert len(boxes) == len(answers)
    assert store.calls == ([("discard", 2)] if discarded else [])


def test_deleted_on_server_only_allows_keep_server(qtbot) -> None:
    gone = OutboxItem(
        id=3,
        kind=OutboxKind.UPDATE,
        dossier_id="d1",
        state=OutboxState.CONFLICT,
        payload={"base": BASE},
        conflict=Conflict(BASE, MINE, None, ""),
    )
    window, store = _window(qtbot, [gone])
    assert not window.keep_mine.isEnabled()
    assert not window.merge.isEnabled()
    assert "deleted on the server" in window.conflict_view.explanation.text()
    window.keep_server.click()
    assert store.calls == [("resolve", 3, {}, "")]


def test_describe_kinds() -> None:
    wf = OutboxItem(4, OutboxKind.WORKFLOW, "d1", OutboxState.FAILED, {"action": "complete", "lineNo": 20000})
    assert describe(wf) == "Failed: Workflow: complete line 20000 of a dossier"
    new = OutboxItem(
        5, OutboxKind.CREATE, "local-x", OutboxState.FAILED, {"fields": {"description": "Nieuw"}}
    )
    assert describe(new) == "Failed: New dossier Nieuw"


def test_store_error_is_reported(qtbot) -> None:
    window, store = _window(qtbot, [FAILED])

    async def broken(item_id: int) -> OutboxItem:
        raise RuntimeError("database is locked")

    store.retry = broken  # type: ignore[method-assign]
    window.retry_button.click()
    assert [str(e) for e in store.errors] == ["database is locked"]
    assert window.list.count() == 1


@pytest.mark.parametrize(("button", "call"), [("keep_mine", "resolve"), ("keep_server", "discard")])
def test_deletion_conflict(qtbot, button: str, call: str) -> None:
    deletion = OutboxItem(
        id=6,
        kind=OutboxKind.DELETE,
        dossier_id="d1",
        state=OutboxState.CONFLICT,
        payload={"base": BASE, "baseEtag": 'W/"1"'},
        conflict=Conflict(BASE, BASE, THEIRS, 'W/"2"'),
    )
    window, store = _window(qtbot, [deletion])
    assert window.list.item(0).text() == "Conflict: Deletion of D0042"
    assert window.keep_mine.text() == "Delete anyway"
    assert not window.merge.isEnabled()
    getattr(window, button).click()
    expected = ("resolve", 6, {}, 'W/"2"') if call == "resolve" else ("discard", 6)
    assert store.calls == [expected]
