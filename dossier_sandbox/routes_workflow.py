"""``dossiers({id})/workflowLog`` and ``dossiers({id})/workflowActions``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dossier_sandbox import dossiers, workflow
from dossier_sandbox.auth_guard import principal, require_write
from dossier_sandbox.common import SandboxState, check_company, check_if_match, read_json
from dossier_sandbox.entities import DOSSIERS, WORKFLOW_LOG
from dossier_sandbox.errors import json_response
from dossier_sandbox.routes_dossiers import raw_or_404


async def workflow_log(request: Request) -> Response:
    st = check_company(request)
    dossier = raw_or_404(st, principal(request), request.path_params["key"])
    return _log_response(request, st, dossier)


def _log_response(request: Request, st: SandboxState, dossier: dict) -> Response:
    present = st.presenter(WORKFLOW_LOG)
    entries = [present(e) for e in workflow.log(st.db, dossier, st.today())]
    return json_response({"@odata.context": st.context_url(request, "workflowLog"), "value": entries})


async def workflow_action(request: Request) -> Response:
    """Apply an action; 200 with the whole new log. ``If-Match`` is optional here (412 when stale)."""
    st = check_company(request)
    who = require_write(request)
    dossier = raw_or_404(st, who, request.path_params["key"])
    check_if_match(request, dossier, required=False, entity_set=DOSSIERS)
    body = await read_json(request)
    workflow.apply_action(st.db, dossier, body, who.user.display_name)
    fresh = dossiers.raw(st.db, dossier["id"], who.user.clearance)
    assert fresh is not None  # we hold the only write path on this loop
    return _log_response(request, st, fresh)


def routes(prefix: str) -> list[Route]:
    return [
        Route(f"{prefix}/dossiers({{key}})/workflowLog", workflow_log, methods=["GET"]),
        Route(f"{prefix}/dossiers({{key}})/workflowActions", workflow_action, methods=["POST"]),
    ]
