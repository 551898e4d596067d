"""What a sync pass reports besides its data: which steps failed (with an error code) and which
records the server sent could not be read. Codes, not sentences: the UI words them."""

from __future__ import annotations

from dataclasses import dataclass

from dossier_desk.api import errors
from dossier_desk.api.decoding import SkippedRecord

STEPS = ("push", "types", "contacts", "upload_rules", "dossiers", "reconcile")
"""The independent steps of a pass, in order: each fails on its own."""

_CODES: tuple[tuple[type[errors.ApiError], str], ...] = (
    (errors.NetworkError, "network"),
    (errors.RequestTimeoutError, "timeout"),
    (errors.AuthenticationError, "signed_out"),
    (errors.PermissionDeniedError, "permission"),
    (errors.RateLimitedError, "rate_limited"),
    (errors.ServerError, "server"),
    (errors.MalformedResponseError, "malformed"),
    (errors.NotFoundError, "not_found"),
    (errors.ValidationError, "rejected"),
)


def error_code(exc: errors.ApiError) -> str:
    """A stable code for an API failure (``"network"``, ``"malformed"``, ``"not_found"``...)."""
    return next((code for cls, code in _CODES if isinstance(exc, cls)), "error")


_PASS_ENDING = (
    errors.NetworkError,
    errors.RequestTimeoutError,
    errors.AuthenticationError,
    errors.RateLimitedError,
)


def unreachable(exc: errors.ApiError) -> bool:
    """The failure says the server cannot be used now at all (no connection, session refused, or too
    many requests: the client then holds every request until the server's Retry-After): the remaining
    steps would fail the same way, or only add to the load."""
    return isinstance(exc, _PASS_ENDING)


@dataclass(frozen=True, slots=True)
class StepFailure:
    """One step of a sync pass that failed: ``step`` (one of :data:`STEPS`), ``code``
    (:func:`error_code`) and the error itself (for the UI's message)."""

    step: str
    code: str
    error: errors.ApiError

    @classmethod
    def of(cls, step: str, exc: errors.ApiError) -> StepFailure:
        return cls(step, error_code(exc), exc)


@dataclass(frozen=True, slots=True)
class SyncReport:
    """The outcome of one sync pass: failed steps (in order) and unreadable records that were skipped
    (``entity_set``, ``key``, ``problem_code``; the rest of their page was kept)."""

    failures: tuple[StepFailure, ...] = ()
    skipped: tuple[SkippedRecord, ...] = ()

    @property
    def failed_steps(self) -> tuple[str, ...]:
        return tuple(f.step for f in self.failures)
