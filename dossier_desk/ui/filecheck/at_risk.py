"""The At risk view: open sickness dossiers whose re-integration file has gaps, ordered by days to the
next statutory deadline, filterable by case manager; computed offline from the cache.

The table names the candidates (a quick look-up on the GUI thread); reading their workflow logs,
documents and dossiers and checking them runs on a worker thread, as a task that a newer check replaces.

Dossiers whose workflow log is not cached yet are counted, not guessed at; "Download" fetches their
workflow logs and document lists (a few at a time) so the next check covers them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.models import Document, Dossier, WorkflowEntry
from dossier_desk.domain.at_risk import AtRisk, at_risk
from dossier_desk.domain.filecheck import FileCheck
from dossier_desk.ui.filecheck.rules_source import RulesSource
from dossier_desk.ui.filecheck.texts import STATE_MARKS, milestone_name
from dossier_desk.ui.models.list_table import ListTableModel
from dossier_desk.ui.task_scope import TaskScope, in_thread

log = logging.getLogger(__name__)
_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate
_PARALLEL_DOWNLOADS = 4


class AtRiskSource(Protocol):
    """The cache as the view reads it, on a worker thread (``DossierStore`` satisfies it)."""

    def workflow_logs(self) -> dict[str, list[WorkflowEntry]]: ...

    def all_documents(self) -> dict[str, list[Document]]: ...


@dataclass(frozen=True)
class Candidates:
    """The open sickness dossiers the table holds: those to check (of the chosen case manager, if any),
    every case manager among them (for the chooser) and the sickness type codes."""

    ids: tuple[str, ...] = ()
    case_managers: tuple[str, ...] = ()
    sickness_codes: frozenset[str] = frozenset()


class AtRiskModel(ListTableModel):
    NO, EMPLOYEE, CASE_MANAGER, NEXT, GAPS = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("AtRiskModel", "No."),
        QT_TRANSLATE_NOOP("AtRiskModel", "Employee"),
        QT_TRANSLATE_NOOP("AtRiskModel", "Case manager"),
        QT_TRANSLATE_NOOP("AtRiskModel", "Next statutory deadline"),
        QT_TRANSLATE_NOOP("AtRiskModel", "Missing or due"),
    )
    DossierIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def set_rows(self, rows: Iterable[FileCheck]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[FileCheck]:
        return list(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        result = self._rows[index.row()]
        d = result.dossier
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.NO:
                return d.no
            if column == self.EMPLOYEE:
                return d.primary_contact_name or d.primary_contact_no
            if column == self.CASE_MANAGER:
                return d.case_manager_code
            if column == self.NEXT:
                return _next_text(result)
            return "; ".join(f"{STATE_MARKS[c.state]} {milestone_name(c.key)}" for c in result.gaps)
        if role == self.DossierIdRole:
            return d.id
        return None


def _next_text(result: FileCheck) -> str:
    due, days = result.next_due, result.days_to_next()
    if due is None or days is None:
        return ""
    if days < 0:
        return translate("AtRiskModel", "{0} ({1} days overdue)").format(due.isoformat(), -days)
    return translate("AtRiskModel", "{0} (in {1} days)").format(due.isoformat(), days)


class AtRiskView(QWidget):
    """``countChanged(int)`` and then ``checked()`` after each check; ``openDossier(str)`` on
    double-click or Enter; ``downloadFinished()`` once a Download round is over and checked. Checks and
    downloads run in ``tasks``, the workspace's scope."""

    DOWNLOAD_KEY = "at-risk.download"
    CHECK_KEY = "at-risk.check"

    countChanged = Signal(int)
    checked = Signal()
    openDossier = Signal(str)
    downloadFinished = Signal()

    def __init__(
        self,
        source: AtRiskSource,
        candidates: Callable[[str], Candidates],
        read_dossiers: Callable[[Sequence[str]], list[Dossier]],
        rules: RulesSource,
        *,
        today: Callable[[], date] = date.today,
        fetch: Callable[[str], Awaitable[object]] | None = None,
        tasks: TaskScope | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("atRiskView")
        self._source = source
        self._candidates = candidates  # GUI thread: the table's open sickness dossiers, by case manager
        self._read_dossiers = read_dossiers  # worker thread: those dossiers as the store has them
        self._rules = rules
        self._today = today
        self._fetch = fetch  # fetches one dossier's workflow log and documents into the cache
        self._tasks = tasks if tasks is not None else TaskScope("at-risk")  # own one: standalone use
        self.unchecked: tuple[str, ...] = ()
        self._closed = False
        self._downloaded = False
        self.title = QLabel(self.tr("Sickness dossiers at risk: gaps in the re-integration file"), self)
        self.case_manager = QComboBox(self)
        self.case_manager.setObjectName("atRiskCaseManager")
        self.case_manager.setAccessibleName(self.tr("Case manager"))
        self.case_manager.addItem(self.tr("All case managers"), "")
        self.case_manager.currentIndexChanged.connect(self.refresh)
        self.model = AtRiskModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("atRiskTable")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        for column in range(AtRiskModel.GAPS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.note = QLabel(self)
        self.note.setObjectName("atRiskNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.download = QPushButton(self.tr("Download workflow and documents of unchecked dossiers"), self)
        self.download.setObjectName("atRiskDownload")
        self.download.clicked.connect(self.download_unchecked)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel(self.tr("Case manager:"), self))
        top.addWidget(self.case_manager)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.download)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        # Changes arrive in bursts (a sync page, a download round): check once they settle.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.refresh)

    def schedule_refresh(self, *_args: object) -> None:
        """Slot for the bridge's change signals."""
        if not self._closed:
            self._debounce.start()

    def refresh(self) -> None:
        """Check every open sickness dossier from the cache again (``checked`` follows)."""
        self._debounce.stop()
        if self._closed or self._tasks.closed:
            return
        self._tasks.spawn(self._check(), key=self.CHECK_KEY)

    async def _check(self) -> None:
        candidates = self._candidates(self.case_manager.currentData() or "")
        self._fill_case_managers(candidates.case_managers)
        today = self._today()
        result = await in_thread(lambda: self._checked(candidates, today))
        if not self._closed:
            self._show(result)

    def _checked(self, candidates: Candidates, today: date) -> AtRisk:
        """Worker thread: only dossiers with a cached workflow log can be checked; the rest are counted."""
        logs = self._source.workflow_logs()
        logged = [i for i in candidates.ids if logs.get(i)]
        found = at_risk(
            self._read_dossiers(logged),
            candidates.sickness_codes,
            logs,
            self._source.all_documents(),
            self._rules.rules,
            today,
        )
        return AtRisk(found.checks, tuple(i for i in candidates.ids if not logs.get(i)))

    def _show(self, result: AtRisk) -> None:
        self.unchecked = result.unchecked_ids
        self.model.set_rows(result.checks)
        self.view.resizeRowsToContents()
        count = len(result.checks)
        text = self.tr("{0} dossiers at risk.").format(count)
        if self.unchecked:
            text += " " + self.tr(
                "{0} open sickness dossiers are not checked yet: their workflow log is not on this computer."
            ).format(len(self.unchecked))
        self.note.setText(text)
        self.download.setEnabled(bool(self.unchecked) and self._fetch is not None and not self._downloading())
        self.countChanged.emit(count)
        self.checked.emit()
        if self._downloaded:
            self._downloaded = False
            self.downloadFinished.emit()

    def _fill_case_managers(self, codes: Sequence[str]) -> None:
        known = [self.case_manager.itemData(i) for i in range(1, self.case_manager.count())]
        if list(codes) == known:
            return
        current = self.case_manager.currentData()
        self.case_manager.blockSignals(True)
        while self.case_manager.count() > 1:
            self.case_manager.removeItem(1)
        for code in codes:
            self.case_manager.addItem(code, code)
        self.case_manager.setCurrentIndex(max(0, self.case_manager.findData(current)))
        self.case_manager.blockSignals(False)

    def set_case_manager(self, code: str) -> None:
        """Show the dossiers of case manager ``code`` ("" for all); ``checked`` follows."""
        self._fill_case_managers(self._candidates("").case_managers)
        self.case_manager.blockSignals(True)  # one check below, not one per signal
        self.case_manager.setCurrentIndex(max(0, self.case_manager.findData(code)))
        self.case_manager.blockSignals(False)
        self.refresh()

    def _activated(self, index: QModelIndex) -> None:
        dossier_id = self.model.data(index, AtRiskModel.DossierIdRole)
        if dossier_id:
            self.openDossier.emit(dossier_id)

    def download_unchecked(self) -> None:
        """Fetch the unchecked dossiers' workflow logs and documents, a few at a time."""
        if self._fetch is None or not self.unchecked or self._downloading():
            return
        self.download.setEnabled(False)
        task = self._tasks.spawn(self._download(list(self.unchecked)), key=self.DOWNLOAD_KEY)
        task.add_done_callback(self._download_done)

    def _downloading(self) -> bool:
        return self._tasks.active(self.DOWNLOAD_KEY)

    async def _download(self, ids: list[str]) -> None:
        assert self._fetch is not None
        gate = asyncio.Semaphore(_PARALLEL_DOWNLOADS)

        async def one(dossier_id: str) -> None:
            async with gate:
                try:
                    await self._fetch(dossier_id)  # type: ignore[misc]
                except Exception as exc:  # offline or refused: the dossier stays unchecked
                    log.info("at-risk download of %s failed (%s)", dossier_id, type(exc).__name__)

        await asyncio.gather(*(one(i) for i in ids))

    def _download_done(self, task: asyncio.Task[Any]) -> None:
        if not task.cancelled() and not self._closed:
            self._downloaded = True  # told once a check that began after the download is shown
            self.refresh()

    def shutdown(self) -> None:
        """Stop checking and downloading (the cache is about to close)."""
        self._debounce.stop()
        self._closed = True
        self._tasks.cancel(self.DOWNLOAD_KEY)
        self._tasks.cancel(self.CHECK_KEY)
