"""HTML pages of the sandbox's identity provider (user chooser, form_post response, device login).

The markup is deliberately plain and stable: ``DemoBrowser`` (``dossier_desk.auth.demo_browser``)
drives these pages in-process by reading the forms, so every actionable element is a ``<form>``
with hidden inputs and named submit buttons. Every dynamic value is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from dossier_sandbox.users import DemoUser

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:34em;margin:3em auto;color:#222}"
    "button{display:block;width:100%;margin:.4em 0;padding:.6em;font-size:1em;text-align:left}"
    "button.deny{text-align:center;background:#eee}"
    "input[type=text]{font-size:1.3em;letter-spacing:.15em;padding:.3em;width:100%}"
    ".muted{color:#666;font-size:.9em}"
)


def _page(title: str, body: str, *, onload: str = "") -> str:
    onload_attr = f' onload="{onload}"' if onload else ""
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body{onload_attr}>{body}</body></html>"
    )


def _hidden(fields: Mapping[str, str]) -> str:
    return "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in fields.items())


def _user_buttons(users: Iterable[DemoUser]) -> str:
    return "".join(
        f'<button type="submit" name="username" value="{escape(u.username)}">'
        f"{escape(u.display_name)}<br><span class='muted'>{escape(u.username)}</span></button>"
        for u in users
    )


def chooser_page(*, action: str, request_id: str, client_id: str, users: Iterable[DemoUser]) -> str:
    """The "choose demo user" page of the authorize endpoint; a deny button cancels."""
    body = (
        "<h1>Dynamics Dossier sandbox</h1>"
        f"<p>The application <b>{escape(client_id)}</b> wants to sign you in. Choose a demo user:</p>"
        f'<form id="choose" method="post" action="{escape(action)}">'
        f"{_hidden({'request_id': request_id})}{_user_buttons(users)}"
        '<button class="deny" type="submit" name="decision" value="deny">Cancel</button>'
        "</form>"
    )
    return _page("Sign in - Dossier sandbox", body)


def form_post_page(redirect_uri: str, fields: Mapping[str, str]) -> str:
    """An auto-submitting form that POSTs the authorization response to the client's redirect URI."""
    body = (
        f'<form id="response" method="post" action="{escape(redirect_uri)}">{_hidden(fields)}'
        "<noscript><p>Press Continue to return to the application.</p>"
        '<button type="submit">Continue</button></noscript></form>'
    )
    return _page("Returning to the application", body, onload="document.forms[0].submit()")


def error_page(title: str, message: str) -> str:
    """A page shown when the request cannot be answered to the client (e.g. bad redirect URI)."""
    return _page(title, f"<h1>{escape(title)}</h1><p>{escape(message)}</p>")


def device_login_page(
    *, action: str, users: Iterable[DemoUser], user_code: str = "", message: str = ""
) -> str:
    """The verification page of the device code flow: enter the code, pick a demo user (or deny)."""
    note = f"<p><b>{escape(message)}</b></p>" if message else ""
    body = (
        "<h1>Dynamics Dossier sandbox - device sign-in</h1>"
        f"{note}<p>Enter the code shown by the application, then choose a demo user.</p>"
        f'<form id="device" method="post" action="{escape(action)}">'
        f'<input type="text" name="user_code" autocomplete="off" value="{escape(user_code)}" autofocus>'
        f"{_user_buttons(users)}"
        '<button class="deny" type="submit" name="decision" value="deny">Deny</button>'
        "</form>"
    )
    return _page("Device sign-in - Dossier sandbox", body)


def device_done_page(approved: bool) -> str:
    """Shown after the user approved or denied a device code."""
    if approved:
        return _page("Signed in", "<h1>Signed in</h1><p>You can close this window and return to the app.</p>")
    return _page("Sign-in denied", "<h1>Sign-in denied</h1><p>The application will not be signed in.</p>")


def signed_out_page() -> str:
    """Shown by the logout endpoint when there is nowhere to redirect to."""
    return _page("Signed out", "<h1>Signed out</h1><p>You have been signed out of the sandbox.</p>")
