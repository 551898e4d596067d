"""What a profile means to the sign-in and API layers (no Qt): shared by the app and the commands
without a window (``doctor``, ``sync --once``), so both sign in with the same token cache."""

from __future__ import annotations

from pathlib import Path

from dossier_desk.api.profile import ApiProfile
from dossier_desk.auth.config import AuthConfig
from dossier_desk.config import Profile
from dossier_desk.store.paths import make_private_dir, profile_root


def auth_config_for(profile: Profile) -> AuthConfig:
    """MSAL settings of a profile; the token cache sits in the profile's private data directory."""
    root = make_private_dir(profile_root(profile.name))
    return AuthConfig(
        client_id=profile.client_id,
        authority=profile.authority,
        cache_path=root / "token_cache.bin",
        scopes=profile.scopes,
        oidc=profile.oidc_authority,
        ca_cert_path=Path(profile.ca_cert_path) if profile.ca_cert_path else None,
        enable_broker=not profile.demo,
        instance_discovery=not profile.oidc_authority,
        prompt_consent=profile.prompt_consent,
    )


def api_profile_for(profile: Profile) -> ApiProfile:
    """The API endpoint of a profile (its pinned CA certificate, if it has one)."""
    verify: bool | Path = Path(profile.ca_cert_path) if profile.ca_cert_path else True
    return ApiProfile(profile.api_root, profile.company_id, verify, profile.companies_url)
