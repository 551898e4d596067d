"""``dossier-sandbox`` options for the tenant (environments, companies, extension) and the sign-in
provider (claims, roles, consent), mapped onto ``SandboxConfig`` fields of the same meaning."""

from __future__ import annotations

import argparse
from typing import Any


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(",") if n.strip())


def add_tenant_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("tenant and sign-in provider")
    group.add_argument(
        "--environments",
        type=_names,
        default=("Production",),
        metavar="A,B",
        help="environments of the tenant (default: Production)",
    )
    group.add_argument(
        "--companies",
        type=_names,
        default=("CRONUS Nederland BV",),
        metavar="A,B",
        help="companies in every environment; the first holds the seeded data",
    )
    group.add_argument(
        "--extension-missing-in",
        type=_names,
        default=(),
        metavar="A,B",
        help="environments without the Dynamics Dossier extension",
    )
    group.add_argument("--extension-version", default="1.0.0.0", help="version the admin center reports")
    group.add_argument(
        "--omit-claims",
        type=_names,
        default=(),
        metavar="C,D",
        help="claims left out of tokens, e.g. preferred_username,upn,name",
    )
    group.add_argument(
        "--no-roles-claim",
        action="store_true",
        help="tokens without a roles claim (as Entra ID tokens for BC)",
    )
    group.add_argument(
        "--refresh-requires-consent",
        action="store_true",
        help="refresh tokens only when sign-in asked prompt=consent",
    )


def tenant_options(args: argparse.Namespace) -> dict[str, Any]:
    """``SandboxConfig`` keyword arguments from the parsed options."""
    return {
        "environments": args.environments,
        "companies": args.companies,
        "extension_missing_in": args.extension_missing_in,
        "extension_version": args.extension_version,
        "id_token_omit_claims": args.omit_claims,
        "access_token_roles": not args.no_roles_claim,
        "refresh_requires_consent": args.refresh_requires_consent,
    }
