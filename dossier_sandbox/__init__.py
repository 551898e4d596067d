"""The bundled sandbox Dynamics Dossier service (demo mode, tests, benchmarks). No Qt here.

The server needs the ``sandbox`` extra (Starlette, uvicorn, python-multipart, PyJWT); ``SandboxServer``
is imported on first use, so the configuration, the variants and the demo users can be imported
without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dossier_sandbox.config import FaultConfig, SandboxConfig
from dossier_sandbox.variants import VARIANTS

if TYPE_CHECKING:
    from dossier_sandbox.server import SandboxServer

__all__ = ["VARIANTS", "FaultConfig", "SandboxConfig", "SandboxServer"]


def __getattr__(name: str) -> Any:
    if name == "SandboxServer":
        from dossier_sandbox.server import SandboxServer

        return SandboxServer
    raise AttributeError(f"module 'dossier_sandbox' has no attribute {name!r}")
