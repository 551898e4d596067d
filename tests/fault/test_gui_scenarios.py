"""The real workspace window (``open_workspace``: window, store, engine, bridge, tabs) on the qasync loop
against a faulty sandbox: the window stays responsive (a timer probe measures the loop's lag), the status
bar tells the user what went wrong in a readable sentence, and after recovery every edit the user made
is on the server and in the cache exactly once.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from dossier_desk.api import ApiProfile, DossierApi, NetworkError, ServerError
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_desk.capabilities import capabilities_from_token
from dossier_desk.config import Profile
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.workspace import Workspace
from dossier_sandbox import FaultConfig, SandboxServer
from tests.fault.qt_loop import LagProbe, open_test_workspace, run_on_loop
from tests.fault.support import (
    FAST,
    SkewClock,
    assert_readable,
    make_edits,
    server_dossiers,
    verify_exactly_once,
)
from tests.fault_summary import record

pytestmark = [pytest.mark.usefixtures("logging_expected"), pytest.mark.qt_log_ignore("propagateSizeHints")]

MAX_LAG_S = 0.25  # a blocking network call would freeze the loop for the whole injected latency


def test_window_stays_responsive_and_explains_faults(
    qtbot, loop, fault_sandbox: Callable[..., SandboxServer]
) -> None:
    server = fault_sandbox(dossiers=60)
    visible = len(server_dossiers(server))  # what a caseworker's clearance shows
    token = server.issue_token("caseworker@demo")
    api = DossierApi(
        ApiProfile(server.api_root, server.company_id),
        CallbackTokenProvider(lambda: server.issue_token("caseworker@demo")),
        timeout=1.0,
        max_retries=1,
        retry_policy=FAST,
    )
    profile = Profile(
        name="fault-gui", api_root=server.api_root, authority=server.authority, company_id=server.company_id
    )
    messages = MessageBridge()
    messages.interactive = False
    shown_errors: list[str] = []
    messages.errorShown.connect(lambda _title, text: shown_errors.append(text))
    ws: Workspace = run_on_loop(
        qtbot, open_test_workspace(profile, api, "caseworker@demo", capabilities_from_token(token), messages)
    )
    window, status = ws.window, ws.window.status
    qtbot.addWidget(window)
    clock = SkewClock()
    ws.engine.clock = clock  # deferred writes become due when the test says (no minutes of backoff)
    ws.engine.offline_retry_s = 0.2
    probe = LagProbe()
    try:
        window.show()
        probe.start()
        ws.start_sync(interval_s=30)
        qtbot.waitUntil(lambda: status.sync_label.text().startswith("Last sync"), timeout=10_000)

        # 1. 503/500/504 for everything, slowly: the edit is kept, the status bar says why sync failed.
        server.faults = FaultConfig(error_rate=1.0, error_statuses=(500, 503, 504), latency_ms=300)
        edits = make_edits(ws.store, "gui-5xx", creates=2, updates=2)
        assert window.model.rowCount() == visible + 2  # queued creates are shown at once
        qtbot.waitUntil(lambda: status.sync_label.text().startswith("Sync failed"), timeout=15_000)
        assert_readable(status.sync_label.toolTip())
        assert status.sync_label.toolTip().startswith(ServerError().user_message() + " (Support reference: ")
        assert "pending" in status.outbox.text()

        # 2. The connection drops mid-response on every request: offline, said in words.
        server.faults = FaultConfig(drop_rate=1.0, latency_ms=300)
        clock.skip()
        qtbot.keyClick(window.table, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: "Offline" in status.connectivity.text(), timeout=15_000)
        assert status.sync_label.toolTip() == NetworkError().user_message()  # no response: no reference
        late = make_edits(ws.store, "gui-offline", creates=1, updates=1)
        edits.creates.update(late.creates)
        edits.updates.update(late.updates)

        # 3. Back, but slow: the loop notices by itself and sends everything.
        server.faults = FaultConfig(latency_ms=150)
        clock.skip()
        qtbot.waitUntil(lambda: status.outbox.text() == "All changes sent", timeout=30_000)
        qtbot.waitUntil(lambda: "Online" in status.connectivity.text(), timeout=10_000)
        probe.stop()
        assert probe.ticks > 50
        assert probe.max_gap < MAX_LAG_S, f"the GUI thread was blocked for {probe.max_gap:.3f} s"
        assert shown_errors == []  # sync failures go to the status bar, never a pile of dialogs
        assert window.model.rowCount() == visible + 3
        verify_exactly_once((server, ws.store.cache, ws.store.outbox), edits)
    finally:
        probe.stop()
        run_on_loop(qtbot, ws.aclose())
    record("scenarios")
