"""Deadline radar for the detail pane: the next sickness-absence (poortwachter) deadlines.

Shown for open dossiers of a sickness type only. Each line says what is due, when, and how far off
("due in 5 days"); deadlines within :data:`deadlines.WARN_DAYS` are marked "Soon" in text and bold,
not by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dossier_desk.api.models import Dossier
from dossier_desk.deadlines import (
    OPEN_STATUSES,
    Deadline,
    parse_iso_date,
    upcoming_deadlines,
    warning_level,
)
from dossier_desk.ui.following import track_dossier
from dossier_desk.ui.plain_text import plain_labels
from dossier_desk.ui.workflow.model import describe_days
from dossier_desk.ui.workflow.ports import DossierLookup, DossierTypeSource

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

# Names of the poortwachter milestones by ``Deadline.kind`` (``deadlines`` keeps the English names).
_NAMES = {
    "problem_analysis": QT_TRANSLATE_NOOP("DeadlineRadar", "Problem analysis"),
    "plan_of_approach": QT_TRANSLATE_NOOP("DeadlineRadar", "Plan of approach"),
    "uwv_report": QT_TRANSLATE_NOOP("DeadlineRadar", "Report to UWV (week 42)"),
    "first_year_evaluation": QT_TRANSLATE_NOOP("DeadlineRadar", "First-year evaluation"),
    "wia_application": QT_TRANSLATE_NOOP("DeadlineRadar", "WIA application"),
    "end_of_pay": QT_TRANSLATE_NOOP("DeadlineRadar", "End of continued pay"),
}


def deadline_name(deadline: Deadline) -> str:
    """The deadline's name in the UI language; an unknown kind keeps the name ``deadlines`` gave it."""
    if deadline.kind == "evaluation" and deadline.week:
        return translate("DeadlineRadar", "Evaluation of plan of approach (week {0})").format(deadline.week)
    name = _NAMES.get(deadline.kind)
    return translate("DeadlineRadar", name) if name else deadline.name


def sickness_type_codes(types: DossierTypeSource) -> set[str]:
    """Codes of the dossier types marked as sickness (``DossierType.sickness``)."""
    return {t.code for t in types.dossier_types() if t.sickness}


def radar_text(deadline: Deadline, today: date) -> str:
    """One radar line, e.g. "Soon: Plan of approach (week 8) — 2026-03-02, due in 5 days"."""
    level = warning_level(deadline, today)
    name = deadline_name(deadline)
    if deadline.week and "week" not in deadline.name:
        name = translate("DeadlineRadar", "{0} (week {1})").format(name, deadline.week)
    text = f"{name} — {deadline.due.isoformat()}, {describe_days(deadline.due, today)}"
    if level == "soon":
        return translate("DeadlineRadar", "Soon: {0}").format(text)
    if level == "overdue":
        return translate("DeadlineRadar", "Overdue: {0}").format(text)
    return text


class DeadlineRadar(QWidget):
    """Lists the next ``count`` deadlines of the dossier given to :meth:`set_dossier`."""

    def __init__(
        self,
        types: DossierTypeSource,
        *,
        today: Callable[[], date] = date.today,
        count: int = 3,
        dossiers: DossierLookup | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineRadar")
        self._types = types
        self._today = today
        self._count = count
        self._dossiers = dossiers
        self._dossier: Dossier | None = None
        self.title = QLabel(self.tr("Sickness-absence deadlines"), self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Upcoming sickness-absence deadlines"))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        plain_labels(self)
        self.set_dossier(None)

    def set_dossier(self, dossier: Dossier | None) -> None:
        self._dossier = dossier
        self.refresh()

    def show_dossier(self, dossier_id: str) -> None:
        """Slot for ``MainWindow.dossierSelected`` (needs ``dossiers``)."""
        self.set_dossier(self._dossiers.dossier(dossier_id) if self._dossiers and dossier_id else None)

    def on_dossiers_changed(self, upserted: list[Dossier], deleted_ids: list[str]) -> None:
        """Slot for ``SyncBridge.dossiersChanged``: status or starting date may have changed."""
        changed, dossier = track_dossier(self._dossier, upserted, deleted_ids)
        if changed:
            self.set_dossier(dossier)

    def refresh(self) -> None:
        """Recompute (call on dossier changes and once a day: the clock moves the warnings)."""
        self.list.clear()
        dossier = self._dossier
        first_sick_day = parse_iso_date(dossier.starting_date) if dossier else None
        applicable = (
            dossier is not None
            and dossier.status in OPEN_STATUSES
            and dossier.dossier_type_code in sickness_type_codes(self._types)
        )
        # Hidden entirely for non-absence dossiers: the detail pane stays uncluttered.
        self.setVisible(applicable)
        if not applicable:
            return
        if first_sick_day is None:
            self.note.setText(self.tr("Enter the starting date (first sick day) to see the deadlines."))
            return
        today = self._today()
        upcoming = upcoming_deadlines(first_sick_day, today, self._count)
        self.note.setText("" if upcoming else self.tr("All statutory deadlines have passed."))
        for deadline in upcoming:
            item = QListWidgetItem(radar_text(deadline, today))
            if warning_level(deadline, today) != "none":
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
