# ruff: noqa: E501 - a translation table reads best with one pair per line
"""Dutch for the dossier rules' problem codes and the outbox's kept failures (merged into
``update_translations.DUTCH``)."""

from __future__ import annotations

DUTCH_RULES: dict[str, str | tuple[str, str]] = {
    "This field cannot be blank.": "Dit veld mag niet leeg zijn.",
    "At most %1 characters.": "Maximaal %1 tekens.",
    "This field cannot be changed.": "Dit veld kan niet worden gewijzigd.",
    "Enter a date as YYYY-MM-DD.": "Voer een datum in als JJJJ-MM-DD.",
    "Unknown status.": "Onbekende status.",
    "Unknown priority.": "Onbekende prioriteit.",
    "Enter a whole number of 0 or more.": "Voer een geheel getal van 0 of meer in.",
    "Unknown dossier type.": "Onbekend dossiertype.",
    "Comments are required for this step.": "Bij deze stap zijn opmerkingen verplicht.",
    "This change could not be sent because of an unexpected problem in Dossier Desk (%1). It is kept: retry it, or discard it.": "Deze wijziging kon niet worden verzonden door een onverwacht probleem in Dossier Desk (%1). Ze blijft bewaard: probeer het opnieuw of verwijder haar.",
}
