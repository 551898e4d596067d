"""The bundled sandbox Dynamics Dossier service (demo mode, tests, benchmarks). No Qt here."""

from dossier_sandbox.config import FaultConfig, SandboxConfig
from dossier_sandbox.server import SandboxServer
from dossier_sandbox.variants import VARIANTS

__all__ = ["VARIANTS", "FaultConfig", "SandboxConfig", "SandboxServer"]
