"""The check on connect: is the Dynamics Dossier API there, and is it a version this client can use?

Two reads: the Dossier endpoint (``$top=1``) and ``$metadata``. The answer is a
:class:`ServiceCheck` with a ``status`` code, never a bare "not found":

* ``ok`` — the entity sets and fields the client needs are there;
* ``missing_extension`` — no Dossier endpoint and no ``dossiers`` entity set: the extension is not
  installed or not published in this environment/company;
* ``incompatible_version`` — the extension answers, but an entity set or field the client needs is
  missing (an older or newer API version).

``$metadata`` is optional: a server that does not serve it is judged by the Dossier endpoint alone.
Its EnumType members are handed to :class:`~dossier_desk.api.enums.EnumForms` on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import msgspec

from dossier_desk.api.csdl import parse_csdl
from dossier_desk.api.enums import EnumForms
from dossier_desk.api.errors import ApiError, NotFoundError
from dossier_desk.api.transport import Transport

ServiceStatus = Literal["ok", "missing_extension", "incompatible_version"]

REQUIRED_ENTITY_SETS = ("dossiers", "dossierTypes")
# Fields of a dossier the client cannot work without (everything else is optional).
REQUIRED_DOSSIER_FIELDS = ("id", "status")


@dataclass(frozen=True, slots=True)
class ServiceCheck:
    """The outcome of :func:`check_service`.

    ``missing`` lists what was not found (``"entitySet:dossiers"``, ``"field:dossier.status"``);
    ``metadata_read`` says whether ``$metadata`` could be used; ``enum_members`` how many enum
    members were learnt from it.
    """

    status: ServiceStatus
    missing: tuple[str, ...] = ()
    metadata_read: bool = False
    enum_members: int = 0
    dossier_fields: frozenset[str] = field(default_factory=frozenset)
    correlation_id: str = ""  # of the Dossier endpoint's "not found", for support

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True, slots=True)
class _Schema:
    entity_sets: frozenset[str]
    dossier_fields: frozenset[str]


def parse_schema(csdl: bytes) -> _Schema | None:
    """Entity sets and the dossier entity type's properties from a CSDL document (None if unreadable)."""
    root = parse_csdl(csdl)
    if root is None:
        return None
    sets: dict[str, str] = {}
    types: dict[str, set[str]] = {}
    for node in root.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "EntitySet" and node.get("Name"):
            sets[node.get("Name", "")] = node.get("EntityType", "").rsplit(".", 1)[-1]
        elif tag == "EntityType" and node.get("Name"):
            types[node.get("Name", "")] = {
                p.get("Name", "") for p in node if p.tag.rsplit("}", 1)[-1] == "Property"
            }
    dossier_type = sets.get("dossiers", "")
    return _Schema(frozenset(sets), frozenset(types.get(dossier_type, set())))


async def check_service(
    transport: Transport, dossiers_url: str, metadata_url: str, forms: EnumForms
) -> ServiceCheck:
    """Read the Dossier endpoint and ``$metadata``; see the module docstring for the verdicts.

    Failures other than "not found" (network, authentication, 5xx...) are raised as they are.
    """
    sample: dict[str, object] | None = None
    endpoint_found = True
    correlation = ""
    try:
        response = await transport.request("GET", dossiers_url, params={"$top": "1"})
        rows = _rows(response.content)
        sample = rows[0] if rows else None
        if sample is not None:
            forms.note_record(sample)
    except NotFoundError as exc:
        endpoint_found = False
        correlation = exc.correlation_id
    schema: _Schema | None = None
    learnt = 0
    try:
        meta = await transport.request("GET", metadata_url, headers={"Accept": "application/xml"})
        schema = parse_schema(meta.content)
        if schema is not None:
            learnt = forms.learn_metadata(meta.content)
    except ApiError:
        schema = None
    missing: list[str] = []
    if schema is not None:
        missing += [f"entitySet:{s}" for s in REQUIRED_ENTITY_SETS if s not in schema.entity_sets]
        if "dossiers" in schema.entity_sets:
            missing += [
                f"field:dossier.{f}" for f in REQUIRED_DOSSIER_FIELDS if f not in schema.dossier_fields
            ]
    if sample is not None:
        missing += [
            f"field:dossier.{f}"
            for f in REQUIRED_DOSSIER_FIELDS
            if f not in sample and f"field:dossier.{f}" not in missing
        ]
    fields = schema.dossier_fields if schema is not None else frozenset(sample or ())
    if not endpoint_found and (schema is None or "dossiers" not in schema.entity_sets):
        status: ServiceStatus = "missing_extension"
        missing = ["entitySet:dossiers", *[m for m in missing if m != "entitySet:dossiers"]]
    elif missing or not endpoint_found:
        status = "incompatible_version"
    else:
        status = "ok"
    return ServiceCheck(status, tuple(missing), schema is not None, learnt, frozenset(fields), correlation)


def _rows(content: bytes) -> list[dict[str, object]]:
    try:
        data = msgspec.json.decode(content)
    except (msgspec.DecodeError, RecursionError):
        return []
    value = data.get("value") if isinstance(data, dict) else None
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
