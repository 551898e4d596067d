"""Locale-aware sort keys for names (QCollator), made once per row rather than per comparison."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCollator, QCollatorSortKey, QLocale, Qt


def name_collation(locale: QLocale | None = None) -> Callable[[str], QCollatorSortKey]:
    """``sortKey`` of a case-insensitive collator for ``locale`` (the UI locale by default).

    A "C" locale gets English (Unicode root) order. Numeric mode puts "Contact 2" before "Contact 10";
    the keys compare in C++ with ``<``.
    """
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        # "C" (no LANG set) collates by code point, putting "Çelik" after "Zola": use the root order.
        locale = QLocale(QLocale.Language.English)
    collator = QCollator(locale)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator.sortKey
