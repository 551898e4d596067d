"""Child process of ``test_start_order``: a session window opened as ``run_app`` opens it (after
sign-in), reporting which modules were imported when its table first painted, then using the parts
built after that paint: the detail tabs, and the API client syncing from the sandbox.

Started as ``python -m tests.gui.start_order_child '<json>'`` with a private ``DOSSIER_DESK_HOME``;
prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import TYPE_CHECKING

import qasync
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog

from dossier_desk.api.deferred import DeferredApi
from dossier_desk.api.tokens import StaticTokenProvider
from dossier_desk.capabilities import capabilities_from_token
from dossier_desk.config import Profile
from dossier_desk.session_config import api_profile_for
from dossier_desk.ui.bridge import SyncBridge
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.workspace import open_workspace

if TYPE_CHECKING:
    from dossier_desk.api.client import DossierApi

# Imported only once the table has painted (or the network is first used).
WATCHED = (
    "httpx",
    "msal",
    "cryptography",  # only for an encrypted cache's upload copies
    "dossier_desk.ui.views.contacts_view",  # the Contacts tab is built when first shown
    "dossier_desk.ui.views.dossier_form",  # the detail form: none is shown before a dossier is
    "xml.etree.ElementTree",  # for the service's $metadata (the sync's first requests)
    "plistlib",  # macOS managed preferences, read only when present
    "dossier_desk.api.client",
    "dossier_desk.ui.documents.tab",
    "dossier_desk.ui.documents.upload_dialog",
    "dossier_desk.ui.filecheck.wiring",
    "dossier_desk.ui.workflow.tab",
    "dossier_desk.ui.workflow.radar",  # the Next deadline column needs only the sickness type codes
    "dossier_desk.ui.sync_issues.window",
)


class _Painted(QObject):
    def __init__(self, done: asyncio.Future[list[str]]) -> None:
        super().__init__()
        self._done = done

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done.done():
            self._done.set_result([name for name in WATCHED if name in sys.modules])
        return False


async def run(args: dict[str, str]) -> dict[str, object]:
    profile = Profile(
        name="order",
        api_root=args["api_root"],
        authority=args["authority"],
        company_id=args["company_id"],
        oidc_authority=True,
        demo=True,
    )
    bridge = SyncBridge()

    def make_api() -> DossierApi:  # as run_app's new_api
        from dossier_desk.api.client import DossierApi

        return DossierApi(api_profile_for(profile), StaticTokenProvider(args["token"]))

    api = DeferredApi(make_api)
    messages = MessageBridge()
    messages.interactive = False
    workspace = await open_workspace(
        profile, api, bridge, "me", capabilities_from_token(args["token"]), messages, parts_after_paint=True
    )
    painted: asyncio.Future[list[str]] = asyncio.get_running_loop().create_future()
    probe = _Painted(painted)
    workspace.window.table.viewport().installEventFilter(probe)
    workspace.window.show()
    workspace.start_sync()  # as run_app: asked for at once, started once the window is complete
    at_paint = await painted
    tabs_at_paint = workspace.window.detail.tabs.count()
    contacts_at_paint = workspace.window.contacts_page.built
    form_at_paint = workspace.window.detail._form_slot.built
    parts = await workspace.ready()
    form_after_parts = workspace.window.detail._form_slot.built
    tabs = [workspace.window.detail.tabs.tabText(i) for i in range(workspace.window.detail.tabs.count())]
    for _ in range(600):  # the sync fills the table through the client built at its first request
        if workspace.window.model.rowCount() > 0:
            break
        await asyncio.sleep(0.05)
    workspace.window.pages.setCurrentWidget(workspace.window.contacts_page)  # builds and fills the view
    contacts_view = workspace.window.contacts_page.view
    workspace.window.preferences_action.trigger()
    preferences = workspace.window.findChild(QDialog, "preferencesDialog")
    preferences_shown = preferences is not None and preferences.isVisible()
    if preferences is not None:
        preferences.reject()
    report = {
        "contacts_at_paint": contacts_at_paint,
        "form_at_paint": form_at_paint,
        "form_after_parts": form_after_parts,
        "contacts_view": type(contacts_view).__name__,
        "contacts_in_page": contacts_view.parentWidget() is workspace.window.contacts_page,
        "contacts_listed": contacts_view.contacts_model.rowCount(),
        "at_paint": at_paint,
        "tabs_at_paint": tabs_at_paint,
        "tabs": tabs,
        "documents_tab": parts.documents is not None,
        "api_built": api.built,
        "rows": workspace.window.model.rowCount(),
        "httpx_now": "httpx" in sys.modules,
        "preferences_shown": preferences_shown,
    }
    workspace.window.close_guard.release()
    workspace.window.close()
    await workspace.aclose()
    await api.aclose()
    return report


def main() -> None:
    args = json.loads(sys.argv[1])
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # as the app: closing the window must not stop the loop
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        report = runner.run(run(args))
    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()
    del app


if __name__ == "__main__":
    main()
