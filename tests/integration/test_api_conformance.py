"""The API client against the server variants over real HTTP: what real OData v4 and BC servers send.

Each test names the behaviour it proves; the variants come from ``variant_sandbox`` / the ``variants``
marker (bc = Business Central 24+, odata = a generic OData v4 service, vendor = the vendor documents).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier_desk.api import ApiProfile, DossierApi, F, Query
from dossier_desk.api.batch import DossierUpdate
from dossier_desk.api.errors import (
    ConflictError,
    ExtensionMissingError,
    FileTooLargeError,
    ResourceConflictError,
    ResponseTooLargeError,
    ValidationError,
)
from dossier_desk.api.models import STATUS_VALUES
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_sandbox import SandboxServer
from tests.sandbox_fixtures import client_of

pytestmark = pytest.mark.anyio


def api_for(server: SandboxServer, user: str = "caseworker@demo", **kwargs: object) -> DossierApi:
    profile_kwargs = kwargs.pop("profile", {})
    profile = ApiProfile(server.api_root, server.company_id, **profile_kwargs)  # type: ignore[arg-type]
    return DossierApi(profile, CallbackTokenProvider(lambda: server.issue_token(user)), **kwargs)  # type: ignore[arg-type]


async def _create(api: DossierApi, **fields: object) -> str:
    body = {
        "description": "Conformance",
        "dossierTypeCode": "ABSENCE",
        "primaryContactNo": "C00001",
        "startingDate": "2026-01-05",
        **fields,
    }
    return (await api.create_dossier(body)).id


async def test_query_text_with_spaces_plus_and_quotes_round_trips(variant_sandbox: SandboxServer) -> None:
    # A space is %20 and a '+' stays a plus: a generic OData server reads a raw '+' as a plus sign.
    text = f"A + B & C's 50% {uuid.uuid4().hex[:8]}"
    async with api_for(variant_sandbox) as api:
        made = await _create(api, description=text)
        rows = [
            d async for page in api.iter_dossier_pages(Query().filter(F("description") == text)) for d in page
        ]
        assert [d.id for d in rows] == [made]
        assert rows[0].description == text
        # Keys: a GUID unquoted, a contact No. quoted with '' escaping.
        assert (await api.get_dossier(made)).id == made
        assert all(d.primary_contact_no == "C00001" for d in await api.contact_dossiers("C00001"))


async def test_every_page_is_read_with_absolute_or_relative_next_links(
    variant_sandbox: SandboxServer, sandbox_variant: str
) -> None:
    # bc answers absolute links and honours Prefer; odata answers relative links and 100-row pages.
    async with api_for(variant_sandbox, "occhealth@demo") as api:
        sizes: list[int] = []
        ids: set[str] = set()
        async for page in api.iter_dossier_pages(Query().count(), page_size=120):
            sizes.append(len(page))
            ids.update(d.id for d in page)
            assert page.skipped == []
        total = len(await api.list_dossier_ids())
    assert len(sizes) > 1
    assert len(ids) == sum(sizes) == total
    assert max(sizes) == (100 if sandbox_variant == "odata" else 120)


async def test_blanks_and_enums_decode_to_one_form(variant_sandbox: SandboxServer) -> None:
    # bc sends 0001-01-01 and In_x0020_Process, odata null; the client sees "" and the caption.
    async with api_for(variant_sandbox) as api:
        made = await _create(api, status="In Process")
        dossier = await api.get_dossier(made)
        assert dossier.status == "In Process"
        assert dossier.ending_date == dossier.date_closed == ""
        rows = [
            d
            async for page in api.iter_dossier_pages(Query().filter(F("status") == "In Process"))
            for d in page
        ]
        assert made in {d.id for d in rows}
        assert {d.status for d in rows} == {"In Process"}
        every = [d async for page in api.iter_dossier_pages() for d in page]
        assert {d.status for d in every} <= set(STATUS_VALUES)
        assert "0001-01-01" not in {d.ending_date for d in every} | {d.date_closed for d in every}
        assert api.take_skipped() == []


@pytest.mark.variants("vendor")
async def test_dossier_types_without_id_are_keyed_by_code(variant_sandbox: SandboxServer) -> None:
    async with api_for(variant_sandbox) as api:
        types = await api.list_dossier_types()
    assert types
    assert all(t.code for t in types)
    assert all(t.id == "" for t in types)


async def test_a_response_over_the_size_limit_is_refused(variant_sandbox: SandboxServer) -> None:
    async with api_for(variant_sandbox, "occhealth@demo", max_response_bytes=4096) as api:
        with pytest.raises(ResponseTooLargeError) as info:
            async for _page in api.iter_dossier_pages(page_size=100):
                pass
    assert info.value.code == "ResponseTooLarge"


async def test_many_edits_in_one_batch_each_with_its_own_outcome(variant_sandbox: SandboxServer) -> None:
    async with api_for(variant_sandbox) as api:
        ids = [await _create(api) for _ in range(3)]
        current = [await api.get_dossier(i) for i in ids]
        stale = 'W/"JzE7MTsn"'
        updates = [
            DossierUpdate(current[0].id, current[0].etag, {"description": "batched one"}),
            DossierUpdate(current[1].id, stale, {"description": "stale"}),
            DossierUpdate(current[2].id, current[2].etag, {"status": "In Process"}),
        ]
        outcomes = await api.update_dossiers(updates)
        assert outcomes[0].ok
        assert outcomes[0].dossier is not None
        assert outcomes[0].dossier.description == "batched one"
        assert isinstance(outcomes[1].error, ConflictError)
        assert outcomes[2].ok
        assert outcomes[2].dossier is not None
        assert outcomes[2].dossier.status == "In Process"
        assert (await api.get_dossier(ids[1])).description == "Conformance"


async def test_error_target_names_the_field(variant_sandbox: SandboxServer) -> None:
    async with api_for(variant_sandbox) as api:
        with pytest.raises(ValidationError) as info:
            await _create(api, dossierTypeCode="NO-SUCH-TYPE")
    assert "dossierTypeCode" in info.value.field_errors


async def test_409_is_a_conflict_the_user_can_retry(variant_sandbox: SandboxServer) -> None:
    async with api_for(variant_sandbox) as api:
        made = await _create(api)
        d = await api.update_dossier(made, (await api.get_dossier(made)).etag, {"status": "Closed"})
        d = await api.update_dossier(made, d.etag, {"status": "Archived"})
        with pytest.raises(ResourceConflictError) as info:
            await api.update_dossier(made, d.etag, {"description": "too late"})
    assert info.value.status == 409
    assert info.value.retryable


@pytest.mark.variants("vendor")
async def test_vendor_upload_empty_200_is_success_and_too_large_is_specific(
    variant_sandbox: SandboxServer, tmp_path: Path
) -> None:
    small = tmp_path / "brief.pdf"
    small.write_bytes(b"%PDF-1.4 small")
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"x" * (10 * 1024 * 1024 + 1))
    async with api_for(variant_sandbox) as api:
        made = await _create(api)
        assert await api.server_upload_rules() is None
        before = len(await api.list_documents(made))
        created = await api.upload_document(made, small, description="Brief", document_type="Legal")
        assert created is None  # 200 with an empty body: uploaded, re-list to see it
        assert len(await api.list_documents(made)) == before + 1
        with pytest.raises(FileTooLargeError) as info:
            await api.upload_document(made, big, description="Scan", document_type="Legal")
    assert info.value.code == "FILE_TOO_LARGE"


async def test_upload_rules_come_from_the_server_only_when_offered(
    sandbox_factory: Callable[..., SandboxServer], sandbox_variant: str
) -> None:
    offered = sandbox_factory(variant=sandbox_variant, dossiers=5, upload_rules_endpoint=True)
    async with api_for(offered) as api:
        rules = await api.server_upload_rules()
    assert rules is not None
    assert rules.allowed_extensions
    plain = sandbox_factory(variant=sandbox_variant, dossiers=5)
    async with api_for(plain) as api:
        assert await api.server_upload_rules() is None


@pytest.mark.variants("bc", "bc23", "odata", "vendor")
async def test_service_check_on_connect(variant_sandbox: SandboxServer) -> None:
    async with api_for(variant_sandbox) as api:
        result = await api.check_service()
    assert result.status == "ok", result.missing
    assert result.metadata_read


async def test_service_check_names_a_missing_extension(variant_sandbox: SandboxServer) -> None:
    root = variant_sandbox.api_root.replace("/qteam/dossier/", "/otherpublisher/dossier/")
    api = DossierApi(
        ApiProfile(root, variant_sandbox.company_id),
        CallbackTokenProvider(lambda: variant_sandbox.issue_token("caseworker@demo")),
    )
    async with api:
        result = await api.check_service()
        assert result.status == "missing_extension"
        with pytest.raises(ExtensionMissingError) as info:
            await api.check_extension()
    assert info.value.code == "missing_extension"


@pytest.mark.variants("vendor", "bc")
async def test_pacing_keeps_under_the_limit_with_and_without_headers(
    sandbox_factory: Callable[..., SandboxServer], sandbox_variant: str
) -> None:
    # vendor reports X-RateLimit-* (the headers govern); bc reports nothing (the profile's windows).
    server = sandbox_factory(variant=sandbox_variant, dossiers=10, rate_limit=10, rate_window_s=1.0)
    async with api_for(server, profile={"rate_windows": ((10, 1.0),)}) as api:
        await api.list_dossier_types()
        await asyncio.sleep(1.1)
        started = time.monotonic()
        await asyncio.gather(*(api.list_dossier_types() for _ in range(30)))
        elapsed = time.monotonic() - started
    await asyncio.sleep(0.2)  # the sandbox counts a request after its response is sent
    assert server.stats()["requests"]["byStatus"].get("429", 0) == 0
    assert 2.0 <= elapsed <= 4.5  # 30 requests at 10/s: about 3 s, never faster than the limit


@pytest.mark.variants("vendor")
async def test_retry_after_wait_is_data_with_retry_now(sandbox_factory: Callable[..., SandboxServer]) -> None:
    server = sandbox_factory(variant="vendor", dossiers=5, rate_limit=2, rate_window_s=30.0)
    with client_of(server) as raw:  # use up the budget with the user's other app
        raw.get("dossierTypes")
        raw.get("dossierTypes")
    async with api_for(server, max_retries=0) as api:
        from dossier_desk.api.errors import RateLimitedError

        with pytest.raises(RateLimitedError) as info:
            await api.list_dossier_types()
        assert info.value.retry_after is not None
        assert 0 < info.value.retry_after <= 900
        assert api.rate_limit_wait() is not None
        api.retry_now()
        assert api.rate_limit_wait() is None
