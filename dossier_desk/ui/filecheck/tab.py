"""The File check tab of a sickness dossier: each statutory milestone, its due date, its state and what
satisfies it, checked offline against the cached workflow log and document list; and the export of the
re-integration file as one PDF.

The workflow and documents tabs fetch fresh data when a dossier is selected; this tab re-checks when
the bridge says the workflow, the documents or the dossier changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.models import Document, Dossier, DossierType, WorkflowEntry
from dossier_desk.domain.filecheck import FileCheck, check_file
from dossier_desk.ui.filecheck.export_pdf import ExportViewer, write_reintegration_pdf
from dossier_desk.ui.filecheck.model import FileCheckModel
from dossier_desk.ui.filecheck.rules_source import RulesSource
from dossier_desk.ui.following import track_dossier
from dossier_desk.ui.workflow.ports import ErrorReporter


class FileCheckSource(Protocol):
    """What the check reads (``DossierStore`` satisfies it)."""

    def dossier(self, dossier_id: str) -> Dossier | None: ...

    def dossier_types(self) -> list[DossierType]: ...

    def workflow_log(self, dossier_id: str) -> list[WorkflowEntry]: ...

    def documents(self, dossier_id: str) -> list[Document]: ...


def is_sickness(types: list[DossierType], dossier: Dossier | None) -> bool:
    return dossier is not None and any(t.sickness and t.code == dossier.dossier_type_code for t in types)


class FileCheckTab(QWidget):
    """``applicableChanged(bool)``: whether the shown dossier is a sickness dossier (the detail pane
    shows the tab only then); ``exported(str)`` with the PDF's path."""

    applicableChanged = Signal(bool)
    exported = Signal(str)

    def __init__(
        self,
        source: FileCheckSource,
        rules: RulesSource,
        viewer: ExportViewer,
        *,
        errors: ErrorReporter | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("fileCheckTab")
        self._source = source
        self._rules = rules
        self._viewer = viewer
        self._errors = errors
        self._today = today
        self._dossier: Dossier | None = None
        self._closed = False
        self.result: FileCheck | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("fileCheckHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.model = FileCheckModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("fileCheckView")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(FileCheckModel.MILESTONE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FileCheckModel.DUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FileCheckModel.STATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.model.modelReset.connect(self.view.resizeRowsToContents)
        self.note = QLabel(self)
        self.note.setObjectName("fileCheckNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export re-integration file (PDF)…"), self)
        self.export_button.setObjectName("fileCheckExport")
        self.export_button.clicked.connect(self.choose_export_path)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.set_dossier(None)

    # -- following the selection and the cache ---------------------------------------------------
    def show_dossier(self, dossier_id: str) -> None:
        """Slot for ``MainWindow.dossierSelected``."""
        self.set_dossier(self._source.dossier(dossier_id) if dossier_id else None)

    def on_dossiers_changed(self, upserted: list[Dossier], deleted_ids: list[str]) -> None:
        changed, dossier = track_dossier(self._dossier, upserted, deleted_ids)
        if changed:
            self.set_dossier(dossier)

    def on_detail_changed(self, dossier_id: str) -> None:
        """Slot for ``workflowChanged`` and ``documentsChanged``."""
        if self._dossier is not None and dossier_id == self._dossier.id:
            self.refresh()

    def set_dossier(self, dossier: Dossier | None) -> None:
        self._dossier = dossier
        self.refresh()

    def shutdown(self) -> None:
        """Stop following the cache (it is about to close; late fetches may still report changes)."""
        self._closed = True

    def refresh(self) -> None:
        if self._closed:
            return
        dossier = self._dossier
        applicable = is_sickness(self._source.dossier_types(), dossier)
        self.applicableChanged.emit(applicable)
        if dossier is None or not applicable:
            self.result = None
            self.model.set_check(None)
            self.heading.setText("")
            self.note.setText("")
            self.export_button.setEnabled(False)
            return
        self.result = check_file(
            dossier,
            self._source.workflow_log(dossier.id),
            self._source.documents(dossier.id),
            self._rules.rules(dossier.dossier_type_code),
            self._today(),
        )
        self.model.set_check(self.result)
        self.export_button.setEnabled(True)
        self.heading.setText(self._heading(self.result))
        self.note.setText(self._note(self.result))

    def _heading(self, result: FileCheck) -> str:
        if result.first_sick_day is None:
            return self.tr("Enter the starting date (first sick day) to check the re-integration file.")
        weeks = (result.today - result.first_sick_day).days // 7
        gaps = len(result.gaps)
        text = self.tr("First sick day {0} (week {1}).").format(result.first_sick_day.isoformat(), weeks)
        if gaps:
            return (
                text + " " + self.tr("{0} of {1} milestones need attention.").format(gaps, len(result.checks))
            )
        return text + " " + self.tr("No gaps found.")

    def _note(self, result: FileCheck) -> str:
        notes = [self.tr("Only documents you may see are checked.")]
        if not result.has_log:
            notes.append(self.tr("The workflow log has not been downloaded yet (open this dossier online)."))
        if self._rules.problem:
            notes.append(
                self.tr("The profile's file check rules could not be read; the built-in rules apply.")
            )
        return " ".join(notes)

    # -- export ----------------------------------------------------------------------------------
    def choose_export_path(self) -> None:
        """Ask where to save the PDF (non-blocking), then write it."""
        dossier = self._dossier
        if dossier is None or self.result is None:
            return
        dialog = QFileDialog(self, self.tr("Export re-integration file"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"re-integration-file-{dossier.no or dossier.id}.pdf")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def export_to(self, path: Path) -> None:
        """Write the re-integration file of the shown dossier to ``path``."""
        if self._dossier is None or self.result is None:
            return
        try:
            write_reintegration_pdf(path, self.result, self._source.documents(self._dossier.id), self._viewer)
        except OSError as exc:
            if self._errors is not None:
                self._errors.show_error(exc, context="exporting the re-integration file")
            return
        self.exported.emit(str(path))
