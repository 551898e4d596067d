"""Screenshots of the main window on demo data: 1366x768 and 1920x1080, light and dark, en and nl.

Starts the bundled sandbox in-process and opens the app's own workspace (``open_workspace``: the store
session, the main window with its Documents and Workflow tabs) on it, syncs once with the real engine
and saves PNGs under ``./screenshots/``. Runs offscreen by default; set ``QT_QPA_PLATFORM=xcb`` under
Xvfb (``xvfb-run``) for a real window system.

Run: ``uv run python scripts/screenshots.py [--dossiers N] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Private, throw-away platform dirs: the screenshots must never touch a real profile or keyring.
_HOME = Path(tempfile.mkdtemp(prefix="dossier-shots-"))
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_HOME / _var.lower())
os.environ["DOSSIER_DESK_HOME"] = str(_HOME)
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402 - a UI script
from PySide6.QtWidgets import QApplication  # noqa: E402

from dossier_desk.api import ApiProfile, DossierApi  # noqa: E402
from dossier_desk.api.tokens import CallbackTokenProvider  # noqa: E402
from dossier_desk.capabilities import capabilities_from_token  # noqa: E402
from dossier_desk.config import Profile  # noqa: E402
from dossier_desk.store import DossierStore  # noqa: E402
from dossier_desk.ui import i18n  # noqa: E402
from dossier_desk.ui.bridge import SyncBridge  # noqa: E402
from dossier_desk.ui.errors import MessageBridge  # noqa: E402
from dossier_desk.ui.main_window import MainWindow  # noqa: E402
from dossier_desk.ui.models.dossier_filter import DossierFilter  # noqa: E402
from dossier_desk.ui.style import apply_style  # noqa: E402
from dossier_desk.ui.workspace import open_workspace  # noqa: E402
from dossier_sandbox import SandboxConfig, SandboxServer  # noqa: E402

USER = "caseworker@demo"
SIZES = ((1366, 768), (1920, 1080))


async def _settle() -> None:
    """Let the qasync loop paint (never ``processEvents()`` inside a coroutine: it re-enters the loop)."""
    for _ in range(5):
        await asyncio.sleep(0.02)


async def _shoot(
    app: QApplication, server: SandboxServer, profile: Profile, out: Path, dark: bool, lang: str, sync: bool
) -> None:
    """One workspace in ``lang`` (its texts are translated when it is built), shot at every size."""
    translators = i18n.install_translators(app, i18n.locale_for(lang))
    apply_style(app, dark=dark, follow_os=False)
    api = DossierApi(
        ApiProfile(server.api_root, server.company_id),
        CallbackTokenProvider(lambda: server.issue_token(USER)),
    )
    messages = MessageBridge()
    messages.interactive = False
    bridge = SyncBridge()
    rights = capabilities_from_token(server.issue_token(USER))
    ws = await open_workspace(profile, api, bridge, USER, rights, messages)
    try:
        if sync:  # once: the later workspaces open the same, already filled store
            error = await ws.engine.sync_now()
            if error is not None:
                raise error
        window = ws.window
        window.show()
        window.filter_bar.set_filter(DossierFilter(open_only=True))
        window.table.selectRow(3)
        bridge.outbox_changed(0, 0, 0)
        bridge.connectivity_changed(True, False)
        bridge.rate_limit_changed(5874)
        bridge.sync_finished(datetime.now(UTC), None)
        for width, height in SIZES:
            window.resize(width, height)
            await _settle()
            suffix = f"{width}x{height}-{'dark' if dark else 'light'}-{lang}.png"
            window.grab().save(str(out / f"main-{suffix}"))
            print(out / f"main-{suffix}")
            if width == SIZES[0][0]:
                await _extra_shots(window, ws.store, out, suffix)
                window.show()
    finally:
        await ws.aclose()
        await api.aclose()
        ws.window.close()
        ws.window.deleteLater()
        await _settle()
        i18n.remove_translators(app, translators)


async def _extra_shots(window: MainWindow, store: DossierStore, out: Path, suffix: str) -> None:
    """The contacts page and the new-dossier dialog after a failed first attempt (errors on fields)."""
    window.pages.setCurrentWidget(window.contacts_page)
    await _settle()  # the page builds its view when first shown: let it be laid out before scrolling it
    first = store.contacts()[0].no if store.contacts() else ""
    window.contacts.show_contact(first)
    await _settle()
    window.grab().save(str(out / f"contacts-{suffix}"))
    window.pages.setCurrentIndex(0)
    dialog = window.new_dossier()
    dialog.submit()  # empty: shows the required-field messages
    await _settle()
    dialog.grab().save(str(out / f"new-dossier-{suffix}"))
    dialog.reject()


async def _all(app: QApplication, server: SandboxServer, out: Path) -> None:
    profile = Profile(
        name="screenshots", api_root=server.api_root, authority=server.authority, company_id=server.company_id
    )
    first = True
    for dark in (False, True):
        for lang in ("en", "nl"):
            await _shoot(app, server, profile, out, dark, lang, sync=first)
            first = False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)  # one window after another: closing one must not stop the loop
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with (
        SandboxServer(
            SandboxConfig(dossiers=args.dossiers, rate_limit=None, data_dir=_HOME / "sandbox")
        ) as server,
        loop,
    ):
        loop.run_until_complete(_all(app, server, args.out))


if __name__ == "__main__":
    main()
