"""Collections: OData query options, server-driven keyset paging and the response envelope.

Paging is keyset-based: ``@odata.nextLink`` carries an opaque ``$skiptoken`` holding the sort-key values
of the last row sent (the row id is always the final tie-breaker), so inserts and deletes between pages
never shift rows into or out of a page the client has not fetched yet. ``$skip`` applies to the first
page only; ``$top`` caps the whole result across pages.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import msgspec
from starlette.requests import Request

from dossier_sandbox.db import Database
from dossier_sandbox.entities import EntitySet
from dossier_sandbox.errors import ApiError
from dossier_sandbox.odata import compile_filter, compile_orderby, parse_select, parse_top_skip
from dossier_sandbox.variants import Variant

_MAXPAGESIZE = re.compile(r"(?:^|[,;\s])odata\.maxpagesize\s*=\s*(\d+)", re.IGNORECASE)
_PASSED_ON = ("$filter", "$orderby", "$select", "$count", "$expand")


@dataclass
class Scope:
    """The rows a request may see: extra WHERE terms (visibility, parent) with their parameters."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, sql: str, *params: Any) -> Scope:
        self.where.append(sql)
        self.params.extend(params)
        return self


@dataclass
class Page:
    body: dict[str, Any]
    headers: dict[str, str]


def requested_page_size(request: Request, maximum: int) -> tuple[int | None, bool]:
    """``Prefer: odata.maxpagesize=N`` -> (N capped to ``maximum``, whether the preference applies)."""
    for value in request.headers.getlist("prefer"):
        match = _MAXPAGESIZE.search(value)
        if match:
            return max(1, min(int(match.group(1)), maximum)), True
    return None, False


def _encode_token(values: Sequence[Any], page_size: int) -> str:
    raw = msgspec.json.encode({"k": list(values), "p": page_size})
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_token(token: str, key_count: int) -> tuple[list[Any], int]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = msgspec.json.decode(raw)
        values, page_size = data["k"], int(data["p"])
    except (binascii.Error, ValueError, KeyError, TypeError, msgspec.DecodeError) as exc:
        raise ApiError(400, "The $skiptoken is not valid.", target="$skiptoken") from exc
    if not isinstance(values, list) or len(values) != key_count:
        raise ApiError(400, "The $skiptoken does not match this query.", target="$skiptoken")
    return values, page_size


def _order_keys(entity_set: EntitySet, text: str | None) -> list[tuple[int, str, bool]]:
    """(field index, SQL, descending) for each sort key; the id is appended as the tie-breaker."""
    columns = entity_set.columns()
    by_sql = {f.sql: i for i, f in enumerate(entity_set.fields)}
    compiled = compile_orderby(text or entity_set.default_order, columns)
    keys: list[tuple[int, str, bool]] = []
    for part in compiled.split(", "):
        sql, direction = part.rsplit(" ", 1)
        if by_sql[sql] not in [k[0] for k in keys]:
            keys.append((by_sql[sql], sql, direction == "DESC"))
    id_index = entity_set.index_of("id")
    if id_index not in [k[0] for k in keys]:
        keys.append((id_index, entity_set.fields[id_index].sql, keys[-1][2] if keys else False))
    return keys


def _after(keys: list[tuple[int, str, bool]], values: list[Any]) -> tuple[str, list[Any]]:
    """WHERE clause selecting rows strictly after ``values`` in the sort order."""
    if len({desc for _, _, desc in keys}) == 1:
        # Row values let SQLite seek in an index on the sort columns.
        op = "<" if keys[0][2] else ">"
        return f"({', '.join(sql for _, sql, _ in keys)}) {op} ({', '.join('?' * len(keys))})", list(values)
    ors, params = [], []
    for n, (_, sql, desc) in enumerate(keys):
        terms = [f"{keys[m][1]} = ?" for m in range(n)] + [f"{sql} {'<' if desc else '>'} ?"]
        params.extend(values[: n + 1])
        ors.append("(" + " AND ".join(terms) + ")")
    return "(" + " OR ".join(ors) + ")", params


def list_collection(
    db: Database,
    request: Request,
    entity_set: EntitySet,
    scope: Scope,
    *,
    context_url: str,
    max_page_size: int,
    variant: Variant | None = None,
    present: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Page:
    """Run the request's OData query over ``entity_set`` within ``scope`` and build one page.

    ``variant`` decides the enum spellings ``$filter`` accepts, whether ``Prefer: odata.maxpagesize``
    is honoured and whether nextLink is absolute (BC) or relative (OData 4.01 allows it);
    ``present`` turns each row's canonical dict into the variant's dialect.
    """
    q = request.query_params
    where, params = list(scope.where), list(scope.params)
    if q.get("$filter"):
        sql, filter_params = compile_filter(q["$filter"], entity_set.columns(), variant)
        where.append(sql)
        params.extend(filter_params)
    select = parse_select(q["$select"], entity_set.wire_names) if q.get("$select") else None
    top = parse_top_skip(q.get("$top"), "$top")
    skip = parse_top_skip(q.get("$skip"), "$skip") or 0
    count_wanted = (q.get("$count") or "false").lower()
    if count_wanted not in ("true", "false"):
        raise ApiError(400, "$count must be true or false.", target="$count")
    keys = _order_keys(entity_set, q.get("$orderby"))

    preferred, applied = requested_page_size(request, max_page_size)
    if variant is not None and not variant.honours_prefer:
        preferred, applied = None, False
    page_size = preferred or max_page_size
    page_where, page_params = list(where), list(params)
    token = q.get("$skiptoken")
    if token:
        values, token_page_size = _decode_token(token, len(keys))
        page_size = preferred or min(token_page_size, max_page_size)
        clause, clause_params = _after(keys, values)
        page_where.append(clause)
        page_params.extend(clause_params)
        skip = 0  # $skip was applied on the first page
    limit = page_size if top is None else min(page_size, top)

    sql = f"SELECT {entity_set.select_list()} FROM {entity_set.table}"
    if page_where:
        sql += " WHERE " + " AND ".join(page_where)
    sql += " ORDER BY " + ", ".join(f"{s} {'DESC' if d else 'ASC'}" for _, s, d in keys)
    sql += " LIMIT ? OFFSET ?"
    with db.lock:
        rows = db.conn.execute(sql, [*page_params, limit + 1, skip]).fetchall()
        total = None
        if count_wanted == "true":
            count_sql = f"SELECT COUNT(*) FROM {entity_set.table}" + (
                " WHERE " + " AND ".join(where) if where else ""
            )
            total = db.conn.execute(count_sql, params).fetchone()[0]

    more = len(rows) > limit
    rows = rows[:limit]
    body: dict[str, Any] = {"@odata.context": context_url}
    if total is not None:
        body["@odata.count"] = total
    render = entity_set.renderer(select)
    body["value"] = [render(row) for row in rows] if present is None else [present(render(r)) for r in rows]
    remaining = None if top is None else top - len(rows)
    if more and rows and (remaining is None or remaining > 0):
        last = rows[-1]
        query = [(k, q[k]) for k in _PASSED_ON if k in q]
        if remaining is not None:
            query.append(("$top", str(remaining)))
        query.append(("$skiptoken", _encode_token([last[i] for i, _, _ in keys], page_size)))
        encoded = urlencode(query, quote_via=quote)
        if variant is None or variant.absolute_next_link:
            body["@odata.nextLink"] = str(request.url.replace(query=encoded))
        else:  # relative to the request URL: its last path segment and the new query
            body["@odata.nextLink"] = request.url.path.rsplit("/", 1)[-1] + "?" + encoded
    headers = {"Preference-Applied": f"odata.maxpagesize={page_size}"} if applied else {}
    return Page(body, headers)


def count_only(
    db: Database, request: Request, entity_set: EntitySet, scope: Scope, variant: Variant | None = None
) -> int:
    """``.../$count``: the number of rows matching ``$filter`` within ``scope``."""
    where, params = list(scope.where), list(scope.params)
    if request.query_params.get("$filter"):
        sql, filter_params = compile_filter(request.query_params["$filter"], entity_set.columns(), variant)
        where.append(sql)
        params.extend(filter_params)
    sql = f"SELECT COUNT(*) FROM {entity_set.table}" + (" WHERE " + " AND ".join(where) if where else "")
    return int(db.scalar(sql, params))
