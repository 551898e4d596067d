"""Who shows the identity provider's sign-in page: the :class:`BrowserDriver` seam.

MSAL's loopback listener waits for the browser to POST the authorization response back; the
driver's only job is to get the user (or, in demo mode, a scripted user) to the authorize URL.
``open`` is called from a worker thread and must return promptly.
"""

from __future__ import annotations

import logging
import threading
import webbrowser
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger(__name__)


class BrowserDriver(Protocol):
    """Opens the authorize URL. Must not block: do slow work on another thread."""

    def open(self, url: str) -> None: ...


class SystemBrowser:
    """The user's default browser (``webbrowser``), launched from a daemon thread.

    Some browsers ``webbrowser`` knows (console browsers) block until closed, which would keep the
    loopback listener from ever receiving the response, hence the thread. When no browser can be
    started, ``on_unavailable(url)`` is called (from that thread) so the UI can show the link.
    """

    def __init__(self, on_unavailable: Callable[[str], None] | None = None) -> None:
        self._on_unavailable = on_unavailable

    def open(self, url: str) -> None:
        threading.Thread(target=self._launch, args=(url,), name="sign-in-browser", daemon=True).start()

    def _launch(self, url: str) -> None:
        try:
            opened = webbrowser.open(url, new=1)
        except webbrowser.Error:
            opened = False
        if not opened:
            log.warning("No web browser could be started for the sign-in page.")
            if self._on_unavailable is not None:
                self._on_unavailable(url)
