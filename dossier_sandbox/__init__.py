"""The bundled sandbox Dynamics Dossier service (demo mode, tests, benchmarks). No Qt here."""

from dossier_sandbox.config import FaultConfig, SandboxConfig
from dossier_sandbox.server import SandboxServer

__all__ = ["FaultConfig", "SandboxConfig", "SandboxServer"]
