"""A whole signed-in session with the app's own logging at DEBUG, then a search for every credential the
identity provider issued: none may appear in the log file, the console, the settings, a crash report, a
message shown to the user, or anywhere in the profile's data directory. Sign-out then leaves no cache,
WAL, SHM, backup, queued-upload copy or opened document behind, and no token in the token cache.

The session is the real composition: MSAL sign-in (``AuthSession`` with the demo browser) against the
sandbox's OIDC provider, ``DossierApi`` with the session as its token provider (short-lived tokens, so
they are refreshed and rotated), ``open_workspace`` (window, store, engine), a full sync, an edit, an
upload, an opened document, a failing sync, an uncaught exception through the crash handler.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier_desk.api import DossierApi
from dossier_desk.auth import AuthSession, DemoBrowser
from dossier_desk.capabilities import capabilities_from_token
from dossier_desk.config import Profile, ProfileStore, config_dir
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.logging_setup import configure_logging
from dossier_desk.session_config import api_profile_for, auth_config_for
from dossier_desk.store import profile_paths, profile_root
from dossier_desk.ui.documents.tab import DocumentsTab
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.sign_out import sign_out_and_wipe
from dossier_sandbox import FaultConfig, SandboxServer
from tests.fault.qt_loop import open_test_workspace, run_on_loop
from tests.fault_summary import record

pytestmark = [pytest.mark.usefixtures("logging_expected"), pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def app_logging() -> Iterator[Path]:
    """The app's own logging (``configure_logging``, verbose) for the test; the previous setup after."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    noisy = ("msal", "urllib3", "httpx", "httpcore", "uvicorn.access", "dossier_desk")
    saved_levels = {name: logging.getLogger(name).level for name in noisy}
    log_file = config_dir() / "dossier-desk.log"
    configure_logging(log_file, verbose=True)
    yield log_file
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in saved_handlers:
        root.addHandler(handler)
    root.setLevel(saved_level)
    for name, level in saved_levels.items():
        logging.getLogger(name).setLevel(level)


class RawRecords(logging.Handler):
    """Every record of our own loggers *before* any redaction filter (our code must not rely on it)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.lines.append(text)


def _recording(secrets: set[str], fn: Callable[..., str]) -> Callable[..., str]:
    def wrapper(*args: Any, **kwargs: Any) -> str:
        value = fn(*args, **kwargs)
        secrets.add(value)
        return value

    return wrapper


def _found(secrets: set[str], blob: bytes) -> list[str]:
    """Secrets present in ``blob`` whole, or as a distinctive 24-character fragment."""
    hits = []
    for secret in secrets:
        probes = {secret, secret[:24], secret[-24:]}
        if any(p.encode() in blob for p in probes if len(p) >= 16):
            hits.append(secret[:12] + "...")
    return hits


def test_no_credential_anywhere_after_a_full_session_and_sign_out_wipes(
    qtbot,
    loop,
    sandbox_factory: Callable[..., SandboxServer],
    app_logging: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    server = sandbox_factory(dossiers=40, token_lifetime_s=120)  # < 5 min: every call refreshes
    secrets: set[str] = set()
    monkeypatch.setattr(
        server.tokens, "issue_access_token", _recording(secrets, server.tokens.issue_access_token)
    )
    monkeypatch.setattr(
        server.tokens, "issue_refresh_token", _recording(secrets, server.tokens.issue_refresh_token)
    )
    raw = RawRecords()
    logging.getLogger("dossier_desk").addHandler(raw)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the crash-handler check
    profile = Profile(
        name="Security",
        api_root=server.api_root,
        authority=server.authority,
        client_id="dossier-desk",
        company_id=server.company_id,
        oidc_authority=True,
        ca_cert_path=str(server.ca_cert_path),
        demo=True,
    )
    ProfileStore().save([profile])
    messages = MessageBridge()
    messages.interactive = False
    shown: list[str] = []
    messages.errorShown.connect(lambda title, text: shown.append(f"{title}: {text}"))
    upload = tmp_path / "verslag.pdf"
    upload.write_bytes(b"%PDF-1.4 not really")
    auth = AuthSession(auth_config_for(profile))
    paths = profile_paths(profile.name, profile.company_id)
    token_cache = auth.config.cache_path
    state: dict[str, Any] = {}

    async def session() -> None:
        browser = DemoBrowser("caseworker@demo", ca_cert_path=server.ca_cert_path)
        await auth.sign_in_interactive(browser=browser, timeout=30)
        token = await auth.get_token()
        api = DossierApi(api_profile_for(profile), auth)
        account = auth.current_account
        ws = await open_test_workspace(
            profile, api, account.username, capabilities_from_token(token), messages
        )
        state["ws"] = ws
        ws.window.show()
        assert await ws.engine.sync_now() is None
        target = next(d for d in ws.store.load_dossiers() if d.status in ("New", "Open", "In Process"))
        ws.store.save_dossier_changes(target.id, {DossierField.OUR_REFERENCE: "sec-check"}).wait()
        ws.store.queue_upload(target.id, upload, description="Verslag").wait()
        await auth.get_token(force_refresh=True)  # rotate the refresh token once more
        assert await ws.engine.sync_now() is None
        documents = await ws.store.refresh_documents(target.id)
        tab = ws.window.findChild(DocumentsTab)
        tab._open_url = lambda url: None  # no external viewer in a test
        state["opened"] = await tab.open_document(documents[0])
        state["db_files"] = sorted(p.name for p in paths.root.iterdir())
        server.faults = FaultConfig(error_rate=1.0, error_statuses=(503,))
        state["sync_error"] = await ws.engine.sync_now()
        server.faults = FaultConfig()
        messages.show_error(state["sync_error"], context="sync")
        messages.install_excepthook()
        try:
            raise RuntimeError("unexpected state in the detail pane")  # a bug, reported as a crash
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        state["data_blobs"] = {p: p.read_bytes() for p in paths.root.rglob("*") if p.is_file()}
        state["encrypted"] = auth.cache_encrypted
        state["cache_before_sign_out"] = token_cache.read_bytes()
        for handler in logging.getLogger().handlers:
            handler.flush()
        state["log_before_sign_out"] = app_logging.read_bytes()  # noqa: ASYNC240 - a test
        # Sign-out as run_app does it after the user confirmed: workspace closed, tokens removed, data wiped.
        await ws.aclose()
        state["wiped"] = await sign_out_and_wipe(auth, profile)
        ws.window.close()
        await auth.aclose()

    run_on_loop(qtbot, session(), timeout_ms=60_000)
    logging.getLogger("dossier_desk").removeHandler(raw)
    captured = capfd.readouterr()
    for handler in logging.getLogger().handlers:
        handler.flush()

    assert len(secrets) >= 6, "too few credentials issued to prove anything"
    assert state["sync_error"] is not None
    assert any("Something went wrong" in line for line in shown), shown  # the crash report was shown
    assert "cache.db" in state["db_files"]

    # 1. Logs: the log file and the console (formatted, redacted) and our own records before redaction.
    log_text = state["log_before_sign_out"]
    assert b"DEBUG" in log_text  # the session really logged at DEBUG
    assert b"dossier_desk" in log_text
    assert b"unexpected state in the detail pane" in log_text  # the crash report reached the log
    assert stat.S_IMODE(app_logging.stat().st_mode) == 0o600
    assert b"unexpected state in the detail pane" not in app_logging.read_bytes()  # emptied at sign-out
    assert _found(secrets, app_logging.read_bytes()) == []
    assert _found(secrets, log_text) == []
    assert _found(secrets, (captured.out + captured.err).encode()) == []
    assert _found(secrets, "\n".join(raw.lines).encode()) == []
    # 2. Messages and the crash report the user saw.
    assert _found(secrets, "\n".join(shown).encode()) == []
    # 3. The offline cache while it existed (database, WAL, SHM, upload copies), then settings, profiles
    #    and every file the app left, except the token cache itself.
    assert any(p.name == "cache.db-wal" for p in state["data_blobs"])
    for path, blob in state["data_blobs"].items():
        assert _found(secrets, blob) == [], path
    home = Path(os.environ["DOSSIER_DESK_HOME"])
    scanned = 0
    for path in home.rglob("*"):
        if path.is_file() and path != token_cache:
            assert _found(secrets, path.read_bytes()) == [], path
            scanned += 1
    assert scanned >= 2  # at least profiles.json, the log and the window's settings
    assert list(config_dir().glob("ui-*.ini")), "the window saved no settings"
    # 4. The token cache: a plain 0600 file when there is no keyring (and the app knows it).
    assert state["encrypted"] is False
    assert _found(secrets, state["cache_before_sign_out"])  # it did hold the tokens...
    assert stat.S_IMODE(token_cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(token_cache.parent.stat().st_mode) == 0o700
    assert _found(secrets, token_cache.read_bytes()) == []  # ...and sign-out removed them
    # 5. Sign-out leaves no cache, WAL, SHM, backup, upload copy or opened document behind.
    assert state["wiped"] >= 1
    assert not paths.root.exists()
    assert not state["opened"].exists()
    assert not state["opened"].parent.exists()
    leftovers = [p for p in profile_root(profile.name).rglob("*") if p != token_cache and p.is_file()]
    assert leftovers == []
    record("security_checks", 5)
