"""The API application: Starlette routes for every entity set, behind the gate (auth, limits, faults)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.routing import Route

from dossier_sandbox import (
    routes_admin,
    routes_batch,
    routes_documents,
    routes_dossiers,
    routes_environments,
    routes_misc,
    routes_subscriptions,
    routes_workflow,
)
from dossier_sandbox.common import SandboxState
from dossier_sandbox.errors import exception_handlers
from dossier_sandbox.gate import ApiGate
from dossier_sandbox.tenancy import TenantRouter


def build_api_app(
    st: SandboxState,
    standard_api_path: str,
    stats_provider: Callable[[], dict[str, Any]],
    reseed: Callable[[], None],
) -> ApiGate:
    """The ASGI app serving the API root ``st.api_path`` and ``/_sandbox/*``.

    ``standard_api_path`` is BC's ``/v2.0/{tenant}/{environment}/api/v2.0`` (companies discovery).
    """
    prefix = f"{st.api_path}/companies({{company}})"

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await st.webhooks.start()
        try:
            yield
        finally:
            await st.webhooks.stop()

    routes = [
        *routes_dossiers.routes(prefix),
        *routes_documents.routes(prefix),
        *routes_workflow.routes(prefix),
        *routes_subscriptions.routes(prefix),
        *routes_misc.routes(st.api_path, standard_api_path),
        Route(f"{st.api_path}/$batch", routes_batch.batch, methods=["POST"]),
        Route(f"{prefix}/$batch", routes_batch.batch, methods=["POST"]),
        *routes_admin.routes(),
        *routes_environments.routes(),
    ]
    app = Starlette(routes=routes, exception_handlers=exception_handlers(), lifespan=lifespan)
    app.state.sandbox = st
    app.state.stats_provider = stats_provider
    app.state.reseed = reseed
    return ApiGate(
        TenantRouter(app, st),
        st.tokens,
        st.limiter,
        st.faults,
        st.stats,
        lambda: st.variant,
        lambda: st.config.max_body_bytes or st.variant.max_body_bytes,
    )
