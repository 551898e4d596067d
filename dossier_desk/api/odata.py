"""OData v4 query builder and literal escaping.

Build filters from field expressions instead of strings, so user input can never change the shape of
a query::

    q = (
        Query()
        .filter((F("status") == "In Process") & (F("documentDate") >= date(2026, 1, 1)))
        .filter(F("description").contains(search_text))
        .order_by("documentDate", desc=True)
        .select("id", "no", "status")
        .top(50)
    )
    params = q.to_params()   # {"$filter": "...", "$orderby": "...", ...}; httpx URL-encodes them

Literals: ``str`` -> ``'it''s'``; ``date`` -> ``2026-01-01``; aware ``datetime`` -> UTC ``...Z`` (naive
datetimes are refused as ambiguous); ``uuid.UUID`` -> unquoted GUID; ``bool`` -> ``true``/``false``;
``int``/``float``/``Decimal`` -> numbers; ``None`` -> ``null``; ``Enum`` members -> their value as a
string (BC enums are captions). Entity keys in paths go through :func:`key_segment`.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from urllib.parse import quote

_FIELD_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*$")
_GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

Literal = str | int | float | Decimal | bool | dt.date | dt.datetime | uuid.UUID | enum.Enum | None


def _check_field(name: str) -> str:
    if not isinstance(name, str) or not _FIELD_RE.match(name):
        raise ValueError(f"not a valid OData property name: {name!r}")
    return name


def is_guid(value: str) -> bool:
    """True when ``value`` is written as a GUID (8-4-4-4-12 hex digits)."""
    return bool(_GUID_RE.match(value))


def format_string(value: str) -> str:
    """A quoted OData string literal: single quotes doubled."""
    return "'" + value.replace("'", "''") + "'"


def format_datetime(value: dt.datetime) -> str:
    """An OData DateTimeOffset literal in UTC with ``Z``; microseconds kept when non-zero."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware datetime (e.g. tzinfo=UTC)")
    utc = value.astimezone(dt.UTC)
    # Not strftime("%Y"): it does not zero-pad years before 1000 on every platform.
    text = f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    if utc.microsecond:
        text += f".{utc.microsecond:06d}".rstrip("0")
    return text + "Z"


def format_literal(value: Literal) -> str:
    """Render a Python value as an OData URL literal (see the module docstring for the rules)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        inner = value.value
        return format_string(inner if isinstance(inner, str) else value.name)
    if isinstance(value, str):
        return format_string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("NaN and infinity cannot be used in a filter")
        return repr(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("NaN and infinity cannot be used in a filter")
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"cannot use a {type(value).__name__} as an OData literal")


def key_literal(key: str | int | uuid.UUID) -> str:
    """An entity key literal: GUIDs unquoted, integers bare, other strings quoted and escaped."""
    if isinstance(key, uuid.UUID):
        return str(key)
    if isinstance(key, bool):
        raise TypeError("a bool is not an entity key")
    if isinstance(key, int):
        return str(key)
    if not isinstance(key, str) or not key:
        raise ValueError("an entity key must be a non-empty string")
    return key if is_guid(key) else format_string(key)


def key_segment(entity_set: str, key: str | int | uuid.UUID, *, as_string: bool = False) -> str:
    """The URL path segment ``entitySet(key)``, with the key escaped and percent-encoded.

    ``as_string`` forces a quoted string key (e.g. a contact No. that looks like a GUID or number).

    >>> key_segment("dossiers", "0f8fad5b-d9cb-469f-a165-70867728950e")
    'dossiers(0f8fad5b-d9cb-469f-a165-70867728950e)'
    >>> key_segment("contacts", "O'Neil/1")
    "contacts('O''Neil%2F1')"
    """
    _check_field(entity_set)
    if "/" in entity_set:
        raise ValueError(f"not an entity set name: {entity_set!r}")
    if as_string:
        if not isinstance(key, str) or not key:
            raise ValueError("a string key must be a non-empty string")
        literal = format_string(key)
    else:
        literal = key_literal(key)
    encoded = quote(literal, safe="'")
    return f"{entity_set}({encoded})"


@dataclass(frozen=True, slots=True)
class EnumLiteral:
    """An enum value in a filter, written in the server's form only when the query is sent."""

    field: str
    value: str


Wire = Callable[[str, str], str]
"""``wire(field, caption) -> the server's form`` (see ``DossierApi.wire_enum``)."""

# Wire fields whose string literals are enum values (compared in the server's own form).
ENUM_FIELDS = frozenset({"status", "priority", "category", "documentType", "state"})


class Expr:
    """A boolean filter expression. Combine with ``&``, ``|`` and ``~``; render with ``str()``.

    Enum literals stay symbolic until :meth:`render` gets the server's ``wire`` form.
    """

    __slots__ = ("_compound", "_parts")

    def __init__(self, text: str | tuple[str | EnumLiteral, ...], *, compound: bool = False) -> None:
        self._parts: tuple[str | EnumLiteral, ...] = (text,) if isinstance(text, str) else tuple(text)
        self._compound = compound

    def render(self, wire: Wire | None = None) -> str:
        """The expression text, enum literals written with ``wire`` (as captions without it)."""
        out: list[str] = []
        for part in self._parts:
            if isinstance(part, str):
                out.append(part)
            else:
                out.append(format_string(wire(part.field, part.value) if wire else part.value))
        return "".join(out)

    @property
    def enum_fields(self) -> frozenset[str]:
        """The fields whose enum literals this expression holds."""
        return frozenset(p.field for p in self._parts if isinstance(p, EnumLiteral))

    @property
    def _text(self) -> str:
        return self.render()

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Expr({self._text!r})"

    def _operand(self) -> tuple[str | EnumLiteral, ...]:
        return ("(", *self._parts, ")") if self._compound else self._parts

    def __and__(self, other: Expr) -> Expr:
        if not isinstance(other, Expr):
            return NotImplemented
        return Expr((*self._operand(), " and ", *other._operand()), compound=True)

    def __or__(self, other: Expr) -> Expr:
        if not isinstance(other, Expr):
            return NotImplemented
        return Expr((*self._operand(), " or ", *other._operand()), compound=True)

    def __invert__(self) -> Expr:
        return Expr(("not (", *self._parts, ")"))

    def __bool__(self) -> bool:
        raise TypeError("combine filter expressions with & | ~, not with 'and'/'or'/'not'")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expr) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)


class F:
    """A property reference in a filter: ``F("status") == "Open"``, ``F("no").startswith("D1")``."""

    __slots__ = ("name",)
    __hash__ = None  # type: ignore[assignment]  # == builds an expression, so F is not hashable

    def __init__(self, name: str) -> None:
        self.name = _check_field(name)

    def _cmp(self, op: str, value: Literal) -> Expr:
        if isinstance(value, str) and self.name in ENUM_FIELDS:
            return Expr((f"{self.name} {op} ", EnumLiteral(self.name, value)))
        return Expr(f"{self.name} {op} {format_literal(value)}")

    def __eq__(self, value: Literal) -> Expr:  # type: ignore[override]
        return self._cmp("eq", value)

    def __ne__(self, value: Literal) -> Expr:  # type: ignore[override]
        return self._cmp("ne", value)

    def __lt__(self, value: Literal) -> Expr:
        return self._cmp("lt", value)

    def __le__(self, value: Literal) -> Expr:
        return self._cmp("le", value)

    def __gt__(self, value: Literal) -> Expr:
        return self._cmp("gt", value)

    def __ge__(self, value: Literal) -> Expr:
        return self._cmp("ge", value)

    def contains(self, text: str) -> Expr:
        """``contains(name, 'text')``."""
        return Expr(f"contains({self.name},{format_string(_as_text(text))})")

    def startswith(self, text: str) -> Expr:
        """``startswith(name, 'text')``."""
        return Expr(f"startswith({self.name},{format_string(_as_text(text))})")

    def endswith(self, text: str) -> Expr:
        """``endswith(name, 'text')``."""
        return Expr(f"endswith({self.name},{format_string(_as_text(text))})")

    def __repr__(self) -> str:
        return f"F({self.name!r})"


def _as_text(value: str) -> str:
    if not isinstance(value, str):
        raise TypeError("contains/startswith/endswith take a string")
    return value


@dataclass(frozen=True, slots=True)
class Query:
    """An immutable set of OData query options; every method returns a new ``Query``."""

    _filter: Expr | None = None
    _order: tuple[str, ...] = ()
    _select: tuple[str, ...] = ()
    _top: int | None = None
    _skip: int | None = None
    _count: bool = False

    def filter(self, expr: Expr) -> Query:
        """Add a condition; several calls are combined with ``and``."""
        if not isinstance(expr, Expr):
            raise TypeError("filter() takes an expression built with F(...)")
        combined = expr if self._filter is None else self._filter & expr
        return replace(self, _filter=combined)

    def order_by(self, field: str, desc: bool = False) -> Query:
        """Append a sort key."""
        return replace(self, _order=(*self._order, f"{_check_field(field)}{' desc' if desc else ''}"))

    def select(self, *fields: str) -> Query:
        """Limit the returned properties (``id`` and the etag are always useful to keep)."""
        return replace(self, _select=tuple(dict.fromkeys((*self._select, *map(_check_field, fields)))))

    def top(self, n: int) -> Query:
        """At most ``n`` rows in total."""
        return replace(self, _top=_non_negative(n, "top"))

    def skip(self, n: int) -> Query:
        """Skip the first ``n`` rows."""
        return replace(self, _skip=_non_negative(n, "skip"))

    def count(self, enabled: bool = True) -> Query:
        """Ask for ``@odata.count`` (the total number of matching rows)."""
        return replace(self, _count=enabled)

    @property
    def filter_text(self) -> str | None:
        """The rendered ``$filter`` expression, if any."""
        return None if self._filter is None else str(self._filter)

    @property
    def enum_fields(self) -> frozenset[str]:
        """Fields compared with enum literals (written in the server's form when sent)."""
        return frozenset() if self._filter is None else self._filter.enum_fields

    @property
    def selected(self) -> tuple[str, ...]:
        """The ``$select`` fields."""
        return self._select

    def to_query_string(self) -> str:
        """The query options percent-encoded for a URL (a space is ``%20``, never ``+``)."""
        return encode_query(self.to_params())

    def to_params(self, wire: Wire | None = None) -> dict[str, str]:
        """The query options as unencoded URL parameters (encode with :func:`encode_query`).

        ``wire`` writes enum literals in the server's form (captions without it).
        """
        params: dict[str, str] = {}
        if self._filter is not None:
            params["$filter"] = self._filter.render(wire)
        if self._order:
            params["$orderby"] = ",".join(self._order)
        if self._select:
            params["$select"] = ",".join(self._select)
        if self._top is not None:
            params["$top"] = str(self._top)
        if self._skip is not None:
            params["$skip"] = str(self._skip)
        if self._count:
            params["$count"] = "true"
        return params


# What may stay literal in an OData query option value: OData's URL grammar reads these as themselves.
# ``+`` is NOT in the list (a conformant server reads a literal ``+`` as a plus sign, not a space),
# and neither are ``&``, ``=``, ``#`` or ``%``, which would end or corrupt the option.
QUERY_SAFE = "$'(),:/@*"


def encode_query(params: Mapping[str, str] | None) -> str:
    """``name=value&...`` with every space as ``%20`` (httpx's ``params=`` would write ``+``)."""
    if not params:
        return ""
    return "&".join(f"{quote(k, safe='$')}={quote(v, safe=QUERY_SAFE)}" for k, v in params.items())


def with_query(url: str, params: Mapping[str, str] | None) -> str:
    """``url`` with ``params`` appended (after any query it already has)."""
    query = encode_query(params)
    if not query:
        return url
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _non_negative(n: int, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"{what} must be a non-negative integer")
    return n
