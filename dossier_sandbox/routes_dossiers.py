"""``dossiers``, ``dossiers({id})``, ``dossiers/$count`` and ``contacts({key})/dossiers``."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from dossier_sandbox import documents, dossiers
from dossier_sandbox.auth_guard import dossier_scope, dossier_set, principal, require_write
from dossier_sandbox.common import SandboxState, check_company, check_if_match, created, read_json
from dossier_sandbox.entities import DOSSIERS
from dossier_sandbox.errors import ApiError, json_response
from dossier_sandbox.query import Scope, count_only, list_collection
from dossier_sandbox.tokens import Principal


def visible(st: SandboxState, who: Principal, dossier_id: str) -> dict[str, Any]:
    """The dossier as ``who`` sees it, or 404 (also above their clearance: it does not exist for them)."""
    es = dossier_set(who)
    row = st.db.one(
        f"SELECT {es.select_list()} FROM dossiers WHERE id = ? AND confidentiality_level <= ?",
        (dossier_id, who.user.clearance),
    )
    if row is None:
        raise ApiError(404, f"The dossier '{dossier_id}' does not exist.")
    return es.to_wire(row)


def raw_or_404(st: SandboxState, who: Principal, key: str) -> dict[str, Any]:
    """The stored dossier (unblanked) by key within the user's clearance, or 404."""
    dossier_id = dossiers.parse_key(key)
    found = dossiers.raw(st.db, dossier_id, who.user.clearance)
    if found is None:
        raise ApiError(404, f"The dossier '{dossier_id}' does not exist.")
    return found


def contact_no(st: SandboxState, key: str) -> str:
    """``contacts(<guid>)`` or ``contacts('<no>')`` -> the contact No. (404 when unknown)."""
    parsed = dossiers.parse_key(key)
    row = st.db.one("SELECT no FROM contacts WHERE id = ? OR no = ?", (parsed, parsed))
    if row is None:
        raise ApiError(404, f"The contact '{parsed}' does not exist.")
    return row[0]


def _list(request: Request, st: SandboxState, scope: Scope, context: str) -> Response:
    who = principal(request)
    page = list_collection(
        st.db,
        request,
        dossier_set(who),
        scope,
        context_url=st.context_url(request, context),
        max_page_size=st.page_size,
        variant=st.variant,
        present=st.presenter(DOSSIERS),
    )
    return json_response(page.body, headers=page.headers)


async def list_dossiers(request: Request) -> Response:
    st = check_company(request)
    return _list(request, st, dossier_scope(principal(request)), "dossiers")


async def count_dossiers(request: Request) -> Response:
    st = check_company(request)
    who = principal(request)
    count = count_only(st.db, request, dossier_set(who), dossier_scope(who), st.variant)
    return PlainTextResponse(str(count))


async def _create(request: Request, st: SandboxState, forced_contact: str | None = None) -> Response:
    who = require_write(request)
    body = await read_json(request)
    if forced_contact is not None and isinstance(body, dict):
        if body.get("primaryContactNo", forced_contact) != forced_contact:
            raise ApiError(
                400, "primaryContactNo must match the contact in the URL.", target="primaryContactNo"
            )
        body = {**body, "primaryContactNo": forced_contact}
    changes = dossiers.validate(st.db, body, who, st.today(), variant=st.variant)
    dossier_id = dossiers.insert(st.db, changes)
    shown = st.present(DOSSIERS, visible(st, who, dossier_id))
    return created(request, st.entity_url(request, "dossiers", dossier_id), shown)


async def create_dossier(request: Request) -> Response:
    return await _create(request, check_company(request))


async def get_dossier(request: Request) -> Response:
    st = check_company(request)
    who = principal(request)
    return json_response(
        st.present(DOSSIERS, visible(st, who, dossiers.parse_key(request.path_params["key"])))
    )


async def patch_dossier(request: Request) -> Response:
    st = check_company(request)
    who = require_write(request)
    current = raw_or_404(st, who, request.path_params["key"])
    check_if_match(request, visible(st, who, current["id"]), entity_set=DOSSIERS)
    body = await read_json(request)
    changes = dossiers.validate(st.db, body, who, st.today(), current=current, variant=st.variant)
    dossiers.update(st.db, current["id"], changes)
    return json_response(st.present(DOSSIERS, visible(st, who, current["id"])))


async def delete_dossier(request: Request) -> Response:
    st = check_company(request)
    who = require_write(request)
    current = raw_or_404(st, who, request.path_params["key"])
    check_if_match(request, visible(st, who, current["id"]), entity_set=DOSSIERS)
    if current["status"] == "Archived":
        raise ApiError(409, "Archived dossiers are read-only.", target="status", code="Conflict_ReadOnly")
    for blob in dossiers.delete(st.db, current["id"]):
        documents.remove_blob(st.blob_dir, blob)
    return Response(status_code=204)


async def list_contact_dossiers(request: Request) -> Response:
    st = check_company(request)
    no = contact_no(st, request.path_params["key"])
    scope = dossier_scope(principal(request)).add("primary_contact_no = ?", no)
    return _list(request, st, scope, "dossiers")


async def create_contact_dossier(request: Request) -> Response:
    st = check_company(request)
    return await _create(request, st, contact_no(st, request.path_params["key"]))


def routes(prefix: str) -> list[Route]:
    return [
        Route(f"{prefix}/dossiers", list_dossiers, methods=["GET"]),
        Route(f"{prefix}/dossiers", create_dossier, methods=["POST"]),
        Route(f"{prefix}/dossiers/$count", count_dossiers, methods=["GET"]),
        Route(f"{prefix}/dossiers({{key}})", get_dossier, methods=["GET"]),
        Route(f"{prefix}/dossiers({{key}})", patch_dossier, methods=["PATCH"]),
        Route(f"{prefix}/dossiers({{key}})", delete_dossier, methods=["DELETE"]),
        Route(f"{prefix}/contacts({{key}})/dossiers", list_contact_dossiers, methods=["GET"]),
        Route(f"{prefix}/contacts({{key}})/dossiers", create_contact_dossier, methods=["POST"]),
    ]
