"""Entity sets as the API exposes them: wire field <-> SQL column, OData column kinds, row -> JSON.

Rows are read as plain tuples in the order of :attr:`EntitySet.fields` followed by the row version,
and turned into wire dicts here. Role-dependent blanking (a line manager never sees the details of a
medical-category dossier) is done in SQL by :func:`dossier_set_for`, so ``$filter``/``$orderby`` act on
exactly what the user can see and cannot be used to probe hidden text.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dossier_sandbox.odata import Column, ColumnKind
from dossier_sandbox.schema import (
    CATEGORY_VALUES,
    DOCUMENT_TYPE_VALUES,
    PRIORITY_VALUES,
    STATUS_VALUES,
    WORKFLOW_STATE_VALUES,
)


@dataclass(frozen=True)
class Field:
    wire: str
    sql: str
    kind: ColumnKind = "string"
    values: tuple[str, ...] = ()
    nullable: bool = True  # False: always has a value (keys, numbers, Booleans, the No. series)


@dataclass(frozen=True)
class EntitySet:
    """One table as an OData entity set."""

    name: str
    table: str
    fields: tuple[Field, ...]
    default_order: str  # wire name of the default sort key (BC sorts by the primary key)
    type_name: str = ""  # the CSDL entity type (``dossier`` for the ``dossiers`` set)

    @property
    def wire_names(self) -> list[str]:
        return [f.wire for f in self.fields]

    @property
    def kinds(self) -> tuple[tuple[str, str], ...]:
        """(wire name, kind) of every field, hashable: the key of a variant's presenter."""
        return tuple((f.wire, f.kind) for f in self.fields)

    @property
    def keys(self) -> tuple[str, ...]:
        """Fields never blanked on the wire."""
        return tuple(f.wire for f in self.fields if not f.nullable)

    def columns(self) -> dict[str, Column]:
        return {f.wire: Column(f.sql, f.kind, f.values) for f in self.fields}

    def index_of(self, wire: str) -> int:
        return next(i for i, f in enumerate(self.fields) if f.wire == wire)

    def select_list(self) -> str:
        """The SELECT list: every field (aliased to its position) plus the row version last."""
        return ", ".join(f"{f.sql} AS c{i}" for i, f in enumerate(self.fields)) + ", version"

    def to_wire(self, row: Sequence[Any], select: Sequence[str] | None = None) -> dict[str, Any]:
        """A row (fields..., version) -> wire dict with ``@odata.etag`` first."""
        return self.renderer(select)(row)

    def renderer(self, select: Sequence[str] | None = None) -> Callable[[Sequence[Any]], dict[str, Any]]:
        """A row -> wire dict function for ``select`` (all fields when None), planned once per page:
        rendering 20,000 rows is the hot path of a full sync."""
        names = self.wire_names if select is None else list(select)
        plan = [(name, self.index_of(name), self.fields[self.index_of(name)].kind) for name in names]
        plain = [(name, i) for name, i, kind in plan if kind not in ("datetime", "bool")]
        stamps = [(name, i) for name, i, kind in plan if kind == "datetime"]
        flags = [(name, i) for name, i, kind in plan if kind == "bool"]
        order = names

        def render(row: Sequence[Any]) -> dict[str, Any]:
            values: dict[str, Any] = {name: row[i] for name, i in plain}
            for name, i in stamps:  # stored with microseconds, sent with milliseconds
                values[name] = row[i][:23] + "Z" if row[i] else ""
            for name, i in flags:
                values[name] = bool(row[i])
            out: dict[str, Any] = {"@odata.etag": etag(row[-1])}
            for name in order:
                out[name] = values[name]
            return out

        return render


def etag(version: int) -> str:
    """BC-style weak etag of a row version: ``W/"JzE5OzEwMDAw..."`` (base64 of ``'19;<version>;'``)."""
    text = str(version)
    return 'W/"' + base64.b64encode(f"'{len(text)};{text};'".encode()).decode() + '"'


DOSSIERS = EntitySet(
    "dossiers",
    "dossiers",
    (
        Field("id", "id", "guid", nullable=False),
        Field("no", "no", nullable=False),
        Field("description", "description"),
        Field("primaryContactNo", "primary_contact_no"),
        Field("primaryContactName", "primary_contact_name"),
        Field("dossierTypeCode", "dossier_type_code"),
        Field("status", "status", "enum", STATUS_VALUES),
        Field("documentDate", "document_date", "date"),
        Field("startingDate", "starting_date", "date"),
        Field("endingDate", "ending_date", "date"),
        Field("dateClosed", "date_closed", "date"),
        Field("externalDocumentNo", "external_document_no"),
        Field("yourReference", "your_reference"),
        Field("ourReference", "our_reference"),
        Field("department", "department"),
        Field("caseManagerCode", "case_manager_code"),
        Field("priority", "priority", "enum", PRIORITY_VALUES),
        Field("confidentialityLevel", "confidentiality_level", "int", nullable=False),
        Field("category", "category", "enum", CATEGORY_VALUES),
        Field("lastModifiedDateTime", "last_modified", "datetime", nullable=False),
    ),
    "no",
    "dossier",
)

# What a user without ``sees_medical_details`` gets blanked on medical-category dossiers.
MEDICAL_DETAIL_FIELDS = ("description", "yourReference", "ourReference", "department", "caseManagerCode")


def dossier_set_for(sees_medical_details: bool) -> EntitySet:
    """The dossier entity set as a user sees it (details of medical dossiers blanked in SQL if needed)."""
    if sees_medical_details:
        return DOSSIERS
    fields = tuple(
        replace(f, sql=f"(CASE WHEN category = 'Medical' THEN '' ELSE {f.sql} END)")
        if f.wire in MEDICAL_DETAIL_FIELDS
        else f
        for f in DOSSIERS.fields
    )
    return replace(DOSSIERS, fields=fields)


# Built once: every request of a role without medical details uses it.
DOSSIER_BLANKED = dossier_set_for(False)

CONTACTS = EntitySet(
    "contacts",
    "contacts",
    (
        Field("id", "id", "guid", nullable=False),
        Field("no", "no", nullable=False),
        Field("name", "name"),
        Field("email", "email"),
        Field("phoneNo", "phone_no"),
        Field("department", "department"),
        Field("lastModifiedDateTime", "last_modified", "datetime", nullable=False),
    ),
    "no",
    "contact",
)

DOSSIER_TYPES = EntitySet(
    "dossierTypes",
    "dossier_types",
    (
        Field("id", "id", "guid", nullable=False),
        Field("code", "code", nullable=False),
        Field("description", "description"),
        Field("category", "category", "enum", CATEGORY_VALUES),
        Field("sickness", "sickness", "bool", nullable=False),
        Field("durationOfDossier", "duration_of_dossier"),
        Field("workflowCode", "workflow_code"),
        Field("lastModifiedDateTime", "last_modified", "datetime", nullable=False),
    ),
    "code",
    "dossierType",
)

DOCUMENTS = EntitySet(
    "documents",
    "documents",
    (
        Field("id", "id", "guid", nullable=False),
        Field("dossierId", "dossier_id", "guid", nullable=False),
        Field("description", "description"),
        Field("documentType", "document_type", "enum", DOCUMENT_TYPE_VALUES),
        Field("documentDate", "document_date", "date"),
        Field("fileName", "file_name"),
        Field("fileSize", "file_size", "int", nullable=False),
        Field("mimeType", "mime_type"),
        Field("createdBy", "created_by"),
        Field("createdDateTime", "created_date_time", "datetime"),
        Field("confidential", "confidential", "bool", nullable=False),
        Field("lastModifiedDateTime", "last_modified", "datetime", nullable=False),
    ),
    "id",
    "document",
)

# The workflow log is computed (workflow.py), never queried with $filter: only its shape is used here.
WORKFLOW_LOG = EntitySet(
    "workflowLog",
    "",
    (
        Field("id", "id", "guid", nullable=False),
        Field("dossierId", "dossier_id", "guid", nullable=False),
        Field("workflowCode", "workflow_code"),
        Field("lineNo", "line_no", "int", nullable=False),
        Field("description", "description"),
        Field("term", "term"),
        Field("dueDate", "due_date", "date"),
        Field("state", "state", "enum", WORKFLOW_STATE_VALUES),
        Field("completedBy", "completed_by"),
        Field("completedDateTime", "completed_date_time", "datetime"),
        Field("comments", "comments"),
        Field("commentsRequired", "comments_required", "bool", nullable=False),
        Field("lastModifiedDateTime", "last_modified", "datetime", nullable=False),
    ),
    "lineNo",
    "workflowEntry",
)

COMPANIES = EntitySet(
    "companies",
    "companies",
    (
        Field("id", "id", "guid", nullable=False),
        Field("name", "name", nullable=False),
        Field("displayName", "display_name"),
    ),
    "name",
    "company",
)
