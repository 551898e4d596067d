"""Sentences for the dossier rules' codes (problems, read-only reasons), in the UI's language.

The domain and the store speak in codes (:mod:`dossier_desk.domain.dossier_rules`); only here do they
become words, so a Dutch user reads Dutch whether the form or the store found the problem.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from dossier_desk.domain.dossier_rules import DossierField, Problem, ProblemCode, ReadOnlyReason

_CONTEXT = "DossierRules"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def problem_text(problem: Problem) -> str:
    """One problem as a sentence to show under its field."""
    code, field = problem.code, problem.field
    if code is ProblemCode.REQUIRED:
        if field is DossierField.DESCRIPTION:
            return _tr(QT_TRANSLATE_NOOP("DossierRules", "Enter a description."))
        if field is DossierField.PRIMARY_CONTACT_NO:
            return _tr(QT_TRANSLATE_NOOP("DossierRules", "Choose the employee this dossier is about."))
        if field is DossierField.DOSSIER_TYPE_CODE:
            return _tr(QT_TRANSLATE_NOOP("DossierRules", "Choose a dossier type."))
        return _tr(QT_TRANSLATE_NOOP("DossierRules", "This field cannot be blank."))
    if code is ProblemCode.TOO_LONG:
        return _tr(QT_TRANSLATE_NOOP("DossierRules", "At most %1 characters.")).replace(
            "%1", str(problem.limit)
        )
    texts = {
        ProblemCode.READ_ONLY: _tr(QT_TRANSLATE_NOOP("DossierRules", "This field cannot be changed.")),
        ProblemCode.ARCHIVED: _tr(QT_TRANSLATE_NOOP("DossierRules", "Archived dossiers are read-only.")),
        ProblemCode.INVALID_DATE: _tr(QT_TRANSLATE_NOOP("DossierRules", "Enter a date as YYYY-MM-DD.")),
        ProblemCode.ENDING_BEFORE_STARTING: _tr(
            QT_TRANSLATE_NOOP("DossierRules", "The ending date cannot be before the starting date.")
        ),
        ProblemCode.UNKNOWN_STATUS: _tr(QT_TRANSLATE_NOOP("DossierRules", "Unknown status.")),
        ProblemCode.UNKNOWN_PRIORITY: _tr(QT_TRANSLATE_NOOP("DossierRules", "Unknown priority.")),
        ProblemCode.NOT_A_LEVEL: _tr(QT_TRANSLATE_NOOP("DossierRules", "Enter a whole number of 0 or more.")),
        ProblemCode.UNKNOWN_TYPE: _tr(QT_TRANSLATE_NOOP("DossierRules", "Unknown dossier type.")),
        ProblemCode.UNKNOWN_CONTACT: _tr(
            QT_TRANSLATE_NOOP("DossierRules", "No contact with this number is known.")
        ),
        ProblemCode.COMMENTS_REQUIRED: _tr(
            QT_TRANSLATE_NOOP("DossierRules", "Comments are required for this step.")
        ),
    }
    return texts[code]


def problem_messages(problems: Iterable[Problem]) -> dict[DossierField | None, str]:
    """Each field's sentence (``None``: problems of no field, joined)."""
    out: dict[DossierField | None, str] = {}
    for problem in problems:
        text = problem_text(problem)
        out[problem.field] = f"{out[problem.field]}\n{text}" if problem.field in out else text
    return out


def problems_sentence(problems: Iterable[Problem]) -> str:
    """All problems as one text (for a message box)."""
    return "\n".join(problem_text(p) for p in problems)


def read_only_text(reason: ReadOnlyReason) -> str:
    """The banner that says why a dossier's fields are locked."""
    return {
        ReadOnlyReason.NO_RIGHTS: _tr(
            QT_TRANSLATE_NOOP(
                "DossierRules", "Read-only: your account may view dossiers but not change them."
            )
        ),
        ReadOnlyReason.RESTRICTED: _tr(
            QT_TRANSLATE_NOOP(
                "DossierRules", "Restricted: the server does not show you this dossier's details."
            )
        ),
        ReadOnlyReason.ARCHIVED: _tr(QT_TRANSLATE_NOOP("DossierRules", "Archived dossiers are read-only.")),
        ReadOnlyReason.CLOSED: _tr(
            QT_TRANSLATE_NOOP("DossierRules", "This dossier is closed. Change its status to reopen it.")
        ),
    }[reason]
