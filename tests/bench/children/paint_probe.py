"""First-paint detection and the report line shared by the cold-start children.

Kept tiny and Qt-only so that importing it costs the same in the bare and the app child.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaint(QObject):
    """Calls ``on_painted(monotonic_time)`` once, right after the watched widget's first paint."""

    def __init__(self, on_painted: Callable[[float], None]) -> None:
        super().__init__()
        self._on_painted = on_painted
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            # Runs after this paint event has been handled, i.e. once the pixels are in the backing store.
            QTimer.singleShot(0, lambda: self._on_painted(time.monotonic()))
        return False


def report_and_exit(marks: dict[str, float], **extra: object) -> None:
    """Print the report (monotonic marks, RSS, extras) as one JSON line and leave without teardown."""
    import psutil  # imported after the measurement, identically in both children

    report = {"marks": marks, "rss_bytes": psutil.Process().memory_info().rss, **extra}
    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()
    os._exit(0)


def run_until_painted(
    app: QApplication,
    window: QWidget,
    viewport: QWidget,
    marks: dict[str, float],
    *,
    rows: int,
    settle_ms: int = 0,
) -> None:
    """Show ``window`` and run ``app`` until ``viewport`` has painted once (and ``settle_ms`` more), then
    report (marks ``built``, ``shown``, ``first_paint``) and leave. For the children without qasync."""

    def painted(at: float) -> None:
        marks["first_paint"] = at
        if settle_ms:
            QTimer.singleShot(settle_ms, lambda: report_and_exit(marks, rows=rows))
        else:
            report_and_exit(marks, rows=rows)

    probe = FirstPaint(painted)
    viewport.installEventFilter(probe)
    marks["built"] = time.monotonic()
    window.show()
    marks["shown"] = time.monotonic()
    app.exec()
