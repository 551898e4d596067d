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
from translations_file_check import DUTCH_FILE_CHECK
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
    "dossier_desk/ui/startup.py",
    "dossier_desk/ui/session",
    "dossier_desk/ui/errors.py",
    "dossier_desk/ui/api_messages.py",
    *UI_POLISH_SOURCES,
    "dossier_desk/ui/waiting_writes.py",
]

DUTCH: dict[str, str | tuple[str, str]] = {
    "The record is in a state that does not allow this change right now.": "Het dossier staat nu in een toestand die deze wijziging niet toestaat.",
    "The file is larger than the server accepts.": "Het bestand is groter dan de server accepteert.",
    "The server does not accept files of this type.": "De server accepteert geen bestanden van dit type.",
    "The server sent more data than the app accepts in one response.": "De server stuurde meer gegevens dan de app in één antwoord accepteert.",
    "The request was not carried out because an earlier one in the same batch failed.": "Het verzoek is niet uitgevoerd omdat een eerder verzoek in dezelfde batch mislukte.",
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
    "Sign &out…": "Af&melden…",
    "Dossier Desk is already open for the profile “%1”.": "Dossier Desk is al geopend voor het profiel “%1”.",
    "Dossier Desk could not start": "Dossier Desk kon niet starten",
    "This dossier was deleted. Your unsaved changes cannot be saved.": "Dit dossier is verwijderd. Uw niet-opgeslagen wijzigingen kunnen niet worden opgeslagen.",
    "This dossier was updated on the server; your unsaved changes are kept.": "Dit dossier is op de server bijgewerkt; uw niet-opgeslagen wijzigingen blijven behouden.",
    "“{0}” was deleted. Discard your unsaved changes?": "“{0}” is verwijderd. Uw niet-opgeslagen wijzigingen weggooien?",
    "Save your changes to “{0}” before opening another dossier?": "Uw wijzigingen in “{0}” opslaan voordat u een ander dossier opent?",
    "Saving a copy for the outbox": "Kopie voor het postvak uit wordt opgeslagen",
    "Saving…": "Opslaan…",
    "Outcome unknown — check the documents list": "Resultaat onbekend — controleer de documentenlijst",
    "Discarded from the outbox (not uploaded)": "Verwijderd uit het postvak uit (niet geüpload)",
    "Views": "Weergaven",
    "Work &offline": "&Offline werken",
    "Working offline": "Offline werken",
    "Your reference": "Uw referentie",
    # Documents tab, upload dialog, upload queue and upload checks
    "%n document(s)": ("%n document", "%n documenten"),
    "%n file(s) ready to upload to {0}.": (
        "%n bestand klaar om te uploaden naar {0}.",
        "%n bestanden klaar om te uploaden naar {0}.",
    ),
    "1 byte": "1 byte",
    "{0} bytes": "{0} bytes",
    "Add files to the dossier": "Bestanden aan het dossier toevoegen",
    "Add files…": "Bestanden toevoegen…",
    "Administrative": "Administratief",
    "Cancelled": "Geannuleerd",
    "Clear finished": "Voltooide wissen",
    "Confidential": "Vertrouwelijk",
    "Created by": "Gemaakt door",
    "Date": "Datum",
    "Document type of {0}": "Documentsoort van {0}",
    "Failed": "Mislukt",
    "File": "Bestand",
    "File name": "Bestandsnaam",
    "Files without an extension are not accepted (“{0}”). Allowed: {1}.": "Bestanden zonder extensie worden niet geaccepteerd (“{0}”). Toegestaan: {1}.",
    "Legal": "Juridisch",
    "MIME type": "MIME-type",
    "None of the files can be uploaded to {0}.": "Geen van de bestanden kan worden geüpload naar {0}.",
    "Not uploaded ({0})": "Niet geüpload ({0})",
    "Pasted image {0}": "Geplakte afbeelding {0}",
    "Progress": "Voortgang",
    "Save as…": "Opslaan als…",
    "Save document as": "Document opslaan als",
    "Size": "Grootte",
    "Speed": "Snelheid",
    "The folder “{0}” contains no files.": "De map “{0}” bevat geen bestanden.",
    "The server accepts at most 1 file per request; the {0} files will be sent one at a time.": "De server accepteert maximaal 1 bestand per verzoek; de {0} bestanden worden één voor één verzonden.",
    "The server accepts at most {0} files per request; the {1} files will be sent one at a time.": "De server accepteert maximaal {0} bestanden per verzoek; de {1} bestanden worden één voor één verzonden.",
    "Upload": "Uploaden",
    "Upload documents": "Documenten uploaden",
    "Uploaded": "Geüpload",
    "Uploading": "Bezig met uploaden",
    "Waiting": "Wacht",
    "Waiting in outbox (offline)": "Wacht in postvak uit (offline)",
    "access denied": "toegang geweigerd",
    "sent from the outbox": "verzonden vanuit het postvak uit",
    "“{0}” cannot be read ({1}).": "“{0}” kan niet worden gelezen ({1}).",
    "“{0}” files are not accepted (“{1}”). Allowed: {2}.": "Bestanden van het type “{0}” worden niet geaccepteerd (“{1}”). Toegestaan: {2}.",
    "“{0}” is a folder, not a file.": "“{0}” is een map, geen bestand.",
    "“{0}” is empty (0 bytes).": "“{0}” is leeg (0 bytes).",
    "“{0}” is not a regular file.": "“{0}” is geen gewoon bestand.",
    "“{0}” is {1}; the server accepts at most {2}.": "“{0}” is {1}; de server accepteert maximaal {2}.",
    "“{0}” no longer exists.": "“{0}” bestaat niet meer.",
    # Workflow log, action dialog and deadline radar
    ", {0} overdue": ", {0} te laat",
    "1 day overdue": "1 dag te laat",
    "{0} days overdue": "{0} dagen te laat",
    "{0} of {1} steps decided": "{0} van {1} stappen afgehandeld",
    "{0} (week {1})": "{0} (week {1})",
    "A rejection needs a comment explaining why.": "Licht bij een afwijzing in een opmerking toe waarom.",
    "All statutory deadlines have passed.": "Alle wettelijke termijnen zijn verstreken.",
    "Comments": "Opmerkingen",
    "Comments (required):": "Opmerkingen (verplicht):",
    "Comments can be at most {0} characters ({1} now).": "Opmerkingen mogen maximaal {0} tekens bevatten (nu {1}).",
    "Comments:": "Opmerkingen:",
    "Complete": "Afronden",
    "Complete…": "Afronden…",
    "Completed by {0}": "Afgerond door {0}",
    "Completed by {0} on {1}": "Afgerond door {0} op {1}",
    "Current": "Huidige stap",
    "Due": "Uiterste datum",
    "End of continued pay": "Einde loondoorbetaling",
    "Enter the starting date (first sick day) to see the deadlines.": "Vul de begindatum (eerste ziektedag) in om de termijnen te zien.",
    "Evaluation of plan of approach (week {0})": "Evaluatie plan van aanpak (week {0})",
    "First-year evaluation": "Eerstejaarsevaluatie",
    "No workflow for this dossier.": "Geen workflow voor dit dossier.",
    "Overdue: {0}": "Te laat: {0}",
    "Plan of approach": "Plan van aanpak",
    "Problem analysis": "Probleemanalyse",
    "Reject": "Afwijzen",
    "Reject…": "Afwijzen…",
    "Rejected by {0}": "Afgewezen door {0}",
    "Rejected by {0} on {1}": "Afgewezen door {0} op {1}",
    "Reopen": "Heropenen",
    "Reopen…": "Heropenen…",
    "Report to UWV (week 42)": "Ziekmelding bij UWV (week 42)",
    "Sickness-absence deadlines": "Verzuimtermijnen",
    "Soon: {0}": "Binnenkort: {0}",
    "Step": "Stap",
    "This step requires a comment.": "Bij deze stap is een opmerking verplicht.",
    "Upcoming": "Komende stap",
    "Upcoming sickness-absence deadlines": "Komende verzuimtermijnen",
    "WIA application": "WIA-aanvraag",
    "Workflow step": "Workflowstap",
    "due in {0} days": "over {0} dagen",
    "due today": "uiterlijk vandaag",
    "due tomorrow": "uiterlijk morgen",
    "unknown": "onbekend",
    # Sync issues window and conflict view
    "(blank)": "(leeg)",
    "(no message)": "(geen melding)",
    "Are you sure? The change is deleted for good and cannot be recovered.": "Weet u het zeker? De wijziging wordt definitief verwijderd en kan niet worden hersteld.",
    "Base (before)": "Oorspronkelijk (vooraf)",
    "Case manager code": "Code casemanager",
    "Conflict: {0}": "Conflict: {0}",
    "Delete anyway": "Toch verwijderen",
    "Deletion of {0}": "Verwijdering van {0}",
    "Discard change": "Wijziging verwerpen",
    "Discard this change? “{0}” will not be sent to the server.": "Deze wijziging verwerpen? “{0}” wordt niet naar de server verzonden.",
    "Discard…": "Verwerpen…",
    "Dossier type code": "Dossiersoortcode",
    "Edit of {0}": "Wijziging van {0}",
    "External document no.": "Extern documentnr.",
    "Failed: {0}": "Mislukt: {0}",
    "Field": "Veld",
    "Keep mine": "Mijn versie behouden",
    "Keep server": "Serverversie behouden",
    "Merge (use choices)": "Samenvoegen (volgens keuzes)",
    "Mine": "Mijn waarde",
    "New dossier {0}": "Nieuw dossier {0}",
    "Nothing waits for you: every change has been sent.": "Er wacht niets op u: alle wijzigingen zijn verzonden.",
    "Primary contact name": "Naam primair contact",
    "Primary contact no.": "Primair contactnr.",
    "Retry": "Opnieuw proberen",
    "Server": "Serverwaarde",
    "Server (now)": "Server (nu)",
    "Someone changed this dossier on the server after you edited it. For each field you changed, choose which value to keep. Fields only the server changed keep the server's value.": "Iemand heeft dit dossier op de server gewijzigd nadat u het bewerkte. Kies voor elk veld dat u hebt gewijzigd welke waarde u wilt behouden. Velden die alleen op de server zijn gewijzigd, houden de waarde van de server.",
    "Sync issues": "Synchronisatieproblemen",
    "The dossier was deleted on the server after you edited it. Your edit cannot be applied.": "Het dossier is op de server verwijderd nadat u het bewerkte. Uw wijziging kan niet worden doorgevoerd.",
    "The server said:": "Melding van de server:",
    "Upload of “{0}” to {1}": "Upload van “{0}” naar {1}",
    "Use": "Gebruiken",
    "Value to keep for {0}": "Te behouden waarde voor {0}",
    "Workflow: {0} line {1} of {2}": "Workflow: regel {1} van {2} {0}",
    "a dossier": "een dossier",
    "a new dossier": "een nieuw dossier",
    "complete": "afronden",
    "reject": "afwijzen",
    "reopen": "heropenen",
    # Sign-in and device code dialogs
    "Cancel": "Annuleren",
    "Cancelling…": "Annuleren…",
    "Close": "Sluiten",
    "Copied": "Gekopieerd",
    "Copy code": "Code kopiëren",
    "Demo mode: choose whom to sign in as.": "Demomodus: kies als wie u zich aanmeldt.",
    "Finish signing in in your browser. This window waits for it.": "Rond het aanmelden af in uw browser. Dit venster wacht daarop.",
    "No system keyring is available: your sign-in is kept in a file that only your user account can read, but it is not encrypted.": "Er is geen sleutelhanger van het systeem beschikbaar: uw aanmelding wordt bewaard in een bestand dat alleen uw gebruikersaccount kan lezen, maar dat niet versleuteld is.",
    "On any device, open {0} and enter this code:": "Open op een willekeurig apparaat {0} en voer deze code in:",
    "Requesting a sign-in code…": "Aanmeldcode aanvragen…",
    "Sign in": "Aanmelden",
    "Sign in on another device": "Aanmelden op een ander apparaat",
    "Sign in to Dossier Desk": "Aanmelden bij Dossier Desk",
    "Sign in with Microsoft": "Aanmelden met Microsoft",
    "Sign in with your work account to open your case files.": "Meld u aan met uw werkaccount om uw dossiers te openen.",
    "Sign-in cancelled.": "Aanmelden geannuleerd.",
    "Sign-in code": "Aanmeldcode",
    "Signing in as {0}…": "Aanmelden als {0}…",
    "The code expires in {0}:{1:02d}.": "De code verloopt over {0}:{1:02d}.",
    "The code has expired.": "De code is verlopen.",
    "Use a code on another device…": "Code gebruiken op een ander apparaat…",
    "Waiting for the code to be entered on the other device…": "Wachten tot de code op het andere apparaat is ingevoerd…",
    # Status bar cache warning, error messages, workspace
    "⚠ Cache not encrypted": "⚠ Cache niet versleuteld",
    "No system keyring is available, so the offline cache on this computer is not encrypted. It is readable only by your user account.": "Er is geen sleutelhanger van het systeem beschikbaar, daarom is de offline cache op deze computer niet versleuteld. Alleen uw gebruikersaccount kan de cache lezen.",
    "Offline cache is not encrypted": "Offline cache is niet versleuteld",
    "A file or network operation failed: {0}": "Een bestands- of netwerkbewerking is mislukt: {0}",
    "Could not complete the action": "De actie kon niet worden voltooid",
    "Something went wrong": "Er is iets misgegaan",
    "Something went wrong inside Dossier Desk. Your unsynced changes are safe in the outbox. If it happens again, please tell your administrator.": "Er is iets misgegaan in Dossier Desk. Uw niet-gesynchroniseerde wijzigingen staan veilig in het postvak uit. Meld het aan uw beheerder als het opnieuw gebeurt.",
    "The server did not answer in time. Your changes are kept and will be sent later.": "De server heeft niet op tijd geantwoord. Uw wijzigingen worden bewaard en later verzonden.",
    "Documents": "Documenten",
    "Uploads": "Uploads",
    "Workflow log": "Workflowlogboek",
    # api_messages.py (fixed sentences of dossier_desk.api.errors)
    "The Dynamics Dossier service reported an error.": "De Dynamics Dossier-service meldde een fout.",
    "The server did not accept the entered data.": "De server heeft de ingevoerde gegevens niet geaccepteerd.",
    "Your sign-in has expired or was not accepted. Please sign in again.": "Uw aanmelding is verlopen of niet geaccepteerd. Meld u opnieuw aan.",
    "You do not have permission to do this. Ask your administrator if you need access.": "U hebt geen toestemming om dit te doen. Vraag uw beheerder om toegang als u die nodig hebt.",
    "The record was not found. It may have been deleted or you may not have access to it.": "Het record is niet gevonden. Het is mogelijk verwijderd of u hebt er geen toegang toe.",
    "Someone else changed this record after you opened it.": "Iemand anders heeft dit record gewijzigd nadat u het opende.",
    "Review their changes before saving again.": "Bekijk die wijzigingen voordat u opnieuw opslaat.",
    "The change could not be saved because the record version was missing.": "De wijziging kon niet worden opgeslagen omdat de recordversie ontbrak.",
    "The server is busy with too many requests. Please try again in a moment.": "De server is bezet met te veel verzoeken. Probeer het zo meteen opnieuw.",
    "The server is busy. Please try again in %n second(s).": (
        "De server is bezet. Probeer het over %n seconde opnieuw.",
        "De server is bezet. Probeer het over %n seconden opnieuw.",
    ),
    "The Dynamics Dossier service had a problem. Please try again later.": "De Dynamics Dossier-service had een probleem. Probeer het later opnieuw.",
    "The server took too long to answer. Please try again.": "De server deed er te lang over om te antwoorden. Probeer het opnieuw.",
    "Could not reach the Dynamics Dossier service. Check your network connection.": "De Dynamics Dossier-service is niet bereikbaar. Controleer uw netwerkverbinding.",
    "The server sent a response that could not be read.": "De server stuurde een antwoord dat niet kon worden gelezen.",
    "The Dynamics Dossier extension is not installed or not published in this environment. Ask your Business Central administrator to install it, or check the profile's API address and company.": "De Dynamics Dossier-extensie is niet geïnstalleerd of niet gepubliceerd in deze omgeving. Vraag uw Business Central-beheerder om deze te installeren, of controleer het API-adres en het bedrijf van het profiel.",
    "(Support reference: %1.)": "(Referentie voor ondersteuning: %1.)",
    "sending changes": "wijzigingen versturen",
    "dossier types": "dossiertypen",
    "contacts": "contactpersonen",
    "upload rules": "uploadregels",
    "dossiers": "dossiers",
    "checking for deletions": "controle op verwijderingen",
    "Sync failed at %1: %2": "Synchronisatie mislukt om %1: %2",
    "%n unreadable record(s) skipped": (
        "%n onleesbaar record overgeslagen",
        "%n onleesbare records overgeslagen",
    ),
    "Skipped: %1 (see Sync issues)": "Overgeslagen: %1 (zie Synchronisatieproblemen)",
    "Outcome unknown: {0}": "Resultaat onbekend: {0}",
    "Waiting: {0}": "Wacht: {0}",
    "Unreadable record skipped: {0} {1}": "Onleesbaar record overgeslagen: {0} {1}",
    "Send again": "Opnieuw versturen",
    "Retry now": "Nu opnieuw proberen",
    "This change was sent, but no answer came back, and Dossier Desk cannot tell whether it arrived. It is not sent again on its own, so nothing is duplicated. Check the dossier: if the change is there, discard it here; if not, send it again.": "Deze wijziging is verstuurd, maar er kwam geen antwoord en Dossier Desk kan niet vaststellen of ze is aangekomen. Ze wordt niet vanzelf opnieuw verstuurd, zodat niets dubbel wordt opgeslagen. Controleer het dossier: staat de wijziging erin, verwijder haar dan hier; zo niet, verstuur haar opnieuw.",
    "%n record(s) on the server may be this change.": (
        "%n record op de server kan deze wijziging zijn.",
        "%n records op de server kunnen deze wijziging zijn.",
    ),
    "This change waits until %1 before it is sent again.": "Deze wijziging wacht tot %1 voordat ze opnieuw wordt verstuurd.",
    "The server sent this record in a form Dossier Desk cannot read, so it was left out; the other records were kept. Ask your administrator to check it.": "De server stuurde dit record in een vorm die Dossier Desk niet kan lezen; het is weggelaten en de andere records zijn bewaard. Vraag uw beheerder het te controleren.",
}

DUTCH.update(DUTCH_FILE_CHECK)  # deadlines, file check, at risk, re-integration file
DUTCH.update(DUTCH_TRUST)  # rights, restricted dossiers, upload visibility, workflow readability
DUTCH.update(DUTCH_UI_POLISH)  # closing safely, disk failures, safe open, damaged data, long messages

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
