"""Demo mode's "browser": drives the sandbox's sign-in pages in-process, on its own thread.

Given the authorize URL MSAL built, it fetches the page over https (trusting the sandbox's
certificate), picks the chosen demo user on the chooser (or presses Cancel), takes the identity
provider's auto-submitting ``form_post`` page and POSTs it to MSAL's loopback listener, exactly
as a real browser would. It never talks to anything but the authority and a loopback listener.
"""

from __future__ import annotations

import logging
import ssl
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx

from dossier_desk.auth.html_forms import HtmlForm, parse_forms

log = logging.getLogger(__name__)
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


class DemoBrowserError(Exception):
    """The sign-in pages did not look as expected; the message is safe to show."""


class DemoBrowser:
    """Signs in as ``username`` (a demo user), or declines the sign-in when ``username`` is None."""

    def __init__(self, username: str | None, *, ca_cert_path: Path | None, timeout_s: float = 15.0) -> None:
        self.username = username
        self._verify: ssl.SSLContext | bool = (
            ssl.create_default_context(cafile=str(ca_cert_path)) if ca_cert_path else True
        )
        self._timeout_s = timeout_s
        self.finished = threading.Event()
        self.error: str | None = None

    def open(self, url: str) -> None:
        """Start the scripted sign-in on a daemon thread and return at once."""
        self.finished.clear()
        self.error = None
        threading.Thread(target=self._run, args=(url,), name="demo-browser", daemon=True).start()

    def _run(self, url: str) -> None:
        try:
            self._sign_in(url)
        except (httpx.HTTPError, DemoBrowserError) as exc:
            self.error = str(exc) if isinstance(exc, DemoBrowserError) else type(exc).__name__
            log.warning("Demo sign-in page failed: %s", self.error)
            self._report_failure(url)
        finally:
            self.finished.set()

    def _sign_in(self, url: str) -> None:
        with httpx.Client(verify=self._verify, trust_env=False, timeout=self._timeout_s) as client:
            page = client.get(url)
            form = self._single_form(page)
            if not _is_response_form(form):
                form = self._choose(client, form)
            self._post_response(client, form)

    def _choose(self, client: httpx.Client, chooser: HtmlForm) -> HtmlForm:
        if self.username is None:
            button = chooser.button("decision", "deny")
        else:
            button = chooser.button("username", self.username)
        if button is None:
            raise DemoBrowserError(f"the sign-in page offers no choice for {self.username or 'cancel'}")
        page = client.post(chooser.action, data=chooser.submission(button))
        form = self._single_form(page)
        if not _is_response_form(form):
            raise DemoBrowserError("the sign-in page did not answer with a response form")
        return form

    def _post_response(self, client: httpx.Client, form: HtmlForm) -> None:
        if urlsplit(form.action).hostname not in _LOOPBACK:
            raise DemoBrowserError("the response form does not point at the local sign-in listener")
        client.post(form.action, data=form.fields)  # MSAL's listener answers with its own page

    @staticmethod
    def _single_form(page: httpx.Response) -> HtmlForm:
        if page.status_code != 200:
            raise DemoBrowserError(f"the sign-in page answered HTTP {page.status_code}")
        forms = parse_forms(page.text, str(page.url))
        if len(forms) != 1:
            raise DemoBrowserError("the sign-in page is not the expected form")
        return forms[0]

    def _report_failure(self, url: str) -> None:
        """Tell MSAL's listener the sign-in failed so it stops waiting (like a provider error page)."""
        query = parse_qs(urlsplit(url).query)
        redirect, state = query.get("redirect_uri", [""])[0], query.get("state", [""])[0]
        if urlsplit(redirect).hostname not in _LOOPBACK or not state:
            return
        data = {"error": "server_error", "error_description": "The demo sign-in page failed.", "state": state}
        try:
            httpx.post(redirect, data=data, timeout=5.0, trust_env=False)
        except httpx.HTTPError:
            log.info("The sign-in listener was already gone.")


def _is_response_form(form: HtmlForm) -> bool:
    return form.method == "POST" and ("code" in form.fields or "error" in form.fields)
