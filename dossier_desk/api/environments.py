"""The Business Central environments of the signed-in user's tenant (BC admin API; no Qt).

``GET https://api.businesscentral.dynamics.com/environments/v1.2`` with a BC token answers
``{"value": [{"aadTenantId", "applicationFamily", "type", "name", "countryCode", "webServiceUrl",
"webClientLoginUrl", "ringName", "applicationVersion"}]}``. With it and company discovery a first
start needs nothing typed but the account.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import msgspec

from dossier_desk.api.errors import MalformedResponseError
from dossier_desk.api.profile import (
    DOSSIER_GROUP,
    DOSSIER_PUBLISHER,
    DOSSIER_VERSION,
    ApiProfile,
    bc_cloud_api_root,
)
from dossier_desk.api.transport import RetryPolicy, TokenProvider, Transport


class _WireEnvironment(msgspec.Struct, rename="camel"):
    name: str
    aad_tenant_id: str = ""
    application_family: str = "BusinessCentral"
    type: str = ""
    country_code: str = ""
    web_service_url: str = ""
    application_version: str = ""


class _WireEnvironments(msgspec.Struct):
    value: list[_WireEnvironment]


@dataclass(frozen=True)
class Environment:
    """One BC environment of the tenant; ``api_base`` is where its APIs live (``.../v2.0/{t}/{env}``)."""

    name: str
    tenant_id: str
    type: str  # "Production" or "Sandbox"
    country_code: str
    application_version: str
    api_base: str

    def api_root(
        self, publisher: str = DOSSIER_PUBLISHER, group: str = DOSSIER_GROUP, version: str = DOSSIER_VERSION
    ) -> str:
        """The Dynamics Dossier API root in this environment."""
        return f"{self.api_base}/api/{publisher}/{group}/{version}"


def environment_api_base(web_service_url: str, tenant_id: str, name: str, fallback_base: str) -> str:
    """``{base}/v2.0/{tenant}/{environment}`` from an environment's ``webServiceUrl``.

    BC's ``webServiceUrl`` ends in the environment (or in a service suffix such as ``/WS`` or
    ``/ODataV4`` after it): cut after the environment's segment. Without a usable URL the cloud
    layout under ``fallback_base`` is assumed.
    """
    split = urlsplit(web_service_url)
    segments = split.path.rstrip("/").split("/")
    if split.scheme in {"https", "http"} and split.netloc and name in segments:
        idx = len(segments) - 1 - segments[::-1].index(name)
        return urlunsplit((split.scheme, split.netloc, "/".join(segments[: idx + 1]), "", ""))
    root = bc_cloud_api_root(tenant_id or "common", name, base=fallback_base)
    return root.split("/api/", 1)[0]


def parse_environments(body: bytes, fallback_base: str) -> list[Environment]:
    """Business Central environments from the endpoint's JSON (others, e.g. Power Apps, are left out)."""
    try:
        wire = msgspec.json.decode(body, type=_WireEnvironments)
    except msgspec.DecodeError as exc:
        raise MalformedResponseError(f"unexpected environments list: {exc}") from exc
    return [
        Environment(
            name=e.name,
            tenant_id=e.aad_tenant_id,
            type=e.type,
            country_code=e.country_code,
            application_version=e.application_version,
            api_base=environment_api_base(e.web_service_url, e.aad_tenant_id, e.name, fallback_base),
        )
        for e in wire.value
        if e.application_family.lower() == "businesscentral"
    ]


async def list_environments(
    url: str, tokens: TokenProvider, *, verify: bool | Path = True, timeout_s: float = 30.0
) -> list[Environment]:
    """The environments the signed-in user may see; raises :class:`~dossier_desk.api.errors.ApiError`.

    ``verify`` as in :class:`~dossier_desk.api.profile.ApiProfile` (a CA file for the sandbox)."""
    endpoint = ApiProfile(url.rstrip("/"), verify=verify, companies_url=url)  # validates https/loopback
    split = urlsplit(endpoint.api_root)
    fallback = urlunsplit((split.scheme, split.netloc, "", "", ""))
    transport = Transport(
        tokens,
        verify=endpoint.ssl_verify(),
        timeout=timeout_s,
        policy=RetryPolicy(max_retries=2),
        trust_env=not endpoint.is_loopback,
    )
    try:
        return await transport.fetch(
            "GET", endpoint.api_root, lambda r: parse_environments(r.content, fallback)
        )
    finally:
        await transport.aclose()


# -- the admin center: which version of the extension an environment has ------------------------------
DOSSIER_APP_NAME = "Dynamics Dossier"
# The oldest extension version whose API this client speaks.
MIN_EXTENSION_VERSION = "1.0.0.0"


class _WireApp(msgspec.Struct):
    name: str = ""
    publisher: str = ""
    version: str = ""
    state: str = ""


class _WireApps(msgspec.Struct):
    value: list[_WireApp]


def installed_version(body: bytes, app_name: str = DOSSIER_APP_NAME) -> str | None:
    """The version of ``app_name`` in an admin center apps list; None when it is not installed."""
    try:
        wire = msgspec.json.decode(body, type=_WireApps)
    except msgspec.DecodeError as exc:
        raise MalformedResponseError(f"unexpected apps list: {exc}") from exc
    for app in wire.value:
        if app.name.casefold() == app_name.casefold() and app.state.casefold() in {"installed", ""}:
            return app.version
    return None


def version_tuple(version: str) -> tuple[int, ...]:
    """``"1.2.0.10"`` -> ``(1, 2, 0, 10)``; non-numeric parts count as 0 (compare only)."""
    return tuple(int(part) if part.isdigit() else 0 for part in version.strip().split("."))


async def extension_version(
    admin_url: str,
    environment: str,
    tokens: TokenProvider,
    *,
    verify: bool | Path = True,
    timeout_s: float = 30.0,
) -> str | None:
    """The installed Dynamics Dossier version in ``environment`` (BC admin center API), or None.

    Only administrators may read it: others get
    :class:`~dossier_desk.api.errors.PermissionDeniedError` (callers then skip the version check).
    """
    segment = quote(environment, safe="")
    url = f"{admin_url.rstrip('/')}/applications/BusinessCentral/environments/{segment}/apps"
    endpoint = ApiProfile(admin_url.rstrip("/"), verify=verify, companies_url=url)
    transport = Transport(
        tokens,
        verify=endpoint.ssl_verify(),
        timeout=timeout_s,
        policy=RetryPolicy(max_retries=1),
        trust_env=not endpoint.is_loopback,
    )
    try:
        return await transport.fetch("GET", url, lambda r: installed_version(r.content))
    finally:
        await transport.aclose()
