"""Demo mode: the bundled sandbox service started in-process, and a profile pointing at it (no Qt).

The sandbox listens on loopback only. Its API is plain http (allowed for loopback), its sign-in
authority is https with a self-signed certificate that the demo profile pins (``ca_cert_path``);
TLS verification is never switched off. The sandbox is an optional part of an installation (the
``sandbox`` extra): without it ``DEMO_AVAILABLE`` is False and the start window offers no demo.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from dossier_desk.config import Profile
from dossier_desk.store.wipe import wipe_profile
from dossier_sandbox.users import DEMO_USERS

if TYPE_CHECKING:  # the server needs the "sandbox" extra: imported only when the demo starts
    from dossier_sandbox import SandboxServer

# The server's own dependencies come with the "sandbox" extra; without them there is no demo.
DEMO_AVAILABLE = all(importlib.util.find_spec(name) is not None for name in ("starlette", "uvicorn"))

DEMO_PROFILE_NAME = "Demo"
DEMO_CLIENT_ID = "dossier-desk-demo"
# Each demo user's Salesperson/Purchaser code in the seed data ("My dossiers").
DEMO_CASE_MANAGER_CODES = {
    "caseworker@demo": "SVD",
    "linemanager@demo": "PJ",
    "occhealth@demo": "AB",
    "auditor@demo": "WS",
}
# (username, display name) for the sign-in dialog's "choose demo user" list.
DEMO_USER_CHOICES = tuple((u.username, u.display_name) for u in DEMO_USERS.values())


def start_demo_sandbox(dossiers: int = 2_000) -> SandboxServer:
    """Start a fresh sandbox with ``dossiers`` seeded dossiers (blocking: run it in an executor).

    Raises :class:`DemoUnavailableError` when this installation has no sandbox server."""
    try:
        from dossier_sandbox import SandboxConfig, SandboxServer
    except ImportError as exc:
        raise DemoUnavailableError("the sandbox extra is not installed") from exc
    return SandboxServer(SandboxConfig(dossiers=dossiers)).start()


class DemoUnavailableError(RuntimeError):
    """The sandbox (the ``sandbox`` extra) is not installed."""


def demo_profile(sandbox: SandboxServer) -> Profile:
    """A profile for the running sandbox (blocking: it wipes files). Each run seeds a new company, so
    earlier demo caches are wiped first: they belong to companies that no longer exist."""
    wipe_profile(DEMO_PROFILE_NAME)  # overwrite, delete, and drop the old keys too
    return demo_profile_for(sandbox)


def demo_profile_for(sandbox: SandboxServer) -> Profile:
    """The demo profile of a running sandbox, without wiping anything (tests keep it between runs)."""
    return Profile(
        name=DEMO_PROFILE_NAME,
        api_root=sandbox.api_root,
        authority=sandbox.authority,
        client_id=DEMO_CLIENT_ID,
        company_id=sandbox.company_id,
        oidc_authority=True,
        ca_cert_path=str(sandbox.ca_cert_path),
        demo=True,
    )
