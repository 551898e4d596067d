<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="nl_NL">
<context>
    <name>ApiError</name>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="21" />
        <source>The Dynamics Dossier service reported an error.</source>
        <translation>De Dynamics Dossier-service meldde een fout.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="22" />
        <source>The server did not accept the entered data.</source>
        <translation>De server heeft de ingevoerde gegevens niet geaccepteerd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="23" />
        <source>Your sign-in has expired or was not accepted. Please sign in again.</source>
        <translation>Uw aanmelding is verlopen of niet geaccepteerd. Meld u opnieuw aan.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="24" />
        <source>You do not have permission to do this. Ask your administrator if you need access.</source>
        <translation>U hebt geen toestemming om dit te doen. Vraag uw beheerder om toegang als u die nodig hebt.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="27" />
        <source>The record was not found. It may have been deleted or you may not have access to it.</source>
        <translation>Het record is niet gevonden. Het is mogelijk verwijderd of u hebt er geen toegang toe.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="30" />
        <source>Someone else changed this record after you opened it.</source>
        <translation>Iemand anders heeft dit record gewijzigd nadat u het opende.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="31" />
        <source>The change could not be saved because the record version was missing.</source>
        <translation>De wijziging kon niet worden opgeslagen omdat de recordversie ontbrak.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="32" />
        <source>The server is busy with too many requests. Please try again in a moment.</source>
        <translation>De server is bezet met te veel verzoeken. Probeer het zo meteen opnieuw.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="33" />
        <source>The Dynamics Dossier service had a problem. Please try again later.</source>
        <translation>De Dynamics Dossier-service had een probleem. Probeer het later opnieuw.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="34" />
        <source>The server took too long to answer. Please try again.</source>
        <translation>De server deed er te lang over om te antwoorden. Probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="35" />
        <source>Could not reach the Dynamics Dossier service. Check your network connection.</source>
        <translation>De Dynamics Dossier-service is niet bereikbaar. Controleer uw netwerkverbinding.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="38" />
        <source>The server sent a response that could not be read.</source>
        <translation>De server stuurde een antwoord dat niet kon worden gelezen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="39" />
        <source>The Dynamics Dossier extension is not installed or not published in this environment. Ask your Business Central administrator to install it, or check the profile's API address and company.</source>
        <translation>De Dynamics Dossier-extensie is niet geïnstalleerd of niet gepubliceerd in deze omgeving. Vraag uw Business Central-beheerder om deze te installeren, of controleer het API-adres en het bedrijf van het profiel.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="45" />
        <source>The record is in a state that does not allow this change right now.</source>
        <translation>Het dossier staat nu in een toestand die deze wijziging niet toestaat.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="46" />
        <source>The file is larger than the server accepts.</source>
        <translation>Het bestand is groter dan de server accepteert.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="47" />
        <source>The server does not accept files of this type.</source>
        <translation>De server accepteert geen bestanden van dit type.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="48" />
        <source>The server sent more data than the app accepts in one response.</source>
        <translation>De server stuurde meer gegevens dan de app in één antwoord accepteert.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="49" />
        <source>The request was not carried out because an earlier one in the same batch failed.</source>
        <translation>Het verzoek is niet uitgevoerd omdat een eerder verzoek in dezelfde batch mislukte.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="80" />
        <source>Review their changes before saving again.</source>
        <translation>Bekijk die wijzigingen voordat u opnieuw opslaat.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="95" />
        <source>(Support reference: %1.)</source>
        <translation>(Referentie voor ondersteuning: %1.)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="131" />
        <source>This change could not be sent because of an unexpected problem in Dossier Desk (%1). It is kept: retry it, or discard it.</source>
        <translation>Deze wijziging kon niet worden verzonden door een onverwacht probleem in Dossier Desk (%1). Ze blijft bewaard: probeer het opnieuw of verwijder haar.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/api_messages.py" line="139" />
        <source>The server did not accept the change.</source>
        <translation>De server heeft de wijziging niet geaccepteerd.</translation>
    </message>
</context>
<context>
    <name>AtRiskModel</name>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="77" />
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="78" />
        <source>Employee</source>
        <translation>Werknemer</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="79" />
        <source>Case manager</source>
        <translation>Casemanager</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="80" />
        <source>Next statutory deadline</source>
        <translation>Eerstvolgende wettelijke termijn</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="81" />
        <source>Missing or due</source>
        <translation>Ontbreekt of binnenkort</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="122" />
        <source>{0} ({1} days overdue)</source>
        <translation>{0} ({1} dagen te laat)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="123" />
        <source>{0} (in {1} days)</source>
        <translation>{0} (over {1} dagen)</translation>
    </message>
</context>
<context>
    <name>AtRiskView</name>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="163" />
        <source>Sickness dossiers at risk: gaps in the re-integration file</source>
        <translation>Verzuimdossiers met risico: hiaten in het re-integratiedossier</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="166" />
        <source>Case manager</source>
        <translation>Casemanager</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="167" />
        <source>All case managers</source>
        <translation>Alle casemanagers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="186" />
        <source>Download workflow and documents of unchecked dossiers</source>
        <translation>Workflow en documenten van niet-gecontroleerde dossiers downloaden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="191" />
        <source>Case manager:</source>
        <translation>Casemanager:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="245" />
        <source>{0} dossiers at risk.</source>
        <translation>{0} dossiers met risico.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/at_risk.py" line="248" />
        <source>{0} open sickness dossiers are not checked yet: their workflow log is not on this computer.</source>
        <translation>{0} open verzuimdossiers zijn nog niet gecontroleerd: hun workflowlogboek staat niet op deze computer.</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <location filename="../../dossier_desk/ui/close_guard.py" line="75" />
        <source>You have typed changes that are not saved. Closing now discards them.</source>
        <translation>U hebt wijzigingen getypt die niet zijn opgeslagen. Nu sluiten gooit ze weg.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/close_guard.py" line="79" />
        <source>%n change(s) wait in the outbox. They stay on this computer and are sent the next time you open Dossier Desk online.</source>
        <translation>
            <numerusform>%n wijziging wacht in de wachtrij. Die blijft op deze computer en wordt verzonden zodra u Dossier Desk weer online opent.</numerusform><numerusform>%n wijzigingen wachten in de wachtrij. Die blijven op deze computer en worden verzonden zodra u Dossier Desk weer online opent.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/close_guard.py" line="88" />
        <source>%n change(s) could not be sent. They stay under Sync issues until you retry or discard them.</source>
        <translation>
            <numerusform>%n wijziging kon niet worden verzonden. Die blijft onder Synchronisatieproblemen tot u het opnieuw probeert of haar verwijdert.</numerusform><numerusform>%n wijzigingen konden niet worden verzonden. Die blijven onder Synchronisatieproblemen tot u het opnieuw probeert of ze verwijdert.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/close_guard.py" line="97" />
        <source>%n upload(s) are still running. Closing stops them; add the files again later.</source>
        <translation>
            <numerusform>%n upload loopt nog. Sluiten stopt die; voeg het bestand later opnieuw toe.</numerusform><numerusform>%n uploads lopen nog. Sluiten stopt ze; voeg de bestanden later opnieuw toe.</numerusform></translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/close_guard.py" line="104" />
        <location filename="../../dossier_desk/ui/close_guard.py" line="105" />
        <source>Close Dossier Desk?</source>
        <translation>Dossier Desk sluiten?</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/close_guard.py" line="109" />
        <source>Save and close</source>
        <translation>Opslaan en sluiten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/close_guard.py" line="111" />
        <source>Discard typing and close</source>
        <translation>Getypte wijzigingen weggooien en sluiten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/close_guard.py" line="111" />
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/close_guard.py" line="114" />
        <source>Keep working</source>
        <translation>Verder werken</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="34" />
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="126" />
        <source>Mine</source>
        <translation>Mijn waarde</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="34" />
        <source>Server</source>
        <translation>Serverwaarde</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="37" />
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="38" />
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="39" />
        <source>Primary contact no.</source>
        <translation>Primair contactnr.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="40" />
        <source>Primary contact name</source>
        <translation>Naam primair contact</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="41" />
        <source>Dossier type code</source>
        <translation>Dossiersoortcode</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="42" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="43" />
        <source>Document date</source>
        <translation>Documentdatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="44" />
        <source>Starting date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="45" />
        <source>Ending date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="46" />
        <source>External document no.</source>
        <translation>Extern documentnr.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="47" />
        <source>Your reference</source>
        <translation>Uw referentie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="48" />
        <source>Our reference</source>
        <translation>Onze referentie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="49" />
        <source>Department</source>
        <translation>Afdeling</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="50" />
        <source>Case manager code</source>
        <translation>Code casemanager</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="51" />
        <source>Priority</source>
        <translation>Prioriteit</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="52" />
        <source>Confidentiality level</source>
        <translation>Vertrouwelijkheid</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="53" />
        <source>Category</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="98" />
        <source>(blank)</source>
        <translation>(leeg)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="124" />
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="125" />
        <source>Base (before)</source>
        <translation>Oorspronkelijk (vooraf)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="127" />
        <source>Server (now)</source>
        <translation>Server (nu)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="128" />
        <source>Use</source>
        <translation>Gebruiken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="145" />
        <source>The dossier was deleted on the server after you edited it. Your edit cannot be applied.</source>
        <translation>Het dossier is op de server verwijderd nadat u het bewerkte. Uw wijziging kan niet worden doorgevoerd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="151" />
        <source>Someone changed this dossier on the server after you edited it. For each field you changed, choose which value to keep. Fields only the server changed keep the server's value.</source>
        <translation>Iemand heeft dit dossier op de server gewijzigd nadat u het bewerkte. Kies voor elk veld dat u hebt gewijzigd welke waarde u wilt behouden. Velden die alleen op de server zijn gewijzigd, houden de waarde van de server.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/conflict_view.py" line="172" />
        <source>Value to keep for {0}</source>
        <translation>Te behouden waarde voor {0}</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="27" />
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="28" />
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="29" />
        <source>Department</source>
        <translation>Afdeling</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="30" />
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="31" />
        <source>Open dossiers</source>
        <translation>Open dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/contacts_model.py" line="32" />
        <source>All dossiers</source>
        <translation>Alle dossiers</translation>
    </message>
</context>
<context>
    <name>ContactsView</name>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="57" />
        <source>Search contacts by number, name or department…</source>
        <translation>Zoek contacten op nummer, naam of afdeling…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="59" />
        <source>Search contacts</source>
        <translation>Contacten zoeken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="65" />
        <source>Contacts</source>
        <translation>Contacten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="70" />
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="155" />
        <source>Choose a contact to see their dossiers.</source>
        <translation>Kies een contact om de dossiers te zien.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="74" />
        <source>Dossiers of the contact</source>
        <translation>Dossiers van het contact</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="80" />
        <source>New dossier for this contact…</source>
        <translation>Nieuw dossier voor dit contact…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/contacts_view.py" line="161" />
        <source>Dossiers of %1 (%2)</source>
        <translation>Dossiers van %1 (%2)</translation>
    </message>
</context>
<context>
    <name>DeadlineRadar</name>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="36" />
        <source>Problem analysis</source>
        <translation>Probleemanalyse</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="37" />
        <source>Plan of approach</source>
        <translation>Plan van aanpak</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="38" />
        <source>Report to UWV (week 42)</source>
        <translation>Ziekmelding bij UWV (week 42)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="39" />
        <source>First-year evaluation</source>
        <translation>Eerstejaarsevaluatie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="40" />
        <source>WIA application</source>
        <translation>WIA-aanvraag</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="41" />
        <source>End of continued pay</source>
        <translation>Einde loondoorbetaling</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="48" />
        <source>Evaluation of plan of approach (week {0})</source>
        <translation>Evaluatie plan van aanpak (week {0})</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="58" />
        <source>{0} (week {1})</source>
        <translation>{0} (week {1})</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="61" />
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="78" />
        <source>Soon: {0}</source>
        <translation>Binnenkort: {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="63" />
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="76" />
        <source>Overdue: {0}</source>
        <translation>Te laat: {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="89" />
        <source>Ending date: {0} (passed {1} days ago)</source>
        <translation>Einddatum: {0} ({1} dagen geleden verstreken)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="92" />
        <source>Ending date: {0}</source>
        <translation>Einddatum: {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="122" />
        <source>Deadlines</source>
        <translation>Termijnen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="124" />
        <source>Next deadlines of this dossier</source>
        <translation>Eerstvolgende termijnen van dit dossier</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="195" />
        <source>1 workflow step overdue.</source>
        <translation>1 workflowstap is te laat.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="197" />
        <source>{0} workflow steps overdue.</source>
        <translation>{0} workflowstappen zijn te laat.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="200" />
        <source>All workflow steps are decided.</source>
        <translation>Alle workflowstappen zijn afgehandeld.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="210" />
        <source>Statutory calendar; the workflow log has not been downloaded yet.</source>
        <translation>Wettelijke kalender; het workflowlogboek is nog niet gedownload.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="212" />
        <source>All statutory deadlines have passed; the workflow log has not been downloaded yet.</source>
        <translation>Alle wettelijke termijnen zijn verstreken; het workflowlogboek is nog niet gedownload.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/radar.py" line="205" />
        <source>Enter the starting date (first sick day) to see the deadlines.</source>
        <translation>Vul de begindatum (eerste ziektedag) in om de termijnen te zien.</translation>
    </message>
</context>
<context>
    <name>Deadlines</name>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="44" />
        <source>due today</source>
        <translation>uiterlijk vandaag</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="47" />
        <source>due tomorrow</source>
        <translation>uiterlijk morgen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="48" />
        <source>due in {0} days</source>
        <translation>over {0} dagen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="51" />
        <source>1 day overdue</source>
        <translation>1 dag te laat</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="53" />
        <source>{0} days overdue</source>
        <translation>{0} dagen te laat</translation>
    </message>
</context>
<context>
    <name>DeleteDossierDialog</name>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="31" />
        <source>Delete dossier</source>
        <translation>Dossier verwijderen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="37" />
        <source>%1 is archived. Archived dossiers are read-only and cannot be deleted.</source>
        <translation>%1 is gearchiveerd. Gearchiveerde dossiers zijn alleen-lezen en kunnen niet worden verwijderd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="44" />
        <source>Delete %1?</source>
        <translation>%1 verwijderen?</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="45" />
        <source>The dossier, its documents and its workflow log are removed for everyone.</source>
        <translation>Het dossier, de documenten en het workflowlogboek worden voor iedereen verwijderd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="47" />
        <source>Closed dossiers can also be reopened instead.</source>
        <translation>Een gesloten dossier kunt u ook heropenen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/delete_dialog.py" line="50" />
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="104" />
        <source>Dossier details</source>
        <translation>Dossiergegevens</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="107" />
        <source>Details</source>
        <translation>Gegevens</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="120" />
        <source>Save state</source>
        <translation>Opslagstatus</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="122" />
        <source>Revert</source>
        <translation>Herstellen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="123" />
        <source>Revert changes</source>
        <translation>Wijzigingen ongedaan maken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="125" />
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="127" />
        <source>Save dossier</source>
        <translation>Dossier opslaan</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="128" />
        <source>Save (Ctrl+S)</source>
        <translation>Opslaan (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="216" />
        <source>NOT saved: the local disk refused the edit.</source>
        <translation>NIET opgeslagen: de lokale schijf weigerde de wijziging.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="269" />
        <source>This dossier was deleted. Your unsaved changes cannot be saved.</source>
        <translation>Dit dossier is verwijderd. Uw niet-opgeslagen wijzigingen kunnen niet worden opgeslagen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="273" />
        <source>This dossier was deleted.</source>
        <translation>Dit dossier is verwijderd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="289" />
        <source>This dossier changed on the server while you were editing it.</source>
        <translation>Dit dossier is op de server gewijzigd terwijl u het bewerkte.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="300" />
        <source>This dossier was updated on the server; your unsaved changes are kept.</source>
        <translation>Dit dossier is op de server bijgewerkt; uw niet-opgeslagen wijzigingen blijven behouden.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/unsaved_prompt.py" line="15" />
        <source>“{0}” was deleted. Discard your unsaved changes?</source>
        <translation>“{0}” is verwijderd. Uw niet-opgeslagen wijzigingen weggooien?</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/unsaved_prompt.py" line="19" />
        <source>Save your changes to “{0}” before opening another dossier?</source>
        <translation>Uw wijzigingen in “{0}” opslaan voordat u een ander dossier opent?</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="362" />
        <source>No dossier selected</source>
        <translation>Geen dossier geselecteerd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="365" />
        <source>Restricted</source>
        <translation>Afgeschermd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="400" />
        <source>Not saved: please correct the marked fields.</source>
        <translation>Niet opgeslagen: corrigeer de gemarkeerde velden.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="408" />
        <source>Saving…</source>
        <translation>Opslaan…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="411" />
        <location filename="../../dossier_desk/ui/views/unsaved_prompt.py" line="23" />
        <source>Unsaved changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="418" />
        <source>The server did not accept the change.</source>
        <translation>De server heeft de wijziging niet geaccepteerd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="419" />
        <source>Sync failed: %1</source>
        <translation>Synchronisatie mislukt: %1</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="421" />
        <source>Pending sync – saved on this computer</source>
        <translation>Wacht op synchronisatie – opgeslagen op deze computer</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="424" />
        <source>Read-only: your account may view dossiers but not change them.</source>
        <translation>Alleen-lezen: uw account mag dossiers bekijken maar niet wijzigen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/detail_pane.py" line="427" />
        <source>Synced</source>
        <translation>Gesynchroniseerd</translation>
    </message>
</context>
<context>
    <name>DeviceCodeDialog</name>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/device_code_dialog.py" line="38" />
        <source>Sign in on another device</source>
        <translation>Aanmelden op een ander apparaat</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/device_code_dialog.py" line="42" />
        <source>Requesting a sign-in code…</source>
        <translation>Aanmeldcode aanvragen…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/device_code_dialog.py" line="59" />
        <source>Sign-in code</source>
        <translation>Aanmeldcode</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/device_code_dialog.py" line="61" />
        <source>Copy code</source>
        <translation>Code kopiëren</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/device_code_dialog.py" line="91" />
        <source>On this computer, open {0} and enter this code:</source>
        <translation>Open op deze computer {0} en voer deze code in:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/device_code_dialog.py" line="93" />
        <source>On any device, open {0} and enter this code:</source>
        <translation>Open op een willekeurig apparaat {0} en voer deze code in:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/device_code_dialog.py" line="114" />
        <source>Copied</source>
        <translation>Gekopieerd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/device_code_dialog.py" line="122" />
        <source>The code has expired.</source>
        <translation>De code is verlopen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/device_code_dialog.py" line="124" />
        <source>The code expires in {0}:{1:02d}.</source>
        <translation>De code verloopt over {0}:{1:02d}.</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../../dossier_desk/ui/documents/model.py" line="44" />
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/model.py" line="45" />
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/model.py" line="46" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/model.py" line="47" />
        <source>File name</source>
        <translation>Bestandsnaam</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/model.py" line="48" />
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/model.py" line="49" />
        <source>MIME type</source>
        <translation>MIME-type</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/model.py" line="50" />
        <source>Created by</source>
        <translation>Gemaakt door</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/model.py" line="51" />
        <location filename="../../dossier_desk/ui/documents/model.py" line="116" />
        <source>Confidential</source>
        <translation>Vertrouwelijk</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/model.py" line="95" />
        <source>{0} bytes</source>
        <translation>{0} bytes</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <location filename="../../dossier_desk/ui/documents/tab.py" line="137" />
        <source>Open</source>
        <translation>Openen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/tab.py" line="138" />
        <source>Save as…</source>
        <translation>Opslaan als…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/tab.py" line="139" />
        <source>Add files…</source>
        <translation>Bestanden toevoegen…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/documents/tab.py" line="203" />
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform><numerusform>%n documenten</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/documents/tab.py" line="206" />
        <source>%n uploaded, visible to occupational health only</source>
        <translation>
            <numerusform>%n geüpload, alleen zichtbaar voor de bedrijfsgezondheidszorg</numerusform><numerusform>%n geüpload, alleen zichtbaar voor de bedrijfsgezondheidszorg</numerusform></translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/tab.py" line="276" />
        <source>Save document as</source>
        <translation>Document opslaan als</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/tab.py" line="302" />
        <source>Add files to the dossier</source>
        <translation>Bestanden aan het dossier toevoegen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/tab.py" line="315" />
        <source>Pasted image {0}</source>
        <translation>Geplakte afbeelding {0}</translation>
    </message>
</context>
<context>
    <name>DossierDialog</name>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="69" />
        <source>New dossier</source>
        <translation>Nieuw dossier</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="70" />
        <source>Create</source>
        <translation>Aanmaken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="72" />
        <source>Edit dossier %1</source>
        <translation>Dossier %1 bewerken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="73" />
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/dossier_dialog.py" line="101" />
        <source>Saving…</source>
        <translation>Opslaan…</translation>
    </message>
</context>
<context>
    <name>DossierForm</name>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="72" />
        <source>Assigned by the number series</source>
        <translation>Toegekend door de nummerreeks</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="75" />
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
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="130" />
        <source>External document no.</source>
        <translation>Extern documentnr.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="152" />
        <source>Category:</source>
        <translation>Categorie:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="154" />
        <source>Date closed:</source>
        <translation>Sluitingsdatum:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="178" />
        <source>(choose a type)</source>
        <translation>(kies een soort)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="256" />
        <source>Restricted</source>
        <translation>Afgeschermd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_form.py" line="298" />
        <source>“{0}” is not a day on the calendar; the date was not changed.</source>
        <translation>“{0}” bestaat niet op de kalender; de datum is niet gewijzigd.</translation>
    </message>
</context>
<context>
    <name>DossierRules</name>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="27" />
        <source>Enter a description.</source>
        <translation>Vul een omschrijving in.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="29" />
        <source>Choose the employee this dossier is about.</source>
        <translation>Kies de medewerker om wie dit dossier gaat.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="31" />
        <source>Choose a dossier type.</source>
        <translation>Kies een dossiersoort.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="32" />
        <source>This field cannot be blank.</source>
        <translation>Dit veld mag niet leeg zijn.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="34" />
        <source>At most %1 characters.</source>
        <translation>Maximaal %1 tekens.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="38" />
        <source>This field cannot be changed.</source>
        <translation>Dit veld kan niet worden gewijzigd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="39" />
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="85" />
        <source>Archived dossiers are read-only.</source>
        <translation>Gearchiveerde dossiers zijn alleen-lezen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="40" />
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>Voer een datum in als JJJJ-MM-DD.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="42" />
        <source>The ending date cannot be before the starting date.</source>
        <translation>De einddatum kan niet vóór de begindatum liggen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="44" />
        <source>Unknown status.</source>
        <translation>Onbekende status.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="45" />
        <source>Unknown priority.</source>
        <translation>Onbekende prioriteit.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="46" />
        <source>Enter a whole number of 0 or more.</source>
        <translation>Voer een geheel getal van 0 of meer in.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="47" />
        <source>Unknown dossier type.</source>
        <translation>Onbekend dossiertype.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="49" />
        <source>No contact with this number is known.</source>
        <translation>Er is geen contact met dit nummer bekend.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="52" />
        <source>Comments are required for this step.</source>
        <translation>Bij deze stap zijn opmerkingen verplicht.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="76" />
        <source>Read-only: your account may view dossiers but not change them.</source>
        <translation>Alleen-lezen: uw account mag dossiers bekijken maar niet wijzigen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="81" />
        <source>Restricted: the server does not show you this dossier's details.</source>
        <translation>Afgeschermd: de server toont u de gegevens van dit dossier niet.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/rule_texts.py" line="87" />
        <source>This dossier is closed. Change its status to reopen it.</source>
        <translation>Dit dossier is gesloten. Wijzig de status om het te heropenen.</translation>
    </message>
</context>
<context>
    <name>DossierStatusBar</name>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="17" />
        <source>Sending changes</source>
        <translation>Wijzigingen verzenden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="18" />
        <source>Receiving dossiers</source>
        <translation>Dossiers ophalen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="19" />
        <source>Receiving changes</source>
        <translation>Wijzigingen ophalen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="20" />
        <source>Checking for deletions</source>
        <translation>Verwijderingen controleren</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="24" />
        <source>sending changes</source>
        <translation>wijzigingen versturen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="25" />
        <source>dossier types</source>
        <translation>dossiertypen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="26" />
        <source>contacts</source>
        <translation>contactpersonen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="27" />
        <source>upload rules</source>
        <translation>uploadregels</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="28" />
        <source>dossiers</source>
        <translation>dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="29" />
        <source>checking for deletions</source>
        <translation>controle op verwijderingen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="42" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="43" />
        <source>Signed-in account and profile</source>
        <translation>Aangemeld account en profiel</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="46" />
        <source>Connection state</source>
        <translation>Verbindingsstatus</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="51" />
        <source>Sync progress</source>
        <translation>Voortgang synchronisatie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="53" />
        <source>Not synced yet</source>
        <translation>Nog niet gesynchroniseerd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="54" />
        <source>Sync state</source>
        <translation>Synchronisatiestatus</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="59" />
        <source>Outbox: open pending changes and conflicts</source>
        <translation>Postvak uit: wachtende wijzigingen en conflicten openen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="60" />
        <source>Show pending changes, conflicts and failures</source>
        <translation>Wachtende wijzigingen, conflicten en fouten tonen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="63" />
        <source>Remaining server requests</source>
        <translation>Resterende serververzoeken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="65" />
        <source>⚠ Cache not encrypted</source>
        <translation>⚠ Cache niet versleuteld</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="69" />
        <source>No system keyring is available, so the offline cache on this computer is not encrypted. It is readable only by your user account.</source>
        <translation>Er is geen sleutelhanger van het systeem beschikbaar, daarom is de offline cache op deze computer niet versleuteld. Alleen uw gebruikersaccount kan de cache lezen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="73" />
        <source>Offline cache is not encrypted</source>
        <translation>Offline cache is niet versleuteld</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="98" />
        <source>Working offline</source>
        <translation>Offline werken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="102" />
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="104" />
        <source>Offline – changes are kept and sent later</source>
        <translation>Offline – wijzigingen worden bewaard en later verzonden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="109" />
        <source>Signing in…</source>
        <translation>Aanmelden…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="100" />
        <source>Not signed in – changes are kept and sent later</source>
        <translation>Niet aangemeld – wijzigingen worden bewaard en later verzonden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="140" />
        <source>%1… %2 of %3</source>
        <translation>%1… %2 van %3</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="146" />
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="165" />
        <source>Last sync %1</source>
        <translation>Laatst gesynchroniseerd %1</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="169" />
        <source>Sync failed at %1: %2</source>
        <translation>Synchronisatie mislukt om %1: %2</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="175" />
        <source>Sync failed at %1</source>
        <translation>Synchronisatie mislukt om %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="178" />
        <source>%n unreadable record(s) skipped</source>
        <translation>
            <numerusform>%n onleesbaar record overgeslagen</numerusform><numerusform>%n onleesbare records overgeslagen</numerusform></translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="180" />
        <source>Skipped: %1 (see Sync issues)</source>
        <translation>Overgeslagen: %1 (zie Synchronisatieproblemen)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="189" />
        <source>%n pending</source>
        <translation>
            <numerusform>%n in wachtrij</numerusform><numerusform>%n in wachtrij</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="191" />
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform><numerusform>%n conflicten</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="193" />
        <source>%n failed</source>
        <translation>
            <numerusform>%n mislukt</numerusform><numerusform>%n mislukt</numerusform></translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="194" />
        <source>All changes sent</source>
        <translation>Alle wijzigingen verzonden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/status_bar.py" line="203" />
        <source>%1 requests left</source>
        <translation>nog %1 verzoeken</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="38" />
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="39" />
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="41" />
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="42" />
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="43" />
        <source>Category</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="45" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="46" />
        <source>Priority</source>
        <translation>Prioriteit</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="47" />
        <source>Document date</source>
        <translation>Documentdatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="48" />
        <source>Starting date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="49" />
        <source>Ending date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="50" />
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
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="156" />
        <source>Restricted</source>
        <translation>Afgeschermd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="165" />
        <source>Pending: local changes not yet synced</source>
        <translation>In wachtrij: lokale wijzigingen nog niet gesynchroniseerd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="168" />
        <source>Overdue: a workflow deadline has passed</source>
        <translation>Te laat: een workflowtermijn is verstreken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/dossier_columns.py" line="171" />
        <source>Past its ending date</source>
        <translation>Einddatum verstreken</translation>
    </message>
</context>
<context>
    <name>DossierTableView</name>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_table_view.py" line="67" />
        <source>Dossiers</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_table_view.py" line="89" />
        <source>Right-click to choose columns</source>
        <translation>Klik met de rechtermuisknop om kolommen te kiezen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_table_view.py" line="185" />
        <source>Columns</source>
        <translation>Kolommen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/dossier_table_view.py" line="197" />
        <source>Reset columns</source>
        <translation>Kolommen herstellen</translation>
    </message>
</context>
<context>
    <name>EmptyTableHint</name>
    <message>
        <location filename="../../dossier_desk/ui/views/empty_table_hint.py" line="49" />
        <source>No dossiers match the search and filters.</source>
        <translation>Geen dossiers voldoen aan de zoekopdracht en filters.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/empty_table_hint.py" line="51" />
        <source>You are working offline, and there are no dossiers on this computer yet.</source>
        <translation>U werkt offline en er staan nog geen dossiers op deze computer.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/empty_table_hint.py" line="54" />
        <source>There are no dossiers on this computer yet. They are fetched once you are online.</source>
        <translation>Er staan nog geen dossiers op deze computer. Ze worden opgehaald zodra u online bent.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/empty_table_hint.py" line="57" />
        <source>Fetching your dossiers… They appear here as they arrive.</source>
        <translation>Uw dossiers worden opgehaald… Ze verschijnen hier zodra ze binnenkomen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/empty_table_hint.py" line="60" />
        <source>Your dossiers could not be fetched. The status bar says why; the app tries again.</source>
        <translation>Uw dossiers konden niet worden opgehaald. De statusbalk zegt waarom; de app probeert het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/empty_table_hint.py" line="62" />
        <source>There are no dossiers for this account.</source>
        <translation>Er zijn geen dossiers voor dit account.</translation>
    </message>
</context>
<context>
    <name>FileCheck</name>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="18" />
        <source>Problem analysis (week 6)</source>
        <translation>Probleemanalyse (week 6)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="19" />
        <source>Plan of approach (week 8)</source>
        <translation>Plan van aanpak (week 8)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="20" />
        <source>Evaluations of the plan (at least every 6 weeks)</source>
        <translation>Evaluaties van het plan (minstens elke 6 weken)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="21" />
        <source>Report to UWV (week 42)</source>
        <translation>Ziekmelding bij UWV (week 42)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="22" />
        <source>First-year evaluation (week 52)</source>
        <translation>Eerstejaarsevaluatie (week 52)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="23" />
        <source>Occupational physician's current judgment</source>
        <translation>Actueel oordeel van de bedrijfsarts</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="24" />
        <source>Employee's view</source>
        <translation>Visie van de werknemer</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="25" />
        <source>Re-integration report</source>
        <translation>Re-integratieverslag</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="26" />
        <source>WIA application (week 91)</source>
        <translation>WIA-aanvraag (week 91)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="42" />
        <source>Done</source>
        <translation>Gereed</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="44" />
        <source>Missing</source>
        <translation>Ontbreekt</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="46" />
        <source>Overdue by {0} days</source>
        <translation>{0} dagen te laat</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="48" />
        <source>Due soon (in {0} days)</source>
        <translation>Binnenkort (over {0} dagen)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="49" />
        <source>Not due yet</source>
        <translation>Nog niet aan de orde</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="55" />
        <source>a completed workflow step</source>
        <translation>een afgeronde workflowstap</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="56" />
        <source>a document</source>
        <translation>een document</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="57" />
        <source>a completed workflow step or a document</source>
        <translation>een afgeronde workflowstap of een document</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="58" />
        <source>a completed workflow step and a document</source>
        <translation>een afgeronde workflowstap en een document</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="64" />
        <source>any type</source>
        <translation>elke soort</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="66" />
        <source>type {0}, titled like “{1}”</source>
        <translation>soort {0}, met een titel als “{1}”</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="77" />
        <source>Step “{0}” completed {1}</source>
        <translation>Stap “{0}” afgerond op {1}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="81" />
        <source>Step “{0}” not completed ({1})</source>
        <translation>Stap “{0}” niet afgerond ({1})</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="87" />
        <source>Document “{0}” ({1})</source>
        <translation>Document “{0}” ({1})</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="91" />
        <source>Needed: a document of {0}</source>
        <translation>Nodig: een document van {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="93" />
        <source>Needed: the workflow step completed</source>
        <translation>Nodig: de workflowstap afgerond</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="95" />
        <source>Last evaluation {0}</source>
        <translation>Laatste evaluatie {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/texts.py" line="96" />
        <source>Nothing found yet</source>
        <translation>Nog niets gevonden</translation>
    </message>
</context>
<context>
    <name>FileCheckModel</name>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/model.py" line="41" />
        <source>Milestone</source>
        <translation>Mijlpaal</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/model.py" line="42" />
        <source>Due</source>
        <translation>Uiterste datum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/model.py" line="43" />
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/model.py" line="44" />
        <source>What satisfies it / what was found</source>
        <translation>Wat volstaat / wat is gevonden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/model.py" line="81" />
        <source>Satisfied by {0}.</source>
        <translation>Volstaat met {0}.</translation>
    </message>
</context>
<context>
    <name>FileCheckTab</name>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/tab.py" line="104" />
        <source>Export re-integration file (PDF)…</source>
        <translation>Re-integratiedossier exporteren (pdf)…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/tab.py" line="166" />
        <source>Enter the starting date (first sick day) to check the re-integration file.</source>
        <translation>Vul de begindatum (eerste ziektedag) in om het re-integratiedossier te controleren.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/tab.py" line="169" />
        <source>First sick day {0} (week {1}).</source>
        <translation>Eerste ziektedag {0} (week {1}).</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/tab.py" line="172" />
        <source>{0} of {1} milestones need attention.</source>
        <translation>{0} van {1} mijlpalen vragen aandacht.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/tab.py" line="174" />
        <source>No gaps found.</source>
        <translation>Geen hiaten gevonden.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/tab.py" line="177" />
        <source>Only documents you may see are checked.</source>
        <translation>Alleen documenten die u mag zien worden gecontroleerd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/tab.py" line="179" />
        <source>The workflow log has not been downloaded yet (open this dossier online).</source>
        <translation>Het workflowlogboek is nog niet gedownload (open dit dossier online).</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/tab.py" line="182" />
        <source>The profile's file check rules could not be read; the built-in rules apply.</source>
        <translation>De controleregels van het profiel konden niet worden gelezen; de ingebouwde regels gelden.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/tab.py" line="192" />
        <source>Export re-integration file</source>
        <translation>Re-integratiedossier exporteren</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/tab.py" line="194" />
        <source>PDF files (*.pdf)</source>
        <translation>Pdf-bestanden (*.pdf)</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="177" />
        <source>Search number, description, contact, reference…</source>
        <translation>Zoek op nummer, omschrijving, contact, referentie…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="179" />
        <source>Search dossiers</source>
        <translation>Dossiers zoeken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="198" />
        <source>Dates</source>
        <translation>Datums</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="199" />
        <source>Date range</source>
        <translation>Periode</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="211" />
        <source>My dossiers</source>
        <translation>Mijn dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="211" />
        <source>Dossiers you are the case manager of</source>
        <translation>Dossiers waarvan u de casemanager bent</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="214" />
        <source>Overdue</source>
        <translation>Verlopen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="215" />
        <source>Unfinished dossiers past their ending date or a deadline</source>
        <translation>Lopende dossiers voorbij de einddatum of een termijn</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="217" />
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="217" />
        <source>Dossiers that are New, Open or In Process</source>
        <translation>Dossiers met status Nieuw, Open of In behandeling</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="218" />
        <source>Closed this month</source>
        <translation>Deze maand gesloten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="218" />
        <source>Dossiers closed since the 1st</source>
        <translation>Dossiers gesloten sinds de 1e van de maand</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="234" />
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="236" />
        <source>At risk</source>
        <translation>Risico</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="235" />
        <source>Sickness dossiers with gaps in the re-integration file</source>
        <translation>Verzuimdossiers met hiaten in het re-integratiedossier</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="241" />
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="242" />
        <source>Clear filters</source>
        <translation>Filters wissen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="248" />
        <source>Views</source>
        <translation>Weergaven</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="249" />
        <source>Saved views</source>
        <translation>Opgeslagen weergaven</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="255" />
        <source>Number of dossiers shown</source>
        <translation>Aantal getoonde dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="322" />
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="98" />
        <source>Dossier Desk</source>
        <translation>Dossier Desk</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="143" />
        <source>Views</source>
        <translation>Weergaven</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="144" />
        <source>Dossiers</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="145" />
        <source>Contacts</source>
        <translation>Contacten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="168" />
        <source>&amp;New dossier…</source>
        <translation>&amp;Nieuw dossier…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="171" />
        <source>New dossier for this &amp;contact…</source>
        <translation>Nieuw dossier voor dit &amp;contact…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="173" />
        <source>&amp;Edit dossier…</source>
        <translation>Dossier &amp;bewerken…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="174" />
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="175" />
        <source>&amp;Delete dossier…</source>
        <translation>Dossier &amp;verwijderen…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="181" />
        <source>&amp;Find</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="182" />
        <source>S&amp;ync now</source>
        <translation>Nu s&amp;ynchroniseren</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="183" />
        <source>Work &amp;offline</source>
        <translation>&amp;Offline werken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="185" />
        <source>&amp;Detail pane</source>
        <translation>&amp;Detailvenster</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="188" />
        <source>&amp;Clear filters</source>
        <translation>Filters &amp;wissen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="189" />
        <source>Sign &amp;out…</source>
        <translation>Af&amp;melden…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="191" />
        <source>Switch &amp;profile or company…</source>
        <translation>&amp;Profiel of bedrijf wisselen…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="193" />
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="197" />
        <source>Send changes and get the latest dossiers (F5)</source>
        <translation>Wijzigingen verzenden en de nieuwste dossiers ophalen (F5)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="200" />
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="215" />
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="221" />
        <source>&amp;Preferences…</source>
        <translation>&amp;Voorkeuren…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="224" />
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="227" />
        <source>Saved &amp;views</source>
        <translation>Opgeslagen &amp;weergaven</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/main_window.py" line="230" />
        <source>Main</source>
        <translation>Hoofdwerkbalk</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../dossier_desk/ui/views/message_banner.py" line="28" />
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/message_banner.py" line="29" />
        <source>Show the whole message</source>
        <translation>Het hele bericht tonen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/message_banner.py" line="59" />
        <source>Message</source>
        <translation>Bericht</translation>
    </message>
</context>
<context>
    <name>MessageBridge</name>
    <message>
        <location filename="../../dossier_desk/ui/errors.py" line="84" />
        <source>Could not complete the action</source>
        <translation>De actie kon niet worden voltooid</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/errors.py" line="87" />
        <source>Something went wrong</source>
        <translation>Er is iets misgegaan</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../dossier_desk/ui/preferences.py" line="27" />
        <source>Preferences</source>
        <translation>Voorkeuren</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/preferences.py" line="31" />
        <source>System default</source>
        <translation>Systeemstandaard</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/preferences.py" line="34" />
        <source>The language changes the next time you start Dossier Desk.</source>
        <translation>De taal verandert de volgende keer dat u Dossier Desk start.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/preferences.py" line="43" />
        <source>Language:</source>
        <translation>Taal:</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../dossier_desk/ui/errors.py" line="53" />
        <source>The server did not answer in time. Your changes are kept and will be sent later.</source>
        <translation>De server heeft niet op tijd geantwoord. Uw wijzigingen worden bewaard en later verzonden.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/errors.py" line="58" />
        <source>A file or network operation failed: {0}</source>
        <translation>Een bestands- of netwerkbewerking is mislukt: {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/errors.py" line="62" />
        <source>Something went wrong inside Dossier Desk. Your unsynced changes are safe in the outbox. If it happens again, please tell your administrator.</source>
        <translation>Er is iets misgegaan in Dossier Desk. Uw niet-gesynchroniseerde wijzigingen staan veilig in het postvak uit. Meld het aan uw beheerder als het opnieuw gebeurt.</translation>
    </message>
</context>
<context>
    <name>ReintegrationFile</name>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="75" />
        <source>Re-integration file</source>
        <translation>Re-integratiedossier</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="76" />
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="77" />
        <source>Employee</source>
        <translation>Werknemer</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="78" />
        <source>First sick day</source>
        <translation>Eerste ziektedag</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="79" />
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="80" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="81" />
        <source>Generated by</source>
        <translation>Gemaakt door</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="82" />
        <source>Generated at</source>
        <translation>Gemaakt op</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="83" />
        <source>This file contains only what {0} may see.</source>
        <translation>Dit bestand bevat alleen wat {0} mag zien.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="84" />
        <source>Diagnosis, nature and cause of illness are left out for this role.</source>
        <translation>Diagnose, aard en oorzaak van de ziekte zijn voor deze rol weggelaten.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="87" />
        <source>Timeline of steps</source>
        <translation>Tijdlijn van de stappen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="88" />
        <source>Step</source>
        <translation>Stap</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="89" />
        <source>Due</source>
        <translation>Uiterste datum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="90" />
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="91" />
        <source>Comments</source>
        <translation>Opmerkingen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="92" />
        <source>The workflow log has not been downloaded.</source>
        <translation>Het workflowlogboek is niet gedownload.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="93" />
        <source>Index of documents</source>
        <translation>Documentenoverzicht</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="94" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="95" />
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="96" />
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="97" />
        <source>File name</source>
        <translation>Bestandsnaam</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="98" />
        <source>No documents.</source>
        <translation>Geen documenten.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="99" />
        <source>Missing items</source>
        <translation>Ontbrekende onderdelen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="100" />
        <source>Milestone</source>
        <translation>Mijlpaal</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="101" />
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="102" />
        <source>Found / needed</source>
        <translation>Gevonden / nodig</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/export_pdf.py" line="103" />
        <source>Nothing is missing.</source>
        <translation>Er ontbreekt niets.</translation>
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
    <name>ServerBusy</name>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/api_messages.py" line="87" />
        <source>The server is busy. Please try again in %n second(s).</source>
        <translation>
            <numerusform>De server is bezet. Probeer het over %n seconde opnieuw.</numerusform><numerusform>De server is bezet. Probeer het over %n seconden opnieuw.</numerusform></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="72" />
        <source>Sign in to Dossier Desk</source>
        <translation>Aanmelden bij Dossier Desk</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="95" />
        <source>Demo mode: choose whom to sign in as.</source>
        <translation>Demomodus: kies als wie u zich aanmeldt.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="97" />
        <source>Sign in with your work account to open your case files.</source>
        <translation>Meld u aan met uw werkaccount om uw dossiers te openen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="118" />
        <source>No system keyring is available: your sign-in is kept in a file that only your user account can read, but it is not encrypted.</source>
        <translation>Er is geen sleutelhanger van het systeem beschikbaar: uw aanmelding wordt bewaard in een bestand dat alleen uw gebruikersaccount kan lezen, maar dat niet versleuteld is.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="128" />
        <source>Use a code on another device…</source>
        <translation>Code gebruiken op een ander apparaat…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="132" />
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="136" />
        <source>Sign in</source>
        <translation>Aanmelden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="136" />
        <source>Sign in with Microsoft</source>
        <translation>Aanmelden met Microsoft</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="156" />
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="181" />
        <source>Signing in as {0}…</source>
        <translation>Aanmelden als {0}…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="183" />
        <source>Finish signing in in your browser. This window waits for it.</source>
        <translation>Rond het aanmelden af in uw browser. Dit venster wacht daarop.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="203" />
        <source>Waiting for the code to be entered on the other device…</source>
        <translation>Wachten tot de code op het andere apparaat is ingevoerd…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="213" />
        <source>Cancelling…</source>
        <translation>Annuleren…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/dialogs/sign_in_dialog.py" line="238" />
        <source>Sign-in cancelled.</source>
        <translation>Aanmelden geannuleerd.</translation>
    </message>
</context>
<context>
    <name>StartFlow</name>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="154" />
        <source>Work account</source>
        <translation>Werkaccount</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="177" />
        <source>Signing in…</source>
        <translation>Aanmelden…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="182" />
        <source>Finish signing in in the sign-in window.</source>
        <translation>Rond het aanmelden af in het aanmeldvenster.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="207" />
        <source>Looking for your Business Central environments…</source>
        <translation>Uw Business Central-omgevingen worden opgezocht…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="215" />
        <source>Your account has no Business Central environments.</source>
        <translation>Uw account heeft geen Business Central-omgevingen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="253" />
        <source>Looking for the companies in {0}…</source>
        <translation>De bedrijven in {0} worden opgezocht…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="263" />
        <source>The environment “{0}” has no companies you can open.</source>
        <translation>De omgeving “{0}” heeft geen bedrijven die u kunt openen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="268" />
        <source>Choose the company in {0}:</source>
        <translation>Kies het bedrijf in {0}:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="296" />
        <source>Checking Dynamics Dossier in {0}…</source>
        <translation>Dynamics Dossier in {0} wordt gecontroleerd…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="302" />
        <source>The Dynamics Dossier extension in the environment “{0}” (company “{1}”) is a version Dossier Desk cannot work with. Ask your Business Central administrator to update it.</source>
        <translation>De Dynamics Dossier-extensie in de omgeving “{0}” (bedrijf “{1}”) is een versie waarmee Dossier Desk niet kan werken. Vraag uw Business Central-beheerder deze bij te werken.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="308" />
        <source>Dynamics Dossier is not installed in the environment “{0}” (company “{1}”). Ask your Business Central administrator to install the extension, or choose another environment or company.</source>
        <translation>Dynamics Dossier is niet geïnstalleerd in de omgeving “{0}” (bedrijf “{1}”). Vraag uw Business Central-beheerder de extensie te installeren, of kies een andere omgeving of een ander bedrijf.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="318" />
        <source>The environment “{0}” has Dynamics Dossier {1}; Dossier Desk needs version {2} or later. Ask your Business Central administrator to update the extension.</source>
        <translation>De omgeving “{0}” heeft Dynamics Dossier {1}; Dossier Desk heeft versie {2} of nieuwer nodig. Vraag uw Business Central-beheerder de extensie bij te werken.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="351" />
        <source>production</source>
        <translation>productie</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_flow.py" line="353" />
        <source>sandbox</source>
        <translation>sandbox</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="74" />
        <source>Dossier Desk</source>
        <translation>Dossier Desk</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="86" />
        <source>Welcome to Dossier Desk</source>
        <translation>Welkom bij Dossier Desk</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="92" />
        <source>Case files for HR and occupational health, on Business Central.</source>
        <translation>Dossiers voor HR en de bedrijfsarts, op Business Central.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="121" />
        <source>Sign in with your work account: Dossier Desk finds your Business Central environments and companies. Or try it first on demo data, without an account.</source>
        <translation>Meld u aan met uw werkaccount: Dossier Desk zoekt uw Business Central-omgevingen en bedrijven op. Of probeer het eerst met demogegevens, zonder account.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="129" />
        <source>&amp;Sign in with your work account</source>
        <translation>&amp;Aanmelden met uw werkaccount</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="135" />
        <source>Try the &amp;demo</source>
        <translation>&amp;Demo proberen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="143" />
        <source>Or open a profile on this computer:</source>
        <translation>Of open een profiel op deze computer:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="150" />
        <source>&amp;Open profile</source>
        <translation>Profiel &amp;openen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="152" />
        <source>Other &amp;company…</source>
        <translation>Ander &amp;bedrijf…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="176" />
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="197" />
        <source>&amp;Back</source>
        <translation>&amp;Terug</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="210" />
        <source>Choose the Business Central environment:</source>
        <translation>Kies de Business Central-omgeving:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="210" />
        <source>&amp;Next</source>
        <translation>&amp;Volgende</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="217" />
        <source>Choose the company:</source>
        <translation>Kies het bedrijf:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="217" />
        <source>&amp;Open</source>
        <translation>&amp;Openen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/session/start_window.py" line="229" />
        <source>Set up for this computer by your IT department</source>
        <translation>Voor deze computer ingesteld door uw IT-afdeling</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../dossier_desk/ui/startup.py" line="96" />
        <source>This Business Central environment has no companies you can open.</source>
        <translation>Deze Business Central-omgeving heeft geen bedrijven die u kunt openen.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/startup.py" line="105" />
        <source>The company “%1” of the profile “%2” does not exist in its environment.</source>
        <translation>Het bedrijf “%1” van het profiel “%2” bestaat niet in zijn omgeving.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/startup.py" line="354" />
        <source>Dossier Desk is already open for the profile “%1”.</source>
        <translation>Dossier Desk is al geopend voor het profiel “%1”.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/startup.py" line="378" />
        <source>The demo is not part of this installation of Dossier Desk.</source>
        <translation>De demo hoort niet bij deze installatie van Dossier Desk.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/startup.py" line="400" />
        <source>Dossier Desk could not start</source>
        <translation>Dossier Desk kon niet starten</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <location filename="../../dossier_desk/ui/storage_texts.py" line="14" />
        <source>The disk is full.</source>
        <translation>De schijf is vol.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/storage_texts.py" line="16" />
        <source>The local data folder cannot be written to.</source>
        <translation>Er kan niet in de map met lokale gegevens worden geschreven.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/storage_texts.py" line="18" />
        <source>The local database could not be written.</source>
        <translation>De lokale database kon niet worden beschreven.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/storage_texts.py" line="20" />
        <source>Your change was NOT saved. {0} Free some space or fix the folder, then try again.</source>
        <translation>Uw wijziging is NIET opgeslagen. {0} Maak ruimte vrij of herstel de map en probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/storage_texts.py" line="23" />
        <source>Your edit was NOT saved. {0} What you typed is still in the form: free some space or fix the folder, then save again.</source>
        <translation>Uw wijziging is NIET opgeslagen. {0} Wat u typte staat nog in het formulier: maak ruimte vrij of herstel de map en sla dan opnieuw op.</translation>
    </message>
</context>
<context>
    <name>SyncIssuesWindow</name>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="45" />
        <source>complete</source>
        <translation>afronden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="46" />
        <source>reject</source>
        <translation>afwijzen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="47" />
        <source>reopen</source>
        <translation>heropenen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="61" />
        <source>a new dossier</source>
        <translation>een nieuw dossier</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="62" />
        <source>a dossier</source>
        <translation>een dossier</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="70" />
        <source>Edit of {0}</source>
        <translation>Wijziging van {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="73" />
        <source>New dossier {0}</source>
        <translation>Nieuw dossier {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="75" />
        <source>Deletion of {0}</source>
        <translation>Verwijdering van {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="78" />
        <source>Upload of “{0}” to {1}</source>
        <translation>Upload van “{0}” naar {1}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="82" />
        <source>Workflow: {0} line {1} of {2}</source>
        <translation>Workflow: regel {1} van {2} {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="86" />
        <source>Conflict: {0}</source>
        <translation>Conflict: {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="88" />
        <source>Outcome unknown: {0}</source>
        <translation>Resultaat onbekend: {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="90" />
        <source>Waiting: {0}</source>
        <translation>Wacht: {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="91" />
        <source>Failed: {0}</source>
        <translation>Mislukt: {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="96" />
        <source>Unreadable record skipped: {0} {1}</source>
        <translation>Onleesbaar record overgeslagen: {0} {1}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="114" />
        <source>Sync issues</source>
        <translation>Synchronisatieproblemen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="124" />
        <source>Nothing waits for you: every change has been sent.</source>
        <translation>Er wacht niets op u: alle wijzigingen zijn verzonden.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="127" />
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="229" />
        <source>Keep mine</source>
        <translation>Mijn versie behouden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="128" />
        <source>Keep server</source>
        <translation>Serverversie behouden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="129" />
        <source>Merge (use choices)</source>
        <translation>Samenvoegen (volgens keuzes)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="146" />
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="241" />
        <source>Retry</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="147" />
        <source>Discard…</source>
        <translation>Verwerpen…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="229" />
        <source>Delete anyway</source>
        <translation>Toch verwijderen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="234" />
        <source>Send again</source>
        <translation>Opnieuw versturen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="238" />
        <source>Retry now</source>
        <translation>Nu opnieuw proberen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="243" />
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="271" />
        <source>The server said:</source>
        <translation>Melding van de server:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="242" />
        <source>(no message)</source>
        <translation>(geen melding)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="257" />
        <source>This change was sent, but no answer came back, and Dossier Desk cannot tell whether it arrived. It is not sent again on its own, so nothing is duplicated. Check the dossier: if the change is there, discard it here; if not, send it again.</source>
        <translation>Deze wijziging is verstuurd, maar er kwam geen antwoord en Dossier Desk kan niet vaststellen of ze is aangekomen. Ze wordt niet vanzelf opnieuw verstuurd, zodat niets dubbel wordt opgeslagen. Controleer het dossier: staat de wijziging erin, verwijder haar dan hier; zo niet, verstuur haar opnieuw.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="262" />
        <source>%n record(s) on the server may be this change.</source>
        <translation>
            <numerusform>%n record op de server kan deze wijziging zijn.</numerusform><numerusform>%n records op de server kunnen deze wijziging zijn.</numerusform></translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="267" />
        <source>This change waits until %1 before it is sent again.</source>
        <translation>Deze wijziging wacht tot %1 voordat ze opnieuw wordt verstuurd.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="276" />
        <source>The server sent this record in a form Dossier Desk cannot read, so it was left out; the other records were kept. Ask your administrator to check it.</source>
        <translation>De server stuurde dit record in een vorm die Dossier Desk niet kan lezen; het is weggelaten en de andere records zijn bewaard. Vraag uw beheerder het te controleren.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="321" />
        <source>Discard this change? “{0}” will not be sent to the server.</source>
        <translation>Deze wijziging verwerpen? “{0}” wordt niet naar de server verzonden.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="322" />
        <source>Are you sure? The change is deleted for good and cannot be recovered.</source>
        <translation>Weet u het zeker? De wijziging wordt definitief verwijderd en kan niet worden hersteld.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/sync_issues/window.py" line="333" />
        <source>Discard change</source>
        <translation>Wijziging verwerpen</translation>
    </message>
</context>
<context>
    <name>UploadDialog</name>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="58" />
        <source>Upload documents</source>
        <translation>Documenten uploaden</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="66" />
        <source>%n file(s) ready to upload to {0}.</source>
        <translation>
            <numerusform>%n bestand klaar om te uploaden naar {0}.</numerusform><numerusform>%n bestanden klaar om te uploaden naar {0}.</numerusform></translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="68" />
        <source>None of the files can be uploaded to {0}.</source>
        <translation>Geen van de bestanden kan worden geüpload naar {0}.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="77" />
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="136" />
        <source>Upload</source>
        <translation>Uploaden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="78" />
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="79" />
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="80" />
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="81" />
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="173" />
        <source>Confidential</source>
        <translation>Vertrouwelijk</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="102" />
        <source>Set to Medical and confidential because of the file name: {0}.</source>
        <translation>Op Medisch en vertrouwelijk gezet vanwege de bestandsnaam: {0}.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="112" />
        <source>I checked the types. Medical and confidential documents can be seen by occupational health only.</source>
        <translation>Ik heb de soorten gecontroleerd. Medische en vertrouwelijke documenten zijn alleen zichtbaar voor de bedrijfsgezondheidszorg.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="125" />
        <source>Not uploaded ({0})</source>
        <translation>Niet geüpload ({0})</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="164" />
        <source>Document type of {0}</source>
        <translation>Documentsoort van {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_dialog.py" line="166" />
        <source>Suggested from the file name: please check</source>
        <translation>Voorgesteld op basis van de bestandsnaam: controleer dit</translation>
    </message>
</context>
<context>
    <name>UploadQueueModel</name>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="27" />
        <source>Waiting</source>
        <translation>Wacht</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="29" />
        <source>Uploading</source>
        <translation>Bezig met uploaden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="30" />
        <source>Uploaded</source>
        <translation>Geüpload</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="37" />
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="39" />
        <source>Cancelled</source>
        <translation>Geannuleerd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="28" />
        <source>Waiting in outbox (offline)</source>
        <translation>Wacht in postvak uit (offline)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="26" />
        <source>Saving a copy for the outbox</source>
        <translation>Kopie voor het postvak uit wordt opgeslagen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="38" />
        <source>Outcome unknown — check the documents list</source>
        <translation>Resultaat onbekend — controleer de documentenlijst</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="40" />
        <source>Discarded from the outbox (not uploaded)</source>
        <translation>Verwijderd uit het postvak uit (niet geüpload)</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="31" />
        <source>Uploaded, visible to occupational health only</source>
        <translation>Geüpload, alleen zichtbaar voor de bedrijfsgezondheidszorg</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="34" />
        <source>Uploaded, but not listed for your account</source>
        <translation>Geüpload, maar niet zichtbaar voor uw account</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="92" />
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="93" />
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="94" />
        <source>Speed</source>
        <translation>Snelheid</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue_model.py" line="95" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>UploadQueueWidget</name>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue.py" line="75" />
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue.py" line="76" />
        <source>Retry</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue.py" line="77" />
        <source>Clear finished</source>
        <translation>Voltooide wissen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/upload_queue.py" line="256" />
        <source>sent from the outbox</source>
        <translation>verzonden vanuit het postvak uit</translation>
    </message>
</context>
<context>
    <name>UploadValidation</name>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="64" />
        <source>1 byte</source>
        <translation>1 byte</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="66" />
        <source>{0} bytes</source>
        <translation>{0} bytes</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="104" />
        <source>The folder “{0}” contains no files.</source>
        <translation>De map “{0}” bevat geen bestanden.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="127" />
        <source>“{0}” is a folder, not a file.</source>
        <translation>“{0}” is een map, geen bestand.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="129" />
        <source>“{0}” no longer exists.</source>
        <translation>“{0}” bestaat niet meer.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="131" />
        <source>“{0}” is not a regular file.</source>
        <translation>“{0}” is geen gewoon bestand.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="137" />
        <source>“{0}” files are not accepted (“{1}”). Allowed: {2}.</source>
        <translation>Bestanden van het type “{0}” worden niet geaccepteerd (“{1}”). Toegestaan: {2}.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="140" />
        <source>Files without an extension are not accepted (“{0}”). Allowed: {1}.</source>
        <translation>Bestanden zonder extensie worden niet geaccepteerd (“{0}”). Toegestaan: {1}.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="148" />
        <source>“{0}” is empty (0 bytes).</source>
        <translation>“{0}” is leeg (0 bytes).</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="150" />
        <source>“{0}” is {1}; the server accepts at most {2}.</source>
        <translation>“{0}” is {1}; de server accepteert maximaal {2}.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="161" />
        <source>“{0}” cannot be read ({1}).</source>
        <translation>“{0}” kan niet worden gelezen ({1}).</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="162" />
        <source>access denied</source>
        <translation>toegang geweigerd</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="181" />
        <source>The server accepts at most 1 file per request; the {0} files will be sent one at a time.</source>
        <translation>De server accepteert maximaal 1 bestand per verzoek; de {0} bestanden worden één voor één verzonden.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/validation.py" line="186" />
        <source>The server accepts at most {0} files per request; the {1} files will be sent one at a time.</source>
        <translation>De server accepteert maximaal {0} bestanden per verzoek; de {1} bestanden worden één voor één verzonden.</translation>
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
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="29" />
        <source>Administrative</source>
        <translation>Administratief</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/models/vocab.py" line="30" />
        <source>Legal</source>
        <translation>Juridisch</translation>
    </message>
</context>
<context>
    <name>WaitingWrites</name>
    <message>
        <location filename="../../dossier_desk/ui/waiting_writes.py" line="18" />
        <source>another account</source>
        <translation>een ander account</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/waiting_writes.py" line="20" />
        <source>%n change(s) by %1 are waiting for %1 to sign in.</source>
        <translation>%n wijziging van %1 wacht tot %1 zich aanmeldt.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/waiting_writes.py" line="31" />
        <source>Changes of other accounts</source>
        <translation>Wijzigingen van andere accounts</translation>
    </message>
</context>
<context>
    <name>WorkflowActionDialog</name>
    <message>
        <location filename="../../dossier_desk/ui/workflow/action_dialog.py" line="30" />
        <source>Complete</source>
        <translation>Afronden</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/action_dialog.py" line="31" />
        <source>Reject</source>
        <translation>Afwijzen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/action_dialog.py" line="32" />
        <source>Reopen</source>
        <translation>Heropenen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/action_dialog.py" line="63" />
        <source>Workflow step</source>
        <translation>Workflowstap</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/action_dialog.py" line="97" />
        <source>Comments</source>
        <translation>Opmerkingen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/action_dialog.py" line="126" />
        <source>Comments (required):</source>
        <translation>Opmerkingen (verplicht):</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/action_dialog.py" line="126" />
        <source>Comments:</source>
        <translation>Opmerkingen:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/action_dialog.py" line="131" />
        <source>A rejection needs a comment explaining why.</source>
        <translation>Licht bij een afwijzing in een opmerking toe waarom.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/action_dialog.py" line="133" />
        <source>This step requires a comment.</source>
        <translation>Bij deze stap is een opmerking verplicht.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/action_dialog.py" line="136" />
        <source>Comments can be at most {0} characters ({1} now).</source>
        <translation>Opmerkingen mogen maximaal {0} tekens bevatten (nu {1}).</translation>
    </message>
</context>
<context>
    <name>WorkflowLogModel</name>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="59" />
        <source>Current</source>
        <translation>Huidige stap</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="60" />
        <source>Upcoming</source>
        <translation>Komende stap</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="66" />
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="71" />
        <source>Rejected by {0} on {1}</source>
        <translation>Afgewezen door {0} op {1}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="72" />
        <source>Rejected by {0}</source>
        <translation>Afgewezen door {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="74" />
        <source>Completed by {0} on {1}</source>
        <translation>Afgerond door {0} op {1}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="75" />
        <source>Completed by {0}</source>
        <translation>Afgerond door {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="111" />
        <source>Step</source>
        <translation>Stap</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="112" />
        <source>Due</source>
        <translation>Uiterste datum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="113" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="114" />
        <source>Comments</source>
        <translation>Opmerkingen</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/model.py" line="153" />
        <source>Term: {0}</source>
        <translation>Termijn: {0}</translation>
    </message>
</context>
<context>
    <name>WorkflowTab</name>
    <message>
        <location filename="../../dossier_desk/ui/workflow/tab.py" line="124" />
        <source>Complete…</source>
        <translation>Afronden…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/tab.py" line="125" />
        <source>Reject…</source>
        <translation>Afwijzen…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/tab.py" line="126" />
        <source>Reopen…</source>
        <translation>Heropenen…</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/tab.py" line="199" />
        <source>No workflow for this dossier.</source>
        <translation>Geen workflow voor dit dossier.</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/tab.py" line="202" />
        <source>{0} of {1} steps decided</source>
        <translation>{0} van {1} stappen afgehandeld</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/tab.py" line="204" />
        <source>, {0} overdue</source>
        <translation>, {0} te laat</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workflow/tab.py" line="230" />
        <source>Comments: {0}</source>
        <translation>Opmerkingen: {0}</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../dossier_desk/ui/documents/uploads_dock.py" line="18" />
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/documents/uploads_dock.py" line="40" />
        <source>&amp;Uploads</source>
        <translation>&amp;Uploads</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/wiring.py" line="54" />
        <source>File check</source>
        <translation>Dossiercontrole</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/wiring.py" line="82" />
        <source>At risk</source>
        <translation>Risico</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/wiring.py" line="95" />
        <source>Sickness dossiers with gaps in the re-integration file</source>
        <translation>Verzuimdossiers met hiaten in het re-integratiedossier</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/filecheck/wiring.py" line="100" />
        <source>At risk: {0}</source>
        <translation>Risico: {0}</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workspace_parts.py" line="109" />
        <source>Documents</source>
        <translation>Documenten</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/workspace_parts.py" line="110" />
        <source>Workflow log</source>
        <translation>Workflowlogboek</translation>
    </message>
</context>
<context>
    <name>_DateRange</name>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="111" />
        <source>Date closed</source>
        <translation>Sluitingsdatum</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="115" />
        <source>Date field</source>
        <translation>Datumveld</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="116" />
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="117" />
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location filename="../../dossier_desk/ui/views/filter_bar.py" line="118" />
        <source>To</source>
        <translation>Tot</translation>
    </message>
</context>
</TS>