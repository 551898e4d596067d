"""The UI can translate every fixed API error sentence, and shows server wording untouched."""

from __future__ import annotations

import inspect

import pytest

from dossier_desk.api import errors
from dossier_desk.ui.api_messages import FIXED_MESSAGES, api_error_message


def _error_classes() -> list[type[errors.ApiError]]:
    return [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.ApiError)]


@pytest.mark.parametrize("cls", _error_classes(), ids=lambda c: c.__name__)
def test_every_default_message_is_listed_for_translation(cls: type[errors.ApiError]) -> None:
    assert cls.default_message in FIXED_MESSAGES


def test_fixed_message_with_support_reference(qapp) -> None:
    text = api_error_message(errors.NetworkError(correlation_id="abc-123"))
    assert text.startswith("Could not reach the Dynamics Dossier service.")
    assert "abc-123" in text


def test_server_wording_is_kept_for_validation(qapp) -> None:
    exc = errors.ValidationError("The dossier type 'X' does not exist.", status=400)
    assert "The dossier type 'X' does not exist" in api_error_message(exc)


def test_rate_limit_names_the_wait(qapp) -> None:
    exc = errors.RateLimitedError(status=429)
    exc.retry_after = 7
    assert "7 second" in api_error_message(exc)
