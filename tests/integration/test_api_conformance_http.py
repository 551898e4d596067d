"""The API client over real HTTP against the sandbox's reply-shape switches, per server variant:
listings that never end, responses too large or too deep to read, and write/read replies without the
entity (``{}``, ``{"id": ...}``, 204 + Location, 204 for a missing record)."""

from __future__ import annotations

import uuid

import pytest

from dossier_desk.api import ApiProfile, DossierApi
from dossier_desk.api.errors import MalformedResponseError, NotFoundError, ResponseTooLargeError
from dossier_desk.api.odata import Query
from dossier_desk.api.paging import PAGING_LOOP, PAGING_RUNAWAY
from dossier_desk.api.tokens import CallbackTokenProvider
from dossier_desk.api.transport import RESPONSE_TOO_DEEP
from dossier_sandbox import FaultConfig, SandboxServer

pytestmark = pytest.mark.anyio

MB = 1024 * 1024
ON_DOSSIERS = {"path_contains": "/dossiers", "methods": ("GET",)}


def api_for(server: SandboxServer, **kwargs: object) -> DossierApi:
    profile = ApiProfile(server.api_root, server.company_id)
    tokens = CallbackTokenProvider(lambda: server.issue_token("caseworker@demo"))
    return DossierApi(profile, tokens, max_retries=1, **kwargs)  # type: ignore[arg-type]


def _fields(description: str = "Shapes") -> dict[str, str]:
    return {
        "description": description,
        "dossierTypeCode": "ABSENCE",
        "primaryContactNo": "C00001",
        "startingDate": "2026-01-05",
    }


async def _pages_until_error(api: DossierApi, query: Query | None = None) -> tuple[list[int], str]:
    sizes: list[int] = []

    async def read_all() -> None:
        async for page in api.iter_dossier_pages(query):
            sizes.append(len(page))

    with pytest.raises(MalformedResponseError) as info:
        await read_all()
    return sizes, info.value.code


async def test_cycling_next_links_end_the_listing_with_paging_loop(
    sandbox_factory, sandbox_variant: str
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=5)
    server.faults = FaultConfig(paging="cycle", **ON_DOSSIERS)
    async with api_for(server) as api:
        sizes, code = await _pages_until_error(api)
    # first page, A, B delivered; B links back to A
    assert (sizes, code) == ([5, 5, 5], PAGING_LOOP)


async def test_pages_beyond_the_count_end_the_listing_with_paging_runaway(
    sandbox_factory, sandbox_variant: str
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=5)
    server.faults = FaultConfig(paging="runaway", **ON_DOSSIERS)
    async with api_for(server) as api:
        sizes, code = await _pages_until_error(api, Query().count())
    assert code == PAGING_RUNAWAY
    assert 2 <= len(sizes) <= 10
    assert set(sizes) == {5}  # the good pages came first


async def test_a_gzip_bomb_is_refused_past_max_response_bytes(sandbox_factory, sandbox_variant: str) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=5)
    async with api_for(server, max_response_bytes=MB) as api:
        made = await api.create_dossier(_fields())
        server.faults = FaultConfig(inflate_bytes=5 * MB, **ON_DOSSIERS)
        with pytest.raises(ResponseTooLargeError) as info:
            await api.get_dossier(made.id)
        assert info.value.code == "ResponseTooLarge"
        with pytest.raises(ResponseTooLargeError):
            async for _page in api.iter_dossier_pages():
                pass
        server.faults = FaultConfig()
        assert (await api.get_dossier(made.id)).id == made.id  # the client is fine afterwards


async def test_deeply_nested_json_is_a_bad_response(sandbox_factory, sandbox_variant: str) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=5)
    async with api_for(server) as api:
        made = await api.create_dossier(_fields())
        server.faults = FaultConfig(nest_depth=100_000, **ON_DOSSIERS)
        with pytest.raises(MalformedResponseError) as info:
            async for _page in api.iter_dossier_pages():
                pass
        assert info.value.code == RESPONSE_TOO_DEEP
        with pytest.raises(MalformedResponseError) as info:
            await api.get_dossier(made.id)
        assert info.value.code == RESPONSE_TOO_DEEP


@pytest.mark.parametrize("reply", ["empty", "id", "no_content"])
async def test_write_replies_without_the_entity_are_followed_by_a_get(
    sandbox_factory, sandbox_variant: str, reply: str
) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=1)
    server.faults = FaultConfig(write_reply=reply, methods=("POST", "PATCH"))
    async with api_for(server) as api:
        made = await api.create_dossier(_fields("Made"))
        updated = await api.update_dossier(made.id, made.etag, {"description": "Changed"})
        server.faults = FaultConfig()
        stored = await api.get_dossier(made.id)
    assert made.etag
    assert made.description == "Made"
    assert (updated.id, updated.description) == (made.id, "Changed")
    assert updated.etag == stored.etag != made.etag  # the etag came from the server's GET


async def test_204_on_a_read_means_not_found(sandbox_factory, sandbox_variant: str) -> None:
    server = sandbox_factory(variant=sandbox_variant, dossiers=1)
    server.faults = FaultConfig(read_204=True)
    async with api_for(server) as api:
        made = await api.create_dossier(_fields())
        assert (await api.get_dossier(made.id)).id == made.id
        with pytest.raises(NotFoundError):
            await api.get_dossier(str(uuid.uuid4()))


async def test_vendor_flowon_replies_round_trip(sandbox_factory) -> None:
    # The vendor variant answers create {"id"}, update {} and a missing record 204 without any switch.
    server = sandbox_factory(variant="vendor", dossiers=1)
    async with api_for(server) as api:
        made = await api.create_dossier(_fields("Vendor"))
        updated = await api.update_dossier(made.id, made.etag, {"description": "Vendor changed"})
        assert made.etag
        assert updated.etag != made.etag
        assert (await api.get_dossier(made.id)).description == "Vendor changed"
        with pytest.raises(NotFoundError):
            await api.get_dossier(str(uuid.uuid4()))
