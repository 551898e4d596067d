"""``subscriptions`` and ``subscriptions({id})``: webhook subscriptions of the signed-in user."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dossier_sandbox import dossiers
from dossier_sandbox.auth_guard import principal
from dossier_sandbox.common import check_company, check_if_match, created, read_json
from dossier_sandbox.errors import json_response

# Reading is enough to subscribe (BC needs read permission on the resource), so every role may.


async def list_subscriptions(request: Request) -> Response:
    st = check_company(request)
    subs = st.webhooks.list_for(principal(request).user.subject)
    return json_response(
        {"@odata.context": st.context_url(request, "subscriptions"), "value": [s.to_wire() for s in subs]}
    )


async def create_subscription(request: Request) -> Response:
    st = check_company(request)
    body = await read_json(request)
    sub = await st.webhooks.create(body, principal(request).user.subject)
    return created(request, st.entity_url(request, "subscriptions", f"'{sub.id}'"), sub.to_wire())


async def get_subscription(request: Request) -> Response:
    st = check_company(request)
    sub = st.webhooks.get(dossiers.parse_key(request.path_params["key"]), principal(request).user.subject)
    return json_response(sub.to_wire())


async def renew_subscription(request: Request) -> Response:
    st = check_company(request)
    sub = st.webhooks.get(dossiers.parse_key(request.path_params["key"]), principal(request).user.subject)
    check_if_match(request, sub.to_wire())
    body = await read_json(request)
    return json_response((await st.webhooks.renew(sub, body)).to_wire())


async def delete_subscription(request: Request) -> Response:
    st = check_company(request)
    sub = st.webhooks.get(dossiers.parse_key(request.path_params["key"]), principal(request).user.subject)
    check_if_match(request, sub.to_wire())
    st.webhooks.delete(sub)
    return Response(status_code=204)


def routes(prefix: str) -> list[Route]:
    return [
        Route(f"{prefix}/subscriptions", list_subscriptions, methods=["GET"]),
        Route(f"{prefix}/subscriptions", create_subscription, methods=["POST"]),
        Route(f"{prefix}/subscriptions({{key}})", get_subscription, methods=["GET"]),
        Route(f"{prefix}/subscriptions({{key}})", renew_subscription, methods=["PATCH"]),
        Route(f"{prefix}/subscriptions({{key}})", delete_subscription, methods=["DELETE"]),
    ]
