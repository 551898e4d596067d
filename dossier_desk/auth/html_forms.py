"""A tiny HTML form reader, enough to drive the sandbox's sign-in pages without a browser.

Only ``<form>``, ``<input>`` and ``<button>`` matter: the demo browser reads the chooser page's
forms and the identity provider's auto-submitting ``form_post`` response, then submits them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin


@dataclass
class HtmlForm:
    """One form: where it goes, its hidden/text fields and its named submit buttons."""

    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (name, value) of submit buttons

    def submission(self, button: tuple[str, str] | None = None, **overrides: str) -> dict[str, str]:
        """The form data a browser would send when ``button`` is pressed, with ``overrides`` typed in."""
        data = dict(self.fields)
        data.update(overrides)
        if button is not None:
            name, value = button
            data[name] = value
        return data

    def button(self, name: str, value: str) -> tuple[str, str] | None:
        """The submit button with this name and value, if the form has one."""
        return (name, value) if (name, value) in self.buttons else None


class _FormParser(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.forms: list[HtmlForm] = []
        self._current: HtmlForm | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            action = urljoin(self.base_url, a.get("action", "") or self.base_url)
            self._current = HtmlForm(action=action, method=a.get("method", "get").upper())
            self.forms.append(self._current)
            return
        if self._current is None or "name" not in a:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("hidden", "text", "password", "email"):
                self._current.fields[a["name"]] = a.get("value", "")
            elif kind == "submit":
                self._current.buttons.append((a["name"], a.get("value", "")))
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._current.buttons.append((a["name"], a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def parse_forms(html: str, base_url: str = "") -> list[HtmlForm]:
    """Every form in ``html``; relative actions are resolved against ``base_url``."""
    parser = _FormParser(base_url)
    parser.feed(html)
    parser.close()
    return parser.forms
