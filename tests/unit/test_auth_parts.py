"""Small pieces of the sign-in layer: form reading, log redaction, error texts, configuration."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from dossier_desk.auth import AuthConfig
from dossier_desk.auth.errors import describe
from dossier_desk.auth.html_forms import parse_forms
from dossier_desk.auth.redaction import protect_msal_loggers, redact_credentials

PAGE = """<html><body>
<form method="post" action="/t/authorize"><input type="hidden" name="request_id" value="r&amp;1">
<button type="submit" name="username" value="a@demo">A</button>
<button name="decision" value="deny">Cancel</button>
<button type="button" name="x" value="y">no</button></form>
<form action="http://localhost:5000"><input name="q" value="1">
<input type="checkbox" name="c" value="on"></form>
</body></html>"""


def test_forms_are_read_with_fields_buttons_and_absolute_actions() -> None:
    chooser, other = parse_forms(PAGE, "https://idp.example/t/page")
    assert chooser.action == "https://idp.example/t/authorize"
    assert chooser.method == "POST"
    assert chooser.fields == {"request_id": "r&1"}
    assert chooser.buttons == [("username", "a@demo"), ("decision", "deny")]
    assert chooser.submission(chooser.button("username", "a@demo")) == {
        "request_id": "r&1",
        "username": "a@demo",
    }
    assert chooser.button("username", "b@demo") is None
    assert (other.method, other.fields) == ("GET", {"q": "1"})


@pytest.mark.parametrize(
    "line",
    [
        "Got auth response: {'code': 'SECRET1', 'state': 'ok'}",
        '"data": {"code": "SECRET1", "code_verifier": "SECRET1", "device_code": "SECRET1"}',
        "redirect to http://localhost:1/?code=SECRET1&state=ok",
        "Authorization: Bearer SECRET1",
        "refresh_token=SECRET1&client_id=x",
    ],
)
def test_redaction_removes_credentials(line: str) -> None:
    cleaned = redact_credentials(line)
    assert "SECRET1" not in cleaned
    assert "[redacted]" in cleaned


def test_redaction_keeps_harmless_fields() -> None:
    line = "{'state': 'ok', 'user_code': 'BCDF-GHJK', 'error_codes': [1]}"
    assert redact_credentials(line) == line


def test_msal_loggers_are_filtered(caplog: pytest.LogCaptureFixture) -> None:
    import msal  # noqa: F401  (creates MSAL's loggers)

    protect_msal_loggers()
    protect_msal_loggers()  # idempotent
    logger = logging.getLogger("msal.oauth2cli.authcode")
    assert len([f for f in logger.filters if type(f).__name__ == "_CredentialFilter"]) == 1
    with caplog.at_level(logging.DEBUG, logger="msal"):
        logger.debug("Got auth response: %s", {"code": "SECRET2", "state": "s"})
    assert "SECRET2" not in caplog.text
    assert "'state': 's'" in caplog.text


def test_error_description_first_line_only() -> None:
    message, code = describe(
        {"error": "invalid_grant", "error_description": "AADSTS1: gone\nTrace ID: 1"}, "Sign in"
    )
    assert (message, code) == ("Sign in (invalid_grant: AADSTS1: gone)", "invalid_grant")
    assert describe(None, "Sign in") == ("Sign in", None)


@pytest.mark.parametrize(
    "overrides",
    [
        {"authority": "http://127.0.0.1:1/t"},
        {"authority": "login.microsoftonline.com/x"},
        {"client_id": " "},
        {"scopes": ()},
    ],
)
def test_config_rejects_unusable_values(overrides: dict, tmp_path: Path) -> None:
    values = {
        "client_id": "c",
        "authority": "https://login.microsoftonline.com/org",
        "cache_path": tmp_path / "c",
    }
    values.update(overrides)
    with pytest.raises(ValueError):
        AuthConfig(**values)
