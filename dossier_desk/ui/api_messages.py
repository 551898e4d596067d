"""Caseworker-facing sentences for API errors, in the UI's language.

``dossier_desk.api`` has no Qt and writes its fixed messages in English (``default_message`` on each
error class). They are listed here for lupdate, so the UI can show them translated. Messages that
carry the server's own text (validation errors, generic errors) are shown as the server wrote them:
Business Central already answers in the user's language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from dossier_desk.api import errors
from dossier_desk.api.errors import server_sentence
from dossier_desk.store.outbox_errors import ERROR_KINDS, ErrorKind, ItemError

_CONTEXT = "ApiError"

# Every fixed ``default_message`` of dossier_desk.api.errors (tests/unit/test_api_messages.py checks this).
FIXED_MESSAGES = (
    QT_TRANSLATE_NOOP("ApiError", "The Dynamics Dossier service reported an error."),
    QT_TRANSLATE_NOOP("ApiError", "The server did not accept the entered data."),
    QT_TRANSLATE_NOOP("ApiError", "Your sign-in has expired or was not accepted. Please sign in again."),
    QT_TRANSLATE_NOOP(
        "ApiError", "You do not have permission to do this. Ask your administrator if you need access."
    ),
    QT_TRANSLATE_NOOP(
        "ApiError", "The record was not found. It may have been deleted or you may not have access to it."
    ),
    QT_TRANSLATE_NOOP("ApiError", "Someone else changed this record after you opened it."),
    QT_TRANSLATE_NOOP("ApiError", "The change could not be saved because the record version was missing."),
    QT_TRANSLATE_NOOP("ApiError", "The server is busy with too many requests. Please try again in a moment."),
    QT_TRANSLATE_NOOP("ApiError", "The Dynamics Dossier service had a problem. Please try again later."),
    QT_TRANSLATE_NOOP("ApiError", "The server took too long to answer. Please try again."),
    QT_TRANSLATE_NOOP(
        "ApiError", "Could not reach the Dynamics Dossier service. Check your network connection."
    ),
    QT_TRANSLATE_NOOP("ApiError", "The server sent a response that could not be read."),
    QT_TRANSLATE_NOOP(
        "ApiError",
        "The Dynamics Dossier extension is not installed or not published in this environment. "
        "Ask your Business Central administrator to install it, or check the profile's API address "
        "and company.",
    ),
    QT_TRANSLATE_NOOP("ApiError", "The record is in a state that does not allow this change right now."),
    QT_TRANSLATE_NOOP("ApiError", "The file is larger than the server accepts."),
    QT_TRANSLATE_NOOP("ApiError", "The server does not accept files of this type."),
    QT_TRANSLATE_NOOP("ApiError", "The server sent more data than the app accepts in one response."),
    QT_TRANSLATE_NOOP(
        "ApiError", "The request was not carried out because an earlier one in the same batch failed."
    ),
)

# Errors whose sentence is always the fixed one (no server text in it).
_FIXED = (
    errors.AuthenticationError,
    errors.PermissionDeniedError,
    errors.NotFoundError,
    errors.PreconditionRequiredError,
    errors.ServerError,
    errors.RequestTimeoutError,
    errors.NetworkError,
    errors.MalformedResponseError,
    errors.ExtensionMissingError,
    errors.ResourceConflictError,
    errors.FileTooLargeError,
    errors.InvalidFileTypeError,
    errors.ResponseTooLargeError,
    errors.NotExecutedError,
)


def _tr(text: str) -> str:
    """A text listed with QT_TRANSLATE_NOOP, translated (literal texts use ``translate`` directly, so
    lupdate finds them)."""
    return QCoreApplication.translate(_CONTEXT, text)


def _review_text() -> str:
    return QCoreApplication.translate("ApiError", "Review their changes before saving again.")


class ServerBusy(QObject):
    """The "try again in n seconds" sentence (lupdate finds plural forms only in ``self.tr``)."""

    def text(self, seconds: int) -> str:
        return self.tr("The server is busy. Please try again in %n second(s).", "", seconds)


def _busy_text(wait_s: float) -> str:
    return ServerBusy().text(max(1, round(wait_s)))


def _reference_text(correlation_id: str) -> str:
    return QCoreApplication.translate("ApiError", "(Support reference: %1.)").replace("%1", correlation_id)


def api_error_message(exc: errors.ApiError) -> str:
    """The sentence to show for ``exc``, translated where it is ours, with the support reference."""
    if isinstance(exc, _FIXED):
        text = _tr(exc.default_message)
    elif isinstance(exc, errors.ConflictError):
        text = _tr(exc.default_message) + " " + _review_text()
    elif isinstance(exc, errors.RateLimitedError) and exc.retry_after:
        text = _busy_text(exc.retry_after)
    elif isinstance(exc, errors.RateLimitedError):
        text = _tr(exc.default_message)
    else:
        return exc.user_message()  # carries the server's own wording (and the support reference)
    if exc.correlation_id:
        text += " " + _reference_text(exc.correlation_id)
    return text


# What each kind of failure kept by the outbox says: the fixed sentence of its error class (listed above).
_KIND_TEXTS: dict[ErrorKind, str] = {kind: cls.default_message for cls, kind in ERROR_KINDS}
_KIND_TEXTS[ErrorKind.REFUSED] = errors.ApiError.default_message
# Kinds whose own server text says more than our sentence (BC answers in the user's language).
_SERVER_WORDED = frozenset({ErrorKind.VALIDATION, ErrorKind.REFUSED, ErrorKind.UNKNOWN})


def outbox_error_message(error: ItemError | None) -> str:
    """The sentence for a failure the outbox kept, in the UI's language, with the support reference.

    Validation and other refusals show the server's own text when it sent one; an item parked by an
    older version shows the text it kept."""
    if error is None:
        return ""
    server = server_sentence(error.server_text)
    if error.kind is ErrorKind.UNEXPECTED:
        text = QCoreApplication.translate(
            "ApiError",
            "This change could not be sent because of an unexpected problem in Dossier Desk (%1). "
            "It is kept: retry it, or discard it.",
        ).replace("%1", error.server_text)
    elif error.kind in _SERVER_WORDED and server:
        text = server
    elif error.kind is ErrorKind.UNKNOWN:
        text = QCoreApplication.translate("ApiError", "The server did not accept the change.")
    elif error.kind is ErrorKind.RATE_LIMITED and error.retry_after:
        text = _busy_text(error.retry_after)
    else:
        text = _tr(_KIND_TEXTS.get(error.kind, errors.ApiError.default_message))
        if error.kind is ErrorKind.CONFLICT:
            text += " " + _review_text()
    if error.correlation_id and error.kind is not ErrorKind.UNKNOWN:  # an old text carries its own
        text += " " + _reference_text(error.correlation_id)
    return text
