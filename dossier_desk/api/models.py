"""Typed entities of the Dynamics Dossier API, decoded with msgspec.

Wire names are camelCase (``rename="camel"``); Python attributes are snake_case. Every entity
keeps its ``@odata.etag`` in ``etag`` so that an edit can be sent with the version it was based on.

Enumerations arrive as BC captions ("In Process"), BC 24+ encoded names ("In_x0020_Process") or the
vendor document's compact form ("InProcess"); decoding normalises them to the caption
(:mod:`dossier_desk.api.enums`). They are kept as plain ``str``
so that a value added on the server (a new status in a later extension version) never breaks
decoding; the known captions are listed in the ``*_VALUES`` tuples for the UI and validation.
Ids are opaque strings (BC SystemIds are GUIDs, the vendor doc shows numbers).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

STATUS_VALUES = ("New", "Open", "In Process", "Closed", "Archived")
PRIORITY_VALUES = ("Low", "Normal", "High")
CATEGORY_VALUES = ("Absence", "Medical", "Reintegration", "Examination", "Safety")
DOCUMENT_TYPE_VALUES = ("Medical", "Administrative", "Legal")
WORKFLOW_STATE_VALUES = ("Completed", "Rejected", "Current", "Upcoming", "Overdue")
WORKFLOW_ACTION_VALUES = ("complete", "reject", "reopen")

# Fields a client may send in POST/PATCH of a dossier (camelCase). Everything else is read-only.
DOSSIER_WRITABLE_FIELDS = (
    "no",
    "description",
    "primaryContactNo",
    "dossierTypeCode",
    "status",
    "documentDate",
    "startingDate",
    "endingDate",
    "externalDocumentNo",
    "yourReference",
    "ourReference",
    "department",
    "caseManagerCode",
    "priority",
    "confidentialityLevel",
)


class _Entity(
    msgspec.Struct, rename="camel", kw_only=True, omit_defaults=True, forbid_unknown_fields=False, gc=False
):
    """Base: unknown fields from newer server versions are ignored, etag kept.

    ``gc=False``: entities hold only strings, numbers and tuples of strings, so they can never be
    part of a reference cycle; untracked, 100k cached dossiers cost the garbage collector nothing.
    """

    etag: str = msgspec.field(default="", name="@odata.etag")


class Dossier(_Entity, frozen=True):
    """A case file. Dates are ISO ``YYYY-MM-DD`` strings ("" when blank, as BC sends 0001-01-01 -> "")."""

    id: str
    no: str = ""
    description: str = ""
    primary_contact_no: str = ""
    primary_contact_name: str = ""
    dossier_type_code: str = ""
    status: str = "New"
    document_date: str = ""
    starting_date: str = ""
    ending_date: str = ""
    date_closed: str = ""
    external_document_no: str = ""
    your_reference: str = ""
    our_reference: str = ""
    department: str = ""
    case_manager_code: str = ""
    priority: str = "Normal"
    confidentiality_level: int = 0
    category: str = ""
    last_modified_date_time: str = ""


class DossierType(_Entity, frozen=True):
    """A kind of dossier, keyed by ``code``; ``workflow_code`` names the workflow its dossiers follow.

    ``id`` is "" when the server does not send one (the reference's DossierType has none).
    """

    code: str
    id: str = ""
    description: str = ""
    category: str = ""
    sickness: bool = False
    duration_of_dossier: str = ""
    workflow_code: str = ""
    last_modified_date_time: str = ""


class Contact(_Entity, frozen=True):
    """A BC contact (an employee in these dossiers), keyed by ``no``; ``id`` is "" when not sent."""

    no: str
    id: str = ""
    name: str = ""
    email: str = ""
    phone_no: str = ""
    department: str = ""
    last_modified_date_time: str = ""


class Document(_Entity, frozen=True):
    """Metadata of a file attached to a dossier; the content is fetched separately."""

    id: str
    dossier_id: str = ""
    description: str = ""
    document_type: str = "Administrative"
    document_date: str = ""
    file_name: str = ""
    file_size: int = 0
    mime_type: str = ""
    created_by: str = ""
    created_date_time: str = ""
    confidential: bool = False
    last_modified_date_time: str = ""


class WorkflowEntry(_Entity, frozen=True):
    """One line of a dossier's workflow log.

    ``state`` is Completed / Rejected / Current / Upcoming / Overdue, computed by the server from the
    line's ``term`` (a BC date formula such as ``6W``) and the dossier's starting date.
    """

    id: str = ""
    dossier_id: str = ""
    workflow_code: str = ""
    line_no: int = 0
    description: str = ""
    term: str = ""
    due_date: str = ""
    state: str = "Upcoming"
    completed_by: str = ""
    completed_date_time: str = ""
    comments: str = ""
    comments_required: bool = False
    last_modified_date_time: str = ""


class UploadRules(_Entity, frozen=True):
    """The server's document upload rules (FlowOn upload action configuration)."""

    allowed_extensions: tuple[str, ...] = ()
    max_file_size: int = 0
    max_files_per_request: int = 1


class Company(_Entity, frozen=True):
    """A BC company, from ``/api/v2.0/companies``."""

    id: str
    name: str = ""
    display_name: str = ""


_DOSSIER_WIRE_NAMES = {f.name: f.encode_name for f in msgspec.structs.fields(Dossier)}
_DOSSIER_ATTRIBUTES = {wire: name for name, wire in _DOSSIER_WIRE_NAMES.items()}


def dossier_wire_name(attribute: str) -> str:
    """The wire name of a :class:`Dossier` attribute (``"our_reference"`` -> ``"ourReference"``)."""
    return _DOSSIER_WIRE_NAMES[attribute]


def dossier_attribute(wire_name: str) -> str | None:
    """The :class:`Dossier` attribute a wire name (or an attribute name) stands for; ``None`` if none."""
    if wire_name in _DOSSIER_WIRE_NAMES:
        return wire_name
    return _DOSSIER_ATTRIBUTES.get(wire_name)


def dossier_edits_to_wire(edits: Mapping[str, Any]) -> dict[str, Any]:
    """Field values keyed by :class:`Dossier` attribute (the domain's ``DossierField``) as the API's
    camelCase body; raises ``KeyError`` for a name that is no dossier attribute."""
    return {_DOSSIER_WIRE_NAMES[str(name)]: value for name, value in edits.items()}


def dossier_edits_from_wire(body: Mapping[str, Any]) -> dict[str, Any]:
    """A camelCase body keyed by :class:`Dossier` attribute; names that are no attribute are dropped."""
    return {_DOSSIER_ATTRIBUTES[k]: v for k, v in body.items() if k in _DOSSIER_ATTRIBUTES}


# The FlowOn upload action's documented values (flowon-action-configuration): used when neither the
# server nor the profile says otherwise. Its examples allow .pdf/.doc/.docx/.xlsx and 10 MB.
DEFAULT_UPLOAD_RULES = UploadRules(
    allowed_extensions=(".pdf", ".doc", ".docx", ".xlsx"),
    max_file_size=10 * 1024 * 1024,
    max_files_per_request=1,
)
