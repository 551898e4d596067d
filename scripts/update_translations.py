# ruff: noqa: E501 - a translation table reads best with one pair per line
"""Regenerate ``resources/translations/dossier_desk_nl.ts`` from the sources and compile the ``.qm``.

``pyside6-lupdate`` extracts every ``tr()`` / ``translate()`` / ``QT_TRANSLATE_NOOP`` string; this script
then fills in the Dutch text from :data:`DUTCH_IN_CONTEXT` or :data:`DUTCH` (strings missing there are
reported and left unfinished) and runs ``pyside6-lrelease``. Run: ``uv run python scripts/update_translations.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from translations_core import DUTCH_CORE
from translations_file_check import DUTCH_FILE_CHECK
from translations_rules import DUTCH_RULES
from translations_trust import DUTCH_TRUST
from translations_ui_polish import DUTCH_UI_POLISH, UI_POLISH_SOURCES

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "dossier_desk_nl.ts"
# Every ui module with user-visible text (tests/gui/test_i18n_coverage.py checks none is missing).
SOURCES = [
    "dossier_desk/ui/models",
    "dossier_desk/ui/views",
    "dossier_desk/ui/dialogs",
    "dossier_desk/ui/documents",
    "dossier_desk/ui/workflow",
    "dossier_desk/ui/filecheck",
    "dossier_desk/ui/sync_issues",
    "dossier_desk/ui/main_window.py",
    "dossier_desk/ui/workspace.py",
    "dossier_desk/ui/workspace_parts.py",
    "dossier_desk/ui/startup.py",
    "dossier_desk/ui/session",
    "dossier_desk/ui/errors.py",
    "dossier_desk/ui/api_messages.py",
    *UI_POLISH_SOURCES,
    "dossier_desk/ui/waiting_writes.py",
]

DUTCH: dict[str, str | tuple[str, str]] = dict(DUTCH_CORE)  # general texts

DUTCH.update(DUTCH_FILE_CHECK)  # deadlines, file check, at risk, re-integration file
DUTCH.update(DUTCH_TRUST)  # rights, restricted dossiers, upload visibility, workflow readability
DUTCH.update(DUTCH_UI_POLISH)  # closing safely, disk failures, safe open, damaged data, long messages
DUTCH.update(DUTCH_RULES)  # the dossier rules' problem codes

# The same English text that needs other Dutch in one context (checked before DUTCH).
DUTCH.update(
    {
        "%n change(s) by %1 are waiting for %1 to sign in.": (
            "%n wijziging van %1 wacht tot %1 zich aanmeldt.",
            "%n wijzigingen van %1 wachten tot %1 zich aanmeldt.",
        ),
        "another account": "een ander account",
        "Changes of other accounts": "Wijzigingen van andere accounts",
    }
)

# The start window (first start, switching profile or company).
DUTCH.update(
    {
        "Switch &profile or company…": "&Profiel of bedrijf wisselen…",
        "Work account": "Werkaccount",
        "Signing in…": "Aanmelden…",
        "Finish signing in in the sign-in window.": "Rond het aanmelden af in het aanmeldvenster.",
        "Looking for your Business Central environments…": "Uw Business Central-omgevingen worden opgezocht…",
        "Your account has no Business Central environments.": "Uw account heeft geen Business Central-omgevingen.",
        "Looking for the companies in {0}…": "De bedrijven in {0} worden opgezocht…",
        "The environment “{0}” has no companies you can open.": "De omgeving “{0}” heeft geen bedrijven die u kunt openen.",
        "Choose the company in {0}:": "Kies het bedrijf in {0}:",
        "Checking Dynamics Dossier in {0}…": "Dynamics Dossier in {0} wordt gecontroleerd…",
        "Dynamics Dossier is not installed in the environment “{0}” (company “{1}”). Ask your Business Central administrator to install the extension, or choose another environment or company.": "Dynamics Dossier is niet geïnstalleerd in de omgeving “{0}” (bedrijf “{1}”). Vraag uw Business Central-beheerder de extensie te installeren, of kies een andere omgeving of een ander bedrijf.",
        "The environment “{0}” has Dynamics Dossier {1}; Dossier Desk needs version {2} or later. Ask your Business Central administrator to update the extension.": "De omgeving “{0}” heeft Dynamics Dossier {1}; Dossier Desk heeft versie {2} of nieuwer nodig. Vraag uw Business Central-beheerder de extensie bij te werken.",
        "The Dynamics Dossier extension in the environment “{0}” (company “{1}”) is a version Dossier Desk cannot work with. Ask your Business Central administrator to update it.": "De Dynamics Dossier-extensie in de omgeving “{0}” (bedrijf “{1}”) is een versie waarmee Dossier Desk niet kan werken. Vraag uw Business Central-beheerder deze bij te werken.",
        "The demo is not part of this installation of Dossier Desk.": "De demo hoort niet bij deze installatie van Dossier Desk.",
        "production": "productie",
        "sandbox": "sandbox",
        "Welcome to Dossier Desk": "Welkom bij Dossier Desk",
        "Case files for HR and occupational health, on Business Central.": "Dossiers voor HR en de bedrijfsarts, op Business Central.",
        "Sign in with your work account: Dossier Desk finds your Business Central environments and companies. Or try it first on demo data, without an account.": "Meld u aan met uw werkaccount: Dossier Desk zoekt uw Business Central-omgevingen en bedrijven op. Of probeer het eerst met demogegevens, zonder account.",
        "&Sign in with your work account": "&Aanmelden met uw werkaccount",
        "Try the &demo": "&Demo proberen",
        "Or open a profile on this computer:": "Of open een profiel op deze computer:",
        "&Open profile": "Profiel &openen",
        "Other &company…": "Ander &bedrijf…",
        "&Back": "&Terug",
        "Choose the Business Central environment:": "Kies de Business Central-omgeving:",
        "&Next": "&Volgende",
        "Choose the company:": "Kies het bedrijf:",
        "&Open": "&Openen",
        "Set up for this computer by your IT department": "Voor deze computer ingesteld door uw IT-afdeling",
        "This Business Central environment has no companies you can open.": "Deze Business Central-omgeving heeft geen bedrijven die u kunt openen.",
        "The company “%1” of the profile “%2” does not exist in its environment.": "Het bedrijf “%1” van het profiel “%2” bestaat niet in zijn omgeving.",
    }
)

DUTCH_IN_CONTEXT: dict[tuple[str, str], str | tuple[str, str]] = {
    ("DocumentsTab", "Open"): "Openen",  # a button (verb); the status "Open" stays "Open"
}


def main() -> int:
    """Extract, translate, compile; exit status 1 when a string has no Dutch text."""
    bindir = Path(sys.executable).parent
    lupdate = shutil.which("pyside6-lupdate", path=str(bindir)) or "pyside6-lupdate"
    lrelease = shutil.which("pyside6-lrelease", path=str(bindir)) or "pyside6-lrelease"
    # lupdate scans directories for C++ only: pass the Python files one by one.
    files = [
        str(f.relative_to(ROOT)) for s in SOURCES for f in sorted((ROOT / s).rglob("*.py")) or [ROOT / s]
    ]
    subprocess.run(
        [lupdate, *files, "-no-obsolete", "-target-language", "nl_NL", "-ts", str(TS)], cwd=ROOT, check=True
    )
    tree = ET.parse(TS)
    missing = []
    messages = [
        (context.findtext("name") or "", message)
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    ]
    for context, message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        dutch = DUTCH_IN_CONTEXT.get((context, source), DUTCH.get(source))
        if dutch is None:
            missing.append(f"{context}: {source}")
            continue
        translation.attrib.pop("type", None)  # no longer "unfinished"
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            for form in dutch if isinstance(dutch, tuple) else (dutch, dutch):
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = dutch if isinstance(dutch, str) else dutch[0]
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([lrelease, str(TS)], cwd=ROOT, check=True)
    for source in missing:
        print(f"untranslated: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
