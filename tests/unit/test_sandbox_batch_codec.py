"""$batch bodies: BC's JSON form and the vendor doc's multipart/mixed form, both ways."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier_sandbox.batch_codec import (
    MAX_BATCH_OPERATIONS,
    BatchFormatError,
    BatchRequest,
    BatchResponse,
    boundary_from_content_type,
    encode_json_batch,
    encode_multipart_batch,
    encode_multipart_batch_requests,
    parse_json_batch,
    parse_multipart_batch,
    parse_multipart_batch_responses,
)

# Verbatim from dossier-api-overview.txt: LF line ends, no blank lines anywhere.
VENDOR_EXAMPLE = b"""--batch_123
Content-Type: application/http
Content-Transfer-Encoding: binary
GET /api/v2.0/dossiers HTTP/1.1
--batch_123
Content-Type: application/http
Content-Transfer-Encoding: binary
POST /api/v2.0/dossiers HTTP/1.1
Content-Type: application/json
{
"primaryContactNo": "C002",
"description": "Batch Created Dossier"
}
--batch_123--"""
VENDOR_TYPE = "multipart/mixed; boundary=batch_123"
CREATED = b'{\n"primaryContactNo": "C002",\n"description": "Batch Created Dossier"\n}'


def test_vendor_example_parses() -> None:
    first, second = parse_multipart_batch(VENDOR_EXAMPLE, VENDOR_TYPE)
    assert first == BatchRequest("1", "GET", "/api/v2.0/dossiers", {}, None)
    assert second == BatchRequest(
        "2", "POST", "/api/v2.0/dossiers", {"content-type": "application/json"}, CREATED
    )
    assert json.loads(second.body or b"") == {
        "primaryContactNo": "C002",
        "description": "Batch Created Dossier",
    }


def test_vendor_example_in_strict_crlf_form_parses_the_same() -> None:
    strict = (
        b"preamble is ignored\r\n"
        b"--batch_123\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        b"GET /api/v2.0/dossiers HTTP/1.1\r\n\r\n\r\n"
        b"--batch_123\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        b"POST /api/v2.0/dossiers HTTP/1.1\r\nContent-Type: application/json\r\n\r\n" + CREATED + b"\r\n"
        b"--batch_123--\r\nepilogue is ignored\r\n"
    )
    assert parse_multipart_batch(strict, 'multipart/mixed; boundary="batch_123"') == parse_multipart_batch(
        VENDOR_EXAMPLE, VENDOR_TYPE
    )


def test_requests_round_trip_through_multipart() -> None:
    requests = parse_multipart_batch(VENDOR_EXAMPLE, VENDOR_TYPE)
    encoded = encode_multipart_batch_requests(requests, "batch_xyz")
    assert encoded.startswith(b"--batch_xyz\r\nContent-Type: application/http\r\n")
    assert encoded.endswith(b"--batch_xyz--\r\n")
    assert parse_multipart_batch(encoded, "multipart/mixed; boundary=batch_xyz") == requests


def test_responses_round_trip_through_multipart_with_a_changeset() -> None:
    responses = [
        BatchResponse("1", 200, {"content-type": "application/json"}, b'{"value":[]}'),
        BatchResponse(
            "2", 201, {"content-type": "application/json", "location": "/x(1)"}, b'{"id":"1"}', "cs1"
        ),
        BatchResponse("3", 204, {}, b"", "cs1"),
        BatchResponse("4", 404, {"content-type": "application/json"}, b'{"error":{}}'),
    ]
    encoded = encode_multipart_batch(responses, "batchresponse_1")
    assert b'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{"value":[]}\r\n' in encoded
    assert b"HTTP/1.1 204 No Content\r\n" in encoded
    assert b"HTTP/1.1 404 Not Found\r\n" in encoded
    assert b"Content-Type: multipart/mixed; boundary=batchresponse_1_changeset1\r\n" in encoded
    decoded = parse_multipart_batch_responses(encoded, "multipart/mixed; boundary=batchresponse_1")
    assert [(r.id, r.status, r.headers, r.body) for r in decoded] == [
        (r.id, r.status, r.headers, r.body) for r in responses
    ]
    assert [r.atomicity_group for r in decoded] == [
        None,
        "batchresponse_1_changeset1",
        "batchresponse_1_changeset1",
        None,
    ]


def test_changesets_become_atomicity_groups() -> None:
    requests = [
        BatchRequest("a", "GET", "dossiers", {}, None),
        BatchRequest("b", "POST", "dossiers", {"content-type": "application/json"}, b"{}", "g1"),
        BatchRequest("c", "PATCH", "dossiers(1)", {"if-match": 'W/"1"'}, b"{}", "g1"),
        BatchRequest("d", "DELETE", "dossiers(2)", {"if-match": 'W/"2"'}, None, "g2"),
    ]
    parsed = parse_multipart_batch(
        encode_multipart_batch_requests(requests, "b"), "multipart/mixed;boundary=b"
    )
    assert [(r.id, r.method, r.url, r.headers, r.body) for r in parsed] == [
        (r.id, r.method, r.url, r.headers, r.body) for r in requests
    ]
    assert parsed[0].atomicity_group is None
    assert parsed[1].atomicity_group == parsed[2].atomicity_group != parsed[3].atomicity_group


def test_binary_body_survives_untouched() -> None:
    payload = bytes(range(256)) + b"\r\n\n\r--not-a-boundary\r\n"
    request = BatchRequest("1", "POST", "x", {"content-type": "application/octet-stream"}, payload)
    encoded = encode_multipart_batch_requests([request], "b0undary")
    assert parse_multipart_batch(encoded, "multipart/mixed; boundary=b0undary")[0].body == payload


B = "multipart/mixed; boundary=b"


def parts(*lines: str) -> bytes:
    """A multipart body from LF-separated lines (the parser accepts LF as the vendor doc uses it)."""
    return "\n".join(lines).encode()


CHANGESET = ("--b", "Content-Type: multipart/mixed; boundary=c", "")


@pytest.mark.parametrize(
    ("body", "content_type", "fragment"),
    [
        (VENDOR_EXAMPLE, "application/json", "Expected Content-Type multipart/mixed"),
        (VENDOR_EXAMPLE, "multipart/mixed", "no boundary parameter"),
        (VENDOR_EXAMPLE, "multipart/mixed; boundary=other", "no '--other' delimiter found"),
        (VENDOR_EXAMPLE[: -len(b"--batch_123--")], VENDOR_TYPE, "missing the closing delimiter"),
        (
            parts("--b", "Content-Type: text/plain", "", "hello", "--b--"),
            B,
            "part 1: Content-Type 'text/plain'",
        ),
        (parts("--b", "", "hello there", "--b--"), B, "expected an HTTP request line, got 'hello there'"),
        (parts("--b", "", "GET /x", "--b--"), B, "expected an HTTP request line, got 'GET /x'"),
        (parts("--b", "", "FETCH /x HTTP/1.1", "--b--"), B, "unsupported method 'FETCH'"),
        (parts("--b", "Content-Transfer-Encoding: base64", "", "GET /x HTTP/1.1", "--b--"), B, "base64"),
        (
            parts(
                "--b",
                "Content-ID: 1",
                "",
                "GET /x HTTP/1.1",
                "--b",
                "Content-ID: 1",
                "",
                "GET /y HTTP/1.1",
                "--b--",
            ),
            B,
            "Duplicate request id '1'",
        ),
        (
            parts(*CHANGESET, "--c", "", "GET /x HTTP/1.1", "--c--", "--b--"),
            B,
            "a changeset may not contain GET",
        ),
        (
            parts(
                *CHANGESET, "--c", "Content-Type: multipart/mixed; boundary=d", "", "--d--", "--c--", "--b--"
            ),
            B,
            "changesets cannot be nested",
        ),
    ],
)
def test_malformed_multipart_is_an_error(body: bytes, content_type: str, fragment: str) -> None:
    with pytest.raises(BatchFormatError) as info:
        parse_multipart_batch(body, content_type)
    assert fragment in str(info.value)
    assert isinstance(info.value, ValueError)


def test_operation_limit() -> None:
    ok = [BatchRequest(str(i), "GET", f"dossiers?$top={i}", {}, None) for i in range(MAX_BATCH_OPERATIONS)]
    encoded = encode_multipart_batch_requests(ok, "b")
    assert len(parse_multipart_batch(encoded, "multipart/mixed; boundary=b")) == MAX_BATCH_OPERATIONS
    too_many = encode_multipart_batch_requests([*ok, BatchRequest("x", "GET", "y", {}, None)], "b")
    with pytest.raises(BatchFormatError, match="at most 100 operations, got 101"):
        parse_multipart_batch(too_many, "multipart/mixed; boundary=b")
    body = json.dumps({"requests": [{"id": str(i), "method": "GET", "url": "x"} for i in range(101)]})
    with pytest.raises(BatchFormatError, match="at most 100 operations, got 101"):
        parse_json_batch(body.encode())
    with pytest.raises(BatchFormatError, match="at most 3 operations"):
        parse_json_batch(body.encode(), max_operations=3)


def test_boundary_parameter_forms() -> None:
    assert boundary_from_content_type("multipart/mixed; boundary=batch_1") == "batch_1"
    assert boundary_from_content_type('Multipart/Mixed; charset=x; BOUNDARY="a b:c"') == "a b:c"


# -- JSON form --------------------------------------------------------------------------------------------
def test_json_batch_parses_bc_shape() -> None:
    body = {
        "requests": [
            {"id": "1", "method": "get", "url": "dossiers?$top=1"},
            {
                "id": "2",
                "method": "POST",
                "url": "dossiers",
                "headers": {"Content-Type": "application/json"},
                "body": {"description": "O'Brien"},
                "atomicityGroup": "g",
            },
            {
                "id": 3,
                "method": "PATCH",
                "url": "dossiers(1)",
                "body": {"status": "Open"},
                "dependsOn": ["2"],
            },
            {
                "id": "4",
                "method": "POST",
                "url": "x",
                "headers": {"content-type": "text/plain"},
                "body": "hi",
            },
            {
                "id": "5",
                "method": "POST",
                "url": "y",
                "headers": {"content-type": "application/pdf"},
                "body": "JVBERg",
            },
        ]
    }
    got = parse_json_batch(json.dumps(body).encode())
    assert got[0] == BatchRequest("1", "GET", "dossiers?$top=1", {}, None)
    assert got[1].headers == {"content-type": "application/json"}
    assert json.loads(got[1].body or b"") == {"description": "O'Brien"}
    assert got[1].atomicity_group == "g"
    assert (got[2].id, got[2].depends_on, got[2].headers) == (
        "3",
        ("2",),
        {"content-type": "application/json"},
    )
    assert got[3].body == b"hi"
    assert got[4].body == b"%PDF"


def batch(*requests: dict[str, object]) -> bytes:
    return json.dumps({"requests": list(requests)}).encode()


GET = {"method": "GET", "url": "x"}


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b"{not json", "not valid JSON"),
        (b"[]", 'must be an object with a "requests" array'),
        (b'{"requests": {}}', 'must be an object with a "requests" array'),
        (b'{"requests": [1]}', "requests[0] must be an object"),
        (batch(GET), "requests[0]: 'id' must be a non-empty string"),
        (batch({"id": "1", "url": "x"}), "'method' must be a non-empty string"),
        (batch({"id": "1", "method": "TRACE", "url": "x"}), "unsupported method 'TRACE'"),
        (batch({"id": "1", "method": "GET"}), "'url' must be a non-empty string"),
        (batch({"id": "1", **GET, "headers": {"a": 1}}), "'headers' must be"),
        (batch({"id": "1", **GET, "dependsOn": "0"}), "'dependsOn' must be"),
        (batch({"id": "1", **GET, "dependsOn": ["2"]}), "depends on '2'"),
        (batch({"id": "1", **GET}, {"id": "1", **GET}), "Duplicate request id '1'"),
        (
            batch(
                {"id": "1", **GET, "atomicityGroup": "g"},
                {"id": "2", **GET},
                {"id": "3", **GET, "atomicityGroup": "g"},
            ),
            "must be adjacent",
        ),
        (
            batch({"id": "1", **GET, "headers": {"content-type": "image/png"}, "body": "***"}),
            "not valid base64url",
        ),
    ],
)
def test_malformed_json_batch(body: bytes, fragment: str) -> None:
    with pytest.raises(BatchFormatError) as info:
        parse_json_batch(body)
    assert fragment in str(info.value)


def test_json_depends_on_a_group_is_allowed() -> None:
    body = {
        "requests": [
            {"id": "1", "method": "POST", "url": "x", "atomicityGroup": "g", "body": {}},
            {"id": "2", "method": "GET", "url": "y", "dependsOn": ["g"]},
        ]
    }
    assert parse_json_batch(json.dumps(body))[1].depends_on == ("g",)


def test_json_responses_embed_json_text_and_binary() -> None:
    responses = [
        BatchResponse(
            "1", 200, {"Content-Type": "application/json; odata.metadata=minimal"}, b'{"value":[1]}'
        ),
        BatchResponse("2", 204, {}, b"", "g"),
        BatchResponse("3", 200, {"content-type": "text/plain"}, "héllo".encode()),
        BatchResponse("4", 200, {"content-type": "application/pdf"}, b"%PDF"),
        BatchResponse("5", 500, {"content-type": "application/json"}, b"{truncated"),
    ]
    decoded = json.loads(encode_json_batch(responses))["responses"]
    assert decoded[0] == {"id": "1", "status": 200, "headers": responses[0].headers, "body": {"value": [1]}}
    assert decoded[1] == {"id": "2", "status": 204, "headers": {}, "atomicityGroup": "g"}
    assert decoded[2]["body"] == "héllo"
    assert decoded[3]["body"] == "JVBERg"  # base64url of %PDF, padding stripped
    assert decoded[4]["body"] == "e3RydW5jYXRlZA"  # invalid JSON is not embedded raw


_HEADER_VALUE = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20).map(
    str.strip
)


@settings(database=None, max_examples=100)
@given(
    body=st.one_of(st.none(), st.binary(min_size=1, max_size=200)),
    url=st.from_regex(r"[A-Za-z0-9/()'$=&?._-]{1,40}", fullmatch=True),
    value=_HEADER_VALUE,
    method=st.sampled_from(["POST", "PATCH", "PUT"]),
    group=st.one_of(st.none(), st.just("cs")),
)
def test_multipart_request_round_trip_property(
    body: bytes | None, url: str, value: str, method: str, group: str | None
) -> None:
    if body is not None and not body.strip():
        body = None  # whitespace-only bodies read back as "no body"
    request = BatchRequest("r1", method, url, {"x-test": value}, body, group)
    encoded = encode_multipart_batch_requests([request], "batch_8f3a0c")
    (parsed,) = parse_multipart_batch(encoded, "multipart/mixed; boundary=batch_8f3a0c")
    assert (parsed.method, parsed.url, parsed.headers, parsed.body) == (method, url, {"x-test": value}, body)
    assert (parsed.atomicity_group is None) == (group is None)
