"""The dialog shown after files were dropped / pasted / picked: metadata per file, problems listed.

The dialog is given the result of :func:`validation.check_files` (done before anything is sent), so
it never touches the network. Valid files get a row each — upload yes/no, description and document
type defaulted from the name, confidential box — and every refused file stays visible with its reason
so nothing silently disappears. Open it with ``open()``; read :meth:`jobs` when it is accepted.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.api.models import DOCUMENT_TYPE_VALUES
from dossier_desk.ui.documents.ports import UploadJob
from dossier_desk.ui.documents.validation import (
    CheckedFiles,
    default_description,
    default_document_type,
    human_size,
    is_probably_private,
)
from dossier_desk.ui.models.vocab import display_document_type
from dossier_desk.ui.plain_text import plain_labels


class UploadDialog(QDialog):
    """Per-file metadata for an upload to one dossier."""

    FILE, SIZE, DESCRIPTION, TYPE, CONFIDENTIAL = range(5)

    def __init__(
        self,
        dossier_id: str,
        dossier_label: str,
        checked: CheckedFiles,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("uploadDialog")
        self.setWindowTitle(self.tr("Upload documents"))
        self._dossier_id = dossier_id
        self._today = today
        self._files = list(checked.accepted)

        layout = QVBoxLayout(self)
        count = len(self._files)
        heading = QLabel(
            self.tr("%n file(s) ready to upload to {0}.", "", count).format(dossier_label)
            if count
            else self.tr("None of the files can be uploaded to {0}.").format(dossier_label)
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)

        self.table = QTableWidget(count, 5, self)
        self.table.setObjectName("uploadFiles")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Upload"),
                self.tr("Size"),
                self.tr("Description"),
                self.tr("Type"),
                self.tr("Confidential"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(self.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        for row, (path, size) in enumerate(self._files):
            self._fill_row(row, path, size)
        self.table.setVisible(count > 0)
        self.table.itemChanged.connect(self._update_ok)
        layout.addWidget(self.table)

        self.notes = QLabel("\n".join(checked.notes))
        self.notes.setObjectName("uploadNotes")
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(checked.notes))
        layout.addWidget(self.notes)

        # A file name may suggest Medical (then it is also confidential). The suggestion protects the
        # document, but the user sees it and confirms: afterwards only occupational health can list it.
        suggested = [path.name for path, _size in self._files if is_probably_private(path)]
        self.suggestion = QLabel(
            self.tr("Set to Medical and confidential because of the file name: {0}.").format(
                ", ".join(suggested)
            )
        )
        self.suggestion.setObjectName("uploadSuggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setVisible(bool(suggested))
        layout.addWidget(self.suggestion)
        self.confirm = QCheckBox(
            self.tr(
                "I checked the types. Medical and confidential documents can be seen by occupational "
                "health only."
            ),
            self,
        )
        self.confirm.setObjectName("uploadConfirmSensitive")
        self.confirm.toggled.connect(self._update_ok)
        layout.addWidget(self.confirm)

        self.rejected = QListWidget(self)
        self.rejected.setObjectName("uploadRejected")
        for problem in checked.rejected:
            self.rejected.addItem(problem.reason)
        box = QGroupBox(self.tr("Not uploaded ({0})").format(len(checked.rejected)), self)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.rejected)
        box.setVisible(bool(checked.rejected))
        layout.addWidget(box)

        self.buttons = QDialogButtonBox(self)
        if count:
            self.buttons.setStandardButtons(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Upload"))
        else:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        plain_labels(self)
        self.resize(720, 420)
        self._update_ok()

    def _fill_row(self, row: int, path: Path, size: int) -> None:
        name = path.name
        include = QTableWidgetItem(name)
        include.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        include.setCheckState(Qt.CheckState.Checked)
        include.setToolTip(str(path))
        self.table.setItem(row, self.FILE, include)

        size_item = QTableWidgetItem(human_size(size))
        size_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, self.SIZE, size_item)

        self.table.setItem(row, self.DESCRIPTION, QTableWidgetItem(default_description(path)))

        combo = QComboBox(self.table)
        for value in DOCUMENT_TYPE_VALUES:  # shown in the UI language, sent as the API value
            combo.addItem(display_document_type(value), value)
        combo.setCurrentIndex(max(0, combo.findData(default_document_type(path))))
        combo.setAccessibleName(self.tr("Document type of {0}").format(name))
        if is_probably_private(path):
            combo.setToolTip(self.tr("Suggested from the file name: please check"))
        # Choosing Medical ticks Confidential: a medical document must never be filed as open.
        combo.currentIndexChanged.connect(
            lambda _index, r=row: self._type_changed(r, self.type_combo(r).currentData())
        )
        self.table.setCellWidget(row, self.TYPE, combo)

        secret = QTableWidgetItem(self.tr("Confidential"))
        secret.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        private = is_probably_private(path)
        secret.setCheckState(Qt.CheckState.Checked if private else Qt.CheckState.Unchecked)
        self.table.setItem(row, self.CONFIDENTIAL, secret)

    def _type_changed(self, row: int, text: str) -> None:
        if text == "Medical":
            item = self.table.item(row, self.CONFIDENTIAL)
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked)
        self._update_ok()

    def _sensitive(self, row: int) -> bool:
        secret = self.table.item(row, self.CONFIDENTIAL)
        confidential = secret is not None and secret.checkState() == Qt.CheckState.Checked
        return confidential or self.type_combo(row).currentData() == "Medical"

    def _included(self, row: int) -> bool:
        item = self.table.item(row, self.FILE)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _description(self, row: int) -> str:
        item = self.table.item(row, self.DESCRIPTION)
        return item.text().strip() if item is not None else ""

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is None:
            return
        rows = [r for r in range(self.table.rowCount()) if self._included(r)]
        sensitive = any(self._sensitive(r) for r in rows)
        self.confirm.setVisible(sensitive)
        # Every file that goes needs a description: BC's Description field is what lists show.
        ready = bool(rows) and all(self._description(r) for r in rows)
        ok.setEnabled(ready and (not sensitive or self.confirm.isChecked()))

    # -- used by tests and the owner ------------------------------------------------------------
    def type_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, self.TYPE)
        assert isinstance(widget, QComboBox)
        return widget

    def rejected_reasons(self) -> list[str]:
        return [self.rejected.item(i).text() for i in range(self.rejected.count())]

    def jobs(self) -> list[UploadJob]:
        """The files the user kept, with their metadata (valid only after the dialog was accepted)."""
        result: list[UploadJob] = []
        for row, (path, size) in enumerate(self._files):
            if not self._included(row):
                continue
            secret = self.table.item(row, self.CONFIDENTIAL)
            result.append(
                UploadJob(
                    dossier_id=self._dossier_id,
                    path=path,
                    description=self._description(row),
                    document_type=self.type_combo(row).currentData(),
                    confidential=secret is not None and secret.checkState() == Qt.CheckState.Checked,
                    document_date=self._today.isoformat(),
                    size=size,
                )
            )
        return result
