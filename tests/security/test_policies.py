"""Security rules checked directly: private file modes, https-only API roots, TLS verification never off,
wipe of a profile's local data, tokens kept out of exceptions and their messages."""

from __future__ import annotations

import asyncio
import os
import re
import ssl
import stat
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

import dossier_desk
from dossier_desk.api import ApiProfile, DossierApi, NetworkError
from dossier_desk.api.tokens import StaticTokenProvider
from dossier_desk.auth.cache import open_token_cache
from dossier_desk.config import Profile, ProfileStore, config_dir
from dossier_desk.store import NullListener, profile_paths, wipe_profile_data
from dossier_desk.store.session import open_session
from dossier_sandbox import SandboxServer
from tests.fault.support import assert_readable
from tests.fault_summary import record

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_cache_outbox_copies_profiles_and_token_cache_are_private(tmp_path: Path) -> None:
    paths = profile_paths("Modes", "company-1").ensure()
    session = open_session(paths, None, NullListener()).wait()
    try:
        cache, outbox = session.cache, session.outbox
        cache.set_state({"probe": "1"}).wait()  # a write, so the WAL exists
        source = tmp_path / "brief.pdf"
        source.write_bytes(b"%PDF")
        item = outbox.enqueue_upload("some-dossier", source, description="Brief")
        copy = outbox.file_path(item)
        files = {p.name: _mode(p) for p in paths.root.iterdir() if p.is_file()}
        assert {"cache.db", "cache.db-wal", "cache.db-shm"} <= set(files)
        assert set(files.values()) == {0o600}, files
        assert _mode(copy) == 0o600
        for directory in (paths.root, paths.backups, paths.outbox_files, copy.parent):
            assert _mode(directory) == 0o700, directory
    finally:
        session.close()
    ProfileStore().save([Profile(name="Work", api_root="https://bc.example/api", authority="https://login")])
    assert _mode(config_dir() / "profiles.json") == 0o600
    assert _mode(config_dir()) == 0o700
    opened = open_token_cache(tmp_path / "msal" / "token_cache.bin")  # no keyring in tests
    assert opened.encrypted is False  # the UI is told: protected by file permissions only
    opened.cache.add({"client_id": "c", "scope": ["s"], "token_endpoint": "https://login/t", "response": {}})
    token_file = tmp_path / "msal" / "token_cache.bin"
    assert _mode(token_file) == 0o600
    assert _mode(token_file.parent) == 0o700
    record("security_checks", 3)


def test_wipe_removes_database_wal_shm_backups_and_upload_copies(tmp_path: Path) -> None:
    paths = profile_paths("Wipe", "company-2").ensure()
    session = open_session(paths, None, NullListener()).wait()
    outbox = session.outbox
    session.cache.set_state({"probe": "1"}).wait()
    source = tmp_path / "note.txt"
    source.write_text("private")
    outbox.enqueue_upload("d", source, description="note")
    (paths.backups / "cache-v1.db").write_bytes(b"old copy")
    wal = Path(str(paths.database) + "-wal")
    assert wal.exists()
    session.close()
    removed = wipe_profile_data(paths)
    assert removed >= 3
    assert not paths.root.exists()
    record("security_checks")


REJECTED_ROOTS = [
    "http://bc.example.com/api",
    "HTTP://BC.EXAMPLE.COM/api",
    "http://127.0.0.1.nip.io/api",
    "http://localhost.evil.example/api",
    "http://0.0.0.0:8080/api",
    "http://2130706433/api",
    "http://[::ffff:10.0.0.1]/api",
    "http://10.0.0.5/api",
    "ftp://127.0.0.1/api",
    "file:///etc/passwd",
    "https://user:secret@bc.example.com/api",
    "https://bc.example.com/api?x=1",
    "//bc.example.com/api",
    "bc.example.com/api",
    "",
]
ACCEPTED_ROOTS = [
    "https://api.businesscentral.dynamics.com/v2.0/t/Production/api/qteam/dossier/v1.0",
    "http://127.0.0.1:8080/api",
    "http://127.1.2.3/api",
    "http://localhost/api",
    "http://[::1]:9000/api",
]


@pytest.mark.parametrize("root", REJECTED_ROOTS)
def test_plain_http_and_odd_api_roots_are_rejected(root: str) -> None:
    with pytest.raises(ValueError, match=r"(?i)https|address|credentials|query"):
        ApiProfile(root, "c")
    record("security_checks")


@pytest.mark.parametrize("root", ACCEPTED_ROOTS)
def test_https_and_loopback_roots_are_accepted_with_verification_on(root: str) -> None:
    profile = ApiProfile(root, "c")
    assert profile.ssl_verify() is True  # never off by default
    record("security_checks")


def test_certificate_checks_can_only_be_switched_off_for_this_computer() -> None:
    with pytest.raises(ValueError, match="this computer"):
        ApiProfile("https://bc.example.com/api", "c", verify=False)
    assert ApiProfile("https://127.0.0.1/api", "c", verify=False).ssl_verify() is False
    record("security_checks")


_INSECURE = re.compile(
    r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False|_create_unverified_context|"
    r"disable_warnings|InsecureRequestWarning|PYTHONHTTPSVERIFY|\.verify\s*=\s*False"
)


def test_no_code_switches_tls_verification_off() -> None:
    """Grep the shipped package (tests excluded): the only way to relax TLS is pinning a CA file."""
    package = Path(dossier_desk.__file__).parent
    sources = sorted(package.rglob("*.py"))
    assert len(sources) > 50
    hits = [
        f"{path.relative_to(package)}:{n}: {line.strip()}"
        for path in sources
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _INSECURE.search(line)
    ]
    assert hits == []
    record("security_checks")


def test_an_untrusted_certificate_is_refused_not_retried(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    """The sandbox's OIDC port speaks TLS with a self-signed certificate: without pinning it, the API
    client must fail with a certificate error (no fallback to an unverified connection)."""
    server = sandbox_factory(dossiers=1)
    root = server.authority.rsplit("/", 1)[0] + "/v2.0/t/e/api/qteam/dossier/v1.0"

    async def run() -> None:
        tokens = StaticTokenProvider("t")
        async with DossierApi(ApiProfile(root, "c"), tokens, max_retries=3) as api:
            with pytest.raises(NetworkError) as caught:
                await api.list_dossier_types()
            assert getattr(caught.value, "certificate_error", False) is True
            assert "certificate" in caught.value.message
            assert_readable(caught.value.user_message())

    asyncio.run(run())
    pinned = ssl.create_default_context(cafile=str(server.ca_cert_path))
    with httpx.Client(verify=pinned, trust_env=False) as client:  # pinned, the same endpoint is trusted
        assert client.get(server.authority + "/.well-known/openid-configuration").status_code == 200
    record("security_checks")
