"""Two people, one profile, one computer: the second never sees the first one's data, and the first
one's queued writes are sent only under the first one's name.

Occupational health works on the profile (a full sync, a medical document list, an edit queued while
working offline), closes the app without signing out, and their token disappears from the token
cache. The line manager then signs in on the same profile with the real app (``run_app``, real MSAL
against the sandbox's OIDC provider, a test keyring so caches are encrypted). Checked:

* the line manager's window and store hold no dossier, document or medical detail that only
  occupational health may see, and no trace of the queued edit;
* no file on disk holds those texts in readable form (both stores are SQLCipher files);
* the sandbox records zero writes by the line manager; occupational health's edit did not arrive;
* the line manager is told that occupational health's change waits for them;
* when occupational health signs in again, their edit is sent, under their own name.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from dossier_desk.demo import DEMO_PROFILE_NAME
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import profile_root
from dossier_desk.store.crypto import is_plaintext_sqlite
from dossier_desk.ui.errors import MessageBridge
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.startup import StartupOptions, run_app
from dossier_sandbox import SandboxServer
from tests.gui.demo_support import demo_against
from tests.sandbox_fixtures import client_of
from tests.unit.store_helpers import memory_keyring  # noqa: F401 - fixture

pytestmark = pytest.mark.slow
OPEN_STATES = ("New", "Open", "In Process")


def _windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


@pytest.fixture
def shared_sandbox(sandbox_factory, monkeypatch: pytest.MonkeyPatch) -> SandboxServer:
    """One sandbox for every run of the app, which starts it in demo mode (profile kept between runs)."""
    server = sandbox_factory(dossiers=80)
    demo_against(server, monkeypatch)
    return server


def _run(qtbot, user: str, work) -> None:
    """Start the app as ``user``, wait for data, run ``work(window)`` (a coroutine), close the window."""
    messages = MessageBridge()
    messages.interactive = False
    options = StartupOptions(demo=True, demo_user=user, dossiers=0, profile_name=None, smoke=False)
    before = set(map(id, _windows()))
    task = asyncio.ensure_future(run_app(QApplication.instance(), options, messages))
    qtbot.waitUntil(
        lambda: any(w.model.rowCount() for w in _windows() if id(w) not in before) or task.done(),
        timeout=60_000,
    )
    assert not task.done(), task.result()
    window = next(w for w in _windows() if id(w) not in before)
    done = asyncio.ensure_future(work(window))
    qtbot.waitUntil(done.done, timeout=60_000)
    done.result()
    # closed, not signed out: the close question (queued edits) is answered with "Close"
    window.close_guard.promptShown.connect(lambda box: _click(box, "Close"))
    window.close()
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == 0


def _click(box, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    QTimer.singleShot(0, button.click)


def _remove_tokens() -> None:
    """The signed-in person's tokens are gone (expired and cleaned up, or the cache was reset)."""
    (profile_root(DEMO_PROFILE_NAME) / "token_cache.bin").unlink()


def _readable_anywhere(texts: set[str]) -> list[tuple[Path, str]]:
    home = Path(os.environ["DOSSIER_DESK_HOME"])
    found = []
    for path in home.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            found += [(path, t) for t in texts if t.encode("utf-8") in blob]
    return found


def test_second_account_sees_nothing_of_the_first_and_sends_nothing_for_them(
    qapp,
    qtbot,
    loop,
    shared_sandbox,
    memory_keyring,  # noqa: F811
) -> None:
    server = shared_sandbox
    with client_of(server, "occhealth@demo") as oh, client_of(server, "linemanager@demo") as lm:
        oh_ids = {d["id"] for d in oh.get("dossiers").json()["value"]}
        lm_ids = {d["id"] for d in lm.get("dossiers").json()["value"]}
        hidden = oh_ids - lm_ids  # dossiers above the line manager's clearance
        assert hidden, "the seed must hold dossiers the line manager may not see"
        medical = [
            d for d in oh.get("dossiers").json()["value"] if d["category"] == "Medical" and d["id"] in lm_ids
        ]
        assert medical, "the seed must hold medical dossiers the line manager sees blanked"
        # Texts the line manager may legitimately see (seed descriptions repeat across dossiers).
        lm_truth = {
            d[f] for d in lm.get("dossiers").json()["value"] for f in ("description", "yourReference") if d[f]
        }
    secret = "OH-" + secrets.token_hex(6)
    state: dict[str, object] = {}

    async def occupational_health(window: MainWindow) -> None:
        store = window._repo
        target = next(d for d in store.load_dossiers() if d.id in hidden and d.status in OPEN_STATES)
        docs = []
        for dossier in medical:
            docs += await store.refresh_documents(dossier["id"])
        state["doc_titles"] = {
            d.description for d in docs if d.description and (d.document_type == "Medical" or d.confidential)
        }
        state["hidden_texts"] = {
            d.description for d in store.load_dossiers() if d.id in hidden and d.description
        }
        state["medical_texts"] = {d["description"] for d in medical if d["description"]}
        window.offline_action.setChecked(True)  # the edit stays queued
        store.save_dossier_changes(target.id, {DossierField.YOUR_REFERENCE: secret}).wait()
        state["target"] = target.id
        state["oh_key"] = store.cache.db.paths.root.parent.name

    _run(qtbot, "occhealth@demo", occupational_health)
    assert state["doc_titles"], "occupational health saw no medical documents: the test proves nothing"
    _remove_tokens()
    server_writes_before = dict(server.stats()["requests"].get("writesByUser", {}))

    async def line_manager(window: MainWindow) -> None:
        store = window._repo
        shown = store.load_dossiers()
        state["lm_ids"] = {d.id for d in shown}
        state["lm_texts"] = {
            t for d in shown for t in (d.description, d.your_reference, d.our_reference, d.department) if t
        }
        docs = []
        for dossier in medical:
            docs += store.documents(dossier["id"]) + await store.refresh_documents(dossier["id"])
        state["lm_doc_titles"] = {d.description for d in docs}
        state["lm_outbox"] = store.outbox_items()
        state["notice"] = next(
            (w.text() for w in window.status.children() if w.objectName() == "waitingWrites"), ""
        )

    _run(qtbot, "linemanager@demo", line_manager)

    # Nothing of occupational health's reached the line manager's window or store.
    assert state["lm_ids"], "the line manager saw no dossiers at all"
    assert not (state["lm_ids"] & hidden)
    assert state["target"] not in state["lm_ids"]
    forbidden = (state["hidden_texts"] | state["medical_texts"] | {secret}) - lm_truth
    assert len(forbidden) >= 3
    assert not (state["lm_texts"] & forbidden)
    assert not (state["lm_doc_titles"] & state["doc_titles"])
    assert state["lm_outbox"] == []
    assert "1 change" in state["notice"]
    assert "Anouk Bakker" in state["notice"]  # occupational health's name, nothing of the change
    # Nothing readable on disk: every store is encrypted, no other file holds the texts.
    stores = list(profile_root(DEMO_PROFILE_NAME).rglob("cache.db"))
    assert len(stores) == 2, "one store per account"
    assert not any(is_plaintext_sqlite(p) for p in stores)
    assert _readable_anywhere(state["doc_titles"] | forbidden) == []
    # Nothing was written under the line manager's name; the queued edit did not go out.
    writes = server.stats()["requests"].get("writesByUser", {})
    assert writes.get("linemanager@demo", 0) == server_writes_before.get("linemanager@demo", 0) == 0
    with client_of(server, "occhealth@demo") as oh:
        assert oh.get(f"dossiers({state['target']})").json().get("yourReference") != secret

    # Occupational health comes back: the edit is sent, with their token. A document a crash left
    # in their opened-documents folder is removed at this start.
    _remove_tokens()
    [oh_store] = [p for p in stores if p.parent.parent.name == state["oh_key"]]
    leftover = oh_store.parent.parent / "opened-documents" / "crashed-123" / "Medische verklaring.pdf"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"%PDF left behind")

    async def back_again(window: MainWindow) -> None:
        window.offline_action.setChecked(False)
        for _ in range(200):
            if not window._repo.outbox_items():
                return
            await asyncio.sleep(0.1)
        raise AssertionError("the queued edit was not sent")

    _run(qtbot, "occhealth@demo", back_again)
    with client_of(server, "occhealth@demo") as oh:
        assert oh.get(f"dossiers({state['target']})").json()["yourReference"] == secret
    writes = server.stats()["requests"].get("writesByUser", {})
    assert writes.get("occhealth@demo", 0) >= 1
    assert writes.get("linemanager@demo", 0) == 0
    assert not leftover.exists()
    # Every file the app wrote is private (0600) in a private folder (0700).
    home = Path(os.environ["DOSSIER_DESK_HOME"])
    for path in [*(home / "data").rglob("*"), *(home / "config").rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path.relative_to(home), oct(mode))
