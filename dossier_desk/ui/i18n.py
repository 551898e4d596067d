"""Installing the Dutch (or any shipped) translation for a locale.

Translations are compiled ``.qm`` files in ``resources/translations`` named ``dossier_desk_<lang>.qm``.
Qt's own strings (standard dialog buttons) come from Qt's ``qtbase_<lang>.qm`` when the wheel ships it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)
TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
SUPPORTED_LANGUAGES = ("en", "nl")
LANGUAGE_KEY = "ui/language"  # the user's choice in Preferences (ui.preferences)


def stored_language(settings: QSettings | None = None) -> str | None:
    """The chosen language code ("en", "nl"), or None for the system's."""
    value = (settings or QSettings()).value(LANGUAGE_KEY, "")
    return value if value in SUPPORTED_LANGUAGES else None


class Installed(list[QTranslator]):
    """The translators :func:`install_translators` installed, and the default locale it replaced."""

    def __init__(self, previous_locale: QLocale) -> None:
        super().__init__()
        self.previous_locale = previous_locale


def install_translators(
    app: QCoreApplication, locale: QLocale | None = None, *, directory: Path = TRANSLATIONS_DIR
) -> Installed:
    """Install our and Qt's translators for ``locale`` (default: the OS locale), and make it Qt's
    default locale (number and date formats follow the UI language).

    Returns the installed translators; the caller keeps them alive (Qt does not own them) and can
    undo it all with :func:`remove_translators` to switch language. English needs none.
    """
    locale = locale or QLocale()
    installed = Installed(QLocale())
    QLocale.setDefault(locale)
    ours = QTranslator(app)
    if ours.load(locale, "dossier_desk", "_", str(directory)):
        app.installTranslator(ours)
        installed.append(ours)
    elif locale.language() not in (QLocale.Language.English, QLocale.Language.C):
        log.info("no translation for %s, using English", locale.name())
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translators(app: QCoreApplication, translators: Installed) -> None:
    """Undo :func:`install_translators`: remove its translators and give back the default locale."""
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(translators.previous_locale)


def locale_for(language: str | None) -> QLocale:
    """The settings override ("en", "nl") or the OS locale when blank/unknown."""
    if language == "nl":
        return QLocale("nl_NL")
    if language == "en":
        return QLocale("en_GB")
    system = QLocale.system()
    # An unset/POSIX locale (LANG=C, common on Linux servers and CI) would give dates like "8 05 2024".
    return QLocale("en_GB") if system.language() == QLocale.Language.C else system
