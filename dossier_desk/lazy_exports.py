"""Package-level names loaded on first use (PEP 562), so importing one light submodule does not pull in
every sibling.

Why: ``from dossier_desk.api.models import Dossier`` runs ``dossier_desk/api/__init__.py`` first; with
eager re-exports that imported httpx, and ``dossier_desk.auth`` imported MSAL, before the window could
paint its first rows from the cache. The packages keep their public names; each is imported from its
submodule the first time it is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, exports: Mapping[str, tuple[str, ...]]
) -> tuple[list[str], Callable[[str], Any], Callable[[], list[str]]]:
    """``__all__``, ``__getattr__`` and ``__dir__`` for ``package`` from ``{submodule: names}``."""
    where = {name: module for module, names in exports.items() for name in names}
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value  # the next lookup is an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *where})

    return sorted(where), __getattr__, __dir__
