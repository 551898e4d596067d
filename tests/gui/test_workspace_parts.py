"""Workspace wiring: drops on the detail pane, the deadline column following reference data."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QTableView, QTabWidget, QVBoxLayout, QWidget

from dossier_desk.api.models import Dossier, DossierType
from dossier_desk.domain import deadlines
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.models.deadline_column import DeadlineColumn
from dossier_desk.ui.models.dossier_table_model import DossierTableModel
from dossier_desk.ui.task_scope import TaskScope
from dossier_desk.ui.workspace import follow_reference_data
from dossier_desk.ui.workspace_parts import accept_drops_on_rows

TODAY = date(2026, 3, 15)


class FakeDocuments(QWidget):
    """Declares ``dossier_id`` as a method, like ``DocumentsTab``."""

    def __init__(self, dossier_id: str) -> None:
        super().__init__()
        self._id = dossier_id
        self.added: list[list[Path]] = []

    def dossier_id(self) -> str:
        return self._id

    def add_paths(self, paths: list[Path]) -> None:
        self.added.append(paths)


def _drop_files(widget: QWidget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions, button = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    mods = Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(widget, QDragEnterEvent(QPoint(5, 5), actions, mime, button, mods))
    QApplication.sendEvent(widget, QDropEvent(QPointF(5, 5), actions, mime, button, mods))


@pytest.mark.parametrize(("shown", "expect_upload"), [("", False), ("dos-1", True)])
def test_drop_on_detail_pane_needs_a_dossier(qtbot, tmp_path: Path, shown: str, expect_upload: bool) -> None:
    documents = FakeDocuments(shown)
    detail = QWidget()
    detail.tabs = QTabWidget(detail)  # type: ignore[attr-defined]
    QVBoxLayout(detail).addWidget(detail.tabs)  # type: ignore[attr-defined]
    other = QWidget()
    detail.tabs.addTab(other, "Details")  # type: ignore[attr-defined]
    detail.tabs.addTab(documents, "Documents")  # type: ignore[attr-defined]
    table = QTableView()
    for widget in (detail, table):
        qtbot.addWidget(widget)
    window = SimpleNamespace(table=table, detail=detail, model=None)
    accept_drops_on_rows(window, documents, None)  # type: ignore[arg-type]
    _drop_files(detail, [tmp_path / "note.pdf"])
    assert documents.added == ([[tmp_path / "note.pdf"]] if expect_upload else [])
    assert (detail.tabs.currentWidget() is documents) == expect_upload  # type: ignore[attr-defined]


class Types:
    def __init__(self) -> None:
        self.types: list[DossierType] = []

    def dossier_types(self) -> list[DossierType]:
        return list(self.types)


def _sick(i: int, start: str = "2026-03-01", status: str = "Open") -> Dossier:
    return Dossier(id=f"d{i}", no=f"D{i:04d}", dossier_type_code="ABS", status=status, starting_date=start)


def test_deadline_column_is_memoised_per_starting_date(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[date] = []
    real = deadlines.deadlines_for

    def counting(first_sick_day: date) -> list[deadlines.Deadline]:
        calls.append(first_sick_day)
        return real(first_sick_day)

    monkeypatch.setattr(deadlines, "deadlines_for", counting)
    types = Types()
    types.types = [DossierType(id="t", code="ABS", description="Absence", category="Absence", sickness=True)]
    column = DeadlineColumn(types, today=lambda: TODAY)
    due = [column(_sick(i, "2026-03-01" if i % 2 else "2026-02-01")) for i in range(1000)]
    assert len(calls) == 2  # one deadline list per distinct first sick day, not per dossier
    assert due[1] == date(2026, 4, 12)  # week 6 after 2026-03-01
    assert column(_sick(1, status="Closed")) is None


def test_deadline_column_fills_in_after_reference_data_arrive(qtmodeltester, qtbot, loop) -> None:
    """First run: the sickness types are not cached yet; the column fills once a sync brings them."""
    types = Types()
    column = DeadlineColumn(types, today=lambda: TODAY)
    model = DossierTableModel(today=lambda: TODAY, next_deadline=column)
    model.set_dossiers([_sick(i) for i in range(5)])
    bridge = SyncBridge()
    tasks = TaskScope("test")
    follow_reference_data(bridge, column, model, lambda: [[_sick(i) for i in range(5)]], tasks)
    assert model.data(model.index(0, c.COL_NEXT_DEADLINE)) == ""
    bridge.sync_finished(None, None)  # nothing new yet
    assert len(tasks) == 0  # no refresh started
    assert model.data(model.index(0, c.COL_NEXT_DEADLINE)) == ""
    types.types = [DossierType(id="t", code="ABS", description="Absence", category="Absence", sickness=True)]
    bridge.sync_finished(None, None)
    qtbot.waitUntil(lambda: len(tasks) == 0)  # rebuilt off the GUI thread, then applied
    assert model.data(model.index(0, c.COL_NEXT_DEADLINE)) == c.format_date(date(2026, 4, 12))
    qtmodeltester.check(model)
