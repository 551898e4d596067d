"""The Dynamics Dossier API client (async httpx, msgspec models). No Qt here.

Import the public names from this package: :class:`DossierApi`, :class:`ApiProfile`, the query
builder (:class:`Query`, :class:`F`), the models, the errors and the batch types.
"""

from __future__ import annotations

from dossier_desk.api.batch import MAX_BATCH_OPERATIONS, BatchForm, BatchOp, BatchResult
from dossier_desk.api.client import DossierApi
from dossier_desk.api.errors import (
    ApiError,
    AuthenticationError,
    ConflictError,
    ErrorDetail,
    ExtensionMissingError,
    MalformedResponseError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    PreconditionRequiredError,
    RateLimitedError,
    RequestTimeoutError,
    ServerError,
    ValidationError,
    is_transient,
)
from dossier_desk.api.filenames import parse_content_disposition, sanitize_filename
from dossier_desk.api.models import (
    CATEGORY_VALUES,
    DOCUMENT_TYPE_VALUES,
    DOSSIER_WRITABLE_FIELDS,
    PRIORITY_VALUES,
    STATUS_VALUES,
    WORKFLOW_ACTION_VALUES,
    WORKFLOW_STATE_VALUES,
    Company,
    Contact,
    Document,
    Dossier,
    DossierType,
    UploadRules,
    WorkflowEntry,
)
from dossier_desk.api.odata import Expr, F, Query, format_literal, key_segment
from dossier_desk.api.pacing import NullPacer, RateLimitInfo, RatePacer
from dossier_desk.api.profile import ApiProfile, bc_cloud_api_root, companies_url_for
from dossier_desk.api.tokens import CallbackTokenProvider, StaticTokenProvider
from dossier_desk.api.transport import RetryPolicy, TokenProvider

__all__ = [
    "CATEGORY_VALUES",
    "DOCUMENT_TYPE_VALUES",
    "DOSSIER_WRITABLE_FIELDS",
    "MAX_BATCH_OPERATIONS",
    "PRIORITY_VALUES",
    "STATUS_VALUES",
    "WORKFLOW_ACTION_VALUES",
    "WORKFLOW_STATE_VALUES",
    "ApiError",
    "ApiProfile",
    "AuthenticationError",
    "BatchForm",
    "BatchOp",
    "BatchResult",
    "CallbackTokenProvider",
    "Company",
    "ConflictError",
    "Contact",
    "Document",
    "Dossier",
    "DossierApi",
    "DossierType",
    "ErrorDetail",
    "Expr",
    "ExtensionMissingError",
    "F",
    "MalformedResponseError",
    "NetworkError",
    "NotFoundError",
    "NullPacer",
    "PermissionDeniedError",
    "PreconditionRequiredError",
    "Query",
    "RateLimitInfo",
    "RateLimitedError",
    "RatePacer",
    "RequestTimeoutError",
    "RetryPolicy",
    "ServerError",
    "StaticTokenProvider",
    "TokenProvider",
    "UploadRules",
    "ValidationError",
    "WorkflowEntry",
    "bc_cloud_api_root",
    "companies_url_for",
    "format_literal",
    "is_transient",
    "key_segment",
    "parse_content_disposition",
    "sanitize_filename",
]
