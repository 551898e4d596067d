"""Bearer-token checks and the role rules of docs/INTERFACES.md ("Roles and confidentiality").

The gate (``gate.py``) authenticates each API request once and stores the :class:`Principal` in the
ASGI scope; routes ask this module what that principal may see and do.
"""

from __future__ import annotations

from starlette.requests import Request

from dossier_sandbox.entities import DOSSIER_BLANKED, DOSSIERS, EntitySet
from dossier_sandbox.errors import ApiError
from dossier_sandbox.query import Scope
from dossier_sandbox.tokens import InvalidTokenError, Principal, TokenService

PRINCIPAL_KEY = "dossier.principal"


def authenticate(authorization: str | None, tokens: TokenService) -> Principal:
    """The principal behind an ``Authorization`` header, or :class:`ApiError` 401 with WWW-Authenticate."""
    if not authorization:
        raise unauthorized("No bearer token was sent.")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("The Authorization header must be 'Bearer <token>'.")
    try:
        return tokens.validate(token.strip())
    except InvalidTokenError as exc:
        raise unauthorized(str(exc)) from exc


def unauthorized(reason: str) -> ApiError:
    quoted = reason.replace('"', "'")
    return ApiError(
        401,
        reason,
        code="Unauthorized",
        headers={"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{quoted}"'},
    )


def principal(request: Request) -> Principal:
    """The authenticated principal of this request (set by the gate; batches pass it on)."""
    found = request.scope.get(PRINCIPAL_KEY)
    if found is None:  # only reachable if a route is mounted outside the gate
        raise unauthorized("No bearer token was sent.")
    return found


def require_write(request: Request) -> Principal:
    """The principal, if their role may write; else 403."""
    who = principal(request)
    if not who.user.can_write:
        raise ApiError(
            403,
            f"The role '{who.user.role}' has read-only access to Dynamics Dossier.",
            code="Forbidden",
        )
    return who


def dossier_set(who: Principal) -> EntitySet:
    """Dossiers as ``who`` sees them (medical details blanked for roles without access)."""
    return DOSSIERS if who.user.sees_medical_details else DOSSIER_BLANKED


def dossier_scope(who: Principal) -> Scope:
    """Dossiers above the user's clearance do not exist for them."""
    return Scope().add("confidentiality_level <= ?", who.user.clearance)


def document_scope(who: Principal) -> Scope:
    """Documents visible to ``who``: parent dossier within clearance; medical/confidential ones only for
    the occupational-health role."""
    scope = Scope().add(
        "dossier_id IN (SELECT id FROM dossiers WHERE confidentiality_level <= ?)", who.user.clearance
    )
    if not who.user.sees_medical_documents:
        scope.add("document_type <> 'Medical' AND confidential = 0")
    return scope
