"""Whether a downloaded document may be handed to the system's default application.

A file is opened only when the name it arrived under has the same extension as the document's own
metadata and that extension is on the allowed list (the server's upload rules, or FlowOn's defaults);
anything that runs code is never opened, whatever a server allows. Otherwise the UI offers Save as.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

# FlowOn's upload action defaults (".pdf,.doc,.xlsx" in its configuration, ".docx" in its messages).
FLOWON_DEFAULT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xlsx")

# Never opened directly: these run code or scripts when "opened".
NEVER_OPEN = frozenset(
    {".exe", ".com", ".bat", ".cmd", ".msi", ".msp", ".scr", ".pif", ".cpl", ".lnk", ".url", ".hta"}
    | {".js", ".jse", ".vbs", ".vbe", ".wsf", ".wsh", ".ps1", ".psm1", ".jar", ".reg", ".sh", ".app"}
    | {".html", ".htm", ".svg", ".xhtml", ".mht", ".chm", ".iso", ".img", ".appref-ms", ".docm", ".xlsm"}
)

OK = ""
MISMATCH = "mismatch"  # the downloaded name's extension differs from the document's metadata
NOT_ALLOWED = "not_allowed"  # not on the allowed list, or a type that runs code


def extension(name: str) -> str:
    """Lower-case final extension with its dot ("" when none)."""
    return PurePath(name).suffix.lower()


def open_verdict(downloaded_name: str, metadata_name: str, allowed: Iterable[str]) -> str:
    """:data:`OK`, or why the file must be saved instead of opened."""
    got, expected = extension(downloaded_name), extension(metadata_name)
    if not got or got != expected:
        return MISMATCH
    permitted = {e.lower() if e.startswith(".") else f".{e.lower()}" for e in allowed}
    if got in NEVER_OPEN or got not in (permitted or set(FLOWON_DEFAULT_EXTENSIONS)):
        return NOT_ALLOWED
    return OK
