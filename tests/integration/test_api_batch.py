"""JSON $batch over HTTP: 250 operations chunked into <= 100, per-operation results and errors."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

import pytest

from dossier_desk.api import (
    ApiProfile,
    BatchOp,
    ConflictError,
    Dossier,
    DossierApi,
    F,
    NotFoundError,
    Query,
    key_segment,
)
from dossier_desk.api.errors import NotExecutedError, is_transient
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_sandbox import SandboxServer

pytestmark = pytest.mark.anyio


def api_for(server: SandboxServer, user: str = "caseworker@demo") -> DossierApi:
    tokens = CallbackTokenProvider(lambda: server.issue_token(user))
    return DossierApi(ApiProfile(server.api_root, server.company_id), tokens)


async def _batch_posts(server: SandboxServer) -> int:
    await asyncio.sleep(0.2)  # the variant_sandbox counts a request after its response is sent
    return server.stats()["requests"]["byMethod"].get("POST", 0)


async def test_250_reads_in_three_chunks(
    sandbox_variant: str, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=300)
    async with api_for(server, "occhealth@demo") as api:
        ids = sorted(await api.list_dossier_ids())[:250]
        before = await _batch_posts(server)
        results = await api.batch([BatchOp("GET", key_segment("dossiers", i)) for i in ids])
        assert await _batch_posts(server) - before == 3  # 100 + 100 + 50
    assert [r.status for r in results] == [200] * 250
    assert [r.decode(Dossier).id for r in results] == ids


async def test_250_creates_chunked_each_created_once(
    sandbox_variant: str, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=20)
    async with api_for(server) as api:
        template = await api.get_dossier(next(iter(await api.list_dossier_ids())))
        prefix = f"B-{uuid.uuid4().hex[:8]}-"
        ops = [
            BatchOp(
                "POST",
                "dossiers",
                {
                    "description": f"batch {i}",
                    "dossierTypeCode": template.dossier_type_code,
                    "primaryContactNo": template.primary_contact_no,
                    "externalDocumentNo": f"{prefix}{i:03d}",
                },
            )
            for i in range(250)
        ]
        results = await api.batch(ops)
        assert [r.status for r in results] == [201] * 250
        created = [r.decode(Dossier) for r in results]
        assert [d.external_document_no for d in created] == [f"{prefix}{i:03d}" for i in range(250)]
        query = Query().filter(F("externalDocumentNo").startswith(prefix)).select("id")
        stored = [d.id async for page in api.iter_dossier_pages(query) for d in page]
        assert sorted(stored) == sorted(d.id for d in created)


async def test_mixed_batch_reports_errors_per_operation(variant_sandbox: SandboxServer) -> None:
    async with api_for(variant_sandbox) as api:
        dossier = await api.get_dossier(next(iter(await api.list_dossier_ids())))
        results = await api.batch(
            [
                BatchOp("GET", key_segment("dossiers", dossier.id)),
                BatchOp("GET", key_segment("dossiers", str(uuid.uuid4()))),
                BatchOp(
                    "PATCH",
                    key_segment("dossiers", dossier.id),
                    {"description": "stale write"},
                    {"If-Match": 'W/"JzE7MTsn"'},
                ),
                BatchOp("GET", "dossierTypes"),
            ]
        )
    assert results[0].decode(Dossier) == dossier
    assert isinstance(results[1].error, NotFoundError)
    assert isinstance(results[2].error, ConflictError)
    assert results[2].error.current == dossier  # the server's version, for the conflict dialog
    assert results[3].ok
    assert results[3].body["value"]


async def test_atomic_batch_needs_one_chunk(variant_sandbox: SandboxServer) -> None:
    async with api_for(variant_sandbox) as api:
        with pytest.raises(ValueError):
            await api.batch([BatchOp("GET", "dossierTypes")] * 101, atomic=True)
        assert await api.batch([]) == []


async def test_multipart_form_round_trip(variant_sandbox: SandboxServer, sandbox_variant: str) -> None:
    async with api_for(variant_sandbox) as api:
        ids = sorted(await api.list_dossier_ids())
        dossier = await api.get_dossier(ids[0])
        ops = [BatchOp("GET", key_segment("dossiers", i)) for i in ids[:120]]
        ops += [
            BatchOp("GET", key_segment("dossiers", str(uuid.uuid4()))),
            BatchOp(
                "PATCH",
                key_segment("dossiers", dossier.id),
                {"description": "x"},
                {"If-Match": 'W/"JzE7MTsn"'},
            ),
        ]
        results = await api.batch(ops, form="multipart")
        assert [r.decode(Dossier).id for r in results[:120]] == ids[:120]
        assert isinstance(results[120].error, NotFoundError)
        if sandbox_variant == "odata":
            # Without continue-on-error a generic OData server stops at the first failure: the
            # answers before it are kept, the rest is "not executed" and may simply be sent again.
            assert isinstance(results[121].error, NotExecutedError)
            assert is_transient(results[121].error)
            (results[121],) = await api.batch([ops[121]], form="multipart")
        assert isinstance(results[121].error, ConflictError)
        assert results[121].error.status == 412
