"""Cold start of the real app window over a cache that already holds every dossier, offscreen.

Started as ``python -m tests.bench.children.start_app '<json>'`` with ``DOSSIER_DESK_HOME`` pointing at
the harness's home. It follows ``dossier_desk.app.main`` and ``ui.startup.run_app`` up to the first paint
of the table: the layers below the UI imported before Qt (``dossier_desk.below_qt``, which also pauses
the garbage collector until the imports are done), QApplication, style, translators, message bridge,
qasync loop, the API client as ``run_app`` makes it (a
:class:`~dossier_desk.api.deferred.DeferredApi`: built at its first request),
then the real ``ui.workspace.open_workspace`` with ``parts_after_paint`` as ``run_app`` calls it (opens
the profile's cache, builds the main window with its table, shows the table's first screenful; the
detail tabs, docks and the rest of the rows follow the first paint), ``show()``, and the first paint of
the table's viewport. With ``settle_ms`` (the memory scenario) it also waits until every cached row is
in the table (the window's other parts are built by then) before settling.

Sign-in and company discovery are left out, as on a returning user's start: ``run_app`` opens the
remembered account's workspace from its cache before signing in, and builds the sign-in (importing MSAL)
only after the table has painted (``ui.returning_start``); the token is passed in as that sign-in would
bring it. Sync is not started
(``run_app`` asks for it at once, and it starts once the window's parts are built, i.e. after the first
paint): this measures start-up from the local cache, which is what the budget is about. Prints one
JSON report line (see :mod:`.paint_probe`).
"""

from __future__ import annotations

import time

T_START = time.monotonic()

import asyncio  # noqa: E402 - the start mark must come before every import
import json  # noqa: E402
import sys  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import dossier_desk.below_qt  # noqa: E402 - before Qt, as the app does

# isort: split
import qasync  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dossier_desk import __version__  # noqa: E402
from dossier_desk.api.deferred import DeferredApi  # noqa: E402
from dossier_desk.api.tokens import StaticTokenProvider  # noqa: E402
from dossier_desk.capabilities import capabilities_from_token  # noqa: E402
from dossier_desk.config import APP_AUTHOR, APP_NAME, Profile  # noqa: E402
from dossier_desk.session_config import api_profile_for  # noqa: E402
from dossier_desk.ui.bridge import SyncBridge  # noqa: E402
from dossier_desk.ui.errors import MessageBridge  # noqa: E402
from dossier_desk.ui.i18n import install_translators, locale_for  # noqa: E402
from dossier_desk.ui.style import apply_style  # noqa: E402
from dossier_desk.ui.workspace import open_workspace  # noqa: E402
from tests.bench.children.paint_probe import FirstPaint, report_and_exit  # noqa: E402

dossier_desk.below_qt.modules_loaded()  # as the app does after its imports

if TYPE_CHECKING:
    from dossier_desk.api import DossierApi


async def show_window(args: dict[str, object], marks: dict[str, float], messages: MessageBridge) -> None:
    profile = Profile(
        name=str(args["profile"]),
        api_root=str(args["api_root"]),
        authority=str(args["authority"]),
        company_id=str(args["company_id"]),
        oidc_authority=True,
        demo=True,
    )
    token = str(args["token"])
    bridge = SyncBridge()

    def make_api() -> DossierApi:  # as run_app's: built at its first request (none before the paint)
        from dossier_desk.api.client import DossierApi

        return DossierApi(
            api_profile_for(profile),
            StaticTokenProvider(token),
            on_rate_limit=lambda info: bridge.rate_limit_changed(info.remaining),
        )

    api = DeferredApi(make_api)
    account, caps = str(args["account"]), capabilities_from_token(token)
    workspace = await open_workspace(profile, api, bridge, account, caps, messages, parts_after_paint=True)
    marks["workspace_built"] = time.monotonic()
    painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    probe = FirstPaint(lambda at: painted.done() or painted.set_result(at))
    workspace.window.table.viewport().installEventFilter(probe)
    workspace.window.show()
    marks["shown"] = time.monotonic()
    marks["first_paint"] = await painted
    settle = int(args.get("settle_ms", 0))  # type: ignore[call-overload]
    extra: dict[str, int] = {}
    if settle:
        # Memory is measured with every row loaded: the table shows its first screenful first and
        # reads the rest in the background.
        import psutil  # the memory scenario only: its start-up time is not measured

        extra["rss_first_paint_bytes"] = psutil.Process().memory_info().rss
        filled = getattr(workspace, "table_filled", None)
        if filled is not None:
            await filled
        # In the app the sync has built the API client by now (it starts once the window is complete):
        # one request builds it here too, so the figure holds the network stack as the app's does.
        await api.list_companies()
        marks["table_filled"] = time.monotonic()
        extra["rss_filled_bytes"] = psutil.Process().memory_info().rss
        await asyncio.sleep(settle / 1000.0)
    report_and_exit(marks, rows=workspace.window.model.rowCount(), **extra)


def main() -> None:
    args = json.loads(sys.argv[1])
    marks = {"start": T_START, "imported": time.monotonic()}
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv[:1])
    marks["qapplication"] = time.monotonic()
    apply_style(app)
    translators = install_translators(app, locale_for(None))
    messages = MessageBridge()
    messages.interactive = False
    marks["styled"] = time.monotonic()
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(show_window(args, marks, messages))
    del translators


if __name__ == "__main__":
    main()
