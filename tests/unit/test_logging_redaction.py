"""The redaction filter keeps credentials out of every log handler."""

from __future__ import annotations

import logging

import pytest

from dossier_desk.logging_setup import RedactingFilter, redact

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWJ5dGVz"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer abc.def-ghi==", "abc.def-ghi"),
        (f"token {JWT} sent", JWT),
        ("refresh_token=0.AXkA-secret&grant_type=refresh_token", "0.AXkA-secret"),
        ('{"access_token": "opaque-secret-value"}', "opaque-secret-value"),
        ("GET /callback?code=M.C507_abc&state=xyz", "M.C507_abc"),
        ("device_code: DAQABAAEAAAD", "DAQABAAEAAAD"),
        ("auth response {'code': '0.AXkAabc-def', 'state': 'xyz'}", "0.AXkAabc-def"),
        ('{"code": "M.C507_abc", "state": "xyz"}', "M.C507_abc"),
    ],
)
def test_secrets_are_redacted(text: str, secret: str) -> None:
    assert secret not in redact(text)


def test_ordinary_text_is_left_alone() -> None:
    text = "sync pass ended early: ValidationError (status 400), error code: InvalidRequest"
    assert redact(text) == text


def test_filter_rewrites_formatted_record() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "header %s", (f"Bearer {JWT}",), None)
    RedactingFilter().filter(record)
    assert JWT not in record.getMessage()
