"""``dossier-desk doctor [--profile NAME] [--json]``: what works and what does not, for support.

Checks, each ``ok``, ``warn``, ``fail`` or ``skip`` with a short detail: the profile; sign-in (cached
account, silent token, how the token cache is protected); the server (reachable, TLS trust, proxy,
clock skew from its ``Date`` header); the company; the Dynamics Dossier extension (``$metadata``
compatibility, and the installed version where the admin center tells it); the offline cache
(encryption, outbox counts). Never opens a window or a browser. The exit code is the most serious
finding's (see :mod:`dossier_desk.cli.common`).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from dossier_desk.api import DossierApi
from dossier_desk.api.errors import ApiError
from dossier_desk.auth import Account, AuthSession
from dossier_desk.cli.common import EXIT_CODES_HELP, Check, Exit, emit, load_profile
from dossier_desk.cli.probes import admin_apps, network_settings, server_probe
from dossier_desk.cli.session import CommandStopped, account_store, exit_for, profile_session, silent_account
from dossier_desk.config import Profile, ProfileError
from dossier_desk.store.crypto import sqlcipher_available

log = logging.getLogger(__name__)


def _fail(name: str, exit_code: Exit, detail: str, **data: Any) -> Check:
    return Check(name, "fail", detail, data, exit_code)


class Doctor:
    """Runs the checks of one profile in order; later checks are skipped when an earlier one fails."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.checks: list[Check] = []

    def add(self, check: Check) -> Check:
        self.checks.append(check)
        return check

    async def run(self) -> list[Check]:
        p = self.profile
        self.add(
            Check(
                "profile",
                "ok",
                p.name,
                {"apiRoot": p.api_root, "environment": p.environment, "companyId": p.company_id},
            )
        )
        self.add(network_settings(p))
        async with profile_session(p) as (auth, api):
            account = await self._sign_in(auth)
            if account is None:
                self.add(Check("server", "skip", "needs a sign-in"))
                return self.checks
            token = await auth.get_token()
            server = self.add(await server_probe(p, token))
            if server.status == "fail":
                return self.checks
            if await self._company(api):
                await self._extension(api)
                self.add(await admin_apps(p, token))
            await self._cache(account)
        return self.checks

    async def _sign_in(self, auth: AuthSession) -> Account | None:
        cached = await auth.accounts()
        protection = await asyncio.get_running_loop().run_in_executor(None, lambda: auth.cache_protection)
        data = {"cachedAccounts": len(cached), "tokenCache": protection}
        try:
            account = await silent_account(auth)
        except CommandStopped as exc:
            self.add(_fail("sign-in", exc.exit, exc.code, **data))
            return None
        self.add(Check("sign-in", "ok", account.label, data | {"account": account.label}))
        return account

    async def _company(self, api: DossierApi) -> bool:
        try:
            companies = await api.list_companies()
        except ApiError as exc:
            code, reason = exit_for(exc)
            self.add(_fail("company", code, reason))
            return False
        names = {c.id: c.display_name or c.name for c in companies}
        if self.profile.company_id not in names:
            self.add(_fail("company", Exit.SETUP, "company_not_found", available=sorted(names.values())))
            return False
        self.add(Check("company", "ok", names[self.profile.company_id]))
        return True

    async def _extension(self, api: DossierApi) -> None:
        try:
            result = await api.check_service()
        except ApiError as exc:
            code, reason = exit_for(exc)
            self.add(_fail("extension", code, reason))
            return
        data = {"metadataRead": result.metadata_read, "missing": list(result.missing)}
        if result.ok:
            self.add(Check("extension", "ok", "Dynamics Dossier API answers; $metadata compatible", data))
        else:
            self.add(_fail("extension", Exit.SETUP, result.status, **data))

    async def _cache(self, account: Account) -> None:
        if not self.profile.company_id:
            return
        try:
            async with account_store(self.profile, account) as store:
                pending, conflicts, failed = store.outbox.counts()
                encrypted = store.db.encrypted
        except Exception as exc:  # an unreadable cache is a finding, not a crash of the doctor
            self.add(_fail("cache", Exit.PROBLEM, type(exc).__name__))
            return
        counts = {"pending": pending, "conflicts": conflicts, "failed": failed}
        self.add(
            Check(
                "cache encryption",
                "ok" if encrypted else "warn",
                "SQLCipher, key in the OS keyring" if encrypted else "not encrypted (no usable keyring)",
                {"encrypted": encrypted, "sqlcipher": sqlcipher_available()},
            )
        )
        self.add(Check("outbox", "warn" if conflicts or failed else "ok", f"{pending} queued", counts))


def exit_code(checks: list[Check]) -> Exit:
    """The most serious finding (a specific cause before the generic "problem")."""
    codes = [c.exit for c in checks if c.status == "fail"]
    for preferred in (Exit.SETUP, Exit.SIGN_IN, Exit.UNREACHABLE, Exit.PROBLEM):
        if preferred in codes:
            return preferred
    return Exit.OK


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="dossier-desk doctor",
        description="Check a profile: sign-in, server, company, extension, offline cache.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--profile", help="profile to check (default: the last one used)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser.parse_args(list(argv))


async def diagnose(profile_name: str | None) -> tuple[Exit, list[Check]]:
    try:
        profile = load_profile(profile_name)
    except ProfileError as exc:
        return Exit.SETUP, [_fail("profile", Exit.SETUP, str(exc))]
    checks = await Doctor(profile).run()
    return exit_code(checks), checks


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    code, checks = asyncio.run(diagnose(args.profile))
    data = {"exitCode": int(code), "checks": [asdict(c) | {"exit": int(c.exit)} for c in checks]}
    lines = [f"{c.status.upper():5} {c.name}: {c.detail}" for c in checks]
    emit(data, [*lines, f"exit code {int(code)}"], args.json)
    return int(code)
