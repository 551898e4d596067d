"""UI capabilities are read from the token's roles claim, with safe defaults."""

from __future__ import annotations

from dossier_desk.capabilities import DEFAULT_CAPABILITIES, capabilities_from_token
from dossier_sandbox.tokens import TokenService


def test_roles_from_sandbox_tokens() -> None:
    tokens = TokenService(issuer="https://127.0.0.1:1/sandbox")
    assert capabilities_from_token(tokens.issue_access_token("occhealth@demo")).can_see_medical
    line_manager = capabilities_from_token(tokens.issue_access_token("linemanager@demo"))
    assert line_manager.read_only
    assert not line_manager.can_see_medical
    assert capabilities_from_token(tokens.issue_access_token("auditor@demo")).read_only


def test_garbage_or_roleless_token_gets_defaults() -> None:
    assert capabilities_from_token("not-a-jwt") == DEFAULT_CAPABILITIES
    assert capabilities_from_token("a.!!!.c") == DEFAULT_CAPABILITIES
