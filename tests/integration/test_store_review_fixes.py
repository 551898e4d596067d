"""Regression tests for the store review: each against the sandbox over HTTP, with a real cache on disk."""

from __future__ import annotations

import asyncio
import logging

from dossier_desk.api.errors import NetworkError
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import Conflict, OutboxKind, OutboxState
from dossier_desk.store.outbox_errors import ErrorKind, ItemError
from dossier_desk.store.sync import K_RECONCILED
from dossier_sandbox.config import FaultConfig
from tests.integration.store_support import Recorder, other_user, rig

GONE = ItemError(ErrorKind.CONFLICT, 412)  # a conflict whose server copy is gone


async def _reference(r) -> tuple[str, str]:
    await r.engine.sync_now()
    return r.store.dossier_types()[0].code, r.store.contacts()[0].no


def _editable(r):
    return [d for d in r.store.load_dossiers() if d.status in ("New", "Open", "In Process")]


async def _until(predicate, within_s: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


def _posts(server) -> int:
    return server.stats()["requests"]["byMethod"].get("POST", 0)


# -- 1. a non-API exception parks the item; the loop lives on -----------------------------------------


def test_unexpected_error_parks_the_item_and_the_push_goes_on(
    sandbox_factory, caplog, logging_expected
) -> None:
    server = sandbox_factory(dossiers=30)

    async def scenario() -> None:
        async with rig(server) as r, other_user(server) as them:
            await _reference(r)
            gone, other = _editable(r)[:2]
            item = r.store.save_dossier_changes(
                gone.id, {DossierField.DESCRIPTION: "Secret words of mine"}
            ).wait()
            await them.delete_dossier(gone.id, gone.etag)
            # As an older version parked it: a conflict whose server copy is gone; "keep mine" re-queues
            # the edit with no etag, which the API client refuses with ValueError (not an ApiError).
            r.outbox.park_conflict(item.id, Conflict(item.payload["base"], {}, None, ""), GONE).wait()
            r.store.resolve_conflict(item.id, {"description": "Secret words of mine"}, "").wait()
            r.store.save_dossier_changes(other.id, {DossierField.OUR_REFERENCE: "goes on"}).wait()
            with caplog.at_level(logging.ERROR, logger="dossier_desk"):
                report = await r.engine.push_outbox()
            assert (report.done, report.parked) == (1, 1)
            failed = r.outbox.get(item.id)
            assert failed.state is OutboxState.FAILED  # kept, not lost, not stuck in flight
            assert failed.error == ItemError(ErrorKind.UNEXPECTED, server_text="ValueError")
            assert (await r.api.get_dossier(other.id)).our_reference == "goes on"
            errors = [rec for rec in caplog.records if rec.levelno == logging.ERROR]
            assert errors
            assert "ValueError" in errors[0].getMessage()
            assert "Secret words" not in caplog.text  # no personal data in the log
            assert r.store.retry(item.id).wait().state is OutboxState.PENDING  # the user can still act on it

    asyncio.run(scenario())


def test_delete_anyway_of_a_record_already_gone_completes_as_deleted(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=30)

    async def scenario() -> None:
        async with rig(server) as r, other_user(server) as them:
            await _reference(r)
            target = _editable(r)[0]
            item = r.store.delete_dossier(target.id).wait()
            await them.delete_dossier(target.id, target.etag)
            r.outbox.park_conflict(item.id, Conflict(item.payload["base"], {}, None, ""), GONE).wait()
            assert r.store.resolve_conflict(item.id, {}, "").wait() is None  # "Delete anyway"
            assert r.outbox.items() == []
            assert r.cache.dossier(target.id) is None
            assert (await r.engine.push_outbox()).parked == 0

    asyncio.run(scenario())


class _BrokenOnce(Recorder):
    """A listener with a bug that raises once, in the middle of a sync pass."""

    def __init__(self) -> None:
        super().__init__()
        self.broken = True

    def sync_progress(self, stage, done, total) -> None:
        if self.broken and stage == "push":
            self.broken = False
            raise RuntimeError("listener bug")
        super().sync_progress(stage, done, total)


def test_run_loop_reports_an_unexpected_error_and_keeps_going(sandbox_factory, logging_expected) -> None:
    server = sandbox_factory(dossiers=30)

    async def scenario() -> None:
        async with rig(server, offline_retry_s=0.05) as r:
            await _reference(r)
            target = _editable(r)[0]
            listener = _BrokenOnce()
            r.engine.listener = listener
            r.store.save_dossier_changes(target.id, {DossierField.OUR_REFERENCE: "after the bug"}).wait()
            task = asyncio.create_task(r.engine.run(interval_s=3600))
            try:
                await _until(
                    lambda: any(isinstance(e, RuntimeError) for _t, e in listener.of("sync_finished"))
                )
                assert not task.done()  # the loop survived
                await _until(lambda: r.outbox.items() == [])  # the retry (with backoff) pushed the edit
                assert (await r.api.get_dossier(target.id)).our_reference == "after the bug"
            finally:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

    asyncio.run(scenario())


# -- 2. an edit is sent with the version the form was loaded from --------------------------------------


def test_edit_made_on_an_older_version_becomes_a_conflict_not_an_overwrite(
    sandbox_factory, sandbox_variant
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=30)

    async def scenario() -> None:
        async with rig(server) as r, other_user(server) as them:
            await _reference(r)
            form = _editable(r)[0]  # v1, loaded into the form
            theirs = await them.update_dossier(form.id, form.etag, {"description": "Colleague's text"})
            await r.engine.sync_now()  # v2 reaches the cache while the user types
            assert r.cache.dossier(form.id).etag == theirs.etag
            item = r.store.save_dossier_changes(form.id, {DossierField.DESCRIPTION: "My text"}, form).wait()
            assert item.payload["baseEtag"] == form.etag
            report = await r.engine.push_outbox()
            assert report.parked == 1
            parked = r.outbox.get(item.id)
            assert parked.state is OutboxState.CONFLICT
            c = parked.conflict
            assert c.base["description"] == form.description
            assert c.mine["description"] == "My text"
            assert c.theirs["description"] == "Colleague's text"
            assert c.theirs_etag == theirs.etag
            assert (await them.get_dossier(form.id)).description == "Colleague's text"  # not overwritten

    asyncio.run(scenario())


def test_stale_form_without_a_clash_is_not_a_spurious_conflict(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=30)

    async def scenario() -> None:
        async with rig(server) as r, other_user(server) as them:
            await _reference(r)
            form = _editable(r)[0]
            # A colleague changes another field; our own first save lands; the form was not reloaded.
            await them.update_dossier(form.id, form.etag, {"department": "Colleague dept"})
            await r.engine.sync_now()
            r.store.save_dossier_changes(form.id, {DossierField.OUR_REFERENCE: "first"}, form).wait()
            await r.engine.push_outbox()
            r.store.save_dossier_changes(form.id, {DossierField.YOUR_REFERENCE: "second"}, form).wait()
            report = await r.engine.push_outbox()
            assert report.parked == 0
            assert r.outbox.items() == []
            final = await them.get_dossier(form.id)
            assert (final.department, final.our_reference, final.your_reference) == (
                "Colleague dept",
                "first",
                "second",
            )

    asyncio.run(scenario())


# -- 3. two instances on one profile never send the same item twice -----------------------------------


def test_two_instances_on_one_profile_send_a_create_once(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=20)

    async def scenario() -> None:
        async with rig(server, name="shared") as a, rig(server, name="shared") as b:
            type_code, contact_no = await _reference(a)
            await b.engine.push_outbox()  # both instances are up and running
            item = a.store.create_dossier(
                {
                    DossierField.DESCRIPTION: "Once only",
                    DossierField.DOSSIER_TYPE_CODE: type_code,
                    DossierField.PRIMARY_CONTACT_NO: contact_no,
                }
            ).wait()
            before = _posts(server)
            reports = await asyncio.gather(a.engine.push_outbox(), b.engine.push_outbox())
            assert sum(rep.done for rep in reports) == 1
            assert _posts(server) - before == 1  # one POST, not two
            assert a.outbox.items() == []
            assert a.store.created_id(item.dossier_id) is not None

    asyncio.run(scenario())


# -- 5. a reopen whose first outcome was unknown is not re-sent ---------------------------------------


def test_lost_reopen_response_is_not_repeated_or_failed(
    sandbox_factory, sandbox_variant, logging_expected
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=40)

    async def scenario() -> None:
        async with rig(server) as r:
            await _reference(r)
            target = _editable(r)[0]
            step = next(
                e for e in await r.store.refresh_workflow(target.id) if e.state in ("Current", "Overdue")
            )
            await r.api.workflow_action(target.id, "complete", step.line_no, "done")
            r.store.queue_workflow_action(target.id, "reopen", step.line_no, "undo").wait()
            server.faults = FaultConfig(
                commit_then_drop_rate=1.0, methods=("POST",), path_contains="workflowActions", max_faults=1
            )
            assert isinstance(await r.engine.sync_now(), NetworkError)
            assert await r.engine.sync_now() is None
            assert r.outbox.items() == []  # done, not parked as failed
            assert r.store.parked_items() == []
            line = next(e for e in await r.api.workflow_log(target.id) if e.line_no == step.line_no)
            assert line.state not in ("Completed", "Rejected")
            assert server.stats()["faults"].get("commit_then_drop") == 1

    asyncio.run(scenario())


# -- 6. resolving a conflict rebases the later edits of that dossier ----------------------------------


def test_resolved_conflict_does_not_cause_a_second_one(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=30)

    async def scenario() -> None:
        async with rig(server) as r, other_user(server) as them:
            await _reference(r)
            target = _editable(r)[0]
            first = r.store.save_dossier_changes(target.id, {DossierField.DESCRIPTION: "Mine"}).wait()
            second = r.store.save_dossier_changes(
                target.id, {DossierField.OUR_REFERENCE: "later edit"}
            ).wait()
            await them.update_dossier(target.id, target.etag, {"description": "Theirs"})
            await r.engine.push_outbox()
            c = r.outbox.get(first.id).conflict
            assert r.outbox.get(second.id).state is OutboxState.PENDING  # held behind the conflict
            r.store.resolve_conflict(first.id, {"description": "Merged"}, c.theirs_etag).wait()
            assert r.outbox.get(second.id).payload["baseEtag"] == c.theirs_etag
            report = await r.engine.push_outbox()
            assert (report.done, report.parked) == (2, 0)
            final = await them.get_dossier(target.id)
            assert (final.description, final.our_reference) == ("Merged", "later edit")

    asyncio.run(scenario())


# -- 7. the first sync does not reconcile right after the full sync -----------------------------------


def test_first_sync_does_not_reconcile_straight_after_the_full_sync(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=30)

    async def scenario() -> None:
        async with rig(server) as r:
            assert await r.engine.sync_now() is None
            assert r.cache.dossier_count() > 0
            assert [p for p in r.listener.of("sync_progress") if p[0] == "reconcile"] == []
            assert r.cache.get_state(K_RECONCILED)
            before = server.stats()["requests"]["total"]
            assert await r.engine.sync_now() is None
            assert server.stats()["requests"]["total"] - before == 1  # just the delta query

    asyncio.run(scenario())


def test_delete_queued_for_a_dossier_already_deleted_is_done(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=30)

    async def scenario() -> None:
        async with rig(server) as r, other_user(server) as them:
            await _reference(r)
            target = _editable(r)[0]
            r.store.delete_dossier(target.id).wait()
            await them.delete_dossier(target.id, target.etag)
            report = await r.engine.push_outbox()
            assert (report.done, report.parked) == (1, 0)
            assert [i for i in r.outbox.items() if i.kind is OutboxKind.DELETE] == []

    asyncio.run(scenario())
