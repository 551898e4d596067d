"""The Dynamics Dossier schema as the reference documents define it, independent of any client.

Sources: the vendor's API overview (data models and examples), Business Central's AL/API conventions
(SystemId ``id`` keys, enum captions, ``lastModifiedDateTime``, Code[20]/Text[100] lengths) and the
product facts (statuses include Archived; documents and the workflow log as the API overview shows
them). Enumeration values are captions in ordinal order; each variant decides how they appear on the
wire (``variants.Variant.enum_out``).
"""

from __future__ import annotations

from collections.abc import Mapping

STATUS_VALUES = ("New", "Open", "In Process", "Closed", "Archived")
PRIORITY_VALUES = ("Low", "Normal", "High")
CATEGORY_VALUES = ("Absence", "Medical", "Reintegration", "Examination", "Safety")
DOCUMENT_TYPE_VALUES = ("Medical", "Administrative", "Legal")
WORKFLOW_STATE_VALUES = ("Completed", "Rejected", "Current", "Upcoming", "Overdue")
WORKFLOW_ACTIONS = ("complete", "reject", "reopen")

# Enum type name (CSDL) and captions per wire field.
ENUM_TYPES: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "status": ("dossierStatus", STATUS_VALUES),
    "priority": ("dossierPriority", PRIORITY_VALUES),
    "category": ("dossierCategory", CATEGORY_VALUES),
    "documentType": ("documentType", DOCUMENT_TYPE_VALUES),
    "state": ("workflowState", WORKFLOW_STATE_VALUES),
}

# Fields of a dossier a client may send in POST/PATCH. Everything else is read-only (BC answers 400).
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

# BC field lengths (Code[20], Text[100], Text[35]...) of text fields, by wire name per entity type.
MAX_LENGTH: Mapping[str, Mapping[str, int]] = {
    "dossier": {
        "no": 20,
        "description": 100,
        "primaryContactNo": 20,
        "primaryContactName": 100,
        "dossierTypeCode": 20,
        "externalDocumentNo": 35,
        "yourReference": 35,
        "ourReference": 35,
        "department": 20,
        "caseManagerCode": 20,
    },
    "dossierType": {"code": 20, "description": 100, "workflowCode": 20},
    "contact": {"no": 20, "name": 100, "email": 80, "phoneNo": 30, "department": 20},
    "document": {"description": 250, "fileName": 250, "mimeType": 100, "createdBy": 100},
    "workflowEntry": {
        "workflowCode": 20,
        "description": 100,
        "term": 20,
        "completedBy": 100,
        "comments": 250,
    },
    "company": {"name": 30, "displayName": 250},
}
