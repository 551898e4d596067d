"""Page decoding (typed, one call) and the paging loop's safety checks, with scripted responses."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import msgspec
import pytest

from dossier_desk.api import paging
from dossier_desk.api.decoding import SkippedRecord, decode_envelope
from dossier_desk.api.enums import EnumForms
from dossier_desk.api.errors import MalformedResponseError
from dossier_desk.api.models import Dossier
from dossier_desk.api.pacing import NullPacer, Slot
from dossier_desk.api.paging import PAGING_RUNAWAY, decode_page, iter_pages
from dossier_desk.api.transport import RetryPolicy, Transport

pytestmark = pytest.mark.anyio

ROOT = "http://127.0.0.1:1/api/companies(1)/dossiers"
ORIGIN = ("http", "127.0.0.1:1")

ROW = {
    "@odata.etag": 'W/"JzE5OzEwMDAwMDAwMDAwMDAwMDAyODM7Jw=="',
    "id": "2a18067d-fbfc-4976-9e1a-99048a66c267",
    "no": "D00201",
    "description": "Pre-employment examination",
    "primaryContactNo": "C00059",
    "primaryContactName": "Julia van Dijk",
    "dossierTypeCode": "PAGO",
    "status": "Some Future Status",
    "documentDate": "2026-03-10",
    "startingDate": "2026-03-10",
    "endingDate": "",
    "dateClosed": "",
    "externalDocumentNo": "",
    "yourReference": "",
    "ourReference": "HR/2026/201",
    "department": "SERVICE",
    "caseManagerCode": "SVD",
    "priority": "Low",
    "confidentialityLevel": 1,
    "category": "Examination",
    "lastModifiedDateTime": "2026-11-23T06:54:35.312Z",
    "aFieldFromANewerVersion": {"nested": [1, 2]},
}


class Tokens:
    async def get_token(self, *, force_refresh: bool = False) -> str:
        return "t"


async def _nosleep(_: float) -> None:
    return None


def transport_for(handler) -> Transport:
    return Transport(
        Tokens(),
        transport=httpx.MockTransport(handler),
        policy=RetryPolicy(max_retries=2, backoff_base=0.001),
        pacer=NullPacer(),
        sleep=_nosleep,
    )


def _page(rows: list[dict], next_link: str | None = None, count: int | None = None) -> httpx.Response:
    body: dict = {"@odata.context": "x", "value": rows}
    if next_link:
        body["@odata.nextLink"] = next_link
    if count is not None:
        body["@odata.count"] = count
    return httpx.Response(200, content=msgspec.json.encode(body))


def test_decode_page_keeps_everything_and_tolerates_unknowns() -> None:
    page = decode_page(_page([ROW], "http://127.0.0.1:1/next", 7), Dossier)
    assert page.next_link == "http://127.0.0.1:1/next"
    assert page.count == 7
    d = page.value[0]
    assert d.etag == ROW["@odata.etag"]
    assert d.status == "Some Future Status"  # unknown captions never break decoding
    assert d.primary_contact_name == "Julia van Dijk"
    assert d.last_modified_date_time == ROW["lastModifiedDateTime"]


@pytest.mark.parametrize(
    "content",
    [b"{", b"[]", b'{"value": {}}', b"\xff"],
)
def test_bad_pages_raise_malformed(content: bytes) -> None:
    with pytest.raises(MalformedResponseError) as info:
        decode_page(httpx.Response(200, content=content), Dossier)
    assert info.value.user_message() == "The server sent a response that could not be read."


@pytest.mark.parametrize(
    ("record", "key", "problem", "field"),
    [
        ({"no": "D7"}, "D7", "missing_field", "id"),
        ({"id": 5}, "5", "wrong_type", "id"),
        ({"id": "x1", "status": 3}, "x1", "wrong_type", "status"),
        ("not an object", "", "not_an_object", ""),
    ],
)
def test_a_bad_record_is_skipped_and_reported_the_rest_kept(
    record: object, key: str, problem: str, field: str
) -> None:
    body = msgspec.json.encode({"value": [ROW, record, dict(ROW, id="other")]})
    page = decode_page(httpx.Response(200, content=body), Dossier, entity_set="dossiers")
    assert [d.id for d in page.value] == [ROW["id"], "other"]
    assert page.value.skipped == [SkippedRecord("dossiers", key, problem, field)]


def test_typed_decode_is_faster_than_stdlib_json() -> None:
    body = msgspec.json.encode({"value": [dict(ROW, id=str(i)) for i in range(10_000)]})
    response = httpx.Response(200, content=body)

    def best(fn) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    typed = best(lambda: decode_page(response, Dossier))
    stdlib = best(lambda: json.loads(body))
    assert len(decode_page(response, Dossier).value) == 10_000
    assert typed < stdlib, (typed, stdlib)  # typed structs cost less than plain dicts from json


async def test_follows_next_links_and_reports_progress() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if "skiptoken=2" in str(request.url):
            return _page([dict(ROW, id="3")], count=3)
        if "skiptoken=1" in str(request.url):
            return _page([dict(ROW, id="2")], "http://127.0.0.1:1/next?$skiptoken=2", 3)
        assert request.headers["prefer"] == "odata.maxpagesize=1"
        assert request.url.params["$count"] == "true"
        return _page([dict(ROW, id="1")], "http://127.0.0.1:1/next?$skiptoken=1", 3)

    progress: list[tuple[int, int | None]] = []
    transport = transport_for(handler)
    pages = [
        [d.id for d in page]
        async for page in iter_pages(
            transport,
            ROOT,
            Dossier,
            origin=ORIGIN,
            params={"$count": "true"},
            page_size=1,
            on_progress=lambda n, t: progress.append((n, t)),
        )
    ]
    assert pages == [["1"], ["2"], ["3"]]
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert "$count" not in seen[1]  # the next link is used as given
    await transport.aclose()


async def test_next_link_to_another_host_is_refused() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.host)
        return _page([ROW], "http://evil.example.com/steal")

    transport = transport_for(handler)
    with pytest.raises(MalformedResponseError, match="another server"):
        async for _ in iter_pages(transport, ROOT, Dossier, origin=ORIGIN):
            pass
    assert calls == ["127.0.0.1"]  # the token never went to the other host
    await transport.aclose()


async def test_next_link_loop_is_detected() -> None:
    transport = transport_for(lambda r: _page([ROW], "http://127.0.0.1:1/same"))
    with pytest.raises(MalformedResponseError, match="already read"):
        async for _ in iter_pages(transport, "http://127.0.0.1:1/same", Dossier, origin=ORIGIN):
            pass
    await transport.aclose()


async def test_truncated_page_is_retried() -> None:
    bodies = iter([httpx.Response(200, content=b'{"value": [{"id": "1"'), _page([ROW])])
    transport = transport_for(lambda r: next(bodies))
    rows = [d async for page in iter_pages(transport, ROOT, Dossier, origin=ORIGIN) for d in page]
    assert [d.id for d in rows] == [ROW["id"]]
    await transport.aclose()


def test_null_blank_literals_and_enum_forms_decode_to_one_form() -> None:
    rows = [
        dict(ROW, id="a", status="In_x0020_Process", endingDate="0001-01-01", dateClosed=None),
        dict(ROW, id="b", status="InProcess", endingDate="", lastModifiedDateTime="0001-01-01T00:00:00Z"),
        dict(ROW, id="c", status="Open", description=None, priority=None),
        dict(ROW, id=None),  # a required key that is null: skipped and reported, not made up
    ]
    page = decode_page(
        httpx.Response(200, content=msgspec.json.encode({"value": rows})), Dossier, entity_set="dossiers"
    )
    a, b, c = page.value
    assert a.status == b.status == "In Process"
    assert a.ending_date == b.ending_date == a.date_closed == b.last_modified_date_time == ""
    assert c.description == ""
    assert c.priority == ""
    assert page.value.skipped == [SkippedRecord("dossiers", ROW["no"], "missing_field", "id")]


def test_a_page_of_encoded_enum_values_is_normalised_and_teaches_the_servers_form() -> None:
    rows = [dict(ROW, id=str(i), status="In_x0020_Process" if i % 2 else "Open") for i in range(200)]
    forms = EnumForms()
    page = decode_page(
        httpx.Response(200, content=msgspec.json.encode({"value": rows})), Dossier, forms=forms
    )
    assert [d.status for d in page.value] == ["In Process" if i % 2 else "Open" for i in range(200)]
    assert forms.wire("status", "In Process") == "In_x0020_Process"  # filters are written in its form


def test_the_envelope_reads_link_and_count_without_building_records() -> None:
    # Records the typed decode would skip are still only checked as JSON here: no record is built.
    body = b'{"@odata.count": 7, "value": [1, "x", {"id": 5}], "@odata.nextLink": "http://h/p?$skiptoken=2"}'
    envelope = decode_envelope(body)
    assert (envelope.count, envelope.next_link, envelope.is_empty) == (7, "http://h/p?$skiptoken=2", False)
    assert decode_envelope(b'{"value": [ \n ]}').is_empty
    assert decode_envelope(b'{"value": [{}]}').is_empty is False
    for bad in (b'{"value": {}}', b'{"value": 5}', b'{"value": [1, 2', b'{"value": [1,]}', b"[]"):
        with pytest.raises((msgspec.ValidationError, msgspec.DecodeError)):
            decode_envelope(bad)


async def test_read_ahead_asks_for_the_next_page_before_this_one_is_decoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        n = int(request.url.params.get("$skiptoken", "0"))
        events.append(f"get {n}")
        link = f"http://127.0.0.1:1/next?$skiptoken={n + 1}" if n < 2 else None
        return _page([dict(ROW, id=str(n))], link, count=3)

    real = paging.decode_page

    def decode(response: httpx.Response, *args: object, **kwargs: object) -> object:
        page = real(response, *args, **kwargs)  # type: ignore[arg-type]
        events.append(f"decode {page.value[0].id}")
        return page

    monkeypatch.setattr(paging, "decode_page", decode)
    transport = transport_for(handler)
    got = [
        d.id
        async for page in iter_pages(
            transport, ROOT, Dossier, origin=ORIGIN, decode_off_loop=True, read_ahead=True
        )
        for d in page
    ]
    assert got == ["0", "1", "2"]
    assert events == ["get 0", "get 1", "decode 0", "get 2", "decode 1", "decode 2"]
    await transport.aclose()


@pytest.mark.parametrize("off_loop", [False, True])
async def test_a_run_of_empty_pages_ends_the_listing(off_loop: bool) -> None:
    calls = iter(range(1000))

    def handler(request: httpx.Request) -> httpx.Response:
        return _page([], f"http://127.0.0.1:1/p{next(calls)}")

    transport = transport_for(handler)
    with pytest.raises(MalformedResponseError) as info:
        async for _rows in iter_pages(
            transport, ROOT, Dossier, origin=ORIGIN, decode_off_loop=off_loop, read_ahead=off_loop
        ):
            pass
    assert info.value.code == PAGING_RUNAWAY
    assert next(calls) == 50  # the fiftieth empty page in a row ends it; none is asked for after it
    await transport.aclose()


async def test_a_page_is_not_held_back_while_the_next_request_waits_for_the_rate_limit() -> None:
    released = asyncio.Event()

    class HoldingSecond(NullPacer):
        calls = 0

        async def acquire(self) -> Slot:
            HoldingSecond.calls += 1
            if HoldingSecond.calls == 2:
                await released.wait()  # the request read ahead waits for the pacer
            return await super().acquire()

    def handler(request: httpx.Request) -> httpx.Response:
        n = int(request.url.params.get("$skiptoken", "0"))
        return _page([dict(ROW, id=str(n))], "http://127.0.0.1:1/next?$skiptoken=1" if n == 0 else None)

    transport = Transport(Tokens(), transport=httpx.MockTransport(handler), pacer=HoldingSecond())
    pages = iter_pages(transport, ROOT, Dossier, origin=ORIGIN, decode_off_loop=True, read_ahead=True)
    first = await asyncio.wait_for(anext(pages), timeout=5)
    assert [d.id for d in first] == ["0"]  # yielded while the next request is still held
    released.set()
    assert [d.id async for page in pages for d in page] == ["1"]
    await transport.aclose()
