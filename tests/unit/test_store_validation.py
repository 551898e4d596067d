"""Local validation before queuing an edit: the store applies the domain's rules and refuses with codes."""

from __future__ import annotations

import pytest

from dossier_desk.domain.dossier_rules import DossierField, Problem, ProblemCode
from dossier_desk.store import LocalValidationError
from dossier_desk.store.validation import typed_edits, validate_dossier_edits
from tests.unit.store_helpers import make_dossier

TYPES = {"ABSENCE", "MEDICAL"}
CONTACTS = {"C0001"}
F = DossierField


def _codes(edits, current=None, types=TYPES, contacts=CONTACTS) -> dict[DossierField | None, ProblemCode]:
    with pytest.raises(LocalValidationError) as info:
        validate_dossier_edits(edits, current=current, type_codes=types, contact_nos=contacts)
    return {p.field: p.code for p in info.value.problems}


def test_create_needs_required_fields() -> None:
    assert _codes({F.DESCRIPTION: "x"}) == {
        F.DOSSIER_TYPE_CODE: ProblemCode.REQUIRED,
        F.PRIMARY_CONTACT_NO: ProblemCode.REQUIRED,
    }


def test_valid_create_and_edit_pass() -> None:
    fields = {F.DESCRIPTION: "x", F.DOSSIER_TYPE_CODE: "ABSENCE", F.PRIMARY_CONTACT_NO: "C0001"}
    validate_dossier_edits(fields, current=None, type_codes=TYPES, contact_nos=CONTACTS)
    validate_dossier_edits(
        {F.PRIORITY: "High"}, current=make_dossier(1), type_codes=TYPES, contact_nos=CONTACTS
    )


def test_dates_shape_and_order() -> None:
    current = make_dossier(1, starting_date="2026-02-01")
    assert _codes({F.ENDING_DATE: "2026-01-01"}, current) == {
        F.ENDING_DATE: ProblemCode.ENDING_BEFORE_STARTING
    }
    assert _codes({F.STARTING_DATE: "1/2/2026"}, current) == {F.STARTING_DATE: ProblemCode.INVALID_DATE}


def test_unknown_codes() -> None:
    codes = _codes({F.DOSSIER_TYPE_CODE: "NOPE", F.PRIMARY_CONTACT_NO: "C9"}, make_dossier(1))
    assert codes == {
        F.DOSSIER_TYPE_CODE: ProblemCode.UNKNOWN_TYPE,
        F.PRIMARY_CONTACT_NO: ProblemCode.UNKNOWN_CONTACT,
    }


def test_only_editable_fields_are_edits() -> None:
    assert typed_edits({"our_reference": "R"}) == {F.OUR_REFERENCE: "R"}
    with pytest.raises(ValueError):
        typed_edits({"category": "X"})  # read-only on the server: no DossierField
    with pytest.raises(ValueError):
        typed_edits({"ourReference": "R"})  # a wire name is no edit key


def test_reference_checks_skipped_before_reference_sync() -> None:
    validate_dossier_edits(
        {F.DOSSIER_TYPE_CODE: "NEW"}, current=make_dossier(1), type_codes=(), contact_nos=()
    )


def test_captions_blank_length_and_archived() -> None:
    edits = {F.STATUS: "Done", F.PRIORITY: "Urgent", F.DESCRIPTION: " ", F.OUR_REFERENCE: "x" * 36}
    assert _codes(edits, make_dossier(1)) == {
        F.STATUS: ProblemCode.UNKNOWN_STATUS,
        F.PRIORITY: ProblemCode.UNKNOWN_PRIORITY,
        F.DESCRIPTION: ProblemCode.REQUIRED,
        F.OUR_REFERENCE: ProblemCode.TOO_LONG,
    }
    assert _codes({F.DESCRIPTION: "y"}, make_dossier(1, status="Archived")) == {
        F.STATUS: ProblemCode.ARCHIVED
    }
    assert _codes({F.CONFIDENTIALITY_LEVEL: -1}, make_dossier(1)) == {
        F.CONFIDENTIALITY_LEVEL: ProblemCode.NOT_A_LEVEL
    }
    with pytest.raises(LocalValidationError) as info:
        validate_dossier_edits(
            {F.YOUR_REFERENCE: "y" * 40}, current=make_dossier(1), type_codes=(), contact_nos=()
        )
    assert info.value.problems == (Problem(F.YOUR_REFERENCE, ProblemCode.TOO_LONG, 35),)
