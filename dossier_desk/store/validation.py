"""Local checks of a dossier edit before it is queued, so obvious mistakes show at once.

The server validates again; these checks only catch what can be known offline: read-only or
unknown fields, required fields, date shapes and order, known captions, type codes and contacts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from dossier_desk.api.models import DOSSIER_WRITABLE_FIELDS, PRIORITY_VALUES, STATUS_VALUES, Dossier

REQUIRED_ON_CREATE = ("description", "dossierTypeCode", "primaryContactNo")
NOT_BLANK = ("description", "dossierTypeCode", "primaryContactNo", "no")
DATE_FIELDS = ("documentDate", "startingDate", "endingDate")


class LocalValidationError(ValueError):
    """The edit was refused before queuing; ``field_errors`` maps camelCase field -> message."""

    def __init__(self, field_errors: Mapping[str, str]) -> None:
        self.field_errors = dict(field_errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.field_errors.items()))


def _valid_date(value: Any) -> bool:
    if value == "":
        return True
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def validate_dossier_fields(
    changes: Mapping[str, Any],
    *,
    current: Dossier | None,
    type_codes: Collection[str],
    contact_nos: Collection[str],
) -> None:
    """Raise :class:`LocalValidationError` when ``changes`` (camelCase) cannot be right.

    ``current`` is the dossier being edited (``None`` for a create). Empty ``type_codes`` /
    ``contact_nos`` (reference data not synced yet) skip those checks.
    """
    problems: dict[str, str] = {}
    for name in changes:
        if name not in DOSSIER_WRITABLE_FIELDS:
            problems[name] = "This field cannot be changed."
    if current is None:
        for name in REQUIRED_ON_CREATE:
            if not str(changes.get(name, "") or "").strip():
                problems[name] = "This field is required."
    for name in NOT_BLANK:
        if name in changes and not str(changes[name] or "").strip():
            problems.setdefault(name, "This field cannot be blank.")
    for name in DATE_FIELDS:
        if name in changes and not _valid_date(changes[name]):
            problems[name] = "Enter a date as YYYY-MM-DD."
    start = changes.get("startingDate", current.starting_date if current else "")
    end = changes.get("endingDate", current.ending_date if current else "")
    if _valid_date(start) and _valid_date(end) and start and end and end < start:
        problems["endingDate"] = "The ending date cannot be before the starting date."
    if "status" in changes and changes["status"] not in STATUS_VALUES:
        problems["status"] = "Unknown status."
    if current is not None and current.status == "Archived":
        problems.setdefault("status", "Archived dossiers are read-only.")
    if "priority" in changes and changes["priority"] not in PRIORITY_VALUES:
        problems["priority"] = "Unknown priority."
    if "confidentialityLevel" in changes:
        level = changes["confidentialityLevel"]
        if not isinstance(level, int) or isinstance(level, bool) or level < 0:
            problems["confidentialityLevel"] = "Enter a whole number of 0 or more."
    code = changes.get("dossierTypeCode")
    if code and type_codes and code not in type_codes:
        problems["dossierTypeCode"] = "Unknown dossier type."
    contact = changes.get("primaryContactNo")
    if contact and contact_nos and contact not in contact_nos:
        problems["primaryContactNo"] = "Unknown contact."
    if problems:
        raise LocalValidationError(problems)
