"""Deadline summary above the workflow log: the dossier's next deadlines, overdue steps first.

It renders :class:`~dossier_desk.domain.schedule.DossierDeadlines`, the same computation the step table
below it shows (the workflow tab hands it over), so the two never disagree: undecided steps by due date
when the workflow log is cached, the statutory poortwachter calendar for a sickness dossier whose log
is not. The ending date is a separate, labelled line. Deadlines within :data:`deadlines.WARN_DAYS` are
marked "Soon" in text and bold, overdue ones "Overdue": never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dossier_desk.api.models import Dossier
from dossier_desk.domain.deadlines import WARN_DAYS, Deadline, warning_level
from dossier_desk.domain.schedule import DossierDeadlines, Step, compute
from dossier_desk.ui.dates import format_date
from dossier_desk.ui.following import track_dossier
from dossier_desk.ui.plain_text import plain_labels
from dossier_desk.ui.workflow.model import describe_days
from dossier_desk.ui.workflow.ports import (
    DossierLookup,
    DossierTypeSource,
    WorkflowSource,
    sickness_type_codes,
)

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


def radar_text(deadline: Deadline, today: date) -> str:
    """One radar line, e.g. "Soon: Plan of approach (week 8) — 2026-03-02, due in 5 days"."""
    level = warning_level(deadline, today)
    name = deadline_name(deadline)
    if deadline.week and "week" not in deadline.name:
        name = translate("DeadlineRadar", "{0} (week {1})").format(name, deadline.week)
    text = f"{name} — {format_date(deadline.due)}, {describe_days(deadline.due, today)}"
    if level == "soon":
        return translate("DeadlineRadar", "Soon: {0}").format(text)
    if level == "overdue":
        return translate("DeadlineRadar", "Overdue: {0}").format(text)
    return text


def step_text(step: Step, today: date) -> str:
    """One summary line for an undecided workflow step, e.g. "Overdue: Plan van aanpak — 2025-03-02,
    327 days overdue" (the server's step description is shown as plain text)."""
    due = step.due
    if due is None:
        return step.entry.description
    text = f"{step.entry.description} — {format_date(due)}, {describe_days(due, today)}"
    days = (due - today).days
    if days < 0:
        return translate("DeadlineRadar", "Overdue: {0}").format(text)
    if days <= WARN_DAYS:
        return translate("DeadlineRadar", "Soon: {0}").format(text)
    return text


def ending_text(deadlines: DossierDeadlines) -> str:
    """The ending date as its own signal: "Ending date: 2026-03-01 (passed 20 days ago)"."""
    ending = deadlines.ending
    if ending is None:
        return ""
    days = (deadlines.today - ending).days
    if days > 0:
        return translate("DeadlineRadar", "Ending date: {0} (passed {1} days ago)").format(
            format_date(ending), days
        )
    return translate("DeadlineRadar", "Ending date: {0}").format(format_date(ending))


class DeadlineRadar(QWidget):
    """Shows one :class:`DossierDeadlines`: up to ``count`` next deadlines, a note, the ending date.

    In the app the workflow tab pushes its computation through :meth:`set_deadlines`; standing alone
    (``set_dossier``/``show_dossier``) it computes the same way from ``source``'s cached log, or from
    the statutory calendar when there is no source.
    """

    def __init__(
        self,
        types: DossierTypeSource,
        *,
        today: Callable[[], date] = date.today,
        count: int = 3,
        dossiers: DossierLookup | None = None,
        source: WorkflowSource | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineRadar")
        self._types = types
        self._today = today
        self._count = count
        self._dossiers = dossiers
        self._source = source
        self._dossier: Dossier | None = None
        self.deadlines: DossierDeadlines | None = None
        self.title = QLabel(self.tr("Deadlines"), self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Next deadlines of this dossier"))
        self.note = QLabel(self)
        self.note.setObjectName("deadlineNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.ending = QLabel(self)
        self.ending.setObjectName("endingDate")
        self.ending.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        layout.addWidget(self.ending)
        plain_labels(self)
        self.set_deadlines(None)

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
        """Recompute from the dossier given to :meth:`set_dossier` (and once a day: the clock moves)."""
        dossier = self._dossier
        if dossier is None:
            self.set_deadlines(None)
            return
        sickness = dossier.dossier_type_code in sickness_type_codes(self._types)
        log = self._source.workflow_log(dossier.id) if self._source is not None else None
        self.set_deadlines(compute(dossier, log, sickness=sickness, today=self._today()))

    def set_deadlines(self, deadlines: DossierDeadlines | None) -> None:
        """Show ``deadlines`` (None hides the summary)."""
        self._show(deadlines)
        self._fit_list()
        for label in (self.note, self.ending):  # empty lines would leave a gap above the step table
            label.setVisible(bool(label.text()))

    def _show(self, deadlines: DossierDeadlines | None) -> None:
        self.deadlines = deadlines
        self.list.clear()
        # Hidden for closed dossiers and for dossiers with neither a workflow nor a statutory calendar.
        applicable = deadlines is not None and deadlines.is_open and (deadlines.has_log or deadlines.sickness)
        self.setVisible(applicable)
        if deadlines is None or not applicable:
            self.note.setText("")
            self.ending.setText("")
            return
        today = deadlines.today
        self.ending.setText(ending_text(deadlines))
        if deadlines.has_log:
            undecided = [s for s in deadlines.undecided if s.due is not None]
            overdue = len(deadlines.overdue_steps)
            # Every overdue step is listed (they are what needs doing), then the next ones up to count.
            shown = undecided[: max(self._count, overdue)]
            for step in shown:
                self._add(
                    step_text(step, today), step.state == "Overdue" or (step.due - today).days <= WARN_DAYS
                )
            if overdue:
                self.note.setText(
                    self.tr("1 workflow step overdue.")
                    if overdue == 1
                    else self.tr("{0} workflow steps overdue.").format(overdue)
                )
            elif deadlines.all_decided:
                self.note.setText(self.tr("All workflow steps are decided."))
            else:
                self.note.setText("")
            return
        if deadlines.first_sick_day is None:
            self.note.setText(self.tr("Enter the starting date (first sick day) to see the deadlines."))
            return
        for deadline in deadlines.calendar[: self._count]:
            self._add(radar_text(deadline, today), warning_level(deadline, today) != "none")
        self.note.setText(
            self.tr("Statutory calendar; the workflow log has not been downloaded yet.")
            if deadlines.calendar
            else self.tr("All statutory deadlines have passed; the workflow log has not been downloaded yet.")
        )

    def _fit_list(self) -> None:
        """As tall as its lines (at most eight), so the step table below keeps the room."""
        rows = min(self.list.count(), 8)
        self.list.setVisible(rows > 0)
        if rows:
            row_height = max(self.list.sizeHintForRow(0), self.list.fontMetrics().height())
            self.list.setFixedHeight(rows * row_height + 2 * self.list.frameWidth() + 2)

    def _add(self, text: str, bold: bool) -> None:
        item = QListWidgetItem(text)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.list.addItem(item)

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
