"""Local validation before queuing an edit."""

from __future__ import annotations

import pytest

from dossier_desk.store import LocalValidationError
from dossier_desk.store.validation import validate_dossier_fields
from tests.unit.store_helpers import make_dossier

TYPES = {"ABSENCE", "MEDICAL"}
CONTACTS = {"C0001"}


def _errors(changes, current=None, types=TYPES, contacts=CONTACTS) -> dict[str, str]:
    with pytest.raises(LocalValidationError) as info:
        validate_dossier_fields(changes, current=current, type_codes=types, contact_nos=contacts)
    return info.value.field_errors


def test_create_needs_required_fields() -> None:
    assert set(_errors({"description": "x"})) == {"dossierTypeCode", "primaryContactNo"}


def test_valid_create_and_edit_pass() -> None:
    fields = {"description": "x", "dossierTypeCode": "ABSENCE", "primaryContactNo": "C0001"}
    validate_dossier_fields(fields, current=None, type_codes=TYPES, contact_nos=CONTACTS)
    validate_dossier_fields(
        {"priority": "High"}, current=make_dossier(1), type_codes=TYPES, contact_nos=CONTACTS
    )


def test_dates_shape_and_order() -> None:
    current = make_dossier(1, starting_date="2026-02-01")
    assert "endingDate" in _errors({"endingDate": "2026-01-01"}, current)
    assert "startingDate" in _errors({"startingDate": "1/2/2026"}, current)


def test_unknown_codes_and_read_only_fields() -> None:
    errs = _errors({"dossierTypeCode": "NOPE", "primaryContactNo": "C9", "category": "X"}, make_dossier(1))
    assert set(errs) == {"dossierTypeCode", "primaryContactNo", "category"}


def test_reference_checks_skipped_before_reference_sync() -> None:
    validate_dossier_fields(
        {"dossierTypeCode": "NEW"}, current=make_dossier(1), type_codes=(), contact_nos=()
    )


def test_captions_blank_and_archived() -> None:
    assert set(_errors({"status": "Done", "priority": "Urgent", "description": " "}, make_dossier(1))) == {
        "status",
        "priority",
        "description",
    }
    assert "status" in _errors({"description": "y"}, make_dossier(1, status="Archived"))
    assert "confidentialityLevel" in _errors({"confidentialityLevel": -1}, make_dossier(1))
