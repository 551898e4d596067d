"""The dossier rules the form and the store share: status sets, editability, problem codes."""

from __future__ import annotations

import pytest

from dossier_desk.api.models import Dossier
from dossier_desk.domain.dossier_rules import (
    OPEN_STATUSES,
    STATUSES,
    DossierField,
    Problem,
    ProblemCode,
    ReadOnlyReason,
    editable_fields,
    field_values,
    read_only_reason,
    validate_edits,
)
from dossier_desk.domain.rights import Rights

WRITER, READER = Rights(can_write=True), Rights(can_write=False)
F = DossierField


def _dossier(**kw: object) -> Dossier:
    values = {"id": "d1", "no": "D1", "description": "Absence", "status": "Open"} | kw
    return Dossier(**values)  # type: ignore[arg-type]


def test_status_sets_cover_the_known_statuses_once() -> None:
    assert {"New", "Open", "In Process"} == OPEN_STATUSES
    assert set(STATUSES) - OPEN_STATUSES == {"Closed", "Archived"}


def test_every_field_names_a_dossier_attribute() -> None:
    values = field_values(_dossier(our_reference="R-1"))
    assert values[F.OUR_REFERENCE] == "R-1"
    assert list(values) == list(DossierField)


@pytest.mark.parametrize(
    ("status", "rights", "restricted", "expected", "reason"),
    [
        (None, WRITER, False, set(DossierField), None),
        ("Open", WRITER, False, set(DossierField) - {F.NO}, None),
        ("Closed", WRITER, False, {F.STATUS}, ReadOnlyReason.CLOSED),
        ("Archived", WRITER, False, set(), ReadOnlyReason.ARCHIVED),
        ("Open", READER, False, set(), ReadOnlyReason.NO_RIGHTS),
        ("Open", WRITER, True, set(), ReadOnlyReason.RESTRICTED),
        ("Open", READER, True, set(), ReadOnlyReason.RESTRICTED),
    ],
)
def test_editable_fields_by_status_and_rights(status, rights, restricted, expected, reason) -> None:
    assert editable_fields(status, rights, restricted=restricted) == expected
    assert read_only_reason(status, rights, restricted=restricted) is reason


def test_a_create_names_each_missing_required_field() -> None:
    problems = validate_edits({F.DESCRIPTION: "  "}, current=None)
    assert problems == [
        Problem(F.DESCRIPTION, ProblemCode.REQUIRED),
        Problem(F.PRIMARY_CONTACT_NO, ProblemCode.REQUIRED),
        Problem(F.DOSSIER_TYPE_CODE, ProblemCode.REQUIRED),
    ]


def test_ending_before_starting_counts_the_dossiers_own_dates() -> None:
    current = _dossier(starting_date="2026-03-01")
    assert validate_edits({F.ENDING_DATE: "2026-02-01"}, current=current) == [
        Problem(F.ENDING_DATE, ProblemCode.ENDING_BEFORE_STARTING)
    ]
    assert validate_edits({F.ENDING_DATE: "2026-03-01"}, current=current) == []


def test_too_long_carries_the_limit() -> None:
    assert validate_edits({F.OUR_REFERENCE: "x" * 36}, current=_dossier()) == [
        Problem(F.OUR_REFERENCE, ProblemCode.TOO_LONG, 35)
    ]


def test_archived_dossiers_take_no_edit_and_closed_ones_are_left_to_the_server() -> None:
    closed = _dossier(status="Closed")
    assert validate_edits({F.STATUS: "Open"}, current=closed) == []
    assert validate_edits({F.DEPARTMENT: "HR"}, current=closed) == []  # the form offers only the status
    assert validate_edits({F.STATUS: "Open"}, current=_dossier(status="Archived")) == [
        Problem(F.STATUS, ProblemCode.ARCHIVED)
    ]
    assert validate_edits({F.NO: "D2"}, current=closed) == [Problem(F.NO, ProblemCode.READ_ONLY)]


def test_values_are_checked_against_known_codes_when_known() -> None:
    edits = {
        F.DOSSIER_TYPE_CODE: "ZZ",
        F.PRIMARY_CONTACT_NO: "C9",
        F.PRIORITY: "Urgent",
        F.DOCUMENT_DATE: "1/2",
    }
    codes = {
        p.field: p.code
        for p in validate_edits(edits, current=_dossier(), type_codes={"ZIEK"}, contact_nos={"C1"})
    }
    assert codes == {
        F.DOSSIER_TYPE_CODE: ProblemCode.UNKNOWN_TYPE,
        F.PRIMARY_CONTACT_NO: ProblemCode.UNKNOWN_CONTACT,
        F.PRIORITY: ProblemCode.UNKNOWN_PRIORITY,
        F.DOCUMENT_DATE: ProblemCode.INVALID_DATE,
    }
    assert (
        validate_edits(edits | {F.DOCUMENT_DATE: ""}, current=_dossier())[0].code
        is ProblemCode.UNKNOWN_PRIORITY
    )
