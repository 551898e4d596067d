"""Narrow checks of shapes no sandbox variant produces on demand: looping links, bombs, odd replies."""

from __future__ import annotations

import gzip

import httpx
import msgspec
import pytest

from dossier_desk.api.batch import BatchOp, run_batch
from dossier_desk.api.enums import EnumForms
from dossier_desk.api.errors import MalformedResponseError, NotExecutedError, ResponseTooLargeError
from dossier_desk.api.models import Dossier
from dossier_desk.api.odata import F, Query
from dossier_desk.api.paging import PAGING_LOOP, PAGING_RUNAWAY, iter_pages
from dossier_desk.api.service_check import check_service
from dossier_desk.api.transport import RESPONSE_TOO_DEEP
from dossier_desk.api.wire import write_reply
from tests.unit.test_api_paging import ORIGIN, ROOT, ROW, _page, transport_for

pytestmark = pytest.mark.anyio


def test_query_string_encodes_space_as_percent_20_never_plus() -> None:
    query = Query().filter((F("description") == "a + b & c's") & (F("status") == "In Process"))
    text = query.to_query_string()
    assert "+" not in text.replace("%2B", "")
    assert "%20" in text
    assert "'a%20%2B%20b%20%26%20c''s'" in text
    forms = EnumForms()
    forms.normalise("status", "In_x0020_Process")
    assert query.to_params(forms.wire)["$filter"].endswith("status eq 'In_x0020_Process'")


async def test_relative_next_link_resolves_against_the_request_url() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if "$skiptoken" in str(request.url):
            return _page([dict(ROW, id="2")])
        return _page([ROW], "dossiers?$skiptoken=a%2Bb'c")

    transport = transport_for(handler)
    rows = [d async for page in iter_pages(transport, ROOT, Dossier, origin=ORIGIN) for d in page]
    assert [d.id for d in rows] == [ROW["id"], "2"]
    assert seen[1] == "http://127.0.0.1:1/api/companies(1)/dossiers?$skiptoken=a%2Bb'c"  # opaque
    await transport.aclose()


async def test_a_to_b_to_a_ends_the_listing_after_keeping_the_pages() -> None:
    links = {"A": "http://127.0.0.1:1/B", "B": ROOT}

    def handler(request: httpx.Request) -> httpx.Response:
        return _page([dict(ROW, id=request.url.path)], links["B" if request.url.path == "/B" else "A"])

    transport = transport_for(handler)
    got: list[str] = []

    async def read_all() -> None:
        async for page in iter_pages(transport, ROOT, Dossier, origin=ORIGIN):
            got.extend(d.id for d in page)

    with pytest.raises(MalformedResponseError) as info:
        await read_all()
    assert info.value.code == PAGING_LOOP
    assert len(got) == 2
    await transport.aclose()


async def test_pages_far_beyond_the_count_end_the_listing() -> None:
    calls = iter(range(1000))

    def handler(request: httpx.Request) -> httpx.Response:
        n = next(calls)
        return _page([dict(ROW, id=str(n))], f"http://127.0.0.1:1/p{n}", count=3)

    transport = transport_for(handler)
    with pytest.raises(MalformedResponseError) as info:
        async for _page_rows in iter_pages(transport, ROOT, Dossier, origin=ORIGIN):
            pass
    assert info.value.code == PAGING_RUNAWAY
    assert next(calls) <= 10
    await transport.aclose()


async def test_a_relative_link_that_grows_every_page_ends_the_listing() -> None:
    """ "x/" resolves to a longer URL on every page and never repeats: without a count it would page
    forever."""
    calls = iter(range(10_000))

    def handler(request: httpx.Request) -> httpx.Response:
        n = next(calls)
        return _page([dict(ROW, id=str(n))], "x/")

    transport = transport_for(handler)
    with pytest.raises(MalformedResponseError) as info:
        async for _page_rows in iter_pages(transport, ROOT, Dossier, origin=ORIGIN):
            pass
    assert info.value.code == PAGING_RUNAWAY
    assert next(calls) <= 40
    await transport.aclose()


async def test_a_compressed_body_inflating_past_the_limit_is_refused() -> None:
    bomb = gzip.compress(b"[" + b"0," * 2_000_000 + b"0]")
    assert len(bomb) < 100_000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=bomb, headers={"content-encoding": "gzip"})

    transport = transport_for(handler)
    transport.max_response_bytes = 1024 * 1024
    with pytest.raises(ResponseTooLargeError) as info:
        await transport.request("GET", ROOT)
    assert info.value.code == "ResponseTooLarge"
    await transport.aclose()


async def test_deeply_nested_json_is_a_bad_response() -> None:
    deep = b'{"value": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    transport = transport_for(lambda r: httpx.Response(200, content=deep))
    with pytest.raises(MalformedResponseError) as info:
        async for _page_rows in iter_pages(transport, ROOT, Dossier, origin=ORIGIN):
            pass
    assert info.value.code == RESPONSE_TOO_DEEP
    await transport.aclose()


@pytest.mark.parametrize(
    ("status", "body", "headers", "expected"),
    [
        (201, b"{}", {"location": "http://x/companies(1)/dossiers(abc)"}, "abc"),
        (200, b'{"id": "42"}', {}, "42"),
        (204, b"", {"location": "http://x/dossiers('D''1')"}, "D'1"),
        (201, b"{}", {}, ""),
    ],
)
def test_write_replies_without_the_entity_name_the_record_to_fetch(
    status: int, body: bytes, headers: dict[str, str], expected: str
) -> None:
    assert write_reply(httpx.Response(status, content=body, headers=headers), EnumForms()) == expected


def test_a_full_write_reply_is_the_entity_normalised() -> None:
    body = msgspec.json.encode(dict(ROW, status="InProcess", endingDate="0001-01-01"))
    reply = write_reply(httpx.Response(200, content=body), EnumForms())
    assert isinstance(reply, Dossier)
    assert reply.status == "In Process"
    assert reply.ending_date == ""


async def test_multipart_answer_with_fewer_parts_keeps_them_and_marks_the_rest() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        boundary = "b1"
        part = (
            f"--{boundary}\r\nContent-Type: application/http\r\nContent-ID: 1\r\n\r\n"
            "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n"
            '{"error":{"code":"NotFound","message":"gone"}}\r\n'
            f"--{boundary}--\r\n"
        )
        return httpx.Response(
            200, content=part.encode(), headers={"content-type": f"multipart/mixed; boundary={boundary}"}
        )

    transport = transport_for(handler)
    ops = [
        BatchOp("GET", "dossiers(1)"),
        BatchOp("PATCH", "dossiers(2)", {"description": "x"}, {"If-Match": "W/1"}),
    ]
    results = await run_batch(transport, "http://127.0.0.1:1/api/$batch", ops, form="multipart")
    assert results[0].status == 404
    assert isinstance(results[1].error, NotExecutedError)
    await transport.aclose()


async def test_service_check_tells_an_incompatible_version_from_a_missing_extension() -> None:
    csdl = (
        b'<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>'
        b'<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="NAV">'
        b'<EntityType Name="dossier"><Property Name="id" Type="Edm.Guid"/></EntityType>'
        b'<EntityContainer Name="c"><EntitySet Name="dossiers" EntityType="NAV.dossier"/></EntityContainer>'
        b"</Schema></edmx:DataServices></edmx:Edmx>"
    )

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("$metadata"):
            return httpx.Response(200, content=csdl)
        return _page([{"id": "1"}])

    transport = transport_for(handler)
    result = await check_service(transport, ROOT, "http://127.0.0.1:1/api/$metadata", EnumForms())
    assert result.status == "incompatible_version"
    assert "entitySet:dossierTypes" in result.missing
    assert "field:dossier.status" in result.missing
    await transport.aclose()


def test_a_dtd_in_metadata_is_not_expanded() -> None:
    from dossier_desk.api.csdl import parse_csdl

    assert parse_csdl(b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>') is None


async def test_a_next_link_that_is_no_url_is_a_bad_response() -> None:
    transport = transport_for(lambda r: _page([], "0\x1f"))
    with pytest.raises(MalformedResponseError, match="not a valid URL"):
        async for _page_rows in iter_pages(transport, ROOT, Dossier, origin=ORIGIN):
            pass
    await transport.aclose()
