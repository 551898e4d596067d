"""Contacts, dossier types, companies discovery, ``uploadRules`` and ``$metadata``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dossier_sandbox import dossiers
from dossier_sandbox.common import SandboxState, check_company, state
from dossier_sandbox.entities import COMPANIES, CONTACTS, DOSSIER_TYPES, EntitySet
from dossier_sandbox.errors import ApiError, json_response
from dossier_sandbox.metadata import metadata_bytes
from dossier_sandbox.query import Scope, list_collection


def _list(request: Request, st: SandboxState, entity_set: EntitySet) -> Response:
    page = list_collection(
        st.db,
        request,
        entity_set,
        Scope(),
        context_url=st.context_url(request, entity_set.name),
        max_page_size=st.page_size,
        variant=st.variant,
        present=st.presenter(entity_set),
    )
    return json_response(page.body, headers=page.headers)


def _by_key(st: SandboxState, entity_set: EntitySet, raw_key: str, alternate: str) -> Response:
    """One entity by GUID, or by its alternate key (contact No., dossier type code) when quoted."""
    key = dossiers.parse_key(raw_key)
    by_id = not (entity_set is DOSSIER_TYPES and not st.variant.type_has_id)  # vendor: keyed by code
    row = st.db.one(
        f"SELECT {entity_set.select_list()} FROM {entity_set.table} WHERE "
        + (f"id = ? OR {alternate} = ?" if by_id else f"{alternate} = ?"),
        (key, key) if by_id else (key,),
    )
    if row is None:
        raise ApiError(404, f"The {entity_set.name} entity '{key}' does not exist.")
    return json_response(st.present(entity_set, entity_set.to_wire(row)))


async def list_contacts(request: Request) -> Response:
    return _list(request, check_company(request), CONTACTS)


async def get_contact(request: Request) -> Response:
    return _by_key(check_company(request), CONTACTS, request.path_params["key"], "no")


async def list_types(request: Request) -> Response:
    return _list(request, check_company(request), DOSSIER_TYPES)


async def get_type(request: Request) -> Response:
    return _by_key(check_company(request), DOSSIER_TYPES, request.path_params["key"], "code")


async def list_companies(request: Request) -> Response:
    st = state(request)
    return _list(request, st, COMPANIES)


async def get_company(request: Request) -> Response:
    st = check_company(request)
    return _by_key(st, COMPANIES, st.company_id, "id")


async def upload_rules(request: Request) -> Response:
    """Not defined by any reference document: served only with ``upload_rules_endpoint``."""
    st = check_company(request)
    if not st.config.upload_rules_endpoint:
        raise ApiError(404, f"No resource was found at '{request.url.path}'.")
    return json_response(
        {
            "@odata.context": st.context_url(request, "uploadRules/$entity"),
            "allowedExtensions": list(st.config.allowed_extensions),
            "maxFileSize": st.max_upload_bytes,
            "maxFilesPerRequest": st.config.max_files_per_request,
        }
    )


async def metadata(request: Request) -> Response:
    st = state(request)
    return Response(metadata_bytes(st.variant, st.config.upload_rules_endpoint), media_type="application/xml")


def routes(api_path: str, standard_api_path: str) -> list[Route]:
    prefix = f"{api_path}/companies({{company}})"
    return [
        Route(f"{standard_api_path}/companies", list_companies, methods=["GET"]),
        Route(f"{api_path}/companies", list_companies, methods=["GET"]),
        Route(prefix, get_company, methods=["GET"]),
        Route(f"{api_path}/$metadata", metadata, methods=["GET"]),
        Route(f"{prefix}/contacts", list_contacts, methods=["GET"]),
        Route(f"{prefix}/contacts({{key}})", get_contact, methods=["GET"]),
        Route(f"{prefix}/dossierTypes", list_types, methods=["GET"]),
        Route(f"{prefix}/dossierTypes({{key}})", get_type, methods=["GET"]),
        Route(f"{prefix}/uploadRules", upload_rules, methods=["GET"]),
    ]
