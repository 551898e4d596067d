"""Where the token cache lives and how it is protected: OS encryption, keyring-encrypted file, 0600 file."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import msal
import pytest

from dossier_desk.auth import AuthSession, DemoBrowser
from dossier_desk.auth.cache import KEYRING_SERVICE, open_token_cache
from tests.integration.auth_support import MemoryKeyring, auth_config
from tests.integration.oidc_server import OidcServer, serve_oidc

no_keyring_linux = pytest.mark.skipif(
    not sys.platform.startswith("linux") or importlib.util.find_spec("gi") is not None,
    reason="the plain-file fallback is what Linux without PyGObject/libsecret uses",
)


@pytest.fixture(scope="module")
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcServer]:
    with serve_oidc(tmp_path_factory.mktemp("idp")) as server:
        yield server


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _sign_in(idp: OidcServer, cache_dir: Path, username: str = "caseworker@demo") -> tuple[str, bool]:
    """Sign in and return (access token, cache_encrypted)."""

    async def scenario() -> tuple[str, bool]:
        session = AuthSession(auth_config(idp, cache_dir))
        try:
            await session.sign_in_interactive(
                browser=DemoBrowser(username, ca_cert_path=idp.ca_cert_path), login_hint=username, timeout=30
            )
            return await session.get_token(), session.cache_encrypted
        finally:
            await session.aclose()

    return asyncio.run(scenario())


def _silent_token(idp: OidcServer, cache_dir: Path) -> str:
    async def scenario() -> str:
        session = AuthSession(auth_config(idp, cache_dir))
        try:
            return await session.get_token()
        finally:
            await session.aclose()

    return asyncio.run(scenario())


def _refresh_secrets(path: Path) -> list[str]:
    cache = open_token_cache(path).cache
    return [e["secret"] for e in cache.search(msal.TokenCache.CredentialType.REFRESH_TOKEN)]


@no_keyring_linux
def test_without_any_keyring_the_cache_is_a_private_plain_file(idp: OidcServer, tmp_path: Path) -> None:
    # conftest pins keyring to its "fail" backend, and PyGObject is absent: no encryption available.
    token, encrypted = _sign_in(idp, tmp_path)
    assert encrypted is False
    path = auth_config(idp, tmp_path).cache_path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    [refresh] = _refresh_secrets(path)
    assert refresh in path.read_text()  # plain text: protected by the file mode only
    assert _silent_token(idp, tmp_path) == token


@no_keyring_linux
def test_a_loose_existing_cache_file_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "msal" / "cache.bin"
    path.parent.mkdir()
    path.write_text("{}")
    path.chmod(0o644)
    assert open_token_cache(path).encrypted is False
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_with_a_keyring_the_cache_file_is_encrypted(
    idp: OidcServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    token, encrypted = _sign_in(idp, tmp_path)
    assert encrypted is True
    path = auth_config(idp, tmp_path).cache_path
    [refresh] = _refresh_secrets(path)
    raw = path.read_bytes()
    assert refresh.encode() not in raw
    assert b"caseworker@demo" not in raw
    assert [service for service, _ in memory_keyring.items] == [KEYRING_SERVICE]
    assert _silent_token(idp, tmp_path) == token  # a restart decrypts it with the same key
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_lost_keyring_key_means_signing_in_again(
    idp: OidcServer,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
    logging_expected: None,
) -> None:
    _sign_in(idp, tmp_path)
    memory_keyring.items.clear()  # keyring reset: the old file can no longer be decrypted

    async def scenario() -> None:
        session = AuthSession(auth_config(idp, tmp_path))
        try:
            assert session.cache_encrypted is True
            assert await session.accounts() == []
        finally:
            await session.aclose()

    asyncio.run(scenario())
    assert any("could not be decrypted" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")


def test_libsecret_persistence(tmp_path: Path) -> None:
    if importlib.util.find_spec("gi") is None:
        pytest.skip("libsecret path needs PyGObject (gi) and a Secret Service; not available here")
    from msal_extensions import build_encrypted_persistence

    try:
        persistence = build_encrypted_persistence(str(tmp_path / "cache.bin"))
    except (ImportError, ValueError, RuntimeError) as exc:
        pytest.skip(f"libsecret is installed but not usable here: {type(exc).__name__}")
    opened = open_token_cache(tmp_path / "cache2.bin")
    assert persistence.is_encrypted
    assert opened.encrypted is True
    assert opened.protection == "LibsecretPersistence"
