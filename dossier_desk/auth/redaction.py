"""Keeps credentials out of MSAL's own log records.

MSAL logs at DEBUG the loopback listener's auth response (``{'code': ..., 'state': ...}``) and
token-cache events whose request data includes the authorization code, the PKCE verifier and the
device code. A filter on each MSAL logger rewrites such records before any handler sees them, so
it also protects handlers the app did not configure (a test's capture handler, a debugger's).
"""

from __future__ import annotations

import logging

from dossier_desk.logging_setup import redact


def redact_credentials(text: str) -> str:
    """One redaction for the whole app: :func:`dossier_desk.logging_setup.redact`."""
    return redact(text)


class _CredentialFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken record: drop its arguments rather than risk a leak
            record.msg, record.args = redact_credentials(str(record.msg)), None
            return True
        cleaned = redact_credentials(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = _CredentialFilter("dossier_desk.auth.redaction")


def protect_msal_loggers() -> None:
    """Attach the filter to every ``msal``/``msal_extensions`` logger (idempotent).

    Call after MSAL's modules are imported (their loggers exist then).
    """
    names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] in ("msal", "msal_extensions")]
    for name in ("msal", *names):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
