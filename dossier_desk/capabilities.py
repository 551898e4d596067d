"""Compatibility name for :mod:`dossier_desk.domain.rights` (the rights now live in the domain package)."""

from __future__ import annotations

from dossier_desk.domain.rights import DEFAULT_RIGHTS, Rights, resolve_rights

Capabilities = Rights
DEFAULT_CAPABILITIES = DEFAULT_RIGHTS


def capabilities_from_token(access_token: str) -> Rights:
    """Rights from the token alone (no server or profile knowledge yet)."""
    return resolve_rights(access_token)
