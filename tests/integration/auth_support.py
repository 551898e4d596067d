"""Helpers shared by the auth tests: browsers that misbehave on purpose, configs, an in-memory keyring."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import httpx
import keyring.backend

from dossier_desk.auth import AuthConfig, DemoBrowser, DeviceCodeInfo
from dossier_desk.auth.html_forms import HtmlForm
from tests.integration.oidc_server import OidcServer

CLIENT_ID = "dossier-desk"


def auth_config(idp: OidcServer, directory: Path, **overrides: object) -> AuthConfig:
    values: dict = {
        "client_id": CLIENT_ID,
        "authority": idp.authority,
        "cache_path": directory / "msal" / "token-cache.bin",
        "oidc": True,
        "ca_cert_path": idp.ca_cert_path,
    }
    values.update(overrides)
    return AuthConfig(**values)


class NullBrowser:
    """A browser the user never finishes: records the URL and does nothing."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.opened = threading.Event()

    def open(self, url: str) -> None:
        self.urls.append(url)
        self.opened.set()


class ShownCodes:
    """An ``on_code`` callback that remembers what would have been shown to the user."""

    def __init__(self) -> None:
        self.infos: list[DeviceCodeInfo] = []
        self._shown = asyncio.Event()

    def __call__(self, info: DeviceCodeInfo) -> None:
        self.infos.append(info)
        self._shown.set()

    async def first(self) -> DeviceCodeInfo:
        await asyncio.wait_for(self._shown.wait(), 10)
        return self.infos[0]


class RecordingDemoBrowser(DemoBrowser):
    """A demo browser that also remembers the authorization codes it carried (for the log scan)."""

    def __init__(self, username: str | None, *, ca_cert_path: Path | None) -> None:
        super().__init__(username, ca_cert_path=ca_cert_path)
        self.codes: list[str] = []

    def _post_response(self, client: httpx.Client, form: HtmlForm) -> None:
        if "code" in form.fields:
            self.codes.append(form.fields["code"])
        super()._post_response(client, form)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A working keyring that lives in a dict (tests only)."""

    # Never chosen by keyring's auto-discovery (which sees every subclass); tests install it explicitly.
    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)
