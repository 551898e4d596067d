"""Outbox replay against the sandbox: offline queueing, conflicts, lost responses, parked failures."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dossier_desk.api.errors import NetworkError, RateLimitedError
from dossier_desk.api.odata import F, Query
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import OutboxKind, OutboxState
from dossier_desk.store.outbox_errors import ErrorKind
from dossier_sandbox.config import FaultConfig
from tests.integration.store_netproxy import NetProxy
from tests.integration.store_support import other_user, rig


async def _reference(r) -> tuple[str, str]:
    await r.engine.sync_now()
    return r.store.dossier_types()[0].code, r.store.contacts()[0].no


def _new_fields(type_code: str, contact_no: str, text: str) -> dict[str, str]:
    return {
        DossierField.DESCRIPTION: text,
        DossierField.DOSSIER_TYPE_CODE: type_code,
        DossierField.PRIMARY_CONTACT_NO: contact_no,
    }


async def _by_description(api, text: str) -> list:
    return [
        d async for page in api.iter_dossier_pages(Query().filter(F("description") == text)) for d in page
    ]


def _editable(r):
    return [d for d in r.store.load_dossiers() if d.status in ("New", "Open", "In Process")]


def test_offline_edits_queue_and_replay_in_order(sandbox_factory, sandbox_variant, logging_expected) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=40)
    host = urlsplit(server.api_root)
    proxy = NetProxy(host.hostname, host.port)

    async def scenario() -> None:
        async with rig(server, api_root=proxy.rewrite(server.api_root)) as r:
            type_code, contact_no = await _reference(r)
            target = _editable(r)[0]
            proxy.set_up(False)  # the train enters a tunnel
            created = r.store.create_dossier(_new_fields(type_code, contact_no, "Made offline")).wait()
            r.store.save_dossier_changes(created.dossier_id, {DossierField.YOUR_REFERENCE: "first"}).wait()
            for text in ("one", "two", "three"):
                r.store.save_dossier_changes(target.id, {DossierField.OUR_REFERENCE: text}).wait()
            assert r.store.dossier(target.id).our_reference == "three"  # shown at once
            error = await r.engine.sync_now()
            assert isinstance(error, NetworkError)
            assert r.engine.online is False
            assert r.listener.of("connectivity_changed")[-1] == (False, False)
            assert [i.state for i in r.outbox.items()] == [OutboxState.PENDING] * 5
            assert r.outbox.items()[0].attempts == 1  # the create was tried: outcome unknown
            assert r.store.pending_ids() == {created.dossier_id, target.id}

            proxy.set_up(True)  # back online
            assert await r.engine.sync_now() is None
            assert r.engine.online is True
            assert r.outbox.items() == []
            assert r.store.pending_ids() == set()
            async with other_user(server) as them:
                server_target = await them.get_dossier(target.id)
                assert server_target.our_reference == "three"
                (made,) = await _by_description(them, "Made offline")
                assert made.your_reference == "first"
                assert made.external_document_no == ""  # nothing written into the user's fields
            assert r.store.dossier(made.id).your_reference == "first"
            assert r.store.dossier(created.dossier_id) is None  # the temporary row is gone
            assert r.listener.of("outbox_changed")[-1] == (0, 0, 0)

    try:
        asyncio.run(scenario())
    finally:
        proxy.close()


def test_stale_edit_becomes_conflict_with_three_versions(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=40)

    async def scenario() -> None:
        async with rig(server) as r, other_user(server) as them:
            await _reference(r)
            target = _editable(r)[0]
            theirs = await them.update_dossier(
                target.id, target.etag, {"description": "Their text", "department": "HR"}
            )
            item = r.store.save_dossier_changes(target.id, {DossierField.DESCRIPTION: "My text"}).wait()
            report = await r.engine.push_outbox()
            assert report.parked == 1
            (parked,) = r.store.parked_items()
            assert parked.id == item.id
            assert parked.state is OutboxState.CONFLICT
            c = parked.conflict
            assert c.base["description"] == target.description
            assert c.mine["description"] == "My text"
            assert c.theirs["description"] == "Their text"
            assert c.theirs["department"] == "HR"
            assert c.theirs_etag == theirs.etag
            assert c.differing_fields() == ["description"]
            assert r.listener.of("outbox_changed")[-1] == (0, 1, 0)
            assert r.store.dossier(target.id).description == "My text"  # the user's edit is not lost
            assert (await them.get_dossier(target.id)).description == "Their text"  # nothing overwritten

            r.store.resolve_conflict(item.id, {"description": "Merged text"}, c.theirs_etag).wait()
            await r.engine.push_outbox()
            final = await them.get_dossier(target.id)
            assert (final.description, final.department) == ("Merged text", "HR")
            assert r.outbox.items() == []

    asyncio.run(scenario())


def test_lost_create_response_is_not_duplicated(sandbox_factory, sandbox_variant, logging_expected) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=20)

    async def scenario() -> None:
        async with rig(server) as r:
            type_code, contact_no = await _reference(r)
            item = r.store.create_dossier(_new_fields(type_code, contact_no, "Lost response")).wait()
            server.faults = FaultConfig(commit_then_drop_rate=1.0, methods=("POST",), max_faults=1)
            error = await r.engine.sync_now()
            assert isinstance(error, NetworkError)
            assert server.stats()["faults"].get("commit_then_drop") == 1
            assert len(await _by_description(r.api, "Lost response")) == 1  # the server did commit
            (pending,) = r.outbox.items()
            assert pending.attempts == 1
            assert pending.state is OutboxState.PENDING
            assert await r.engine.sync_now() is None
            (made,) = await _by_description(r.api, "Lost response")  # replay adopted it, no duplicate
            assert r.outbox.items() == []
            assert r.store.created_id(item.dossier_id) == made.id
            assert r.cache.dossier(made.id) is not None

    asyncio.run(scenario())


def test_lost_update_response_counts_as_applied(sandbox_factory, sandbox_variant, logging_expected) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=20)

    async def scenario() -> None:
        async with rig(server) as r:
            await _reference(r)
            target = _editable(r)[0]
            r.store.save_dossier_changes(target.id, {DossierField.YOUR_REFERENCE: "once"}).wait()
            server.faults = FaultConfig(commit_then_drop_rate=1.0, methods=("PATCH",), max_faults=1)
            assert isinstance(await r.engine.sync_now(), NetworkError)
            assert await r.engine.sync_now() is None  # 412 on replay, but the server has our values
            assert r.outbox.items() == []
            assert r.store.parked_items() == []
            assert (await r.api.get_dossier(target.id)).your_reference == "once"

    asyncio.run(scenario())


def test_server_validation_error_parks_item_with_field_targets(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=40)

    async def scenario() -> None:
        async with rig(server) as r:
            await _reference(r)
            target = next(d for d in r.store.load_dossiers() if d.status == "In Process")
            item = r.store.save_dossier_changes(
                target.id, {DossierField.STATUS: "New"}
            ).wait()  # not a legal transition
            later = r.store.save_dossier_changes(target.id, {DossierField.OUR_REFERENCE: "waits"}).wait()
            other = _editable(r)[-1]
            r.store.save_dossier_changes(other.id, {DossierField.OUR_REFERENCE: "independent"}).wait()
            await r.engine.push_outbox()
            failed = r.outbox.get(item.id)
            assert failed.state is OutboxState.FAILED
            assert "status" in failed.field_errors
            assert failed.error.kind is ErrorKind.VALIDATION
            assert failed.error.status == 400
            assert r.outbox.get(later.id).state is OutboxState.PENDING  # held behind the failure
            assert (await r.api.get_dossier(other.id)).our_reference == "independent"
            r.store.discard(item.id).wait()
            await r.engine.push_outbox()
            assert (await r.api.get_dossier(target.id)).our_reference == "waits"

    asyncio.run(scenario())


def test_upload_workflow_and_delete_through_the_outbox(
    sandbox_factory, sandbox_variant, tmp_path: Path
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=40)

    async def scenario() -> None:
        async with rig(server) as r:
            await _reference(r)
            target = _editable(r)[0]
            log = await r.store.refresh_workflow(target.id)
            step = next(e for e in log if e.state in ("Current", "Overdue"))
            source = tmp_path / "intake.pdf"
            source.write_bytes(b"%PDF-1.4\n" + b"x" * 2000)
            r.store.queue_upload(
                target.id, source, description="Intake form", document_type="Administrative"
            ).wait()
            source.unlink()
            r.store.queue_workflow_action(target.id, "complete", step.line_no, "done by test").wait()
            victim = _editable(r)[1]
            r.store.delete_dossier(victim.id).wait()
            assert victim.id not in {d.id for d in r.store.load_dossiers()}
            report = await r.engine.push_outbox()
            assert report.parked == 0
            assert r.outbox.items() == []
            assert any(d.description == "Intake form" for d in r.store.documents(target.id))
            assert ("documents_changed", (target.id,)) in r.listener.events
            entry = next(e for e in r.store.workflow_log(target.id) if e.line_no == step.line_no)
            assert entry.state == "Completed"
            assert ("workflow_changed", (target.id,)) in r.listener.events
            assert r.cache.dossier(target.id).etag == (await r.api.get_dossier(target.id)).etag
            assert victim.id not in await r.api.list_dossier_ids()
            assert r.cache.dossier(victim.id) is None
            assert not any(r.outbox.files_dir.iterdir())  # private copy removed once sent

    asyncio.run(scenario())


def test_edit_of_dossier_deleted_on_server_is_parked(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=20)

    async def scenario() -> None:
        async with rig(server) as r, other_user(server) as them:
            await _reference(r)
            target = _editable(r)[0]
            await them.delete_dossier(target.id, target.etag)
            item = r.store.save_dossier_changes(target.id, {DossierField.OUR_REFERENCE: "too late"}).wait()
            await r.engine.push_outbox()
            parked = r.outbox.get(item.id)
            assert parked.kind is OutboxKind.UPDATE
            if parked.state is OutboxState.CONFLICT:  # 412 first: the conflict shows the record is gone
                assert parked.conflict.theirs is None
            else:
                assert parked.state is OutboxState.FAILED
                assert parked.error is not None

    asyncio.run(scenario())


def test_transient_errors_back_off_and_never_drop(sandbox_factory, logging_expected) -> None:
    server = sandbox_factory(dossiers=40)
    now = [datetime(2026, 11, 23, 9, 0, tzinfo=UTC)]

    async def scenario() -> None:
        async with rig(server, clock=lambda: now[0]) as r:
            r.engine.pusher.batching = False  # one request per edit, so the fault hits only one of them
            await _reference(r)
            first, second = _editable(r)[:2]
            a = r.store.save_dossier_changes(first.id, {DossierField.OUR_REFERENCE: "after 5xx"}).wait()
            r.store.save_dossier_changes(second.id, {DossierField.OUR_REFERENCE: "unaffected"}).wait()
            server.faults = FaultConfig(
                error_rate=1.0, error_statuses=(503,), methods=("PATCH",), max_faults=1
            )
            report = await r.engine.push_outbox()
            assert report.deferred == 1
            assert report.done == 1  # the other dossier's edit went on
            deferred = r.outbox.get(a.id)
            assert deferred.state is OutboxState.PENDING
            assert deferred.next_attempt_at > now[0].timestamp()
            assert deferred.error is not None
            assert (await r.api.get_dossier(second.id)).our_reference == "unaffected"
            assert (await r.engine.push_outbox()).done == 0  # still backing off
            now[0] += timedelta(minutes=10)
            assert (await r.engine.push_outbox()).done == 1
            assert (await r.api.get_dossier(first.id)).our_reference == "after 5xx"

            r.store.save_dossier_changes(first.id, {DossierField.OUR_REFERENCE: "after 429"}).wait()
            server.faults = FaultConfig(throttle_rate=1.0, retry_after_s=7, max_faults=1)
            error = await r.engine.sync_now()
            assert isinstance(error, RateLimitedError)
            (waiting,) = r.outbox.items()
            assert waiting.next_attempt_at == pytest.approx(now[0].timestamp() + 7, abs=1)
            now[0] += timedelta(seconds=8)
            assert await r.engine.sync_now() is None
            assert r.outbox.items() == []

    asyncio.run(scenario())


def test_lost_upload_and_workflow_responses_are_not_repeated(
    sandbox_factory, sandbox_variant, tmp_path: Path, logging_expected
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=40)

    async def scenario() -> None:
        async with rig(server) as r:
            await _reference(r)
            target = _editable(r)[0]
            step = next(
                e for e in await r.store.refresh_workflow(target.id) if e.state in ("Current", "Overdue")
            )
            source = tmp_path / "once.pdf"
            source.write_bytes(b"%PDF-1.4\n" + b"y" * 1234)
            r.store.queue_upload(target.id, source, description="Only once", document_type="Legal").wait()
            server.faults = FaultConfig(
                commit_then_drop_rate=1.0, methods=("POST",), path_contains="/documents", max_faults=1
            )
            assert isinstance(await r.engine.sync_now(), NetworkError)
            assert await r.engine.sync_now() is None
            docs = await r.api.list_documents(target.id)
            assert [d.description for d in docs].count("Only once") == 1

            r.store.queue_workflow_action(target.id, "complete", step.line_no, "completed once").wait()
            server.faults = FaultConfig(
                commit_then_drop_rate=1.0, methods=("POST",), path_contains="workflowActions", max_faults=1
            )
            assert isinstance(await r.engine.sync_now(), NetworkError)
            assert await r.engine.sync_now() is None  # not re-sent: the step is already completed
            assert r.outbox.items() == []
            assert r.store.parked_items() == []
            log = await r.api.workflow_log(target.id)
            assert next(e for e in log if e.line_no == step.line_no).state == "Completed"
            assert server.stats()["faults"].get("commit_then_drop") == 2

    asyncio.run(scenario())
