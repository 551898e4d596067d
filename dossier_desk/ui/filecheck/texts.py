"""Words for the file check, shared by the tab, the at-risk view and the PDF export (UI language).

Server text (step descriptions, document titles) is inserted as data; the widgets show it as plain text
and the PDF escapes it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from dossier_desk.domain.filecheck import MilestoneCheck, MilestoneRule

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

_NAMES = {
    "problem_analysis": QT_TRANSLATE_NOOP("FileCheck", "Problem analysis (week 6)"),
    "plan_of_approach": QT_TRANSLATE_NOOP("FileCheck", "Plan of approach (week 8)"),
    "evaluations": QT_TRANSLATE_NOOP("FileCheck", "Evaluations of the plan (at least every 6 weeks)"),
    "uwv_report": QT_TRANSLATE_NOOP("FileCheck", "Report to UWV (week 42)"),
    "first_year_evaluation": QT_TRANSLATE_NOOP("FileCheck", "First-year evaluation (week 52)"),
    "physician_judgment": QT_TRANSLATE_NOOP("FileCheck", "Occupational physician's current judgment"),
    "employee_view": QT_TRANSLATE_NOOP("FileCheck", "Employee's view"),
    "reintegration_report": QT_TRANSLATE_NOOP("FileCheck", "Re-integration report"),
    "wia_application": QT_TRANSLATE_NOOP("FileCheck", "WIA application (week 91)"),
}

STATE_MARKS = {"done": "✓", "missing": "✗", "overdue": "⚠", "due_soon": "!", "upcoming": "○"}


def milestone_name(key: str) -> str:
    """A milestone's name; a milestone added by a profile's rules keeps its key."""
    name = _NAMES.get(key)
    return translate("FileCheck", name) if name else key


def state_text(check: MilestoneCheck, today: date) -> str:
    """ "Done", "Missing", "Overdue by 12 days", "Due soon (in 5 days)", "Not due yet"."""
    days = (check.due - today).days if check.due is not None else None
    if check.state == "done":
        return translate("FileCheck", "Done")
    if check.state == "missing":
        return translate("FileCheck", "Missing")
    if check.state == "overdue" and days is not None:
        return translate("FileCheck", "Overdue by {0} days").format(-days)
    if check.state == "due_soon" and days is not None:
        return translate("FileCheck", "Due soon (in {0} days)").format(days)
    return translate("FileCheck", "Not due yet")


def requirement_text(rule: MilestoneRule) -> str:
    """What satisfies the milestone, e.g. "a decided workflow step and a document"."""
    return {
        "step": translate("FileCheck", "a completed workflow step"),
        "document": translate("FileCheck", "a document"),
        "either": translate("FileCheck", "a completed workflow step or a document"),
        "both": translate("FileCheck", "a completed workflow step and a document"),
    }.get(rule.satisfied_by, rule.satisfied_by)


def document_hint(rule: MilestoneRule) -> str:
    """Which documents count: "type Legal or Administrative, titled like “plan van aanpak”"."""
    types = " / ".join(rule.document_types) or translate("FileCheck", "any type")
    example = rule.document_keywords[0] if rule.document_keywords else ""
    return translate("FileCheck", "type {0}, titled like “{1}”").format(types, example)


def evidence_text(check: MilestoneCheck) -> str:
    """What was found and, for a gap, what is still needed (one paragraph, plain text)."""
    rule = check.rule
    parts: list[str] = []
    completed = [s for s in check.steps if s.state == "Completed"]
    if completed:
        step = completed[-1]
        when = (step.entry.completed_date_time or "")[:10]
        parts.append(translate("FileCheck", "Step “{0}” completed {1}").format(step.entry.description, when))
    elif check.steps and rule.satisfied_by != "document":
        step = check.steps[0]
        parts.append(
            translate("FileCheck", "Step “{0}” not completed ({1})").format(
                step.entry.description, step.state
            )
        )
    for doc in check.documents[-3:]:
        parts.append(
            translate("FileCheck", "Document “{0}” ({1})").format(doc.description, doc.document_date or "")
        )
    if check.state != "done":
        if rule.satisfied_by in ("document", "both", "either") and not check.documents:
            parts.append(translate("FileCheck", "Needed: a document of {0}").format(document_hint(rule)))
        if rule.satisfied_by in ("step", "both") and not completed:
            parts.append(translate("FileCheck", "Needed: the workflow step completed"))
    if rule.recurring_weeks and check.last_evidence is not None:
        parts.append(translate("FileCheck", "Last evaluation {0}").format(check.last_evidence.isoformat()))
    return "; ".join(parts) or translate("FileCheck", "Nothing found yet")
