"""Did an earlier send land? Checks for creates and uploads whose outcome is unknown (sent, no answer).

Nothing the user owns is used as a marker: a create is recognised by the values the user entered
(contact, type, description, dates...) on records changed since it was first sent, an upload by file
name, size and a SHA-256 of its content. Records our own finished writes produced
(:meth:`Outbox.result_ids`) are never taken for another item's result. Each check answers with the
candidates it found; the pusher adopts exactly one, sends again on none, and parks the item as
*outcome unknown* when the answer is not certain.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dossier_desk.api.models import Document, Dossier, dossier_edits_from_wire, dossier_wire_name
from dossier_desk.api.odata import F, Query
from dossier_desk.domain.dossier_rules import DossierField
from dossier_desk.store.outbox_files import file_sha256
from dossier_desk.store.outbox_model import OutboxItem
from dossier_desk.store.ports import StoreApi

log = logging.getLogger(__name__)

CHECK_MARGIN = timedelta(minutes=15)
"""Records changed this long before the first send still count (client and server clocks differ)."""

_BLANK_TEXTS = frozenset({"", "0001-01-01", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00"})
_ENUM_FIELDS = frozenset({"status", "priority", "category"})  # Dossier attributes
# The properties a check filters on, by their API names (which only the api layer knows).
_MODIFIED = dossier_wire_name("last_modified_date_time")
_CONTACT = dossier_wire_name(DossierField.PRIMARY_CONTACT_NO)
_HIDDEN_DOCUMENT_TYPES = frozenset({"medical"})


def _normal(name: str, value: Any) -> Any:
    """A value as compared: blanks (``null``, ``""``, BC's ``0001-01-01``) are one value; enum values in
    any spelling (``In Process``, ``In_x0020_Process``, ``InProcess``) are one value."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip()
        if text in _BLANK_TEXTS:
            return ""
        if name in _ENUM_FIELDS:
            return "".join(ch for ch in text.replace("_x0020_", "").casefold() if ch.isalnum())
        return text
    return value


def same_as_entered(dossier: Dossier, fields: Mapping[str, Any]) -> bool:
    """True when every field the user entered (a create's stored fields) holds the same value on
    ``dossier``."""
    entered = dossier_edits_from_wire(fields)
    return all(
        _normal(name, getattr(dossier, name)) == _normal(name, value)
        for name, value in entered.items()
        if name != "id"
    )


def _since(item: OutboxItem) -> datetime | None:
    try:
        sent = datetime.fromisoformat(item.sent_at or item.created_at)
    except ValueError:
        return None
    return (sent if sent.tzinfo else sent.replace(tzinfo=UTC)) - CHECK_MARGIN


async def landed_creates(api: StoreApi, item: OutboxItem, ours: set[str]) -> list[Dossier]:
    """Dossiers that may be the result of ``item`` (a create): changed since its first send, not
    produced by another of our writes, and holding every value the user entered."""
    fields: dict[str, Any] = item.payload.get("fields", {})
    query = Query()
    since = _since(item)
    if since is not None:
        query = query.filter(F(_MODIFIED) > since)
    contact = dossier_edits_from_wire(fields).get(DossierField.PRIMARY_CONTACT_NO)
    if isinstance(contact, str) and contact:
        query = query.filter(F(_CONTACT) == contact)
    found: list[Dossier] = []
    async for page in api.iter_dossier_pages(query, page_size=1000):
        found.extend(d for d in page if d.id not in ours and same_as_entered(d, fields))
    return found


def _created_since(document: Document, since: datetime | None) -> bool:
    if since is None or document.created_date_time.strip() in _BLANK_TEXTS:
        return True  # no usable time: do not rule it out
    try:
        created = datetime.fromisoformat(document.created_date_time)
    except ValueError:
        return True
    return (created if created.tzinfo else created.replace(tzinfo=UTC)) >= since


def may_be_hidden(payload: Mapping[str, Any], listed: list[Document]) -> bool:
    """True when the user may be unable to list the uploaded document (confidential or medical) and
    the listing shows no such document, i.e. nothing proves that this user can see them."""
    restricted = bool(payload.get("confidential")) or (
        str(payload.get("documentType", "")).casefold() in _HIDDEN_DOCUMENT_TYPES
    )
    if not restricted:
        return False
    return not any(d.confidential or d.document_type.casefold() in _HIDDEN_DOCUMENT_TYPES for d in listed)


async def landed_uploads(
    api: Any, item: OutboxItem, listed: list[Document], ours: set[str], copy: Path
) -> list[Document]:
    """Documents in ``listed`` that are ``item``'s file: same name and size, created since the first
    send, not produced by another of our writes, and the same content (SHA-256 of a download)."""
    p = item.payload
    since = _since(item)
    candidates = [
        d
        for d in listed
        if d.id not in ours
        and d.file_name == p.get("fileName")
        and d.file_size == p.get("size")
        and _created_since(d, since)
    ]
    if not candidates:
        return []
    wanted = str(p.get("sha256") or "") or file_sha256(copy)
    scratch = Path(tempfile.mkdtemp(prefix="check-", dir=copy.parent.parent))
    try:
        matches = []
        for document in candidates:
            path = await api.download_document(document, scratch)
            if file_sha256(path) == wanted:
                matches.append(document)
            with contextlib.suppress(OSError):
                path.unlink()
        return matches
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
