"""Exceptions raised by the API client, and the mapping from an HTTP response to them.

Every failure of a :class:`~dossier_desk.api.client.DossierApi` call is an :class:`ApiError` subclass.
The OData error body (``{"error": {"code", "message", "details": [{"code", "message", "target"}]}}``)
is decoded into ``code``, ``message`` and ``details``; the ``ms-correlation-x`` response header is kept
in ``correlation_id`` so support can find the request. :meth:`ApiError.user_message` gives a sentence a
caseworker can read: it never contains a stack trace, a token or a URL with query text.

``status`` is the HTTP status, or ``0`` for failures without one (network, timeout, a check made
before the request was sent).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    import httpx

    from dossier_desk.api.models import Dossier

CORRELATION_HEADER = "ms-correlation-x"
_MAX_SERVER_MESSAGE = 500
_MAX_FIELD_NAME = 60
_MAX_FIELDS_SHOWN = 5
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})  # control, format (bidi), surrogate, private, unassigned


def correlation_of(response: httpx.Response) -> str:
    """The ``ms-correlation-x`` of a response ("" when absent)."""
    return response.headers.get(CORRELATION_HEADER, "")


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    """One entry of the OData error body's ``details``; ``target`` names the field when there is one."""

    code: str = ""
    message: str = ""
    target: str = ""


class ApiError(Exception):
    """Base of all API client errors.

    Attributes: ``status`` (HTTP status, 0 when there was none), ``code`` and ``message`` (from the
    OData error body, or set by the client), ``details``, ``correlation_id`` (``ms-correlation-x``).
    """

    default_message = "The Dynamics Dossier service reported an error."

    def __init__(
        self,
        message: str = "",
        *,
        status: int = 0,
        code: str = "",
        details: list[ErrorDetail] | None = None,
        correlation_id: str = "",
    ) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.details: list[ErrorDetail] = list(details or ())
        self.correlation_id = correlation_id
        self.retry_after: float | None = None
        self.target = ""  # the field the server blamed (``error.target``), "" when none
        super().__init__(self._describe())

    def _describe(self) -> str:
        parts = [type(self).__name__]
        if self.status:
            parts.append(f"status={self.status}")
        if self.code:
            parts.append(f"code={self.code}")
        if self.correlation_id:
            parts.append(f"correlation={self.correlation_id}")
        return " ".join(parts) + (f": {self.message}" if self.message else "")

    def user_message(self) -> str:
        """A sentence for a caseworker: what happened, plus the support reference when there is one."""
        text = self._user_text()
        if self.correlation_id:
            text = f"{text} (Support reference: {self.correlation_id}.)"
        return text

    def _user_text(self) -> str:
        return _sentence(self.message) or self.default_message


class ValidationError(ApiError):
    """400: the server (or a client-side check, ``status == 0``) rejected the input.

    ``field_errors`` maps a camelCase field name (the detail's ``target``) to its message.
    """

    default_message = "The server did not accept the entered data."

    @property
    def field_errors(self) -> dict[str, str]:
        """Messages per field, from the details that name a target."""
        return {d.target: d.message for d in self.details if d.target}

    def _user_text(self) -> str:
        base = _sentence(self.message) or self.default_message
        fields = self.field_errors
        if not fields:
            return base
        shown = list(fields.items())[:_MAX_FIELDS_SHOWN]
        listed = "; ".join(
            f"{_clean(name, _MAX_FIELD_NAME) or 'a field'}: {_sentence(msg) or 'invalid'}"
            for name, msg in shown
        )
        return f"{base} Please check {listed}"


class AuthenticationError(ApiError):
    """401 even after refreshing the token once: the user must sign in again."""

    default_message = "Your sign-in has expired or was not accepted. Please sign in again."

    def _user_text(self) -> str:
        return self.default_message


class PermissionDeniedError(ApiError):
    """403: the signed-in user's role does not allow this."""

    default_message = "You do not have permission to do this. Ask your administrator if you need access."

    def _user_text(self) -> str:
        return self.default_message


class NotFoundError(ApiError):
    """404: the record does not exist, was deleted, or is not visible to this user."""

    default_message = "The record was not found. It may have been deleted or you may not have access to it."

    def _user_text(self) -> str:
        return self.default_message


class ConflictError(ApiError):
    """412: someone else changed the record since it was loaded.

    ``current`` is the server's current version when known (``None`` when the record is gone or the
    server did not say); the UI offers keep mine / keep theirs / merge from it.
    """

    default_message = "Someone else changed this record after you opened it."

    def __init__(
        self,
        message: str = "",
        *,
        current: Dossier | None = None,
        raw_body: bytes | Mapping[str, Any] = b"",
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.current = current
        self.raw_body = raw_body

    def _user_text(self) -> str:
        return f"{self.default_message} Review their changes before saving again."


class ResourceConflictError(ApiError):
    """409: the request conflicts with the record's current state (e.g. another change in progress).

    Unlike :class:`ConflictError` there is no newer version to merge: re-fetch the record and offer
    the user a retry (``retryable`` is always ``True``).
    """

    default_message = "The record is in a state that does not allow this change right now."
    retryable = True

    def _user_text(self) -> str:
        return self.default_message


class FileTooLargeError(ValidationError):
    """The server refused an upload as too large (FlowOn ``FILE_TOO_LARGE``, or HTTP 413)."""

    default_message = "The file is larger than the server accepts."

    def _user_text(self) -> str:
        return self.default_message


class InvalidFileTypeError(ValidationError):
    """The server refused an upload's file type (FlowOn ``INVALID_FILE_TYPE``)."""

    default_message = "The server does not accept files of this type."

    def _user_text(self) -> str:
        return self.default_message


class ResponseTooLargeError(ApiError):
    """A response (after decompression) was larger than the client's limit; it was not read."""

    default_message = "The server sent more data than the app accepts in one response."

    def _user_text(self) -> str:
        return self.default_message


class NotExecutedError(ApiError):
    """A ``$batch`` operation the server did not run (it stopped at an earlier failure): retryable."""

    default_message = "The request was not carried out because an earlier one in the same batch failed."

    def _user_text(self) -> str:
        return self.default_message


class PreconditionRequiredError(ApiError):
    """428: a write was sent without ``If-Match`` (a client bug; the message says so politely)."""

    default_message = "The change could not be saved because the record version was missing."

    def _user_text(self) -> str:
        return self.default_message


class RateLimitedError(ApiError):
    """429 after the retries ran out. ``retry_after`` is the server's advice in seconds, if any."""

    default_message = "The server is busy with too many requests. Please try again in a moment."

    def __init__(self, message: str = "", *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after

    def _user_text(self) -> str:
        if self.retry_after:
            return f"The server is busy. Please try again in {max(1, round(self.retry_after))} seconds."
        return self.default_message


class ServerError(ApiError):
    """5xx (and 408 from the service): the server failed; usually transient."""

    default_message = "The Dynamics Dossier service had a problem. Please try again later."

    def _user_text(self) -> str:
        return self.default_message


class RequestTimeoutError(ApiError):
    """The request did not complete in time (client timeout)."""

    default_message = "The server took too long to answer. Please try again."

    def _user_text(self) -> str:
        return self.default_message


class NetworkError(ApiError):
    """The connection failed: refused, reset, TLS failure, or dropped in the middle of a response."""

    default_message = "Could not reach the Dynamics Dossier service. Check your network connection."

    def _user_text(self) -> str:
        return self.default_message


class MalformedResponseError(ApiError):
    """The server answered with something that is not the documented shape (bad JSON, wrong types)."""

    default_message = "The server sent a response that could not be read."

    def _user_text(self) -> str:
        return self.default_message


class ExtensionMissingError(ApiError):
    """The Dynamics Dossier API is absent in the environment (404 on the dossiers entity set)."""

    default_message = (
        "The Dynamics Dossier extension is not installed or not published in this environment. "
        "Ask your Business Central administrator to install it, or check the profile's API address "
        "and company."
    )

    def _user_text(self) -> str:
        return self.default_message


def is_transient(exc: BaseException) -> bool:
    """True when retrying the same request later may succeed (network, timeout, 5xx, 429).

    The outbox keeps such writes queued; anything else (validation, permission, conflict...) is
    parked for the user.
    """
    return isinstance(
        exc, NetworkError | RequestTimeoutError | ServerError | RateLimitedError | NotExecutedError
    )


class _WireDetail(msgspec.Struct):
    code: str | None = None
    message: str | None = None
    target: str | None = None


class _WireError(msgspec.Struct):
    code: str | None = None
    message: str | None = None
    target: str | None = None
    details: list[_WireDetail] | None = None


class _WireBody(msgspec.Struct):
    error: _WireError


class _FlowOnBody(msgspec.Struct, rename="camel"):
    """FlowOn-style endpoints: ``{"errorCode": "FILE_TOO_LARGE", "errorMessage": "..."}``."""

    error_code: str
    error_message: str | None = None


_body_decoder = msgspec.json.Decoder(_WireBody)

_STATUS_CLASSES: dict[int, type[ApiError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: ServerError,
    409: ResourceConflictError,
    412: ConflictError,
    413: FileTooLargeError,
    428: PreconditionRequiredError,
    429: RateLimitedError,
}


# FlowOn error codes with a class of their own (any status).
_CODE_CLASSES: dict[str, type[ApiError]] = {
    "FILE_TOO_LARGE": FileTooLargeError,
    "INVALID_FILE_TYPE": InvalidFileTypeError,
}


def parse_error(
    body: bytes | str | Mapping[str, Any] | None,
) -> tuple[str, str, list[ErrorDetail], str]:
    """(code, message, details, target) of an OData or FlowOn error body; tolerant of anything else.

    A ``target`` on ``error`` itself is also added to ``details`` (so field errors see it).
    """
    if not body:
        return "", "", [], ""
    decoded: Any = body
    try:
        if not isinstance(body, Mapping):
            decoded = msgspec.json.decode(body)
        if isinstance(decoded, Mapping) and "errorCode" in decoded:
            flow = msgspec.convert(decoded, _FlowOnBody)
            return flow.error_code, (flow.error_message or "")[:_MAX_SERVER_MESSAGE], [], ""
        wire = msgspec.convert(decoded, _WireBody)
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return "", "", [], ""
    error = wire.error
    details = [ErrorDetail(d.code or "", d.message or "", d.target or "") for d in error.details or ()]
    target = error.target or ""
    if target and not any(d.target == target for d in details):
        details.insert(0, ErrorDetail(error.code or "", error.message or "", target))
    return error.code or "", (error.message or "")[:_MAX_SERVER_MESSAGE], details, target


def parse_error_body(body: bytes | str | Mapping[str, Any] | None) -> tuple[str, str, list[ErrorDetail]]:
    """Decode an error body into (code, message, details); see :func:`parse_error`."""
    code, message, details, _target = parse_error(body)
    return code, message, details


def error_for_status(
    status: int,
    body: bytes | str | Mapping[str, Any] | None,
    headers: Mapping[str, str] | None = None,
    *,
    retry_after: float | None = None,
) -> ApiError:
    """Build the exception for an error response (``status`` >= 400)."""
    code, message, details, target = parse_error(body)
    correlation = headers.get(CORRELATION_HEADER, "") if headers is not None else ""
    cls = (_CODE_CLASSES.get(code) if 400 <= status < 500 else None) or _STATUS_CLASSES.get(status)
    if cls is None:
        cls = ServerError if status >= 500 else ApiError
    kwargs: dict[str, Any] = {
        "status": status,
        "code": code,
        "details": details,
        "correlation_id": correlation,
    }
    error: ApiError
    if cls is RateLimitedError:
        error = RateLimitedError(message, retry_after=retry_after, **kwargs)
    elif cls is ConflictError:
        raw = body if isinstance(body, bytes | Mapping) else b""
        error = ConflictError(message, raw_body=raw, **kwargs)
    else:
        error = cls(message, **kwargs)
    error.target = target
    return error


def _clean(text: str, limit: int) -> str:
    """Server text made fit to show: one line, no control or invisible formatting characters, bounded."""
    kept = "".join(c for c in text if c.isspace() or unicodedata.category(c) not in _HIDDEN)
    return " ".join(kept.split())[:limit]


def server_sentence(text: str) -> str:
    """A server's message made fit to show: one line without hidden characters, bounded, ending in a
    full stop ("" for none)."""
    return _sentence(text)


def _sentence(text: str) -> str:
    """Trim a server message to one tidy sentence ending in a full stop."""
    text = _clean(text, _MAX_SERVER_MESSAGE)
    if text and text[-1] not in ".!?":
        text += "."
    return text
