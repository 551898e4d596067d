# ruff: noqa: E501 - a translation table reads best with one pair per line
"""Dutch for closing safely, disk failures, safe open, damaged local data and long messages (merged
into ``update_translations.DUTCH``)."""

from __future__ import annotations

# Top-level ui modules with user-visible text (the ui packages are listed in update_translations).
UI_POLISH_SOURCES = (
    "dossier_desk/ui/close_guard.py",
    "dossier_desk/ui/storage_texts.py",
    "dossier_desk/ui/cache_recovery.py",
    "dossier_desk/ui/preferences.py",
)

DUTCH_UI_POLISH: dict[str, str | tuple[str, str]] = {
    # closing with work at risk
    "Close Dossier Desk?": "Dossier Desk sluiten?",
    "You have typed changes that are not saved. Closing now discards them.": "U hebt wijzigingen getypt die niet zijn opgeslagen. Nu sluiten gooit ze weg.",
    "%n change(s) wait in the outbox. They stay on this computer and are sent the next time you open Dossier Desk online.": (
        "%n wijziging wacht in de wachtrij. Die blijft op deze computer en wordt verzonden zodra u Dossier Desk weer online opent.",
        "%n wijzigingen wachten in de wachtrij. Die blijven op deze computer en worden verzonden zodra u Dossier Desk weer online opent.",
    ),
    "%n change(s) could not be sent. They stay under Sync issues until you retry or discard them.": (
        "%n wijziging kon niet worden verzonden. Die blijft onder Synchronisatieproblemen tot u het opnieuw probeert of haar verwijdert.",
        "%n wijzigingen konden niet worden verzonden. Die blijven onder Synchronisatieproblemen tot u het opnieuw probeert of ze verwijdert.",
    ),
    "%n upload(s) are still running. Closing stops them; add the files again later.": (
        "%n upload loopt nog. Sluiten stopt die; voeg het bestand later opnieuw toe.",
        "%n uploads lopen nog. Sluiten stopt ze; voeg de bestanden later opnieuw toe.",
    ),
    "Save and close": "Opslaan en sluiten",
    "Discard typing and close": "Getypte wijzigingen weggooien en sluiten",
    "Keep working": "Verder werken",
    # a disk that refuses the save
    "The disk is full.": "De schijf is vol.",
    "The local data folder cannot be written to.": "Er kan niet in de map met lokale gegevens worden geschreven.",
    "The local database could not be written.": "De lokale database kon niet worden beschreven.",
    "Your edit was NOT saved. {0} What you typed is still in the form: free some space or fix the folder, then save again.": "Uw wijziging is NIET opgeslagen. {0} Wat u typte staat nog in het formulier: maak ruimte vrij of herstel de map en sla dan opnieuw op.",
    "NOT saved: the local disk refused the edit.": "NIET opgeslagen: de lokale schijf weigerde de wijziging.",
    # long messages
    "Details…": "Details…",
    "Show the whole message": "Het hele bericht tonen",
    "Message": "Bericht",
    # safe open
    "Its file type does not match the document's details, so it was not opened.": "Het bestandstype komt niet overeen met de gegevens van het document, daarom is het niet geopend.",
    "Files of this type are not opened directly, because they could run programs.": "Bestanden van dit type worden niet direct geopend, omdat ze programma's kunnen starten.",
    "Document not opened": "Document niet geopend",
    "“{0}” was not opened.": "“{0}” is niet geopend.",
    "You can save it and check it before opening it yourself.": "U kunt het opslaan en controleren voordat u het zelf opent.",
    "this type of": "dit soort",
    "No program on this computer opens “{0}” files. Use Save as… to keep the file.": "Geen programma op deze computer opent “{0}”-bestanden. Gebruik Opslaan als… om het bestand te bewaren.",
    # damaged local data
    "Local data damaged": "Lokale gegevens beschadigd",
    "The local copy of your dossiers on this computer is damaged and cannot be opened.": "De lokale kopie van uw dossiers op deze computer is beschadigd en kan niet worden geopend.",
    "Nothing on the server is affected. “Reset local data” first saves every change still waiting to be sent that can be read to a file in your Documents folder, then downloads your dossiers again. Changes that cannot be read are lost.": "Op de server verandert niets. “Lokale gegevens herstellen” bewaart eerst elke leesbare wijziging die nog verzonden moest worden in een bestand in uw map Documenten en haalt daarna uw dossiers opnieuw op. Wijzigingen die niet te lezen zijn, gaan verloren.",
    "Reset local data": "Lokale gegevens herstellen",
    "Quit": "Afsluiten",
    "Local data reset": "Lokale gegevens hersteld",
    "Your unsent changes were saved to “{0}”. Keep this file.": "Uw niet-verzonden wijzigingen zijn bewaard in “{0}”. Bewaar dit bestand.",
    "No unsent changes could be read from the damaged data.": "Uit de beschadigde gegevens konden geen niet-verzonden wijzigingen worden gelezen.",
    "Your dossiers are downloaded again now.": "Uw dossiers worden nu opnieuw opgehaald.",
    "Unsent changes missing": "Niet-verzonden wijzigingen ontbreken",
    "%n change(s) waiting to be sent are no longer in the local data.": (
        "%n wijziging die nog verzonden moest worden, staat niet meer in de lokale gegevens.",
        "%n wijzigingen die nog verzonden moesten worden, staan niet meer in de lokale gegevens.",
    ),
    "The local data was emptied or replaced while they were queued, so they were not sent from this computer. Please check the dossiers you changed recently and enter the changes again.": "De lokale gegevens zijn geleegd of vervangen terwijl ze in de wachtrij stonden, dus ze zijn niet vanaf deze computer verzonden. Controleer de dossiers die u onlangs wijzigde en voer de wijzigingen opnieuw in.",
    # small things
    "&Uploads": "&Uploads",
    "On this computer, open {0} and enter this code:": "Open op deze computer {0} en voer deze code in:",
    "“{0}” is not a day on the calendar; the date was not changed.": "“{0}” bestaat niet op de kalender; de datum is niet gewijzigd.",
    # preferences
    "&Preferences…": "&Voorkeuren…",
    "Preferences": "Voorkeuren",
    "Language:": "Taal:",
    "System default": "Systeemstandaard",
    "The language changes the next time you start Dossier Desk.": "De taal verandert de volgende keer dat u Dossier Desk start.",
    "Your change was NOT saved. {0} Free some space or fix the folder, then try again.": "Uw wijziging is NIET opgeslagen. {0} Maak ruimte vrij of herstel de map en probeer het opnieuw.",
    # the empty table says why it is empty
    "No dossiers match the search and filters.": "Geen dossiers voldoen aan de zoekopdracht en filters.",
    "You are working offline, and there are no dossiers on this computer yet.": "U werkt offline en er staan nog geen dossiers op deze computer.",
    "There are no dossiers on this computer yet. They are fetched once you are online.": "Er staan nog geen dossiers op deze computer. Ze worden opgehaald zodra u online bent.",
    "Fetching your dossiers… They appear here as they arrive.": "Uw dossiers worden opgehaald… Ze verschijnen hier zodra ze binnenkomen.",
    "Your dossiers could not be fetched. The status bar says why; the app tries again.": "Uw dossiers konden niet worden opgehaald. De statusbalk zegt waarom; de app probeert het opnieuw.",
    "There are no dossiers for this account.": "Er zijn geen dossiers voor dit account.",
}
