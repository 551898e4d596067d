"""A caseworker's day, scripted: the real app (``dossier_desk.app.main --demo``) driven step by step.

Run by ``test_caseworker_day.py`` in a subprocess under Xvfb with ``QT_QPA_PLATFORM=xcb``:
``python -m tests.e2e.caseworker_day_driver OUT_DIR``. A robot coroutine runs beside the app's own
start-up on the same qasync loop and walks sign-in (the demo user chooser), search, open, edit, upload,
a workflow action, an offline edit, back online and sign-out, saving a screenshot of the whole X screen
after each step (``NN-step.png`` in OUT_DIR). Exit code 0 when every step was seen through; on a failed
step the reason goes to stderr, a screenshot ``failed.png`` is saved and the process exits 3.
"""

from __future__ import annotations

import asyncio
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton, QWidget

import dossier_desk.app as app_module
from dossier_desk.domain.text_fold import fold
from dossier_desk.ui.dialogs.sign_in_dialog import SignInDialog
from dossier_desk.ui.documents.tab import DocumentsTab
from dossier_desk.ui.documents.upload_dialog import UploadDialog
from dossier_desk.ui.main_window import MainWindow
from dossier_desk.ui.session.start_window import StartWindow
from dossier_desk.ui.views.detail_pane import STATE_PENDING, STATE_SYNCED
from dossier_desk.ui.workflow.action_dialog import WorkflowActionDialog
from dossier_desk.ui.workflow.tab import WorkflowTab

STEP_TIMEOUT_S = 60.0


class StepFailed(AssertionError):
    """A step did not reach its expected state in time."""


class Robot:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.count = 0
        self.step = "start"

    async def until(self, what: str, predicate: Callable[[], Any], limit_s: float = STEP_TIMEOUT_S) -> Any:
        """Poll ``predicate`` on the running loop until it returns something truthy."""
        deadline = asyncio.get_running_loop().time() + limit_s
        while True:
            value = predicate()
            if value:
                return value
            if asyncio.get_running_loop().time() > deadline:
                raise StepFailed(f"step {self.step!r}: timed out waiting for {what}")
            await asyncio.sleep(0.05)

    @staticmethod
    async def act(fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn`` as a plain loop callback, outside this task.

        Synthesised input and screen grabs may process Qt events, which lets qasync run other tasks;
        inside the robot's task that would be a task re-entered while another one runs.
        """
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Any] = loop.create_future()

        def call() -> None:
            try:
                done.set_result(fn(*args))
            except Exception as exc:  # handed to the awaiting step
                done.set_exception(exc)

        loop.call_soon(call)
        return await done

    async def shot(self, name: str) -> None:
        """Let the window system paint, then save the whole screen."""
        await asyncio.sleep(0.4)
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}.png"
        saved = await self.act(lambda: QApplication.primaryScreen().grabWindow(0).save(str(path)))
        if not saved:
            raise StepFailed(f"could not save {path}")
        print(f"step {self.count:02d} {name}: {path.name}", flush=True)

    @staticmethod
    def visible(kind: type[QWidget]) -> Any:
        return next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None
        )

    # -- the day ----------------------------------------------------------------------------------
    async def walk(self) -> None:
        window = await self.sign_in()
        await self.search_and_open(window)
        await self.edit(window)
        await self.upload(window)
        await self.workflow_action(window)
        await self.offline_edit_and_back(window)
        await self.sign_out(window)

    async def sign_in(self) -> MainWindow:
        self.step = "sign-in"
        dialog: SignInDialog = await self.until("the sign-in dialog", lambda: self.visible(SignInDialog))
        await self.until("the demo users", lambda: dialog.user_list.count() > 0)
        for row in range(dialog.user_list.count()):
            if dialog.user_list.item(row).data(Qt.ItemDataRole.UserRole) == "caseworker@demo":
                dialog.user_list.setCurrentRow(row)
        await self.shot("sign-in-chooser")
        await self.act(QTest.mouseClick, dialog.sign_in_button, Qt.MouseButton.LeftButton)
        window: MainWindow = await self.until("the main window", lambda: self.visible(MainWindow))
        await self.until("synced dossiers", lambda: window.model.rowCount() > 0)
        window.resize(1366, 768)
        window.activateWindow()
        await self.shot("signed-in")
        return window

    async def search_and_open(self, window: MainWindow) -> None:
        self.step = "search"
        name = window._repo.dossier(window.model.dossier_id_at(0)).primary_contact_name
        word = fold(name.split()[-1])  # typed without capitals or accents
        window.filter_bar.search.setFocus()
        await self.act(QTest.keyClicks, window.filter_bar.search, word)
        await self.until("search results", lambda: 0 < window.model.rowCount() < window.model.total_count())
        await self.shot("search")
        self.step = "open"
        window.filter_bar.search.clear()
        window.filter_bar.search.setText("")
        await self.until("all rows back", lambda: window.model.rowCount() == window.model.total_count())
        row = next(
            r
            for r in range(window.model.rowCount())
            if window._repo.dossier(window.model.dossier_id_at(r)).status in ("Open", "New")
        )
        await self.act(window.table.selectRow, row)
        await self.until("the dossier in the detail pane", lambda: window.detail.dossier_id())
        await self.shot("open")

    async def edit(self, window: MainWindow) -> None:
        self.step = "edit"
        form = window.detail.form
        form.description.setFocus()
        form.description.selectAll()
        await self.act(QTest.keyClicks, form.description, "Follow-up call planned")
        await self.shot("edit-typed")
        if not await self.act(window.detail.save):
            raise StepFailed("the edit was not saved")
        await self.until("the edit synced", lambda: window.detail.state() == STATE_SYNCED)
        await self.shot("edit-synced")

    async def upload(self, window: MainWindow) -> None:
        self.step = "upload"
        documents: DocumentsTab = window.findChild(DocumentsTab)
        window.detail.tabs.setCurrentWidget(_tab_page(window, documents))
        path = self.out.parent / "plan-van-aanpak.pdf"
        path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        listed = documents.model.rowCount()
        await self.act(documents.add_paths, [path])
        dialog: UploadDialog = await self.until("the upload dialog", lambda: self.visible(UploadDialog))
        if dialog.confirm.isVisible():
            dialog.confirm.setChecked(True)
        await self.shot("upload-dialog")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        await self.until("the Upload button enabled", ok.isEnabled)
        await self.act(QTest.mouseClick, ok, Qt.MouseButton.LeftButton)
        await self.until(
            "the document uploaded and listed",
            lambda: window.running_uploads() == 0 and documents.model.rowCount() > listed,
        )
        await self.shot("uploaded")

    async def workflow_action(self, window: MainWindow) -> None:
        self.step = "workflow action"
        workflow: WorkflowTab = window.findChild(WorkflowTab)
        window.detail.tabs.setCurrentWidget(_tab_page(window, workflow))
        action = None
        for row in range(min(window.model.rowCount(), 60)):
            if window._repo.dossier(window.model.dossier_id_at(row)).status not in ("Open", "In Process"):
                continue
            await self.act(window.table.selectRow, row)
            await asyncio.sleep(0.3)  # the log is read from the cache, refreshed from the server
            for line in workflow.model.lines():
                await self.act(workflow.select_line, line.entry.line_no)
                action = next((a for a, b in workflow.buttons.items() if b.isEnabled()), None)
                if action is not None:
                    break
            if action is not None:
                break
        if action is None:
            raise StepFailed(
                f"no dossier offered a workflow action (last log: {workflow.model.rowCount()} lines, "
                f"can act: {workflow._can_act})"
            )
        await self.shot("workflow")
        dialog: WorkflowActionDialog = await self.act(workflow.start_action, action)
        dialog.comments.setPlainText("Discussed with the employee by phone")
        await self.shot("workflow-action-dialog")
        with _signal_seen(workflow.actionQueued) as seen:
            await self.act(dialog.accept)
            await self.until("the action queued", lambda: seen)
        await self.until("the action sent", lambda: window.outbox_counts[0] == 0, limit_s=90)
        await self.shot("workflow-action-sent")

    async def offline_edit_and_back(self, window: MainWindow) -> None:
        self.step = "offline edit"
        await self.act(window.offline_action.setChecked, True)
        window.detail.tabs.setCurrentIndex(0)
        form = window.detail.form
        form.description.setFocus()
        form.description.selectAll()
        await self.act(QTest.keyClicks, form.description, "Edited while offline")
        if not await self.act(window.detail.save):
            raise StepFailed("the offline edit was not saved")
        await self.until("pending sync", lambda: window.detail.state() == STATE_PENDING)
        await asyncio.sleep(1.0)
        if window.detail.state() != STATE_PENDING:
            raise StepFailed("the edit left while working offline")
        await self.shot("offline-edit")
        self.step = "back online"
        await self.act(window.offline_action.setChecked, False)
        await self.until("the offline edit synced", lambda: window.detail.state() == STATE_SYNCED, limit_s=90)
        await self.shot("back-online")

    async def sign_out(self, window: MainWindow) -> None:
        self.step = "sign-out"
        await self.act(window.sign_out_action.trigger)
        box: QMessageBox = await self.until("the sign-out question", lambda: self.visible(QMessageBox))
        await self.shot("sign-out-question")
        button = next(b for b in box.buttons() if b.text().replace("&", "") == "Sign out")
        assert isinstance(button, QPushButton)
        await self.act(QTest.mouseClick, button, Qt.MouseButton.LeftButton)
        # Signing out returns to the start window (sign in again, another profile, or the demo).
        self.step = "start window"
        start: StartWindow = await self.until("the start window", lambda: self.visible(StartWindow))
        await self.shot("start-window")
        QTimer.singleShot(0, start.close)  # closing it ends the app: the walk is over by then


def _tab_page(window: MainWindow, widget: QWidget) -> QWidget:
    """The tab page holding ``widget`` (the workflow tab sits in a stack with the deadline summary)."""
    tabs = window.detail.tabs
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if page is widget or page.isAncestorOf(widget):
            return page
    raise StepFailed("tab not found")


class _signal_seen:  # lower case: reads as a context manager
    def __init__(self, signal: Any) -> None:
        self._signal = signal
        self._hits: list[object] = []

    def __enter__(self) -> list[object]:
        self._signal.connect(self._hits.append)
        return self._hits

    def __exit__(self, *exc: object) -> None:
        self._signal.disconnect(self._hits.append)


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    robot = Robot(out)
    original = app_module.run_app

    async def run_with_robot(app: QApplication, options: Any, messages: Any) -> int:
        async def guarded() -> None:
            try:
                await robot.walk()
            except BaseException as exc:  # report any failure, then leave at once
                traceback.print_exc()
                print(f"FAILED at step {robot.step!r}: {exc}", file=sys.stderr, flush=True)
                QApplication.primaryScreen().grabWindow(0).save(str(out / "failed.png"))
                os._exit(3)

        task = asyncio.ensure_future(guarded())
        code = await original(app, options, messages)
        if not task.done():
            print(f"the app ended during step {robot.step!r}", file=sys.stderr, flush=True)
            return 4
        return code

    app_module.run_app = run_with_robot
    return app_module.main(["--demo", "--dossiers", "120", "--language", "en"])


if __name__ == "__main__":
    sys.exit(main())
