"""Tokenizer and parser for OData v4 ``$filter`` (and the tokens ``$orderby`` needs).

Produces a small typed tree; ``odata.py`` type-checks it against the columns and emits SQL. Limits on
length and nesting keep hostile input from exhausting the stack; ``and``/``or`` chains are n-ary so
they never recurse per term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_INT = 2**63 - 1
MAX_FILTER_LENGTH = 2000
MAX_NESTING = 50


class ODataQueryError(ValueError):
    """A bad query option. ``message`` is readable; ``target`` names the option or the field."""

    def __init__(self, message: str, target: str) -> None:
        super().__init__(message)
        self.message = message
        self.target = target

    @classmethod
    def syntax(cls, option: str, pos: int, expected: str) -> ODataQueryError:
        """A syntax error quoting the 1-based character position."""
        return cls(f"Syntax error at position {pos} in {option}: {expected}", option)


# -- Parse tree (positions are 1-based character offsets into the option text) -----------------------
@dataclass(frozen=True)
class Lit:
    pos: int
    kind: str  # string enum guid date datetime int decimal bool null
    value: object
    raw: str = ""


@dataclass(frozen=True)
class FieldRef:
    pos: int
    name: str


@dataclass(frozen=True)
class Call:
    pos: int
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Compare:
    pos: int
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Logical:
    pos: int
    op: str  # "and" | "or"
    items: tuple[Node, ...]  # n-ary so that long chains never recurse deeply


@dataclass(frozen=True)
class Not:
    pos: int
    inner: Node


@dataclass(frozen=True)
class Group:
    pos: int
    inner: Node


Node = Lit | FieldRef | Call | Compare | Logical | Not | Group


@dataclass(frozen=True)
class _Token:
    kind: str  # ident string enum guid datetime date int decimal ( ) , end
    value: str
    pos: int
    raw: str


_HEX = "[0-9A-Fa-f]"
_NOT_WORD = r"(?![\w.:-])"
_TOKEN_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("guid", re.compile(rf"{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}{_NOT_WORD}")),
    # The optional " HH:MM" offset is a "+HH:MM" whose plus a form decoder turned into a space.
    (
        "datetime",
        re.compile(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,12})?)?(?:[zZ]|[+-]\d\d:\d\d| \d\d:\d\d)?(?![\w.:])"
        ),
    ),
    ("date", re.compile(rf"\d{{4}}-\d\d-\d\d{_NOT_WORD}")),
    ("decimal", re.compile(r"-?\d+(?:\.\d+(?:[eE][+-]?\d+)?|[eE][+-]?\d+)(?![\w.])")),
    ("int", re.compile(r"-?\d+(?![\w.])")),
    ("ident", re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")),
)


class Tokenizer:
    """Splits option text into tokens; whitespace is skipped, positions are kept for messages."""

    def __init__(self, text: str, option: str) -> None:
        self.text = text
        self.option = option

    def tokens(self) -> list[_Token]:
        text, i, out = self.text, 0, []
        while True:
            while i < len(text) and text[i].isspace():
                i += 1
            if i >= len(text):
                out.append(_Token("end", "", i + 1, ""))
                return out
            char = text[i]
            if char in "(),":
                out.append(_Token(char, char, i + 1, char))
                i += 1
                continue
            if char == "'":
                value, end = self._string(i)
                out.append(_Token("string", value, i + 1, text[i:end]))
                i = end
                continue
            kind, match = self._match(i)
            end = match.end()
            if kind == "ident" and "." in match[0] and text.startswith("'", end):
                value, end = self._string(end)  # qualified enum literal: Microsoft.NAV.status'Open'
                kind = "enum"
            else:  # a form decoder turns the "+" of an offset into a space: put it back
                value = match[0].replace(" ", "+")
            out.append(_Token(kind, value, i + 1, text[i:end]))
            i = end

    def _match(self, i: int) -> tuple[str, re.Match[str]]:
        for kind, pattern in _TOKEN_RES:
            match = pattern.match(self.text, i)
            if match:
                return kind, match
        raise ODataQueryError.syntax(self.option, i + 1, f"unexpected character '{self.text[i]}'")

    def _string(self, start: int) -> tuple[str, int]:
        """Reads a quoted literal at ``start``; a doubled quote stands for one quote."""
        parts, i, text = [], start + 1, self.text
        while True:
            close = text.find("'", i)
            if close < 0:
                raise ODataQueryError.syntax(self.option, start + 1, "unterminated string literal")
            parts.append(text[i:close])
            if text.startswith("''", close):
                parts.append("'")
                i = close + 2
                continue
            return "".join(parts), close + 1


_COMPARISONS = frozenset({"eq", "ne", "gt", "ge", "lt", "le"})
_FUNCTIONS = frozenset({"contains", "startswith", "endswith", "tolower", "toupper"})


def parse_filter(text: str) -> Node:
    """Parse ``$filter`` text into a tree; raises ``ODataQueryError`` with the position on errors."""
    if len(text) > MAX_FILTER_LENGTH:
        raise ODataQueryError(f"$filter is longer than {MAX_FILTER_LENGTH} characters", "$filter")
    return _Parser(Tokenizer(text, "$filter").tokens()).parse()


class _Parser:
    """Recursive descent: or < and < not < comparison < operand; nesting depth is bounded."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def word(self) -> str:
        tok = self.peek()
        return tok.value.lower() if tok.kind == "ident" else ""

    def fail(self, expected: str) -> ODataQueryError:
        tok = self.peek()
        found = "end of input" if tok.kind == "end" else f"'{tok.raw}'"
        return ODataQueryError.syntax("$filter", tok.pos, f"expected {expected}, found {found}")

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ODataQueryError(f"$filter nests deeper than {MAX_NESTING} levels", "$filter")

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise ODataQueryError.syntax("$filter", 1, "the filter is empty")
        node = self.logical("or")
        if self.peek().kind != "end":
            raise self.fail("'and', 'or' or end of input")
        return node

    def logical(self, op: str) -> Node:
        pos = self.peek().pos
        items = [self.logical("and") if op == "or" else self.negation()]
        while self.word() == op:
            self.i += 1
            items.append(self.logical("and") if op == "or" else self.negation())
        return items[0] if len(items) == 1 else Logical(pos, op, tuple(items))

    def negation(self) -> Node:
        if self.word() == "not":
            pos = self.peek().pos
            self.i += 1
            self.nest()
            inner = self.negation()
            self.depth -= 1
            return Not(pos, inner)
        return self.comparison()

    def comparison(self) -> Node:
        left = self.operand()
        if self.word() in _COMPARISONS:
            tok = self.peek()
            self.i += 1
            return Compare(tok.pos, tok.value.lower(), left, self.operand())
        return left

    def operand(self) -> Node:
        tok = self.peek()
        self.i += 1
        if tok.kind == "(":
            self.nest()
            inner = self.logical("or")
            self.depth -= 1
            if self.peek().kind != ")":
                raise self.fail("')'")
            self.i += 1
            return Group(tok.pos, inner)
        if tok.kind == "ident":
            return self.identifier(tok)
        if tok.kind in ("int", "decimal"):
            return _number(tok)
        if tok.kind in ("string", "enum", "guid", "date", "datetime"):
            return Lit(tok.pos, tok.kind, tok.value, tok.raw)
        self.i -= 1
        raise self.fail("a field, a literal or '('")

    def identifier(self, tok: _Token) -> Node:
        word = tok.value.lower()
        if word in _COMPARISONS or word in ("and", "or"):
            self.i -= 1
            raise self.fail("a field, a literal or '('")
        if word == "not":
            self.nest()
            inner = self.operand()
            self.depth -= 1
            return Not(tok.pos, inner)
        if self.peek().kind == "(":
            if word not in _FUNCTIONS:
                raise ODataQueryError.syntax("$filter", tok.pos, f"unknown function '{tok.value}'")
            self.i += 1
            self.nest()
            args = [self.logical("or")]
            while self.peek().kind == ",":
                self.i += 1
                args.append(self.logical("or"))
            self.depth -= 1
            if self.peek().kind != ")":
                raise self.fail("',' or ')'")
            self.i += 1
            return Call(tok.pos, word, tuple(args))
        if word in ("true", "false"):
            return Lit(tok.pos, "bool", word == "true", tok.raw)
        if word == "null":
            return Lit(tok.pos, "null", None, tok.raw)
        if "." in tok.value:
            raise ODataQueryError.syntax("$filter", tok.pos, f"unexpected '{tok.value}'")
        return FieldRef(tok.pos, tok.value)


def _number(tok: _Token) -> Lit:
    if tok.kind == "int":
        value = int(tok.value)
        if abs(value) > MAX_INT:
            raise ODataQueryError.syntax("$filter", tok.pos, f"number out of range: {tok.value}")
        return Lit(tok.pos, "int", value, tok.raw)
    number = float(tok.value)
    if number in (float("inf"), float("-inf")):
        raise ODataQueryError.syntax("$filter", tok.pos, f"number out of range: {tok.value}")
    return Lit(tok.pos, "decimal", number, tok.raw)
