"""Screenshots of the file check: the File check tab, the At risk page and the re-integration file's PDF
pages, in English and Dutch, at 1366x768.

Starts the bundled sandbox in-process, creates sickness dossiers in each state through its API (the same
helpers as the GUI tests), opens the app's real workspace as the demo caseworker and saves PNGs under
``./screenshots/file-check/``. Needs ``pdftoppm`` (poppler-utils) for the PDF pages. Under Xvfb:
``DISPLAY=:97 QT_QPA_PLATFORM=xcb uv run python scripts/screenshots_file_check.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_HOME = Path(tempfile.mkdtemp(prefix="dossier-fc-shots-"))
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_HOME / _var.lower())
os.environ["DOSSIER_DESK_HOME"] = str(_HOME)
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dossier_desk.api import ApiProfile, DossierApi  # noqa: E402
from dossier_desk.api.tokens import CallbackTokenProvider  # noqa: E402
from dossier_desk.capabilities import capabilities_from_token  # noqa: E402
from dossier_desk.config import Profile  # noqa: E402
from dossier_desk.ui import i18n  # noqa: E402
from dossier_desk.ui.bridge import SyncBridge  # noqa: E402
from dossier_desk.ui.errors import MessageBridge  # noqa: E402
from dossier_desk.ui.filecheck.at_risk import AtRiskView  # noqa: E402
from dossier_desk.ui.filecheck.tab import FileCheckTab  # noqa: E402
from dossier_desk.ui.workspace import open_workspace  # noqa: E402
from dossier_sandbox import SandboxConfig, SandboxServer  # noqa: E402
from tests.gui.poortwachter_support import (  # noqa: E402
    ALL_DOCUMENTS,
    EVALUATION,
    FIRST_YEAR,
    PLAN,
    PROBLEM_ANALYSIS,
    REGISTERED,
    UWV_REPORT,
    absence_dossier,
)


async def _settle(seconds: float = 0.5) -> None:
    await asyncio.sleep(seconds)
    QApplication.processEvents()


async def run(out: Path, lang: str) -> None:
    app = QApplication.instance()
    translators = i18n.install_translators(app, i18n.locale_for(lang))
    with SandboxServer(SandboxConfig(dossiers=40, rate_limit=None)) as server:
        evaluations = tuple(
            (f"Evaluatie plan van aanpak week {w}", "Administrative", w) for w in range(14, 87, 6)
        )
        week91 = absence_dossier(
            server,
            started_days_ago=89 * 7,
            description="Langdurig verzuim – week 91",
            completed=(REGISTERED, PROBLEM_ANALYSIS, PLAN, EVALUATION, UWV_REPORT, FIRST_YEAR),
            documents=ALL_DOCUMENTS[:-1] + evaluations,
            case_manager="SVD",
        )
        absence_dossier(
            server,
            started_days_ago=70,
            description="Ziekmelding – probleemanalyse ontbreekt",
            completed=(REGISTERED, PROBLEM_ANALYSIS, PLAN),
            documents=(("Plan van aanpak", "Legal", 8),),
            case_manager="PJ",
        )
        absence_dossier(
            server,
            started_days_ago=210,
            description="Evaluatie te laat",
            completed=(REGISTERED, PROBLEM_ANALYSIS, PLAN),
            documents=ALL_DOCUMENTS[:3],
            case_manager="PJ",
        )
        reported = absence_dossier(
            server,
            started_days_ago=98 + 327,
            description="Drie stappen te laat",
            completed=(REGISTERED, PROBLEM_ANALYSIS, PLAN),
            case_manager="AB",
        )
        user = "caseworker@demo"
        token = server.issue_token(user)
        api = DossierApi(
            ApiProfile(server.api_root, server.company_id),
            CallbackTokenProvider(lambda: server.issue_token(user)),
            timeout=10.0,
        )
        profile = Profile(
            name=f"shots-{lang}",
            api_root=server.api_root,
            authority=server.authority,
            company_id=server.company_id,
        )
        messages = MessageBridge()
        messages.interactive = False
        bridge = SyncBridge()
        ws = await open_workspace(profile, api, bridge, user, capabilities_from_token(token), messages)
        await ws.engine.sync_now()
        window = ws.window
        window.resize(1366, 768)
        window.show()
        await _settle()
        # File check tab of the week-91 dossier.
        window.show_dossier(week91["id"])
        await ws.store.refresh_workflow(week91["id"])
        await ws.store.refresh_documents(week91["id"])
        tab = window.findChild(FileCheckTab)
        window.detail.tabs.setCurrentWidget(tab)
        window.splitter.setSizes([420, 946])
        await _settle()
        window.grab().save(str(out / f"file-check-tab-{lang}.png"))
        # Workflow tab (deadline summary above the steps) of the same dossier.
        window.detail.tabs.setCurrentIndex(2)
        await _settle()
        window.grab().save(str(out / f"workflow-tab-{lang}.png"))
        # The reported case: three undecided steps past due, one 327 days; summary and table agree.
        window.show_dossier(reported["id"])
        await ws.store.refresh_workflow(reported["id"])
        await _settle()
        window.grab().save(str(out / f"workflow-overdue-{lang}.png"))
        # At risk page after downloading what the cache lacks.
        view = window.findChild(AtRiskView)
        window.filter_bar.at_risk_button.click()
        done = asyncio.Event()
        view.downloadFinished.connect(done.set)
        view.download_unchecked()
        await done.wait()
        await _settle()
        window.grab().save(str(out / f"at-risk-{lang}.png"))
        # The PDF, rendered page by page.
        pdf = out / f"reintegration-file-{lang}.pdf"
        tab.export_to(pdf)
        await ws.aclose()
        await api.aclose()
        window.close()
    i18n.remove_translators(app, translators)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots" / "file-check")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        for lang in ("en", "nl"):
            loop.run_until_complete(run(args.out, lang))
            pdf = args.out / f"reintegration-file-{lang}.pdf"
            subprocess.run(
                ["pdftoppm", "-r", "60", "-png", str(pdf), str(args.out / f"pdf-{lang}")], check=True
            )
    print(f"saved to {args.out}")


if __name__ == "__main__":
    main()
