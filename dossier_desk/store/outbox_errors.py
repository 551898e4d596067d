"""Why an outbox item is waiting or parked, as data: the UI words it in the user's language.

An item keeps the *kind* of failure, the HTTP status, the server's own text (Business Central answers in
the user's language already), the support reference (correlation id) and the server's per-field
messages, never a sentence of ours: a Dutch user then reads Dutch even for an item parked while the app
ran in English. Items parked by an older version carry only a text; they read as kind ``unknown`` with
that text as the server text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import msgspec

from dossier_desk.api import errors
from dossier_desk.api.models import dossier_attribute


class ErrorKind(StrEnum):
    """What went wrong with a queued write."""

    UNKNOWN = "unknown"  # recorded by an older version: only its text is known
    CONFLICT = "conflict"  # 412: someone else changed the record
    VALIDATION = "validation"  # 400: the server refused the values
    FORBIDDEN = "forbidden"  # 403
    NOT_FOUND = "not_found"  # 404
    TOO_LARGE = "too_large"  # the file is larger than the server takes
    FILE_TYPE = "file_type"  # the server does not take this type of file
    BUSY = "busy"  # 409: the record's state does not allow it now
    VERSION_MISSING = "version_missing"  # 428
    RATE_LIMITED = "rate_limited"  # 429
    SERVER = "server"  # 5xx
    TIMEOUT = "timeout"
    NETWORK = "network"
    SIGNED_OUT = "signed_out"  # 401 after a refresh
    MALFORMED = "malformed"  # an answer that could not be read
    RESPONSE_TOO_LARGE = "response_too_large"
    NOT_EXECUTED = "not_executed"  # a $batch part the server skipped
    EXTENSION_MISSING = "extension_missing"
    REFUSED = "refused"  # any other refusal (another 4xx)
    UNEXPECTED = "unexpected"  # a bug in Dossier Desk; ``server_text`` names the exception type


@dataclass(frozen=True, slots=True)
class ItemError:
    """The last failure of an outbox item.

    ``field_errors`` maps a field (a ``DossierField`` value when the server named a dossier field,
    otherwise the server's own name for it) to the server's message. ``retry_after`` is the wait the
    server asked for, in seconds (0 when none).
    """

    kind: ErrorKind
    status: int = 0
    server_text: str = ""
    correlation_id: str = ""
    field_errors: dict[str, str] = field(default_factory=dict)
    retry_after: float = 0.0


# Most specific class first: FileTooLargeError and InvalidFileTypeError are ValidationErrors.
ERROR_KINDS: tuple[tuple[type[errors.ApiError], ErrorKind], ...] = (
    (errors.ConflictError, ErrorKind.CONFLICT),
    (errors.FileTooLargeError, ErrorKind.TOO_LARGE),
    (errors.InvalidFileTypeError, ErrorKind.FILE_TYPE),
    (errors.ValidationError, ErrorKind.VALIDATION),
    (errors.PermissionDeniedError, ErrorKind.FORBIDDEN),
    (errors.ExtensionMissingError, ErrorKind.EXTENSION_MISSING),
    (errors.NotFoundError, ErrorKind.NOT_FOUND),
    (errors.ResourceConflictError, ErrorKind.BUSY),
    (errors.PreconditionRequiredError, ErrorKind.VERSION_MISSING),
    (errors.RateLimitedError, ErrorKind.RATE_LIMITED),
    (errors.ServerError, ErrorKind.SERVER),
    (errors.RequestTimeoutError, ErrorKind.TIMEOUT),
    (errors.NetworkError, ErrorKind.NETWORK),
    (errors.AuthenticationError, ErrorKind.SIGNED_OUT),
    (errors.MalformedResponseError, ErrorKind.MALFORMED),
    (errors.ResponseTooLargeError, ErrorKind.RESPONSE_TOO_LARGE),
    (errors.NotExecutedError, ErrorKind.NOT_EXECUTED),
)


def kind_of(exc: errors.ApiError) -> ErrorKind:
    """The kind of an API failure."""
    return next((kind for cls, kind in ERROR_KINDS if isinstance(exc, cls)), ErrorKind.REFUSED)


def error_of(exc: errors.ApiError) -> ItemError:
    """What to keep of an API failure."""
    fields: dict[str, str] = {}
    if isinstance(exc, errors.ValidationError):
        fields = {dossier_attribute(name) or name: text for name, text in exc.field_errors.items()}
    return ItemError(
        kind=kind_of(exc),
        status=exc.status,
        server_text=exc.message,
        correlation_id=exc.correlation_id,
        field_errors=fields,
        retry_after=float(exc.retry_after or 0.0),
    )


def unexpected_error(exc: BaseException) -> ItemError:
    """A bug of ours: only the exception's type is kept (its message may hold personal data)."""
    return ItemError(kind=ErrorKind.UNEXPECTED, server_text=type(exc).__name__)


def error_columns(error: ItemError | None) -> dict[str, Any]:
    """The outbox columns that store ``error`` (all cleared for ``None``)."""
    if error is None:
        return {**_CLEARED}
    return {
        "error_kind": error.kind.value,
        "error_status": error.status,
        "error_text": error.server_text,
        "error_correlation": error.correlation_id,
        "error_retry_after": error.retry_after,
        "field_errors": msgspec.json.encode(error.field_errors) if error.field_errors else None,
    }


_CLEARED: dict[str, Any] = {
    "error_kind": "",
    "error_status": 0,
    "error_text": "",
    "error_correlation": "",
    "error_retry_after": 0.0,
    "field_errors": None,
}
ERROR_COLUMNS = ", ".join(_CLEARED)
"""The error columns, in the order :func:`error_from_row` takes them (``field_errors`` decoded)."""


def error_from_row(
    kind: str, status: int, text: str, correlation: str, retry_after: float, fields: dict[str, str]
) -> ItemError | None:
    """The stored error (``None`` when the item has none). Field names stored by older versions were
    the API's; they are read as fields."""
    if not kind and not text and not fields:
        return None
    try:
        error_kind = ErrorKind(kind)
    except ValueError:
        error_kind = ErrorKind.UNKNOWN  # written by a newer version
    return ItemError(
        kind=error_kind,
        status=int(status or 0),
        server_text=text,
        correlation_id=correlation,
        field_errors={dossier_attribute(name) or name: msg for name, msg in fields.items()},
        retry_after=float(retry_after or 0.0),
    )
