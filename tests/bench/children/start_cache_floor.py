"""A second floor for cold start: the least any window can do to paint cached dossiers, offscreen.

Started as ``python -m tests.bench.children.start_cache_floor '<json>'`` with ``{"database": path}``.
It is the bare window of :mod:`.start_bare` plus the duty the budget names ("first painted table, 100k
cached dossiers"): open the same SQLite cache, read the first screenful in the default order (No.,
descending, as many rows as the app reads), decode them with the standard library and show 14 columns
of their text in a minimal table model. No styling, menus, filter bar, detail pane, event loop
integration or key lookup. Prints one JSON report line (see :mod:`.paint_probe`).
"""

from __future__ import annotations

import time

T_START = time.monotonic()

import json  # noqa: E402 - the start mark must come before every import
import sqlite3  # noqa: E402
import sys  # noqa: E402

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

from tests.bench.children.paint_probe import run_until_painted  # noqa: E402

FIRST_ROWS = 120  # as ui.table_loader reads before the first paint
# The app's 14 columns in its order; days open and next deadline are computed there, and stand in here as
# the stored dates they are computed from, so each cell holds text of about the same length.
FIELDS = (
    "no", "description", "primaryContactName", "dossierTypeCode", "category", "status", "priority",
    "documentDate", "startingDate", "endingDate", "startingDate", "endingDate", "department",
    "caseManagerCode",
)  # fmt: skip
_Parent = QModelIndex | QPersistentModelIndex


class FirstRows(QAbstractTableModel):
    def __init__(self, rows: list[dict[str, object]]) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: _Parent = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Parent = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def data(self, index: _Parent, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(self._rows[index.row()].get(FIELDS[index.column()], ""))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return FIELDS[section]
        return None


def main() -> None:
    args = json.loads(sys.argv[1])
    marks = {"start": T_START, "imported": time.monotonic()}
    app = QApplication(sys.argv[:1])
    marks["qapplication"] = time.monotonic()
    with sqlite3.connect(f"file:{args['database']}?mode=ro", uri=True) as db:
        query = "SELECT data FROM dossiers ORDER BY no DESC LIMIT ?"
        rows = [json.loads(data) for (data,) in db.execute(query, (FIRST_ROWS,))]
    window = QMainWindow()
    table = QTableView(window)
    table.setModel(FirstRows(rows))
    window.setCentralWidget(table)
    window.resize(1280, 760)
    run_until_painted(app, window, table.viewport(), marks, rows=len(rows))


if __name__ == "__main__":
    main()
