"""OData v4 system query options compiled to parameterised SQLite, the way Business Central reads them.

``compile_filter`` turns ``$filter`` text into a SQL boolean expression plus bound parameters; user
values never appear in the SQL text. Field names map to SQL through a whitelist of ``Column``
objects, so the SQL text is built only from names the caller chose. Rules worth knowing:

* ``not`` binds tighter than comparisons in OData, but only applies to Booleans, so ``not x eq y`` is
  read as ``not (x eq y)``: identical for Boolean ``x`` and the only meaningful reading otherwise.
* BC has no null text: ``eq null`` and ``eq ''`` both match blank (``''``) or SQL NULL values.
* ``contains``/``startswith``/``endswith`` are case-insensitive like BC's SQL collation: ``LIKE``
  with escaped ``%``/``_``/``\\`` for ASCII needles, ``GLOB`` with ``[xX]`` classes when the needle has
  non-ASCII cased letters (SQLite's LIKE folds ASCII only). ``eq`` is exact.
* Datetime literals are normalised to UTC text ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (see
  ``canonical_datetime``); stored values must use the same fixed-width form to compare correctly.
* Enum fields compare by caption; with ``Column.values`` set, captions are validated (case-insensitive,
  ``_x0020_`` decoded) and ``gt``/``lt``... compare by ordinal via ``IN (...)``.
* Every comparison is two-valued: ``not`` wraps its operand in ``COALESCE(..., 0)`` so SQL NULLs never
  make ``not`` drop rows that OData would keep.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from dossier_sandbox.odata_parser import (
    MAX_INT,
    Call,
    Compare,
    FieldRef,
    Group,
    Lit,
    Logical,
    Node,
    Not,
    ODataQueryError,
    Tokenizer,
    parse_filter,
)

__all__ = [
    "Column",
    "ColumnKind",
    "ODataQueryError",
    "canonical_datetime",
    "compile_filter",
    "compile_orderby",
    "parse_select",
    "parse_top_skip",
]

ColumnKind = Literal["string", "enum", "guid", "date", "datetime", "int", "decimal", "bool"]
_TEXT_KINDS = frozenset({"string", "enum", "guid", "date", "datetime"})
_NUMERIC_KINDS = frozenset({"int", "decimal"})
_SQL_OPS = {"eq": "=", "ne": "IS NOT", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}
_FLIP = {"eq": "eq", "ne": "ne", "gt": "lt", "ge": "le", "lt": "gt", "le": "ge"}
_X_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


class EnumDialect(Protocol):
    """How a server spells enum values (``variants.Variant``)."""

    def enum_in(self, text: str, captions: tuple[str, ...]) -> str | None: ...

    def enum_out(self, caption: str) -> str: ...


_BC_BLANKS = frozenset({"0001-01-01", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"})


@dataclass(frozen=True)
class Column:
    """How a wire field is stored: ``sql`` is a trusted SQLite expression (a column name).

    ``values`` lists an enum's captions in ordinal order; when given, enum literals are validated.
    """

    sql: str
    kind: ColumnKind
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Value:
    """A typed SQL operand: a (possibly lower-cased) field, or a literal not yet bound."""

    sql: str
    kind: str
    field: str | None = None
    column: Column | None = None
    lit: Lit | None = None


def canonical_datetime(value: str | dt.datetime) -> str:
    """UTC text with a fixed six-digit fraction, so text order equals time order.

    Accepts aware datetimes and ISO-8601 text with ``Z`` or an offset (naive text is taken as UTC).
    Raises ``ValueError`` for anything else.
    """
    if isinstance(value, str):
        text = value.strip()
        if text[-1:] in "zZ" and text:
            text = text[:-1] + "+00:00"
        match = re.fullmatch(r"(.*T\d\d:\d\d:\d\d)\.(\d+)(.*)", text)
        if match:  # fromisoformat in 3.11 refuses fractions that are not 3 or 6 digits
            text = f"{match[1]}.{match[2][:6].ljust(6, '0')}{match[3]}"
        parsed = dt.datetime.fromisoformat(text)
    else:
        parsed = value
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    try:
        utc = parsed.astimezone(dt.UTC)
    except OverflowError as exc:  # 9999-12-31T23:00:00-05:00 is past datetime.max in UTC
        raise ValueError(f"datetime out of range: {value}") from exc
    return utc.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"  # strftime drops %Y's zeros


def compile_filter(
    text: str, columns: Mapping[str, Column], enums: EnumDialect | None = None
) -> tuple[str, list[object]]:
    """Compile ``$filter`` text to ``("(<sql>)", params)``; raises ``ODataQueryError`` on bad input.

    ``enums`` (a server variant) decides which spellings of enum values are accepted; without it any
    caption or encoded name is (case-insensitive).
    """
    tree = parse_filter(text)
    params: list[object] = []
    sql = _Compiler(columns, params, enums).predicate(tree)
    while isinstance(tree, Group):
        tree = tree.inner
    return (sql if isinstance(tree, Logical) else f"({sql})"), params


def compile_orderby(text: str, columns: Mapping[str, Column]) -> str:
    """Compile ``$orderby`` (``field [asc|desc], ...``) to an ORDER BY list such as ``"a DESC, b ASC"``."""
    tokens = Tokenizer(text, "$orderby").tokens()
    keys: list[str] = []
    i = 0
    while True:
        tok = tokens[i]
        if tok.kind != "ident":
            raise ODataQueryError.syntax("$orderby", tok.pos, "expected a field name")
        column = _lookup(columns, tok.value, "$orderby", tok.pos)
        i += 1
        direction = "ASC"
        if tokens[i].kind == "ident" and tokens[i].value.lower() in ("asc", "desc"):
            direction = tokens[i].value.upper()
            i += 1
        keys.append(f"{column.sql} {direction}")
        if tokens[i].kind == "end":
            return ", ".join(keys)
        if tokens[i].kind != ",":
            raise ODataQueryError.syntax("$orderby", tokens[i].pos, "expected ',', 'asc' or 'desc'")
        i += 1


def parse_select(text: str, allowed: Iterable[str]) -> list[str]:
    """Validate ``$select``: wire names in the order given, duplicates dropped; ``*`` means all."""
    allowed_list = list(allowed)
    names: list[str] = []
    for raw in text.split(","):
        name = raw.strip()
        if not name:
            raise ODataQueryError("$select has an empty field name", "$select")
        if name == "*":
            candidates = allowed_list
        elif name in allowed_list:
            candidates = [name]
        else:
            raise ODataQueryError(f"Unknown field '{name}' in $select{_hint(name, allowed_list)}", name)
        names.extend(n for n in candidates if n not in names)
    return names


def parse_top_skip(value: str | None, name: str) -> int | None:
    """``$top``/``$skip`` as a non-negative int (``None`` when absent); else ``ODataQueryError``."""
    if value is None:
        return None
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19 or int(text) > MAX_INT:
        raise ODataQueryError(f"{name} must be a non-negative integer, got '{value}'", name)
    return int(text)


def _hint(name: str, known: Iterable[str]) -> str:
    same = [k for k in known if k.lower() == name.lower()]
    return f" (did you mean '{same[0]}'? Field names are case-sensitive)" if same else ""


def _lookup(columns: Mapping[str, Column], name: str, option: str, pos: int) -> Column:
    column = columns.get(name)
    if column is None:
        raise ODataQueryError(
            f"Unknown field '{name}' at position {pos} in {option}{_hint(name, columns)}", name
        )
    return column


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _glob_char(char: str) -> str:
    variants = {v for v in (char, char.lower(), char.upper(), char.swapcase()) if len(v) == 1}
    if len(variants) > 1:
        return "[" + "".join(sorted(variants)) + "]"
    return f"[{char}]" if char in "*?[" else char


class _Compiler:
    """Type-checks the parse tree against the columns and emits SQL, appending bound values."""

    def __init__(
        self, columns: Mapping[str, Column], params: list[object], enums: EnumDialect | None = None
    ) -> None:
        self.columns = columns
        self.params = params
        self.enums = enums

    def bind(self, value: object) -> str:
        self.params.append(value)
        return "?"

    # -- Boolean expressions ---------------------------------------------------------------------
    def predicate(self, node: Node) -> str:
        if isinstance(node, Group):
            return self.predicate(node.inner)
        if isinstance(node, Logical):
            return "(" + f" {node.op.upper()} ".join(self.predicate(item) for item in node.items) + ")"
        if isinstance(node, Not):
            return f"NOT COALESCE({self.predicate(node.inner)}, 0)"
        if isinstance(node, Compare):
            return self.compare(node)
        if isinstance(node, Call) and node.name in ("contains", "startswith", "endswith"):
            return self.match(node)
        if isinstance(node, Lit) and node.kind == "bool":
            return self.bind(node.value)
        if (
            isinstance(node, FieldRef)
            and _lookup(self.columns, node.name, "$filter", node.pos).kind == "bool"
        ):
            return f"{self.columns[node.name].sql} = {self.bind(True)}"
        raise ODataQueryError.syntax("$filter", node.pos, "expected a Boolean expression")

    def is_predicate(self, node: Node) -> bool:
        while isinstance(node, Group):
            node = node.inner
        return isinstance(node, Logical | Not | Compare) or (
            isinstance(node, Call) and node.name in ("contains", "startswith", "endswith")
        )

    def compare(self, node: Compare) -> str:
        left, right, op = node.left, node.right, node.op
        if self.is_predicate(right) and not self.is_predicate(left):
            left, right, op = right, left, _FLIP[op]
        if self.is_predicate(left):
            if not (isinstance(right, Lit) and right.kind == "bool") or op not in ("eq", "ne"):
                raise ODataQueryError.syntax(
                    "$filter", node.pos, "a Boolean expression compares only with eq/ne true/false"
                )
            inner = self.predicate(left)
            return inner if right.value == (op == "eq") else f"NOT COALESCE({inner}, 0)"
        lv, rv = self.value(left), self.value(right)
        if lv.lit is not None and rv.lit is None:
            lv, rv, op = rv, lv, _FLIP[op]
        if lv.lit is not None:
            raise ODataQueryError.syntax("$filter", node.pos, "a comparison needs a field on one side")
        if rv.lit is None:
            return self.field_to_field(lv, rv, op, node.pos)
        return self.field_to_literal(lv, rv.lit, op)

    def field_to_field(self, left: _Value, right: _Value, op: str, pos: int) -> str:
        same = left.kind == right.kind or {left.kind, right.kind} <= _NUMERIC_KINDS
        if not same and not {left.kind, right.kind} <= {"string", "enum"}:
            raise ODataQueryError(
                f"Cannot compare {left.kind} field '{left.field}' with {right.kind} field '{right.field}' "
                f"at position {pos} in $filter",
                left.field or "$filter",
            )
        return f"{left.sql} {_SQL_OPS[op]} {right.sql}"

    def field_to_literal(self, field: _Value, lit: Lit, op: str) -> str:
        # BC's blank date/datetime literal means "blank" for eq/ne; ordered comparisons keep their
        # meaning (gt 0001-01-01T00:00:00Z: every set value, as a delta-sync start needs).
        bc_blank = op in ("eq", "ne") and field.kind in ("date", "datetime") and str(lit.value) in _BC_BLANKS
        if (
            lit.kind == "null"
            or bc_blank
            or (lit.kind == "string" and lit.value == "" and field.kind in _TEXT_KINDS)
        ):
            if op not in ("eq", "ne"):
                raise _type_error(field, lit, "null compares only with eq/ne")
            if field.kind in _TEXT_KINDS:
                blank = f"({field.sql} IS NULL OR {field.sql} = {self.bind('')})"
            else:
                blank = f"{field.sql} IS NULL"
            return blank if op == "eq" else f"NOT COALESCE({blank}, 0)"
        value = _coerce(field, lit, self.enums)
        if field.kind == "enum" and op not in ("eq", "ne"):
            values = field.column.values if field.column else ()
            if not values:
                raise _type_error(field, lit, f"'{op}' needs an enum with known values")
            ordinal = values.index(str(value))
            keep = [v for i, v in enumerate(values) if _ordinal_holds(op, i, ordinal)]
            if not keep:
                return "0"
            return f"{field.sql} IN ({', '.join(self.bind(v) for v in keep)})"
        return f"{field.sql} {_SQL_OPS[op]} {self.bind(value)}"

    def match(self, node: Call) -> str:
        if len(node.args) != 2:
            raise ODataQueryError.syntax("$filter", node.pos, f"{node.name}() takes 2 arguments")
        hay, needle = self.value(node.args[0]), self.value(node.args[1])
        if hay.lit is not None or hay.kind not in ("string", "enum", "guid"):
            raise ODataQueryError.syntax(
                "$filter", node.args[0].pos, f"the first argument of {node.name}() must be a text field"
            )
        if needle.lit is None or needle.lit.kind != "string":
            raise ODataQueryError.syntax(
                "$filter", node.args[1].pos, f"the second argument of {node.name}() must be a string literal"
            )
        text = str(needle.lit.value)
        lead = "" if node.name == "startswith" else "%"
        trail = "" if node.name == "endswith" else "%"
        if all(char.isascii() or char.lower() == char.upper() for char in text):
            pattern = lead + _escape_like(text) + trail
            return f"{hay.sql} LIKE {self.bind(pattern)} ESCAPE '\\'"
        glob = lead.replace("%", "*") + "".join(map(_glob_char, text)) + trail.replace("%", "*")
        return f"{hay.sql} GLOB {self.bind(glob)}"

    # -- Values ----------------------------------------------------------------------------------
    def value(self, node: Node) -> _Value:
        if isinstance(node, Group):
            return self.value(node.inner)
        if isinstance(node, Lit):
            return _Value("?", node.kind, lit=node)
        if isinstance(node, FieldRef):
            column = _lookup(self.columns, node.name, "$filter", node.pos)
            return _Value(column.sql, column.kind, field=node.name, column=column)
        if isinstance(node, Call) and node.name in ("tolower", "toupper"):
            if len(node.args) != 1:
                raise ODataQueryError.syntax("$filter", node.pos, f"{node.name}() takes 1 argument")
            inner = self.value(node.args[0])
            fold = str.lower if node.name == "tolower" else str.upper
            if inner.lit is not None and inner.lit.kind == "string":
                return _Value("?", "string", lit=Lit(node.pos, "string", fold(str(inner.lit.value))))
            if inner.lit is not None or inner.kind not in ("string", "enum", "guid"):
                raise ODataQueryError.syntax("$filter", node.args[0].pos, f"{node.name}() needs a text field")
            sql_fn = "lower" if node.name == "tolower" else "upper"
            return _Value(f"{sql_fn}({inner.sql})", "string", field=inner.field)
        raise ODataQueryError.syntax(
            "$filter", node.pos, "expected a field, a literal or tolower()/toupper()"
        )


def _ordinal_holds(op: str, left: int, right: int) -> bool:
    return {"gt": left > right, "ge": left >= right, "lt": left < right, "le": left <= right}[op]


def _type_error(field: _Value, lit: Lit, expected: str) -> ODataQueryError:
    shown = "null" if lit.kind == "null" else f"{lit.kind} literal {lit.raw}"
    return ODataQueryError(
        f"Incompatible types at position {lit.pos} in $filter: field '{field.field}' is {field.kind}, "
        f"got {shown} ({expected})",
        field.field or "$filter",
    )


def _coerce(field: _Value, lit: Lit, enums: EnumDialect | None = None) -> object:
    """The Python value to bind for ``lit`` compared with ``field``, or a type error."""
    kind, value = field.kind, lit.value
    if kind == "string":
        if lit.kind == "string":
            return value
        raise _type_error(field, lit, "expected a quoted string like 'text'")
    if kind == "enum":
        if lit.kind not in ("string", "enum"):
            raise _type_error(field, lit, "expected an enum caption like 'In Process'")
        values = field.column.values if field.column else ()
        if enums is not None and values:
            found = enums.enum_in(str(value), values)
            if found is None:
                forms = ", ".join(enums.enum_out(v) for v in values)
                raise _type_error(field, lit, f"expected one of: {forms}")
            return found
        caption = _X_ESCAPE.sub(lambda m: chr(int(m[1], 16)), str(value))
        if not values:
            return caption
        for known in values:
            if known.lower() == caption.lower():
                return known
        raise _type_error(field, lit, f"expected one of: {', '.join(values)}")
    if kind == "guid":
        if lit.kind in ("guid", "string"):
            try:
                return str(uuid.UUID(str(value)))
            except ValueError:
                pass
        raise _type_error(field, lit, "expected a GUID like 0f8fad5b-d9cb-469f-a165-70867728950e")
    if kind == "date":
        if lit.kind == "date" or (lit.kind == "string" and re.fullmatch(r"\d{4}-\d\d-\d\d", str(value))):
            try:
                return dt.date.fromisoformat(str(value)).isoformat()
            except ValueError:
                pass
        raise _type_error(field, lit, "expected a date like 2026-01-31")
    if kind == "datetime":
        if lit.kind in ("datetime", "date", "string"):
            try:
                return canonical_datetime(str(value) + ("T00:00:00Z" if lit.kind == "date" else ""))
            except ValueError:
                pass
        raise _type_error(field, lit, "expected a datetime like 2026-01-31T10:00:00Z")
    if kind in _NUMERIC_KINDS:
        if lit.kind in ("int", "decimal"):
            return value
        raise _type_error(field, lit, "expected a number")
    if lit.kind == "bool":  # kind == "bool"
        return value
    raise _type_error(field, lit, "expected true or false")
