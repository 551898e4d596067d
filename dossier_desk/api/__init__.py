"""The Dynamics Dossier API client (async httpx, msgspec models). No Qt here.

Import the public names from this package: :class:`DossierApi`, :class:`ApiProfile`, the query
builder (:class:`Query`, :class:`F`), the models, the errors and the batch types.
"""

from __future__ import annotations

from dossier_desk.api.batch import (
    MAX_BATCH_OPERATIONS,
    BatchForm,
    BatchOp,
    BatchResult,
    DossierUpdate,
    UpdateOutcome,
)
from dossier_desk.api.client import DossierApi
from dossier_desk.api.decoding import Rows, SkippedRecord, is_blank
from dossier_desk.api.enums import EnumForms
from dossier_desk.api.errors import (
    ApiError,
    AuthenticationError,
    ConflictError,
    ErrorDetail,
    ExtensionMissingError,
    FileTooLargeError,
    InvalidFileTypeError,
    MalformedResponseError,
    NetworkError,
    NotExecutedError,
    NotFoundError,
    PermissionDeniedError,
    PreconditionRequiredError,
    RateLimitedError,
    RequestTimeoutError,
    ResourceConflictError,
    ResponseTooLargeError,
    ServerError,
    ValidationError,
    is_transient,
)
from dossier_desk.api.filenames import parse_content_disposition, sanitize_filename
from dossier_desk.api.models import (
    CATEGORY_VALUES,
    DEFAULT_UPLOAD_RULES,
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
from dossier_desk.api.service_check import ServiceCheck
from dossier_desk.api.tokens import CallbackTokenProvider, StaticTokenProvider
from dossier_desk.api.transport import RetryPolicy, TokenProvider

__all__ = [
    "CATEGORY_VALUES",
    "DEFAULT_UPLOAD_RULES",
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
    "DossierUpdate",
    "EnumForms",
    "ErrorDetail",
    "Expr",
    "ExtensionMissingError",
    "F",
    "FileTooLargeError",
    "InvalidFileTypeError",
    "MalformedResponseError",
    "NetworkError",
    "NotExecutedError",
    "NotFoundError",
    "NullPacer",
    "PermissionDeniedError",
    "PreconditionRequiredError",
    "Query",
    "RateLimitInfo",
    "RateLimitedError",
    "RatePacer",
    "RequestTimeoutError",
    "ResourceConflictError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "Rows",
    "ServerError",
    "ServiceCheck",
    "SkippedRecord",
    "StaticTokenProvider",
    "TokenProvider",
    "UpdateOutcome",
    "UploadRules",
    "ValidationError",
    "WorkflowEntry",
    "bc_cloud_api_root",
    "companies_url_for",
    "format_literal",
    "is_blank",
    "is_transient",
    "key_segment",
    "parse_content_disposition",
    "sanitize_filename",
]
