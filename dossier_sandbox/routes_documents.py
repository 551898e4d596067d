"""``dossiers({id})/documents`` (list, multipart upload), ``documents``, ``documents({id})``, content."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dossier_sandbox import documents, dossiers, uploads
from dossier_sandbox.auth_guard import document_scope, principal, require_write
from dossier_sandbox.common import SandboxState, check_company, check_if_match, created
from dossier_sandbox.entities import DOCUMENTS, DOSSIERS
from dossier_sandbox.errors import ApiError, json_response
from dossier_sandbox.query import Scope, list_collection
from dossier_sandbox.routes_dossiers import raw_or_404
from dossier_sandbox.tokens import Principal


def _visible_row(st: SandboxState, who: Principal, document_id: str) -> tuple:
    scope = document_scope(who)
    row = st.db.one(
        f"SELECT {DOCUMENTS.select_list()}, blob FROM documents WHERE id = ? AND "
        + " AND ".join(scope.where),
        (document_id, *scope.params),
    )
    if row is None:
        raise ApiError(404, f"The document '{document_id}' does not exist.")
    return row


def _wire(row: tuple) -> dict[str, Any]:
    return DOCUMENTS.to_wire(row[:-1])  # the blob key is not part of the entity


def _list(request: Request, st: SandboxState, scope: Scope) -> Response:
    page = list_collection(
        st.db,
        request,
        DOCUMENTS,
        scope,
        context_url=st.context_url(request, "documents"),
        max_page_size=st.page_size,
        variant=st.variant,
        present=st.presenter(DOCUMENTS),
    )
    return json_response(page.body, headers=page.headers)


async def list_dossier_documents(request: Request) -> Response:
    st = check_company(request)
    who = principal(request)
    dossier = raw_or_404(st, who, request.path_params["key"])
    return _list(request, st, document_scope(who).add("dossier_id = ?", dossier["id"]))


async def list_documents(request: Request) -> Response:
    st = check_company(request)
    return _list(request, st, document_scope(principal(request)))


async def upload_documents(request: Request) -> Response:
    """Multipart upload; 201 with ``{"value":[Document, ...]}`` (one per file), Location of the first."""
    st = check_company(request)
    who = require_write(request)
    dossier = raw_or_404(st, who, request.path_params["key"])
    if dossier["status"] == "Archived":
        raise ApiError(409, "Archived dossiers are read-only.", target="status", code="Conflict_ReadOnly")
    check_if_match(request, dossier, required=False, entity_set=DOSSIERS)
    vendor = st.variant.vendor_upload
    limits = uploads.UploadLimits(
        st.config.allowed_extensions,
        st.max_upload_bytes,
        st.config.max_files_per_request,
        file_fields=("file", "files") if vendor else ("file",),
        too_large_status=400 if vendor else 413,
    )
    upload = await uploads.receive(request, st.blob_dir, limits)
    try:
        meta = documents.parse_fields(upload.fields, st.today())
    except ApiError:
        upload.discard()
        raise
    # The dossier may have gone while the body streamed in.
    if dossiers.raw(st.db, dossier["id"], who.user.clearance) is None:
        upload.discard()
        raise ApiError(404, f"The dossier '{dossier['id']}' does not exist.")
    ids = documents.store(st.db, st.blob_dir, dossier["id"], upload, meta, who.user.display_name)
    if vendor:  # FlowOn's upload action: "200 OK, Content-Length: 0"
        return Response(status_code=200)
    rows = [
        st.db.one(f"SELECT {DOCUMENTS.select_list()} FROM documents WHERE id = ?", (document_id,))
        for document_id in ids
    ]
    body = {
        "@odata.context": st.context_url(request, "documents"),
        "value": [st.present(DOCUMENTS, DOCUMENTS.to_wire(r)) for r in rows if r],
    }
    return created(request, st.entity_url(request, "documents", ids[0]), body)


async def get_document(request: Request) -> Response:
    st = check_company(request)
    row = _visible_row(st, principal(request), dossiers.parse_key(request.path_params["key"]))
    return json_response(st.present(DOCUMENTS, _wire(row)))


async def delete_document(request: Request) -> Response:
    st = check_company(request)
    who = require_write(request)
    row = _visible_row(st, who, dossiers.parse_key(request.path_params["key"]))
    entity = _wire(row)
    check_if_match(request, entity, entity_set=DOCUMENTS)
    parent = dossiers.raw(st.db, entity["dossierId"], who.user.clearance)
    if parent is not None and parent["status"] == "Archived":
        raise ApiError(409, "Archived dossiers are read-only.", target="status", code="Conflict_ReadOnly")
    documents.delete(st.db, st.blob_dir, entity["id"], entity["dossierId"])
    return Response(status_code=204)


async def document_content(request: Request) -> Response:
    st = check_company(request)
    row = _visible_row(st, principal(request), dossiers.parse_key(request.path_params["key"]))
    entity = _wire(row)
    return documents.content_response(st.blob_dir, row[-1], entity["fileName"], entity["mimeType"])


def routes(prefix: str) -> list[Route]:
    return [
        Route(f"{prefix}/dossiers({{key}})/documents", list_dossier_documents, methods=["GET"]),
        Route(f"{prefix}/dossiers({{key}})/documents", upload_documents, methods=["POST"]),
        Route(f"{prefix}/documents", list_documents, methods=["GET"]),
        Route(f"{prefix}/documents({{key}})", get_document, methods=["GET"]),
        Route(f"{prefix}/documents({{key}})", delete_document, methods=["DELETE"]),
        Route(f"{prefix}/documents({{key}})/content", document_content, methods=["GET"]),
    ]
