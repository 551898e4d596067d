"""Machine-wide provisioning by IT (no Qt): sign-in defaults and site profiles.

Where it is read from (the first that exists wins for the provisioning keys; all are optional):

1. macOS managed preferences: ``/Library/Managed Preferences/com.qteam.dossierdesk.plist`` (an MDM
   profile), keys ``Tenant``, ``ClientId``, ``Environment``, ``Company`` (and ``Authority``).
2. ``site.ini`` in the site configuration directory, section ``[DossierDesk]`` with the same keys
   (the Windows MSI writes it from its TENANT, CLIENTID, ENVIRONMENT and COMPANY properties).

Besides, ``profiles.json`` in the same directory may list complete profiles (the user file's format).
The site configuration directory is platformdirs' ``site_config_dir``: ``/etc/xdg/DossierDesk`` on
Linux, ``C:\\ProgramData\\QTeam\\DossierDesk`` on Windows, ``/Library/Application Support/DossierDesk``
on macOS; ``$DOSSIER_DESK_SITE_CONFIG`` relocates it (tests, portable installs).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "DossierDesk"
APP_AUTHOR = "QTeam"
SITE_ENV = "DOSSIER_DESK_SITE_CONFIG"
SITE_INI = "site.ini"
SITE_SECTION = "DossierDesk"
MANAGED_PREFERENCES = Path("/Library/Managed Preferences/com.qteam.dossierdesk.plist")
# The keys an administrator sets (MSI properties TENANT, CLIENTID, ENVIRONMENT, COMPANY).
KEYS = ("Tenant", "ClientId", "Environment", "Company", "Authority")


def site_config_dir() -> Path:
    """The machine-wide configuration directory (never created by the app: IT owns it)."""
    override = os.environ.get(SITE_ENV)
    if override:
        return Path(override)
    return platformdirs.site_config_path(APP_NAME, APP_AUTHOR, multipath=False)


@dataclass(frozen=True)
class Provisioning:
    """What IT set for this computer; empty strings where nothing was set."""

    tenant: str = ""
    client_id: str = ""
    environment: str = ""
    company: str = ""
    authority: str = ""
    source: str = ""  # the file it came from (shown by support tools)

    @property
    def is_empty(self) -> bool:
        return not any((self.tenant, self.client_id, self.environment, self.company, self.authority))


def _from_mapping(values: dict[str, object], source: str) -> Provisioning:
    lowered = {str(k).lower(): str(v).strip() for k, v in values.items() if v is not None}
    return Provisioning(
        tenant=lowered.get("tenant", ""),
        client_id=lowered.get("clientid", ""),
        environment=lowered.get("environment", ""),
        company=lowered.get("company", ""),
        authority=lowered.get("authority", ""),
        source=source,
    )


def read_provisioning(directory: Path | None = None, managed_plist: Path | None = None) -> Provisioning:
    """The provisioning keys (managed preferences first on macOS, then ``site.ini``).

    A damaged file is logged and ignored: a typo by IT must not stop the app from starting.
    """
    plist = (
        managed_plist
        if managed_plist is not None
        else (MANAGED_PREFERENCES if sys.platform == "darwin" else None)
    )
    if plist is not None and plist.is_file():
        import plistlib  # imported only when there is a plist to read (start-up time)

        try:
            with plist.open("rb") as fh:
                data = plistlib.load(fh)
            if isinstance(data, dict):
                found = _from_mapping(data, str(plist))
                if not found.is_empty:
                    return found
        except (OSError, plistlib.InvalidFileException, ValueError) as exc:
            log.error("managed preferences %s unreadable: %s", plist, type(exc).__name__)
    ini = (directory if directory is not None else site_config_dir()) / SITE_INI
    if not ini.is_file():
        return Provisioning()
    import configparser  # imported only when there is a site.ini to read (start-up time)

    parser = configparser.ConfigParser(interpolation=None)
    try:
        # utf-8-sig: WiX's IniFile writes plain text, editors on Windows may add a BOM
        parser.read(ini, encoding="utf-8-sig")
    except (OSError, configparser.Error, UnicodeDecodeError) as exc:
        log.error("site settings %s unreadable: %s", ini, type(exc).__name__)
        return Provisioning()
    if not parser.has_section(SITE_SECTION):
        return Provisioning()
    return _from_mapping(dict(parser.items(SITE_SECTION)), str(ini))
