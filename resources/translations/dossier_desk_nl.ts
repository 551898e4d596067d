<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="nl_NL">
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="26" />
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="27" />
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="28" />
        <source>Department</source>
        <translation>Afdeling</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="29" />
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="30" />
        <source>Open dossiers</source>
        <translation>Open dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="31" />
        <source>All dossiers</source>
        <translation>Alle dossiers</translation>
    </message>
</context>
<context>
    <name>ContactsView</name>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="54" />
        <source>Search contacts by number, name or department…</source>
        <translation>Zoek contacten op nummer, naam of afdeling…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="56" />
        <source>Search contacts</source>
        <translation>Contacten zoeken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="62" />
        <source>Contacts</source>
        <translation>Contacten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="67" />
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="147" />
        <source>Choose a contact to see their dossiers.</source>
        <translation>Kies een contact om de dossiers te zien.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="71" />
        <source>Dossiers of the contact</source>
        <translation>Dossiers van het contact</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="77" />
        <source>New dossier for this contact…</source>
        <translation>Nieuw dossier voor dit contact…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="152" />
        <source>Dossiers of %1 (%2)</source>
        <translation>Dossiers van %1 (%2)</translation>
    </message>
</context>
<context>
    <name>DeleteDossierDialog</name>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="27" />
        <source>Delete dossier</source>
        <translation>Dossier verwijderen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="32" />
        <source>%1 is archived. Archived dossiers are read-only and cannot be deleted.</source>
        <translation>%1 is gearchiveerd. Gearchiveerde dossiers zijn alleen-lezen en kunnen niet worden verwijderd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="39" />
        <source>Delete %1?</source>
        <translation>%1 verwijderen?</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="40" />
        <source>The dossier, its documents and its workflow log are removed for everyone.</source>
        <translation>Het dossier, de documenten en het workflowlogboek worden voor iedereen verwijderd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="42" />
        <source>Closed dossiers can also be reopened instead.</source>
        <translation>Een gesloten dossier kunt u ook heropenen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="45" />
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="76" />
        <source>Dossier details</source>
        <translation>Dossiergegevens</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="84" />
        <source>Details</source>
        <translation>Gegevens</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="91" />
        <source>Save state</source>
        <translation>Opslagstatus</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="93" />
        <source>Revert</source>
        <translation>Herstellen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="94" />
        <source>Revert changes</source>
        <translation>Wijzigingen ongedaan maken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="96" />
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="98" />
        <source>Save dossier</source>
        <translation>Dossier opslaan</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="99" />
        <source>Save (Ctrl+S)</source>
        <translation>Opslaan (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="173" />
        <source>This dossier was deleted.</source>
        <translation>Dit dossier is verwijderd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="181" />
        <source>This dossier changed on the server while you were editing it.</source>
        <translation>Dit dossier is op de server gewijzigd terwijl u het bewerkte.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="209" />
        <source>No dossier selected</source>
        <translation>Geen dossier geselecteerd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="224" />
        <source>Archived dossiers are read-only.</source>
        <translation>Gearchiveerde dossiers zijn alleen-lezen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="227" />
        <source>This dossier is closed. Change its status to reopen it.</source>
        <translation>Dit dossier is gesloten. Wijzig de status om het te heropenen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="239" />
        <source>Not saved: please correct the marked fields.</source>
        <translation>Niet opgeslagen: corrigeer de gemarkeerde velden.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="247" />
        <source>Unsaved changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="254" />
        <source>The server did not accept the change.</source>
        <translation>De server heeft de wijziging niet geaccepteerd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="255" />
        <source>Sync failed: %1</source>
        <translation>Synchronisatie mislukt: %1</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="257" />
        <source>Pending sync – saved on this computer</source>
        <translation>Wacht op synchronisatie – opgeslagen op deze computer</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="259" />
        <source>Synced</source>
        <translation>Gesynchroniseerd</translation>
    </message>
</context>
<context>
    <name>DossierDialog</name>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="59" />
        <source>New dossier</source>
        <translation>Nieuw dossier</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="60" />
        <source>Create</source>
        <translation>Aanmaken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="62" />
        <source>Edit dossier %1</source>
        <translation>Dossier %1 bewerken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="63" />
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="66" />
        <source>Archived dossiers are read-only.</source>
        <translation>Gearchiveerde dossiers zijn alleen-lezen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="70" />
        <source>This dossier is closed. Change its status to reopen it.</source>
        <translation>Dit dossier is gesloten. Wijzig de status om het te heropenen.</translation>
    </message>
</context>
<context>
    <name>DossierForm</name>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="79" />
        <source>Assigned by the number series</source>
        <translation>Toegekend door de nummerreeks</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="82" />
        <source>Contact number or name</source>
        <translation>Contactnummer of naam</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="116" />
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="117" />
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="118" />
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="119" />
        <source>Dossier type</source>
        <translation>Dossiersoort</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="120" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="121" />
        <source>Priority</source>
        <translation>Prioriteit</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="122" />
        <source>Document date</source>
        <translation>Documentdatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="123" />
        <source>Starting date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="124" />
        <source>Ending date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="125" />
        <source>Your reference</source>
        <translation>Uw referentie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="126" />
        <source>Our reference</source>
        <translation>Onze referentie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="127" />
        <source>Department</source>
        <translation>Afdeling</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="128" />
        <source>Case manager</source>
        <translation>Casemanager</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="129" />
        <source>Confidentiality level</source>
        <translation>Vertrouwelijkheid</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="151" />
        <source>Category:</source>
        <translation>Categorie:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="153" />
        <source>Date closed:</source>
        <translation>Sluitingsdatum:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="154" />
        <source>External document no.:</source>
        <translation>Extern documentnr.:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="175" />
        <source>(choose a type)</source>
        <translation>(kies een soort)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="252" />
        <source>Enter a description.</source>
        <translation>Vul een omschrijving in.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="254" />
        <source>Choose the employee this dossier is about.</source>
        <translation>Kies de medewerker om wie dit dossier gaat.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="256" />
        <source>No contact with this number is known.</source>
        <translation>Er is geen contact met dit nummer bekend.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="258" />
        <source>Choose a dossier type.</source>
        <translation>Kies een dossiersoort.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="260" />
        <source>The ending date cannot be before the starting date.</source>
        <translation>De einddatum kan niet vóór de begindatum liggen.</translation>
    </message>
</context>
<context>
    <name>DossierStatusBar</name>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="14" />
        <source>Sending changes</source>
        <translation>Wijzigingen verzenden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="15" />
        <source>Receiving dossiers</source>
        <translation>Dossiers ophalen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="16" />
        <source>Receiving changes</source>
        <translation>Wijzigingen ophalen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="17" />
        <source>Checking for deletions</source>
        <translation>Verwijderingen controleren</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="30" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="31" />
        <source>Signed-in account and profile</source>
        <translation>Aangemeld account en profiel</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="34" />
        <source>Connection state</source>
        <translation>Verbindingsstatus</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="39" />
        <source>Sync progress</source>
        <translation>Voortgang synchronisatie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="41" />
        <source>Not synced yet</source>
        <translation>Nog niet gesynchroniseerd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="42" />
        <source>Sync state</source>
        <translation>Synchronisatiestatus</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="47" />
        <source>Outbox: open pending changes and conflicts</source>
        <translation>Postvak uit: wachtende wijzigingen en conflicten openen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="48" />
        <source>Show pending changes, conflicts and failures</source>
        <translation>Wachtende wijzigingen, conflicten en fouten tonen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="51" />
        <source>Remaining server requests</source>
        <translation>Resterende serververzoeken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="65" />
        <source>Working offline</source>
        <translation>Offline werken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="67" />
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="69" />
        <source>Offline – changes are kept and sent later</source>
        <translation>Offline – wijzigingen worden bewaard en later verzonden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="85" />
        <source>%1… %2 of %3</source>
        <translation>%1… %2 van %3</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="91" />
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="98" />
        <source>Last sync %1</source>
        <translation>Laatst gesynchroniseerd %1</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="101" />
        <source>Sync failed at %1</source>
        <translation>Synchronisatie mislukt om %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="108" />
        <source>%n pending</source>
        <translation>
            <numerusform>%n in wachtrij</numerusform><numerusform>%n in wachtrij</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="110" />
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform><numerusform>%n conflicten</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="112" />
        <source>%n failed</source>
        <translation>
            <numerusform>%n mislukt</numerusform><numerusform>%n mislukt</numerusform></translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="113" />
        <source>All changes sent</source>
        <translation>Alle wijzigingen verzonden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="122" />
        <source>%1 requests left</source>
        <translation>nog %1 verzoeken</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="41" />
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="42" />
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="43" />
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="44" />
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="45" />
        <source>Category</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="46" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="47" />
        <source>Priority</source>
        <translation>Prioriteit</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="48" />
        <source>Document date</source>
        <translation>Documentdatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="49" />
        <source>Starting date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="50" />
        <source>Ending date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="51" />
        <source>Days open</source>
        <translation>Dagen open</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="52" />
        <source>Next deadline</source>
        <translation>Volgende termijn</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="53" />
        <source>Department</source>
        <translation>Afdeling</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="54" />
        <source>Case manager</source>
        <translation>Casemanager</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="140" />
        <source>Pending: local changes not yet synced</source>
        <translation>In wachtrij: lokale wijzigingen nog niet gesynchroniseerd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="142" />
        <source>Overdue</source>
        <translation>Verlopen</translation>
    </message>
</context>
<context>
    <name>DossierTableView</name>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_table_view.py" line="73" />
        <source>Dossiers</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_table_view.py" line="95" />
        <source>Right-click to choose columns</source>
        <translation>Klik met de rechtermuisknop om kolommen te kiezen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_table_view.py" line="164" />
        <source>Columns</source>
        <translation>Kolommen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_table_view.py" line="176" />
        <source>Reset columns</source>
        <translation>Kolommen herstellen</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="170" />
        <source>Search number, description, contact, reference…</source>
        <translation>Zoek op nummer, omschrijving, contact, referentie…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="172" />
        <source>Search dossiers</source>
        <translation>Dossiers zoeken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="183" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="185" />
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="186" />
        <source>Category</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="188" />
        <source>Priority</source>
        <translation>Prioriteit</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="191" />
        <source>Dates</source>
        <translation>Datums</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="192" />
        <source>Date range</source>
        <translation>Periode</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="207" />
        <source>My dossiers</source>
        <translation>Mijn dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="207" />
        <source>Dossiers you are the case manager of</source>
        <translation>Dossiers waarvan u de casemanager bent</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="210" />
        <source>Overdue</source>
        <translation>Verlopen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="211" />
        <source>Unfinished dossiers past their ending date or a deadline</source>
        <translation>Lopende dossiers voorbij de einddatum of een termijn</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="213" />
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="213" />
        <source>Dossiers that are New, Open or In Process</source>
        <translation>Dossiers met status Nieuw, Open of In behandeling</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="214" />
        <source>Closed this month</source>
        <translation>Deze maand gesloten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="214" />
        <source>Dossiers closed since the 1st</source>
        <translation>Dossiers gesloten sinds de 1e van de maand</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="228" />
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="229" />
        <source>Clear filters</source>
        <translation>Filters wissen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="235" />
        <source>Views</source>
        <translation>Weergaven</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="236" />
        <source>Saved views</source>
        <translation>Opgeslagen weergaven</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="242" />
        <source>Number of dossiers shown</source>
        <translation>Aantal getoonde dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="289" />
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="81" />
        <source>Dossier Desk</source>
        <translation>Dossier Desk</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="121" />
        <source>Views</source>
        <translation>Weergaven</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="122" />
        <source>Dossiers</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="123" />
        <source>Contacts</source>
        <translation>Contacten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="155" />
        <source>&amp;New dossier…</source>
        <translation>&amp;Nieuw dossier…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="158" />
        <source>New dossier for this &amp;contact…</source>
        <translation>Nieuw dossier voor dit &amp;contact…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="160" />
        <source>&amp;Edit dossier…</source>
        <translation>Dossier &amp;bewerken…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="161" />
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="162" />
        <source>&amp;Delete dossier…</source>
        <translation>Dossier &amp;verwijderen…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="168" />
        <source>&amp;Find</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="169" />
        <source>S&amp;ync now</source>
        <translation>Nu s&amp;ynchroniseren</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="170" />
        <source>Work &amp;offline</source>
        <translation>&amp;Offline werken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="172" />
        <source>&amp;Detail pane</source>
        <translation>&amp;Detailvenster</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="175" />
        <source>&amp;Clear filters</source>
        <translation>Filters &amp;wissen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="176" />
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="180" />
        <source>Send changes and get the latest dossiers (F5)</source>
        <translation>Wijzigingen verzenden en de nieuwste dossiers ophalen (F5)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="183" />
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="196" />
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="200" />
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="203" />
        <source>Saved &amp;views</source>
        <translation>Opgeslagen &amp;weergaven</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="206" />
        <source>Main</source>
        <translation>Hoofdwerkbalk</translation>
    </message>
</context>
<context>
    <name>SavedViewsController</name>
    <message>
        <location filename="../../dossier_desk/ui/views/saved_views.py" line="157" />
        <source>Save view</source>
        <translation>Weergave opslaan</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/saved_views.py" line="158" />
        <source>Name of this view:</source>
        <translation>Naam van deze weergave:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/saved_views.py" line="180" />
        <source>Save current view…</source>
        <translation>Huidige weergave opslaan…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/saved_views.py" line="182" />
        <source>Delete view</source>
        <translation>Weergave verwijderen</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="15" />
        <source>New</source>
        <translation>Nieuw</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="16" />
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="17" />
        <source>In Process</source>
        <translation>In behandeling</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="18" />
        <source>Closed</source>
        <translation>Gesloten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="19" />
        <source>Archived</source>
        <translation>Gearchiveerd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="20" />
        <source>Low</source>
        <translation>Laag</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="21" />
        <source>Normal</source>
        <translation>Normaal</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="22" />
        <source>High</source>
        <translation>Hoog</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="23" />
        <source>Absence</source>
        <translation>Verzuim</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="24" />
        <source>Medical</source>
        <translation>Medisch</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="25" />
        <source>Reintegration</source>
        <translation>Re-integratie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="26" />
        <source>Examination</source>
        <translation>Onderzoek</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="27" />
        <source>Safety</source>
        <translation>Veiligheid</translation>
    </message>
</context>
<context>
    <name>_DateRange</name>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="103" />
        <source>Starting date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="104" />
        <source>Ending date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="105" />
        <source>Document date</source>
        <translation>Documentdatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="106" />
        <source>Date closed</source>
        <translation>Sluitingsdatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="109" />
        <source>Date field</source>
        <translation>Datumveld</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="110" />
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="111" />
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="112" />
        <source>To</source>
        <translation>Tot</translation>
    </message>
</context>
</TS>