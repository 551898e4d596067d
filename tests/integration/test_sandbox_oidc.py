"""The sandbox OIDC provider over real https, driven by real MSAL where MSAL has a say."""

from __future__ import annotations

import base64
import json
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import msal
import pytest
import requests

from dossier_desk.auth.html_forms import HtmlForm, parse_forms
from dossier_sandbox.oidc import OidcSettings, pkce_s256
from dossier_sandbox.tokens import API_AUDIENCE
from dossier_sandbox.users import DEMO_USERS
from tests.integration.oidc_server import OidcServer, serve_oidc

CLIENT_ID = "dossier-desk-tests"
SCOPE = f"{API_AUDIENCE}/user_impersonation"
REDIRECT = "http://localhost:49152"


@pytest.fixture(scope="module")
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcServer]:
    settings = OidcSettings(device_poll_interval_s=1)
    with serve_oidc(tmp_path_factory.mktemp("oidc"), settings=settings) as server:
        yield server


@pytest.fixture
def web(idp: OidcServer) -> Iterator[httpx.Client]:
    context = ssl.create_default_context(cafile=str(idp.ca_cert_path))
    with httpx.Client(verify=context, trust_env=False, timeout=10) as client:
        yield client


@pytest.fixture
def msal_app(idp: OidcServer) -> Iterator[msal.PublicClientApplication]:
    session = requests.Session()
    session.trust_env = False
    session.verify = str(idp.ca_cert_path)
    yield msal.PublicClientApplication(CLIENT_ID, oidc_authority=idp.authority, http_client=session)
    session.close()


def _only_form(html: str, base_url: str) -> HtmlForm:
    forms = parse_forms(html, base_url)
    assert len(forms) == 1, html
    return forms[0]


def _authorize(web: httpx.Client, auth_uri: str, username: str | None) -> dict[str, str]:
    """Play the browser: open the authorize URL, pick a user (or deny), return the form_post fields."""
    page = web.get(auth_uri)
    assert page.status_code == 200
    form = _only_form(page.text, str(page.url))
    if "code" not in form.fields and "error" not in form.fields:  # the chooser
        button = form.button("username", username) if username else form.button("decision", "deny")
        assert button is not None
        page = web.post(form.action, data=form.submission(button))
        assert page.status_code == 200
        form = _only_form(page.text, str(page.url))
    assert form.method == "POST"
    assert "document.forms[0].submit()" in page.text
    return {"action": form.action, **form.fields}


def _flow(app: msal.PublicClientApplication, **kwargs: str) -> dict:
    return app.initiate_auth_code_flow([SCOPE], redirect_uri=REDIRECT, response_mode="form_post", **kwargs)


def test_discovery_issuer_equals_authority(idp: OidcServer, web: httpx.Client) -> None:
    config = web.get(f"{idp.authority}/.well-known/openid-configuration").json()
    assert config["issuer"] == idp.authority
    for key in ("authorization_endpoint", "token_endpoint", "device_authorization_endpoint", "jwks_uri"):
        assert config[key].startswith(idp.authority + "/")
    assert config["code_challenge_methods_supported"] == ["S256"]
    assert web.get(config["jwks_uri"]).json()["keys"][0]["kty"] == "RSA"


def test_auth_code_flow_with_msal(
    idp: OidcServer, web: httpx.Client, msal_app: msal.PublicClientApplication
) -> None:
    flow = _flow(msal_app)
    fields = _authorize(web, flow["auth_uri"], "occhealth@demo")
    assert fields.pop("action") == REDIRECT
    assert fields["state"] == flow["state"]
    result = msal_app.acquire_token_by_auth_code_flow(flow, fields)
    assert "access_token" in result, result.get("error_description")
    principal = idp.tokens.validate(result["access_token"])
    assert principal.user.username == "occhealth@demo"
    assert "user_impersonation" in principal.scopes
    assert result["id_token_claims"]["preferred_username"] == "occhealth@demo"
    assert result["id_token_claims"]["aud"] == CLIENT_ID
    sent_nonce = parse_qs(urlsplit(flow["auth_uri"]).query)["nonce"][0]
    assert result["id_token_claims"]["nonce"] == sent_nonce
    [account] = msal_app.get_accounts()
    assert account["home_account_id"] == f"{DEMO_USERS['occhealth@demo'].subject}.sandbox"
    assert account["username"] == "occhealth@demo"


def test_id_token_is_signed_with_published_key(idp: OidcServer, web: httpx.Client, msal_app) -> None:
    flow = _flow(msal_app, login_hint="auditor@demo")
    result = msal_app.acquire_token_by_auth_code_flow(flow, _authorize(web, flow["auth_uri"], None))
    jwks = web.get(f"{idp.authority}/discovery/v2.0/keys").json()
    key = jwt.PyJWK(jwks["keys"][0]).key
    claims = jwt.decode(
        result["id_token"], key, algorithms=["RS256"], audience=CLIENT_ID, issuer=idp.authority
    )
    assert claims["preferred_username"] == "auditor@demo"
    assert claims["nonce"]
    client_info = json.loads(base64.urlsafe_b64decode(result["client_info"] + "=="))
    assert client_info == {"uid": DEMO_USERS["auditor@demo"].subject, "utid": "sandbox"}


def test_login_hint_skips_the_chooser(web: httpx.Client, msal_app) -> None:
    flow = _flow(msal_app, login_hint="linemanager@demo")
    page = web.get(flow["auth_uri"])
    form = _only_form(page.text, str(page.url))
    assert set(form.fields) == {"code", "state"}


def test_prompt_select_account_shows_the_chooser_despite_hint(web: httpx.Client, msal_app) -> None:
    flow = _flow(msal_app, login_hint="linemanager@demo", prompt="select_account")
    form = _only_form(web.get(flow["auth_uri"]).text, "")
    assert {v for n, v in form.buttons if n == "username"} == set(DEMO_USERS)


def test_deny_answers_access_denied_to_the_client(web: httpx.Client, msal_app) -> None:
    flow = _flow(msal_app)
    fields = _authorize(web, flow["auth_uri"], None)
    assert fields["error"] == "access_denied"
    assert fields["state"] == flow["state"]
    assert "code" not in fields
    result = msal_app.acquire_token_by_auth_code_flow(flow, fields)
    assert result["error"] == "access_denied"


def _authorize_query(**overrides: str) -> dict[str, str]:
    query = {
        "client_id": CLIENT_ID,
        "response_type": "code",
        "redirect_uri": REDIRECT,
        "scope": f"{SCOPE} openid offline_access",
        "state": "s1",
        "response_mode": "form_post",
        "code_challenge": pkce_s256("v" * 43),
        "code_challenge_method": "S256",
        "login_hint": "caseworker@demo",
    }
    query.update(overrides)
    return {k: v for k, v in query.items() if v}


@pytest.mark.parametrize(
    "overrides",
    [{"code_challenge": ""}, {"code_challenge_method": "plain"}, {"response_type": "token"}, {"scope": ""}],
)
def test_authorize_errors_go_back_by_form_post(idp: OidcServer, web: httpx.Client, overrides) -> None:
    page = web.get(f"{idp.authority}/oauth2/v2.0/authorize", params=_authorize_query(**overrides))
    form = _only_form(page.text, "")
    assert form.action == REDIRECT
    assert form.fields["error"] in {"invalid_request", "unsupported_response_type", "invalid_scope"}
    assert form.fields["state"] == "s1"


@pytest.mark.parametrize(
    "overrides",
    [
        {"redirect_uri": "https://evil.example/cb"},
        {"redirect_uri": "http://localhost/cb"},
        {"redirect_uri": "http://192.168.1.5:8080"},
        {"client_id": "bad id with spaces"},
        {"client_id": ""},
    ],
)
def test_bad_client_or_redirect_is_never_redirected_to(idp: OidcServer, web: httpx.Client, overrides) -> None:
    page = web.get(f"{idp.authority}/oauth2/v2.0/authorize", params=_authorize_query(**overrides))
    assert page.status_code == 400
    assert parse_forms(page.text) == []


def _code(web: httpx.Client, idp: OidcServer, verifier: str = "v" * 43) -> str:
    page = web.get(
        f"{idp.authority}/oauth2/v2.0/authorize", params=_authorize_query(code_challenge=pkce_s256(verifier))
    )
    return _only_form(page.text, "").fields["code"]


def _redeem(web: httpx.Client, idp: OidcServer, **data: str) -> httpx.Response:
    body = {"client_id": CLIENT_ID, "grant_type": "authorization_code", "redirect_uri": REDIRECT}
    body.update(data)
    return web.post(f"{idp.authority}/oauth2/v2.0/token", data=body)


def test_code_verifier_is_checked_and_codes_are_single_use(idp: OidcServer, web: httpx.Client) -> None:
    code = _code(web, idp)
    wrong = _redeem(web, idp, code=code, code_verifier="w" * 43)
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_grant"
    code = _code(web, idp)
    ok = _redeem(web, idp, code=code, code_verifier="v" * 43)
    assert ok.status_code == 200
    body = ok.json()
    assert {
        "access_token",
        "refresh_token",
        "id_token",
        "expires_in",
        "ext_expires_in",
        "client_info",
    } <= set(body)
    assert body["token_type"] == "Bearer"
    assert ok.headers["cache-control"] == "no-store"
    again = _redeem(web, idp, code=code, code_verifier="v" * 43)
    assert again.json()["error"] == "invalid_grant"


def test_code_is_bound_to_redirect_uri_and_client(idp: OidcServer, web: httpx.Client) -> None:
    moved = _redeem(web, idp, code=_code(web, idp), code_verifier="v" * 43, redirect_uri="http://localhost:1")
    assert moved.json()["error"] == "invalid_grant"
    other = _redeem(web, idp, code=_code(web, idp), code_verifier="v" * 43, client_id="someone-else")
    assert other.json()["error"] == "invalid_grant"


def test_token_endpoint_rejects_unknown_grant_and_bad_client(idp: OidcServer, web: httpx.Client) -> None:
    url = f"{idp.authority}/oauth2/v2.0/token"
    assert web.post(url, data={"client_id": CLIENT_ID, "grant_type": "password"}).json()["error"] == (
        "unsupported_grant_type"
    )
    bad = web.post(url, data={"client_id": "", "grant_type": "refresh_token"})
    assert bad.status_code == 401
    assert bad.json()["error"] == "invalid_client"


def test_refresh_token_rotates_and_revocation_sticks(idp: OidcServer, web: httpx.Client) -> None:
    first = _redeem(web, idp, code=_code(web, idp), code_verifier="v" * 43).json()
    url = f"{idp.authority}/oauth2/v2.0/token"
    refresh = {"client_id": CLIENT_ID, "grant_type": "refresh_token", "scope": SCOPE}
    second = web.post(url, data={**refresh, "refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    replay = web.post(url, data={**refresh, "refresh_token": first["refresh_token"]})
    assert replay.json()["error"] == "invalid_grant"
    assert idp.tokens.revoke_user("caseworker@demo") >= 1
    revoked = web.post(url, data={**refresh, "refresh_token": second.json()["refresh_token"]})
    assert revoked.status_code == 400
    assert revoked.json()["error"] == "invalid_grant"
    assert second.json()["refresh_token"] not in revoked.text


def _device_code(web: httpx.Client, idp: OidcServer) -> dict:
    response = web.post(
        f"{idp.authority}/oauth2/v2.0/devicecode", data={"client_id": CLIENT_ID, "scope": SCOPE}
    )
    assert response.status_code == 200
    return response.json()


def _poll(web: httpx.Client, idp: OidcServer, device_code: str) -> httpx.Response:
    data = {"client_id": CLIENT_ID, "grant_type": "urn:ietf:params:oauth:grant-type:device_code"}
    return web.post(f"{idp.authority}/oauth2/v2.0/token", data={**data, "device_code": device_code})


def _device_login(
    web: httpx.Client, verification_uri: str, user_code: str, username: str | None
) -> httpx.Response:
    form = _only_form(web.get(verification_uri).text, verification_uri)
    button = form.button("username", username) if username else form.button("decision", "deny")
    return web.post(form.action, data=form.submission(button, user_code=user_code))


def test_device_code_pending_then_approved_once(idp: OidcServer, web: httpx.Client) -> None:
    flow = _device_code(web, idp)
    assert flow["interval"] == 1
    assert flow["user_code"] in flow["message"]
    assert _poll(web, idp, flow["device_code"]).json()["error"] == "authorization_pending"
    wrong = _device_login(web, flow["verification_uri"], "XXXX-XXXX", "caseworker@demo")
    assert wrong.status_code == 400
    assert (
        _device_login(web, flow["verification_uri"], flow["user_code"].lower(), "auditor@demo").status_code
        == 200
    )
    tokens = _poll(web, idp, flow["device_code"]).json()
    assert idp.tokens.validate(tokens["access_token"]).user.username == "auditor@demo"
    assert _poll(web, idp, flow["device_code"]).json()["error"] == "invalid_grant"


def test_device_code_denied(idp: OidcServer, web: httpx.Client) -> None:
    flow = _device_code(web, idp)
    assert _device_login(web, flow["verification_uri"], flow["user_code"], None).status_code == 200
    assert _poll(web, idp, flow["device_code"]).json()["error"] == "access_denied"


def test_device_code_expires(idp: OidcServer, web: httpx.Client) -> None:
    idp.provider.settings.device_code_lifetime_s = 0
    try:
        flow = _device_code(web, idp)
    finally:
        idp.provider.settings.device_code_lifetime_s = 900
    time.sleep(0.05)
    assert _poll(web, idp, flow["device_code"]).json()["error"] == "expired_token"


def test_device_flow_with_msal(idp: OidcServer, web: httpx.Client, msal_app) -> None:
    flow = msal_app.initiate_device_flow([SCOPE])
    assert "user_code" in flow, flow
    result: dict = {}
    poller = threading.Thread(target=lambda: result.update(msal_app.acquire_token_by_device_flow(flow)))
    poller.start()
    time.sleep(0.3)
    _device_login(web, flow["verification_uri"], flow["user_code"], "caseworker@demo")
    poller.join(10)
    assert not poller.is_alive()
    assert result["id_token_claims"]["preferred_username"] == "caseworker@demo"
    assert [a["username"] for a in msal_app.get_accounts()] == ["caseworker@demo"]


def test_msal_silent_refresh_uses_rotated_refresh_token(idp: OidcServer, web: httpx.Client, msal_app) -> None:
    flow = _flow(msal_app, login_hint="caseworker@demo")
    msal_app.acquire_token_by_auth_code_flow(flow, _authorize(web, flow["auth_uri"], None))
    [account] = msal_app.get_accounts()
    # Each refresh consumes the refresh token; the second one only works if MSAL stored the rotated one.
    for _ in range(2):
        refreshed = msal_app.acquire_token_silent_with_error([SCOPE], account, force_refresh=True)
        assert refreshed is not None
        assert "access_token" in refreshed, refreshed.get("error_description")
        assert refreshed["token_source"] == "identity_provider"
    cached = msal_app.acquire_token_silent_with_error([SCOPE], account)
    assert cached is not None
    assert cached["token_source"] == "cache"


def test_logout_redirects_only_to_loopback(idp: OidcServer, web: httpx.Client) -> None:
    url = f"{idp.authority}/oauth2/v2.0/logout"
    back = web.get(url, params={"post_logout_redirect_uri": "http://localhost:5000/done", "state": "x"})
    assert back.status_code == 302
    target = urlsplit(back.headers["location"])
    assert (target.netloc, target.path, parse_qs(target.query)) == (
        "localhost:5000",
        "/done",
        {"state": ["x"]},
    )
    elsewhere = web.get(url, params={"post_logout_redirect_uri": "https://evil.example/"})
    assert elsewhere.status_code == 200
    assert "Signed out" in elsewhere.text


def test_msal_refuses_an_untrusted_certificate(idp: OidcServer, tmp_path: Path) -> None:
    session = requests.Session()
    session.trust_env = False
    with pytest.raises(requests.exceptions.SSLError):
        msal.PublicClientApplication(CLIENT_ID, oidc_authority=idp.authority, http_client=session)
    session.close()
