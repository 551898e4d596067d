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
from typing import Any

import platformdirs

from dossier_desk.api.profile import bc_cloud_api_root, companies_url_for
from dossier_desk.site_config import (
    APP_AUTHOR,
    APP_NAME,
    Provisioning,
    read_provisioning,
    site_config_dir,
)

HOME_ENV = "DOSSIER_DESK_HOME"  # relocates config and data (tests, portable installs)
BC_SCOPE = "https://api.businesscentral.dynamics.com/user_impersonation"
# Public client id registered for Dossier Desk (multi-tenant app registration). IT overrides it per
# computer (site.ini ``ClientId`` / MSI property CLIENTID / managed preferences) or per profile.
DEFAULT_CLIENT_ID = "5f0e3d4a-8e2c-4c1b-9a55-6a8b1d2c3e4f"
# First sign-in without a tenant: any work or school account (Entra ID); the tenant follows from it.
DEFAULT_AUTHORITY = "https://login.microsoftonline.com/organizations"
ENTRA_HOST = "https://login.microsoftonline.com"
# BC admin: the environments of the signed-in user's tenant (needs a BC token).
BC_ENVIRONMENTS_URL = "https://api.businesscentral.dynamics.com/environments/v1.2"
# BC admin center API (installed apps: the extension's version; administrators only).
BC_ADMIN_URL = "https://api.businesscentral.dynamics.com/admin/v2.24"
LAST_PROFILE_FILE = "last_profile.json"
SIGNED_IN_FILE = "signed_in.json"  # the account each profile opens at the next start (no tokens)


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
    # Upload rules when the server offers none ({"allowedExtensions": [".pdf"], "maxFileSize": N,
    # "maxFilesPerRequest": N}); absent: the FlowOn defaults.
    upload_rules: dict[str, Any] | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # Ask for consent at interactive sign-in: providers other than Entra ID often grant a refresh token
    # (offline_access) only then; without one, every start would need the browser again.
    prompt_consent: bool = False
    environment: str = ""  # the BC environment's name (shown; the API root says where it is)
    company_name: str = ""  # chosen by name when ``company_id`` is empty (site profiles know no ids)
    site: bool = False  # provisioned by IT (site file): not written to the user's file

    def with_company(self, company_id: str, name: str = "") -> Profile:
        return replace(self, company_id=company_id, company_name=name or self.company_name)

    @property
    def label(self) -> str:
        """What the user sees: the name, and the company when the name does not say it already."""
        if self.company_name and self.company_name not in self.name:
            return f"{self.name} — {self.company_name}"
        return self.name


@dataclass(frozen=True)
class SignInSettings:
    """How the start window signs in before any profile exists, and where it finds environments.

    The default is Entra ID for any organisation with Dossier Desk's client id; IT narrows it to their
    tenant (and their own app registration) with the site settings; tests point it at the sandbox.
    """

    authority: str = DEFAULT_AUTHORITY
    client_id: str = DEFAULT_CLIENT_ID
    environments_url: str = BC_ENVIRONMENTS_URL
    admin_url: str = BC_ADMIN_URL
    scopes: tuple[str, ...] = (BC_SCOPE,)
    oidc_authority: bool = False
    ca_cert_path: str = ""

    def profile_authority(self, tenant_id: str) -> str:
        """The authority a profile for ``tenant_id`` signs in with (Entra: the tenant's own)."""
        if tenant_id and self.authority.rstrip("/").startswith(ENTRA_HOST):
            return f"{ENTRA_HOST}/{tenant_id}"
        return self.authority


def sign_in_settings(provisioning: Provisioning | None = None) -> SignInSettings:
    """The built-in defaults, overridden by what IT provisioned."""
    found = provisioning if provisioning is not None else read_provisioning()
    authority = found.authority or (f"{ENTRA_HOST}/{found.tenant}" if found.tenant else DEFAULT_AUTHORITY)
    return SignInSettings(authority=authority, client_id=found.client_id or DEFAULT_CLIENT_ID)


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


@dataclass(frozen=True)
class RememberedAccount:
    """The account that signed in on a profile and did not sign out: what opening its workspace from
    the cache needs before the sign-in service has answered (MSAL's ``home_account_id``, the sign-in
    name, the authority host, the display name). No token, nothing about dossiers."""

    home_account_id: str
    username: str = ""
    environment: str = ""
    name: str = ""


class ProfileError(ValueError):
    """A profile is missing or its file is damaged; the message is written for the user."""


_FIELDS = {f for f in Profile.__dataclass_fields__ if f != "site"}


def _profiles_from_file(path: Path, *, site: bool) -> list[Profile]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise ProfileError(f"The profiles file {path} is damaged: {exc}") from exc
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise ProfileError(f"The profiles file {path} is damaged: a list of profiles was expected.")
    profiles = []
    for item in raw:
        values = {k: v for k, v in item.items() if k in _FIELDS}  # unknown keys: newer versions
        if "name" not in values or "api_root" not in values:
            raise ProfileError(f"The profiles file {path} has a profile without a name or API address.")
        values.setdefault("authority", DEFAULT_AUTHORITY)
        values["scopes"] = tuple(values.get("scopes", (BC_SCOPE,)))
        profiles.append(Profile(**values, site=site))
    return profiles


def provisioned_profile(found: Provisioning) -> Profile | None:
    """The profile IT described with tenant + environment (+ company), or None."""
    if not (found.tenant and found.environment):
        return None
    profile = bc_cloud_profile(
        found.company or found.environment,
        tenant=found.tenant,
        environment=found.environment,
        client_id=found.client_id or DEFAULT_CLIENT_ID,
    )
    authority = found.authority or profile.authority
    return replace(profile, authority=authority, company_name=found.company, site=True)


def merge_profiles(site: list[Profile], user: list[Profile]) -> list[Profile]:
    """Site profiles first, then the user's. Same name: the site's settings win, but the user's copy
    keeps what the site leaves open (the company chosen for a site profile without one, the
    "My dossiers" code), so IT can move everyone to another environment by changing the site file."""
    by_name = {p.name: p for p in user}
    merged = []
    for profile in site:
        mine = by_name.pop(profile.name, None)
        if mine is not None:
            same_company = not profile.company_name or profile.company_name == mine.company_name
            profile = replace(
                profile,
                company_id=profile.company_id or (mine.company_id if same_company else ""),
                company_name=profile.company_name or mine.company_name,
                case_manager_code=profile.case_manager_code or mine.case_manager_code,
            )
        merged.append(profile)
    return merged + [p for p in user if p.name in by_name]


class ProfileStore:
    """The profiles: the site's (read-only, from IT) merged with the user's ``profiles.json``.

    The user file is private (0600) and written atomically. ``site_directory`` and ``managed_plist``
    relocate the machine-wide settings (tests); see :mod:`dossier_desk.site_config`.
    """

    def __init__(
        self,
        directory: Path | None = None,
        *,
        site_directory: Path | None = None,
        managed_plist: Path | None = None,
    ) -> None:
        self._dir = directory or config_dir()
        self._path = self._dir / "profiles.json"
        self._site_dir = site_directory if site_directory is not None else site_config_dir()
        self._plist = managed_plist

    def provisioning(self) -> Provisioning:
        return read_provisioning(self._site_dir, self._plist)

    def sign_in_settings(self) -> SignInSettings:
        return sign_in_settings(self.provisioning())

    def site_profiles(self) -> list[Profile]:
        profiles = _profiles_from_file(self._site_dir / "profiles.json", site=True)
        provisioned = provisioned_profile(self.provisioning())
        if provisioned is not None and all(p.name != provisioned.name for p in profiles):
            profiles.insert(0, provisioned)
        return profiles

    def user_profiles(self) -> list[Profile]:
        return _profiles_from_file(self._path, site=False)

    def load(self) -> list[Profile]:
        """Every profile this user can open: the site's, then their own."""
        return merge_profiles(self.site_profiles(), self.user_profiles())

    def save(self, profiles: list[Profile]) -> None:
        """Write the user's file: ``profiles`` minus demo profiles (site ones are kept as the user's
        copy, which only matters for the fields the site leaves open)."""
        tmp = self._path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            rows = [{k: v for k, v in asdict(p).items() if k != "site"} for p in profiles if not p.demo]
            json.dump(rows, fh, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self._path)

    def put(self, profile: Profile) -> None:
        """Add ``profile`` to the user's file, or replace the one with its name."""
        others = [p for p in self.user_profiles() if p.name != profile.name]
        self.save([*others, profile])

    def get(self, name: str) -> Profile:
        profiles = self.load()
        for profile in profiles:
            if profile.name == name:
                return profile
        known = ", ".join(p.name for p in profiles) or "none yet"
        raise ProfileError(f"There is no profile named “{name}” (known profiles: {known}).")

    def unused_name(self, base: str) -> str:
        """``base``, or ``base 2``, ``base 3``... whichever no profile has yet."""
        taken = {p.name for p in self.load()}
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base} {n}"
        return name

    # -- the profile a start without arguments opens --------------------------------------------
    def last_used(self) -> str | None:
        """The profile opened last (None when there is none or it no longer exists)."""
        try:
            name = json.loads((self._dir / LAST_PROFILE_FILE).read_text(encoding="utf-8")).get("name")
        except (OSError, ValueError, AttributeError):
            return None
        try:
            return name if isinstance(name, str) and any(p.name == name for p in self.load()) else None
        except ProfileError:
            return None

    def set_last_used(self, name: str | None) -> None:
        path = self._dir / LAST_PROFILE_FILE
        if name is None:
            path.unlink(missing_ok=True)
            return
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"name": name}, fh)

    # -- the account a start opens from its cache, before sign-in -------------------------------
    def remembered_account(self, profile_name: str) -> RememberedAccount | None:
        """The account that signed in last on ``profile_name`` and did not sign out, or None."""
        entry = self._signed_in().get(profile_name)
        if not isinstance(entry, dict) or not isinstance(entry.get("home_account_id"), str):
            return None
        fields = RememberedAccount.__dataclass_fields__
        values = {k: v for k, v in entry.items() if k in fields and isinstance(v, str)}
        return RememberedAccount(**values) if values["home_account_id"] else None

    def remember_account(self, profile_name: str, account: RememberedAccount) -> None:
        """``account`` signed in on ``profile_name``: the next start opens its cache at once."""
        entries = self._signed_in()
        entries[profile_name] = asdict(account)
        self._write_signed_in(entries)

    def forget_account(self, profile_name: str) -> None:
        """Signed out, or the account is gone: the next start signs in first."""
        entries = self._signed_in()
        if entries.pop(profile_name, None) is not None:
            self._write_signed_in(entries)

    def _signed_in(self) -> dict[str, Any]:
        try:
            raw = json.loads((self._dir / SIGNED_IN_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing or damaged: every profile signs in first, as on a first start
        return raw if isinstance(raw, dict) else {}

    def _write_signed_in(self, entries: dict[str, Any]) -> None:
        path = self._dir / SIGNED_IN_FILE
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entries, fh, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
