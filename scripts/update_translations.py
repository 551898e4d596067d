# ruff: noqa: E501 - a translation table reads best with one pair per line
"""Regenerate ``resources/translations/dossier_desk_nl.ts`` from the sources and compile the ``.qm``.

``pyside6-lupdate`` extracts every ``tr()`` / ``QT_TRANSLATE_NOOP`` string; this script then fills in
the Dutch text from :data:`DUTCH` (strings missing there are reported and left unfinished) and runs
``pyside6-lrelease``. Run: ``uv run python scripts/update_translations.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "dossier_desk_nl.ts"
# The main-window widgets. Other ui packages (documents, workflow, sign-in...) can be added here once
# their Dutch strings are in DUTCH; until then they show English.
SOURCES = [
    "dossier_desk/ui/models",
    "dossier_desk/ui/views",
    "dossier_desk/ui/dialogs/dossier_dialog.py",
    "dossier_desk/ui/dialogs/delete_dialog.py",
    "dossier_desk/ui/main_window.py",
]

DUTCH: dict[str, str | tuple[str, str]] = {
    "%1 is archived. Archived dossiers are read-only and cannot be deleted.": "%1 is gearchiveerd. Gearchiveerde dossiers zijn alleen-lezen en kunnen niet worden verwijderd.",
    "%1 of %2": "%1 van %2",
    "%1 requests left": "nog %1 verzoeken",
    "%1 · %2": "%1 · %2",
    "%1…": "%1…",
    "%1… %2 of %3": "%1… %2 van %3",
    "%n conflict(s)": ("%n conflict", "%n conflicten"),
    "%n failed": ("%n mislukt", "%n mislukt"),
    "%n pending": ("%n in wachtrij", "%n in wachtrij"),
    "&Clear filters": "Filters &wissen",
    "&Delete dossier…": "Dossier &verwijderen…",
    "&Detail pane": "&Detailvenster",
    "&Edit": "Be&werken",
    "&Edit dossier…": "Dossier &bewerken…",
    "&File": "&Bestand",
    "&Find": "&Zoeken",
    "&New dossier…": "&Nieuw dossier…",
    "&Quit": "&Afsluiten",
    "&Save": "&Opslaan",
    "&View": "Beel&d",
    "(choose a type)": "(kies een soort)",
    "Absence": "Verzuim",
    "All changes sent": "Alle wijzigingen verzonden",
    "All dossiers": "Alle dossiers",
    "Archived": "Gearchiveerd",
    "Archived dossiers are read-only.": "Gearchiveerde dossiers zijn alleen-lezen.",
    "Assigned by the number series": "Toegekend door de nummerreeks",
    "Case manager": "Casemanager",
    "Category": "Categorie",
    "Category:": "Categorie:",
    "Checking for deletions": "Verwijderingen controleren",
    "Choose a contact to see their dossiers.": "Kies een contact om de dossiers te zien.",
    "Choose a dossier type.": "Kies een dossiersoort.",
    "Choose the employee this dossier is about.": "Kies de medewerker om wie dit dossier gaat.",
    "Clear filters": "Filters wissen",
    "Closed": "Gesloten",
    "Closed dossiers can also be reopened instead.": "Een gesloten dossier kunt u ook heropenen.",
    "Closed this month": "Deze maand gesloten",
    "Columns": "Kolommen",
    "Confidentiality level": "Vertrouwelijkheid",
    "Connection state": "Verbindingsstatus",
    "Contact": "Contact",
    "Contact number or name": "Contactnummer of naam",
    "Contacts": "Contacten",
    "Create": "Aanmaken",
    "Date closed": "Sluitingsdatum",
    "Date closed:": "Sluitingsdatum:",
    "Date field": "Datumveld",
    "Date range": "Periode",
    "Date:": "Datum:",
    "Dates": "Datums",
    "Days open": "Dagen open",
    "Delete": "Verwijderen",
    "Delete %1?": "%1 verwijderen?",
    "Delete dossier": "Dossier verwijderen",
    "Delete view": "Weergave verwijderen",
    "Department": "Afdeling",
    "Description": "Omschrijving",
    "Details": "Gegevens",
    "Document date": "Documentdatum",
    "Dossier Desk": "Dossier Desk",
    "Dossier details": "Dossiergegevens",
    "Dossier type": "Dossiersoort",
    "Dossiers": "Dossiers",
    "Dossiers of %1 (%2)": "Dossiers van %1 (%2)",
    "Dossiers of the contact": "Dossiers van het contact",
    "Edit dossier %1": "Dossier %1 bewerken",
    "Email": "E-mail",
    "Ending date": "Einddatum",
    "Enter a description.": "Vul een omschrijving in.",
    "Examination": "Onderzoek",
    "External document no.:": "Extern documentnr.:",
    "From": "Van",
    "High": "Hoog",
    "In Process": "In behandeling",
    "Last sync %1": "Laatst gesynchroniseerd %1",
    "Low": "Laag",
    "Main": "Hoofdwerkbalk",
    "Medical": "Medisch",
    "My dossiers": "Mijn dossiers",
    "Name": "Naam",
    "Name of this view:": "Naam van deze weergave:",
    "New": "Nieuw",
    "New dossier": "Nieuw dossier",
    "New dossier for this &contact…": "Nieuw dossier voor dit &contact…",
    "New dossier for this contact…": "Nieuw dossier voor dit contact…",
    "Next deadline": "Volgende termijn",
    "No contact with this number is known.": "Er is geen contact met dit nummer bekend.",
    "No dossier selected": "Geen dossier geselecteerd",
    "No.": "Nr.",
    "Normal": "Normaal",
    "Not saved: please correct the marked fields.": "Niet opgeslagen: corrigeer de gemarkeerde velden.",
    "Not synced yet": "Nog niet gesynchroniseerd",
    "Number of dossiers shown": "Aantal getoonde dossiers",
    "Offline – changes are kept and sent later": "Offline – wijzigingen worden bewaard en later verzonden",
    "Online": "Online",
    "Open": "Open",
    "Open dossiers": "Open dossiers",
    "Our reference": "Onze referentie",
    "Outbox: open pending changes and conflicts": "Postvak uit: wachtende wijzigingen en conflicten openen",
    "Overdue": "Verlopen",
    "Dossiers you are the case manager of": "Dossiers waarvan u de casemanager bent",
    "Unfinished dossiers past their ending date or a deadline": "Lopende dossiers voorbij de einddatum of een termijn",
    "Dossiers that are New, Open or In Process": "Dossiers met status Nieuw, Open of In behandeling",
    "Dossiers closed since the 1st": "Dossiers gesloten sinds de 1e van de maand",
    "Pending sync – saved on this computer": "Wacht op synchronisatie – opgeslagen op deze computer",
    "Pending: local changes not yet synced": "In wachtrij: lokale wijzigingen nog niet gesynchroniseerd",
    "Priority": "Prioriteit",
    "Receiving changes": "Wijzigingen ophalen",
    "Receiving dossiers": "Dossiers ophalen",
    "Reintegration": "Re-integratie",
    "Remaining server requests": "Resterende serververzoeken",
    "Reset columns": "Kolommen herstellen",
    "Revert": "Herstellen",
    "Revert changes": "Wijzigingen ongedaan maken",
    "Right-click to choose columns": "Klik met de rechtermuisknop om kolommen te kiezen",
    "S&ync now": "Nu s&ynchroniseren",
    "Safety": "Veiligheid",
    "Save": "Opslaan",
    "Save (Ctrl+S)": "Opslaan (Ctrl+S)",
    "Save current view…": "Huidige weergave opslaan…",
    "Save dossier": "Dossier opslaan",
    "Save state": "Opslagstatus",
    "Save view": "Weergave opslaan",
    "Saved &views": "Opgeslagen &weergaven",
    "Saved views": "Opgeslagen weergaven",
    "Search contacts": "Contacten zoeken",
    "Search contacts by number, name or department…": "Zoek contacten op nummer, naam of afdeling…",
    "Search dossiers": "Dossiers zoeken",
    "Search number, description, contact, reference…": "Zoek op nummer, omschrijving, contact, referentie…",
    "Send changes and get the latest dossiers (F5)": "Wijzigingen verzenden en de nieuwste dossiers ophalen (F5)",
    "Sending changes": "Wijzigingen verzenden",
    "Show pending changes, conflicts and failures": "Wachtende wijzigingen, conflicten en fouten tonen",
    "Signed-in account and profile": "Aangemeld account en profiel",
    "Starting date": "Begindatum",
    "Status": "Status",
    "Sync failed at %1": "Synchronisatie mislukt om %1",
    "Sync failed: %1": "Synchronisatie mislukt: %1",
    "Sync progress": "Voortgang synchronisatie",
    "Sync state": "Synchronisatiestatus",
    "Synced": "Gesynchroniseerd",
    "The dossier, its documents and its workflow log are removed for everyone.": "Het dossier, de documenten en het workflowlogboek worden voor iedereen verwijderd.",
    "The ending date cannot be before the starting date.": "De einddatum kan niet vóór de begindatum liggen.",
    "The server did not accept the change.": "De server heeft de wijziging niet geaccepteerd.",
    "This dossier changed on the server while you were editing it.": "Dit dossier is op de server gewijzigd terwijl u het bewerkte.",
    "This dossier is closed. Change its status to reopen it.": "Dit dossier is gesloten. Wijzig de status om het te heropenen.",
    "This dossier was deleted.": "Dit dossier is verwijderd.",
    "To": "Tot",
    "Type": "Soort",
    "Unsaved changes": "Niet-opgeslagen wijzigingen",
    "Views": "Weergaven",
    "Work &offline": "&Offline werken",
    "Working offline": "Offline werken",
    "Your reference": "Uw referentie",
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
    subprocess.run(  # noqa: S603 - fixed tool from our own venv
        [lupdate, *files, "-no-obsolete", "-target-language", "nl_NL", "-ts", str(TS)], cwd=ROOT, check=True
    )
    tree = ET.parse(TS)  # noqa: S314 - our own file, just written by lupdate
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        dutch = DUTCH.get(source)
        if dutch is None:
            missing.append(source)
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
    subprocess.run([lrelease, str(TS)], cwd=ROOT, check=True)  # noqa: S603
    for source in missing:
        print(f"untranslated: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
