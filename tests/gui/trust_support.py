"""Open the real workspace (window, store, sync engine, tabs) against a sandbox as a demo user, the way
``run_app`` does after sign-in, for the tests of rights, banners, uploads and plain text."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jwt
from PySide6.QtCore import QSettings

from dossier_desk.api import ApiProfile, DossierApi
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_desk.config import Profile
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.rights_state import RightsState
from dossier_desk.ui.workspace import Workspace, open_workspace
from dossier_sandbox import SandboxServer
from tests.fault.qt_loop import run_on_loop


def roleless_token(server: SandboxServer, username: str) -> str:
    """A token as Entra ID issues it for BC: valid for the server, but without a ``roles`` claim."""
    claims = jwt.decode(server.issue_token(username), options={"verify_signature": False})
    claims.pop("roles", None)
    return server.tokens.sign(claims)


@contextmanager
def workspace_for(
    qtbot: Any,
    server: SandboxServer,
    username: str,
    settings_dir: Path,
    *,
    roles_claim: bool = True,
    profile_role: str = "",
    synced: bool = True,
) -> Iterator[Workspace]:
    """The signed-in window for ``username``; the first sync has finished when ``synced``."""

    def token() -> str:
        return server.issue_token(username) if roles_claim else roleless_token(server, username)

    api = DossierApi(ApiProfile(server.api_root, server.company_id), CallbackTokenProvider(token))
    profile = Profile(
        name=f"trust-{username.split('@')[0]}",
        api_root=server.api_root,
        authority=server.authority,
        company_id=server.company_id,
        extra={"role": profile_role} if profile_role else {},
    )
    messages = MessageBridge()
    messages.interactive = False
    settings = QSettings(str(settings_dir / "rights.ini"), QSettings.Format.IniFormat)
    rights = RightsState(token(), username, settings, profile_role=profile_role)
    ws: Workspace = run_on_loop(qtbot, open_workspace(profile, api, SyncBridge(), username, rights, messages))
    qtbot.addWidget(ws.window)
    ws.messages = messages  # type: ignore[attr-defined]
    try:
        ws.window.resize(1366, 768)
        ws.window.show()
        if synced:
            with qtbot.waitSignal(ws.bridge.syncFinished, timeout=30_000):
                ws.start_sync(interval_s=600)
        yield ws
    finally:
        run_on_loop(qtbot, ws.aclose())
        run_on_loop(qtbot, api.aclose())
