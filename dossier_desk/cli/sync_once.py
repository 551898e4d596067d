"""``dossier-desk sync --profile NAME --once [--json]``: sign in silently, push the outbox, pull
changes, print the counts and leave. For scheduled tasks and support; never opens a window or a
browser (a profile that needs an interactive sign-in exits 3)."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from dossier_desk.cli.common import EXIT_CODES_HELP, Exit, emit, load_profile
from dossier_desk.cli.session import (
    CommandStopped,
    account_store,
    check_company,
    exit_for,
    profile_session,
    silent_account,
)
from dossier_desk.config import ProfileError

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="dossier-desk sync",
        description="Sign in silently, send queued changes, receive changes, print counts.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--profile", required=True, help="name of the profile to sync")
    parser.add_argument("--once", action="store_true", help="one sync pass, then exit (required)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(list(argv))
    if not args.once:
        parser.error("only one pass is supported: add --once")
    return args


async def sync_once(profile_name: str) -> tuple[Exit, dict[str, Any]]:
    """One silent sync of the profile; returns the exit code and the result (counts, error code)."""
    result: dict[str, Any] = {"profile": profile_name}
    try:
        profile = load_profile(profile_name)
        async with profile_session(profile) as (auth, api):
            account = await silent_account(auth)
            result["account"] = account.label
            await check_company(api, profile)
            await api.check_extension()
            async with account_store(profile, account, api) as store:
                engine = store.engine
                error = await engine.sync_now()
                report = engine.pusher.last_report
                pending, conflicts, failed = store.outbox.counts()
                result |= {
                    "sent": report.done if report else 0,
                    "pending": pending,
                    "conflicts": conflicts,
                    "failed": failed,
                    "waitingForOtherAccounts": int(store.outbox.written_by_others()),
                    "dossiers": store.db.query("SELECT count(*) FROM dossiers")[0][0],
                    "encrypted": store.db.encrypted,
                }
            if error is not None:
                raise error
    except ProfileError as exc:
        return Exit.SETUP, result | {"status": "unknown_profile", "message": str(exc)}
    except CommandStopped as exc:
        return exc.exit, result | {"status": exc.code, "message": str(exc)}
    except Exception as exc:  # every failure becomes an exit code, never a traceback for a script
        code, reason = exit_for(exc)
        if code is Exit.PROBLEM:
            log.info("sync failed: %s", type(exc).__name__)
        return code, result | {"status": reason}
    return Exit.OK, result | {"status": "ok"}


def _lines(result: dict[str, Any]) -> list[str]:
    if result.get("status") != "ok":
        return [f"sync of {result['profile']}: {result.get('status')} {result.get('message', '')}".rstrip()]
    return [
        f"sync of {result['profile']}: ok",
        f"  sent {result['sent']}, still queued {result['pending']}, conflicts {result['conflicts']}, "
        f"failed {result['failed']}",
        f"  dossiers in the offline cache: {result['dossiers']}",
    ]


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    code, result = asyncio.run(sync_once(args.profile))
    emit(result | {"exitCode": int(code)}, _lines(result), args.json)
    return int(code)
