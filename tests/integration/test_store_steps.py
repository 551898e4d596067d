"""Independent sync steps, skipped records and upload rules, against each server variant."""

from __future__ import annotations

import asyncio
import time

from dossier_desk.api.errors import MalformedResponseError, RateLimitedError, ServerError
from dossier_desk.api.models import UploadRules
from dossier_desk.api.pacing import RatePacer
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store import NullListener, profile_paths
from dossier_desk.store.replay import MAX_RETRY_AFTER_S
from dossier_desk.store.session import open_session
from dossier_desk.store.upload_rules import DEFAULT_UPLOAD_RULES, UploadRulesKeeper
from dossier_sandbox.config import FaultConfig
from tests.integration.store_support import rig


def test_failing_dossier_types_do_not_stop_the_dossiers(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(dossiers=30, variant=sandbox_variant)
    server.faults = FaultConfig(truncate_rate=1.0, path_contains="/dossierTypes")

    async def scenario() -> None:
        async with rig(server) as r:
            error = await r.engine.sync_now()
            assert isinstance(error, MalformedResponseError)
            report = r.engine.last_report
            assert report.failed_steps == ("types",)
            assert report.failures[0].code == "malformed"
            assert r.listener.of("sync_report")[-1] == (report,)
            assert r.listener.of("sync_finished")[-1][1] is error
            assert r.cache.dossier_count() > 0  # dossiers synced all the same
            assert r.store.contacts()  # and the other reference data
            assert r.store.dossier_types() == []

            server.faults = FaultConfig()
            assert await r.engine.sync_now() is None  # types were not marked done: tried again
            assert r.store.dossier_types()
            assert r.engine.last_report.failures == ()

    asyncio.run(scenario())


def test_failing_dossiers_still_push_and_load_reference_data(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(dossiers=30, variant=sandbox_variant)

    async def scenario() -> None:
        async with rig(server) as r:
            await r.engine.sync_now()
            target = next(d for d in r.store.load_dossiers() if d.status in ("Open", "In Process"))
            r.store.save_dossier_changes(target.id, {DossierField.OUR_REFERENCE: "sent anyway"}).wait()
            r.cache.set_state({"reference.at": ""}).wait()  # reference data due again
            r.cache.replace_contacts([]).wait()
            server.faults = FaultConfig(error_rate=1.0, error_statuses=(500,), methods=("GET",),
                                        path_contains="/dossiers")  # fmt: skip
            error = await r.engine.sync_now()
            assert isinstance(error, ServerError)
            assert r.engine.last_report.failed_steps == ("dossiers",)
            assert r.outbox.items() == []  # the push went through
            assert r.store.contacts()  # reference data too
            server.faults = FaultConfig()

    asyncio.run(scenario())


def test_an_unreadable_record_is_skipped_with_its_key_and_the_page_kept(
    sandbox_factory, sandbox_variant
) -> None:
    server = sandbox_factory(dossiers=30, variant=sandbox_variant)
    visible = server._db.scalar(
        "SELECT count(*) FROM dossiers WHERE confidentiality_level <= 2"
    )  # caseworker
    (bad_id,) = server._db.one("SELECT id FROM dossiers WHERE confidentiality_level <= 1 ORDER BY id LIMIT 1")
    with server._db.tx() as conn:  # a value of the wrong type, as a broken extension might send
        conn.execute("UPDATE dossiers SET confidentiality_level = 1.5 WHERE id = ?", (bad_id,))

    async def scenario() -> None:
        async with rig(server) as r:
            await r.engine.sync_now()
            report = r.engine.last_report
            assert [(s.entity_set, s.key) for s in report.skipped] == [("dossiers", bad_id)]
            assert r.listener.of("sync_report")[-1][0].skipped == report.skipped
            assert r.cache.dossier_count() == visible - 1  # the rest of the page is kept
            assert r.cache.dossier(bad_id) is None

    asyncio.run(scenario())


def test_upload_rules_from_the_server_when_offered(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(dossiers=5, variant=sandbox_variant, upload_rules_endpoint=True)

    async def scenario() -> None:
        async with rig(server) as r:
            assert r.engine.upload_rules.current() == (DEFAULT_UPLOAD_RULES, "default")
            await r.engine.sync_now()
            rules, source = r.engine.upload_rules.current()
            assert source == "server"
            assert rules.allowed_extensions
            assert rules.allowed_extensions != DEFAULT_UPLOAD_RULES.allowed_extensions

    asyncio.run(scenario())


def test_upload_rules_fall_back_to_the_profile_then_the_defaults(sandbox_factory, sandbox_variant) -> None:
    server = sandbox_factory(dossiers=5, variant=sandbox_variant)  # no uploadRules endpoint
    mine = UploadRules(allowed_extensions=(".pdf", ".png"), max_file_size=2048, max_files_per_request=3)

    async def scenario() -> None:
        async with rig(server) as r:
            assert await r.engine.sync_now() is None  # a missing endpoint is no failure
            assert r.engine.upload_rules.current() == (DEFAULT_UPLOAD_RULES, "default")
            assert UploadRulesKeeper(r.cache, mine).current() == (mine, "profile")

    asyncio.run(scenario())


def test_the_server_upload_rules_are_known_offline_in_the_next_session(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=5, upload_rules_endpoint=True)

    async def scenario() -> None:
        async with rig(server, name="rules") as r:
            await r.engine.sync_now()

    asyncio.run(scenario())
    company = server.company_id
    server.stop()  # offline from the start of the next session
    mine = UploadRules(allowed_extensions=(".png",))
    session = open_session(profile_paths("rules", company), None, NullListener(), upload_rules=mine).wait()
    try:
        rules, source = session.upload_rules.current()
        assert source == "server"
        assert ".png" not in rules.allowed_extensions or rules != mine
    finally:
        session.close()


def test_a_long_retry_after_is_capped_and_the_item_can_be_retried_now(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=20)

    async def scenario() -> None:
        # (the client itself holds every request for at most a second after a 429 here, not a minute)
        async with rig(server, api_kw={"pacer": RatePacer(max_delay=1.0)}) as r:
            await r.engine.sync_now()
            target = next(d for d in r.store.load_dossiers() if d.status in ("Open", "In Process"))
            item = r.store.save_dossier_changes(
                target.id, {DossierField.OUR_REFERENCE: "after the wait"}
            ).wait()
            server.faults = FaultConfig(throttle_rate=1.0, retry_after_s=7200, methods=("PATCH",))
            error = await r.engine.sync_now()
            assert isinstance(error, RateLimitedError)
            assert r.engine.last_report.failed_steps == ("push",)
            (waiting,) = r.store.waiting_items()
            assert waiting.id == item.id
            assert waiting.next_attempt_at <= time.time() + MAX_RETRY_AFTER_S + 5  # not two hours
            assert not waiting.unsure  # refused before any work: no check needed before resending
            server.faults = FaultConfig()
            await r.engine.sync_now()
            assert r.outbox.get(item.id) is not None  # still waiting...
            r.store.retry(item.id).wait()  # ...until the user says "Retry now"
            assert await r.engine.sync_now() is None
            assert r.outbox.items() == []
            assert (await r.api.get_dossier(target.id)).our_reference == "after the wait"

    asyncio.run(scenario())
