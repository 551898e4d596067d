"""The app started without arguments: the start window, a work account set up against the sandbox
tenant (environments endpoint, companies, extension check), the demo, switching and later starts."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dossier_desk.auth import DemoBrowser
from dossier_desk.config import ProfileStore, SignInSettings
from dossier_desk.demo import DEMO_CLIENT_ID
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.session.start_window import StartWindow
from dossier_desk.ui.startup import StartupOptions, run_app

pytestmark = pytest.mark.slow


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _settings(server) -> SignInSettings:
    return SignInSettings(
        authority=server.authority,
        client_id=DEMO_CLIENT_ID,
        environments_url=server.environments_url,
        admin_url=server.admin_url,
        oidc_authority=True,
        ca_cert_path=str(server.ca_cert_path),
    )


def _options(server, store: ProfileStore, user: str = "caseworker@demo") -> StartupOptions:
    return StartupOptions(
        demo=False,
        demo_user=None,
        dossiers=60,
        profile_name=None,
        smoke=False,
        sign_in=_settings(server),
        profiles=store,
        browser_factory=lambda _user: DemoBrowser(user, ca_cert_path=server.ca_cert_path),
    )


def _signed_in_at_environments(qapp, qtbot, options: StartupOptions) -> tuple[asyncio.Future, StartWindow]:
    """Start without a profile, choose the work account, sign in; the start window lists environments."""
    task = asyncio.ensure_future(run_app(qapp, options, _messages()))
    qtbot.waitUntil(lambda: bool(_visible(StartWindow)), timeout=20_000)
    start = _visible(StartWindow)[0]
    start.work_account_button.click()
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=20_000)
    _visible(SignInDialog)[0].sign_in_button.click()
    qtbot.waitUntil(lambda: start.page() == StartWindow.ENVIRONMENTS, timeout=30_000)
    return task, start


def _messages() -> MessageBridge:
    messages = MessageBridge()
    messages.interactive = False
    return messages


@pytest.fixture
def tenant(sandbox_factory):
    return sandbox_factory(
        dossiers=40,
        environments=("Production", "Test"),
        companies=("CRONUS Nederland BV", "Tweede BV"),
        extension_missing_in=("Test",),
    )


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    (tmp_path / "user").mkdir()
    return ProfileStore(tmp_path / "user", site_directory=tmp_path / "site")


def test_work_account_set_up_then_switch_then_later_start(qapp, qtbot, loop, tenant, store) -> None:
    task = asyncio.ensure_future(run_app(qapp, _options(tenant, store), _messages()))
    qtbot.waitUntil(lambda: bool(_visible(StartWindow)), timeout=20_000)
    start = _visible(StartWindow)[0]
    assert start.page() == StartWindow.WELCOME
    assert not start.profile_list.isVisible(), "no profiles yet: only the work account and the demo"
    assert start.demo_button.isVisible()

    start.work_account_button.click()
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=20_000)
    _visible(SignInDialog)[0].sign_in_button.click()
    # the tenant's environments, from the environments endpoint
    qtbot.waitUntil(lambda: start.page() == StartWindow.ENVIRONMENTS, timeout=30_000)
    rows = [start.environment_list.item(i).text() for i in range(start.environment_list.count())]
    assert rows == ["Production (production)", "Test (sandbox)"]

    # "Test" lacks the extension: the message names the environment and the company
    start.environment_list.setCurrentRow(1)
    start.environmentChosen.emit(1)
    qtbot.waitUntil(lambda: start.page() == StartWindow.COMPANIES, timeout=20_000)
    companies = [start.company_list.item(i).text() for i in range(start.company_list.count())]
    assert companies == ["CRONUS Nederland BV", "Tweede BV"]
    start.companyChosen.emit(0)
    qtbot.waitUntil(lambda: start.problem_label.isVisible(), timeout=20_000)
    problem = start.problem_label.text()
    assert "not installed" in problem
    assert "“Test”" in problem
    assert "“CRONUS Nederland BV”" in problem
    assert start.page() == StartWindow.COMPANIES
    assert store.user_profiles() == [], "nothing is saved for an environment without the extension"

    # back, Production, the second company: saved and opened
    start.backRequested.emit()
    qtbot.waitUntil(lambda: start.page() == StartWindow.ENVIRONMENTS, timeout=5_000)
    start.environmentChosen.emit(0)
    qtbot.waitUntil(
        lambda: start.page() == StartWindow.COMPANIES and start.company_list.count() == 2, timeout=20_000
    )
    start.companyChosen.emit(1)
    qtbot.waitUntil(lambda: bool(_visible(MainWindow)), timeout=30_000)
    window = _visible(MainWindow)[0]
    saved = store.user_profiles()
    assert len(saved) == 1
    profile = saved[0]
    assert (profile.environment, profile.company_name) == ("Production", "Tweede BV")
    assert profile.api_root == tenant.api_root_for("Production")
    assert profile.company_id
    assert store.last_used() == profile.name

    # File > Switch profile or company: back to the start window, which lists the profile
    window.switch_action.trigger()
    qtbot.waitUntil(lambda: bool(_visible(StartWindow)) and not _visible(MainWindow), timeout=30_000)
    start = _visible(StartWindow)[0]
    assert start.profile_list.count() == 1
    assert "Tweede BV" in start.profile_list.item(0).text()
    start.close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0

    # a later start without arguments opens the last profile at once (silent sign-in, no start window)
    task = asyncio.ensure_future(run_app(qapp, _options(tenant, store), _messages()))
    qtbot.waitUntil(lambda: bool(_visible(MainWindow)), timeout=30_000)
    assert not _visible(StartWindow)
    assert not _visible(SignInDialog)
    _visible(MainWindow)[0].close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


def test_other_company_for_a_saved_profile_reuses_its_account(qapp, qtbot, loop, tenant, store) -> None:
    task, start = _signed_in_at_environments(qapp, qtbot, _options(tenant, store))
    start.environmentChosen.emit(0)
    qtbot.waitUntil(lambda: start.page() == StartWindow.COMPANIES, timeout=20_000)
    start.companyChosen.emit(0)
    qtbot.waitUntil(lambda: bool(_visible(MainWindow)), timeout=30_000)
    first = store.user_profiles()[0]
    assert first.company_name == "CRONUS Nederland BV"
    window = _visible(MainWindow)[0]
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=30_000)  # the seeded company has data

    window.switch_action.trigger()
    qtbot.waitUntil(lambda: bool(_visible(StartWindow)) and not _visible(MainWindow), timeout=30_000)
    start = _visible(StartWindow)[0]
    start.other_company_button.click()
    # no second sign-in: the profile's account is still signed in
    qtbot.waitUntil(lambda: start.page() == StartWindow.ENVIRONMENTS, timeout=30_000)
    assert not _visible(SignInDialog)
    start.environmentChosen.emit(0)
    qtbot.waitUntil(lambda: start.page() == StartWindow.COMPANIES, timeout=20_000)
    start.companyChosen.emit(1)
    qtbot.waitUntil(lambda: bool(_visible(MainWindow)), timeout=30_000)
    saved = store.user_profiles()
    assert [(p.name, p.company_name) for p in saved] == [(first.name, "Tweede BV")]
    _visible(MainWindow)[0].close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


def test_started_without_arguments_the_demo_is_one_click_away(qapp, qtbot, loop, tenant, store) -> None:
    task = asyncio.ensure_future(run_app(qapp, _options(tenant, store), _messages()))
    qtbot.waitUntil(lambda: bool(_visible(StartWindow)), timeout=20_000)
    _visible(StartWindow)[0].demo_button.click()
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=30_000)
    dialog = _visible(SignInDialog)[0]
    users = [dialog.user_list.item(i).text() for i in range(dialog.user_list.count())]
    assert any("occhealth@demo" in text for text in users)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: any(w.model.rowCount() for w in _visible(MainWindow)), timeout=60_000)
    assert store.last_used() is None, "the demo is not a profile to come back to"
    _visible(MainWindow)[0].close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


def test_a_last_profile_that_fails_comes_back_to_the_start_window(qapp, qtbot, loop, tenant, store) -> None:
    from dossier_desk.config import Profile

    broken = Profile(
        name="Gone",
        api_root=tenant.api_root_for("Production"),
        authority=tenant.authority,
        client_id=DEMO_CLIENT_ID,
        oidc_authority=True,
        ca_cert_path=str(tenant.ca_cert_path),
        company_name="No Such Company BV",
    )
    store.put(broken)
    store.set_last_used("Gone")
    options = _options(tenant, store)
    task = asyncio.ensure_future(run_app(qapp, options, _messages()))
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=20_000)
    _visible(SignInDialog)[0].sign_in_button.click()
    qtbot.waitUntil(lambda: bool(_visible(StartWindow)), timeout=30_000)
    start = _visible(StartWindow)[0]
    assert start.problem_label.isVisible()
    assert "No Such Company BV" in start.problem_label.text()
    assert not _visible(MainWindow)
    start.close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


def test_an_administrator_is_told_when_the_extension_is_too_old(
    qapp, qtbot, loop, sandbox_factory, store
) -> None:
    old = sandbox_factory(dossiers=10, extension_version="0.9.0.0")
    task, start = _signed_in_at_environments(qapp, qtbot, _options(old, store, user="admin@demo"))
    start.environmentChosen.emit(0)
    qtbot.waitUntil(lambda: start.page() == StartWindow.COMPANIES, timeout=20_000)
    start.companyChosen.emit(0)
    qtbot.waitUntil(lambda: start.problem_label.isVisible(), timeout=20_000)
    text = start.problem_label.text()
    assert "Dynamics Dossier 0.9.0.0" in text
    assert "version 1.0.0.0 or later" in text
    assert store.user_profiles() == []
    start.close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


def test_an_abandoned_set_up_leaves_no_tokens_behind(qapp, qtbot, loop, tenant, store) -> None:
    from dossier_desk.store import profile_root

    task, start = _signed_in_at_environments(qapp, qtbot, _options(tenant, store))
    assert (profile_root("Work account") / "token_cache.bin").exists()
    start.backRequested.emit()
    qtbot.waitUntil(lambda: start.page() == StartWindow.WELCOME, timeout=10_000)
    qtbot.waitUntil(lambda: not profile_root("Work account").exists(), timeout=10_000)
    assert store.user_profiles() == []
    start.close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


class _OfflineAuth:
    """An AuthSession whose identity provider cannot be reached."""

    current_account = None
    cache_encrypted = True

    async def get_token(self, *, force_refresh: bool = False) -> str:
        from dossier_desk.auth import AuthNetworkError

        raise AuthNetworkError("The sign-in service cannot be reached. Check your network connection.")

    async def aclose(self) -> None:
        return None


def test_sign_in_service_offline_is_said_in_the_start_window(qapp, qtbot, loop, store) -> None:
    from dossier_desk.ui.session.start_flow import StartFlow

    window = StartWindow()
    qtbot.addWidget(window)
    flow = StartFlow(window, store, SignInSettings(), auth_factory=lambda _profile: _OfflineAuth())
    task = asyncio.ensure_future(flow.run())
    qtbot.waitUntil(window.isVisible, timeout=5_000)
    window.work_account_button.click()
    qtbot.waitUntil(lambda: window.problem_label.isVisible(), timeout=10_000)
    assert "cannot be reached" in window.problem_label.text()
    assert window.page() == StartWindow.WELCOME, "the demo and saved profiles stay one click away"
    window.demo_button.click()
    qtbot.waitUntil(task.done, timeout=5_000)
    assert task.result() is not None
    assert task.result().demo


def test_a_first_start_on_a_provisioned_computer_asks_only_for_the_account(
    qapp, qtbot, loop, tenant, tmp_path
) -> None:
    import json

    site = tmp_path / "site"
    site.mkdir()
    provisioned = {
        "name": "Contoso HR",
        "api_root": tenant.api_root_for("Production"),
        "authority": tenant.authority,
        "client_id": DEMO_CLIENT_ID,
        "oidc_authority": True,
        "ca_cert_path": str(tenant.ca_cert_path),
        "company_name": "Tweede BV",
    }
    (site / "profiles.json").write_text(json.dumps([provisioned]), encoding="utf-8")
    (tmp_path / "user").mkdir(exist_ok=True)
    store = ProfileStore(tmp_path / "user", site_directory=site)
    task = asyncio.ensure_future(run_app(qapp, _options(tenant, store), _messages()))
    qtbot.waitUntil(lambda: bool(_visible(SignInDialog)), timeout=20_000)
    assert not _visible(StartWindow), "one profile set up by IT: nothing to choose"
    _visible(SignInDialog)[0].sign_in_button.click()
    qtbot.waitUntil(lambda: bool(_visible(MainWindow)), timeout=30_000)
    merged = store.get("Contoso HR")
    assert merged.site
    assert merged.company_name == "Tweede BV"
    assert merged.company_id, "the company found by name is remembered in the user's copy"
    assert store.last_used() == "Contoso HR"
    _visible(MainWindow)[0].close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


def test_an_installation_without_the_sandbox_offers_no_demo(qapp, qtbot, loop, monkeypatch) -> None:
    from dossier_desk import demo
    from dossier_desk.ui import startup

    window = StartWindow()
    qtbot.addWidget(window)
    window.show()
    window.set_demo_available(False)
    assert not window.demo_button.isVisible()
    assert window.work_account_button.isVisible()

    def missing(_dossiers: int) -> None:
        raise demo.DemoUnavailableError("dossier_sandbox is not installed")

    monkeypatch.setattr(startup, "start_demo_sandbox", missing)
    messages = _messages()
    options = StartupOptions(demo=True, demo_user=None, dossiers=10, profile_name=None, smoke=False)
    task = asyncio.ensure_future(run_app(qapp, options, messages))
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() == 1
    assert "not part of this installation" in startup._problem_text(demo.DemoUnavailableError("x"))
