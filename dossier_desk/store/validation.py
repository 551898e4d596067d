"""Local checks of a dossier edit before it is queued, so obvious mistakes show at once.

The rules are the domain's (:mod:`dossier_desk.domain.dossier_rules`), the same the form applies; the
store refuses an edit they find fault with. The server validates again: these checks only catch what
can be known offline. Problems are codes; the UI words them in the user's language.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from dossier_desk.api.models import Dossier
from dossier_desk.domain.dossier_rules import DossierEdits, DossierField, Problem, validate_edits


class LocalValidationError(ValueError):
    """The edit was refused before queuing; ``problems`` says what is wrong, field by field."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(f"{p.field or '-'}: {p.code}" for p in self.problems))

    @property
    def fields(self) -> list[DossierField]:
        """The fields with a problem, in order."""
        return [p.field for p in self.problems if p.field is not None]


def typed_edits(edits: Mapping[Any, Any]) -> dict[DossierField, Any]:
    """``edits`` with :class:`DossierField` keys; ``ValueError`` for a name that is not an editable field
    (a programming error: the UI offers only editable fields)."""
    return {DossierField(name): value for name, value in edits.items()}


def validate_dossier_edits(
    edits: DossierEdits,
    *,
    current: Dossier | None,
    type_codes: Collection[str],
    contact_nos: Collection[str],
) -> None:
    """Raise :class:`LocalValidationError` when ``edits`` cannot be right.

    ``current`` is the dossier being edited (``None`` for a create). Empty ``type_codes`` /
    ``contact_nos`` (reference data not synced yet) skip those checks.
    """
    problems = validate_edits(edits, current=current, type_codes=type_codes, contact_nos=contact_nos)
    if problems:
        raise LocalValidationError(problems)
