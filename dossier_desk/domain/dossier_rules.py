"""What may be changed on a dossier and what a change must satisfy (no Qt, no I/O).

The form and the store use the same rules: the form to offer only what can be saved and to show
problems at once, the store to refuse an edit before it is queued. Rules return *codes*
(:class:`ProblemCode`, :class:`ReadOnlyReason`); the UI turns them into sentences in the user's
language. Edits are keyed by :class:`DossierField`, whose values are the :class:`Dossier` attribute
names; the API's wire names (camelCase) are known only to ``dossier_desk.api``.

Statuses are the server's captions ("In Process"); the sets below are the only place that says which
of them are open, closed or archived.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dossier_desk.api.models import PRIORITY_VALUES, STATUS_VALUES, Dossier
from dossier_desk.domain.rights import Rights

# -- statuses ---------------------------------------------------------------------------------------

STATUSES: tuple[str, ...] = STATUS_VALUES
"""Every known status, in the server's order (a newer server may send others)."""
CLOSED = "Closed"
ARCHIVED = "Archived"
OPEN_STATUSES = frozenset({"New", "Open", "In Process"})
"""Statuses in which a dossier still needs work: deadlines bind, the "Open" filter shows it."""
CLOSED_STATUSES = frozenset({CLOSED})
"""Finished but reopenable: only the status may change."""
ARCHIVED_STATUSES = frozenset({ARCHIVED})
"""Read-only for good: no edit, no delete."""
PRIORITIES: tuple[str, ...] = PRIORITY_VALUES


def is_open_status(status: str) -> bool:
    """True for a dossier that still needs work."""
    return status in OPEN_STATUSES


def is_archived(status: str) -> bool:
    """True for a dossier nobody may change or delete any more."""
    return status in ARCHIVED_STATUSES


# -- fields -----------------------------------------------------------------------------------------


class DossierField(StrEnum):
    """The fields a user may set on a dossier, in the form's order; values are ``Dossier`` attributes."""

    NO = "no"
    DESCRIPTION = "description"
    PRIMARY_CONTACT_NO = "primary_contact_no"
    DOSSIER_TYPE_CODE = "dossier_type_code"
    STATUS = "status"
    PRIORITY = "priority"
    DOCUMENT_DATE = "document_date"
    STARTING_DATE = "starting_date"
    ENDING_DATE = "ending_date"
    YOUR_REFERENCE = "your_reference"
    OUR_REFERENCE = "our_reference"
    DEPARTMENT = "department"
    CASE_MANAGER_CODE = "case_manager_code"
    CONFIDENTIALITY_LEVEL = "confidentiality_level"
    EXTERNAL_DOCUMENT_NO = "external_document_no"


DossierEdits = Mapping[DossierField, Any]
"""A set of field values to write (an edit sends only what changed; a create what was entered)."""

REQUIRED_ON_CREATE = (
    DossierField.DESCRIPTION,
    DossierField.PRIMARY_CONTACT_NO,
    DossierField.DOSSIER_TYPE_CODE,
)
NOT_BLANK = (*REQUIRED_ON_CREATE, DossierField.NO)
DATE_FIELDS = (DossierField.DOCUMENT_DATE, DossierField.STARTING_DATE, DossierField.ENDING_DATE)
TEXT_FIELDS = frozenset(DossierField) - {DossierField.CONFIDENTIALITY_LEVEL}
# Business Central's lengths (Code[20], Text[35], Text[100]): longer text is refused by the server.
MAX_LENGTH: Mapping[DossierField, int] = {
    DossierField.NO: 20,
    DossierField.DESCRIPTION: 100,
    DossierField.PRIMARY_CONTACT_NO: 20,
    DossierField.DOSSIER_TYPE_CODE: 20,
    DossierField.EXTERNAL_DOCUMENT_NO: 35,
    DossierField.YOUR_REFERENCE: 35,
    DossierField.OUR_REFERENCE: 35,
    DossierField.DEPARTMENT: 20,
    DossierField.CASE_MANAGER_CODE: 20,
}
# Fields the server blanks on a dossier it restricts for this user (see domain.rights.is_restricted).
RESTRICTED_FIELDS = (
    DossierField.DESCRIPTION,
    DossierField.YOUR_REFERENCE,
    DossierField.OUR_REFERENCE,
    DossierField.DEPARTMENT,
    DossierField.CASE_MANAGER_CODE,
)


def field_values(dossier: Dossier) -> dict[DossierField, Any]:
    """Every editable field of ``dossier``."""
    return {f: getattr(dossier, f.value) for f in DossierField}


def as_fields(edits: Mapping[str, Any]) -> dict[DossierField, Any]:
    """``edits`` keyed by attribute name (``"our_reference"``) as typed edits; raises ``ValueError``
    for a name that is not an editable field."""
    return {DossierField(name): value for name, value in edits.items()}


# -- editability ------------------------------------------------------------------------------------


class ReadOnlyReason(StrEnum):
    """Why a dossier's fields (all, or all but the status) cannot be changed."""

    NO_RIGHTS = "no_rights"  # the signed-in user may not write
    RESTRICTED = "restricted"  # the server withheld the details from this user
    ARCHIVED = "archived"  # archived dossiers are read-only
    CLOSED = "closed"  # only the status may change (to reopen it)


def read_only_reason(
    status: str | None, rights: Rights, *, restricted: bool = False
) -> ReadOnlyReason | None:
    """Why (some) fields are locked, strongest reason first; ``None`` when all may change.

    ``status`` is ``None`` for a dossier not created yet.
    """
    if restricted:
        # Nothing to edit: a status change would ask for a description the user cannot see.
        return ReadOnlyReason.RESTRICTED
    if not rights.can_write:
        return ReadOnlyReason.NO_RIGHTS
    if status is not None and is_archived(status):
        return ReadOnlyReason.ARCHIVED
    if status in CLOSED_STATUSES:
        return ReadOnlyReason.CLOSED
    return None


def editable_fields(
    status: str | None, rights: Rights, *, restricted: bool = False
) -> frozenset[DossierField]:
    """The fields the user may change on a dossier in ``status`` (``None``: a new dossier).

    The number is the key once a dossier exists, so only a new dossier may set it.
    """
    reason = read_only_reason(status, rights, restricted=restricted)
    if reason is ReadOnlyReason.CLOSED:
        return frozenset({DossierField.STATUS})
    if reason is not None:
        return frozenset()
    every = frozenset(DossierField)
    return every if status is None else every - {DossierField.NO}


# -- validation -------------------------------------------------------------------------------------


class ProblemCode(StrEnum):
    """What is wrong with one field of an edit."""

    READ_ONLY = "read_only"  # the field cannot be changed on this dossier (its status, the number)
    ARCHIVED = "archived"  # the dossier is archived: nothing can change
    REQUIRED = "required"  # empty, and a dossier needs it
    TOO_LONG = "too_long"  # longer than the server stores (``limit`` characters)
    INVALID_DATE = "invalid_date"  # not a YYYY-MM-DD calendar date
    ENDING_BEFORE_STARTING = "ending_before_starting"
    UNKNOWN_STATUS = "unknown_status"
    UNKNOWN_PRIORITY = "unknown_priority"
    NOT_A_LEVEL = "not_a_level"  # the confidentiality level is not a whole number of 0 or more
    UNKNOWN_TYPE = "unknown_type"
    UNKNOWN_CONTACT = "unknown_contact"
    COMMENTS_REQUIRED = "comments_required"  # a workflow step that needs a comment (no dossier field)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: its field (``None`` when it concerns no dossier field), code and limit if any."""

    field: DossierField | None
    code: ProblemCode
    limit: int = 0


def _valid_date(value: Any) -> bool:
    if value == "":
        return True
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _blank(value: Any) -> bool:
    return not str(value if value is not None else "").strip()


def validate_edits(
    edits: DossierEdits,
    *,
    current: Dossier | None,
    type_codes: Collection[str] = (),
    contact_nos: Collection[str] = (),
) -> list[Problem]:
    """Everything wrong with ``edits``, at most one problem per field, in field order.

    ``current`` is the dossier being edited (``None`` for a create). Empty ``type_codes`` /
    ``contact_nos`` (reference data not synced yet) skip those checks. Rights are not checked here:
    the server decides, and the UI does not offer what the user may not do. Nor is "closed: status
    only" (:func:`editable_fields`): the server accepts other changes to a closed dossier, so an edit
    queued before a sync brought the closure is still sent.
    """
    found: dict[DossierField | None, Problem] = {}

    def add(name: DossierField | None, code: ProblemCode, limit: int = 0) -> None:
        found.setdefault(name, Problem(name, code, limit))

    if current is not None and is_archived(current.status):
        add(DossierField.STATUS, ProblemCode.ARCHIVED)
    if current is not None and DossierField.NO in edits and edits[DossierField.NO] != current.no:
        add(DossierField.NO, ProblemCode.READ_ONLY)
    for name in REQUIRED_ON_CREATE if current is None else ():
        if _blank(edits.get(name)):
            add(name, ProblemCode.REQUIRED)
    for name in NOT_BLANK:
        if name in edits and _blank(edits[name]):
            add(name, ProblemCode.REQUIRED)
    for name, limit in MAX_LENGTH.items():
        if isinstance(edits.get(name), str) and len(edits[name]) > limit:
            add(name, ProblemCode.TOO_LONG, limit)
    for name in DATE_FIELDS:
        if name in edits and not _valid_date(edits[name]):
            add(name, ProblemCode.INVALID_DATE)
    start = edits.get(DossierField.STARTING_DATE, current.starting_date if current else "")
    end = edits.get(DossierField.ENDING_DATE, current.ending_date if current else "")
    if _valid_date(start) and _valid_date(end) and start and end and end < start:
        add(DossierField.ENDING_DATE, ProblemCode.ENDING_BEFORE_STARTING)
    if DossierField.STATUS in edits and edits[DossierField.STATUS] not in STATUSES:
        add(DossierField.STATUS, ProblemCode.UNKNOWN_STATUS)
    if DossierField.PRIORITY in edits and edits[DossierField.PRIORITY] not in PRIORITIES:
        add(DossierField.PRIORITY, ProblemCode.UNKNOWN_PRIORITY)
    if DossierField.CONFIDENTIALITY_LEVEL in edits:
        level = edits[DossierField.CONFIDENTIALITY_LEVEL]
        if not isinstance(level, int) or isinstance(level, bool) or level < 0:
            add(DossierField.CONFIDENTIALITY_LEVEL, ProblemCode.NOT_A_LEVEL)
    code = edits.get(DossierField.DOSSIER_TYPE_CODE)
    if code and type_codes and code not in type_codes:
        add(DossierField.DOSSIER_TYPE_CODE, ProblemCode.UNKNOWN_TYPE)
    contact = edits.get(DossierField.PRIMARY_CONTACT_NO)
    if contact and contact_nos and contact not in contact_nos:
        add(DossierField.PRIMARY_CONTACT_NO, ProblemCode.UNKNOWN_CONTACT)
    order = {f: i for i, f in enumerate(DossierField)}
    return sorted(found.values(), key=lambda p: order.get(p.field, -1))
