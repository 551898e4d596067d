"""An API client made at its first use, so that a window can paint its cached data before the network
stack (httpx, TLS, the client's modules: about a tenth of a second) is imported.

:class:`DeferredApi` stands for a :class:`~dossier_desk.api.client.DossierApi`: the first attribute
asked for builds it with the factory it was given (an error there is raised to that caller), and
every later call goes to it. Closing one that was never used imports nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from dossier_desk.api.client import DossierApi


class DeferredApi:
    """A :class:`DossierApi` built by ``make()`` when it is first used."""

    def __init__(self, make: Callable[[], DossierApi]) -> None:
        self._make = make
        self._api: DossierApi | None = None
        self._closed = False

    @property
    def built(self) -> bool:
        """Whether the client exists yet (it has been used)."""
        return self._api is not None

    @property
    def api(self) -> DossierApi:
        """The client, built now if this is its first use."""
        if self._api is None:
            if self._closed:
                raise RuntimeError("the API client is closed")
            self._api = self._make()
        return self._api

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends probe for these: never build for them
            raise AttributeError(name)
        return getattr(self.api, name)

    async def aclose(self) -> None:
        """Close the client if it was ever built; later use raises."""
        self._closed = True
        if self._api is not None:
            await self._api.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
