"""What the commands without a window share: exit codes, the profile, silent sign-in, output."""

from __future__ import annotations

import enum
import json
import sys
from dataclasses import dataclass, field
from typing import Any

from dossier_desk.config import Profile, ProfileError, ProfileStore


class Exit(enum.IntEnum):
    """Process exit codes of ``doctor`` and ``sync`` (documented in ``--help`` and the README)."""

    OK = 0
    PROBLEM = 1  # a check failed, or a sync ended with an error other than those below
    USAGE = 2  # wrong arguments (argparse's own code)
    SIGN_IN = 3  # no usable sign-in for the profile: open the app and sign in
    UNREACHABLE = 4  # the server or the sign-in service cannot be reached (offline, proxy, TLS)
    SETUP = 5  # unknown profile, company not found, extension missing or incompatible


@dataclass
class Check:
    """One finding of the doctor: ``status`` is ok, warn, fail or skip; ``exit`` the code a failure means."""

    name: str
    status: str
    detail: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    exit: Exit = Exit.OK


EXIT_CODES_HELP = """exit codes:
  0  all well
  1  a problem was found (see the output)
  2  wrong usage
  3  sign-in needed: open Dossier Desk on this profile and sign in
  4  the server or the sign-in service cannot be reached (network, proxy, TLS)
  5  the profile does not fit its environment (unknown profile, company not found,
     Dynamics Dossier extension missing or incompatible)
"""


def load_profile(name: str | None, store: ProfileStore | None = None) -> Profile:
    """The named profile; without a name the last one used, or the only one. Raises ProfileError."""
    store = store or ProfileStore()
    if name:
        return store.get(name)
    last = store.last_used()
    if last:
        return store.get(last)
    profiles = store.load()
    if len(profiles) == 1:
        return profiles[0]
    known = ", ".join(p.name for p in profiles) or "none yet"
    raise ProfileError(f"Choose a profile with --profile NAME (known profiles: {known}).")


def emit(data: dict[str, Any], lines: list[str], as_json: bool) -> None:
    """Print the result: JSON (one object) or human-readable lines."""
    if as_json:
        json.dump(data, sys.stdout, indent=2, sort_keys=True, default=str)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
