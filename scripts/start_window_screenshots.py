"""Screenshots of the start window at 1366x768: welcome (with a site profile), environments, and a
company whose environment lacks the extension; English and Dutch.

Runs the real start flow against a sandbox tenant (two environments, one without the extension) with
the scripted demo browser, in throw-away platform directories. Offscreen by default; under Xvfb:
``DISPLAY=:95 QT_QPA_PLATFORM=xcb uv run python scripts/start_window_screenshots.py``.
Output: ``./screenshots/start-*.png``.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_HOME = Path(tempfile.mkdtemp(prefix="dossier-start-shots-"))
os.environ["DOSSIER_DESK_HOME"] = str(_HOME)
os.environ["DOSSIER_DESK_SITE_CONFIG"] = str(_HOME / "site")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dossier_desk.auth import DemoBrowser  # noqa: E402
from dossier_desk.config import ProfileStore, SignInSettings  # noqa: E402
from dossier_desk.demo import DEMO_CLIENT_ID  # noqa: E402
from dossier_desk.ui import i18n  # noqa: E402
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog  # noqa: E402
from dossier_desk.ui.session.start_flow import StartFlow  # noqa: E402
from dossier_desk.ui.session.start_window import StartWindow  # noqa: E402
from dossier_desk.ui.style import apply_style  # noqa: E402
from dossier_sandbox import SandboxConfig, SandboxServer  # noqa: E402

OUT = ROOT / "screenshots"


async def _until(condition, timeout_s: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError("the start window did not get there")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)  # let it paint


async def shoot(app: QApplication, server: SandboxServer, lang: str) -> None:
    settings = SignInSettings(
        authority=server.authority,
        client_id=DEMO_CLIENT_ID,
        environments_url=server.environments_url,
        admin_url=server.admin_url,
        oidc_authority=True,
        ca_cert_path=str(server.ca_cert_path),
    )
    window = StartWindow()
    window.resize(1366, 768)
    browser = DemoBrowser("caseworker@demo", ca_cert_path=server.ca_cert_path)
    flow = StartFlow(window, ProfileStore(), settings, browser_factory=lambda _user: browser)
    task = asyncio.ensure_future(flow.run())
    await _until(window.isVisible)
    window.grab().save(str(OUT / f"start-welcome-{lang}.png"))
    window.work_account_button.click()
    await _until(lambda: any(isinstance(w, SignInDialog) and w.isVisible() for w in app.topLevelWidgets()))
    next(
        w for w in app.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible()
    ).sign_in_button.click()
    await _until(lambda: window.page() == StartWindow.ENVIRONMENTS)
    window.grab().save(str(OUT / f"start-environments-{lang}.png"))
    window.environment_list.setCurrentRow(1)
    window.environmentChosen.emit(1)
    await _until(lambda: window.page() == StartWindow.COMPANIES)
    window.companyChosen.emit(0)
    await _until(window.problem_label.isVisible)
    window.grab().save(str(OUT / f"start-extension-missing-{lang}.png"))
    window.hide()
    window.closed.emit()
    await task
    window.deleteLater()


async def main(app: QApplication) -> None:
    site = _HOME / "site"
    site.mkdir(parents=True)
    (site / "site.ini").write_text(
        "[DossierDesk]\nTenant=contoso.onmicrosoft.com\nEnvironment=Production\n"
        "Company=CRONUS Nederland BV\n",
        encoding="utf-8",
    )
    config = SandboxConfig(
        dossiers=20,
        environments=("Production", "Test"),
        companies=("CRONUS Nederland BV", "Tweede BV"),
        extension_missing_in=("Test",),
        data_dir=_HOME / "sandbox",
    )
    with SandboxServer(config) as server:
        for lang in ("en", "nl"):
            translators = i18n.install_translators(app, i18n.locale_for(lang))
            await shoot(app, server, lang)
            i18n.remove_translators(app, translators)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    application = QApplication(sys.argv[:1])
    application.setQuitOnLastWindowClosed(False)
    apply_style(application)
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(main(application))
    print(f"screenshots in {OUT}")
