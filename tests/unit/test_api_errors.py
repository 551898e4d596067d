"""Error bodies -> exception classes, readable messages, transience, and the 412 current entity."""

from __future__ import annotations

import msgspec
import pytest

from dossier_desk.api.errors import (
    ApiError,
    AuthenticationError,
    ConflictError,
    ErrorDetail,
    ExtensionMissingError,
    MalformedResponseError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    PreconditionRequiredError,
    RateLimitedError,
    RequestTimeoutError,
    ResourceConflictError,
    ServerError,
    ValidationError,
    error_for_status,
    is_transient,
    parse_error_body,
)
from dossier_desk.api.wire import conflict_current

BODY = msgspec.json.encode(
    {
        "error": {
            "code": "InvalidRequest",
            "message": "The dossier type 'INVALID' does not exist",
            "details": [
                {
                    "code": "ValidationError",
                    "message": "DossierTypeCode field validation failed",
                    "target": "dossierTypeCode",
                }
            ],
        }
    }
)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ValidationError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (408, ServerError),
        (409, ResourceConflictError),
        (412, ConflictError),
        (418, ApiError),
        (428, PreconditionRequiredError),
        (429, RateLimitedError),
        (500, ServerError),
        (503, ServerError),
        (599, ServerError),
    ],
)
def test_status_mapping(status: int, cls: type[ApiError]) -> None:
    error = error_for_status(status, BODY, {"ms-correlation-x": "abc"})
    assert type(error) is cls
    assert error.status == status
    assert error.code == "InvalidRequest"
    assert error.details == [
        ErrorDetail("ValidationError", "DossierTypeCode field validation failed", "dossierTypeCode")
    ]
    assert error.correlation_id == "abc"
    text = error.user_message()
    assert text.endswith("(Support reference: abc.)")
    assert "Traceback" not in text
    assert "{" not in text


def test_validation_message_lists_fields() -> None:
    error = error_for_status(400, BODY, {})
    assert isinstance(error, ValidationError)
    assert error.field_errors == {"dossierTypeCode": "DossierTypeCode field validation failed"}
    assert error.user_message() == (
        "The dossier type 'INVALID' does not exist. Please check dossierTypeCode: "
        "DossierTypeCode field validation failed."
    )


@pytest.mark.parametrize(
    "body", [b"", b"not json", b"[]", b'{"error": "text"}', b'{"error": {"code": 5}}', None]
)
def test_odd_bodies_still_map(body: bytes | None) -> None:
    error = error_for_status(500, body, None)
    assert isinstance(error, ServerError)
    assert error.code == ""
    assert error.user_message() == ServerError.default_message


def test_server_message_is_trimmed() -> None:
    body = msgspec.json.encode({"error": {"code": "x", "message": "word " * 1000}})
    assert len(parse_error_body(body)[1]) == 500
    assert len(error_for_status(409, body, {}).user_message()) < 520


def test_transience() -> None:
    assert is_transient(NetworkError())
    assert is_transient(RequestTimeoutError())
    assert is_transient(ServerError(status=503))
    assert is_transient(RateLimitedError(retry_after=3))
    permanent_errors = [
        ValidationError(),
        AuthenticationError(),
        PermissionDeniedError(),
        NotFoundError(),
        ConflictError(),
        PreconditionRequiredError(),
        MalformedResponseError(),
        ExtensionMissingError(),
        ValueError(),
    ]
    for permanent in permanent_errors:
        assert not is_transient(permanent)


def test_rate_limited_message_mentions_wait() -> None:
    assert "5 seconds" in RateLimitedError(retry_after=4.6).user_message()
    assert RateLimitedError().user_message() == RateLimitedError.default_message


def test_str_has_no_secrets_and_names_the_class() -> None:
    error = AuthenticationError("token rejected", status=401, correlation_id="c1")
    assert str(error) == "AuthenticationError status=401 correlation=c1: token rejected"


ENTITY = {"@odata.etag": 'W/"2"', "id": "d1", "description": "theirs", "status": "Open"}


@pytest.mark.parametrize(
    "body",
    [
        {
            "error": {
                "code": "x",
                "message": "m",
                "details": [{"code": "c", "message": "m", "target": "@odata.etag", "entity": ENTITY}],
            }
        },
        {"error": {"code": "x", "message": "m", "current": ENTITY}},
        {"error": {"code": "x", "message": "m", "details": [ENTITY]}},
    ],
)
def test_conflict_current_places(body: dict) -> None:
    for raw in (msgspec.json.encode(body), body):
        current = conflict_current(raw)
        assert current is not None
        assert (current.id, current.etag, current.description) == ("d1", 'W/"2"', "theirs")


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"nope",
        b"[]",
        msgspec.json.encode({"error": {"details": [{"entity": {"id": 5, "@odata.etag": 1}}]}}),
    ],
)
def test_conflict_current_absent(raw: bytes) -> None:
    assert conflict_current(raw) is None
