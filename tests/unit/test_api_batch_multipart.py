"""The multipart/mixed $batch codec: request encoding and tolerant response parsing."""

from __future__ import annotations

import pytest

from dossier_desk.api.batch import BatchOp
from dossier_desk.api.batch_multipart import boundary_of, encode_requests, parse_responses
from dossier_desk.api.errors import MalformedResponseError


def test_encode_requests() -> None:
    ops = [
        BatchOp("GET", "dossiers(1)", id="1"),
        BatchOp("PATCH", "dossiers(2)", {"description": "é"}, {"If-Match": 'W/"x"'}, id="2"),
    ]
    body = encode_requests(ops, "b1")
    assert body.startswith(b"--b1\r\nContent-Type: application/http\r\n")
    assert b"Content-ID: 1\r\n\r\nGET dossiers(1) HTTP/1.1\r\n\r\n\r\n--b1\r\n" in body
    assert b'PATCH dossiers(2) HTTP/1.1\r\nIf-Match: W/"x"\r\nContent-Type: application/json\r\n\r\n' in body
    assert '{"description":"é"}'.encode() in body
    assert body.endswith(b"--b1--\r\n")
    with pytest.raises(ValueError):
        encode_requests([BatchOp("GET", "a", headers={"X": "a\r\nInjected: 1"}, id="1")], "b")


def test_parse_responses_with_lf_endings_and_changesets() -> None:
    body = (
        b"preamble\n--outer\nContent-Type: application/http\nContent-ID: 1\n\n"
        b'HTTP/1.1 200 OK\nContent-Type: application/json\n\n{"id": "a"}\n'
        b"--outer\nContent-Type: multipart/mixed; boundary=cs1\n\n"
        b"--cs1\nContent-Type: application/http\nContent-ID: 2\n\nHTTP/1.1 204 No Content\n\n\n"
        b"--cs1\nContent-Type: application/http\nContent-ID: 3\n\nHTTP/1.1 404 Not Found\n"
        b'Content-Type: application/json\n\n{"error": {"code": "NotFound", "message": "gone"}}\n'
        b"--cs1--\n--outer--\n"
    )
    parts = parse_responses(body, 'multipart/mixed; boundary="outer"')
    assert [(p[0], p[1]) for p in parts] == [("1", 200), ("2", 204), ("3", 404)]
    assert parts[0][3] == {"id": "a"}
    assert parts[1][3] is None
    assert parts[2][3]["error"]["code"] == "NotFound"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (
            b"--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",
            "multipart/mixed; boundary=b",
        ),
        (b"--b\r\n\r\nnot a status line\r\n\r\n--b--\r\n", "multipart/mixed; boundary=b"),
        (b"{}", "application/json"),
        (
            b"--b\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{bad\r\n--b--",
            "multipart/mixed; boundary=b",
        ),
    ],
)
def test_malformed_responses(body: bytes, content_type: str) -> None:
    with pytest.raises(MalformedResponseError):
        parse_responses(body, content_type)


def test_boundary_of() -> None:
    assert boundary_of("multipart/mixed; boundary=batchresponse_1") == "batchresponse_1"
    assert boundary_of('multipart/mixed;boundary="a b"') == "a b"
