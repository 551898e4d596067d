"""BC's tenant-level endpoints: the environments list and the admin center's installed apps.

* ``GET /environments/v1.2``: the environments of the signed-in user's tenant (any user of the tenant);
  ``webServiceUrl`` is the environment's service root (append ``/api/...``).
* ``GET /admin/{apiVersion}/applications/{family}/environments/{env}/apps``: the apps installed in an
  environment; only the ``admin`` role may call it (403 otherwise, in the admin center's error shape).
  Dynamics Dossier is listed unless the environment is in ``extension_missing_in``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dossier_sandbox.auth_guard import principal
from dossier_sandbox.common import state
from dossier_sandbox.errors import json_response
from dossier_sandbox.tenancy import served_environments, tenant_id

DOSSIER_APP_ID = "5d6a3c1e-7b2f-4e8a-9c41-0f3b8d2a6e17"
DOSSIER_APP_NAME = "Dynamics Dossier"
DOSSIER_PUBLISHER = "Q-Team"
ADMIN_ROLE = "admin"
APPLICATION_VERSION = "25.2.28137.0"
_MICROSOFT_APPS = (  # always installed in a BC environment
    ("437dbf0e-84ff-417a-965d-ed2bb9650972", "Base Application"),
    ("63ca2fa4-4f03-4f2b-a480-172fef340d3f", "System Application"),
    ("f3552374-a1f2-4356-848e-196002525837", "Business Foundation"),
)


def _admin_error(status: int, code: str, message: str) -> Response:
    """The admin center API's error body (not OData's ``{"error": ...}``)."""
    body = {"code": code, "message": message, "target": None, "clientError": [], "extensionData": {}}
    return json_response(body, status)


def _origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


async def list_environments(request: Request) -> Response:
    cfg = state(request).config
    origin = _origin(request)
    value = [
        {
            "aadTenantId": tenant_id(cfg.tenant),
            "applicationFamily": "BusinessCentral",
            "type": "Production" if name.lower().startswith("prod") else "Sandbox",
            "name": name,
            "countryCode": "NL",
            "webServiceUrl": f"{origin}/v2.0/{cfg.tenant}/{name}",
            "webClientLoginUrl": f"{origin}/{cfg.tenant}/{name}/",
            "ringName": "PROD",
            "applicationVersion": APPLICATION_VERSION,
        }
        for name in served_environments(cfg)
    ]
    return json_response({"value": value})


def _app(app_id: str, name: str, publisher: str, version: str) -> dict[str, Any]:
    return {
        "id": app_id,
        "name": name,
        "publisher": publisher,
        "version": version,
        "state": "Installed",
        "lastOperationId": "00000000-0000-0000-0000-000000000000",
        "lastUpdateAttemptResult": "Succeeded",
        "appType": "Global",
        "canBeUninstalled": publisher != "Microsoft",
    }


async def list_apps(request: Request) -> Response:
    st = state(request)
    who = principal(request)
    if who.user.role != ADMIN_ROLE:
        return _admin_error(
            403, "Forbidden", "You do not have permission to manage the apps of this environment."
        )
    env = request.path_params["env"]
    environments = {e.lower(): e for e in served_environments(st.config)}
    if env.lower() not in environments:
        return _admin_error(404, "EntityNotFound", f"Environment '{env}' was not found.")
    value = [_app(app_id, name, "Microsoft", APPLICATION_VERSION) for app_id, name in _MICROSOFT_APPS]
    if env.lower() not in {e.lower() for e in st.config.extension_missing_in}:
        value.append(_app(DOSSIER_APP_ID, DOSSIER_APP_NAME, DOSSIER_PUBLISHER, st.config.extension_version))
    return json_response({"value": value})


def routes() -> list[Route]:
    return [
        Route("/environments/v1.2", list_environments, methods=["GET"]),
        Route(
            "/admin/{api_version}/applications/{family}/environments/{env}/apps",
            list_apps,
            methods=["GET"],
        ),
    ]
