"""Rights before action, rights from the server: the real window against the sandbox, per demo user.

What is *shown* is what the server returns; rights only decide what is *offered*. Tokens without a
``roles`` claim (Entra ID on a real tenant) must not make the client hide documents, and a write the
server refuses with 403 teaches the client that the account is read-only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from dossier_desk.domain.rights import FROM_SERVER
from dossier_desk.ui.models import dossier_columns as c
from dossier_desk.ui.rights_state import RightsState
from dossier_sandbox import SandboxServer
from tests.gui.trust_support import roleless_token, workspace_for
from tests.sandbox_fixtures import client_of

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _first(server: SandboxServer, username: str, path: str, **params: str) -> dict:
    with client_of(server, username) as client:
        response = client.get(path, params={"$top": "1", **params})
        response.raise_for_status()
        rows = response.json()["value"]
    assert rows, f"the seed has no {path} matching {params}"
    return rows[0]


def _open_dossier_id(server: SandboxServer, username: str) -> str:
    return _first(server, username, "dossiers", **{"$filter": "status eq 'Open' and description ne ''"})["id"]


def _write_actions(window) -> list[bool]:
    return [a.isVisible() for a in (window.new_action, window.edit_action, window.delete_action)]


def test_auditor_gets_a_read_only_form_and_no_write_actions(qtbot, loop, sandbox, tmp_path: Path) -> None:
    dossier_id = _open_dossier_id(sandbox, "auditor@demo")
    with workspace_for(qtbot, sandbox, "auditor@demo", tmp_path) as ws:
        window = ws.window
        window.show_dossier(dossier_id)
        assert window.detail.dossier_id() == dossier_id
        assert _write_actions(window) == [False, False, False]
        assert window.edit_dossier(dossier_id) is None  # double-click opens no edit dialog
        assert window.delete_current() is None
        form = window.detail.form
        assert not form.description.isEnabled()
        assert not form.status.isEnabled()
        assert not window.detail.save_button.isVisibleTo(window)
        assert "Read-only" in window.detail.state_label.text()
        documents = window.detail.tabs.widget(1)
        assert not documents.add_button.isVisibleTo(window)
        assert not documents.acceptDrops()


def test_caseworker_may_write(qtbot, loop, sandbox, tmp_path: Path) -> None:
    dossier_id = _open_dossier_id(sandbox, "caseworker@demo")
    with workspace_for(qtbot, sandbox, "caseworker@demo", tmp_path) as ws:
        ws.window.show_dossier(dossier_id)
        assert _write_actions(ws.window) == [True, True, True]
        assert ws.window.edit_action.isEnabled()
        assert ws.window.delete_action.isEnabled()
        assert ws.window.detail.form.description.isEnabled()


def test_without_roles_claim_a_403_teaches_read_only_and_is_remembered(
    qtbot, loop, sandbox, tmp_path: Path
) -> None:
    dossier_id = _open_dossier_id(sandbox, "auditor@demo")
    with workspace_for(qtbot, sandbox, "auditor@demo", tmp_path, roles_claim=False) as ws:
        window = ws.window
        window.show_dossier(dossier_id)
        assert _write_actions(window) == [True, True, True]  # nothing known yet: the server decides
        form = window.detail.form
        form.description.setText(form.description.text() + " (checked)")
        form.description.textEdited.emit(form.description.text())
        assert window.detail.save()
        ws.engine.request_sync()
        qtbot.waitUntil(lambda: not window.delete_action.isVisible(), timeout=15_000)
        assert _write_actions(window) == [False, False, False]
        assert not form.description.isEnabled()
        assert ws.rights is not None
        assert ws.rights.rights.source == FROM_SERVER
    # Next session, same account: still read-only before anything is sent.
    settings = QSettings(str(tmp_path / "rights.ini"), QSettings.Format.IniFormat)
    again = RightsState(roleless_token(sandbox, "auditor@demo"), "auditor@demo", settings)
    assert again.rights.read_only
    assert again.rights.source == FROM_SERVER
    other = RightsState(roleless_token(sandbox, "caseworker@demo"), "caseworker@demo", settings)
    assert other.can_write  # remembered per account, not per profile


def test_without_roles_claim_documents_the_server_lists_are_shown(
    qtbot, loop, sandbox, tmp_path: Path
) -> None:
    medical = _first(sandbox, "occhealth@demo", "documents", **{"$filter": "documentType eq 'Medical'"})
    with workspace_for(qtbot, sandbox, "occhealth@demo", tmp_path, roles_claim=False) as ws:
        documents = ws.window.detail.tabs.widget(1)
        ws.window.show_dossier(medical["dossierId"])
        qtbot.waitUntil(lambda: medical["id"] in {d.id for d in documents.model.documents()}, timeout=10_000)


def test_restricted_dossier_says_restricted_and_offers_no_edit_or_delete(
    qtbot, loop, sandbox, tmp_path: Path
) -> None:
    blanked = _first(sandbox, "linemanager@demo", "dossiers", **{"$filter": "description eq ''"})
    # No roles claim: write rights unknown, so only the restriction keeps Edit and Delete away.
    with workspace_for(qtbot, sandbox, "linemanager@demo", tmp_path, roles_claim=False) as ws:
        window = ws.window
        window.show_dossier(blanked["id"])
        row = next(
            r for r in range(window.model.rowCount()) if window.model.dossier_id_at(r) == blanked["id"]
        )
        assert window.model.data(window.model.index(row, c.COL_DESCRIPTION)) == "Restricted"
        assert "Restricted" in window.detail.title.text()
        assert window.edit_action.isVisible()
        assert not window.edit_action.isEnabled()
        assert not window.delete_action.isEnabled()
        assert window.delete_current() is None
        assert window.edit_dossier(blanked["id"]) is None
        form = window.detail.form
        assert form.description.placeholderText() == "Restricted"
        # No status change that would then demand a description the user cannot see.
        assert not form.status.isEnabled()
        assert not window.detail.save()


def test_a_remembered_refusal_expires_and_a_fixed_state_still_learns(qapp, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from dossier_desk.domain.rights import Rights

    settings = QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat)
    clock = [datetime(2026, 3, 1, tzinfo=UTC)]
    state = RightsState("no-jwt", "someone@example", settings, now=lambda: clock[0])
    assert state.can_write
    changes: list[Rights] = []
    state.changed.connect(changes.append)
    state.note_refused()
    assert [r.can_write for r in changes] == [False]
    clock[0] += timedelta(days=6)
    assert RightsState("no-jwt", "someone@example", settings, now=lambda: clock[0]).rights.read_only
    clock[0] += timedelta(days=2)  # a week on: rights granted meanwhile are tried again
    assert RightsState("no-jwt", "someone@example", settings, now=lambda: clock[0]).can_write
    fixed = RightsState.fixed(Rights(can_write=True, role="caseworker"))
    fixed.note_refused()
    assert fixed.rights.read_only
