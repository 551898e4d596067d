"""Reading a CSDL ``$metadata`` document safely: no DTDs, bounded size."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

MAX_CSDL_BYTES = 16 * 1024 * 1024


def parse_csdl(document: bytes | str) -> ET.Element | None:
    """The root element, or ``None`` when the document is unreadable or declares a DTD.

    CSDL never needs a DOCTYPE; refusing one rules out entity-expansion attacks before expat runs.
    """
    import xml.etree.ElementTree as ET  # with a document only: not while the app starts

    data = document.encode() if isinstance(document, str) else document
    if len(data) > MAX_CSDL_BYTES or b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return None
    try:
        return ET.fromstring(data)  # noqa: S314 - no DTD (checked above), so no entity expansion
    except ET.ParseError:
        return None
