"""One tenant with several environments and companies, in front of routes written for one of each.

The routes serve ``/v2.0/{tenant}/{environment}/api/...`` for the configured ``environment`` and the
seeded company only. :class:`TenantRouter` (inside the gate, so every request is already authenticated)
makes the rest of the tenant real:

* every environment in ``SandboxConfig.environments`` serves the same data; its requests are rewritten
  to the canonical path, and links in JSON answers (``@odata.context``, ``@odata.nextLink``, ``Location``)
  are rewritten back, so a client never leaves the environment it chose. The tenant segment may be the
  tenant name or its GUID (``aadTenantId``), as in BC;
* in an environment listed in ``extension_missing_in`` the extension's routes (``$metadata`` too) answer
  as BC answers for an API route nobody published: 404 ``BadRequest_NotFound`` "No HTTP resource was
  found that matches the request URI ..."; BC's standard API (companies discovery) still works there.
  BC itself answers that (and an unknown environment), so the body is BC's in every variant;
* companies after the first exist (companies discovery, ``companies(<id>)``) and are empty: collections
  answer ``[]``, single entities 404, writes are refused (errors in the variant's dialect), seeded data
  is never touched.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import msgspec

from dossier_sandbox.config import SandboxConfig
from dossier_sandbox.db import Database
from dossier_sandbox.entities import COMPANIES
from dossier_sandbox.errors import ApiError, error_response, json_response

if TYPE_CHECKING:
    from dossier_sandbox.common import SandboxState
    from dossier_sandbox.variants import Variant

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[Any]]

DEFAULT_COMPANY = "CRONUS Nederland BV"
_API_PATH = re.compile(r"^/v2\.0/([^/]+)/([^/]+)/api/(.*)$")
_COMPANY = re.compile(r"^companies\(([^)]*)\)(/.*)?$")
_WRITES = {"POST", "PUT", "PATCH", "DELETE", "MERGE"}


def tenant_id(tenant: str) -> str:
    """The tenant's ``aadTenantId``: a stable GUID derived from its name."""
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, f"{tenant}.sandbox.invalid"))


def company_names(cfg: SandboxConfig) -> list[str]:
    """Company names, seeded company first. An explicit ``company_name`` with default ``companies``
    still names the seeded company (older configs)."""
    if cfg.companies == (DEFAULT_COMPANY,) and cfg.company_name != DEFAULT_COMPANY:
        return [cfg.company_name]
    return list(dict.fromkeys(cfg.companies or (cfg.company_name,)))


def served_environments(cfg: SandboxConfig) -> list[str]:
    """Environment names, the api_root's (``environment``) first."""
    return list(dict.fromkeys((cfg.environment, *cfg.environments)))


def company_id_for(seed: int, name: str) -> str:
    """The id of a company after the first (the first's id comes from the seeded data)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"dossier-sandbox/{seed}/company/{name}"))


def add_companies(db: Database, names: list[str], seed: int) -> dict[str, str]:
    """Insert the empty companies ``names``; returns name -> id."""
    ids = {name: company_id_for(seed, name) for name in names}
    with db.tx() as conn:
        for name, company_id in ids.items():
            version, stamp = db.stamp()
            conn.execute(
                "INSERT OR REPLACE INTO companies VALUES (?,?,?,?,?)",
                (company_id, name, name, version, stamp),
            )
    return ids


def unknown_route(scope: Scope) -> ApiError:
    """BC's answer for an API route that no installed extension publishes."""
    headers = dict(scope.get("headers") or [])
    host = headers.get(b"host", b"localhost").decode("latin-1")
    url = f"{scope.get('scheme', 'http')}://{host}{quote(scope['path'], safe='/()$,=:@')}"
    query = scope.get("query_string", b"").decode("latin-1")
    if query:
        url += "?" + query
    return ApiError(
        404,
        f"No HTTP resource was found that matches the request URI '{url}'.",
        code="BadRequest_NotFound",
    )


class TenantRouter:
    """ASGI middleware between the gate and the routes; see the module docstring."""

    def __init__(self, app: ASGIApp, st: SandboxState) -> None:
        cfg = st.config
        self.app = app
        self.st = st
        self.cfg = cfg
        self._tenants = {cfg.tenant.lower(), tenant_id(cfg.tenant)}
        self._envs = {e.lower(): e for e in served_environments(cfg)}
        self._missing = {e.lower() for e in cfg.extension_missing_in}
        self._extension = f"{cfg.publisher}/{cfg.group}/{cfg.version}"
        self._canonical = f"/v2.0/{cfg.tenant}/{cfg.environment}/api/"
        self.extra_companies = {company_id_for(cfg.seed, name): name for name in company_names(cfg)[1:]}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> Any:
        match = _API_PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None:
            return await self.app(scope, receive, send)
        tenant, env, rest = match.groups()
        if tenant.lower() not in self._tenants:
            return await self.app(scope, receive, send)  # Starlette's 404
        if env.lower() not in self._envs:
            error = ApiError(404, f"The environment '{env}' does not exist.", code="BadRequest_NotFound")
            return await error_response(error)(scope, receive, send)
        is_extension = rest == self._extension or rest.startswith(self._extension + "/")
        if is_extension and env.lower() in self._missing:
            return await error_response(unknown_route(scope))(scope, receive, send)
        asked = f"/v2.0/{tenant}/{env}/api/"
        replacements: list[tuple[bytes, bytes]] = []
        if asked != self._canonical:
            replacements.append((self._canonical.encode(), asked.encode()))
            scope = _with_path(scope, self._canonical + rest)
            if rest.endswith("$batch"):  # operation URLs inside the batch name the environment too
                receive = await _rewritten_body(scope, receive, asked, self._canonical)
        company = _COMPANY.match(rest[len(self._extension) + 1 :]) if is_extension else None
        if company and company.group(1).strip("'").lower() in self.extra_companies:
            company_id = company.group(1).strip("'").lower()
            return await self._empty_company(scope, receive, send, company_id, company.group(2), replacements)
        if not replacements:
            return await self.app(scope, receive, send)
        return await _forward(self.app, scope, receive, send, replacements, empty=False)

    async def _empty_company(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        company_id: str,
        rest: str | None,
        replacements: list[tuple[bytes, bytes]],
    ) -> Any:
        """A company without data: its own record, empty collections, nothing else."""
        method = scope["method"]
        if rest is None:
            if method != "GET":
                error = ApiError(405, "The company cannot be changed through this API.")
            else:
                row = self.st.db.one(
                    f"SELECT {COMPANIES.select_list()} FROM companies WHERE id = ?", (company_id,)
                )
                if row is not None:
                    return await json_response(COMPANIES.to_wire(row))(scope, receive, send)
                error = ApiError(404, f"The company '{company_id}' does not exist.")
            return await error_response(error, self.st.variant)(scope, receive, send)
        if method in _WRITES:
            if method == "POST" and "(" not in rest:
                name = self.extra_companies[company_id]
                error = ApiError(
                    400,
                    f"The company '{name}' has no Dynamics Dossier setup: dossier types, contacts and "
                    "numbering are missing.",
                )
            else:
                error = ApiError(404, "The entity does not exist in this company.")
            return await error_response(error, self.st.variant)(scope, receive, send)
        # Reads run against the seeded company (so queries are validated as usual), then are emptied.
        seeded = self.st.company_id
        scope = _with_path(scope, f"{self._canonical}{self._extension}/companies({seeded}){rest}")
        replacements = [*replacements, (f"companies({seeded})".encode(), f"companies({company_id})".encode())]
        return await _forward(
            self.app, scope, receive, send, replacements, empty=True, variant=self.st.variant
        )


def _with_path(scope: Scope, path: str) -> Scope:
    return {**scope, "path": path, "raw_path": quote(path, safe="/()$,=:@'").encode()}


async def _rewritten_body(scope: Scope, receive: Receive, old: str, new: str) -> Receive:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    body = b"".join(chunks).replace(old.encode(), new.encode())
    scope["headers"] = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"content-length"]
    scope["headers"].append((b"content-length", str(len(body)).encode()))
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _forward(
    app: ASGIApp,
    scope: Scope,
    receive: Receive,
    send: Send,
    replacements: list[tuple[bytes, bytes]],
    *,
    empty: bool,
    variant: Variant | None = None,
) -> Any:
    """Call ``app``, then rewrite links in its JSON answer (and ``Location``). ``empty``: the answer is
    for an empty company, so a collection loses its rows and a single entity becomes a 404."""
    start: Message = {}
    chunks: list[bytes] = []

    async def capture(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    result = await app(scope, receive, capture)
    if not start:
        return result
    body = b"".join(chunks)
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    is_json = any(k.lower() == b"content-type" and b"json" in v for k, v in headers)
    status = start["status"]
    if empty and status == 200:
        decoded = msgspec.json.decode(body) if is_json and body else None
        if isinstance(decoded, dict) and isinstance(decoded.get("value"), list):
            decoded["value"] = []
            decoded.pop("@odata.nextLink", None)
            if "@odata.count" in decoded:
                decoded["@odata.count"] = 0
            body = msgspec.json.encode(decoded)
        else:
            error = ApiError(404, "The entity does not exist in this company.")
            status, body = 404, msgspec.json.encode(error.body(variant))
            headers = [(k, v) for k, v in headers if k.lower() not in (b"content-type", b"etag")]
            headers.append((b"content-type", b"application/json"))
            is_json = True
    if is_json:
        for old, new in replacements:
            body = body.replace(old, new)
    rewritten = []
    for k, v in headers:
        if k.lower() in (b"location", b"odata-entityid"):
            for old, new in replacements:
                v = v.replace(old, new)
        rewritten.append((k, v))
    rewritten.append((b"content-length", str(len(body)).encode()))
    await send({**start, "status": status, "headers": rewritten})
    await send({"type": "http.response.body", "body": body})
    return result
