"""Connection profiles and the app's private directories (no Qt).

A *profile* is one Business Central environment the caseworker works in: its API root, company,
sign-in authority and client id. Profiles live in ``profiles.json`` in the user's config directory
(mode 0600); nothing secret is stored there — tokens belong to the OS-protected token cache.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import platformdirs

from dossier_desk.api.profile import bc_cloud_api_root, companies_url_for

APP_NAME = "DossierDesk"
APP_AUTHOR = "QTeam"
HOME_ENV = "DOSSIER_DESK_HOME"  # relocates config and data (tests, portable installs)
BC_SCOPE = "https://api.businesscentral.dynamics.com/user_impersonation"
# Public client id registered for Dossier Desk (multi-tenant); IT can override per profile.
DEFAULT_CLIENT_ID = "5f0e3d4a-8e2c-4c1b-9a55-6a8b1d2c3e4f"


def config_dir() -> Path:
    """Per-user config directory (created 0700); ``$DOSSIER_DESK_HOME/config`` when that is set."""
    home = os.environ.get(HOME_ENV)
    path = Path(home) / "config" if home else platformdirs.user_config_path(APP_NAME, APP_AUTHOR)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def data_root() -> Path:
    """Per-user data directory (caches, outbox, token caches); ``$DOSSIER_DESK_HOME/data`` when set.

    Same vendor folder as :func:`config_dir` (on Windows ``%LOCALAPPDATA%\\QTeam\\DossierDesk``, which the
    MSI's REMOVEUSERDATA removes)."""
    home = os.environ.get(HOME_ENV)
    return Path(home) / "data" if home else platformdirs.user_data_path(APP_NAME, APP_AUTHOR)


@dataclass(frozen=True)
class Profile:
    """One BC environment + company to work in."""

    name: str
    api_root: str
    authority: str
    client_id: str = DEFAULT_CLIENT_ID
    company_id: str = ""
    companies_url: str = ""
    scopes: tuple[str, ...] = (BC_SCOPE,)
    oidc_authority: bool = False  # True for a generic OIDC provider (the demo sandbox)
    ca_cert_path: str = ""  # demo only: the sandbox's self-signed certificate, pinned
    demo: bool = False
    case_manager_code: str = ""  # the user's Salesperson/Purchaser code: the "My dossiers" filter
    # Poortwachter file check rules: "" for the built-in ones, else a JSON file's path or inline JSON
    # (same shape as dossier_desk/domain/filecheck_rules.json; entries replace the built-in ones by key).
    file_check_rules: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def with_company(self, company_id: str) -> Profile:
        return replace(self, company_id=company_id)


def bc_cloud_profile(
    name: str,
    *,
    tenant: str,
    environment: str = "Production",
    client_id: str = DEFAULT_CLIENT_ID,
    publisher: str = "qteam",
    group: str = "dossier",
    version: str = "v1.0",
) -> Profile:
    """A profile for BC online: ``/v2.0/{tenant}/{environment}/api/{publisher}/{group}/{version}``."""
    api_root = bc_cloud_api_root(tenant, environment, publisher=publisher, group=group, version=version)
    return Profile(
        name=name,
        api_root=api_root,
        companies_url=companies_url_for(api_root),
        authority=f"https://login.microsoftonline.com/{tenant}",
        client_id=client_id,
    )


class ProfileError(ValueError):
    """A profile is missing or its file is damaged; the message is written for the user."""


class ProfileStore:
    """Reads and writes ``profiles.json``; the file is private (0600) and written atomically."""

    def __init__(self, directory: Path | None = None) -> None:
        self._path = (directory or config_dir()) / "profiles.json"

    def load(self) -> list[Profile]:
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise ProfileError(f"The profiles file {self._path} is damaged: {exc}") from exc
        return [Profile(**{**item, "scopes": tuple(item.get("scopes", (BC_SCOPE,)))}) for item in raw]

    def save(self, profiles: list[Profile]) -> None:
        tmp = self._path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump([asdict(p) for p in profiles if not p.demo], fh, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self._path)

    def get(self, name: str) -> Profile:
        for profile in self.load():
            if profile.name == name:
                return profile
        known = ", ".join(p.name for p in self.load()) or "none yet"
        raise ProfileError(f"There is no profile named “{name}” (known profiles: {known}).")
