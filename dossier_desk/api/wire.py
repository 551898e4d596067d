"""Decoding of response shapes that vary: a 412's current entity, an upload's created documents."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import msgspec

from dossier_desk.api.decoding import convert_record, normalise_rows
from dossier_desk.api.enums import EnumForms
from dossier_desk.api.errors import MalformedResponseError, correlation_of
from dossier_desk.api.models import Document, Dossier

if TYPE_CHECKING:
    import httpx

_default_forms = EnumForms()
_LOCATION_KEY = re.compile(r"\(([^()]*)\)/?$")

_CURRENT_KEYS = ("current", "currentValue", "entity", "value")


def _looks_like_dossier(obj: Any) -> bool:
    return isinstance(obj, Mapping) and "id" in obj and "@odata.etag" in obj


def _find_current(body: Mapping[str, Any]) -> Mapping[str, Any] | None:
    error = body.get("error")
    if not isinstance(error, Mapping):
        return None
    candidates: list[Any] = [error.get(k) for k in _CURRENT_KEYS]
    details = error.get("details")
    if isinstance(details, list):
        for detail in details:
            if isinstance(detail, Mapping):
                candidates.extend(detail.get(k) for k in _CURRENT_KEYS)
                candidates.append(detail)
    return next((c for c in candidates if _looks_like_dossier(c)), None)


def conflict_current(raw: bytes | Mapping[str, Any] | None) -> Dossier | None:
    """The server's current dossier carried in a 412 error body, if it sent one.

    Accepted places: ``error.current`` (or ``currentValue``/``entity``/``value``), the same keys in a
    ``details`` entry, or a ``details`` entry that is itself the entity (has ``id`` and ``@odata.etag``).
    """
    if not raw:
        return None
    try:
        body = msgspec.json.decode(raw) if isinstance(raw, bytes) else raw
    except msgspec.DecodeError:
        return None
    if not isinstance(body, Mapping):
        return None
    found = _find_current(body)
    if found is None:
        return None
    try:
        return normalise_rows([convert_record(found, Dossier)], _default_forms)[0]
    except msgspec.ValidationError:
        return None


class _DocumentList(msgspec.Struct):
    value: list[Document]


def decode_documents(response: httpx.Response) -> list[Document]:
    """The documents an upload created: a single entity or ``{"value": [...]}``; never empty."""
    try:
        data = msgspec.json.decode(response.content)
        if isinstance(data, Mapping) and isinstance(data.get("value"), list):
            docs = msgspec.convert(data, _DocumentList).value
        else:
            docs = [msgspec.convert(data, Document)]
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise MalformedResponseError(
            f"unexpected upload response: {exc}",
            status=response.status_code,
            correlation_id=correlation_of(response),
        ) from exc
    if not docs:
        raise MalformedResponseError(
            "the upload response lists no document",
            status=response.status_code,
            correlation_id=correlation_of(response),
        )
    return docs


def key_from_location(location: str) -> str:
    """The key in a ``Location`` header's last segment (``.../dossiers(abc)`` -> ``abc``), or ""."""
    match = _LOCATION_KEY.search(unquote(location or ""))
    if not match:
        return ""
    key = match[1]
    if len(key) >= 2 and key[0] == key[-1] == "'":
        key = key[1:-1].replace("''", "'")
    return key


def write_reply(response: httpx.Response, forms: EnumForms) -> Dossier | str:
    """What a create/update answered: the full dossier, or only its id ("" when none is known).

    Servers answer the entity (BC), ``{"id": ...}`` or ``{}`` (FlowOn), or 204 with a ``Location``;
    anything short of an entity with its etag means the caller must GET the record.
    """
    location_key = key_from_location(response.headers.get("location", ""))
    content = response.content.strip()
    if response.status_code == 204 or not content:
        return location_key
    try:
        data = msgspec.json.decode(content)
    except msgspec.DecodeError as exc:
        raise MalformedResponseError(
            "unexpected reply to a write",
            status=response.status_code,
            correlation_id=correlation_of(response),
        ) from exc
    if not isinstance(data, Mapping):
        return location_key
    forms.note_record(data)
    if data.get("@odata.etag") and data.get("id"):
        try:
            return normalise_rows([convert_record(data, Dossier)], forms)[0]
        except msgspec.ValidationError:
            pass
    ident = data.get("id")
    if isinstance(ident, str | int) and not isinstance(ident, bool) and str(ident):
        return str(ident)
    return location_key


def decode_upload_reply(response: httpx.Response) -> list[Document]:
    """The documents an upload created; ``[]`` when the server answered success without a body."""
    if not response.content.strip():
        return []
    data_is_ack = response.content.strip() in (b"{}", b"null")
    return [] if data_is_ack else decode_documents(response)
