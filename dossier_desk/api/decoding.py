"""Tolerant decoding of entities: what real servers send, turned into the client's models.

* ``null`` for any field means "not set": the model's default applies (a standard OData server sends
  ``null`` for unset optional fields; BC sends ``""``).
* BC's blank literals ``0001-01-01`` and ``0001-01-01T00:00:00Z`` become ``""``, the models' one
  blank value for dates, so validation, display, sorting, deadlines and filters all see "blank".
* Enum fields are normalised to captions (:mod:`dossier_desk.api.enums`); unknown values are kept.
* Unknown fields are ignored; only the fields the reference guarantees are required (the models).
* In a collection, a record that still does not fit is skipped and reported as a
  :class:`SkippedRecord` (entity set, key, problem code); the rest of the page is kept.

The common case stays one msgspec call per page: the slower per-record path runs only when the fast
decode fails, and the blank/enum passes touch only the rows that need a change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec

from dossier_desk.api.enums import EnumForms

T = TypeVar("T")

BLANK_LITERALS = frozenset(
    {
        "0001-01-01",
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00.000Z",
        "0001-01-01T00:00:00.0000000Z",
    }
)
_BLANK_MARK = b"0001-01-01"
_KEY_FIELDS = ("id", "code", "no", "lineNo")
_EMPTY_ARRAY = re.compile(rb"\[[ \t\r\n]*\]\Z")
_PATH = re.compile(r"at `\$(?:\.value\[\d+\])?\.?([A-Za-z0-9_@.]*)")


def is_blank(value: object) -> bool:
    """True for ``None``, ``""`` and BC's blank date/datetime literals."""
    return value is None or value == "" or value in BLANK_LITERALS


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    """A record left out of a listing because it could not be read.

    ``key`` is its id (or code/no/lineNo; "" when it had none), ``problem_code`` one of
    ``"not_an_object"``, ``"missing_field"``, ``"wrong_type"``; ``field`` the wire field concerned.
    """

    entity_set: str
    key: str
    problem_code: str
    field: str = ""


class Rows(list[T], Generic[T]):
    """A list of decoded records plus ``skipped``: the records of the same response left out."""

    skipped: list[SkippedRecord]

    def __init__(self, items: Iterable[T] = (), skipped: Iterable[SkippedRecord] = ()) -> None:
        super().__init__(items)
        self.skipped = list(skipped)


class RawPage(msgspec.Struct):
    """A collection response with records not yet typed."""

    value: list[Any]
    next_link: str | None = msgspec.field(default=None, name="@odata.nextLink")
    count: int | None = msgspec.field(default=None, name="@odata.count")


_raw_page_decoder = msgspec.json.Decoder(RawPage)


class PageEnvelope(msgspec.Struct):
    """A collection response's control information; its records are checked to be well-formed JSON
    but not built (a fraction of a millisecond for a 1,000-row page, so it can run on the loop)."""

    value: msgspec.Raw
    next_link: str | None = msgspec.field(default=None, name="@odata.nextLink")
    count: int | None = msgspec.field(default=None, name="@odata.count")

    @property
    def is_list(self) -> bool:
        """Whether ``value`` is a JSON array."""
        return memoryview(self.value)[:1] == b"["

    @property
    def is_empty(self) -> bool:
        """Whether ``value`` is an array without records."""
        return _EMPTY_ARRAY.match(memoryview(self.value)) is not None  # (no copy of the records)


_envelope_decoder = msgspec.json.Decoder(PageEnvelope)


def decode_envelope(content: bytes) -> PageEnvelope:
    """The page's envelope (raises msgspec errors for a body that is not a whole collection)."""
    envelope = _envelope_decoder.decode(content)
    if not envelope.is_list:
        raise msgspec.ValidationError("Expected `array`, at `$.value`")
    return envelope


def decode_raw_page(content: bytes) -> RawPage:
    """The page with untyped records (raises msgspec errors for a body that is not a collection)."""
    return _raw_page_decoder.decode(content)


def _str_fields(item_type: type) -> tuple[tuple[str, str], ...]:
    """(attribute, wire name) of the struct's str fields."""
    info = msgspec.structs.fields(item_type)
    return tuple((f.name, f.encode_name) for f in info if f.type is str)


_DATE_SUFFIXES = ("date", "date_time", "date_closed")
_plans: dict[type, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {}


def _plan(item_type: type, forms: EnumForms) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(date attributes, (enum attribute, wire field)) of ``item_type``."""
    plan = _plans.get(item_type)
    if plan is None:
        fields = _str_fields(item_type)
        dates = tuple(a for a, _ in fields if a.endswith(_DATE_SUFFIXES))
        enums = tuple((a, w) for a, w in fields if forms.canonical_set(w))
        plan = (dates, enums)
        _plans[item_type] = plan
    return plan


def normalise_rows(rows: list[T], forms: EnumForms, *, blanks_possible: bool = True) -> list[T]:
    """Blank literals to ``""`` and enum values to captions, in place; returns ``rows``."""
    if not rows or not isinstance(rows[0], msgspec.Struct):
        return rows
    dates, enums = _plan(type(rows[0]), forms)
    for attr, wire in enums:
        canonical = forms.canonical_set(wire)
        if {getattr(r, attr) for r in rows} <= canonical | {""}:
            continue  # the common case: nothing to change
        captions: dict[str, str] = {}  # a page holds few distinct values: normalise each once
        for i, row in enumerate(rows):
            value = getattr(row, attr)
            if value and value not in canonical:
                new = captions.get(value)
                if new is None:
                    new = captions[value] = forms.normalise(wire, value)
                if new != value:
                    rows[i] = msgspec.structs.replace(row, **{attr: new})
    if blanks_possible and dates:
        for i, row in enumerate(rows):
            changes = {a: "" for a in dates if getattr(row, a) in BLANK_LITERALS}
            if changes:
                rows[i] = msgspec.structs.replace(row, **changes)
    return rows


def record_key(record: Mapping[str, Any]) -> str:
    """The best key a raw record offers for a report ("" when none)."""
    for name in _KEY_FIELDS:
        value = record.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
            return str(value)
    return ""


def _problem(exc: msgspec.ValidationError) -> tuple[str, str]:
    text = str(exc)
    match = _PATH.search(text)
    field = match[1] if match else ""
    if text.startswith("Object missing required field"):
        found = re.search(r"field `([^`]+)`", text)
        return "missing_field", found[1] if found else field
    return "wrong_type", field


def convert_record(record: Any, item_type: type[T]) -> T:
    """One raw record as ``item_type``, with nulls dropped; raises ``msgspec.ValidationError``."""
    if not isinstance(record, Mapping):
        raise msgspec.ValidationError("Expected `object`")
    text = _text_fields(item_type)
    # null is "not set": blank text for optional text fields, the model's default for anything else
    # (a null key stays missing, so a required field with null is reported, not made up).
    clean = {k: ("" if k in text else v) if v is None else v for k, v in record.items()}
    return msgspec.convert({k: v for k, v in clean.items() if v is not None}, item_type)


_text_cache: dict[type, frozenset[str]] = {}


def _text_fields(item_type: type) -> frozenset[str]:
    found = _text_cache.get(item_type)
    if found is None:
        found = _text_cache[item_type] = (
            frozenset(
                f.encode_name for f in msgspec.structs.fields(item_type) if f.type is str and not f.required
            )
            if isinstance(item_type, type) and issubclass(item_type, msgspec.Struct)
            else frozenset()
        )
    return found


def convert_records(
    records: list[Any], item_type: type[T], entity_set: str
) -> tuple[list[T], list[SkippedRecord]]:
    """Convert record by record, skipping (and reporting) the ones that do not fit."""
    good: list[T] = []
    skipped: list[SkippedRecord] = []
    for record in records:
        if not isinstance(record, Mapping):
            skipped.append(SkippedRecord(entity_set, "", "not_an_object"))
            continue
        try:
            good.append(convert_record(record, item_type))
        except msgspec.ValidationError as exc:
            code, field = _problem(exc)
            skipped.append(SkippedRecord(entity_set, record_key(record), code, field))
    return good, skipped


_QUOTED_BLANK = re.compile(rb'"0001-01-01(?:T00:00:00(?:\.0+)?Z?)?"')


def strip_blank_literals(content: bytes) -> bytes:
    """The body with every JSON string that is exactly a BC blank literal turned into ``""``.

    Done on the bytes before decoding, in one regex pass: cheaper than rebuilding every record that
    has a blank date (most BC records have several).
    """
    if _BLANK_MARK not in content:
        return content
    return _QUOTED_BLANK.sub(b'""', content)


def blanks_possible(content: bytes) -> bool:
    """Whether a body may hold a BC blank date literal (a cheap test that skips the date pass)."""
    return _BLANK_MARK in content
