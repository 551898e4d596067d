""" "This dossier was updated on the server" only when the server's version differs from the one the edit
was based on: never for a sync that brings the same version, for our own write coming back, or after an
offline save; cleared after saving; and showing it never moves the field being typed in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from tests.fault.qt_loop import run_on_loop
from tests.gui.trust_support import workspace_for
from tests.sandbox_fixtures import client_of, new_dossier

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _y(widget, window) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


def test_banner_only_for_real_server_changes(qtbot, loop, sandbox, tmp_path: Path) -> None:
    with client_of(sandbox) as client:
        created = new_dossier(client, description="Banner check")
    with workspace_for(qtbot, sandbox, "caseworker@demo", tmp_path) as ws:
        window, detail = ws.window, ws.window.detail
        form, banner = detail.form, detail.banner
        window.show_dossier(created["id"])
        assert detail.dossier_id() == created["id"]
        assert not banner.isVisible()

        # Typing, then a sync pass that brings nothing new: no banner.
        qtbot.keyClicks(form.your_reference, "REF-1")
        run_on_loop(qtbot, ws.engine.sync_now())
        assert not banner.isVisible()

        # Saved and sent: our own write comes back with a new etag. Still no banner, while typing on.
        assert detail.save()
        qtbot.keyClicks(form.our_reference, "OUR-1")
        qtbot.waitUntil(lambda: created["id"] not in ws.store.pending_ids(), timeout=10_000)
        run_on_loop(qtbot, ws.engine.sync_now())
        assert not banner.isVisible()
        assert form.our_reference.text() == "OUR-1"

        # Offline save: no banner either.
        ws.engine.set_work_offline(True)
        assert detail.save()
        assert not banner.isVisible()
        ws.engine.set_work_offline(False)
        run_on_loop(qtbot, ws.engine.sync_now())
        qtbot.waitUntil(lambda: created["id"] not in ws.store.pending_ids(), timeout=10_000)
        assert not banner.isVisible()

        # A colleague changes another field while we type: the banner says so, the field stays put.
        qtbot.keyClicks(form.department, "HR")
        field_y = _y(form.department, window)
        with client_of(sandbox, "occhealth@demo") as colleague:
            current = colleague.get(f"dossiers({created['id']})").json()
            changed = colleague.patch(
                f"dossiers({created['id']})",
                json={"priority": "High"},
                headers={"If-Match": current["@odata.etag"]},
            )
            assert changed.status_code == 200, changed.text
        run_on_loop(qtbot, ws.engine.sync_now())
        qtbot.waitUntil(banner.isVisible, timeout=10_000)
        assert "updated on the server" in banner.text()
        assert _y(form.department, window) == field_y
        assert form.department.text() == "HR"  # the typing is kept
        assert form.priority.currentData() == "High"  # and the colleague's change is shown

        # Saving clears it, once the edit is on disk.
        assert detail.save()
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5_000)
