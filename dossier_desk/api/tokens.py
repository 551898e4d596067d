"""Simple :class:`~dossier_desk.api.transport.TokenProvider` implementations.

The app signs in through ``dossier_desk.auth``; these cover the cases without MSAL: a fixed token
(scripts, smoke tests) and a callback (the bundled sandbox's demo mode mints tokens directly).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable


class CallbackTokenProvider:
    """Calls ``issue()`` for a token, caches it, and calls it again on ``force_refresh``.

    ``issue`` may be sync or async; a sync one runs in a worker thread so it may block.
    """

    def __init__(self, issue: Callable[[], str] | Callable[[], Awaitable[str]]) -> None:
        self._issue = issue
        self._token: str | None = None
        self._lock = asyncio.Lock()
        self.issued = 0

    async def get_token(self, *, force_refresh: bool = False) -> str:
        """The cached token, or a new one when there is none or ``force_refresh`` is set."""
        async with self._lock:
            if self._token is None or force_refresh:
                if inspect.iscoroutinefunction(self._issue):
                    token = await self._issue()
                else:
                    token = await asyncio.to_thread(self._issue)
                if not isinstance(token, str) or not token:
                    raise ValueError("the token callback returned no token")
                self._token = token
                self.issued += 1
            return self._token


class StaticTokenProvider:
    """Always the same token (a refresh cannot help: a 401 then becomes ``AuthenticationError``)."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("empty token")
        self._token = token

    async def get_token(self, *, force_refresh: bool = False) -> str:
        """The fixed token."""
        return self._token
