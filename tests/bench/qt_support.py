"""Qt pieces shared by the in-process UI scenarios (sort, filter, loop lag). Offscreen only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any


def application() -> Any:
    """The process's ``QApplication`` (created offscreen on first use, styled as the app styles it)."""
    from PySide6.QtWidgets import QApplication

    from dossier_desk.ui.style import apply_style

    app = QApplication.instance()
    if app is None:
        app = QApplication(["dossier-desk-bench"])
        apply_style(app)
    return app


def settings(directory: Path, name: str) -> Any:
    """A fresh INI ``QSettings`` (first-run layout), as the app's per-profile settings file."""
    from PySide6.QtCore import QSettings

    path = directory / f"{name}.ini"
    path.unlink(missing_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def deadline_function(dossier_types: Sequence[Any]) -> Callable[[Any], date | None]:
    """The ``next_deadline`` provider the app's workspace passes to the table (same code path)."""
    from dossier_desk.ui.models.deadline_column import DeadlineColumn

    class _Types:
        def dossier_types(self) -> list[Any]:
            return list(dossier_types)

    return DeadlineColumn(_Types())


def process_events(rounds: int = 3) -> None:
    """Let Qt deliver posted events and paint."""
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()


def table_with_view(
    dossiers: Sequence[Any], dossier_types: Sequence[Any], home: Path, name: str
) -> tuple[Any, Any]:
    """A loaded real ``DossierTableModel`` shown in the real ``DossierTableView`` (offscreen)."""
    from dossier_desk.ui.models.dossier_table_model import DossierTableModel
    from dossier_desk.ui.views.dossier_table_view import DossierTableView

    application()
    model = DossierTableModel(next_deadline=deadline_function(dossier_types))
    model.set_dossiers(dossiers)
    view = DossierTableView(model, settings(home, name))
    view.resize(1280, 700)
    view.show()
    process_events()
    return model, view


def dispose(*widgets: Any) -> None:
    """Close and delete widgets (between repeats, so memory does not pile up)."""
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    process_events()
