"""Whatever the server answers, every ``DossierApi`` call either returns its documented type or raises the
documented ``ApiError`` subclass: never ``KeyError``, ``TypeError``, ``UnicodeDecodeError``...

The real ``DossierApi`` (transport, retries off, paging, decoding, error mapping) talks to an
``httpx.MockTransport`` that replays a generated response: wrong types, missing and extra fields, nulls,
huge strings, odd unicode, broken JSON, arbitrary bytes, any status.
"""

from __future__ import annotations

import asyncio
import json
import unicodedata
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier_desk.api import (
    ApiError,
    ApiProfile,
    AuthenticationError,
    BatchOp,
    BatchResult,
    Company,
    ConflictError,
    Contact,
    Document,
    Dossier,
    DossierApi,
    DossierType,
    ExtensionMissingError,
    MalformedResponseError,
    NotFoundError,
    NullPacer,
    PermissionDeniedError,
    PreconditionRequiredError,
    RateLimitedError,
    ServerError,
    UploadRules,
    ValidationError,
    WorkflowEntry,
)
from dossier_desk.api.errors import error_for_status
from dossier_desk.api.tokens import StaticTokenProvider
from tests.fault_summary import record

ROOT = "http://127.0.0.1:9/v2.0/t/Production/api/qteam/dossier/v1.0"
COMPANY = "0f8fad5b-d9cb-469f-a165-70867728950e"
DOSSIER_ID = "6f9619ff-8b86-d011-b42d-00c04fc964ff"

ODD_TEXT = st.sampled_from(
    [
        "",
        "\x00",
        "\ud7ff\ue000\uffff",
        "\u202eevil\u202c",
        "Zoë Ørsted ẞ 😷 𝔘𝔫𝔦",
        "'; DROP TABLE dossiers; --",
        "x" * 70_000,
        "\r\n\t",
        "../../etc/passwd",
        'W/"JzE5OzEw"',
        "0001-01-01",
        "NaN",
    ]
)
TEXT = st.one_of(st.text(max_size=30), ODD_TEXT)
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
JSON = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)

DOSSIER = {
    "@odata.etag": 'W/"JzE5OzEwMDsn"',
    "id": DOSSIER_ID,
    "no": "D0001",
    "description": "Sick leave",
    "primaryContactNo": "C00001",
    "dossierTypeCode": "ABSENCE",
    "status": "Open",
    "confidentialityLevel": 1,
    "lastModifiedDateTime": "2026-01-01T00:00:00Z",
}
TEMPLATES: dict[str, dict[str, Any]] = {
    "dossier": DOSSIER,
    "company": {"id": COMPANY, "name": "CRONUS", "displayName": "CRONUS"},
    "type": {"id": "t1", "code": "ABSENCE", "sickness": True, "workflowCode": "WF-ABSENCE"},
    "contact": {"id": "c1", "no": "C00001", "name": "Jan"},
    "document": {
        "id": "d1",
        "dossierId": DOSSIER_ID,
        "fileName": "a.pdf",
        "fileSize": 10,
        "confidential": False,
    },
    "workflow": {"id": "w1", "dossierId": DOSSIER_ID, "lineNo": 10000, "state": "Current"},
    "rules": {"allowedExtensions": [".pdf"], "maxFileSize": 100, "maxFilesPerRequest": 1},
}


@st.composite
def mutated(draw: st.DrawFn, template: dict[str, Any]) -> Any:
    """A near-valid entity: some fields dropped, retyped, nulled, or added."""
    entity = dict(template)
    for key in list(entity):
        action = draw(st.sampled_from(["keep", "keep", "keep", "drop", "retype", "null"]))
        if action == "drop":
            del entity[key]
        elif action == "retype":
            entity[key] = draw(JSON)
        elif action == "null":
            entity[key] = None
    for key in draw(st.lists(TEXT, max_size=2)):
        entity[key] = draw(JSON)
    return entity


def _collection(kind: str) -> st.SearchStrategy[Any]:
    items = st.lists(st.one_of(mutated(TEMPLATES[kind]), JSON), max_size=3)
    link = st.one_of(
        st.none(),
        TEXT,
        st.just("https://evil.example/next"),
        st.just(ROOT + "/companies(" + COMPANY + ")/dossiers?$skiptoken=1"),
    )
    return st.builds(
        lambda value, next_link, count, extra: {
            "value": value,
            **({"@odata.nextLink": next_link} if next_link is not None else {}),
            **({"@odata.count": count} if count is not None else {}),
            **extra,
        },
        items,
        link,
        st.one_of(st.none(), SCALAR),
        st.dictionaries(TEXT, JSON, max_size=2),
    )


def body_for(kind: str, collection: bool) -> st.SearchStrategy[bytes]:
    shaped = _collection(kind) if collection else mutated(TEMPLATES[kind])
    as_json = st.one_of(shaped, JSON, st.builds(lambda e: {"error": e}, JSON)).map(_dump)
    return st.one_of(
        as_json,
        as_json.flatmap(lambda b: st.integers(0, max(0, len(b) - 1)).map(lambda n: b[:n])),  # truncated
        st.binary(max_size=64),
        st.sampled_from([b"", b"null", b"{", b"\xff\xfe{}", b'{"value": [', b"<html>502</html>"]),
    )


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


STATUS = st.one_of(
    st.sampled_from([200, 201]),
    st.sampled_from([200, 201, 204, 400, 401, 403, 404, 405, 408, 409, 412, 428, 429, 500, 502, 503, 504]),
    st.integers(400, 599),
)
HEADERS = st.fixed_dictionaries(
    {},
    optional={
        "ms-correlation-x": st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
        "Retry-After": st.sampled_from(["1", "0", "-5", "soon", "1e9", "Wed, 21 Oct 2015 07:28:00 GMT", ""]),
        "Content-Type": st.sampled_from(
            ["application/json", "text/html", "application/json; charset=latin-1"]
        ),
        "Content-Disposition": st.sampled_from(['attachment; filename="../../x"', "inline"]),
    },
)

_STATUS_CLASS: dict[int, type[ApiError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: ServerError,
    412: ConflictError,
    428: PreconditionRequiredError,
    429: RateLimitedError,
}


FIELD_NAME = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30)


class Replay:
    """The MockTransport handler: answers every request with the current generated response."""

    def __init__(self) -> None:
        self.status = 200
        self.body = b""
        self.headers: dict[str, str] = {}
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return httpx.Response(self.status, content=self.body, headers=self.headers)


async def _no_sleep(_seconds: float) -> None:
    return None


@pytest.fixture(scope="module")
def rig() -> Iterator[tuple[asyncio.AbstractEventLoop, DossierApi, Replay]]:
    loop = asyncio.new_event_loop()
    replay = Replay()
    api = DossierApi(
        ApiProfile(ROOT, COMPANY),
        StaticTokenProvider("fuzz-token"),
        max_retries=0,
        transport=httpx.MockTransport(replay),
        pacer=NullPacer(),  # a generated Retry-After must not make the run wait
    )
    yield loop, api, replay
    loop.run_until_complete(api.aclose())
    loop.close()


Call = Callable[[DossierApi], Awaitable[Any]]


async def _pages(api: DossierApi) -> list[Dossier]:
    return [d async for page in api.iter_dossier_pages(page_size=10) for d in page]


CALLS: dict[str, tuple[str, bool, Call, Any]] = {
    # name: (template, is a collection, call, what a success must be made of)
    "list_companies": ("company", True, lambda a: a.list_companies(), Company),
    "iter_dossier_pages": ("dossier", True, _pages, Dossier),
    "list_dossier_ids": ("dossier", True, lambda a: a.list_dossier_ids(), str),
    "get_dossier": ("dossier", False, lambda a: a.get_dossier(DOSSIER_ID), Dossier),
    "find_by_external_no": (
        "dossier",
        True,
        lambda a: a.find_dossier_by_external_no("DD-1"),
        (Dossier, type(None)),
    ),
    "create_dossier": ("dossier", False, lambda a: a.create_dossier({"description": "x"}), Dossier),
    "update_dossier": (
        "dossier",
        False,
        lambda a: a.update_dossier(DOSSIER_ID, 'W/"JzE5OzEwMDsn"', {"ourReference": "r"}),
        Dossier,
    ),
    "delete_dossier": (
        "dossier",
        False,
        lambda a: a.delete_dossier(DOSSIER_ID, 'W/"JzE5OzEwMDsn"'),
        type(None),
    ),
    "list_dossier_types": ("type", True, lambda a: a.list_dossier_types(), DossierType),
    "list_contacts": ("contact", True, lambda a: a.list_contacts(), Contact),
    "contact_dossiers": ("dossier", True, lambda a: a.contact_dossiers("C00001"), Dossier),
    "list_documents": ("document", True, lambda a: a.list_documents(DOSSIER_ID), Document),
    "workflow_log": ("workflow", True, lambda a: a.workflow_log(DOSSIER_ID), WorkflowEntry),
    "workflow_action": (
        "workflow",
        True,
        lambda a: a.workflow_action(DOSSIER_ID, "complete", 10000, "done"),
        WorkflowEntry,
    ),
    "check_extension": ("dossier", True, lambda a: a.check_extension(), type(None)),
    "batch": (
        "dossier",
        False,
        lambda a: a.batch([BatchOp("GET", f"dossiers({DOSSIER_ID})"), BatchOp("DELETE", "dossiers(1)")]),
        BatchResult,
    ),
}


def _upload_rules(api: DossierApi) -> Awaitable[UploadRules]:
    api._upload_rules = None  # the client caches the rules (or their absence) after the first answer
    api._upload_rules_known = False
    return api.get_upload_rules()


CALLS["get_upload_rules"] = ("rules", False, _upload_rules, UploadRules)

EXAMPLES_PER_CALL = 150


def _check_success(result: Any, kind: Any) -> None:
    items = result if isinstance(result, list | set) else [result]
    for item in items:
        assert isinstance(item, kind), f"{type(item).__name__} returned, expected {kind}"
        if isinstance(item, msgspec.Struct):
            msgspec.json.encode(item)  # a decoded entity is a proper value (no half-built object)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_any_server_reply_gives_a_result_or_a_documented_error(rig, name: str) -> None:
    loop, api, replay = rig
    template, collection, call, kind = CALLS[name]

    @settings(
        max_examples=EXAMPLES_PER_CALL,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(status=STATUS, body=body_for(template, collection), headers=HEADERS)
    def example(status: int, body: bytes, headers: dict[str, str]) -> None:
        record("examples")
        replay.status, replay.body, replay.headers = status, body, headers
        error: ApiError | None = None
        try:
            result = loop.run_until_complete(call(api))
        except ApiError as exc:
            error = exc
        except Exception as exc:  # anything else is a crash the user would see as a bug
            raise AssertionError(
                f"{name}: HTTP {status} {body[:80]!r} -> {type(exc).__name__}: {exc}"
            ) from exc
        if error is None:
            # An upload-rules endpoint is optional: "not offered" answers mean the FlowOn defaults.
            optional = name == "get_upload_rules" and status in (400, 404, 405, 501)
            assert status < 400 or optional, f"HTTP {status} was treated as success"
            _check_success(result, kind)
            return
        message = error.user_message()
        assert message
        assert "\n" not in message
        assert "Traceback" not in message
        assert "fuzz-token" not in message
        assert "fuzz-token" not in str(error)
        if status >= 400 and not isinstance(error, MalformedResponseError):
            expected = _STATUS_CLASS.get(status, ServerError if status >= 500 else ApiError)
            if name == "check_extension" and status == 404:
                expected = ExtensionMissingError
            assert isinstance(error, expected), f"{type(error).__name__} for HTTP {status}"
            assert error.status == status
        elif status < 400:
            # A read answered 204 means "not found"; a Dossier endpoint lacking required fields is
            # an incompatible extension version.
            documented: tuple[type[ApiError], ...] = (MalformedResponseError,)
            if status == 204:
                documented += (NotFoundError,)
            if name == "check_extension":
                documented += (ExtensionMissingError,)
            assert isinstance(error, documented), type(error)

    example()


def test_error_body_fields_are_kept_bounded_and_readable(rig) -> None:
    """The OData error body's message and details reach the exception (for the user and support),
    truncated and on one line, whatever the server put in them."""
    loop, api, replay = rig

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        status=st.sampled_from([400, 403, 404, 409, 422, 500]),
        code=TEXT,
        message=TEXT,
        targets=st.lists(st.tuples(st.one_of(FIELD_NAME, TEXT), TEXT), max_size=3),
    )
    def example(status: int, code: str, message: str, targets: list[tuple[str, str]]) -> None:
        record("examples")
        details = [{"code": "X", "message": m, "target": t} for t, m in targets]
        replay.status, replay.headers = status, {"ms-correlation-x": "corr-1"}
        replay.body = _dump({"error": {"code": code, "message": message, "details": details}})
        with pytest.raises(ApiError) as caught:
            loop.run_until_complete(api.get_dossier(DOSSIER_ID))
        exc = caught.value
        assert exc.code == code
        assert len(exc.message) <= 500
        assert exc.correlation_id == "corr-1"
        text = exc.user_message()
        assert "\n" not in text, repr(text)
        assert "\r" not in text, repr(text)
        assert text.endswith("(Support reference: corr-1.)")
        if isinstance(exc, ValidationError):
            assert exc.field_errors == {t: m for t, m in targets if t}

    example()


def test_validation_targets_from_the_server_are_cleaned_in_the_user_message() -> None:
    body = {
        "error": {
            "code": "BadRequest",
            "message": "Invalid.",
            "details": [
                {"code": "X", "message": "required", "target": "first\r\nName\x1b[31m" + "x" * 5000},
            ],
        }
    }
    text = error_for_status(400, body).user_message()
    assert "\n" not in text
    assert "\r" not in text
    assert "\x1b" not in text
    assert len(text) <= 600
    # The server's own message goes through the same cleaning (a terminal escape, a NUL, bidi override).
    body = {"error": {"code": "X", "message": "Stop\x1b[2J\x00 here\u202e", "details": []}}
    text = error_for_status(500 - 100, body).user_message()
    assert not [c for c in text if unicodedata.category(c) in ("Cc", "Cf")], repr(text)
