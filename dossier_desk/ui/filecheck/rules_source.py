"""Loads the file check rules: the built-in JSON (a package resource, so the frozen build has it) and
the profile's override (a file path or inline JSON). A broken override is reported, never fatal: the
built-in rules stay in force."""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path
from typing import Any

from dossier_desk.domain.filecheck import FileCheckRules, RulesError, rules_for

log = logging.getLogger(__name__)


def builtin_rules_data() -> dict[str, Any]:
    text = resources.files("dossier_desk.domain").joinpath("filecheck_rules.json").read_text(encoding="utf-8")
    return json.loads(text)


class RulesSource:
    """``rules(dossier_type)`` for the file check; ``problem`` is "" or why the override was ignored."""

    def __init__(self, override_setting: str = "") -> None:
        self._data = builtin_rules_data()
        self._override: dict[str, Any] | None = None
        self.problem = ""
        setting = override_setting.strip()
        if setting:
            try:
                text = setting if setting.startswith("{") else Path(setting).expanduser().read_text("utf-8")
                self._override = json.loads(text)
                rules_for(self._data, "", self._override)  # validate once, up front
            except (OSError, ValueError) as exc:  # RulesError and JSONDecodeError are ValueErrors
                log.info("file check rules override ignored (%s)", type(exc).__name__)
                self.problem = str(exc)
                self._override = None
        self._by_type: dict[str, FileCheckRules] = {}

    def rules(self, dossier_type: str) -> FileCheckRules:
        found = self._by_type.get(dossier_type)
        if found is None:
            try:
                found = rules_for(self._data, dossier_type, self._override)
            except RulesError as exc:  # a per-type entry of the override is broken: built-in rules
                self.problem = str(exc)
                found = rules_for(self._data, dossier_type)
            self._by_type[dossier_type] = found
        return found
