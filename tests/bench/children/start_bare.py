"""Floor for cold start and RSS: a bare PySide6 main window with an empty table, offscreen.

Started as ``python -m tests.bench.children.start_bare '<json>'``; prints one JSON report line
(see :mod:`.paint_probe`). ``settle_ms`` in the argument delays the RSS reading after the first paint.
"""

from __future__ import annotations

import time

T_START = time.monotonic()

import json  # noqa: E402 - the start mark must come before every import
import sys  # noqa: E402

from PySide6.QtGui import QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

from tests.bench.children.paint_probe import run_until_painted  # noqa: E402


def main() -> None:
    args = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    marks = {"start": T_START, "imported": time.monotonic()}
    app = QApplication(sys.argv[:1])
    marks["qapplication"] = time.monotonic()
    window = QMainWindow()
    table = QTableView(window)
    table.setModel(QStandardItemModel(0, 14, table))
    window.setCentralWidget(table)
    window.resize(1280, 760)
    run_until_painted(app, window, table.viewport(), marks, rows=0, settle_ms=int(args.get("settle_ms", 0)))


if __name__ == "__main__":
    main()
