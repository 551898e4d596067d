"""Write rights: the token's roles claim, else what the server refused, else the profile, else may write."""

from __future__ import annotations

import base64
import json

from dossier_desk.domain.rights import (
    DEFAULT_RIGHTS,
    FROM_PROFILE,
    FROM_SERVER,
    FROM_TOKEN,
    is_restricted,
    resolve_rights,
)
from dossier_sandbox.tokens import TokenService


def _unsigned(claims: dict[str, object]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"e30.{body}.sig"


def test_roles_claim_decides_when_present() -> None:
    tokens = TokenService(issuer="https://127.0.0.1:1/sandbox")
    assert resolve_rights(tokens.issue_access_token("occhealth@demo")).can_write
    line_manager = resolve_rights(tokens.issue_access_token("linemanager@demo"), profile_role="caseworker")
    assert (line_manager.read_only, line_manager.source) == (True, FROM_TOKEN)
    auditor = resolve_rights(tokens.issue_access_token("auditor@demo"))
    assert auditor.read_only
    assert auditor.role == "auditor"
    # The claim wins over a remembered refusal: a role granted since is used at once.
    assert resolve_rights(tokens.issue_access_token("caseworker@demo"), refused_by_server=True).can_write


def test_token_without_roles_learns_from_the_server_then_the_profile() -> None:
    entra = _unsigned({"oid": "x", "scp": "Financials.ReadWrite.All"})  # Entra: no roles claim
    assert resolve_rights(entra) == DEFAULT_RIGHTS
    refused = resolve_rights(entra, refused_by_server=True, profile_role="caseworker")
    assert (refused.can_write, refused.source) == (False, FROM_SERVER)
    from_profile = resolve_rights(entra, profile_role="Auditor")
    assert (from_profile.can_write, from_profile.source) == (False, FROM_PROFILE)


def test_garbage_token_gets_defaults() -> None:
    assert resolve_rights("not-a-jwt") == DEFAULT_RIGHTS
    assert resolve_rights("a.!!!.c") == DEFAULT_RIGHTS
    assert resolve_rights(_unsigned({"roles": ["something-else"]})) == DEFAULT_RIGHTS


def test_restricted_means_blanked_by_the_server() -> None:
    assert is_restricted("", server_side=True)
    assert not is_restricted("", server_side=False)  # a local draft may be blank
    assert not is_restricted("Back pain", server_side=True)
