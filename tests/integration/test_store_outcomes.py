"""Unknown outcomes (a write committed, its answer lost) decided without any marker in the user's fields."""

from __future__ import annotations

import asyncio
from pathlib import Path

from dossier_desk.api.errors import NetworkError
from dossier_desk.api.models import dossier_edits_to_wire
from dossier_desk.api.odata import F, Query
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import OutboxState
from dossier_sandbox.config import FaultConfig
from tests.integration.store_support import SandboxTokens, rig


async def _reference(r) -> tuple[str, str]:
    await r.engine.sync_now()
    return r.store.dossier_types()[0].code, r.store.contacts()[0].no


async def _by_description(api, text: str) -> list:
    query = Query().filter(F("description") == text)
    return [d async for page in api.iter_dossier_pages(query) for d in page]


def _lose_next_post(server, path: str = "") -> None:
    server.faults = FaultConfig(
        commit_then_drop_rate=1.0, methods=("POST",), path_contains=path, max_faults=1
    )


def test_a_typed_external_document_no_survives_a_lost_create_response(
    sandbox_factory, logging_expected
) -> None:
    server = sandbox_factory(dossiers=20)
    sandbox_variant = "bc"

    async def scenario() -> None:
        async with rig(server, name=f"ext-{sandbox_variant}") as r:
            type_code, contact_no = await _reference(r)
            text = f"Typed reference {sandbox_variant}"
            fields = {
                DossierField.DESCRIPTION: text,
                DossierField.DOSSIER_TYPE_CODE: type_code,
                DossierField.PRIMARY_CONTACT_NO: contact_no,
            }
            item = r.store.create_dossier({**fields, DossierField.EXTERNAL_DOCUMENT_NO: "HR-2026-17"}).wait()
            _lose_next_post(server, "/dossiers")
            try:
                assert isinstance(await r.engine.sync_now(), NetworkError)
            finally:
                server.faults = FaultConfig()
            assert r.outbox.get(item.id).unsure
            assert await r.engine.sync_now() is None
            (made,) = await _by_description(r.api, text)  # adopted, not posted again
            assert made.external_document_no == "HR-2026-17"
            assert r.store.created_id(item.dossier_id) == made.id
            assert r.outbox.items() == []

    asyncio.run(scenario())


def test_two_identical_creates_with_lost_answers_wait_for_the_user(sandbox_factory, logging_expected) -> None:
    server = sandbox_factory(dossiers=20)

    async def scenario() -> None:
        async with rig(server) as r:
            type_code, contact_no = await _reference(r)
            fields = {
                DossierField.DESCRIPTION: "Twice typed",
                DossierField.DOSSIER_TYPE_CODE: type_code,
                DossierField.PRIMARY_CONTACT_NO: contact_no,
            }
            first, second = r.store.create_dossier(fields).wait(), r.store.create_dossier(fields).wait()
            for item in (first, second):  # both sent, both answers lost (the app was killed meanwhile)
                r.outbox.mark_in_flight(item.id).wait()
                await r.api.create_dossier(dossier_edits_to_wire(fields))  # the API speaks wire names
            r.outbox.release_in_flight(claimed_before="9999").wait()
            assert len(await _by_description(r.api, "Twice typed")) == 2
            await r.engine.sync_now()
            states = {i.id: i for i in r.outbox.items()}
            # Two records hold what the user typed: neither can tell which is its own, so neither is
            # sent again nor adopted; both wait in Sync issues with what was found.
            assert {states[first.id].state, states[second.id].state} == {OutboxState.UNKNOWN}
            assert len(states[first.id].found_ids) == 2
            assert len(await _by_description(r.api, "Twice typed")) == 2
            assert r.listener.of("outbox_changed")[-1] == (0, 0, 2)

    asyncio.run(scenario())


def test_a_create_whose_request_never_landed_is_sent_again(sandbox_factory, logging_expected) -> None:
    server = sandbox_factory(dossiers=20)

    async def scenario() -> None:
        async with rig(server) as r:
            type_code, contact_no = await _reference(r)
            fields = {
                DossierField.DESCRIPTION: "Dropped",
                DossierField.DOSSIER_TYPE_CODE: type_code,
                DossierField.PRIMARY_CONTACT_NO: contact_no,
            }
            item = r.store.create_dossier(fields).wait()
            r.outbox.mark_in_flight(item.id).wait()  # as if killed right after claiming it, before sending
            r.outbox.release_in_flight(item.id).wait()
            assert await r.engine.sync_now() is None
            assert len(await _by_description(r.api, "Dropped")) == 1

    asyncio.run(scenario())


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_a_lost_upload_is_recognised_by_its_content(
    sandbox_factory, tmp_path: Path, logging_expected
) -> None:
    server = sandbox_factory(dossiers=20)

    async def scenario() -> None:
        async with rig(server) as r:
            await _reference(r)
            target = next(d for d in r.store.load_dossiers() if d.status in ("Open", "In Process"))
            before = len(await r.api.list_documents(target.id))
            # Same name, size and description as the next upload, other content: not its result.
            (tmp_path / "a").mkdir()
            twin = r.store.queue_upload(
                target.id, _write(tmp_path / "a" / "note.pdf", b"%PDF-AAAA"), description="Note"
            ).wait()
            assert await r.engine.sync_now() is None
            assert r.outbox.get(twin.id) is None
            item = r.store.queue_upload(
                target.id, _write(tmp_path / "note.pdf", b"%PDF-BBBB"), description="Note"
            ).wait()
            _lose_next_post(server, "/documents")
            try:
                assert isinstance(await r.engine.sync_now(), NetworkError)
            finally:
                server.faults = FaultConfig()
            assert r.outbox.get(item.id).unsure
            assert await r.engine.sync_now() is None
            assert r.outbox.items() == []
            docs = await r.api.list_documents(target.id)
            assert len(docs) == before + 2  # the twin and this one, each once
            assert len(r.outbox.result_ids() & {d.id for d in docs}) == 2

    asyncio.run(scenario())


def test_a_lost_confidential_upload_the_user_cannot_list_is_parked_not_resent(
    sandbox_factory, tmp_path: Path, logging_expected
) -> None:
    server = sandbox_factory(dossiers=20)

    async def scenario() -> None:
        async with rig(server) as r:
            await _reference(r)
            target = next(d for d in r.store.load_dossiers() if d.status in ("Open", "In Process"))
            item = r.store.queue_upload(
                target.id,
                _write(tmp_path / "assessment.pdf", b"%PDF-medical"),
                description="Assessment",
                document_type="Medical",
                confidential=True,
            ).wait()
            _lose_next_post(server, "/documents")
            try:
                assert isinstance(await r.engine.sync_now(), NetworkError)
            finally:
                server.faults = FaultConfig()
            for _ in range(2):
                await r.engine.sync_now()
            parked = r.outbox.get(item.id)
            assert parked.state is OutboxState.UNKNOWN  # the caseworker cannot see it: never guess
            assert r.outbox.file_path(parked).exists()  # kept, in case the user decides to send it
            async with _as(server, "occhealth@demo") as occhealth:
                names = [d.file_name for d in await occhealth.list_documents(target.id)]
            assert names.count("assessment.pdf") == 1  # landed once, not duplicated

    asyncio.run(scenario())


def _as(server, username: str):
    from dossier_desk.api.client import DossierApi
    from tests.integration.store_support import profile_for

    return DossierApi(profile_for(server), SandboxTokens(server, username), max_retries=2)
