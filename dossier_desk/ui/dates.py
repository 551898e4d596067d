"""One date format per locale: the table, documents, workflow log and deadline summary all show dates
in the UI locale's short format (ISO text stays for sorting and the wire)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

from dossier_desk.domain.deadlines import parse_iso_date


def format_date(value: date | None) -> str:
    """A date in the UI locale's short format ("" for none)."""
    if value is None:
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def format_iso(text: str) -> str:
    """An ISO date or date-time string in the UI locale's short format; unreadable text as it is."""
    value = parse_iso_date(text[:10]) if text else None
    return format_date(value) if value is not None else text
