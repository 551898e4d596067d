"""The push never blocks the event loop on the disk: every outbox and cache write it makes (claims,
completions, deferrals, conflicts, documents, workflow log) is awaited while the writer thread commits."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store.db import Database
from dossier_desk.store.pending_write import PendingWrite
from tests.integration.store_support import other_user, rig


@pytest.fixture
def loop_waits(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of blocking waits for a write made on the thread that runs the event loop."""
    seen: list[str] = []
    real_wait, real_write_sync = PendingWrite.wait, Database.write_sync

    def on_loop_thread() -> bool:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return threading.current_thread().name != "cache-writer"

    def wait(self: PendingWrite[Any]) -> Any:
        if on_loop_thread():
            seen.append("PendingWrite.wait")
        return real_wait(self)

    def write_sync(self: Database, fn: Any) -> Any:
        if on_loop_thread():
            seen.append("Database.write_sync")
        return real_write_sync(self, fn)

    monkeypatch.setattr(PendingWrite, "wait", wait)
    monkeypatch.setattr(Database, "write_sync", write_sync)
    return seen


def test_a_push_of_every_kind_never_waits_for_the_disk_on_the_loop(
    sandbox_factory, sandbox_variant: str, tmp_path: Path, loop_waits: list[str]
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=40)

    async def scenario() -> None:
        async with rig(server) as r, other_user(server) as them:
            await r.engine.sync_now()
            type_code, contact_no = r.store.dossier_types()[0].code, r.store.contacts()[0].no
            editable = [d for d in r.store.load_dossiers() if d.status in ("New", "Open", "In Process")]
            log = await r.store.refresh_workflow(editable[0].id)
            step = next(e for e in log if e.state in ("Current", "Overdue"))
            source = tmp_path / "intake.pdf"
            source.write_bytes(b"%PDF-1.4\n" + b"x" * 2000)
            stale = editable[4]
            await them.update_dossier(stale.id, stale.etag, {"description": "Their text"})
            # Queued as the UI does: awaited.
            await r.store.create_dossier(
                {
                    DossierField.DESCRIPTION: "Made here",
                    DossierField.DOSSIER_TYPE_CODE: type_code,
                    DossierField.PRIMARY_CONTACT_NO: contact_no,
                }
            )
            for d in editable[1:4]:  # several dossiers: they go together through $batch
                await r.store.save_dossier_changes(d.id, {DossierField.OUR_REFERENCE: "batched"})
            await r.store.save_dossier_changes(stale.id, {DossierField.DESCRIPTION: "My text"})
            await r.store.queue_upload(editable[0].id, source, description="Intake form")
            await r.store.queue_workflow_action(editable[0].id, "complete", step.line_no, "done")
            await r.store.delete_dossier(editable[5].id)
            loop_waits.clear()
            report = await r.engine.push_outbox()
            assert loop_waits == []
            assert (report.done, report.parked) == (7, 1)  # the stale edit is a conflict
            assert [i.dossier_id for i in r.store.parked_items()] == [stale.id]

    asyncio.run(scenario())


def test_the_check_sees_a_blocking_wait_on_the_loop(sandbox_factory, loop_waits: list[str]) -> None:
    server = sandbox_factory(variant="bc", dossiers=5)

    async def scenario() -> None:
        async with rig(server) as r:
            await r.engine.sync_now()
            r.cache.set_state({"probe": "1"}).wait()  # what the push must never do
            assert loop_waits == ["PendingWrite.wait"]

    asyncio.run(scenario())
