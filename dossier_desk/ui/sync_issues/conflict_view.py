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

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dossier_desk.store.outbox_model import Conflict

# Bookkeeping fields: never a user's decision.
_IGNORED = frozenset({"@odata.etag", "id", "lastModifiedDateTime", "dateClosed"})
MINE, SERVER = "Mine", "Server"


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
    """camelCase wire name -> "Your reference"-style label."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower().split()
    # BC's captions abbreviate "number" as "No."; keep that so labels match what users know.
    words = ["no." if w == "no" else w for w in words]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def conflict_rows(conflict: Conflict) -> list[FieldRow]:
    """Fields that the user or the server changed since the base, in a stable (wire) order."""
    theirs = conflict.theirs or {}
    names = [
        n for n in dict.fromkeys([*conflict.mine, *theirs]) if n not in _IGNORED and not n.startswith("@")
    ]
    rows = []
    for name in names:
        base, mine, server = conflict.base.get(name), conflict.mine.get(name), theirs.get(name)
        user_changed = name in conflict.mine and mine != base
        server_changed = conflict.theirs is not None and server != base
        if user_changed or server_changed:
            rows.append(FieldRow(name, base, mine, server, user_changed, server_changed))
    return rows


def show(value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    return str(value)


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
        self.table.setHorizontalHeaderLabels(["Field", "Base (before)", "Mine", "Server (now)", "Use"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table)

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
            cells = (field_label(row.name), show(row.base), show(row.mine), show(row.theirs))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(r, c, item)
            if row.user_changed and conflict.theirs is not None:
                combo = QComboBox(self.table)
                combo.addItems([MINE, SERVER])
                combo.setAccessibleName(self.tr("Value to keep for {0}").format(field_label(row.name)))
                self.table.setCellWidget(r, self.USE, combo)
            else:
                item = QTableWidgetItem(SERVER if row.server_changed else MINE)
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
            if isinstance(widget, QComboBox):
                widget.setCurrentText(choice)

    def resolution(self) -> dict[str, Any]:
        """Values to send: the user's value for every field whose choice is Mine. Empty = keep server."""
        out: dict[str, Any] = {}
        for r, row in enumerate(self._rows):
            widget = self.table.cellWidget(r, self.USE)
            if isinstance(widget, QComboBox) and widget.currentText() == MINE:
                out[row.name] = row.mine
        return out
