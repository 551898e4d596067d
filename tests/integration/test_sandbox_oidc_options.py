"""The sandbox provider as real providers behave, driven by real MSAL over https against a whole
sandbox: ID tokens without ``preferred_username`` (or ``name``), tokens without ``roles`` (rights still
come from the server's own user table), refresh tokens only on ``prompt=consent``, a configurable token
lifetime, and an end-session endpoint that records who signed out."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import httpx
import jwt
import msal
import pytest
import requests

from dossier_desk.auth.html_forms import parse_forms
from dossier_sandbox import SandboxServer
from dossier_sandbox.tokens import API_AUDIENCE
from dossier_sandbox.users import DEMO_USERS
from tests.sandbox_fixtures import ALL_VARIANTS

CLIENT_ID = "dossier-desk-tests"
SCOPE = f"{API_AUDIENCE}/user_impersonation"
REDIRECT = "http://localhost:49153"
# Spaces as %20: a generic OData server reads '+' as a plus sign (httpx's params= would send '+').
MEDICAL = "documents?$filter=" + quote("documentType eq 'Medical'", safe="'")


class Msal:
    """A real MSAL public client on a sandbox, and the browser that walks its sign-in pages."""

    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.verify = str(server.ca_cert_path)
        self.app = msal.PublicClientApplication(
            CLIENT_ID, oidc_authority=server.authority, http_client=self.session
        )
        context = ssl.create_default_context(cafile=str(server.ca_cert_path))
        self.web = httpx.Client(verify=context, trust_env=False, timeout=10)

    def sign_in(self, username: str, **flow_options: str) -> dict[str, Any]:
        """Auth code flow with PKCE; picks ``username`` in the chooser when the provider shows it."""
        flow = self.app.initiate_auth_code_flow(
            [SCOPE], redirect_uri=REDIRECT, response_mode="form_post", **flow_options
        )
        page = self.web.get(flow["auth_uri"])
        [form] = parse_forms(page.text, str(page.url))
        if "code" not in form.fields:  # the chooser
            button = form.button("username", username)
            assert button is not None
            page = self.web.post(form.action, data=form.submission(button))
            [form] = parse_forms(page.text, str(page.url))
        result = self.app.acquire_token_by_auth_code_flow(flow, form.fields)
        assert "access_token" in result, result.get("error_description")
        return result

    def close(self) -> None:
        self.web.close()
        self.session.close()


@pytest.fixture
def msal_on() -> Iterator[Callable[[SandboxServer], Msal]]:
    made: list[Msal] = []

    def make(server: SandboxServer) -> Msal:
        made.append(Msal(server))
        return made[-1]

    yield make
    for client in made:
        client.close()


def _claims(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


def _api(server: SandboxServer, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=server.company_url + "/",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
        trust_env=False,
    )


def test_default_tokens_carry_every_identity_claim(sandbox_factory, msal_on) -> None:
    server = sandbox_factory(dossiers=5)
    result = msal_on(server).sign_in("caseworker@demo", login_hint="caseworker@demo")
    user = DEMO_USERS["caseworker@demo"]
    expected = {
        "sub": user.subject,
        "oid": user.subject,
        "tid": "sandbox",
        "name": user.display_name,
        "preferred_username": "caseworker@demo",
        "email": "caseworker@demo.example",
        "upn": "caseworker@demo",
        "roles": ["caseworker"],
    }
    assert result["id_token_claims"] == result["id_token_claims"] | expected
    assert _claims(result["access_token"]) == _claims(result["access_token"]) | expected
    assert "refresh_token" in result  # Entra ID grants offline_access without asking


@pytest.mark.parametrize(
    "omitted",
    [("preferred_username",), ("preferred_username", "name"), ("preferred_username", "upn", "name")],
)
@pytest.mark.variants(*ALL_VARIANTS)
def test_id_token_without_preferred_username(
    sandbox_factory, msal_on, omitted: tuple[str, ...], sandbox_variant: str
) -> None:
    server = sandbox_factory(dossiers=5, id_token_omit_claims=omitted, variant=sandbox_variant)
    client = msal_on(server)
    result = client.sign_in("occhealth@demo", login_hint="occhealth@demo")
    user = DEMO_USERS["occhealth@demo"]
    id_claims = result["id_token_claims"]
    for claim in omitted:
        assert claim not in id_claims
        assert claim not in _claims(result["access_token"])
    assert id_claims["sub"] == id_claims["oid"] == user.subject
    assert id_claims["email"] == "occhealth@demo.example"
    [account] = client.app.get_accounts()
    assert account["home_account_id"] == f"{user.subject}.sandbox"
    # MSAL names the account from preferred_username, else upn; a generic provider has neither.
    assert account["username"] == ("occhealth@demo" if "upn" not in omitted else "")
    silent = client.app.acquire_token_silent_with_error([SCOPE], account, force_refresh=True)
    assert silent is not None
    assert "access_token" in silent, silent.get("error_description")
    with _api(server, silent["access_token"]) as api:  # the API knows the user by oid alone
        medical = api.get(MEDICAL + "&$top=1")
        assert medical.status_code == 200, medical.text
        assert medical.json()["value"], "occupational health sees medical documents"


def _medical_document_id(server: SandboxServer) -> str:
    with _api(server, server.issue_token("occhealth@demo")) as api:
        page = api.get(MEDICAL + "&$top=1")
        return page.json()["value"][0]["id"]


@pytest.mark.variants(*ALL_VARIANTS)
def test_without_roles_claim_rights_come_from_the_server(
    sandbox_factory, msal_on, sandbox_variant: str
) -> None:
    server = sandbox_factory(dossiers=40, access_token_roles=False, variant=sandbox_variant)
    medical_id = _medical_document_id(server)
    result = msal_on(server).sign_in("linemanager@demo", login_hint="linemanager@demo")
    assert "roles" not in _claims(result["access_token"])
    assert "roles" not in result["id_token_claims"]
    with _api(server, result["access_token"]) as api:
        assert api.get(f"documents({medical_id})").status_code == 404
        assert api.get(f"documents({medical_id})/content").status_code == 404
        listed = api.get(MEDICAL)
        assert listed.status_code == 200
        assert listed.json()["value"] == []
        refused = api.post("dossiers", json={"description": "x", "dossierTypeCode": "ABSENCE"})
        assert refused.status_code == 403
    occhealth = msal_on(server).sign_in("occhealth@demo", login_hint="occhealth@demo")
    assert "roles" not in _claims(occhealth["access_token"])
    with _api(server, occhealth["access_token"]) as api:
        assert api.get(f"documents({medical_id})").status_code == 200


@pytest.mark.variants(*ALL_VARIANTS)
def test_a_roles_claim_never_grants_rights(sandbox_factory, sandbox_variant: str) -> None:
    """Even a validly signed token claiming occupational health reads as the user its oid names."""
    server = sandbox_factory(dossiers=40, variant=sandbox_variant)
    medical_id = _medical_document_id(server)
    claims = _claims(server.issue_token("linemanager@demo")) | {"roles": ["occupationalhealth"]}
    with _api(server, server.tokens.sign(claims)) as api:
        assert api.get(f"documents({medical_id})").status_code == 404


def test_refresh_token_only_with_consent(sandbox_factory, msal_on) -> None:
    # Lifetime under MSAL's 5-minute margin: every silent call must go to the provider.
    server = sandbox_factory(dossiers=5, refresh_requires_consent=True, token_lifetime_s=60)
    plain = msal_on(server)
    result = plain.sign_in("caseworker@demo", login_hint="caseworker@demo")
    assert "refresh_token" not in result
    assert "offline_access" not in result.get("scope", [])
    [account] = plain.app.get_accounts()
    assert plain.app.acquire_token_silent_with_error([SCOPE], account) is None  # nothing to refresh with

    consented = msal_on(server)
    with_consent = consented.sign_in("caseworker@demo", login_hint="caseworker@demo", prompt="consent")
    assert "refresh_token" in with_consent
    [account] = consented.app.get_accounts()
    silent = consented.app.acquire_token_silent_with_error([SCOPE], account)
    assert silent is not None
    assert silent.get("token_source") == "identity_provider", silent.get("error_description")


def test_consent_prompt_shows_the_chooser_even_with_a_hint(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=5, refresh_requires_consent=True)
    client = Msal(server)
    try:
        flow = client.app.initiate_auth_code_flow(
            [SCOPE],
            redirect_uri=REDIRECT,
            response_mode="form_post",
            login_hint="auditor@demo",
            prompt="consent",
        )
        [form] = parse_forms(client.web.get(flow["auth_uri"]).text, "")
        assert "code" not in form.fields
        assert form.button("username", "auditor@demo") is not None
    finally:
        client.close()


def test_token_lifetime_is_configurable(sandbox_factory, msal_on) -> None:
    server = sandbox_factory(dossiers=5, token_lifetime_s=420)
    result = msal_on(server).sign_in("auditor@demo", login_hint="auditor@demo")
    assert result["expires_in"] == 420
    access = _claims(result["access_token"])
    assert access["exp"] - access["iat"] == 420
    assert result["id_token_claims"]["exp"] - result["id_token_claims"]["iat"] == 420
    short = _claims(server.issue_token("auditor@demo", lifetime_s=5))
    assert short["exp"] - short["iat"] == 5


def test_end_session_endpoint_is_discovered_and_records_calls(sandbox_factory, msal_on) -> None:
    server = sandbox_factory(dossiers=5)
    client = msal_on(server)
    discovery = client.web.get(f"{server.authority}/v2.0/.well-known/openid-configuration").json()
    end_session = discovery["end_session_endpoint"]
    assert end_session == f"{server.authority}/oauth2/v2.0/logout"
    result = client.sign_in("occhealth@demo", login_hint="occhealth@demo")
    back = client.web.get(
        end_session,
        params={
            "id_token_hint": result["id_token"],
            "post_logout_redirect_uri": "http://localhost:5000/signed-out",
            "state": "s9",
        },
    )
    assert back.status_code == 302
    assert back.headers["location"] == "http://localhost:5000/signed-out?state=s9"
    assert client.web.post(end_session, data={"id_token_hint": result["id_token"]}).status_code == 200
    assert client.web.get(end_session, params={"id_token_hint": "not-a-token"}).status_code == 200
    subject = DEMO_USERS["occhealth@demo"].subject
    assert server.end_session_calls == [subject, subject, None]
    stats = httpx.get(f"{server.base_url}/_sandbox/stats", trust_env=False).json()
    assert stats["endSessionCalls"] == [subject, subject, None]
