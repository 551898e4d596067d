"""What the start window (or the command line) chose: kept apart from the start window's flow, so a start
that opens the profile used last imports neither that flow nor the API client it uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dossier_desk.auth import BrowserDriver
    from dossier_desk.config import Profile

BrowserFactory = Callable[[str | None], "BrowserDriver"]


@dataclass(frozen=True)
class StartChoice:
    """Open ``profile``, or the demo (``demo=True``)."""

    profile: Profile | None = None
    demo: bool = False
