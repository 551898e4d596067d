"""One interactive PKCE sign-in through MSAL's own loopback listener, abortable from any thread.

``LoopbackSignIn.run`` is blocking (run it in an executor): it starts MSAL's ``AuthCodeReceiver`` on
``http://localhost:<port>``, builds the authorization request with
``initiate_auth_code_flow(response_mode="form_post")`` (PKCE S256, state, nonce), hands the URL
to the :class:`~dossier_desk.auth.browser.BrowserDriver`, waits for the browser to POST the
response back, and redeems the code with ``acquire_token_by_auth_code_flow``.

``abort(reason)`` ends a waiting sign-in at once, by doing what a provider's error page does:
POSTing ``error=...&state=...`` to the listener. MSAL's listener then returns normally, so no
thread is left blocked and MSAL's own timeout (a RuntimeError on a daemon thread) never fires.
"""

from __future__ import annotations

import http.client
import logging
import threading
from typing import Any
from urllib.parse import urlencode

import msal
from msal.oauth2cli.authcode import AuthCodeReceiver

from dossier_desk.auth.browser import BrowserDriver

log = logging.getLogger(__name__)

ABORT_ERROR = "dossier_desk_aborted"
_SAFETY_MARGIN_S = 60  # MSAL's own listener timeout, only reached if an abort could not be delivered


class LoopbackSignIn:
    """A single use sign-in; create, ``run()`` on a worker thread, ``abort()`` from anywhere."""

    def __init__(
        self,
        app: msal.PublicClientApplication,
        scopes: list[str],
        browser: BrowserDriver,
        *,
        timeout_s: float,
        login_hint: str | None = None,
        prompt: str | None = None,
    ) -> None:
        self._app = app
        self._scopes = scopes
        self._browser = browser
        self._timeout_s = timeout_s
        self._login_hint = login_hint
        self._prompt = prompt
        self._lock = threading.Lock()
        self._state: str | None = None
        self._port: int | None = None
        self._done = False
        self.abort_reason: str | None = None

    def run(self) -> dict[str, Any]:
        """Blocking. Returns MSAL's result dict (tokens, or ``error``/``error_description``)."""
        with AuthCodeReceiver(port=0) as receiver:
            port = receiver.get_port()
            flow = self._app.initiate_auth_code_flow(
                self._scopes,
                redirect_uri=f"http://localhost:{port}",
                login_hint=self._login_hint,
                prompt=self._prompt,
                response_mode="form_post",
            )
            with self._lock:
                self._port, self._state = port, flow["state"]
                aborted = self.abort_reason is not None
            if aborted:
                return {"error": ABORT_ERROR, "error_description": "The sign-in was aborted."}
            self._browser.open(flow["auth_uri"])
            response = receiver.get_auth_response(
                timeout=self._timeout_s + _SAFETY_MARGIN_S, state=flow["state"]
            )
            with self._lock:
                self._done = True
            if not response:
                return {"error": "timeout", "error_description": "No sign-in response arrived."}
            if response.get("error") == ABORT_ERROR:
                return {"error": ABORT_ERROR, "error_description": "The sign-in was aborted."}
            return self._app.acquire_token_by_auth_code_flow(flow, response, scopes=self._scopes)

    def abort(self, reason: str) -> None:
        """Stop a pending sign-in (blocking network call to the loopback listener; short)."""
        with self._lock:
            if self.abort_reason is None:
                self.abort_reason = reason
            port, state, done = self._port, self._state, self._done
        if port is None or state is None or done:
            return  # not listening yet (run() checks abort_reason) or already finished
        body = urlencode({"error": ABORT_ERROR, "error_description": reason, "state": state})
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request(
                "POST", "/", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
            )
            connection.getresponse().read()
        except OSError:
            log.debug("The sign-in listener had already stopped.")
        finally:
            connection.close()
