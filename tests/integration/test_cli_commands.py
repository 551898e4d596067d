"""``dossier-desk doctor`` and ``dossier-desk sync --once`` against the sandbox, in every server
variant, with a real sign-in beforehand (MSAL against the sandbox's provider, as the app does), and
with the setups support meets: not signed in, the extension missing, a company that does not exist."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from dossier_desk.__main__ import main as entry_point
from dossier_desk.auth import AuthSession, DemoBrowser
from dossier_desk.cli.common import Exit
from dossier_desk.config import Profile, ProfileStore
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.session_config import auth_config_for
from dossier_desk.store import NullListener, profile_paths
from dossier_desk.store.session import open_session
from dossier_sandbox import SandboxServer
from tests.sandbox_fixtures import ALL_VARIANTS, client_of, new_dossier

USER = "caseworker@demo"


def _profile(server: SandboxServer, **changes: Any) -> Profile:
    profile = Profile(
        name="Work",
        api_root=server.api_root,
        authority=server.authority,
        client_id="dossier-desk-cli",
        company_id=server.company_id,
        oidc_authority=True,
        ca_cert_path=str(server.ca_cert_path),
        environment="Production",
    )
    profile = replace(profile, **changes)
    ProfileStore().save([profile])
    return profile


def _sign_in(profile: Profile, server: SandboxServer) -> str:
    """Sign in once as the app would; returns the account's home_account_id."""

    async def run() -> str:
        auth = AuthSession(auth_config_for(profile))
        try:
            browser = DemoBrowser(USER, ca_cert_path=server.ca_cert_path)
            account = await auth.sign_in_interactive(browser=browser, timeout=30)
            return account.home_account_id
        finally:
            await auth.aclose()

    return asyncio.run(run())


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = entry_point([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def _checks(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in result["checks"]}


@pytest.mark.variants(*ALL_VARIANTS)
def test_doctor_and_sync_once_on_a_working_profile(
    variant_sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server = variant_sandbox
    profile = _profile(server)
    home_id = _sign_in(profile, server)

    code, doctor = _run(capsys, "doctor", "--profile", "Work")
    checks = _checks(doctor)
    assert code == Exit.OK, doctor
    assert doctor["exitCode"] == 0
    for name in ("sign-in", "server", "company", "extension", "outbox"):
        assert checks[name]["status"] == "ok", checks[name]
    assert checks["extension"]["data"]["missing"] == []
    assert abs(checks["server"]["data"]["clockSkewSeconds"]) < 60
    assert checks["cache encryption"]["status"] == "warn"  # the tests' keyring refuses (fail backend)
    assert checks["extension version"]["status"] == "skip"  # the admin center needs the admin role
    assert checks["network"]["data"]["trust"] == "pinned certificate"

    with client_of(server, USER) as client:  # its own dossier: the shared server's seed stays as it is
        mine = new_dossier(client, description="CLI sync check")
    code, first = _run(capsys, "sync", "--profile", "Work", "--once")
    assert code == Exit.OK, first
    assert first["status"] == "ok"
    assert first["dossiers"] > 0
    assert (first["pending"], first["conflicts"], first["failed"]) == (0, 0, 0)

    # A change queued in the app is sent by the next sync --once.
    paths = profile_paths("Work", server.company_id, account=home_id)
    app = open_session(paths, None, NullListener(), author=home_id).wait()  # as the app opens it
    try:
        app.store.save_dossier_changes(
            mine["id"], {DossierField.YOUR_REFERENCE: "sent by sync --once"}
        ).wait()
    finally:
        app.close()
    code, second = _run(capsys, "sync", "--profile", "Work", "--once")
    assert code == Exit.OK, second
    assert second["sent"] == 1
    assert second["pending"] == 0
    with client_of(server, USER) as client:
        assert client.get(f"dossiers({mine['id']})").json()["yourReference"] == "sent by sync --once"


def test_not_signed_in(sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]) -> None:
    _profile(sandbox)
    code, doctor = _run(capsys, "doctor", "--profile", "Work")
    assert code == Exit.SIGN_IN
    assert _checks(doctor)["sign-in"]["status"] == "fail"
    code, sync = _run(capsys, "sync", "--profile", "Work", "--once")
    assert code == Exit.SIGN_IN
    assert sync["status"] == "sign_in_required"


def test_extension_missing_in_the_environment(
    sandbox_factory: Callable[..., SandboxServer], capsys: pytest.CaptureFixture[str]
) -> None:
    server = sandbox_factory(environments=("Production", "Test"), extension_missing_in=("Test",))
    profile = _profile(server, api_root=server.api_root.replace("/Production/", "/Test/"), environment="Test")
    _sign_in(profile, server)
    code, doctor = _run(capsys, "doctor", "--profile", "Work")
    checks = _checks(doctor)
    assert code == Exit.SETUP, doctor
    assert checks["company"]["status"] == "ok"
    assert checks["extension"]["status"] == "fail"
    assert checks["extension"]["detail"] == "missing_extension"
    code, sync = _run(capsys, "sync", "--profile", "Work", "--once")
    assert code == Exit.SETUP, sync
    assert sync["status"] == "missing_extension"


def test_wrong_company(sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]) -> None:
    profile = _profile(sandbox, company_id="0f8fad5b-d9cb-469f-a165-70867728950e")
    _sign_in(profile, sandbox)
    code, doctor = _run(capsys, "doctor", "--profile", "Work")
    checks = _checks(doctor)
    assert code == Exit.SETUP, doctor
    assert checks["company"]["detail"] == "company_not_found"
    assert checks["company"]["data"]["available"]
    code, sync = _run(capsys, "sync", "--profile", "Work", "--once")
    assert code == Exit.SETUP
    assert sync["status"] == "company_not_found"


def test_unknown_profile_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, doctor = _run(capsys, "doctor", "--profile", "Nope")
    assert code == Exit.SETUP
    assert "Nope" in _checks(doctor)["profile"]["detail"]
    with pytest.raises(SystemExit) as usage:
        entry_point(["sync", "--profile", "Work"])  # --once is required
    assert usage.value.code == Exit.USAGE
