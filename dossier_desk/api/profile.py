"""Where the API lives: the API root of one Business Central environment and the company in it.

BC custom API pages live at ``{base}/v2.0/{tenant}/{environment}/api/{publisher}/{group}/{version}``;
Microsoft's standard API (company discovery) sits beside them at ``.../api/v2.0/companies``. On-premises
servers and proxies use other roots, so the root is configurable and only derived from the parts when
asked (:func:`bc_cloud_api_root`).

Only ``https`` roots are accepted; plain ``http`` is allowed for loopback hosts (the bundled sandbox).
"""

from __future__ import annotations

import ipaddress
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from dossier_desk.api.pacing import REFERENCE_WINDOWS

BC_CLOUD_BASE = "https://api.businesscentral.dynamics.com"
DOSSIER_PUBLISHER = "qteam"
DOSSIER_GROUP = "dossier"
DOSSIER_VERSION = "v1.0"


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ``::1``."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _segment(value: str, what: str) -> str:
    if not value or value in {".", ".."} or "/" in value:
        raise ValueError(f"invalid {what}: {value!r}")
    return quote(value, safe="")


def bc_cloud_api_root(
    tenant: str,
    environment: str,
    *,
    publisher: str = DOSSIER_PUBLISHER,
    group: str = DOSSIER_GROUP,
    version: str = DOSSIER_VERSION,
    base: str = BC_CLOUD_BASE,
) -> str:
    """The API root of a custom API in BC online (``{base}/v2.0/{tenant}/{environment}/api/...``)."""
    parts = [
        _segment(tenant, "tenant"),
        _segment(environment, "environment"),
        "api",
        _segment(publisher, "publisher"),
        _segment(group, "group"),
        _segment(version, "version"),
    ]
    return f"{base.rstrip('/')}/v2.0/" + "/".join(parts)


def companies_url_for(api_root: str) -> str:
    """The standard API's company list next to ``api_root``.

    ``.../api/{publisher}/{group}/{version}`` becomes ``.../api/v2.0/companies``. A root without an
    ``/api/`` segment (custom proxies) gets ``{api_root}/companies``.
    """
    split = urlsplit(api_root)
    segments = split.path.rstrip("/").split("/")
    if "api" in segments:
        idx = len(segments) - 1 - segments[::-1].index("api")
        path = "/".join([*segments[: idx + 1], "v2.0", "companies"])
    else:
        path = split.path.rstrip("/") + "/companies"
    return urlunsplit((split.scheme, split.netloc, path, "", ""))


@dataclass(frozen=True, slots=True)
class ApiProfile:
    """One API endpoint: ``api_root`` (no trailing slash), ``company_id`` and TLS verification.

    ``verify`` is ``True`` (system/certifi trust), ``False`` (only allowed for loopback hosts) or the
    path of a CA bundle (e.g. the sandbox's self-signed certificate). ``companies_url`` defaults to
    the standard API's discovery URL next to the root. ``rate_windows`` are the client-side limits
    until the server reports its own (default: the vendor reference's 20/s, 100/min, 10,000/day; none
    for a loopback server such as the bundled sandbox, see :attr:`pacing_windows`).
    Raises ``ValueError`` for an unusable root.
    """

    api_root: str
    company_id: str = ""
    verify: bool | Path = True
    companies_url: str = field(default="")
    # (requests, seconds) windows paced to until the server sends X-RateLimit-* headers;
    # None: the reference's, except for a loopback server (the bundled sandbox), which gets none.
    rate_windows: tuple[tuple[int, float], ...] | None = None

    def __post_init__(self) -> None:
        root = self.api_root.strip().rstrip("/")
        split = urlsplit(root)
        if split.scheme not in {"https", "http"} or not split.hostname:
            raise ValueError(f"The API address must be an https URL, got {self.api_root!r}.")
        if split.query or split.fragment:
            raise ValueError("The API address must not contain a query or fragment.")
        if split.username or split.password:
            raise ValueError("The API address must not contain credentials.")
        loopback = is_loopback_host(split.hostname)
        if split.scheme == "http" and not loopback:
            raise ValueError(
                "Only https API addresses are accepted (http is allowed for this computer only)."
            )
        if self.verify is False and not loopback:
            raise ValueError("Certificate checks can only be switched off for this computer.")
        if isinstance(self.verify, str):
            object.__setattr__(self, "verify", Path(self.verify))
        object.__setattr__(self, "api_root", root)
        discovery = self.companies_url or companies_url_for(root)
        dsplit = urlsplit(discovery)
        if dsplit.scheme != split.scheme or dsplit.netloc != split.netloc:
            raise ValueError("The companies URL must be on the same server as the API address.")
        object.__setattr__(self, "companies_url", discovery)

    @classmethod
    def bc_cloud(
        cls,
        tenant: str,
        environment: str,
        company_id: str = "",
        *,
        publisher: str = DOSSIER_PUBLISHER,
        group: str = DOSSIER_GROUP,
        version: str = DOSSIER_VERSION,
        base: str = BC_CLOUD_BASE,
        verify: bool | Path = True,
    ) -> ApiProfile:
        """A profile for BC online from its tenant, environment and the API's publisher/group/version."""
        root = bc_cloud_api_root(
            tenant, environment, publisher=publisher, group=group, version=version, base=base
        )
        return cls(root, company_id, verify)

    @property
    def origin(self) -> tuple[str, str]:
        """(scheme, netloc) of the API root; URLs the server hands out must stay on it."""
        split = urlsplit(self.api_root)
        return split.scheme, split.netloc.lower()

    @property
    def pacing_windows(self) -> tuple[tuple[int, float], ...]:
        """The client-side rate windows in force until the server reports its own."""
        if self.rate_windows is not None:
            return self.rate_windows
        return () if self.is_loopback else REFERENCE_WINDOWS

    @property
    def is_loopback(self) -> bool:
        """True when the API runs on this computer (the sandbox): no proxies apply."""
        return is_loopback_host(urlsplit(self.api_root).hostname or "")

    def with_company(self, company_id: str) -> ApiProfile:
        """The same endpoint scoped to another company."""
        return ApiProfile(self.api_root, company_id, self.verify, self.companies_url, self.rate_windows)

    def ssl_verify(self) -> bool | ssl.SSLContext:
        """The value for httpx's ``verify``: a bool, or an SSL context trusting the CA file."""
        if isinstance(self.verify, Path):
            return ssl.create_default_context(cafile=str(self.verify))
        return self.verify
