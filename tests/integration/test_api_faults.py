"""DossierApi under injected faults (variant_sandbox FaultConfig) and real rate limiting, over HTTP."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from collections.abc import Callable

import pytest

from dossier_desk.api import (
    ApiProfile,
    DossierApi,
    F,
    MalformedResponseError,
    NetworkError,
    Query,
    RateLimitedError,
    RateLimitInfo,
    RequestTimeoutError,
    RetryPolicy,
    ServerError,
    is_transient,
)
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_sandbox import FaultConfig, SandboxServer

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("logging_expected")]

FAST = RetryPolicy(backoff_base=0.02, backoff_cap=0.2)


def api_for(server: SandboxServer, **kwargs: object) -> DossierApi:
    kwargs.setdefault("retry_policy", FAST)
    tokens = CallbackTokenProvider(lambda: server.issue_token("caseworker@demo"))
    return DossierApi(ApiProfile(server.api_root, server.company_id), tokens, **kwargs)  # type: ignore[arg-type]


async def _template(api: DossierApi) -> dict[str, str]:
    async for page in api.iter_dossier_pages(Query().filter(F("status") == "Open").top(1)):
        d = page[0]
        return {"dossierTypeCode": d.dossier_type_code, "primaryContactNo": d.primary_contact_no}
    raise AssertionError("no open dossier")


async def _count_external(api: DossierApi, prefix: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    async for page in api.iter_dossier_pages(Query().filter(F("externalDocumentNo").startswith(prefix))):
        for d in page:
            counts[d.external_document_no] = counts.get(d.external_document_no, 0) + 1
    return counts


def _faults(server: SandboxServer) -> dict[str, int]:
    return server.stats()["faults"]


async def test_429_storm_all_writes_succeed_once(
    sandbox_variant: str, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=20)
    reports: list[RateLimitInfo] = []
    async with api_for(server, max_retries=10, on_rate_limit=reports.append) as api:
        template = await _template(api)
        server.faults = FaultConfig(throttle_rate=1.0, retry_after_s=1, max_faults=30)
        prefix = f"STORM-{uuid.uuid4().hex[:8]}-"
        keys = [f"{prefix}{i:02d}" for i in range(15)]
        started = time.monotonic()
        created = await asyncio.gather(
            *(
                api.create_dossier({**template, "description": "storm", "externalDocumentNo": k})
                for k in keys
            ),
            *(api.list_dossier_types() for _ in range(5)),
        )
        elapsed = time.monotonic() - started
        assert _faults(server).get("throttle") == 30
        assert {d.external_document_no for d in created[:15]} == set(keys)  # type: ignore[union-attr]
        server.faults = FaultConfig()
        assert await _count_external(api, prefix) == dict.fromkeys(keys, 1)  # none lost, none duplicated
    assert elapsed >= 1.0  # Retry-After was honoured
    assert any(r.status == 429 and r.retry_after == 1 for r in reports)


async def test_rate_limit_is_paced_from_headers(
    sandbox_variant: str, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=10, rate_limit=10, rate_window_s=1.0)
    async with api_for(server, max_retries=10) as api:
        started = time.monotonic()
        for _ in range(35):
            await api.list_dossier_types()
        elapsed = time.monotonic() - started
    await asyncio.sleep(0.2)  # the variant_sandbox counts a request after its response is sent
    by_status = server.stats()["requests"]["byStatus"]
    assert by_status.get("200", 0) >= 35
    assert by_status.get("429", 0) <= 3, by_status  # pacing keeps us (nearly) under the limit
    assert elapsed >= 2.0  # 35 requests at 10/s cannot take less


async def test_5xx_retried_for_reads(
    sandbox_variant: str, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=10)
    async with api_for(server) as api:
        server.faults = FaultConfig(
            error_rate=1.0, error_statuses=(500, 503, 504), max_faults=3, methods=("GET",)
        )
        types = await api.list_dossier_types()
    assert types
    assert sum(v for k, v in _faults(server).items() if k.startswith("status_")) == 3


async def test_5xx_not_retried_for_writes(
    sandbox_variant: str, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=10)
    async with api_for(server) as api:
        template = await _template(api)
        server.faults = FaultConfig(error_rate=1.0, error_statuses=(503,), max_faults=1, methods=("POST",))
        key = f"ERR-{uuid.uuid4().hex[:8]}"
        with pytest.raises(ServerError) as info:
            await api.create_dossier({**template, "description": "x", "externalDocumentNo": key})
        assert is_transient(info.value)
        assert info.value.correlation_id
        assert "try again" in info.value.user_message()
        assert await api.find_dossier_by_external_no(key) is None
        # the outbox's retry later succeeds
        created = await api.create_dossier({**template, "description": "x", "externalDocumentNo": key})
        assert await api.find_dossier_by_external_no(key) == created


async def test_dropped_and_truncated_reads_are_retried(
    sandbox_variant: str, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=60)
    async with api_for(server) as api:
        visible = await api.list_dossier_ids()  # the caseworker sees those within clearance
        server.faults = FaultConfig(drop_rate=1.0, max_faults=2, methods=("GET",))
        assert await api.list_dossier_ids() == visible
        server.faults = FaultConfig(truncate_rate=1.0, max_faults=2, methods=("GET",))
        rows = [d async for page in api.iter_dossier_pages(page_size=25) for d in page]
        assert {d.id for d in rows} == visible
        assert len(rows) == len(visible)
    counts = _faults(server)
    assert counts.get("drop") == 2
    assert counts.get("truncate") == 2


async def test_commit_then_drop_is_not_retried_and_can_be_reconciled(
    sandbox_variant: str,
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=10)
    async with api_for(server) as api:
        template = await _template(api)
        key = f"DROP-{uuid.uuid4().hex[:8]}"
        server.faults = FaultConfig(commit_then_drop_rate=1.0, max_faults=1, methods=("POST",))
        with pytest.raises(NetworkError) as info:
            await api.create_dossier({**template, "description": "x", "externalDocumentNo": key})
        assert is_transient(info.value)
        # unknown outcome: check before re-inserting (FACTS: zero-loss writes)
        found = await api.find_dossier_by_external_no(key)
        assert found is not None
        assert await _count_external(api, key) == {key: 1}


async def test_slow_server_times_out(
    sandbox_variant: str, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=10)
    async with api_for(server, timeout=0.3, max_retries=1) as api:
        server.faults = FaultConfig(latency_ms=1500, path_contains="dossierTypes")
        with pytest.raises(RequestTimeoutError) as info:
            await api.list_dossier_types()
    assert is_transient(info.value)
    assert "too long" in info.value.user_message()


async def test_connection_refused_is_a_network_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    tokens = CallbackTokenProvider(lambda: "t")
    profile = ApiProfile(f"http://127.0.0.1:{port}/v2.0/t/e/api/qteam/dossier/v1.0", "c")
    async with DossierApi(profile, tokens, max_retries=2, retry_policy=FAST) as api:
        with pytest.raises(NetworkError) as info:
            await api.list_dossier_types()
    assert is_transient(info.value)
    assert "network connection" in info.value.user_message()


async def test_persistent_429_ends_in_rate_limited_error(
    sandbox_variant: str,
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=10)
    async with api_for(server, max_retries=1) as api:
        server.faults = FaultConfig(throttle_rate=1.0, retry_after_s=1)
        with pytest.raises(RateLimitedError) as info:
            await api.list_dossier_types()
    assert info.value.status == 429
    assert info.value.retry_after == 1
    assert is_transient(info.value)
    assert "try again in 1 seconds" in info.value.user_message()
    assert _faults(server).get("throttle") == 2  # the first try and one retry


async def test_persistently_truncated_body_is_malformed(
    sandbox_variant: str,
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=10)
    async with api_for(server, max_retries=2) as api:
        server.faults = FaultConfig(truncate_rate=1.0, path_contains="dossierTypes")
        with pytest.raises(MalformedResponseError) as info:
            await api.list_dossier_types()
    assert not is_transient(info.value)
    assert info.value.user_message().startswith("The server sent a response that could not be read.")
    assert info.value.correlation_id in info.value.user_message()
    assert _faults(server).get("truncate") == 3
