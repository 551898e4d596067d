"""``/_sandbox/*``: administration for tests and benchmarks (loopback only, no auth; see gate.py)."""

from __future__ import annotations

import dataclasses
from typing import Any

import msgspec
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dossier_sandbox import reply_faults
from dossier_sandbox.common import state
from dossier_sandbox.config import FaultConfig
from dossier_sandbox.db import Change, Database
from dossier_sandbox.errors import ApiError, json_response
from dossier_sandbox.variants import VARIANTS


async def _json_or_empty(request: Request) -> dict[str, Any]:
    body = await request.body()
    if not body.strip():
        return {}
    try:
        data = msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise ApiError(400, f"Not valid JSON: {exc}.") from exc
    if not isinstance(data, dict):
        raise ApiError(400, "The body must be a JSON object.")
    return data


async def get_faults(request: Request) -> Response:
    return json_response(dataclasses.asdict(state(request).faults.config))


async def set_faults(request: Request) -> Response:
    """Replace the fault configuration (fields omitted take their defaults: ``{}`` switches faults off)."""
    data = await _json_or_empty(request)
    try:
        config = msgspec.convert(data, FaultConfig)
        reply_faults.check(config)
    except (msgspec.ValidationError, ValueError) as exc:
        raise ApiError(400, f"Invalid fault configuration: {exc}.") from exc
    state(request).faults.set(config)
    return json_response(dataclasses.asdict(config))


async def stats(request: Request) -> Response:
    return json_response(request.app.state.stats_provider())


async def reset(request: Request) -> Response:
    """Faults off, rate-limit windows and counters cleared; ``{"data": true}`` also re-seeds the data."""
    data = await _json_or_empty(request)
    st = state(request)
    st.faults.set(FaultConfig())
    st.faults.reset_counts()
    st.limiter.reset()
    st.stats.reset()
    if data.get("data"):
        request.app.state.reseed()
    return json_response({"reset": True, "data": bool(data.get("data"))})


async def get_variant(request: Request) -> Response:
    return json_response({"variant": state(request).variant.name, "variants": list(VARIANTS)})


async def set_variant(request: Request) -> Response:
    """``{"variant": NAME}``: switch the server's dialect at run time (data and tokens stay)."""
    data = await _json_or_empty(request)
    name = data.get("variant")
    if name not in VARIANTS:
        raise ApiError(400, f"variant must be one of {', '.join(VARIANTS)}.", target="variant")
    st = state(request)
    st.set_variant(name)
    st.config.variant = name
    return json_response({"variant": name})


def touch_dossiers(db: Database, count: int) -> int:
    """Modify the ``count`` least recently modified dossiers (new ourReference, etag and time)."""
    with db.tx() as conn:
        ids = [
            r[0] for r in conn.execute("SELECT id FROM dossiers ORDER BY last_modified, id LIMIT ?", (count,))
        ]
        for dossier_id in ids:
            version, stamp = db.stamp()
            conn.execute(
                "UPDATE dossiers SET our_reference = ?, version = ?, last_modified = ? WHERE id = ?",
                (f"TOUCH-{version % 1_000_000:06d}", version, stamp, dossier_id),
            )
            db.record_change(Change("dossiers", dossier_id, "updated", stamp))
    return len(ids)


async def touch(request: Request) -> Response:
    data = await _json_or_empty(request)
    count = data.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise ApiError(400, "count must be a non-negative integer.", target="count")
    return json_response({"touched": touch_dossiers(state(request).db, count)})


def routes() -> list[Route]:
    return [
        Route("/_sandbox/faults", get_faults, methods=["GET"]),
        Route("/_sandbox/faults", set_faults, methods=["POST"]),
        Route("/_sandbox/stats", stats, methods=["GET"]),
        Route("/_sandbox/reset", reset, methods=["POST"]),
        Route("/_sandbox/touch", touch, methods=["POST"]),
        Route("/_sandbox/variant", get_variant, methods=["GET"]),
        Route("/_sandbox/variant", set_variant, methods=["POST"]),
    ]
