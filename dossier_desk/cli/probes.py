"""Raw HTTP probes of the doctor: proxy and TLS settings, the server's reachability and clock, and
the admin center's installed-apps list (the extension's version)."""

from __future__ import annotations

import os
import ssl
import urllib.request
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from dossier_desk.cli.common import Check, Exit
from dossier_desk.config import Profile
from dossier_desk.session_config import api_profile_for

EXTENSION_NAME = "Dynamics Dossier"
ADMIN_API = "admin/v2.24"
_CA_VARIABLES = ("SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SKEW_WARN_S = 300


def _check(name: str, status: str, detail: str, data: dict[str, Any], exit_code: Exit = Exit.OK) -> Check:
    return Check(name, status, detail, data, exit_code)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def network_settings(profile: Profile) -> Check:
    """Proxy and TLS trust that apply to the profile's server (read from the environment / OS)."""
    host = _host(profile.api_root)
    proxies = {k: v for k, v in urllib.request.getproxies().items() if k in ("http", "https", "all")}
    bypassed = host in _LOOPBACK or bool(urllib.request.proxy_bypass(host))
    scheme = urlsplit(profile.api_root).scheme
    proxy = "" if bypassed else proxies.get(scheme) or proxies.get("all", "")
    ca_overrides = {name: os.environ[name] for name in _CA_VARIABLES if os.environ.get(name)}
    trust = "pinned certificate" if profile.ca_cert_path else "system trust store"
    data = {
        "proxy": _without_credentials(proxy),
        "caOverrides": sorted(ca_overrides),
        "trust": trust,
        "scheme": scheme,
    }
    detail = f"{'proxy ' + data['proxy'] if proxy else 'no proxy'}; TLS: {trust}"
    return _check("network", "ok", detail, data)


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if not parts.password and not parts.username:
        return url
    return parts._replace(netloc=parts.hostname or "").geturl()


def _client(profile: Profile) -> httpx.AsyncClient:
    loopback = _host(profile.api_root) in _LOOPBACK
    return httpx.AsyncClient(
        verify=api_profile_for(profile).ssl_verify(), trust_env=not loopback, timeout=20.0
    )


async def server_probe(profile: Profile, token: str) -> Check:
    """Reach the environment (companies discovery) with the profile's TLS trust and proxy; the
    server's ``Date`` header gives the clock skew."""
    url = api_profile_for(profile).companies_url
    try:
        async with _client(profile) as client:
            response = await client.get(url, headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError as exc:
        tls = isinstance(exc.__cause__ or exc.__context__, ssl.SSLError) or "CERTIFICATE" in str(exc)
        reason = "tls_untrusted" if tls else "unreachable"
        return _check("server", "fail", reason, {"error": type(exc).__name__}, Exit.UNREACHABLE)
    data: dict[str, Any] = {"status": response.status_code, "http": response.http_version}
    skew = _skew_s(response.headers.get("date", ""))
    if skew is not None:
        data["clockSkewSeconds"] = round(skew, 1)
    if response.status_code == 401:
        return _check("server", "fail", "sign_in_required", data, Exit.SIGN_IN)
    if response.status_code >= 400:
        return _check("server", "fail", f"HTTP {response.status_code}", data, Exit.PROBLEM)
    if skew is not None and abs(skew) > SKEW_WARN_S:
        return _check("server", "warn", f"clock differs from the server by {skew:+.0f} s", data)
    return _check(
        "server", "ok", "reachable" + (f", clock skew {skew:+.1f} s" if skew is not None else ""), data
    )


def _skew_s(date_header: str) -> float | None:
    """Local time minus the server's (seconds); None without a usable Date header."""
    try:
        server = parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return None
    if server.tzinfo is None:
        server = server.replace(tzinfo=UTC)
    return (datetime.now(UTC) - server).total_seconds()


def admin_apps_url(api_root: str) -> str:
    """``{origin}/admin/v2.24/applications/BusinessCentral/environments/{env}/apps`` for a BC-style
    root ``{origin}/v2.0/{tenant}/{environment}/api/...`` ("" for other roots)."""
    parts = urlsplit(api_root)
    segments = [s for s in parts.path.split("/") if s]
    if "v2.0" not in segments or len(segments) < segments.index("v2.0") + 3:
        return ""
    environment = segments[segments.index("v2.0") + 2]
    return f"{parts.scheme}://{parts.netloc}/{ADMIN_API}/applications/BusinessCentral/environments/{environment}/apps"


async def admin_apps(profile: Profile, token: str) -> Check:
    """The extension's installed version from the admin center (needs an admin; else skipped)."""
    url = admin_apps_url(profile.api_root)
    if not url:
        return _check("extension version", "skip", "no admin center for this server", {})
    try:
        async with _client(profile) as client:
            response = await client.get(url, headers={"Authorization": f"Bearer {token}"})
        apps = response.json().get("value", []) if response.status_code == 200 else None
    except (httpx.HTTPError, ValueError, AttributeError):
        return _check("extension version", "skip", "the admin center did not answer", {})
    if apps is None:
        reason = (
            "needs the admin role" if response.status_code in (401, 403) else f"HTTP {response.status_code}"
        )
        return _check("extension version", "skip", reason, {"status": response.status_code})
    found = [a for a in apps if isinstance(a, dict) and a.get("name") == EXTENSION_NAME]
    if not found:
        return _check("extension version", "fail", "not installed", {}, Exit.SETUP)
    app = found[0]
    data = {
        "version": app.get("version", ""),
        "state": app.get("state", ""),
        "publisher": app.get("publisher", ""),
    }
    return _check("extension version", "ok", f"{EXTENSION_NAME} {data['version']} ({data['state']})", data)
