"""The Dynamics Dossier API client (async httpx, msgspec models). No Qt here.

Import the public names from this package: :class:`DossierApi`, :class:`ApiProfile`, the query
builder (:class:`Query`, :class:`F`), the models, the errors and the batch types.
"""

from __future__ import annotations

from dossier_desk.lazy_exports import lazy_exports

# Loaded on first use: see dossier_desk.lazy_exports for why.
_EXPORTS = {
    "batch": (
        "MAX_BATCH_OPERATIONS",
        "BatchForm",
        "BatchOp",
        "BatchResult",
        "DossierUpdate",
        "UpdateOutcome",
    ),
    "client": ("DossierApi",),
    "deferred": ("DeferredApi",),
    "decoding": (
        "Rows",
        "SkippedRecord",
        "is_blank",
    ),
    "enums": ("EnumForms",),
    "errors": (
        "ApiError",
        "AuthenticationError",
        "ConflictError",
        "ErrorDetail",
        "ExtensionMissingError",
        "FileTooLargeError",
        "InvalidFileTypeError",
        "MalformedResponseError",
        "NetworkError",
        "NotExecutedError",
        "NotFoundError",
        "PermissionDeniedError",
        "PreconditionRequiredError",
        "RateLimitedError",
        "RequestTimeoutError",
        "ResourceConflictError",
        "ResponseTooLargeError",
        "ServerError",
        "ValidationError",
        "is_transient",
    ),
    "filenames": (
        "parse_content_disposition",
        "sanitize_filename",
    ),
    "models": (
        "CATEGORY_VALUES",
        "DEFAULT_UPLOAD_RULES",
        "DOCUMENT_TYPE_VALUES",
        "DOSSIER_WRITABLE_FIELDS",
        "PRIORITY_VALUES",
        "STATUS_VALUES",
        "WORKFLOW_ACTION_VALUES",
        "WORKFLOW_STATE_VALUES",
        "Company",
        "Contact",
        "Document",
        "Dossier",
        "DossierType",
        "UploadRules",
        "WorkflowEntry",
    ),
    "odata": (
        "Expr",
        "F",
        "Query",
        "format_literal",
        "key_segment",
    ),
    "pacing": (
        "NullPacer",
        "RateLimitInfo",
        "RatePacer",
    ),
    "profile": (
        "ApiProfile",
        "bc_cloud_api_root",
        "companies_url_for",
    ),
    "service_check": ("ServiceCheck",),
    "tokens": (
        "CallbackTokenProvider",
        "StaticTokenProvider",
    ),
    "transport": (
        "RetryPolicy",
        "TokenProvider",
    ),
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
