"""What the start window does: sign in, list environments and companies, check the extension, save.

:meth:`StartFlow.run` shows the :class:`StartWindow` and returns the user's choice: a profile to open
(saved to the user's profiles first), the demo, or None when the window was closed. "Other company"
on a saved profile runs the same steps with that profile's account (silently, when its tokens are
still good) and saves the new choice under the same name.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication

from dossier_desk.api import ApiError, ApiProfile, Company, DossierApi, ExtensionMissingError
from dossier_desk.api.environments import (
    MIN_EXTENSION_VERSION,
    Environment,
    extension_version,
    list_environments,
    version_tuple,
)
from dossier_desk.auth import Account, AuthSession, SignInRequired, SystemBrowser
from dossier_desk.config import Profile, ProfileError, ProfileStore, SignInSettings
from dossier_desk.store import wipe_profile
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog
from dossier_desk.ui.errors import is_environment_error, user_message
from dossier_desk.ui.session.choice import BrowserFactory, StartChoice
from dossier_desk.ui.session.start_window import StartWindow
from dossier_desk.ui.sign_in_flow import auth_config_for

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Stopped(Exception):
    """The user went back (``closed`` False) or closed the window (``closed`` True)."""

    def __init__(self, closed: bool) -> None:
        super().__init__("closed" if closed else "back")
        self.closed = closed


class StartFlow:
    """Drives one :class:`StartWindow` until the user has chosen (see the module docstring).

    ``auth_factory`` builds the sign-in session of a profile (tests count or replace it);
    ``browser_factory`` the browser a new sign-in uses (the system browser; tests script one).
    """

    def __init__(
        self,
        window: StartWindow,
        store: ProfileStore,
        settings: SignInSettings,
        *,
        auth_factory: Callable[[Profile], AuthSession] | None = None,
        browser_factory: BrowserFactory | None = None,
    ) -> None:
        self.window = window
        self._store = store
        self._settings = settings
        self._auth_factory = auth_factory or (lambda profile: AuthSession(auth_config_for(profile)))
        self._browser_factory = browser_factory or (lambda _user: SystemBrowser())
        self._events: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        window.openProfileRequested.connect(lambda name: self._events.put_nowait(("open", name)))
        window.workAccountRequested.connect(lambda: self._events.put_nowait(("work", None)))
        window.otherCompanyRequested.connect(lambda name: self._events.put_nowait(("company", name)))
        window.demoRequested.connect(lambda: self._events.put_nowait(("demo", None)))
        window.environmentChosen.connect(lambda row: self._events.put_nowait(("environment", row)))
        window.companyChosen.connect(lambda row: self._events.put_nowait(("choose", row)))
        window.backRequested.connect(lambda: self._events.put_nowait(("back", None)))
        window.cancelRequested.connect(lambda: self._events.put_nowait(("cancel", None)))
        window.closed.connect(lambda: self._events.put_nowait(("closed", None)))

    async def run(self, problem: str = "") -> StartChoice | None:
        """Show the window until the user chose; None when they closed it. ``problem`` is shown first
        (why the app came back here, e.g. a profile that could not be opened)."""
        self.welcome()
        self.window.show_problem(problem)
        self.window.show()
        while True:
            kind, value = await self._events.get()
            if kind == "closed":
                return None
            if kind == "demo":
                return StartChoice(demo=True)
            try:
                if kind == "open":
                    return StartChoice(profile=self._store.get(value))
                if kind in {"work", "company"}:
                    existing = self._store.get(value) if kind == "company" else None
                    profile = await self._set_up(existing)
                    return StartChoice(profile=profile)
            except _Stopped as stop:
                if stop.closed:
                    return None
                self.welcome()
            except ProfileError as exc:
                self.window.show_problem(str(exc))
            except Exception as exc:  # sign-in service offline, a bug...: say so, keep the other ways in
                self.welcome()
                self._fail(exc)

    def welcome(self) -> None:
        try:
            profiles = self._store.load()
        except ProfileError as exc:  # a damaged file must not hide the other ways in
            profiles = []
            self.window.show_problem(str(exc))
        self.window.show_welcome(profiles, self._store.last_used())

    # -- waiting for the user --------------------------------------------------------------------
    async def _next(self, *kinds: str) -> tuple[str, Any]:
        """The next event of ``kinds``; back/cancel raise ``_Stopped(False)``, closing ``_Stopped(True)``."""
        while True:
            kind, value = await self._events.get()
            if kind == "closed":
                raise _Stopped(True)
            if kind in {"back", "cancel"}:
                raise _Stopped(False)
            if kind in kinds:
                return kind, value

    async def _busy(self, status: str, work: Awaitable[T]) -> T:
        """Show ``status`` while ``work`` runs; Cancel or closing the window stops it."""
        self.window.show_problem("")
        self.window.show_busy(status)
        task = asyncio.ensure_future(work)
        stop = asyncio.ensure_future(self._next())
        try:
            await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pending in (task, stop):
                if not pending.done():
                    pending.cancel()
        if task.done() and not task.cancelled():
            return task.result()
        stop.result()  # raises _Stopped
        raise _Stopped(False)

    # -- the steps ---------------------------------------------------------------------------------
    async def _set_up(self, existing: Profile | None) -> Profile:
        if existing is not None:
            base = existing
        else:
            s = self._settings
            base = Profile(
                name=self._store.unused_name(QCoreApplication.translate("StartFlow", "Work account")),
                api_root="",
                authority=s.authority,
                client_id=s.client_id,
                scopes=s.scopes,
                oidc_authority=s.oidc_authority,
                ca_cert_path=s.ca_cert_path,
            )
        auth = self._auth_factory(base)
        saved = False
        try:
            await self._sign_in(auth)
            profile = await self._choose(auth, base, existing is not None)
            saved = True
            return profile
        finally:
            await auth.aclose()
            if existing is None and not saved:
                # abandoned before a profile was saved: leave no tokens behind under a name nobody knows
                await asyncio.get_running_loop().run_in_executor(None, wipe_profile, base.name)

    async def _sign_in(self, auth: AuthSession) -> Account | None:
        try:
            await self._busy(QCoreApplication.translate("StartFlow", "Signing in…"), auth.get_token())
            return auth.current_account
        except SignInRequired:
            pass
        self.window.show_busy(
            QCoreApplication.translate("StartFlow", "Finish signing in in the sign-in window."),
            can_cancel=False,
        )
        dialog = SignInDialog(
            auth, self._browser_factory, cache_encrypted=auth.cache_encrypted, parent=self.window
        )
        signed_in: asyncio.Future[Account | None] = asyncio.get_running_loop().create_future()
        dialog.signedIn.connect(lambda account: signed_in.done() or signed_in.set_result(account))
        dialog.rejected.connect(lambda: signed_in.done() or signed_in.set_result(None))
        dialog.open()  # never exec() inside a coroutine
        try:
            account = await signed_in
        finally:
            dialog.deleteLater()
        if account is None:
            raise _Stopped(False)
        return account

    def _verify(self, profile: Profile) -> bool | Path:
        return Path(profile.ca_cert_path) if profile.ca_cert_path else True

    async def _choose(self, auth: AuthSession, base: Profile, keep_authority: bool) -> Profile:
        verify = self._verify(base)
        try:
            environments = await self._busy(
                QCoreApplication.translate("StartFlow", "Looking for your Business Central environments…"),
                list_environments(self._settings.environments_url, auth, verify=verify),
            )
        except ApiError as exc:
            self._fail(exc)
            raise _Stopped(False) from exc
        if not environments:
            self.window.show_problem(
                QCoreApplication.translate("StartFlow", "Your account has no Business Central environments.")
            )
            raise _Stopped(False)
        while True:
            self.window.show_environments([_environment_row(e) for e in environments])
            _kind, row = await self._next("environment")
            environment = environments[row]
            try:
                picked = await self._choose_company(auth, environment, verify)
            except _Stopped as stop:
                if stop.closed:
                    raise
                continue  # back to the environments
            company, api_root = picked
            authority = (
                base.authority if keep_authority else self._settings.profile_authority(environment.tenant_id)
            )
            profile = replace(
                base,
                api_root=api_root,
                companies_url="",
                authority=authority,
                company_id=company.id,
                company_name=company.display_name or company.name,
                environment=environment.name,
                site=False,
            )
            self._store.put(profile)
            log.info("profile saved from the start window (environment and company chosen)")
            return profile

    async def _choose_company(
        self, auth: AuthSession, environment: Environment, verify: bool | Path
    ) -> tuple[Company, str]:
        api_root = environment.api_root()
        async with DossierApi(ApiProfile(api_root, verify=verify), auth) as discovery:
            try:
                companies = await self._busy(
                    QCoreApplication.translate("StartFlow", "Looking for the companies in {0}…").format(
                        environment.name
                    ),
                    discovery.list_companies(),
                )
            except ApiError as exc:
                self._fail(exc)
                raise _Stopped(False) from exc
        if not companies:
            self.window.show_problem(
                QCoreApplication.translate(
                    "StartFlow", "The environment “{0}” has no companies you can open."
                ).format(environment.name)
            )
            raise _Stopped(False)
        heading = QCoreApplication.translate("StartFlow", "Choose the company in {0}:").format(
            environment.name
        )
        self.window.show_companies([c.display_name or c.name for c in companies], heading)
        while True:
            _kind, row = await self._next("choose")
            company = companies[row]
            problem = await self._check_extension(auth, environment, company, api_root, verify)
            self.window.show_companies([c.display_name or c.name for c in companies], heading)
            self.window.company_list.setCurrentRow(row)
            if not problem:
                return company, api_root
            self.window.show_problem(problem)  # under the companies page, never the busy one

    async def _check_extension(
        self,
        auth: AuthSession,
        environment: Environment,
        company: Company,
        api_root: str,
        verify: bool | Path,
    ) -> str:
        """``""`` when the Dynamics Dossier API answers in the company and its version is new enough;
        else the sentence that says what is wrong (the caller shows it)."""
        name = company.display_name or company.name
        async with DossierApi(ApiProfile(api_root, company.id, verify), auth) as api:
            try:
                version = await self._busy(
                    QCoreApplication.translate("StartFlow", "Checking Dynamics Dossier in {0}…").format(name),
                    self._extension_version(api, auth, environment, verify),
                )
            except ExtensionMissingError as exc:
                log.info("start window: the extension is missing in the chosen environment (%s)", exc.code)
                if exc.code == "incompatible_version":  # the API answers, but lacks what the client needs
                    return QCoreApplication.translate(
                        "StartFlow",
                        "The Dynamics Dossier extension in the environment “{0}” (company “{1}”) is "
                        "a version Dossier Desk cannot work with. Ask your Business Central "
                        "administrator to update it.",
                    ).format(environment.name, name)
                return QCoreApplication.translate(
                    "StartFlow",
                    "Dynamics Dossier is not installed in the environment “{0}” (company “{1}”). "
                    "Ask your Business Central administrator to install the extension, or choose "
                    "another environment or company.",
                ).format(environment.name, name)
            except ApiError as exc:
                return self._failure_text(exc)
        if version is not None and version_tuple(version) < version_tuple(MIN_EXTENSION_VERSION):
            log.info("start window: the extension is older than this client needs")
            return QCoreApplication.translate(
                "StartFlow",
                "The environment “{0}” has Dynamics Dossier {1}; Dossier Desk needs version {2} or "
                "later. Ask your Business Central administrator to update the extension.",
            ).format(environment.name, version, MIN_EXTENSION_VERSION)
        return ""

    async def _extension_version(
        self, api: DossierApi, auth: AuthSession, environment: Environment, verify: bool | Path
    ) -> str | None:
        """Check the API answers (raises when not); then the installed version where the admin center
        tells it (administrators only: for others None, and the API's answer is what counts)."""
        await api.check_extension()
        try:
            return await extension_version(self._settings.admin_url, environment.name, auth, verify=verify)
        except ApiError as exc:  # 403 for non-administrators; an unreachable admin API is no reason to stop
            log.info("extension version not available: %s", type(exc).__name__)
            return None

    def _fail(self, exc: Exception) -> None:
        self.window.show_problem(self._failure_text(exc))

    def _failure_text(self, exc: Exception) -> str:
        """The user's sentence for a failed step (logged: by type only when the environment is at fault)."""
        if is_environment_error(exc):
            log.info("start window step failed: %s", type(exc).__name__)
        else:
            log.error("start window step failed", exc_info=exc)
        return user_message(exc)


def _environment_row(environment: Environment) -> str:
    kind = (
        QCoreApplication.translate("StartFlow", "production")
        if environment.type.lower() == "production"
        else QCoreApplication.translate("StartFlow", "sandbox")
    )
    return f"{environment.name} ({kind})"
