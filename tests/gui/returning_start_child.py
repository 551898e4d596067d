"""Child process of ``test_returning_start``: the app's entry point (``app.main``) on a returning start,
reporting when the main window's table first paints with rows: how many, and whether MSAL was imported
by then. Leaves at once after that (``os._exit``): the sign-in behind the window is not awaited.

Started as ``python -m tests.gui.returning_start_child --profile NAME`` with the test's
``DOSSIER_DESK_HOME``; prints one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import dossier_desk.below_qt  # noqa: F401 - before Qt, as the app does

# isort: split
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView

import dossier_desk.app as app_module


class _FirstRowsPainted(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            view = watched.parent()
            if isinstance(view, QAbstractItemView) and type(view.window()).__name__ == "MainWindow":
                rows = view.model().rowCount() if view.model() is not None else 0
                if rows:
                    print(json.dumps({"rows": rows, "msal": "msal" in sys.modules}), flush=True)
                    os._exit(0)
        return False


def main() -> int:
    probe = _FirstRowsPainted()
    run_app = app_module.run_app

    async def watched_run_app(app: Any, options: Any, messages: Any) -> int:
        app.installEventFilter(probe)
        return await run_app(app, options, messages)

    app_module.run_app = watched_run_app
    return app_module.main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
