"""Translated captions for the API's enumeration values.

The server sends English BC captions ("In Process"); filters, sorting and the cache keep those. Only the
text a person reads is translated, and an unknown caption from a newer server is shown as sent.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "Vocabulary"

# lupdate reads these markers; the tuples are never shown directly.
_MARKED = (
    QT_TRANSLATE_NOOP("Vocabulary", "New"),
    QT_TRANSLATE_NOOP("Vocabulary", "Open"),
    QT_TRANSLATE_NOOP("Vocabulary", "In Process"),
    QT_TRANSLATE_NOOP("Vocabulary", "Closed"),
    QT_TRANSLATE_NOOP("Vocabulary", "Archived"),
    QT_TRANSLATE_NOOP("Vocabulary", "Low"),
    QT_TRANSLATE_NOOP("Vocabulary", "Normal"),
    QT_TRANSLATE_NOOP("Vocabulary", "High"),
    QT_TRANSLATE_NOOP("Vocabulary", "Absence"),
    QT_TRANSLATE_NOOP("Vocabulary", "Medical"),
    QT_TRANSLATE_NOOP("Vocabulary", "Reintegration"),
    QT_TRANSLATE_NOOP("Vocabulary", "Examination"),
    QT_TRANSLATE_NOOP("Vocabulary", "Safety"),
    # Document types ("Medical" is above).
    QT_TRANSLATE_NOOP("Vocabulary", "Administrative"),
    QT_TRANSLATE_NOOP("Vocabulary", "Legal"),
)


def caption(value: str) -> str:
    """The caption of an enum value in the UI language (the value itself when unknown)."""
    return QCoreApplication.translate(_CONTEXT, value) if value else ""


display_status = caption
display_priority = caption
display_category = caption
display_document_type = caption
