"""Three-way view of one conflicting edit: base / mine / server per field, with a choice per field.

A 412 means someone else changed the dossier after the user's edit was based on it. The user sees,
per field, what it was (base), what they set (mine) and what the server holds now, and decides:
keep mine (all my fields), keep server (drop my edit), or merge (my choice per field). Fields only the
server changed are shown for context and always kept as the server has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store.outbox_model import Conflict
from dossier_desk.ui.models.vocab import caption
from dossier_desk.ui.plain_text import plain_labels

# Bookkeeping fields: never a user's decision.
_IGNORED = frozenset({"etag", "id", "last_modified_date_time", "date_closed"})
# The choices; compared as these English words, shown in the UI language.
MINE, SERVER = QT_TRANSLATE_NOOP("ConflictView", "Mine"), QT_TRANSLATE_NOOP("ConflictView", "Server")
# Labels of the dossier's fields as field_label() spells them, marked for translation.
_FIELD_LABELS = (
    QT_TRANSLATE_NOOP("ConflictView", "No."),
    QT_TRANSLATE_NOOP("ConflictView", "Description"),
    QT_TRANSLATE_NOOP("ConflictView", "Primary contact no."),
    QT_TRANSLATE_NOOP("ConflictView", "Primary contact name"),
    QT_TRANSLATE_NOOP("ConflictView", "Dossier type code"),
    QT_TRANSLATE_NOOP("ConflictView", "Status"),
    QT_TRANSLATE_NOOP("ConflictView", "Document date"),
    QT_TRANSLATE_NOOP("ConflictView", "Starting date"),
    QT_TRANSLATE_NOOP("ConflictView", "Ending date"),
    QT_TRANSLATE_NOOP("ConflictView", "External document no."),
    QT_TRANSLATE_NOOP("ConflictView", "Your reference"),
    QT_TRANSLATE_NOOP("ConflictView", "Our reference"),
    QT_TRANSLATE_NOOP("ConflictView", "Department"),
    QT_TRANSLATE_NOOP("ConflictView", "Case manager code"),
    QT_TRANSLATE_NOOP("ConflictView", "Priority"),
    QT_TRANSLATE_NOOP("ConflictView", "Confidentiality level"),
    QT_TRANSLATE_NOOP("ConflictView", "Category"),
)
# Fields whose values are enumeration captions (shown translated, like in the table).
_CAPTION_FIELDS = frozenset({"status", "priority", "category"})


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One field of the three-way view; ``user_changed`` rows get a choice."""

    name: str
    base: Any
    mine: Any
    theirs: Any
    user_changed: bool
    server_changed: bool


def field_label(name: str) -> str:
    """A field's name (``your_reference``, or a server's ``yourReference``) -> "Your reference" (in the UI
    language when known)."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name.replace("_", " ")).lower().split()
    # BC's captions abbreviate "number" as "No."; keep that so labels match what users know.
    words = ["no." if w == "no" else w for w in words]
    text = " ".join(words)
    return QCoreApplication.translate("ConflictView", text[:1].upper() + text[1:])


def conflict_rows(conflict: Conflict) -> list[FieldRow]:
    """Fields that the user or the server changed since the base, in a stable order."""
    theirs = conflict.theirs or {}
    names = [n for n in dict.fromkeys([*conflict.mine, *theirs]) if n not in _IGNORED]
    rows = []
    for name in names:
        base, mine, server = conflict.base.get(name), conflict.mine.get(name), theirs.get(name)
        user_changed = name in conflict.mine and mine != base
        server_changed = conflict.theirs is not None and server != base
        if user_changed or server_changed:
            rows.append(FieldRow(name, base, mine, server, user_changed, server_changed))
    return rows


def show(value: Any, name: str = "") -> str:
    """A field value as text; ``name`` (the field's) lets enumeration values show translated."""
    if value is None or value == "":
        return QCoreApplication.translate("ConflictView", "(blank)")
    if name in _CAPTION_FIELDS and isinstance(value, str):
        return caption(value)
    return str(value)


def choice_text(choice: str) -> str:
    """The choice ("Mine" / "Server") in the UI language."""
    return QCoreApplication.translate("ConflictView", choice)


class ConflictView(QWidget):
    """The table for one :class:`Conflict`; :meth:`resolution` turns the choices into field values."""

    FIELD, BASE, MINE_COL, SERVER_COL, USE = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictView")
        self._rows: list[FieldRow] = []
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("conflictFields")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("Base (before)"),
                self.tr("Mine"),
                self.tr("Server (now)"),
                self.tr("Use"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table)
        plain_labels(self)

    def set_conflict(self, conflict: Conflict) -> None:
        self._rows = conflict_rows(conflict)
        if conflict.theirs is None:
            self.explanation.setText(
                self.tr(
                    "The dossier was deleted on the server after you edited it. Your edit cannot be applied."
                )
            )
        else:
            self.explanation.setText(
                self.tr(
                    "Someone changed this dossier on the server after you edited it. For each field you "
                    "changed, choose which value to keep. Fields only the server changed keep the "
                    "server's value."
                )
            )
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            cells = (
                field_label(row.name),
                show(row.base, row.name),
                show(row.mine, row.name),
                show(row.theirs, row.name),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(r, c, item)
            if row.user_changed and conflict.theirs is not None:
                combo = QComboBox(self.table)
                for choice in (MINE, SERVER):
                    combo.addItem(choice_text(choice), choice)
                combo.setAccessibleName(self.tr("Value to keep for {0}").format(field_label(row.name)))
                self.table.setCellWidget(r, self.USE, combo)
            else:
                item = QTableWidgetItem(choice_text(SERVER if row.server_changed else MINE))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(r, self.USE, item)

    def rows(self) -> list[FieldRow]:
        return list(self._rows)

    def choice_combo(self, name: str) -> QComboBox | None:
        for r, row in enumerate(self._rows):
            if row.name == name:
                widget = self.table.cellWidget(r, self.USE)
                return widget if isinstance(widget, QComboBox) else None
        return None

    def set_all(self, choice: str) -> None:
        for r in range(self.table.rowCount()):
            widget = self.table.cellWidget(r, self.USE)
            if isinstance(widget, QComboBox) and (index := widget.findData(choice)) >= 0:
                widget.setCurrentIndex(index)

    def resolution(self) -> dict[DossierField, Any]:
        """Values to send: the user's value for every field whose choice is Mine. Empty = keep server."""
        out: dict[DossierField, Any] = {}
        editable = {f.value: f for f in DossierField}
        for r, row in enumerate(self._rows):
            widget = self.table.cellWidget(r, self.USE)
            if isinstance(widget, QComboBox) and widget.currentData() == MINE and row.name in editable:
                out[editable[row.name]] = row.mine
        return out
