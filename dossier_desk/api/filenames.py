"""Filenames from the server: ``Content-Disposition`` parsing and sanitising before touching disk.

:func:`parse_content_disposition` reads ``filename*`` (RFC 5987/6266 ``charset'lang'%XX``) in
preference to ``filename`` (quoted-string or token). :func:`sanitize_filename` then makes any name
safe to create inside a chosen directory on Windows, macOS and Linux: no directories (``/``, ``\\``,
``..``), no control or invisible formatting characters (bidi overrides), none of ``<>:"|?*``, no
reserved Windows device names (``CON``, ``NUL``, ``COM1``...), no trailing dots/spaces, at most
``max_bytes`` UTF-8 bytes with the extension kept.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

MAX_NAME_BYTES = 200  # well under the 255-byte limit, leaving room for " (12)" and temp suffixes
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in [*range(10), "¹", "²", "³"]}
    | {f"LPT{i}" for i in [*range(10), "¹", "²", "³"]}
)
_FORBIDDEN = set('<>:"|?*/\\')
_PARAM_RE = re.compile(
    r"""\s*;\s*(?P<key>[!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?P<value>"(?:[^"\\]|\\.)*"|[^;]*)""",
    re.DOTALL,
)


def parse_content_disposition(header: str | None) -> str | None:
    """The filename a ``Content-Disposition`` header proposes (unsanitised), or ``None``."""
    if not header:
        return None
    params: dict[str, str] = {}
    for match in _PARAM_RE.finditer(";" + header.split(";", 1)[1] if ";" in header else ""):
        key = match["key"].lower()
        if key in params:
            continue  # the first occurrence wins; duplicates are a smuggling attempt
        params[key] = match["value"].strip()
    extended = params.get("filename*")
    if extended:
        decoded = _decode_rfc5987(extended)
        if decoded:
            return decoded
    plain = params.get("filename")
    if plain is None:
        return None
    if plain.startswith('"') and plain.endswith('"') and len(plain) >= 2:
        # Only \" and \\ are unescaped, as browsers do: servers send raw Windows paths too.
        plain = re.sub(r'\\(["\\])', r"\1", plain[1:-1])
    return plain or None


def _decode_rfc5987(value: str) -> str | None:
    value = value.strip().strip('"')
    parts = value.split("'", 2)
    if len(parts) != 3:
        return None
    charset, _lang, encoded = parts
    charset = charset.strip().lower() or "utf-8"
    if charset not in {"utf-8", "iso-8859-1", "us-ascii"}:
        return None
    try:
        return unquote(encoded, encoding=charset, errors="strict")
    except (UnicodeDecodeError, LookupError):
        return None


def _clean_char(char: str) -> str:
    if char in _FORBIDDEN:
        return "_"
    category = unicodedata.category(char)
    if category in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}:
        return ""
    if category == "Zs":
        return " "
    return char


def _truncate_utf8(text: str, max_bytes: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore")


def sanitize_filename(
    name: str | None, fallback: str = "document", *, max_bytes: int = MAX_NAME_BYTES
) -> str:
    """A safe single filename derived from ``name``; ``fallback`` (itself sanitised) when nothing is left."""
    text = unicodedata.normalize("NFC", name or "")
    # Keep only the last path component, whichever separator the server used.
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(_clean_char(c) for c in text)
    text = " ".join(text.split())  # collapse runs of whitespace
    text = text.strip(" .")
    if not text or set(text) <= {".", "_", " "}:
        if fallback and fallback != name:
            return sanitize_filename(fallback, "document", max_bytes=max_bytes)
        return "document"
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    if stem.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    ext = _truncate_utf8(ext, 20)
    suffix = f".{ext}" if ext else ""
    stem = _truncate_utf8(stem, max(1, max_bytes - len(suffix.encode("utf-8")))).rstrip(" .")
    return (stem or "document") + suffix


def numbered(name: str, n: int) -> str:
    """``report.pdf`` -> ``report (n).pdf``, used when a file of that name exists."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return f"{name} ({n})"
    return f"{stem} ({n}).{ext}"
