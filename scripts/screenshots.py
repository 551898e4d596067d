"""Screenshots of the main window on demo data: 1366x768 and 1920x1080, light and dark, en and nl.

Starts the bundled sandbox in-process, syncs it into a real (temporary) store with the real sync
engine, builds the real main window and saves PNGs under ``./screenshots/``. Runs offscreen by
default; set ``QT_QPA_PLATFORM=xcb`` under Xvfb (``xvfb-run``) for a real window system.

Run: ``uv run python scripts/screenshots.py [--dossiers N] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from datetime import date
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

from PySide6.QtCore import QSettings  # noqa: E402 - a UI script
from PySide6.QtWidgets import QApplication  # noqa: E402

from dossier_desk.api.client import DossierApi  # noqa: E402
from dossier_desk.api.models import Dossier  # noqa: E402
from dossier_desk.api.profile import ApiProfile  # noqa: E402
from dossier_desk.domain.deadlines import next_deadline  # noqa: E402
from dossier_desk.store import Cache, DossierStore, Outbox, SyncEngine, open_database, profile_paths  # noqa: E402
from dossier_desk.ui import i18n  # noqa: E402
from dossier_desk.ui.bridge import SyncBridge  # noqa: E402
from dossier_desk.ui.main_window import MainWindow  # noqa: E402
from dossier_desk.ui.models.dossier_filter import DossierFilter  # noqa: E402
from dossier_desk.ui.style import apply_style  # noqa: E402
from dossier_sandbox import SandboxConfig, SandboxServer  # noqa: E402

SIZES = ((1366, 768), (1920, 1080))


class _Tokens:
    """Token provider for the sandbox's demo caseworker (what MSAL does in the app)."""

    def __init__(self, server: SandboxServer) -> None:
        self._server = server

    async def get_token(self, *, force_refresh: bool = False) -> str:
        return self._server.issue_token("caseworker@demo")


class _NoSync:
    """The window needs a SyncControl; the script syncs once up front and never again."""

    async def sync_now(self) -> Exception | None:
        return None

    def set_work_offline(self, enabled: bool) -> None:
        """Nothing to switch in a screenshot run."""


async def _sync(engine: SyncEngine, api: DossierApi) -> None:
    try:
        error = await engine.sync_now()
        if error is not None:
            raise error
    finally:
        await api.aclose()


def _shoot(
    app: QApplication, store: DossierStore, bridge: SyncBridge, out: Path, dark: bool, lang: str
) -> None:
    translators = i18n.install_translators(app, i18n.locale_for(lang))
    apply_style(app, dark=dark, follow_os=False)
    today = date.today()
    sickness = {t.code for t in store.dossier_types() if t.sickness}

    def deadline(d: Dossier) -> date | None:
        # The table wants a date; deadlines.next_deadline returns a Deadline (name, due, kind).
        found = next_deadline(d, sickness, today)
        return found.due if found else None

    for width, height in SIZES:
        settings = QSettings(str(_HOME / f"shot-{lang}-{dark}-{width}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            store,
            _NoSync(),
            bridge,
            settings,
            account="caseworker@demo",
            profile="Sandbox",
            my_case_manager_code="",
            next_deadline=deadline,
        )
        window.resize(width, height)
        window.show()
        window.filter_bar.set_filter(DossierFilter(open_only=True))
        window.table.selectRow(3)
        bridge.outbox_changed(0, 0, 0)
        bridge.connectivity_changed(True, False)
        bridge.rate_limit_changed(5874)
        from datetime import UTC, datetime

        bridge.sync_finished(datetime.now(UTC), None)
        for _ in range(5):
            app.processEvents()
        suffix = f"{width}x{height}-{'dark' if dark else 'light'}-{lang}.png"
        window.grab().save(str(out / f"main-{suffix}"))
        print(out / f"main-{suffix}")
        if width == SIZES[0][0]:
            _extra_shots(app, window, store, out, suffix)
        window.close()
        window.deleteLater()
        app.processEvents()
    i18n.remove_translators(app, translators)


def _extra_shots(app: QApplication, window: MainWindow, store: DossierStore, out: Path, suffix: str) -> None:
    """The contacts page and the new-dossier dialog after a failed first attempt (errors on fields)."""
    window.pages.setCurrentWidget(window.contacts)
    first = store.contacts()[0].no if store.contacts() else ""
    window.contacts.show_contact(first)
    for _ in range(3):
        app.processEvents()
    window.grab().save(str(out / f"contacts-{suffix}"))
    window.pages.setCurrentIndex(0)
    dialog = window.new_dossier()
    dialog.submit()  # empty: shows the required-field messages
    for _ in range(3):
        app.processEvents()
    dialog.grab().save(str(out / f"new-dossier-{suffix}"))
    dialog.reject()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    with SandboxServer(
        SandboxConfig(dossiers=args.dossiers, rate_limit=None, data_dir=_HOME / "sandbox")
    ) as server:
        bridge = SyncBridge()
        api = DossierApi(ApiProfile(server.api_root, server.company_id), _Tokens(server))
        db = open_database(profile_paths("screenshots", server.company_id))
        cache, outbox = Cache(db), Outbox(db)
        engine = SyncEngine(api, cache, outbox, bridge)
        asyncio.run(_sync(engine, api))
        store = DossierStore(cache, outbox, None, bridge)
        for dark in (False, True):
            for lang in ("en", "nl"):
                _shoot(app, store, bridge, args.out, dark, lang)
        db.close()


if __name__ == "__main__":
    main()
