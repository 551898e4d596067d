"""A returning caseworker: the profile used last opens its account's cached table before the sign-in
service has answered, then signs in behind the window (real MSAL against the sandbox's OIDC provider,
whose access tokens here live under MSAL's five-minute margin, so every start refreshes).

Each test first signs in once on a saved profile (today's flow: the sign-in dialog before the window),
which remembers the account for that profile; the start under test then runs ``run_app`` again."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from dossier_desk.auth import DemoBrowser
from dossier_desk.config import Profile, ProfileStore
from dossier_desk.demo import DEMO_CLIENT_ID, DEMO_PROFILE_NAME, DEMO_USER_CHOICES
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import profile_root
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.session.start_window import StartWindow
from dossier_desk.ui.startup import StartupOptions, run_app
from dossier_sandbox import SandboxServer
from tests.fresh_process import printed_json
from tests.gui.demo_support import demo_against
from tests.sandbox_fixtures import client_of, new_dossier

pytestmark = pytest.mark.slow
PROFILE = "Work"


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


class _Person:
    """Who signs in when a sign-in page asks (the test changes it between steps)."""

    def __init__(self, server: SandboxServer, username: str) -> None:
        self.server, self.username = server, username

    def browser(self, _chosen: str | None) -> DemoBrowser:
        return DemoBrowser(self.username, ca_cert_path=self.server.ca_cert_path)


@pytest.fixture
def server(sandbox_factory) -> SandboxServer:
    return sandbox_factory(dossiers=60, token_lifetime_s=120)  # < 5 min: MSAL refreshes at each start


@pytest.fixture
def store(server: SandboxServer) -> ProfileStore:
    profiles = ProfileStore()  # the test's private home: what the app finds in a child process too
    profiles.put(
        Profile(
            name=PROFILE,
            api_root=server.api_root,
            authority=server.authority,
            client_id=DEMO_CLIENT_ID,
            company_id=server.company_id,
            company_name="CRONUS Nederland BV",
            oidc_authority=True,
            ca_cert_path=str(server.ca_cert_path),
        )
    )
    profiles.set_last_used(PROFILE)
    return profiles


def _start(qapp, store: ProfileStore, person: _Person, **overrides: object) -> asyncio.Future[int]:
    messages = MessageBridge()
    messages.interactive = False
    values: dict[str, object] = {
        "demo": False,
        "demo_user": None,
        "dossiers": 0,
        "profile_name": None,
        "smoke": False,
        "profiles": store,
        "browser_factory": person.browser,
    }
    values.update(overrides)
    return asyncio.ensure_future(run_app(qapp, StartupOptions(**values), messages))  # type: ignore[arg-type]


def _window_with_rows(qtbot, before: set[int] = frozenset()) -> MainWindow:  # type: ignore[assignment]
    qtbot.waitUntil(
        lambda: any(w.model.rowCount() for w in _visible(MainWindow) if id(w) not in before), timeout=60_000
    )
    return next(w for w in _visible(MainWindow) if id(w) not in before and w.model.rowCount())


def _close(qtbot, window: MainWindow, task: asyncio.Future[int]) -> None:
    window.close_guard.promptShown.connect(lambda box: _click(box, "Close"))  # queued edits: keep them
    window.close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


def _click(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    QTimer.singleShot(0, button.click)


def _first_sign_in(qapp, qtbot, store: ProfileStore, person: _Person, work=None) -> None:
    """Today's flow: the sign-in dialog before the window, then a full sync; ``work(window)`` runs."""
    assert store.remembered_account(PROFILE) is None
    task = _start(qapp, store, person)
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=30_000)
    assert not _visible(MainWindow), "no account remembered yet: the sign-in comes first"
    _visible(SignInDialog)[0].sign_in_button.click()
    window = _window_with_rows(qtbot)
    if work is not None:
        work(window)
    _close(qtbot, window, task)
    remembered = store.remembered_account(PROFILE)
    assert remembered is not None
    assert remembered.username == person.username


def test_cached_rows_show_before_the_token_then_sync_runs(qapp, qtbot, loop, server, store) -> None:
    person = _Person(server, "caseworker@demo")
    _first_sign_in(qapp, qtbot, store, person)
    with client_of(server) as client:  # changed on the server while the app was closed
        added = new_dossier(client, description="Arrived after the sign-in")
    hold = server.oidc.settings.refresh_hold = threading.Event()
    requests_before = server.stats()["requests"]["total"]
    try:
        task = _start(qapp, store, person)
        window = _window_with_rows(qtbot)
        assert not hold.is_set()
        assert not _visible(SignInDialog)
        assert "Signing in" in window.status.connectivity.text()
        qtbot.wait(300)  # the window is usable; nothing goes to the API without a token
        assert server.stats()["requests"]["total"] == requests_before, "the sync waits for the token"
        assert not window.model.has_dossier(added["id"])
    finally:
        hold.set()
    qtbot.waitUntil(lambda: window.model.has_dossier(added["id"]), timeout=30_000)  # token, then sync
    assert "Online" in window.status.connectivity.text()
    _close(qtbot, window, task)


def test_rights_follow_the_token_once_it_arrives(qapp, qtbot, loop, server, store) -> None:
    """Before the token the window has an offline start's rights (nothing the token says is known yet:
    edits are queued, the server decides); the auditor's token then makes it read-only."""
    person = _Person(server, "auditor@demo")
    _first_sign_in(qapp, qtbot, store, person)
    hold = server.oidc.settings.refresh_hold = threading.Event()
    try:
        task = _start(qapp, store, person)
        window = _window_with_rows(qtbot)
        assert window.new_action.isVisible(), "as an offline start: rights from an empty token"
    finally:
        hold.set()
    qtbot.waitUntil(lambda: not window.new_action.isVisible(), timeout=30_000)
    assert not window.save_action.isEnabled()
    _close(qtbot, window, task)


def test_the_app_paints_cached_rows_before_the_token_and_before_importing_msal(
    qapp, qtbot, loop, server, store
) -> None:
    """The entry point in a fresh process: the table paints with the cache's rows while the sign-in
    service holds the refresh, and MSAL has not been imported by then."""
    _first_sign_in(qapp, qtbot, store, _Person(server, "caseworker@demo"))
    hold = server.oidc.settings.refresh_hold = threading.Event()
    try:
        report = printed_json(
            ["-m", "tests.gui.returning_start_child", "--profile", PROFILE],
            {**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            timeout=120,
        )
        assert not hold.is_set()
    finally:
        hold.set()
    assert report["rows"] > 0
    assert report["msal"] is False, "MSAL was imported before the cached table painted"


def test_sign_in_service_unreachable_leaves_the_window_offline(qapp, qtbot, loop, server, store) -> None:
    person = _Person(server, "caseworker@demo")
    _first_sign_in(qapp, qtbot, store, person)
    with socket.socket() as sock:  # a port nobody listens on: the sign-in service is down
        sock.bind(("127.0.0.1", 0))
        dead = f"https://127.0.0.1:{sock.getsockname()[1]}/{server.config.tenant}"
    store.put(replace(store.get(PROFILE), authority=dead))
    task = _start(qapp, store, person)
    window = _window_with_rows(qtbot)
    qtbot.waitUntil(lambda: "Offline" in window.status.connectivity.text(), timeout=30_000)
    qtbot.wait(200)
    assert not _visible(SignInDialog), "being offline is no reason to sign in again"
    assert window.model.rowCount() > 0
    assert store.remembered_account(PROFILE) is not None
    _close(qtbot, window, task)


def test_refused_refresh_token_asks_over_the_window_and_keeps_the_cache(
    qapp, qtbot, loop, server, store
) -> None:
    person = _Person(server, "caseworker@demo")
    _first_sign_in(qapp, qtbot, store, person)
    assert server.tokens.revoke_user("caseworker@demo") >= 1
    task = _start(qapp, store, person)
    window = _window_with_rows(qtbot)
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=30_000)
    dialog = _visible(SignInDialog)[0]
    assert dialog.parentWidget() is window, "the prompt is over the window, not before it"
    rows = window.model.rowCount()
    dialog.reject()  # cancelled: the window stays, offline, with its cache
    qtbot.wait(300)
    assert "Not signed in" in window.status.connectivity.text()
    assert not task.done()
    assert window.isVisible()
    assert window.model.rowCount() == rows
    window.sync_now()  # a later sync pass asks again, as during a session
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=30_000)
    with client_of(server) as client:
        added = new_dossier(client, description="Synced after signing in again")
    _visible(SignInDialog)[0].sign_in_button.click()
    qtbot.waitUntil(lambda: window.model.has_dossier(added["id"]), timeout=30_000)
    assert _visible(MainWindow) == [window], "the same account: the same window"
    assert "Online" in window.status.connectivity.text()
    _close(qtbot, window, task)


def test_sign_out_forgets_the_account(qapp, qtbot, loop, server, store) -> None:
    person = _Person(server, "caseworker@demo")
    _first_sign_in(qapp, qtbot, store, person)
    task = _start(qapp, store, person)
    window = _window_with_rows(qtbot)
    qtbot.waitUntil(lambda: "Online" in window.status.connectivity.text(), timeout=30_000)
    window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: bool(_visible(QMessageBox)), timeout=5_000)
    _click(_visible(QMessageBox)[0], "Sign out")
    qtbot.waitUntil(lambda: bool(_visible(StartWindow)), timeout=30_000)
    assert store.remembered_account(PROFILE) is None
    _visible(StartWindow)[0].close()
    qtbot.waitUntil(task.done, timeout=30_000)
    # The next start shows the start window; naming the profile signs in before any window shows.
    task = _start(qapp, store, person)
    qtbot.waitUntil(lambda: bool(_visible(StartWindow)), timeout=30_000)
    _visible(StartWindow)[0].close()
    qtbot.waitUntil(task.done, timeout=30_000)
    task = _start(qapp, store, person, profile_name=PROFILE)
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=30_000)
    assert not _visible(MainWindow)
    _visible(SignInDialog)[0].reject()
    qtbot.waitUntil(task.done, timeout=30_000)


def test_another_account_at_the_prompt_opens_its_own_workspace(qapp, qtbot, loop, server, store) -> None:
    with client_of(server, "occhealth@demo") as oh, client_of(server, "linemanager@demo") as lm:
        hidden = {d["id"] for d in oh.get("dossiers").json()["value"]} - {
            d["id"] for d in lm.get("dossiers").json()["value"]
        }
    assert hidden, "the seed must hold dossiers the line manager may not see"
    person = _Person(server, "occhealth@demo")
    _first_sign_in(qapp, qtbot, store, person)
    assert server.tokens.revoke_user("occhealth@demo") >= 1
    task = _start(qapp, store, person)
    first = _window_with_rows(qtbot)
    assert {first.model.dossier_id_at(r) for r in range(first.model.rowCount())} & hidden
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=30_000)
    person.username = "linemanager@demo"
    _visible(SignInDialog)[0].sign_in_button.click()
    qtbot.waitUntil(lambda: first not in _visible(MainWindow), timeout=30_000)
    second = _window_with_rows(qtbot, {id(first)})
    qtbot.waitUntil(lambda: "Online" in second.status.connectivity.text(), timeout=30_000)
    shown = {second.model.dossier_id_at(r) for r in range(second.model.rowCount())}
    assert not shown & hidden, "the line manager's window holds nothing of occupational health's cache"
    assert "Pieter Jansen" in second.status.account.text()
    remembered = store.remembered_account(PROFILE)
    assert remembered is not None
    assert remembered.username == "linemanager@demo"
    assert server.stats()["requests"]["writesByUser"].get("linemanager@demo", 0) == 0
    _close(qtbot, second, task)


def test_another_account_at_the_demos_prompt_goes_back_to_the_start_window(
    qapp, qtbot, loop, server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mid-session (the demo signs in first): the session is refused, the prompt is answered by another
    demo user; that user's data is not this cache, and the demo is set up afresh at each start."""
    demo_against(server, monkeypatch)
    task = _start(
        qapp, ProfileStore(), _Person(server, "caseworker@demo"), demo=True, demo_user="caseworker@demo"
    )
    window = _window_with_rows(qtbot)
    assert server.tokens.revoke_user("caseworker@demo") >= 1
    window.sync_now()  # the next refresh is refused
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=30_000)
    dialog = _visible(SignInDialog)[0]
    dialog.user_list.setCurrentRow([u for u, _ in DEMO_USER_CHOICES].index("linemanager@demo"))
    dialog.start_browser_sign_in()
    qtbot.waitUntil(lambda: bool(_visible(StartWindow)) and not _visible(MainWindow), timeout=30_000)
    assert ProfileStore().remembered_account(DEMO_PROFILE_NAME) is None, "the demo is not remembered"
    _visible(StartWindow)[0].close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


def test_an_account_gone_from_the_token_cache_signs_in_first_and_keeps_queued_edits(
    qapp, qtbot, loop, server, store
) -> None:
    person = _Person(server, "caseworker@demo")
    edited: dict[str, str] = {}

    def queue_an_edit(window: MainWindow) -> None:
        window.offline_action.setChecked(True)  # the edit stays queued
        dossier = next(
            d
            for d in window._repo.load_dossiers()
            if d.status in ("New", "Open", "In Process")
            and not (d.ending_date and d.starting_date and d.ending_date < d.starting_date)
        )
        window._repo.save_dossier_changes(dossier.id, {DossierField.YOUR_REFERENCE: "queued"}).wait()
        edited["id"] = dossier.id

    _first_sign_in(qapp, qtbot, store, person, queue_an_edit)
    (profile_root(PROFILE) / "token_cache.bin").unlink()  # signed out elsewhere / the cache was reset
    task = _start(qapp, store, person)
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=30_000)
    assert not _visible(MainWindow), "the window of an account that is gone closes"
    assert store.remembered_account(PROFILE) is None
    _visible(SignInDialog)[0].sign_in_button.click()
    window = _window_with_rows(qtbot)
    window.offline_action.setChecked(False)
    qtbot.waitUntil(lambda: not window._repo.outbox_items(), timeout=30_000)  # the edit was kept, and sent
    with client_of(server) as client:
        assert client.get(f"dossiers({edited['id']})").json()["yourReference"] == "queued"
    _close(qtbot, window, task)
