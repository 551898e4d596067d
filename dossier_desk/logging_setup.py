"""Logging with a redaction filter: bearer tokens and JWT-shaped strings never reach a handler.

Our own code never logs tokens or personal data; this filter is the second line of defence for
third-party libraries (MSAL, httpx, urllib3) that might log request headers or bodies at DEBUG.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

_SECRETS = (
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9\-._~+/]+=*"),
    re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"),  # JWTs
    re.compile(
        r"(?i)((?:access|refresh|id)_token|device_code|client_secret|code_verifier|client_info|assertion)"
        r"([\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"
    ),
    re.compile(r"(?i)([?&]code=)[^&\s\"']+"),  # authorization codes in redirect URLs
    re.compile(r"(?i)([\"']code[\"']\s*:\s*[\"'])[^\"']+"),  # ... and in dicts/JSON (MSAL logs those)
    # who signs in: MSAL puts the account's name into the authorize URL (login_hint, X-AnchorMailbox)
    re.compile(r"(?i)((?:login_hint|X-AnchorMailbox|username|id_token_hint)=)[^&\s\"']+"),
)


def redact(text: str) -> str:
    """Replace anything that looks like a credential with ``[redacted]``."""
    text = _SECRETS[0].sub(r"\1[redacted]", text)
    text = _SECRETS[1].sub("[redacted-jwt]", text)
    text = _SECRETS[2].sub(r"\1\2[redacted]", text)
    text = _SECRETS[3].sub(r"\1[redacted]", text)
    text = _SECRETS[4].sub(r"\1[redacted]", text)
    return _SECRETS[5].sub(r"\1[redacted]", text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (after %-formatting) through :func:`redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


FILE_HANDLER_NAME = "dossier-desk-log-file"


def app_log_files() -> list[Path]:
    """The log files :func:`configure_logging` writes to (none when it logs to the console only)."""
    return [
        Path(h.baseFilename)
        for h in logging.getLogger().handlers
        if isinstance(h, logging.FileHandler) and h.get_name() == FILE_HANDLER_NAME
    ]


def wipe_log_file(log_file: Path) -> int:
    """Empty the log file in place (sign-out): the open handler keeps writing to the same, now empty,
    private file. Returns 1 when a file was emptied."""
    if not log_file.is_file():
        return 0
    try:
        with log_file.open("r+b") as fh:
            size = fh.seek(0, 2)
            fh.seek(0)
            fh.write(bytes(size))  # overwrite, then cut: best effort against recovery
            fh.flush()
            fh.truncate(0)
    except OSError:
        return 0
    return 1


def configure_logging(log_file: Path | None, *, verbose: bool = False) -> None:
    """Console (and optionally a private log file), every handler behind the redaction filter."""
    # A windowed build has no stderr (None): log to the file only.
    handlers: list[logging.Handler] = [logging.StreamHandler()] if sys.stderr is not None else []
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        log_file.touch(mode=0o600, exist_ok=True)
        log_file.chmod(0o600)  # a file from an older version may have the umask's mode
        file_handler = logging.FileHandler(log_file, encoding="utf-8")
        file_handler.set_name(FILE_HANDLER_NAME)  # sign-out finds (and empties) the app's log by it
        handlers.append(file_handler)
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=handlers, force=True)
    # Libraries that may echo headers at DEBUG stay at INFO unless asked.
    for noisy in ("msal", "urllib3", "httpx", "httpcore", "uvicorn.access", "uvicorn.error"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)
    # qasync logs every executor callback with its arguments at DEBUG (whole dossiers, names): never.
    logging.getLogger("qasync").setLevel(logging.INFO)
