<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>AgendaModel</name>
    <message>
        <location filename="../workspaces/sessions/models.py" line="47"/>
        <source>#</source>
        <extracomment>the agenda of a care network&apos;s consultation: its cases are referrals (issue 15)</extracomment>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/models.py" line="48"/>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/models.py" line="49"/>
        <source>Case</source>
        <translation>Casus</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/models.py" line="50"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/models.py" line="51"/>
        <source>Hospital</source>
        <translation>Ziekenhuis</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/models.py" line="52"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/models.py" line="53"/>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/models.py" line="54"/>
        <source>Question</source>
        <translation>Vraagstelling</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/models.py" line="96"/>
        <source>for noting</source>
        <translation>ter kennisname</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/models.py" line="112"/>
        <source>Urgent</source>
        <translation>Spoed</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/models.py" line="114"/>
        <source>Placed by hand</source>
        <translation>Handmatig geplaatst</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../context.py" line="239"/>
        <source>Cancelled.</source>
        <extracomment>Entities announced through ``AppContext.dataChanged``. Number of background tasks still running (for a busy indicator). A workspace asks to open a case in the case editor (0 = register a new case). A workspace asks the window to show another workspace by name (&quot;planning&quot;): the way back after a detour, e.g. from the review to a case and back. Open a case and offer the way back to the named workspace (case id, workspace). Plan again only the days from .. to (a leave conflict): Planning takes the horizon and runs. A background task that announced itself (&quot;Publishing the plan…&quot;) has ended: the announcement is no longer true (the status bar takes it away).</extracomment>
        <translation>Geannuleerd.</translation>
    </message>
    <message>
        <location filename="../context.py" line="241"/>
        <source>Failed: {0}</source>
        <translation>Mislukt: {0}</translation>
    </message>
</context>
<context>
    <name>AuditWorkspace</name>
    <message>
        <location filename="../workspaces/audit.py" line="94"/>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="98"/>
        <source>Case or patient reference</source>
        <translation>Casus of patiëntreferentie</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="99"/>
        <location filename="../workspaces/audit.py" line="117"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="101"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="59"/>
        <location filename="../workspaces/audit.py" line="102"/>
        <location filename="../workspaces/audit.py" line="118"/>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="50"/>
        <source>… and {count} more</source>
        <translation>… en nog {count}</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="58"/>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="60"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="61"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="63"/>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="67"/>
        <source>flagged</source>
        <translation>gemarkeerd</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="74"/>
        <source>Patients (cases)</source>
        <translation>Patiënten (casussen)</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="79"/>
        <source>Workstation</source>
        <translation>Werkplek</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="83"/>
        <source>Purpose</source>
        <translation>Doel</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="106"/>
        <location filename="../workspaces/audit.py" line="119"/>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="109"/>
        <location filename="../workspaces/audit.py" line="120"/>
        <source>To</source>
        <translation>Tot en met</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="110"/>
        <source>Show</source>
        <translation>Tonen</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="112"/>
        <source>Verify chain</source>
        <translation>Keten controleren</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="114"/>
        <source>Export CSV…</source>
        <translation>CSV exporteren…</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="167"/>
        <source>Reading the audit trail…</source>
        <translation>Audittrail lezen…</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="174"/>
        <source>{count} events</source>
        <translation>{count} gebeurtenissen</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="176"/>
        <source>(the first {limit}; narrow the filter)</source>
        <translation>(de eerste {limit}; verfijn het filter)</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="197"/>
        <source>Verifying the audit trail…</source>
        <translation>Audittrail controleren…</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="203"/>
        <source>The audit trail is intact ({count} events).</source>
        <translation>De audittrail is intact ({count} gebeurtenissen).</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="210"/>
        <source>The audit trail is BROKEN: {finding}</source>
        <translation>De audittrail is VERBROKEN: {finding}</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="221"/>
        <source>Export audit events</source>
        <translation>Auditgebeurtenissen exporteren</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="221"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="232"/>
        <source>Exporting audit events…</source>
        <translation>Auditgebeurtenissen exporteren…</translation>
    </message>
    <message>
        <location filename="../workspaces/audit.py" line="238"/>
        <source>{count} events exported.</source>
        <translation>{count} gebeurtenissen geëxporteerd.</translation>
    </message>
</context>
<context>
    <name>CareNetworksPanel</name>
    <message>
        <location filename="../workspaces/care_networks.py" line="91"/>
        <source>Care networks</source>
        <translation>Zorgnetwerken</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="83"/>
        <location filename="../workspaces/care_networks.py" line="94"/>
        <source>Care network</source>
        <translation>Zorgnetwerk</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="102"/>
        <source>postcode areas or municipalities: 5611, 5600-5658, Eindhoven</source>
        <translation>postcodegebieden of gemeenten: 5611, 5600-5658, Eindhoven</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="122"/>
        <source>NVPO check</source>
        <translation>NVPO-toets</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="85"/>
        <location filename="../workspaces/care_networks.py" line="127"/>
        <location filename="../workspaces/care_networks.py" line="148"/>
        <source>Professionals</source>
        <translation>Zorgverleners</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="130"/>
        <location filename="../workspaces/care_networks.py" line="149"/>
        <source>Member organisations</source>
        <translation>Aangesloten organisaties</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="132"/>
        <location filename="../workspaces/care_networks.py" line="158"/>
        <source>Core disciplines of the consultations</source>
        <translation>Kerndisciplines van het netwerkoverleg</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="134"/>
        <location filename="../workspaces/care_networks.py" line="159"/>
        <source>Agreements with hospitals</source>
        <translation>Afspraken met ziekenhuizen</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="168"/>
        <source>&amp;New care network</source>
        <translation>&amp;Nieuw zorgnetwerk</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="170"/>
        <source>&amp;Save care network</source>
        <translation>Zorgnetwerk op&amp;slaan</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="178"/>
        <source>Add an organisation or a professional</source>
        <translation>Organisatie of zorgverlener toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="185"/>
        <source>Add &amp;organisation</source>
        <translation>&amp;Organisatie toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="200"/>
        <location filename="../workspaces/care_networks.py" line="217"/>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="205"/>
        <source>no limit</source>
        <translation>geen limiet</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="210"/>
        <source>Add &amp;professional</source>
        <translation>&amp;Zorgverlener toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="225"/>
        <source>Professional</source>
        <translation>Zorgverlener</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="483"/>
        <source>Added.</source>
        <translation>Toegevoegd.</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="82"/>
        <location filename="../workspaces/care_networks.py" line="109"/>
        <location filename="../workspaces/care_networks.py" line="189"/>
        <location filename="../workspaces/care_networks.py" line="214"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="110"/>
        <location filename="../workspaces/care_networks.py" line="190"/>
        <location filename="../workspaces/care_networks.py" line="215"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="111"/>
        <source>Oncology network</source>
        <translation>Oncologienetwerk</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="84"/>
        <location filename="../workspaces/care_networks.py" line="112"/>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="113"/>
        <source>Contact person</source>
        <translation>Contactpersoon</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="114"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="115"/>
        <source>Telephone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="137"/>
        <source>Complaint</source>
        <translation>Klacht</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="137"/>
        <source>Disciplines needed</source>
        <translation>Benodigde disciplines</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="191"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="192"/>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="193"/>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="216"/>
        <source>Discipline</source>
        <translation>Discipline</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="218"/>
        <source>Consultations per week</source>
        <translation>Overleggen per week</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="86"/>
        <source>NVPO criterion</source>
        <translation>NVPO-criterium</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="160"/>
        <source>Rules: complaints to disciplines</source>
        <translation>Regels: klachten naar disciplines</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="411"/>
        <source>Saving the care network…</source>
        <translation>Zorgnetwerk opslaan…</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="420"/>
        <source>Care network {name} saved.</source>
        <translation>Zorgnetwerk {name} opgeslagen.</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="452"/>
        <source>Adding the organisation…</source>
        <translation>Organisatie toevoegen…</translation>
    </message>
    <message>
        <location filename="../workspaces/care_networks.py" line="475"/>
        <source>Adding the professional…</source>
        <translation>Zorgverlener toevoegen…</translation>
    </message>
</context>
<context>
    <name>CareWords</name>
    <message>
        <location filename="../workspaces/care_words.py" line="121"/>
        <source>Referral</source>
        <translation>Verwijzing</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="113"/>
        <source>network consultation</source>
        <translation>netwerkoverleg</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="23"/>
        <source>Hospital</source>
        <translation>Ziekenhuis</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="24"/>
        <source>GP practice</source>
        <translation>Huisartsenpraktijk</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="25"/>
        <source>Paramedical practice</source>
        <translation>Paramedische praktijk</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="26"/>
        <source>Psychosocial practice</source>
        <translation>Psychosociale praktijk</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="27"/>
        <source>Home-care organisation</source>
        <translation>Thuiszorgorganisatie</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="28"/>
        <source>Rehabilitation centre</source>
        <translation>Revalidatiecentrum</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="34"/>
        <source>fatigue</source>
        <translation>vermoeidheid</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="35"/>
        <source>anxiety and mood</source>
        <translation>angst en stemming</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="36"/>
        <source>nutrition and bowel</source>
        <translation>voeding en darmen</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="37"/>
        <source>pain</source>
        <translation>pijn</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="38"/>
        <source>physical functioning</source>
        <translation>lichamelijk functioneren</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="39"/>
        <source>sexual problems</source>
        <translation>seksuele problemen</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="40"/>
        <source>work and daily life</source>
        <translation>werk en dagelijks leven</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="41"/>
        <source>speech and swallowing</source>
        <translation>spraak en slikken</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="42"/>
        <source>care at home</source>
        <translation>zorg thuis</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="48"/>
        <source>MDO outcome</source>
        <translation>MDO-uitkomst</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="49"/>
        <source>GP</source>
        <translation>Huisarts</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="50"/>
        <source>Network contact person</source>
        <translation>Contactpersoon van het netwerk</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="57"/>
        <source>Meets the NVPO criterion</source>
        <translation>Voldoet aan het NVPO-criterium</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="63"/>
        <source>no physiotherapist</source>
        <translation>geen fysiotherapeut</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="64"/>
        <source>no psychosocial care provider</source>
        <translation>geen psychosociale zorgverlener</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="67"/>
        <source>no dietitian</source>
        <translation>geen diëtist</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="72"/>
        <source>{count} disciplines, at least {minimum} needed</source>
        <translation>{count} disciplines, minstens {minimum} nodig</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="85"/>
        <source>No care network&apos;s region holds {where}.</source>
        <translation>Geen zorgnetwerk heeft {where} in zijn regio.</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="90"/>
        <source>{network} has no {disciplines}</source>
        <translation>{network} heeft geen {disciplines}</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="95"/>
        <source>No care network can take this referral: {why}</source>
        <translation>Geen zorgnetwerk kan deze verwijzing aannemen: {why}</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="103"/>
        <source>First: {discipline}.</source>
        <translation>Eerst: {discipline}.</translation>
    </message>
    <message>
        <location filename="../workspaces/care_words.py" line="99"/>
        <source>To {network}: its region holds {where}; it has {needed}.</source>
        <translation>Naar {network}: {where} ligt in de regio; het netwerk heeft {needed}.</translation>
    </message>
</context>
<context>
    <name>CaseEditorWorkspace</name>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="71"/>
        <source>Case</source>
        <translation>Casus</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="105"/>
        <source>← Back to the review</source>
        <translation>← Terug naar de beoordeling</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="108"/>
        <source>Return to the proposal in Planning; plan again there to place the case</source>
        <translation>Terug naar het voorstel in Planning; plan daar opnieuw om de casus te plaatsen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="119"/>
        <source>Reload</source>
        <translation>Opnieuw laden</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="146"/>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="152"/>
        <source>Save the case (Ctrl+S)</source>
        <translation>De casus opslaan (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="154"/>
        <source>Revert</source>
        <translation>Terugzetten</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="157"/>
        <location filename="../workspaces/case_editor/editor.py" line="414"/>
        <source>New case</source>
        <translation>Nieuwe casus</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="224"/>
        <source>Save case</source>
        <translation>Casus opslaan</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="229"/>
        <source>Confirm level</source>
        <translation>Niveau bevestigen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="234"/>
        <source>Accept the recommended level (Ctrl+Return)</source>
        <translation>Het geadviseerde niveau accepteren (Ctrl+Return)</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="341"/>
        <source>Unsaved changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="342"/>
        <source>The case you are editing has unsaved changes. Save them first?</source>
        <translation>De casus die u bewerkt heeft niet-opgeslagen wijzigingen. Eerst opslaan?</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="415"/>
        <source>Register a case for an MDO discussion.</source>
        <translation>Meld een casus aan voor bespreking in een MDO.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="417"/>
        <source>Case {0}</source>
        <translation>Casus {0}</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="420"/>
        <source>planned on {0}</source>
        <translation>gepland op {0}</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="422"/>
        <source>registered by {0}</source>
        <translation>aangemeld door {0}</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="487"/>
        <source>registered</source>
        <translation>aangemeld</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="488"/>
        <source>edited</source>
        <translation>gewijzigd</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="489"/>
        <source>triage recomputed</source>
        <translation>triage opnieuw berekend</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="490"/>
        <source>level confirmed</source>
        <translation>niveau bevestigd</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="491"/>
        <source>level overridden</source>
        <translation>niveau gewijzigd</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="492"/>
        <source>decided level kept after review</source>
        <translation>vastgesteld niveau behouden na beoordeling</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="494"/>
        <source>opened</source>
        <translation>geopend</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="495"/>
        <source>moved to another session by hand</source>
        <translation>met de hand naar een andere sessie verplaatst</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="496"/>
        <source>taken out of the proposal</source>
        <translation>uit het voorstel gehaald</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="497"/>
        <source>pinned to its session</source>
        <translation>vastgezet in de sessie</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="498"/>
        <source>unpinned</source>
        <translation>losgemaakt</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="499"/>
        <source>admitted late with the chair&apos;s agreement</source>
        <translation>te laat toegelaten met instemming van de voorzitter</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="500"/>
        <source>withdrawn</source>
        <translation>ingetrokken</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="525"/>
        <source>Overridden to {0} by {1}: “{2}”</source>
        <translation>Gewijzigd naar {0} door {1}: “{2}”</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="532"/>
        <source>Level {0} confirmed by {1} {2}</source>
        <translation>Niveau {0} bevestigd door {1} {2}</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="537"/>
        <source>Not confirmed yet.</source>
        <translation>Nog niet bevestigd.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="541"/>
        <source>⚠ The recommendation changed after the level was decided: please review.</source>
        <translation>⚠ Het advies is gewijzigd nadat het niveau was vastgesteld: graag opnieuw beoordelen.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="564"/>
        <source>Save the case to confirm or override its level.</source>
        <translation>Sla de casus op om het niveau te bevestigen of te wijzigen.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="567"/>
        <source>Save your changes first: the level is confirmed for the saved case.</source>
        <translation>Sla eerst uw wijzigingen op: het niveau wordt bevestigd voor de opgeslagen casus.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="580"/>
        <location filename="../workspaces/case_editor/editor.py" line="629"/>
        <source>Not saved: please correct the marked fields.</source>
        <translation>Niet opgeslagen: verbeter de gemarkeerde velden.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="594"/>
        <location filename="../workspaces/case_editor/editor.py" line="606"/>
        <source>Saving the case…</source>
        <translation>De casus wordt opgeslagen…</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="619"/>
        <source>Saved.</source>
        <translation>Opgeslagen.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="620"/>
        <source>Case {0} saved.</source>
        <translation>Casus {0} opgeslagen.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="632"/>
        <source>Not saved: {0}. Your changes are still in the form; copy what you need, then reload.</source>
        <translation>Niet opgeslagen: {0}. Uw wijzigingen staan nog in het formulier; neem over wat u nodig hebt en laad daarna opnieuw.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="636"/>
        <source>Not saved: {0}</source>
        <translation>Niet opgeslagen: {0}</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="640"/>
        <source>Not saved because of an unexpected error ({0}). Your changes are still in the form; details are in the log.</source>
        <translation>Niet opgeslagen door een onverwachte fout ({0}). Uw wijzigingen staan nog in het formulier; details staan in het logboek.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="666"/>
        <source>A reason is required to override the recommended level.</source>
        <translation>Een reden is verplicht om het geadviseerde niveau te wijzigen.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="696"/>
        <source>Level recorded. Note: {0}</source>
        <translation>Niveau vastgelegd. Let op: {0}</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="699"/>
        <source>Level recorded.</source>
        <translation>Niveau vastgelegd.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="707"/>
        <source>Not recorded: {0}</source>
        <translation>Niet vastgelegd: {0}</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/editor.py" line="712"/>
        <source>Not recorded because of an unexpected error ({0}); details are in the log.</source>
        <translation>Niet vastgelegd door een onverwachte fout ({0}); details staan in het logboek.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="103"/>
        <source>Edit {0}</source>
        <extracomment>Complexity yes/no fields, grouped as on a registration form. Form fields that make up the contract&apos;s complexity object.</extracomment>
        <translation>{0} wijzigen</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="167"/>
        <source>optional, 9 digits</source>
        <extracomment>A field changed (typed, undone, redone): the live triage recomputes.</extracomment>
        <translation>optioneel, 9 cijfers</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="170"/>
        <location filename="../workspaces/case_editor/form.py" line="574"/>
        <source>Show</source>
        <translation>Tonen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="172"/>
        <source>Show BSN</source>
        <translation>BSN tonen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="185"/>
        <source>The question for the meeting</source>
        <translation>De vraagstelling voor het overleg</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="188"/>
        <location filename="../workspaces/case_editor/form.py" line="202"/>
        <source>Urgent</source>
        <translation>Spoed</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="191"/>
        <source>Patient reference</source>
        <translation>Patiëntreferentie</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="192"/>
        <source>Patient name</source>
        <translation>Naam van de patiënt</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="193"/>
        <source>Hospital patient number</source>
        <translation>Patiëntnummer van het ziekenhuis</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="194"/>
        <source>BSN</source>
        <translation>BSN</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="195"/>
        <source>Birth date</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="196"/>
        <source>Referring hospital</source>
        <translation>Verwijzend ziekenhuis</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="197"/>
        <source>Presenting physician</source>
        <translation>Inbrengend arts</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="198"/>
        <source>Tumour group</source>
        <translation>Tumorgroep</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="199"/>
        <source>Question</source>
        <translation>Vraagstelling</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="200"/>
        <source>Ready on</source>
        <translation>Gereed op</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="201"/>
        <source>Due by</source>
        <translation>Streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="205"/>
        <source>Registration</source>
        <translation>Aanmelding</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="240"/>
        <location filename="../workspaces/case_editor/form.py" line="251"/>
        <location filename="../workspaces/case_editor/form.py" line="260"/>
        <location filename="../workspaces/case_editor/form.py" line="263"/>
        <location filename="../workspaces/case_editor/form.py" line="316"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="242"/>
        <source>Pre-treatment</source>
        <translation>Voor behandeling</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="243"/>
        <source>Post-operative</source>
        <translation>Postoperatief</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="244"/>
        <location filename="../workspaces/case_editor/form.py" line="332"/>
        <source>Recurrence</source>
        <translation>Recidief</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="245"/>
        <source>Palliative</source>
        <translation>Palliatief</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="246"/>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="255"/>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="266"/>
        <source>Complexity</source>
        <translation>Complexiteit</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="271"/>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="272"/>
        <source>Stage</source>
        <translation>Stadium</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="273"/>
        <source>Previous MDO</source>
        <translation>Vorig MDO</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="274"/>
        <source>Age</source>
        <translation>Leeftijd</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="275"/>
        <source>WHO performance</source>
        <translation>WHO-performance</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="287"/>
        <source>Readiness</source>
        <translation>Compleetheid</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="288"/>
        <source>Referral</source>
        <translation>Verwijzing</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="289"/>
        <source>Disease and treatment</source>
        <translation>Ziekte en behandeling</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="290"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="324"/>
        <source>Pathology report available</source>
        <translation>Pathologieverslag beschikbaar</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="325"/>
        <source>Imaging available</source>
        <translation>Beeldvorming beschikbaar</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="326"/>
        <source>Rare tumour</source>
        <translation>Zeldzame tumor</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="327"/>
        <source>Rare molecular alteration</source>
        <translation>Zeldzame moleculaire afwijking</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="328"/>
        <source>Second opinion</source>
        <translation>Second opinion</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="329"/>
        <source>No consensus at a previous MDO</source>
        <translation>Geen consensus in een vorig MDO</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="330"/>
        <source>Centralised procedure considered</source>
        <translation>Gecentraliseerde ingreep overwogen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="331"/>
        <source>Trial candidate</source>
        <translation>Kandidaat voor een studie</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="333"/>
        <source>Metastatic</source>
        <translation>Gemetastaseerd</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="334"/>
        <source>Curative options</source>
        <translation>Curatieve opties</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="335"/>
        <source>Multimodal treatment</source>
        <translation>Multimodale behandeling</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="336"/>
        <source>Discordant imaging and pathology</source>
        <translation>Beeldvorming en pathologie niet in overeenstemming</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="337"/>
        <source>Deviation from the guideline</source>
        <translation>Afwijking van de richtlijn</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="338"/>
        <source>Fits a standard-of-care pathway</source>
        <translation>Past in een standaardzorgpad</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="339"/>
        <source>Frailty</source>
        <translation>Kwetsbaarheid</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="340"/>
        <source>Cognitive impairment</source>
        <translation>Cognitieve stoornis</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="341"/>
        <source>Significant comorbidity</source>
        <translation>Relevante comorbiditeit</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="342"/>
        <source>Previous treatment failed</source>
        <translation>Eerdere behandeling gefaald</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="343"/>
        <source>Psychosocial issues</source>
        <translation>Psychosociale problematiek</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="344"/>
        <source>Conflicting patient preference</source>
        <translation>Afwijkende voorkeur van de patiënt</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="345"/>
        <source>Hereditary cancer suspected</source>
        <translation>Verdenking erfelijke kanker</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="574"/>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="579"/>
        <source>Not a valid BSN: the elfproef fails.</source>
        <translation>Geen geldig BSN: de elfproef klopt niet.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="585"/>
        <source>Required.</source>
        <translation>Verplicht.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="586"/>
        <source>Must not be before the ready date.</source>
        <translation>Mag niet vóór de gereeddatum liggen.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="587"/>
        <source>Lies in the future.</source>
        <translation>Ligt in de toekomst.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="588"/>
        <source>At most 64 characters.</source>
        <translation>Maximaal 64 tekens.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="591"/>
        <source>Not a valid BSN: 9 digits that pass the elfproef.</source>
        <translation>Geen geldig BSN: 9 cijfers die de elfproef doorstaan.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="610"/>
        <source>Choose the referring hospital…</source>
        <translation>Kies het verwijzend ziekenhuis…</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/form.py" line="611"/>
        <source>Choose the tumour group…</source>
        <translation>Kies de tumorgroep…</translation>
    </message>
</context>
<context>
    <name>CaseLabels</name>
    <message>
        <location filename="../workspaces/words.py" line="433"/>
        <source>New</source>
        <extracomment>Every case status in its life-cycle order, with its word (the worklist&apos;s own table, so that this module needs no database model; a test holds it equal to the models&apos; list).</extracomment>
        <translation>Nieuw</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="434"/>
        <source>On hold</source>
        <translation>Aangehouden</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="435"/>
        <source>Ready</source>
        <translation>Gereed</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="436"/>
        <source>Planned</source>
        <translation>Gepland</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="437"/>
        <source>Discussed</source>
        <translation>Besproken</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="438"/>
        <source>Deferred</source>
        <translation>Uitgesteld</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="439"/>
        <source>Not discussed</source>
        <translation>Niet besproken</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="440"/>
        <source>Withdrawn</source>
        <translation>Ingetrokken</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="455"/>
        <source>not triaged</source>
        <translation>niet getrieerd</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="457"/>
        <source>Hold</source>
        <translation>Aanhouden</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="458"/>
        <source>Protocol (noting)</source>
        <translation>Protocol (ter kennisname)</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="459"/>
        <source>Local</source>
        <translation>Lokaal</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="460"/>
        <source>Regional</source>
        <translation>Regionaal</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="461"/>
        <source>Supra-regional</source>
        <translation>Bovenregionaal</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="468"/>
        <source>Overdue</source>
        <translation>Te laat</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="469"/>
        <source>Planned late</source>
        <translation>Te laat gepland</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="470"/>
        <source>At risk</source>
        <translation>Risico</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="471"/>
        <source>On track</source>
        <translation>Op schema</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="472"/>
        <source>Closed</source>
        <translation>Afgesloten</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../workspaces/case_table.py" line="82"/>
        <source>Deadline</source>
        <extracomment>Rows fetched per database round trip when the view scrolls. Risk colours are translucent so they read on light and dark palettes alike; the icon and the text carry the same information for colour-blind users.</extracomment>
        <translation>Termijn</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="83"/>
        <source>Case</source>
        <translation>Casus</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="84"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="85"/>
        <source>Hospital</source>
        <translation>Ziekenhuis</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="86"/>
        <source>Tumour group</source>
        <translation>Tumorgroep</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="87"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="88"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="89"/>
        <source>Ready</source>
        <translation>Gereed</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="90"/>
        <source>Due</source>
        <translation>Streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="91"/>
        <source>Planned</source>
        <translation>Gepland</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="92"/>
        <source>Physician</source>
        <translation>Arts</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="93"/>
        <source>Question</source>
        <translation>Vraagstelling</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="280"/>
        <source>{0} — review</source>
        <translation>{0} — beoordelen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="282"/>
        <location filename="../workspaces/cases.py" line="226"/>
        <source>{0} (proposed)</source>
        <translation>{0} (voorstel)</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="301"/>
        <source>Due {0}: {1} day(s) ago and not planned</source>
        <translation>Streefdatum {0}: {1} dag(en) geleden en niet gepland</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="305"/>
        <source>Planned on {0}, after its due date {1}</source>
        <translation>Gepland op {0}, na de uiterste datum {1}</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="309"/>
        <source>Due {0} and not planned yet</source>
        <translation>Streefdatum {0} en nog niet gepland</translation>
    </message>
    <message>
        <location filename="../workspaces/case_table.py" line="257"/>
        <source>⚑ Urgent: first on its session&apos;s agenda</source>
        <extracomment>Role carrying the case id of a row. ids arrived from a worklist read: before that a sort only records the order (the read that follows asks for the ids in it)</extracomment>
        <translation>⚑ Spoed: als eerste op de agenda van de sessie</translation>
    </message>
</context>
<context>
    <name>CasesWorkspace</name>
    <message>
        <location filename="../workspaces/cases.py" line="128"/>
        <location filename="../workspaces/cases.py" line="266"/>
        <source>Cases</source>
        <extracomment>the ids the structured filters asked with accept (None: every case) Emitted with the number of cases shown after each filter change. Quiet time after the last keystroke before a typed search is audited.</extracomment>
        <translation>Casussen</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="141"/>
        <source>Search name, patient number, case, physician…</source>
        <extracomment>The case selected before a refresh, selected again once the filter is applied. The structured filter asked of the database and not answered yet.</extracomment>
        <translation>Zoek naam, patiëntnummer, casus, arts…</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="143"/>
        <source>Search cases</source>
        <translation>Casussen zoeken</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="148"/>
        <source>Status filter</source>
        <translation>Filter op status</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="149"/>
        <source>Open cases</source>
        <translation>Open casussen</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="150"/>
        <source>All cases</source>
        <translation>Alle casussen</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="156"/>
        <source>Tumour group filter</source>
        <translation>Filter op tumorgroep</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="159"/>
        <source>Hospital filter</source>
        <translation>Filter op ziekenhuis</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="162"/>
        <source>Triage level filter</source>
        <translation>Filter op triageniveau</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="163"/>
        <source>All levels</source>
        <translation>Alle niveaus</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="169"/>
        <source>Due within days</source>
        <translation>Streefdatum binnen dagen</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="171"/>
        <source>any due date</source>
        <translation>elke streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="172"/>
        <source>due ≤ </source>
        <translation>streefdatum ≤ </translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="173"/>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="174"/>
        <source>Needs review</source>
        <translation>Te beoordelen</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="177"/>
        <source>New case</source>
        <translation>Nieuwe casus</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="180"/>
        <source>Register a new case (Ctrl+N)</source>
        <translation>Een nieuwe casus aanmelden (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="201"/>
        <source>Case worklist</source>
        <translation>Werklijst casussen</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="297"/>
        <source>Open case</source>
        <translation>Casus openen</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="312"/>
        <source>Copy case and patient reference</source>
        <translation>Casus- en patiëntreferentie kopiëren</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="375"/>
        <source>All tumour groups</source>
        <translation>Alle tumorgroepen</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="380"/>
        <source>All hospitals</source>
        <translation>Alle ziekenhuizen</translation>
    </message>
    <message numerus="yes">
        <location filename="../workspaces/cases.py" line="413"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n te laat</numerusform>
            <numerusform>%n te laat</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../workspaces/cases.py" line="414"/>
        <source>%n at risk</source>
        <translation>
            <numerusform>%n met risico</numerusform>
            <numerusform>%n met risico</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../workspaces/cases.py" line="415"/>
        <source>%n planned late</source>
        <translation>
            <numerusform>%n te laat gepland</numerusform>
            <numerusform>%n te laat gepland</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="424"/>
        <source>No deadline at risk</source>
        <translation>Geen termijn in gevaar</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="425"/>
        <source>Open cases by deadline risk</source>
        <translation>Open casussen naar termijnrisico</translation>
    </message>
    <message numerus="yes">
        <location filename="../workspaces/cases.py" line="486"/>
        <source>%n case(s) shown</source>
        <translation>
            <numerusform>%n casus getoond</numerusform>
            <numerusform>%n casussen getoond</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="487"/>
        <source> of {0}</source>
        <translation> van {0}</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="502"/>
        <source>No cases yet.
Register one with New case (Ctrl+N), or import a scenario with File → Import scenario.</source>
        <translation>Nog geen casussen.
Meld er een aan met Nieuwe casus (Ctrl+N), of importeer een scenario via Bestand → Scenario importeren.</translation>
    </message>
    <message>
        <location filename="../workspaces/cases.py" line="507"/>
        <source>No case matches the search and the filters.</source>
        <translation>Geen casus voldoet aan de zoekopdracht en de filters.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../crash.py" line="83"/>
        <source>MDO Planner — unexpected error</source>
        <translation>MDO Planner — onverwachte fout</translation>
    </message>
    <message>
        <location filename="../crash.py" line="91"/>
        <source>The details were saved to {0}.</source>
        <translation>De details zijn opgeslagen in {0}.</translation>
    </message>
    <message>
        <location filename="../crash.py" line="93"/>
        <source>The details could not be saved to the log folder.</source>
        <translation>De details konden niet in de logmap worden opgeslagen.</translation>
    </message>
    <message>
        <location filename="../crash.py" line="97"/>
        <source>&lt;b&gt;Something went wrong inside MDO Planner.&lt;/b&gt;&lt;br&gt;Your saved data is safe. Work that was not saved may need to be redone. Please send the details below to your application support.</source>
        <translation>&lt;b&gt;Er ging iets mis in MDO Planner.&lt;/b&gt;&lt;br&gt;Uw opgeslagen gegevens zijn veilig. Werk dat niet was opgeslagen moet u mogelijk opnieuw doen. Stuur de details hieronder naar uw applicatiebeheer.</translation>
    </message>
    <message>
        <location filename="../crash.py" line="112"/>
        <source>Copy details</source>
        <translation>Details kopiëren</translation>
    </message>
    <message>
        <location filename="../crash.py" line="128"/>
        <source>Copied</source>
        <translation>Gekopieerd</translation>
    </message>
</context>
<context>
    <name>DashboardWorkspace</name>
    <message>
        <location filename="../workspaces/dashboard.py" line="124"/>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="134"/>
        <source>Around</source>
        <translation>Rond</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="137"/>
        <source>Reference date</source>
        <translation>Peildatum</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="139"/>
        <source>Weeks</source>
        <translation>Weken</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="143"/>
        <source>Number of weeks</source>
        <translation>Aantal weken</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="151"/>
        <source>cases waiting</source>
        <extracomment>the user picked a date since the database&apos;s reference date was asked for</extracomment>
        <translation>casussen wachten</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="152"/>
        <source>discussed by the due date</source>
        <translation>besproken vóór de streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="153"/>
        <source>of meeting time used</source>
        <translation>van de vergadertijd gebruikt</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="154"/>
        <source>expert-weeks over the limit</source>
        <translation>expertweken boven de limiet</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="158"/>
        <source>Cases waiting by level</source>
        <translation>Wachtende casussen per niveau</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="160"/>
        <source>% discussed by the due date, per week due</source>
        <translation>% besproken vóór de streefdatum, per week</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="163"/>
        <source>Meeting time used per echelon, % (number of sessions)</source>
        <translation>Gebruikte vergadertijd per echelon, % (aantal sessies)</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="176"/>
        <source>Expert</source>
        <translation>Expert</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="177"/>
        <source>Discipline</source>
        <translation>Discipline</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="178"/>
        <source>Week of</source>
        <translation>Week van</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="179"/>
        <source>Sessions</source>
        <translation>Sessies</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="180"/>
        <source>Limit</source>
        <translation>Limiet</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="186"/>
        <location filename="../workspaces/dashboard.py" line="197"/>
        <source>Experts over their weekly limit</source>
        <translation>Experts boven hun weeklimiet</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="291"/>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="362"/>
        <source>new</source>
        <translation>nieuw</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="363"/>
        <source>hold</source>
        <translation>wacht</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="364"/>
        <source>protocol</source>
        <translation>protocol</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="365"/>
        <location filename="../workspaces/dashboard.py" line="409"/>
        <source>local</source>
        <translation>lokaal</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="366"/>
        <location filename="../workspaces/dashboard.py" line="410"/>
        <source>regional</source>
        <translation>regionaal</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="367"/>
        <location filename="../workspaces/dashboard.py" line="411"/>
        <source>supra</source>
        <translation>bovenregionaal</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="412"/>
        <source>consultations</source>
        <translation>netwerkoverleg</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="383"/>
        <source>% on time</source>
        <translation>% op tijd</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="390"/>
        <source>wk {week}</source>
        <translation>wk {week}</translation>
    </message>
    <message>
        <location filename="../workspaces/dashboard.py" line="415"/>
        <source>{echelon} ({sessions})</source>
        <translation>{echelon} ({sessions})</translation>
    </message>
</context>
<context>
    <name>ExpertsWorkspace</name>
    <message>
        <location filename="../workspaces/experts.py" line="142"/>
        <location filename="../workspaces/experts.py" line="193"/>
        <source>Experts</source>
        <translation>Experts</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="155"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="157"/>
        <source>Discipline</source>
        <translation>Discipline</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="161"/>
        <source>Hospital</source>
        <translation>Ziekenhuis</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="238"/>
        <location filename="../workspaces/experts.py" line="250"/>
        <source>Highest echelon</source>
        <translation>Hoogste echelon</translation>
    </message>
    <message>
        <location filename="../workspaces/expert_leave.py" line="76"/>
        <source>Add leave {start} – {end}</source>
        <translation>Afwezigheid {start} – {end} toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/expert_leave.py" line="100"/>
        <source>Remove leave {start} – {end}</source>
        <translation>Afwezigheid {start} – {end} verwijderen</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="163"/>
        <source>Echelon</source>
        <translation>Echelon</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="166"/>
        <source>highest echelon</source>
        <translation>hoogste echelon</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="169"/>
        <source>/wk</source>
        <translation>/wk</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="172"/>
        <source>weekly limit</source>
        <translation>weeklimiet</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="174"/>
        <location filename="../workspaces/experts.py" line="234"/>
        <location filename="../workspaces/experts.py" line="249"/>
        <source>Tumour groups</source>
        <translation>Tumorgroepen</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="182"/>
        <source>Search name, discipline, hospital…</source>
        <translation>Zoek naam, discipline, ziekenhuis…</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="183"/>
        <source>Search experts</source>
        <translation>Experts zoeken</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="202"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="205"/>
        <source>Name of a new expert</source>
        <translation>Naam van een nieuwe expert</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="208"/>
        <source>Add e&amp;xpert</source>
        <translation>E&amp;xpert toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="210"/>
        <source>New expert code</source>
        <translation>Code nieuwe expert</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="211"/>
        <source>New expert name</source>
        <translation>Naam nieuwe expert</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="212"/>
        <source>New expert discipline</source>
        <translation>Discipline nieuwe expert</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="213"/>
        <source>New expert hospital</source>
        <translation>Ziekenhuis nieuwe expert</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="222"/>
        <source>May attend</source>
        <translation>Mag deelnemen aan</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="232"/>
        <source>Hospitals served (local MDOs)</source>
        <translation>Bediende ziekenhuizen (lokale MDO&apos;s)</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="243"/>
        <source>no limit</source>
        <translation>geen limiet</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="244"/>
        <location filename="../workspaces/experts.py" line="251"/>
        <source>Weekly limit</source>
        <translation>Weeklimiet</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="245"/>
        <source> sessions</source>
        <translation> sessies</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="246"/>
        <source>&amp;Save expert</source>
        <translation>Expert op&amp;slaan</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="248"/>
        <source>Hospitals served</source>
        <translation>Bediende ziekenhuizen</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="255"/>
        <source>Leave</source>
        <translation>Afwezigheid</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="259"/>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="260"/>
        <source>To</source>
        <translation>Tot en met</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="261"/>
        <source>Days</source>
        <translation>Dagen</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="262"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="267"/>
        <source>Leave periods</source>
        <translation>Afwezigheidsperioden</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="270"/>
        <source>Leave calendar</source>
        <translation>Afwezigheidskalender</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="273"/>
        <source>Days on leave are marked. Click a day to start a period, Shift+click to end it.</source>
        <translation>Afwezige dagen zijn gemarkeerd. Klik op een dag om een periode te beginnen, Shift+klik om haar te beëindigen.</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="292"/>
        <source>Leave from</source>
        <translation>Afwezig vanaf</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="293"/>
        <source>Leave to</source>
        <translation>Afwezig tot en met</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="299"/>
        <source>Reason (optional)</source>
        <translation>Reden (optioneel)</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="300"/>
        <source>Leave reason</source>
        <translation>Reden van afwezigheid</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="307"/>
        <source>&amp;Add leave</source>
        <translation>Afwezigheid &amp;toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="309"/>
        <source>&amp;Remove leave</source>
        <translation>Afwezigheid &amp;verwijderen</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="330"/>
        <source>Sessions per week (published plan)</source>
        <translation>Sessies per week (gepubliceerde planning)</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="333"/>
        <source>From week of</source>
        <translation>Vanaf de week van</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="336"/>
        <source>Load from</source>
        <translation>Belasting vanaf</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="344"/>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="345"/>
        <source>Monday</source>
        <translation>Maandag</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="347"/>
        <source>Sessions</source>
        <translation>Sessies</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="354"/>
        <source>Limit</source>
        <translation>Limiet</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="359"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="361"/>
        <source>over the limit</source>
        <translation>boven de limiet</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="361"/>
        <source>within the limit</source>
        <translation>binnen de limiet</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="368"/>
        <source>Weekly load</source>
        <translation>Weekbelasting</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="468"/>
        <source>Choose an expert in the list.</source>
        <translation>Kies een expert in de lijst.</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="595"/>
        <source>{name} saved.</source>
        <translation>{name} opgeslagen.</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="614"/>
        <source>{name} added: choose the tumour groups and what else they may attend, then save.</source>
        <translation>{name} toegevoegd: kies de tumorgroepen en waar de expert verder aan mag deelnemen, en sla op.</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="698"/>
        <source>Choose a leave period to remove.</source>
        <translation>Kies een afwezigheidsperiode om te verwijderen.</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="315"/>
        <source>Re-plan the affected days…</source>
        <translation>Getroffen dagen opnieuw plannen…</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="319"/>
        <source>Plan again only the days of the sessions this leave breaks; you review before publishing</source>
        <translation>Alleen de dagen van de sessies die dit verlof raakt opnieuw plannen; u beoordeelt vóór het publiceren</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="663"/>
        <source>Leave added for {name}; no published session is affected.</source>
        <translation>Verlof toegevoegd voor {name}; geen gepubliceerde sessie wordt geraakt.</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="671"/>
        <source>quorum broken</source>
        <translation>quorum niet meer gehaald</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="676"/>
        <source>Leave conflict: {name} attends {count} published session(s) in this period:</source>
        <translation>Verlofconflict: {name} neemt in deze periode deel aan {count} gepubliceerde sessie(s):</translation>
    </message>
    <message>
        <location filename="../workspaces/experts.py" line="681"/>
        <source>Re-plan the affected days to find a replacement.</source>
        <translation>Plan de getroffen dagen opnieuw om een vervanger te vinden.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../interop.py" line="530"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-werkmap (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../interop.py" line="532"/>
        <source>CSV, semicolon-separated (*.csv)</source>
        <translation>CSV, gescheiden door puntkomma&apos;s (*.csv)</translation>
    </message>
    <message>
        <location filename="../interop.py" line="542"/>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <location filename="../interop.py" line="543"/>
        <source>Written to {0}.</source>
        <translation>Geschreven naar {0}.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../export_dialog.py" line="70"/>
        <source>Save as</source>
        <extracomment>The chosen file and privacy mode (&quot;&quot; = the session&apos;s default).</extracomment>
        <translation>Opslaan als</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="73"/>
        <source>Browse…</source>
        <translation>Bladeren…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="79"/>
        <source>Save as:</source>
        <translation>Opslaan als:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="82"/>
        <source>Privacy mode</source>
        <translation>Privacymodus</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="85"/>
        <source>Default: full locally, pseudonymised at regional and supra-regional MDOs</source>
        <translation>Standaard: volledig bij lokale, gepseudonimiseerd bij regionale en bovenregionale MDO&apos;s</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="88"/>
        <source>Full: name, reference, birth date, hospital patient number</source>
        <translation>Volledig: naam, referentie, geboortedatum, patiëntnummer van het ziekenhuis</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="89"/>
        <source>Pseudonymised: reference, initials, birth year</source>
        <translation>Gepseudonimiseerd: referentie, initialen, geboortejaar</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="90"/>
        <source>Minimal: reference only</source>
        <translation>Minimaal: alleen de referentie</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="96"/>
        <source>Patients printed as:</source>
        <translation>Patiënten afgedrukt als:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="97"/>
        <source>The BSN is never printed, in no mode.</source>
        <translation>Het BSN wordt nooit afgedrukt, in geen enkele modus.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="137"/>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="143"/>
        <source>Type a file name.</source>
        <translation>Typ een bestandsnaam.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="148"/>
        <source>{0} already exists. Press Replace to overwrite it, or change the name.</source>
        <translation>{0} bestaat al. Kies Vervangen om het te overschrijven, of wijzig de naam.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="152"/>
        <source>Replace</source>
        <translation>Vervangen</translation>
    </message>
</context>
<context>
    <name>ExportsPage</name>
    <message>
        <location filename="../settings_dialog.py" line="97"/>
        <source>Browse…</source>
        <translation>Bladeren…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="102"/>
        <source>Open the folder when an export is done</source>
        <translation>De map openen als een export klaar is</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="106"/>
        <source>Save as… starts in this folder and remembers the folder you choose there. Send agenda writes its calendar files here.</source>
        <translation>Opslaan als… begint in deze map en onthoudt de map die u daar kiest. Agenda versturen schrijft de agendabestanden hier.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="113"/>
        <source>Export folder:</source>
        <translation>Exportmap:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="118"/>
        <source>Agendas and exports</source>
        <translation>Agenda&apos;s en exports</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="122"/>
        <source>Export folder</source>
        <translation>Exportmap</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../main_window_dialogs.py" line="141"/>
        <source>Welcome to MDO Planner</source>
        <translation>Welkom bij MDO Planner</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="143"/>
        <source>&lt;h2&gt;Welcome to MDO Planner&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Welkom bij MDO Planner&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="146"/>
        <source>This database is empty. You can explore the application with a demo network (hospitals, experts, meeting series and a month of cases, all fictitious), or start setting up your own network: hospitals, tumour groups and meeting series.</source>
        <translation>Deze database is leeg. U kunt de applicatie verkennen met een demonetwerk (ziekenhuizen, experts, overlegreeksen en een maand aan casussen, alles fictief), of beginnen met het inrichten van uw eigen netwerk: ziekenhuizen, tumorgroepen en overlegreeksen.</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="153"/>
        <source>Open the demo network</source>
        <translation>Demonetwerk openen</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="154"/>
        <source>Set up my network</source>
        <translation>Mijn netwerk inrichten</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="158"/>
        <source>Later</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../settings_dialog.py" line="66"/>
        <source>System language</source>
        <extracomment>Stable name (object name of the page, for tests and for remembering the last page).</extracomment>
        <translation>Systeemtaal</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="71"/>
        <source>A new language applies the next time MDO Planner starts.</source>
        <translation>Een nieuwe taal geldt vanaf de volgende keer dat MDO Planner start.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="74"/>
        <source>Interface language:</source>
        <translation>Taal van de interface:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="78"/>
        <source>General</source>
        <translation>Algemeen</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../help.py" line="93"/>
        <source>Short guide</source>
        <translation>Korte handleiding</translation>
    </message>
</context>
<context>
    <name>HelpTexts</name>
    <message>
        <location filename="../help.py" line="72"/>
        <source>&lt;b&gt;Care networks&lt;/b&gt; (Network setup → Care networks): the check says whether a network meets the NVPO criterion or what is missing. Referrals (Network setup → Referrals) are routed to the network whose region holds the patient and planned into its consultations like any MDO case.</source>
        <translation>&lt;b&gt;Zorgnetwerken&lt;/b&gt; (Netwerkinrichting → Zorgnetwerken): de controle zegt of een netwerk aan het NVPO-criterium voldoet of wat er ontbreekt. Verwijzingen (Netwerkinrichting → Verwijzingen) gaan naar het netwerk in wiens regio de patiënt woont en worden in de netwerkoverleggen gepland zoals elke MDO-casus.</translation>
    </message>
    <message>
        <location filename="../help.py" line="27"/>
        <source>&lt;b&gt;Register&lt;/b&gt; a case (Ctrl+N): the triage on the right proposes the level while you type. A clinician confirms it (Ctrl+Return) or overrides it with a reason.</source>
        <translation>&lt;b&gt;Aanmelden&lt;/b&gt; van een casus (Ctrl+N): de triage rechts stelt het niveau voor terwijl u typt. Een clinicus bevestigt het (Ctrl+Return) of kiest een ander niveau met een reden.</translation>
    </message>
    <message>
        <location filename="../help.py" line="33"/>
        <source>&lt;b&gt;Find&lt;/b&gt; a case (Ctrl+F) by case code, patient name, hospital patient number, physician or question; a full BSN typed in the box finds its patient too.</source>
        <translation>&lt;b&gt;Zoeken&lt;/b&gt; naar een casus (Ctrl+F) op casuscode, naam van de patiënt, patiëntnummer van het ziekenhuis, arts of vraag; een volledig BSN in het zoekvak vindt ook de patiënt.</translation>
    </message>
    <message>
        <location filename="../help.py" line="39"/>
        <source>&lt;b&gt;Watch the deadlines&lt;/b&gt;: the worklist&apos;s first column says Overdue, At risk or Planned late with an icon and a word; the headline counts them.</source>
        <translation>&lt;b&gt;Let op de termijnen&lt;/b&gt;: de eerste kolom van de werklijst zegt Te laat, Risico of Te laat gepland, met een pictogram en een woord; de kop telt ze.</translation>
    </message>
    <message>
        <location filename="../help.py" line="44"/>
        <source>&lt;b&gt;Plan&lt;/b&gt; (Planning, F5): the progress panel says how many cases are planned, unplanned and late, and how close the plan is to the best possible one.</source>
        <translation>&lt;b&gt;Plannen&lt;/b&gt; (Planning, F5): het voortgangspaneel zegt hoeveel casussen ingepland, niet ingepland en te laat zijn, en hoe dicht het plan bij het best mogelijke ligt.</translation>
    </message>
    <message>
        <location filename="../help.py" line="49"/>
        <source>&lt;b&gt;Review&lt;/b&gt; the proposal as a work list: filter on unplanned, late, moved or changed sessions; the details pane says why a case is where it is and where it could go. Double-click opens the case; ← Back to the review returns.</source>
        <translation>&lt;b&gt;Beoordeel&lt;/b&gt; het voorstel als werklijst: filter op niet ingepland, te laat, verplaatst of gewijzigde sessies; het detailvenster zegt waarom een casus staat waar hij staat en waar hij heen kan. Dubbelklikken opent de casus; ← Terug naar de beoordeling brengt u terug.</translation>
    </message>
    <message>
        <location filename="../help.py" line="55"/>
        <source>&lt;b&gt;Move&lt;/b&gt; a case (Ctrl+M): only sessions that take it are offered, with their free minutes and a late mark. A move by hand is pinned.</source>
        <translation>&lt;b&gt;Verplaats&lt;/b&gt; een casus (Ctrl+M): alleen sessies die hem kunnen nemen worden aangeboden, met hun vrije minuten en een markering als het te laat is. Een verplaatsing met de hand wordt vastgezet.</translation>
    </message>
    <message>
        <location filename="../help.py" line="60"/>
        <source>&lt;b&gt;Publish&lt;/b&gt;: a summary says how many cases change and how many experts get an update before anything is published.</source>
        <translation>&lt;b&gt;Publiceren&lt;/b&gt;: een samenvatting zegt hoeveel casussen wijzigen en hoeveel experts een update krijgen, voordat er iets gepubliceerd wordt.</translation>
    </message>
    <message>
        <location filename="../help.py" line="65"/>
        <source>&lt;b&gt;Send the agendas&lt;/b&gt; (Sessions &amp; agendas): Export PDF (Ctrl+P) asks where to save and in which privacy mode; My agenda prints one expert&apos;s week, one session per page. Leave that breaks a published session shows as a leave conflict, with Re-plan this day.</source>
        <translation>&lt;b&gt;Verstuur de agenda&apos;s&lt;/b&gt; (Sessies &amp; agenda&apos;s): Pdf exporteren (Ctrl+P) vraagt waar op te slaan en in welke privacymodus; Mijn agenda drukt de week van één expert af, één sessie per pagina. Verlof dat een gepubliceerde sessie breekt, verschijnt als verlofconflict, met Deze dag opnieuw plannen.</translation>
    </message>
    <message>
        <location filename="../help.py" line="81"/>
        <source>A week with MDO Planner</source>
        <translation>Een week met MDO Planner</translation>
    </message>
    <message>
        <location filename="../help.py" line="82"/>
        <source>The full manual is docs/desktop.md; Help → Keyboard shortcuts lists every key.</source>
        <translation>De volledige handleiding staat in docs/desktop.md; Help → Sneltoetsen noemt elke toets.</translation>
    </message>
    <message>
        <location filename="../help.py" line="109"/>
        <source>Cases: open the selected case (or double-click)</source>
        <translation>Casussen: de gekozen casus openen (of dubbelklikken)</translation>
    </message>
    <message>
        <location filename="../help.py" line="115"/>
        <source>Cases: copy case code and patient reference</source>
        <translation>Casussen: casuscode en patiëntreferentie kopiëren</translation>
    </message>
    <message>
        <location filename="../help.py" line="117"/>
        <source>Case, Experts: save</source>
        <translation>Casus, Experts: opslaan</translation>
    </message>
    <message>
        <location filename="../help.py" line="120"/>
        <source>Case: confirm the recommended level</source>
        <translation>Casus: het aanbevolen niveau bevestigen</translation>
    </message>
    <message>
        <location filename="../help.py" line="122"/>
        <source>Planning: plan</source>
        <translation>Planning: plannen</translation>
    </message>
    <message>
        <location filename="../help.py" line="123"/>
        <source>Planning: cancel the plan run</source>
        <translation>Planning: de planrun afbreken</translation>
    </message>
    <message>
        <location filename="../help.py" line="126"/>
        <source>Planning: move the selected case to another session</source>
        <translation>Planning: de gekozen casus naar een andere sessie verplaatsen</translation>
    </message>
    <message>
        <location filename="../help.py" line="132"/>
        <source>Sessions &amp; agendas: export the agenda as PDF</source>
        <translation>Sessies &amp; agenda&apos;s: de agenda als pdf exporteren</translation>
    </message>
    <message>
        <location filename="../help.py" line="136"/>
        <source>Sessions &amp; agendas: previous, next week</source>
        <translation>Sessies &amp; agenda&apos;s: vorige, volgende week</translation>
    </message>
    <message>
        <location filename="../help.py" line="140"/>
        <source>Sessions &amp; agendas: move a case up or down the agenda</source>
        <translation>Sessies &amp; agenda&apos;s: een casus omhoog of omlaag op de agenda</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <location filename="../interop.py" line="62"/>
        <source>Patient number</source>
        <translation>Patiëntnummer</translation>
    </message>
    <message>
        <location filename="../interop.py" line="63"/>
        <source>Patient name</source>
        <translation>Naam patiënt</translation>
    </message>
    <message>
        <location filename="../interop.py" line="64"/>
        <source>Date of birth</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <location filename="../interop.py" line="65"/>
        <source>BSN</source>
        <translation>BSN</translation>
    </message>
    <message>
        <location filename="../interop.py" line="66"/>
        <source>Referring hospital</source>
        <translation>Verwijzend ziekenhuis</translation>
    </message>
    <message>
        <location filename="../interop.py" line="67"/>
        <source>Referring physician</source>
        <translation>Aanvragend arts</translation>
    </message>
    <message>
        <location filename="../interop.py" line="68"/>
        <source>Tumour group</source>
        <translation>Tumorgroep</translation>
    </message>
    <message>
        <location filename="../interop.py" line="69"/>
        <source>Question</source>
        <translation>Vraagstelling</translation>
    </message>
    <message>
        <location filename="../interop.py" line="70"/>
        <source>Ready for discussion</source>
        <translation>Gereed voor bespreking</translation>
    </message>
    <message>
        <location filename="../interop.py" line="71"/>
        <source>Due by</source>
        <translation>Streefdatum</translation>
    </message>
    <message>
        <location filename="../interop.py" line="72"/>
        <source>Urgent</source>
        <translation>Spoed</translation>
    </message>
    <message>
        <location filename="../interop.py" line="73"/>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <location filename="../interop.py" line="74"/>
        <source>Extra disciplines</source>
        <translation>Extra disciplines</translation>
    </message>
    <message>
        <location filename="../interop.py" line="78"/>
        <source>Complexity: {0}</source>
        <translation>Complexiteit: {0}</translation>
    </message>
</context>
<context>
    <name>ImportRegistrationsDialog</name>
    <message>
        <location filename="../interop.py" line="146"/>
        <source>Import registrations</source>
        <translation>Aanmeldingen importeren</translation>
    </message>
    <message>
        <location filename="../interop.py" line="152"/>
        <source>From the file&apos;s hospital column</source>
        <translation>Uit de ziekenhuiskolom van het bestand</translation>
    </message>
    <message>
        <location filename="../interop.py" line="154"/>
        <source>Load mapping file…</source>
        <translation>Koppelbestand laden…</translation>
    </message>
    <message>
        <location filename="../interop.py" line="157"/>
        <source>File:</source>
        <translation>Bestand:</translation>
    </message>
    <message>
        <location filename="../interop.py" line="161"/>
        <source>Referring hospital:</source>
        <translation>Verwijzend ziekenhuis:</translation>
    </message>
    <message>
        <location filename="../interop.py" line="165"/>
        <source>Column in the file</source>
        <translation>Kolom in het bestand</translation>
    </message>
    <message>
        <location filename="../interop.py" line="165"/>
        <source>Imported as</source>
        <translation>Geïmporteerd als</translation>
    </message>
    <message>
        <location filename="../interop.py" line="165"/>
        <source>First value</source>
        <translation>Eerste waarde</translation>
    </message>
    <message>
        <location filename="../interop.py" line="174"/>
        <source>Check the file to see every problem, by row and column, before importing.</source>
        <translation>Controleer het bestand om vóór het importeren elk probleem te zien, per rij en kolom.</translation>
    </message>
    <message>
        <location filename="../interop.py" line="182"/>
        <source>Which column holds what (correct it where needed):</source>
        <translation>Welke kolom bevat wat (corrigeer waar nodig):</translation>
    </message>
    <message>
        <location filename="../interop.py" line="187"/>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <location filename="../interop.py" line="190"/>
        <source>Problems</source>
        <translation>Problemen</translation>
    </message>
    <message>
        <location filename="../interop.py" line="198"/>
        <source>Import the valid rows even when other rows have problems</source>
        <translation>De juiste rijen importeren, ook als andere rijen problemen hebben</translation>
    </message>
    <message>
        <location filename="../interop.py" line="202"/>
        <source>Remember this mapping for the hospital</source>
        <translation>Deze koppeling voor het ziekenhuis onthouden</translation>
    </message>
    <message>
        <location filename="../interop.py" line="207"/>
        <source>Check</source>
        <translation>Controleren</translation>
    </message>
    <message>
        <location filename="../interop.py" line="211"/>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <location filename="../interop.py" line="231"/>
        <source>Reading {0}…</source>
        <translation>{0} lezen…</translation>
    </message>
    <message>
        <location filename="../interop.py" line="267"/>
        <source>Using the mapping saved for this hospital.</source>
        <translation>De voor dit ziekenhuis bewaarde koppeling wordt gebruikt.</translation>
    </message>
    <message>
        <location filename="../interop.py" line="272"/>
        <source>Load mapping file</source>
        <translation>Koppelbestand laden</translation>
    </message>
    <message>
        <location filename="../interop.py" line="272"/>
        <source>Mapping files (*.toml)</source>
        <translation>Koppelbestanden (*.toml)</translation>
    </message>
    <message>
        <location filename="../interop.py" line="282"/>
        <source>Using the loaded mapping file.</source>
        <translation>Het geladen koppelbestand wordt gebruikt.</translation>
    </message>
    <message>
        <location filename="../interop.py" line="301"/>
        <source>— not imported —</source>
        <translation>— niet importeren —</translation>
    </message>
    <message>
        <location filename="../interop.py" line="340"/>
        <source>Preview: the first {0} of {1} row(s)</source>
        <translation>Voorbeeld: de eerste {0} van {1} rij(en)</translation>
    </message>
    <message>
        <location filename="../interop.py" line="395"/>
        <source>Choose a column for: {0}.</source>
        <translation>Kies een kolom voor: {0}.</translation>
    </message>
    <message>
        <location filename="../interop.py" line="400"/>
        <source>Checking…</source>
        <translation>Controleren…</translation>
    </message>
    <message>
        <location filename="../interop.py" line="400"/>
        <source>Importing…</source>
        <translation>Importeren…</translation>
    </message>
    <message>
        <location filename="../interop.py" line="412"/>
        <source>Importing registrations…</source>
        <translation>Aanmeldingen importeren…</translation>
    </message>
    <message>
        <location filename="../interop.py" line="425"/>
        <source>{0} problem(s) in {1} row(s): nothing was imported. Correct the file or the mapping and check again.</source>
        <translation>{0} probleem/problemen in {1} rij(en): er is niets geïmporteerd. Corrigeer het bestand of de koppeling en controleer opnieuw.</translation>
    </message>
    <message>
        <location filename="../interop.py" line="432"/>
        <source>Ready: {0} case(s) to import, {1} already registered.</source>
        <translation>Klaar: {0} casus(sen) te importeren, {1} al aangemeld.</translation>
    </message>
    <message>
        <location filename="../interop.py" line="439"/>
        <source>Imported {0} case(s); {1} already registered; {2} row(s) skipped. The new cases wait for a clinician to confirm their level.</source>
        <translation>{0} casus(sen) geïmporteerd; {1} al aangemeld; {2} rij(en) overgeslagen. De nieuwe casussen wachten tot een arts hun niveau bevestigt.</translation>
    </message>
    <message>
        <location filename="../interop.py" line="455"/>
        <source>The operation failed: {0}
Details are in the log (Help → Log viewer).</source>
        <translation>De bewerking is mislukt: {0}
Details staan in het logboek (Help → Logboek).</translation>
    </message>
</context>
<context>
    <name>LogViewer</name>
    <message>
        <location filename="../log_viewer.py" line="49"/>
        <source>Log viewer</source>
        <extracomment>How much of the end of the log is shown.</extracomment>
        <translation>Logboek</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="58"/>
        <source>Log</source>
        <translation>Logboek</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="60"/>
        <source>Reload</source>
        <translation>Opnieuw laden</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="61"/>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="62"/>
        <source>Open folder</source>
        <translation>Map openen</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="78"/>
        <source>Log file: {0}</source>
        <translation>Logbestand: {0}</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="79"/>
        <source>The log is empty.</source>
        <translation>Het logboek is leeg.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="78"/>
        <location filename="../main_window.py" line="301"/>
        <location filename="../main_window.py" line="306"/>
        <location filename="../main_window.py" line="392"/>
        <source>MDO Planner</source>
        <extracomment>What the status bar reads from the database: the login, the last plan run, or the refusal that replaces the plan run&apos;s line.</extracomment>
        <translation>MDO Planner</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="88"/>
        <source>Workspaces</source>
        <extracomment>Close without asking about unsaved changes (``--quit-after`` automation). the interface-language actions (built by ``build_menus``)</extracomment>
        <translation>Werkbladen</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="43"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="46"/>
        <source>&amp;Open database…</source>
        <translation>Database &amp;openen…</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="54"/>
        <source>&amp;New database…</source>
        <translation>&amp;Nieuwe database…</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="60"/>
        <source>&amp;Import scenario…</source>
        <translation>Scenario &amp;importeren…</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="67"/>
        <source>&amp;Export scenario…</source>
        <translation>Scenario &amp;exporteren…</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="74"/>
        <source>Load &amp;demo network</source>
        <translation>&amp;Demonetwerk laden</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="111"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="136"/>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="138"/>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="142"/>
        <source>&amp;Redo</source>
        <translation>Opnieuw &amp;uitvoeren</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="150"/>
        <source>&amp;New case</source>
        <translation>&amp;Nieuwe casus</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="157"/>
        <source>&amp;Find case</source>
        <translation>Casus &amp;zoeken</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="175"/>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="190"/>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="195"/>
        <source>System language</source>
        <translation>Systeemtaal</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="206"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="209"/>
        <source>&amp;Log viewer</source>
        <translation>&amp;Logboek</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="215"/>
        <source>&amp;About MDO Planner</source>
        <translation>&amp;Over MDO Planner</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="241"/>
        <location filename="../main_window.py" line="271"/>
        <source>User: {0}</source>
        <translation>Gebruiker: {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="244"/>
        <source>No database</source>
        <translation>Geen database</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="248"/>
        <source>Database: {0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="254"/>
        <source>MDO Planner — {0}</source>
        <translation>MDO Planner — {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="275"/>
        <source>No plan run yet</source>
        <translation>Nog geen planning gemaakt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280"/>
        <source>published</source>
        <translation>gepubliceerd</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280"/>
        <source>not published</source>
        <translation>niet gepubliceerd</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="282"/>
        <source>Last plan run: {0} by {1} ({2})</source>
        <translation>Laatste planning: {0} door {1} ({2})</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>Cancelled.</source>
        <translation>Geannuleerd.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="308"/>
        <source>The operation failed: {0}
Details are in the log (Help → Log viewer).</source>
        <translation>De bewerking is mislukt: {0}
Details staan in het logboek (Help → Logboek).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="324"/>
        <source>Opening the database…</source>
        <translation>De database wordt geopend…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="332"/>
        <location filename="../main_window.py" line="344"/>
        <source>New database</source>
        <translation>Nieuwe database</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="334"/>
        <source>MDO Planner databases (*.sqlite)</source>
        <translation>MDO Planner-databases (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="345"/>
        <source>{0} already exists; use File → Open database to open it.</source>
        <translation>{0} bestaat al; open het via Bestand → Database openen.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="354"/>
        <source>Opening the demo network…</source>
        <translation>Het demonetwerk wordt geopend…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="362"/>
        <source>Opened {0}.</source>
        <translation>{0} geopend.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="368"/>
        <location filename="../main_window.py" line="409"/>
        <source>Import scenario</source>
        <translation>Scenario importeren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="368"/>
        <location filename="../main_window.py" line="414"/>
        <source>Scenario files (*.json)</source>
        <translation>Scenariobestanden (*.json)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="374"/>
        <source>Importing {0}…</source>
        <translation>{0} wordt geïmporteerd…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="390"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="408"/>
        <source>Scenario imported.</source>
        <translation>Scenario geïmporteerd.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="414"/>
        <source>Export scenario</source>
        <translation>Scenario exporteren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="420"/>
        <source>Exporting the scenario…</source>
        <translation>Het scenario wordt geëxporteerd…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="434"/>
        <source>Scenario written to {0}.</source>
        <translation>Scenario geschreven naar {0}.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="616"/>
        <source>About MDO Planner</source>
        <translation>Over MDO Planner</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="618"/>
        <source>&lt;h3&gt;MDO Planner {0}&lt;/h3&gt;&lt;p&gt;Plans Dutch oncology tumour boards (MDO): triage to local, regional and supra-regional meetings, planning with a proven bound, and agendas.&lt;/p&gt;&lt;p&gt;The triage routes cases to meetings; it never recommends a treatment.&lt;/p&gt;&lt;p&gt;Licence: EUPL-1.2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MDO Planner {0}&lt;/h3&gt;&lt;p&gt;Plant oncologische multidisciplinaire overleggen (MDO): triage naar lokale, regionale en bovenregionale overleggen, planning met een bewezen ondergrens, en agenda&apos;s.&lt;/p&gt;&lt;p&gt;De triage bepaalt in welk overleg een casus wordt besproken; zij adviseert nooit een behandeling.&lt;/p&gt;&lt;p&gt;Licentie: EUPL-1.2&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="634"/>
        <source>The language changes when MDO Planner starts again.</source>
        <translation>De taal wijzigt wanneer MDO Planner opnieuw start.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="690"/>
        <source>Unsaved changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="80"/>
        <source>Import &amp;registrations (CSV/Excel)…</source>
        <translation>&amp;Aanmeldingen importeren (CSV/Excel)…</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="87"/>
        <source>&amp;Worklist (current filter)…</source>
        <translation>&amp;Werklijst (huidige filter)…</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="93"/>
        <source>&amp;Agenda of the selected session…</source>
        <translation>A&amp;genda van de gekozen sessie…</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="99"/>
        <source>&amp;Sessions of a period…</source>
        <translation>&amp;Sessies van een periode…</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="105"/>
        <source>&amp;Quality report…</source>
        <translation>&amp;Kwaliteitsrapport…</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="124"/>
        <source>E&amp;xport table</source>
        <translation>&amp;Tabel exporteren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="440"/>
        <source>Import registrations</source>
        <translation>Aanmeldingen importeren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="440"/>
        <source>Registration lists (*.csv *.xlsx)</source>
        <translation>Aanmeldlijsten (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="458"/>
        <source>Export the worklist</source>
        <translation>De werklijst exporteren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="466"/>
        <source>Exporting the worklist…</source>
        <translation>De werklijst wordt geëxporteerd…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="479"/>
        <source>Export agenda</source>
        <translation>Agenda exporteren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="480"/>
        <source>Select a session in Sessions &amp; agendas first.</source>
        <translation>Kies eerst een sessie in Sessies &amp; agenda&apos;s.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="483"/>
        <source>Export the agenda</source>
        <translation>De agenda exporteren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="491"/>
        <source>Exporting the agenda…</source>
        <translation>De agenda wordt geëxporteerd…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="507"/>
        <source>The first date lies after the last.</source>
        <translation>De eerste datum ligt na de laatste.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="515"/>
        <location filename="../main_window.py" line="518"/>
        <source>Export sessions</source>
        <translation>Sessies exporteren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="526"/>
        <source>Exporting the sessions…</source>
        <translation>De sessies worden geëxporteerd…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="534"/>
        <location filename="../main_window.py" line="537"/>
        <source>Quality report</source>
        <translation>Kwaliteitsrapport</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="544"/>
        <source>Writing the quality report…</source>
        <translation>Het kwaliteitsrapport wordt geschreven…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="549"/>
        <source>Written to {0}.</source>
        <translation>Geschreven naar {0}.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="642"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="167"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Instellingen…</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="222"/>
        <source>Short &amp;guide</source>
        <translation>&amp;Korte handleiding</translation>
    </message>
    <message>
        <location filename="../main_window_menus.py" line="229"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="691"/>
        <source>The case editor has unsaved changes. Save them before quitting?</source>
        <translation>De casus heeft niet-opgeslagen wijzigingen. Eerst opslaan en dan afsluiten?</translation>
    </message>
</context>
<context>
    <name>MeetingLayout</name>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="57"/>
        <source>Previous day</source>
        <extracomment>Seconds of quiet typing after which the draft is written.</extracomment>
        <translation>Vorige dag</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="60"/>
        <source>Next day</source>
        <translation>Volgende dag</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="63"/>
        <source>Meeting day</source>
        <translation>MDO-dag</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="65"/>
        <source>Session</source>
        <translation>Sessie</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="93"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="94"/>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="95"/>
        <location filename="../workspaces/meeting_layout.py" line="106"/>
        <source>Case</source>
        <translation>Casus</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="96"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="97"/>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="98"/>
        <source>Question</source>
        <translation>Vraagstelling</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="103"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="127"/>
        <source>Recommendation</source>
        <translation>Advies</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="128"/>
        <source>The MDO&apos;s recommendation, as agreed</source>
        <translation>Het advies van het MDO, zoals afgesproken</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="129"/>
        <source>Recommendation:</source>
        <translation>Advies:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="130"/>
        <source>Consensus</source>
        <translation>Consensus</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="132"/>
        <source>Intent</source>
        <translation>Intentie</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="137"/>
        <source>Intent:</source>
        <translation>Intentie:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="142"/>
        <source>Re-discuss from</source>
        <translation>Herbespreken vanaf</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="145"/>
        <source>Re-discussion date</source>
        <translation>Datum herbespreking</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="147"/>
        <source>Re-discussion echelon</source>
        <translation>Echelon herbespreking</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="155"/>
        <source>Follow-up:</source>
        <translation>Vervolg:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="158"/>
        <source>Question of the re-discussion (empty: the same question)</source>
        <translation>Vraagstelling van de herbespreking (leeg: dezelfde vraag)</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="162"/>
        <source>e.g. expert centre, oncology network</source>
        <translation>bijv. expertisecentrum, oncologienetwerk</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="163"/>
        <source>Referral:</source>
        <translation>Verwijzing:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="165"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="166"/>
        <source>Reason:</source>
        <translation>Reden:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="168"/>
        <source>Note:</source>
        <translation>Toelichting:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="171"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="172"/>
        <source>Minutes of discussion</source>
        <translation>Minuten bespreking</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="173"/>
        <source>Discussion took:</source>
        <translation>Bespreking duurde:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="175"/>
        <source>Withdraw case…</source>
        <translation>Casus intrekken…</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="178"/>
        <source>Patient died, moved or no longer needs the MDO: take the case out of every plan</source>
        <translation>Patiënt overleden, verhuisd of heeft het MDO niet meer nodig: haal de casus uit elke planning</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="184"/>
        <source>Present</source>
        <translation>Aanwezig</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="188"/>
        <source>Attendance</source>
        <translation>Aanwezigheid</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="192"/>
        <source>Add an attendee</source>
        <translation>Deelnemer toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="195"/>
        <source>Add attendee</source>
        <translation>Deelnemer toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="200"/>
        <source>Chair:</source>
        <translation>Voorzitter:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="202"/>
        <source>Chair</source>
        <translation>Voorzitter</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="205"/>
        <source>Close meeting…</source>
        <translation>Bespreking afsluiten…</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="209"/>
        <source>The chair signs off: the outcomes become final and the cases leave or return to the pool</source>
        <translation>De voorzitter tekent af: de uitkomsten worden definitief en de casussen verlaten de pool of keren erin terug</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_layout.py" line="213"/>
        <source>Amend…</source>
        <translation>Wijzigen…</translation>
    </message>
</context>
<context>
    <name>MeetingWorkspace</name>
    <message>
        <location filename="../workspaces/words.py" line="481"/>
        <source>Discussed</source>
        <extracomment>The meeting&apos;s outcomes, intents and reasons (their translation context stays the meeting workspace&apos;s); levels are :func:`level_word`.</extracomment>
        <translation>Besproken</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="482"/>
        <source>Deferred</source>
        <translation>Uitgesteld</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="483"/>
        <source>Not discussed</source>
        <translation>Niet besproken</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="484"/>
        <source>Noted</source>
        <translation>Ter kennisname</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="485"/>
        <source>curative</source>
        <translation>curatief</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="486"/>
        <source>palliative</source>
        <translation>palliatief</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="487"/>
        <source>diagnostic</source>
        <translation>diagnostisch</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="488"/>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="489"/>
        <source>pathology missing</source>
        <translation>pathologie ontbreekt</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="490"/>
        <source>imaging missing</source>
        <translation>beeldvorming ontbreekt</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="491"/>
        <source>patient not ready</source>
        <translation>patiënt niet gereed</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="492"/>
        <source>presenter absent</source>
        <translation>presentator afwezig</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="493"/>
        <source>other</source>
        <translation>anders</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="494"/>
        <source>out of time</source>
        <translation>geen tijd meer</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="495"/>
        <source>session cancelled</source>
        <translation>MDO geannuleerd</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="66"/>
        <source>Meeting</source>
        <translation>Bespreking</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="502"/>
        <source>Recommendation:</source>
        <translation>Advies:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="503"/>
        <source>Follow-up:</source>
        <translation>Vervolg:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="504"/>
        <source>Referral:</source>
        <translation>Verwijzing:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="505"/>
        <source>Reason:</source>
        <translation>Reden:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="506"/>
        <source>Note:</source>
        <translation>Toelichting:</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="399"/>
        <source>Close meeting…</source>
        <translation>Bespreking afsluiten…</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="210"/>
        <source> — closed</source>
        <translation> — afgesloten</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="219"/>
        <source>No session with a published agenda on this day.</source>
        <translation>Geen MDO met een gepubliceerde agenda op deze dag.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="302"/>
        <source>Closed {when} by {who}: read-only.</source>
        <translation>Afgesloten {when} door {who}: alleen lezen.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="306"/>
        <source>Amended {count} time(s).</source>
        <translation>{count} keer gewijzigd.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="308"/>
        <source>Amending the closed meeting: save asks for the reason.</source>
        <translation>De afgesloten bespreking wordt gewijzigd: bij opslaan wordt om de reden gevraagd.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="311"/>
        <source>Open: every change is saved as a draft at once; Close meeting makes it final.</source>
        <translation>Open: elke wijziging wordt meteen als concept bewaard; Bespreking afsluiten maakt haar definitief.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="354"/>
        <location filename="../workspaces/meeting.py" line="427"/>
        <source>for noting</source>
        <translation>ter kennisname</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="357"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="399"/>
        <source>Save amendment…</source>
        <translation>Wijziging opslaan…</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="421"/>
        <source>No case selected.</source>
        <translation>Geen casus gekozen.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="603"/>
        <source>Choose an expert of the network to add.</source>
        <translation>Kies een specialist van het netwerk om toe te voegen.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="688"/>
        <source>Amend the meeting</source>
        <translation>Bespreking wijzigen</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="689"/>
        <source>Why is the closed meeting corrected? (kept in the audit trail)</source>
        <translation>Waarom wordt de afgesloten bespreking gecorrigeerd? (wordt in de audittrail bewaard)</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="695"/>
        <source>(no chair chosen)</source>
        <translation>(geen voorzitter gekozen)</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="698"/>
        <source>Close meeting</source>
        <translation>Bespreking afsluiten</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="700"/>
        <source>Close the meeting with {chair} as chair? The outcomes become final: discussed cases leave the planning pool, deferred and not discussed ones return to it, re-discussions become new cases. A correction later needs an amendment with a reason.</source>
        <translation>De bespreking afsluiten met {chair} als voorzitter? De uitkomsten worden definitief: besproken casussen verlaten de planningspool, uitgestelde en niet besproken casussen keren erin terug, herbesprekingen worden nieuwe casussen. Een latere correctie vraagt een wijziging met een reden.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="714"/>
        <source>Closing the meeting…</source>
        <translation>Bespreking wordt afgesloten…</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="719"/>
        <source>Amendment saved.</source>
        <translation>Wijziging opgeslagen.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="719"/>
        <source>Meeting closed.</source>
        <translation>Bespreking afgesloten.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="721"/>
        <source>Re-discussion case(s): {cases}</source>
        <translation>Herbespreking(en): {cases}</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="744"/>
        <source>Withdraw case</source>
        <translation>Casus intrekken</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="745"/>
        <source>Why is case {case} withdrawn (patient died, moved, no longer needed)?</source>
        <translation>Waarom wordt casus {case} ingetrokken (patiënt overleden, verhuisd, niet meer nodig)?</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting.py" line="764"/>
        <source>Case withdrawn: it left every plan and agenda.</source>
        <translation>Casus ingetrokken: hij staat niet meer in een planning of agenda.</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_clock.py" line="25"/>
        <source>Slots {start}–{end}</source>
        <translation>Tijdvakken {start}–{end}</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_clock.py" line="28"/>
        <source>Now {time}</source>
        <translation>Nu {time}</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_clock.py" line="36"/>
        <source>{minutes} min behind the slot of {case}</source>
        <translation>{minutes} min achter op het tijdvak van {case}</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_clock.py" line="40"/>
        <source>{minutes} min ahead of the slot of {case}</source>
        <translation>{minutes} min voor op het tijdvak van {case}</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_clock.py" line="44"/>
        <source>on time for {case}</source>
        <translation>op tijd voor {case}</translation>
    </message>
    <message>
        <location filename="../workspaces/meeting_clock.py" line="48"/>
        <source>the meeting ran {minutes} min over</source>
        <translation>de bespreking liep {minutes} min uit</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../workspaces/_support.py" line="273"/>
        <source>Message</source>
        <extracomment>value used for sorting (defaults to the displayed value) Rows a ResizeToContents column measures (Qt&apos;s default is 1,000): a proposal&apos;s 3,888-row review asked the model for 128,000 cells on every fill; the first screenful and some more give the same widths for these columns, whose texts have a short, regular shape. The one date style of tables, lists and messages (&quot;7 Dec 2026&quot;, &quot;7 dec. 2026&quot;); headings use :func:`long_date`, moments :func:`date_time_text`. One helper per context, so that a screen never mixes &quot;7-12-2026&quot;, &quot;2026-12-07&quot; and &quot;7 Dec 2026&quot;.</extracomment>
        <translation>Melding</translation>
    </message>
</context>
<context>
    <name>NetworkWorkspace</name>
    <message>
        <location filename="../workspaces/network.py" line="88"/>
        <source>Network setup</source>
        <translation>Netwerkinrichting</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="99"/>
        <location filename="../workspaces/network.py" line="148"/>
        <source>Meeting series</source>
        <translation>Vergaderreeksen</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="100"/>
        <location filename="../workspaces/network.py" line="279"/>
        <source>Tumour groups</source>
        <translation>Tumorgroepen</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="101"/>
        <source>Hospitals and networks</source>
        <translation>Ziekenhuizen en netwerken</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="119"/>
        <source>Monday</source>
        <translation>maandag</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="120"/>
        <source>Tuesday</source>
        <translation>dinsdag</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="121"/>
        <source>Wednesday</source>
        <translation>woensdag</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="122"/>
        <source>Thursday</source>
        <translation>donderdag</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="123"/>
        <source>Friday</source>
        <translation>vrijdag</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="124"/>
        <source>Saturday</source>
        <translation>zaterdag</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="125"/>
        <source>Sunday</source>
        <translation>zondag</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="132"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="133"/>
        <location filename="../workspaces/network.py" line="270"/>
        <source>Tumour group</source>
        <translation>Tumorgroep</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="135"/>
        <source>Echelon</source>
        <translation>Echelon</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="137"/>
        <source>Host</source>
        <translation>Gastheer</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="138"/>
        <source>Weekday</source>
        <translation>Weekdag</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="139"/>
        <source>Start</source>
        <translation>Begin</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="140"/>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="141"/>
        <source>Every (weeks)</source>
        <translation>Elke (weken)</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="142"/>
        <source>Mode</source>
        <translation>Vorm</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="143"/>
        <source>Skips holidays</source>
        <translation>Slaat feestdagen over</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="154"/>
        <source>Series</source>
        <translation>Reeks</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="171"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="174"/>
        <source>every </source>
        <translation>elke </translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="175"/>
        <source> wk</source>
        <translation> wk</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="183"/>
        <source>Skip Dutch public holidays</source>
        <translation>Nederlandse feestdagen overslaan</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="186"/>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="187"/>
        <source>&amp;Tumour group</source>
        <translation>&amp;Tumorgroep</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="188"/>
        <source>&amp;Echelon</source>
        <translation>&amp;Echelon</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="189"/>
        <source>&amp;Host</source>
        <translation>&amp;Gastheer</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="190"/>
        <source>&amp;Weekday</source>
        <translation>&amp;Weekdag</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="191"/>
        <source>&amp;Start</source>
        <translation>&amp;Begin</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="192"/>
        <source>&amp;Duration</source>
        <translation>&amp;Duur</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="193"/>
        <source>&amp;Frequency</source>
        <translation>&amp;Frequentie</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="194"/>
        <source>&amp;Mode</source>
        <translation>&amp;Vorm</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="195"/>
        <source>&amp;Video link</source>
        <translation>&amp;Videolink</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="196"/>
        <source>&amp;Valid from</source>
        <translation>Geldig &amp;vanaf</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="203"/>
        <source>New</source>
        <translation>Nieuw</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="204"/>
        <source>&amp;Save series</source>
        <translation>Reeks op&amp;slaan</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="205"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="213"/>
        <source>Generate sessions</source>
        <translation>Sessies aanmaken</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="220"/>
        <source>Generate from</source>
        <translation>Aanmaken vanaf</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="221"/>
        <source>Generate to</source>
        <translation>Aanmaken tot en met</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="226"/>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="228"/>
        <source>to</source>
        <translation>tot en met</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="231"/>
        <source>Skip public holidays (overrides each series)</source>
        <translation>Feestdagen overslaan (geldt voor alle reeksen)</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="234"/>
        <source>Partially checked: follow each series&apos; own setting</source>
        <translation>Half aangevinkt: volg de instelling van elke reeks</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="236"/>
        <source>&amp;Generate sessions</source>
        <translation>Sessies &amp;aanmaken</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="239"/>
        <source>Public holidays in this range:</source>
        <translation>Feestdagen in deze periode:</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="241"/>
        <source>Public holidays</source>
        <translation>Feestdagen</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="269"/>
        <location filename="../workspaces/network.py" line="333"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="271"/>
        <source>Expert centre only</source>
        <translation>Alleen expertisecentrum</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="273"/>
        <source>Core disciplines (quorum)</source>
        <translation>Kerndisciplines (quorum)</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="281"/>
        <location filename="../workspaces/network.py" line="285"/>
        <source>Core disciplines</source>
        <translation>Kerndisciplines</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="283"/>
        <source>Every session with cases needs one expert of each:</source>
        <translation>Elke sessie met casussen heeft van elk één expert nodig:</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="287"/>
        <source>Discussed at an expert centre only</source>
        <translation>Alleen besproken in een expertisecentrum</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="289"/>
        <source>Save &amp;quorum</source>
        <translation>&amp;Quorum opslaan</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="297"/>
        <source>Add &amp;tumour group with the checked disciplines</source>
        <translation>&amp;Tumorgroep toevoegen met de aangevinkte disciplines</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="300"/>
        <source>Tumour group code</source>
        <translation>Tumorgroepcode</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="301"/>
        <source>Tumour group name</source>
        <translation>Naam tumorgroep</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="305"/>
        <source>Add &amp;discipline</source>
        <translation>&amp;Discipline toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="307"/>
        <source>Discipline code</source>
        <translation>Disciplinecode</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="308"/>
        <source>Discipline name</source>
        <translation>Naam discipline</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="334"/>
        <source>Hospital</source>
        <translation>Ziekenhuis</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="335"/>
        <location filename="../workspaces/network.py" line="359"/>
        <source>Network</source>
        <translation>Netwerk</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="336"/>
        <location filename="../workspaces/network.py" line="354"/>
        <source>Expert centre</source>
        <translation>Expertisecentrum</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="341"/>
        <source>Hospitals</source>
        <translation>Ziekenhuizen</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="292"/>
        <location filename="../workspaces/network.py" line="342"/>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="346"/>
        <source>Add &amp;network</source>
        <translation>&amp;Netwerk toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="348"/>
        <source>Network code</source>
        <translation>Netwerkcode</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="349"/>
        <source>Network name</source>
        <translation>Netwerknaam</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="355"/>
        <source>Add &amp;hospital</source>
        <translation>&amp;Ziekenhuis toevoegen</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="357"/>
        <source>Hospital code</source>
        <translation>Ziekenhuiscode</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="358"/>
        <source>Hospital name</source>
        <translation>Ziekenhuisnaam</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="502"/>
        <source>Series saved.</source>
        <translation>Reeks opgeslagen.</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="515"/>
        <source>Series deleted; its sessions were kept.</source>
        <translation>Reeks verwijderd; de sessies zijn behouden.</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="525"/>
        <location filename="../workspaces/network.py" line="534"/>
        <source>Generating sessions…</source>
        <translation>Sessies worden aangemaakt…</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="544"/>
        <source>Sessions created: {count}</source>
        <translation>Sessies aangemaakt: {count}</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="546"/>
        <source>already there: {count}</source>
        <translation>al aanwezig: {count}</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="551"/>
        <source>skipped on public holidays: {days}</source>
        <translation>overgeslagen op feestdagen: {days}</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="584"/>
        <source>Choose a tumour group first.</source>
        <translation>Kies eerst een tumorgroep.</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="591"/>
        <source>Quorum of {group} saved.</source>
        <translation>Quorum van {group} opgeslagen.</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="613"/>
        <source>Tumour group {code} added.</source>
        <translation>Tumorgroep {code} toegevoegd.</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="633"/>
        <source>Discipline added.</source>
        <translation>Discipline toegevoegd.</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="650"/>
        <source>Network added.</source>
        <translation>Netwerk toegevoegd.</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="662"/>
        <source>Hospital added.</source>
        <translation>Ziekenhuis toegevoegd.</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="107"/>
        <source>Care networks</source>
        <translation>Zorgnetwerken</translation>
    </message>
    <message>
        <location filename="../workspaces/network.py" line="108"/>
        <source>Referrals</source>
        <translation>Verwijzingen</translation>
    </message>
</context>
<context>
    <name>OpenDatabaseDialog</name>
    <message>
        <location filename="../main_window_dialogs.py" line="48"/>
        <location filename="../main_window_dialogs.py" line="101"/>
        <source>Open database</source>
        <translation>Database openen</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="49"/>
        <source>SQLite file on this computer</source>
        <translation>SQLite-bestand op deze computer</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="50"/>
        <source>PostgreSQL server of the network</source>
        <translation>PostgreSQL-server van het netwerk</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="55"/>
        <source>SQLite file</source>
        <translation>SQLite-bestand</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="56"/>
        <source>Browse…</source>
        <translation>Bladeren…</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="59"/>
        <source>PostgreSQL URL</source>
        <translation>PostgreSQL-URL</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="69"/>
        <source>File:</source>
        <translation>Bestand:</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="71"/>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="74"/>
        <source>Passwords are best kept in the PostgreSQL password file (pgpass), not in the URL.</source>
        <translation>Bewaar wachtwoorden bij voorkeur in het PostgreSQL-wachtwoordbestand (pgpass), niet in de URL.</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="103"/>
        <source>MDO Planner databases (*.sqlite *.db);;All files (*)</source>
        <translation>MDO Planner-databases (*.sqlite *.db);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="118"/>
        <source>Choose a file or type a URL.</source>
        <translation>Kies een bestand of typ een URL.</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="122"/>
        <source>There is no file at {0}; use File → New database to create one.</source>
        <translation>Er is geen bestand {0}; maak er een via Bestand → Nieuwe database.</translation>
    </message>
    <message>
        <location filename="../main_window_dialogs.py" line="128"/>
        <source>A PostgreSQL URL starts with postgresql+psycopg://</source>
        <translation>Een PostgreSQL-URL begint met postgresql+psycopg://</translation>
    </message>
</context>
<context>
    <name>OverrideBox</name>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="44"/>
        <source>Override the level</source>
        <translation>Niveau wijzigen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="47"/>
        <source>Override level</source>
        <translation>Gewijzigd niveau</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="52"/>
        <source>Reason for the override</source>
        <translation>Reden van de wijziging</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="55"/>
        <source>Reason (required), e.g. “patient prefers the expert centre after consultation”</source>
        <translation>Reden (verplicht), bijv. “patiënt kiest na overleg voor het expertisecentrum”</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="61"/>
        <source>Override</source>
        <translation>Wijzigen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="64"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="65"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../interop.py" line="515"/>
        <source>From:</source>
        <translation>Van:</translation>
    </message>
    <message>
        <location filename="../interop.py" line="516"/>
        <source>To:</source>
        <translation>Tot en met:</translation>
    </message>
</context>
<context>
    <name>PlanningWorkspace</name>
    <message>
        <location filename="../workspaces/planning/commands.py" line="37"/>
        <source>Move {code}</source>
        <translation>{code} verplaatsen</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/commands.py" line="113"/>
        <source>Move of {code} undone.</source>
        <translation>Verplaatsing van {code} ongedaan gemaakt.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/commands.py" line="121"/>
        <source>{code} moved again.</source>
        <translation>{code} opnieuw verplaatst.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="74"/>
        <source>Planning</source>
        <extracomment>the &quot;Session, or why not&quot; column of the review</extracomment>
        <translation>Planning</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="120"/>
        <source>Unplanned</source>
        <translation>Niet ingepland</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="92"/>
        <source>Review of the proposal against the published plan</source>
        <extracomment>counts the openings and plan runs: an opening&apos;s answer that arrives after a newer one (or after a run was started) leaves the proposal shown alone</extracomment>
        <translation>Voorstel vergeleken met de gepubliceerde planning</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="94"/>
        <location filename="../workspaces/planning/workspace.py" line="397"/>
        <source>Run the planner to get a proposal.</source>
        <translation>Start de planner voor een voorstel.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="37"/>
        <source>newly planned</source>
        <translation>nieuw ingepland</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="38"/>
        <source>moved</source>
        <translation>verplaatst</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="39"/>
        <source>unchanged</source>
        <translation>ongewijzigd</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="40"/>
        <source>unplanned</source>
        <translation>niet ingepland</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="44"/>
        <source>Change</source>
        <translation>Wijziging</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="51"/>
        <source>Case</source>
        <translation>Casus</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="74"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="75"/>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="77"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="81"/>
        <source>Due</source>
        <translation>Streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="96"/>
        <source>Session, or why not</source>
        <translation>Sessie, of waarom niet</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="102"/>
        <source>Was</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="83"/>
        <source>Late</source>
        <translation>Te laat</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="109"/>
        <source>after the cut-off of {session}</source>
        <translation>na de sluitingstermijn van {session}</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="117"/>
        <source>Registered after the cut-off of session {session}: it goes onto that agenda only when you admit it with the chair&apos;s name</source>
        <translation>Aangemeld na de sluitingstermijn van sessie {session}: de casus komt alleen op die agenda als u hem toelaat met de naam van de voorzitter</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="101"/>
        <source>Changes</source>
        <translation>Wijzigingen</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="135"/>
        <source>Session</source>
        <translation>Sessie</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="139"/>
        <source>agenda sent</source>
        <translation>agenda verstuurd</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="146"/>
        <source>Agenda sent: its cases and attendees stay put</source>
        <translation>Agenda verstuurd: de casussen en deelnemers blijven staan</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="154"/>
        <source>Load</source>
        <translation>Belasting</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="159"/>
        <source>Cases</source>
        <translation>Casussen</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="164"/>
        <source>Attendees</source>
        <translation>Deelnemers</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="169"/>
        <source>Missing disciplines</source>
        <translation>Ontbrekende disciplines</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="173"/>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="179"/>
        <source>Joins</source>
        <translation>Komt erbij</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="184"/>
        <source>Leaves</source>
        <translation>Valt af</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="190"/>
        <source>Cases in / out</source>
        <translation>Casussen erbij / eraf</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="145"/>
        <source>Per-session load</source>
        <translation>Belasting per sessie</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="172"/>
        <source>Move to session</source>
        <translation>Verplaatsen naar sessie</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="184"/>
        <source>&amp;Move to session</source>
        <translation>&amp;Verplaatsen naar sessie</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="186"/>
        <source>Move the selected case (checked against the hard rules); Ctrl+Z undoes</source>
        <translation>Verplaats de gekozen casus (getoetst aan de harde regels); Ctrl+Z maakt ongedaan</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="189"/>
        <source>P&amp;in to its session</source>
        <translation>Vast&amp;zetten in deze sessie</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="191"/>
        <source>Unpin</source>
        <translation>Losmaken</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="199"/>
        <source>Admit &amp;late…</source>
        <translation>&amp;Laat toelaten…</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="202"/>
        <source>Put a late registration on the agenda whose cut-off it missed, with the chair&apos;s agreement</source>
        <translation>Een te late aanmelding toch op de agenda zetten waarvan de sluitingstermijn verstreken is, met instemming van de voorzitter</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="212"/>
        <source>&amp;Accept and publish</source>
        <translation>&amp;Accepteren en publiceren</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="216"/>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerpen</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="289"/>
        <source>Stability set to {stability}: the next plan run uses it.</source>
        <translation>Stabiliteit ingesteld op {stability}: de volgende planning gebruikt die.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="312"/>
        <source>Choose a case marked late.</source>
        <translation>Kies een casus die als te laat is gemarkeerd.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="318"/>
        <source>Admit a late registration</source>
        <translation>Een te late aanmelding toelaten</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="320"/>
        <source>{code} was registered after the cut-off of session {session}. Name of the chair who agreed to add it:</source>
        <translation>{code} is aangemeld na de sluitingstermijn van sessie {session}. Naam van de voorzitter die instemt met toevoegen:</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="338"/>
        <source>{code} admitted to {session} with the agreement of {chair}; plan again to place it.</source>
        <translation>{code} toegelaten tot {session} met instemming van {chair}; plan opnieuw om de casus te plaatsen.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="428"/>
        <source>Proposal {run} ({status}): {new} newly planned, {moved} moved, {unchanged} unchanged, {unplanned} unplanned; {changed} session(s) changed, {missing} lack a discipline.</source>
        <translation>Voorstel {run} ({status}): {new} nieuw ingepland, {moved} verplaatst, {unchanged} ongewijzigd, {unplanned} niet ingepland; {changed} sessie(s) gewijzigd, bij {missing} ontbreekt een discipline.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="443"/>
        <source>{count} late registration(s).</source>
        <translation>{count} te late aanmelding(en).</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="452"/>
        <source>What the moves buy: {trade}.</source>
        <translation>Wat het verplaatsen oplevert: {trade}.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="632"/>
        <source>{code} moved and pinned there (Unpin releases it); Ctrl+Z undoes.</source>
        <translation>{code} verplaatst en daar vastgezet (Losmaken maakt los); Ctrl+Z maakt ongedaan.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="567"/>
        <source>Move refused:</source>
        <translation>Verplaatsing geweigerd:</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="605"/>
        <source>taken out by hand</source>
        <translation>handmatig uit de planning gehaald</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="642"/>
        <source>Choose a case and a target session.</source>
        <translation>Kies een casus en een doelsessie.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="691"/>
        <source>Only a planned case can be pinned to its session.</source>
        <translation>Alleen een ingeplande casus kan in zijn sessie worden vastgezet.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="694"/>
        <source>{code} pinned: later plans keep it in this session.</source>
        <translation>{code} vastgezet: latere planningen houden de casus in deze sessie.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="713"/>
        <source>{code} unpinned.</source>
        <translation>{code} losgemaakt.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="741"/>
        <source>Publishing…</source>
        <translation>Publiceren…</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="749"/>
        <source>Publishing the plan…</source>
        <translation>De planning wordt gepubliceerd…</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="757"/>
        <source>Plan published: {count} case(s) planned. Agendas can now be sent.</source>
        <translation>Planning gepubliceerd: {count} casus(sen) ingepland. De agenda&apos;s kunnen nu worden verstuurd.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="781"/>
        <source>Proposal discarded; the published plan is unchanged.</source>
        <translation>Voorstel verworpen; de gepubliceerde planning is ongewijzigd.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="121"/>
        <source>After the due date</source>
        <translation>Na de streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="57"/>
        <source>⚑ urgent</source>
        <translation>⚑ spoed</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="63"/>
        <source>📌 pinned to its session</source>
        <translation>📌 vastgezet op zijn sessie</translation>
    </message>
    <message numerus="yes">
        <location filename="../workspaces/planning/workspace.py" line="253"/>
        <source>%n day(s) late</source>
        <translation>
            <numerusform>%n dag te laat</numerusform>
            <numerusform>%n dagen te laat</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="87"/>
        <source>The proposed session lies after the due date</source>
        <translation>De voorgestelde sessie valt na de streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/columns.py" line="106"/>
        <location filename="../workspaces/planning/workspace.py" line="124"/>
        <source>Registered late</source>
        <translation>Laat aangemeld</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="117"/>
        <location filename="../workspaces/planning/workspace.py" line="151"/>
        <source>Show</source>
        <translation>Toon</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="119"/>
        <source>All cases</source>
        <translation>Alle casussen</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="122"/>
        <source>Moved</source>
        <translation>Verplaatst</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="123"/>
        <source>In a changed session</source>
        <translation>In een gewijzigde sessie</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="131"/>
        <source>Details of the selected case</source>
        <translation>Details van de gekozen casus</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="134"/>
        <source>Select a case to see why it is where it is.</source>
        <translation>Kies een casus om te zien waarom hij staat waar hij staat.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="135"/>
        <source>&amp;Open case…</source>
        <translation>Casus &amp;openen…</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="138"/>
        <source>Open the case to confirm its level or fix its data, then come back (double-click)</source>
        <translation>Open de casus om het niveau te bevestigen of gegevens te herstellen en kom dan terug (dubbelklik)</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="173"/>
        <source>Show all, with why not</source>
        <translation>Alle tonen, met waarom niet</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="176"/>
        <source>Also list the sessions a move would be refused for, with the rule it breaks</source>
        <translation>Ook de sessies tonen waarvoor een verplaatsing geweigerd zou worden, met de regel die zij breekt</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="446"/>
        <source>{count} case(s) planned after the due date.</source>
        <translation>{count} casus(sen) na de streefdatum ingepland.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="450"/>
        <source>No session of the horizon received a case.</source>
        <translation>Geen sessie in de horizon kreeg een casus.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="507"/>
        <source>{shown} of {total} cases</source>
        <translation>{shown} van {total} casussen</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="562"/>
        <source>Choose a case first.</source>
        <translation>Kies eerst een casus.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="625"/>
        <source>{code} moved and pinned there, {days} day(s) after its due date of {due}. Ctrl+Z undoes.</source>
        <translation>{code} verplaatst en daar vastgezet, {days} dag(en) na de streefdatum van {due}. Ctrl+Z maakt ongedaan.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="659"/>
        <source>Publish the plan</source>
        <translation>Plan publiceren</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="663"/>
        <source>Specialists prepare for the published plan; the changed agendas are sent from Sessions.</source>
        <translation>Specialisten bereiden zich voor op het gepubliceerde plan; de gewijzigde agenda&apos;s verstuurt u vanuit Sessies.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="668"/>
        <source>&amp;Publish</source>
        <translation>&amp;Publiceren</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="675"/>
        <source>{cases} case(s) change, {experts} expert(s) get an update ({sessions} session(s)).</source>
        <translation>{cases} casus(sen) wijzigen, {experts} specialist(en) krijgen een update ({sessions} sessie(s)).</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/workspace.py" line="682"/>
        <source>{planned} planned, {unplanned} unplanned, {late} after the due date.</source>
        <translation>{planned} ingepland, {unplanned} niet ingepland, {late} na de streefdatum.</translation>
    </message>
</context>
<context>
    <name>QualityPanel</name>
    <message>
        <location filename="../workspaces/quality_panel.py" line="59"/>
        <source>Quality of the meetings held</source>
        <translation>Kwaliteit van de gehouden MDO&apos;s</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="67"/>
        <source>Export quality report…</source>
        <translation>Kwaliteitsrapport exporteren…</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="77"/>
        <source>Echelon</source>
        <translation>Echelon</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="78"/>
        <source>Meetings</source>
        <translation>MDO&apos;s</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="79"/>
        <source>Cases discussed</source>
        <translation>Casussen besproken</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="81"/>
        <source>Specialist-min booked per case</source>
        <translation>Specialistminuten gepland per casus</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="85"/>
        <source>used per case</source>
        <translation>gebruikt per casus</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="90"/>
        <source>Specialist time per discussed case</source>
        <translation>Specialisttijd per besproken casus</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="93"/>
        <source>Merge or cancel?</source>
        <translation>Samenvoegen of schrappen?</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="94"/>
        <source>Cases</source>
        <translation>Casussen</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="95"/>
        <source>Why</source>
        <translation>Waarom</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="100"/>
        <source>Sessions to merge or cancel</source>
        <translation>MDO&apos;s om samen te voegen of te schrappen</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="133"/>
        <source>No meeting of this period has been closed yet: the figures come from recorded outcomes (Meeting view), not from plans.</source>
        <translation>Nog geen MDO van deze periode is afgesloten: de cijfers komen uit vastgelegde uitkomsten (Bespreking), niet uit planningen.</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="141"/>
        <source>{meetings} meeting(s) closed · {discussed} case(s) discussed · {on_time} by the due date · ready → discussion median {median} d, 90th percentile {p90} d · deferred {deferred}, not discussed {not_discussed} · core disciplines present in {core_present}</source>
        <translation>{meetings} MDO(&apos;s) afgesloten · {discussed} casus(sen) besproken · {on_time} binnen de termijn · gereed → bespreking mediaan {median} d, 90e percentiel {p90} d · uitgesteld {deferred}, niet besproken {not_discussed} · kerndisciplines aanwezig in {core_present}</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="170"/>
        <source>Export quality report</source>
        <translation>Kwaliteitsrapport exporteren</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="172"/>
        <source>PDF (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel-werkmap (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="183"/>
        <source>Exporting the quality report…</source>
        <translation>Kwaliteitsrapport wordt geëxporteerd…</translation>
    </message>
    <message>
        <location filename="../workspaces/quality_panel.py" line="189"/>
        <source>Saved {path}</source>
        <translation>Opgeslagen: {path}</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <location filename="../workspaces/care_referrals.py" line="61"/>
        <source>Register a referral</source>
        <translation>Verwijzing registreren</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="87"/>
        <source>case code, when an MDO recommended it</source>
        <translation>casuscode, als een MDO het adviseerde</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="90"/>
        <source>Route by region and disciplines</source>
        <translation>Kiezen op regio en disciplines</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="117"/>
        <source>Routing</source>
        <translation>Verwijzing naar</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="120"/>
        <source>&amp;Register referral</source>
        <translation>Verwijzing &amp;registreren</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="98"/>
        <source>Patient (reference)</source>
        <translation>Patiënt (referentie)</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="99"/>
        <source>Patient name</source>
        <translation>Naam patiënt</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="100"/>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="101"/>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="102"/>
        <source>Complaints</source>
        <translation>Klachten</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="103"/>
        <source>Referred by</source>
        <translation>Verwezen door</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="104"/>
        <source>Referring professional</source>
        <translation>Verwijzer</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="105"/>
        <source>Referring organisation</source>
        <translation>Verwijzende organisatie</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="106"/>
        <source>From MDO case</source>
        <translation>Vanuit MDO-casus</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="107"/>
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="108"/>
        <source>Care network</source>
        <translation>Zorgnetwerk</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="109"/>
        <source>Ready from</source>
        <translation>Gereed vanaf</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="110"/>
        <source>Discuss by</source>
        <translation>Bespreken vóór</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="174"/>
        <source>Tick the complaints to see where the referral goes.</source>
        <translation>Vink de klachten aan om te zien waar de verwijzing heen gaat.</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="209"/>
        <source>Registering the referral…</source>
        <translation>Verwijzing registreren…</translation>
    </message>
</context>
<context>
    <name>ReferralsPanel</name>
    <message>
        <location filename="../workspaces/care_referrals.py" line="256"/>
        <source>Referrals</source>
        <translation>Verwijzingen</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="257"/>
        <source>&amp;Register referral…</source>
        <translation>Verwijzing &amp;registreren…</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="264"/>
        <source>Referrals are planned into the care network&apos;s consultations by the Planning workspace.</source>
        <translation>Verwijzingen worden vanuit de werkruimte Planning in het overleg van het zorgnetwerk ingepland.</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="311"/>
        <source>The care networks are still being read.</source>
        <translation>De zorgnetwerken worden nog gelezen.</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="240"/>
        <source>Case</source>
        <translation>Casus</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="241"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="242"/>
        <source>Care network</source>
        <translation>Zorgnetwerk</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="244"/>
        <source>Complaints</source>
        <translation>Klachten</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="249"/>
        <source>Referred by</source>
        <translation>Verwezen door</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="251"/>
        <source>Consultation</source>
        <translation>Netwerkoverleg</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="251"/>
        <source>not yet planned</source>
        <translation>nog niet ingepland</translation>
    </message>
    <message>
        <location filename="../workspaces/care_referrals.py" line="320"/>
        <source>Referral {case} registered for {network}.</source>
        <translation>Verwijzing {case} geregistreerd voor {network}.</translation>
    </message>
</context>
<context>
    <name>ReviewDetails</name>
    <message>
        <location filename="../workspaces/planning/details.py" line="51"/>
        <source>{free} of {capacity} min free</source>
        <translation>{free} van {capacity} min vrij</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="56"/>
        <source>after the due date</source>
        <translation>na de streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="58"/>
        <source>now here</source>
        <translation>staat hier nu</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="74"/>
        <source>No move: {reason}</source>
        <translation>Niet te verplaatsen: {reason}</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="85"/>
        <source>not allowed: {rule}</source>
        <translation>niet toegestaan: {rule}</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="96"/>
        <source>No session of the horizon can take this case</source>
        <translation>Geen sessie in de horizon kan deze casus opnemen</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="133"/>
        <source>Patient {patient} · {group} · level {level} · due {due}</source>
        <translation>Patiënt {patient} · {group} · niveau {level} · streefdatum {due}</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="143"/>
        <source>Proposed session</source>
        <translation>Voorgestelde sessie</translation>
    </message>
    <message numerus="yes">
        <location filename="../workspaces/planning/details.py" line="147"/>
        <source>%n day(s) after the due date</source>
        <translation>
            <numerusform>%n dag na de streefdatum</numerusform>
            <numerusform>%n dagen na de streefdatum</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="151"/>
        <source>Published in</source>
        <translation>Gepubliceerd in</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="153"/>
        <source>Why not planned</source>
        <translation>Waarom niet ingepland</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="156"/>
        <source>late</source>
        <translation>te laat</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="157"/>
        <source>higher level</source>
        <translation>hoger niveau</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="158"/>
        <source>waiting</source>
        <translation>wachttijd</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="159"/>
        <source>moved</source>
        <translation>verplaatst</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="164"/>
        <source>Why here</source>
        <translation>Waarom hier</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="167"/>
        <source>cost {terms}</source>
        <translation>kosten {terms}</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="169"/>
        <source>no cost: on time, at its own level</source>
        <translation>geen kosten: op tijd, op het eigen niveau</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="177"/>
        <source>Next best place</source>
        <translation>Op één na beste plek</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="181"/>
        <source>({delta} more cost)</source>
        <translation>({delta} meer kosten)</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="183"/>
        <source>Move there</source>
        <translation>Daarheen verplaatsen</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="194"/>
        <source>It fits now in</source>
        <translation>Past nu in</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="205"/>
        <source>Sessions that would take it if …</source>
        <translation>Sessies die hem zouden opnemen als …</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/details.py" line="218"/>
        <source>Open the case to confirm its level or fix it</source>
        <translation>Open de casus om het niveau te bevestigen of te herstellen</translation>
    </message>
</context>
<context>
    <name>RunControl</name>
    <message>
        <location filename="../workspaces/planning/progress.py" line="76"/>
        <source>Horizon from</source>
        <translation>Horizon vanaf</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="77"/>
        <source>Horizon to</source>
        <translation>Horizon tot en met</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="84"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="85"/>
        <location filename="../workspaces/planning/progress.py" line="103"/>
        <source>Time limit</source>
        <translation>Tijdslimiet</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="87"/>
        <source>&amp;Plan</source>
        <translation>&amp;Plannen</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="89"/>
        <source>Run the planner (F5)</source>
        <translation>Planner starten (F5)</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="92"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="94"/>
        <source>Stop and keep the best plan found (Esc)</source>
        <translation>Stoppen en het beste plan tot nu toe bewaren (Esc)</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="98"/>
        <source>Horizon</source>
        <translation>Horizon</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="107"/>
        <location filename="../workspaces/planning/progress.py" line="122"/>
        <source>Stability</source>
        <translation>Stabiliteit</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="110"/>
        <source>How much a move of a published case beyond the freeze window costs (the contract&apos;s &apos;moved&apos; weight times this factor); sent agendas never move</source>
        <translation>Hoeveel het verplaatsen van een gepubliceerde casus buiten de bevriesperiode kost (het gewicht &apos;moved&apos; van het contract maal deze factor); verstuurde agenda&apos;s verschuiven nooit</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="115"/>
        <source>low (½×)</source>
        <translation>laag (½×)</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="116"/>
        <source>normal (1×)</source>
        <translation>normaal (1×)</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="117"/>
        <source>high (2×)</source>
        <translation>hoog (2×)</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="118"/>
        <source>very high (4×)</source>
        <translation>zeer hoog (4×)</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="132"/>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="144"/>
        <source>100 % means no plan can be better under the rules; the planner proves this by a lower bound on the cost</source>
        <translation>100 % betekent dat geen plan binnen de regels beter kan; de planner bewijst dat met een ondergrens van de kosten</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="157"/>
        <source>Status</source>
        <translation>Toestand</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="158"/>
        <source>Planned</source>
        <translation>Ingepland</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="159"/>
        <source>Unplanned</source>
        <translation>Niet ingepland</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="160"/>
        <source>After the due date</source>
        <translation>Na de streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="161"/>
        <source>Close to the best possible plan</source>
        <translation>Dicht bij het best mogelijke plan</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="162"/>
        <source>Elapsed</source>
        <translation>Verstreken</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="175"/>
        <source>best cost</source>
        <translation>beste kosten</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="177"/>
        <source>lower bound</source>
        <translation>ondergrens</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="187"/>
        <source>seconds</source>
        <translation>seconden</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="202"/>
        <source>Cost over time</source>
        <translation>Kosten in de tijd</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="237"/>
        <source>The horizon ends before it starts.</source>
        <translation>De horizon eindigt vóór het begin.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="256"/>
        <source>starting</source>
        <translation>starten</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="268"/>
        <source>Planning…</source>
        <translation>Plannen…</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="280"/>
        <source>The planner is already running.</source>
        <translation>De planner is al bezig.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="290"/>
        <source>stopping…</source>
        <translation>stoppen…</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="296"/>
        <source>first plan made, improving</source>
        <translation>eerste plan gemaakt, wordt verbeterd</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="297"/>
        <location filename="../workspaces/planning/progress.py" line="298"/>
        <location filename="../workspaces/planning/progress.py" line="300"/>
        <source>improving</source>
        <translation>wordt verbeterd</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="299"/>
        <source>finishing</source>
        <translation>wordt afgerond</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="309"/>
        <source>good plan, no better one found</source>
        <translation>goed plan, geen beter gevonden</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="310"/>
        <source>good plan</source>
        <translation>goed plan</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="312"/>
        <source>best possible plan</source>
        <translation>best mogelijke plan</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="308"/>
        <source>good plan, time limit reached</source>
        <translation>goed plan, tijdslimiet bereikt</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="313"/>
        <source>stopped, best plan so far</source>
        <translation>gestopt, beste plan tot nu toe</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="338"/>
        <source>Details: cost {cost}, proven lower bound {bound}, gap {gap} on what the planner decides; {fixed} fixed (cases no session can take)</source>
        <translation>Details: kosten {cost}, bewezen ondergrens {bound}, verschil {gap} op wat de planner beslist; {fixed} vast (casussen die in geen enkele sessie passen)</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="409"/>
        <source>Stopped; the best plan found so far is shown for review.</source>
        <translation>Gestopt; het beste plan tot nu toe wordt ter beoordeling getoond.</translation>
    </message>
    <message>
        <location filename="../workspaces/planning/progress.py" line="434"/>
        <source>failed</source>
        <translation>mislukt</translation>
    </message>
</context>
<context>
    <name>SessionsWorkspace</name>
    <message>
        <location filename="../workspaces/sessions/undo.py" line="24"/>
        <source>Reorder agenda</source>
        <translation>Agenda herordenen</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="83"/>
        <source>Sessions &amp; agendas</source>
        <translation>Sessies en agenda&apos;s</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="106"/>
        <source>Previous week (Alt+Left)</source>
        <translation>Vorige week (Alt+Links)</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="107"/>
        <source>Previous week</source>
        <translation>Vorige week</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="110"/>
        <source>Next week (Alt+Right)</source>
        <translation>Volgende week (Alt+Rechts)</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="111"/>
        <source>Next week</source>
        <translation>Volgende week</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="112"/>
        <source>This week</source>
        <translation>Deze week</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="122"/>
        <source>My agenda for</source>
        <translation>Mijn agenda voor</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="145"/>
        <source>Export my agenda</source>
        <translation>Mijn agenda exporteren</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="153"/>
        <source>My agenda:</source>
        <translation>Mijn agenda:</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="161"/>
        <source>Sessions of the week</source>
        <translation>Sessies van de week</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="178"/>
        <location filename="../workspaces/sessions/workspace.py" line="243"/>
        <location filename="../workspaces/sessions/workspace.py" line="421"/>
        <source>Session</source>
        <translation>Sessie</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="181"/>
        <source>Minutes used</source>
        <translation>Gebruikte minuten</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="182"/>
        <source>%v of %m minutes</source>
        <translation>%v van %m minuten</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="187"/>
        <location filename="../workspaces/sessions/workspace.py" line="188"/>
        <source>Attendees by discipline</source>
        <translation>Deelnemers per discipline</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="201"/>
        <source>Agenda (drag to reorder, Ctrl+Up/Down)</source>
        <translation>Agenda (slepen om te herordenen, Ctrl+Omhoog/Omlaag)</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="207"/>
        <location filename="../workspaces/sessions/workspace.py" line="275"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="224"/>
        <location filename="../workspaces/sessions/workspace.py" line="230"/>
        <source>Change notice</source>
        <translation>Wijzigingsbericht</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="231"/>
        <location filename="../workspaces/sessions/workspace.py" line="570"/>
        <source>&amp;Send agenda</source>
        <translation>Agenda &amp;versturen</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="234"/>
        <source>Write the calendar invitation (or its update, with a higher SEQUENCE) for the attendees</source>
        <translation>De agenda-uitnodiging (of de bijwerking ervan, met een hogere SEQUENCE) voor de deelnemers schrijven</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="248"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="249"/>
        <source>Session length</source>
        <translation>Sessieduur</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="250"/>
        <source>Change &amp;length</source>
        <translation>&amp;Duur wijzigen</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="255"/>
        <source>Length</source>
        <translation>Duur</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="257"/>
        <source>Reason, shown to the attendees</source>
        <translation>Reden, zichtbaar voor de deelnemers</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="258"/>
        <source>Cancellation reason</source>
        <translation>Reden van annulering</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="259"/>
        <source>&amp;Cancel session</source>
        <translation>Sessie &amp;annuleren</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="264"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="266"/>
        <source>Export &amp;PDF</source>
        <translation>&amp;PDF exporteren</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="269"/>
        <source>Export .&amp;ics</source>
        <translation>.&amp;ics exporteren</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="326"/>
        <source>(everyone)</source>
        <translation>(iedereen)</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="362"/>
        <source>Week {week} · {monday} – {sunday}</source>
        <translation>Week {week} · {monday} – {sunday}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="57"/>
        <source>cancelled</source>
        <translation>geannuleerd</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="63"/>
        <source>no cases</source>
        <translation>geen casussen</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="87"/>
        <source>quorum met</source>
        <translation>quorum compleet</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="77"/>
        <location filename="../workspaces/sessions/rows.py" line="91"/>
        <source>missing {disciplines}</source>
        <translation>ontbreekt: {disciplines}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="401"/>
        <source>No sessions this week.</source>
        <translation>Geen sessies deze week.</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="420"/>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="422"/>
        <source>Load</source>
        <translation>Belasting</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="423"/>
        <source>Quorum</source>
        <translation>Quorum</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="424"/>
        <source>Cases</source>
        <translation>Casussen</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="497"/>
        <source>Choose a session in the week.</source>
        <translation>Kies een sessie in de week.</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="512"/>
        <source>Cancelled: {reason}</source>
        <translation>Geannuleerd: {reason}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="524"/>
        <source>nobody attends (quorum not met)</source>
        <translation>niemand aanwezig (quorum niet compleet)</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="527"/>
        <source>No attendance planned yet.</source>
        <translation>Nog geen deelnemers gepland.</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="569"/>
        <source>The agenda has not been sent yet.</source>
        <translation>De agenda is nog niet verstuurd.</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="572"/>
        <source>Agenda version {version} sent {when}.</source>
        <translation>Agendaversie {version} verstuurd op {when}.</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="575"/>
        <source>&amp;Send update</source>
        <translation>&amp;Wijziging versturen</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="577"/>
        <source>Unchanged since.</source>
        <translation>Sindsdien ongewijzigd.</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="580"/>
        <source>Changed since:</source>
        <translation>Sindsdien gewijzigd:</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="106"/>
        <source>the session is cancelled</source>
        <translation>de sessie is geannuleerd</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="111"/>
        <source>new time {new} (was {old})</source>
        <translation>nieuwe tijd {new} (was {old})</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="118"/>
        <source>now {new} minutes (was {old})</source>
        <translation>nu {new} minuten (was {old})</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="125"/>
        <source>added: {cases}</source>
        <translation>toegevoegd: {cases}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="132"/>
        <source>removed: {cases}</source>
        <translation>verwijderd: {cases}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="139"/>
        <source>{case} moved to {target}</source>
        <translation>{case} verplaatst naar {target}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="146"/>
        <source>{case} now at {new} (was {old})</source>
        <translation>{case} nu om {new} (was {old})</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="153"/>
        <source>joins: {names}</source>
        <translation>komt erbij: {names}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="160"/>
        <source>leaves: {names}</source>
        <translation>valt af: {names}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="658"/>
        <source>Session length changed.</source>
        <translation>Sessieduur gewijzigd.</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="679"/>
        <source>Session cancelled; {count} case(s) went back to the pool for the next plan run.</source>
        <translation>Sessie geannuleerd; {count} casus(sen) terug naar de wachtrij voor de volgende planning.</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/export_actions.py" line="69"/>
        <source>Exporting…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/export_actions.py" line="73"/>
        <source>Exporting to {folder}…</source>
        <translation>Exporteren naar {folder}…</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/export_actions.py" line="137"/>
        <source>Choose an expert for “My agenda” first.</source>
        <translation>Kies eerst een expert voor „Mijn agenda”.</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/export_actions.py" line="148"/>
        <source>{expert} attends no session in the published plan this week: there is no agenda to export.</source>
        <translation>{expert} neemt deze week aan geen sessie van het gepubliceerde plan deel: er is geen agenda om te exporteren.</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/export_actions.py" line="169"/>
        <location filename="../workspaces/sessions/export_actions.py" line="174"/>
        <source>Saved {path}</source>
        <translation>Opgeslagen: {path}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/export_actions.py" line="181"/>
        <source>Export failed: {reason}</source>
        <translation>Export mislukt: {reason}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="133"/>
        <source>Type a name or hospital…</source>
        <translation>Typ een naam of ziekenhuis…</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="191"/>
        <source>Re-plan this day…</source>
        <translation>Deze dag opnieuw plannen…</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="194"/>
        <source>An attendee is on leave: plan this day again and review the proposal</source>
        <translation>Een deelnemer heeft verlof: plan deze dag opnieuw en beoordeel het voorstel</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="67"/>
        <source>leave conflict: {names}</source>
        <translation>verlofconflict: {names}</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/rows.py" line="72"/>
        <source>Attends on a day of leave; plan this day again</source>
        <translation>Neemt deel op een verlofdag; plan deze dag opnieuw</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/workspace.py" line="522"/>
        <source>on leave that day (leave conflict)</source>
        <translation>heeft die dag verlof (verlofconflict)</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/export_actions.py" line="111"/>
        <source>Export the agenda as PDF</source>
        <translation>Agenda als pdf exporteren</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/export_actions.py" line="124"/>
        <source>Export the calendar entry</source>
        <translation>Agenda-item exporteren</translation>
    </message>
    <message>
        <location filename="../workspaces/sessions/export_actions.py" line="158"/>
        <source>Export “My agenda” as PDF</source>
        <translation>“Mijn agenda” als pdf exporteren</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="147"/>
        <source>Settings</source>
        <extracomment>The pages in the order shown.</extracomment>
        <translation>Instellingen</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../help.py" line="174"/>
        <source>Keyboard shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <location filename="../help.py" line="177"/>
        <source>Keys</source>
        <translation>Toetsen</translation>
    </message>
    <message>
        <location filename="../help.py" line="177"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
</context>
<context>
    <name>SpecialistTimeLabel</name>
    <message>
        <location filename="../workspaces/specialist_time.py" line="35"/>
        <source>Specialist time per planned case</source>
        <extracomment>What the label shows, as one worker read gives it: the run, then the proposal&apos;s and the published plan&apos;s figures.</extracomment>
        <translation>Specialisttijd per geplande casus</translation>
    </message>
    <message>
        <location filename="../workspaces/specialist_time.py" line="53"/>
        <source>%1 %2 booked / %3 discussing</source>
        <translation>%1 %2 gepland / %3 bespreken</translation>
    </message>
    <message>
        <location filename="../workspaces/specialist_time.py" line="60"/>
        <source>no case planned</source>
        <translation>geen casus gepland</translation>
    </message>
    <message>
        <location filename="../workspaces/specialist_time.py" line="42"/>
        <source>Specialist-minutes per planned case — proposal: %1; published plan: %2</source>
        <translation>Specialistminuten per geplande casus — voorstel: %1; gepubliceerde planning: %2</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <location filename="../workspaces/timeline_panel.py" line="27"/>
        <source>MDO history</source>
        <translation>MDO-geschiedenis</translation>
    </message>
    <message>
        <location filename="../workspaces/timeline_panel.py" line="49"/>
        <source>No MDO discussion recorded yet.</source>
        <translation>Nog geen MDO-bespreking vastgelegd.</translation>
    </message>
    <message>
        <location filename="../workspaces/timeline_panel.py" line="69"/>
        <source>re-discussion {case}</source>
        <translation>herbespreking {case}</translation>
    </message>
</context>
<context>
    <name>TriagePanel</name>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="84"/>
        <source>Triage</source>
        <translation>Triage</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="95"/>
        <source>Recommended level</source>
        <translation>Geadviseerd niveau</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="99"/>
        <source>Rules that fired</source>
        <translation>Toegepaste regels</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="108"/>
        <source>Confirm level</source>
        <translation>Niveau bevestigen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="113"/>
        <source>Keep the decided level</source>
        <translation>Vastgesteld niveau behouden</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="117"/>
        <source>The recommendation changed; keep the level that was confirmed or chosen before</source>
        <translation>Het advies is gewijzigd; behoud het niveau dat eerder is bevestigd of gekozen</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="125"/>
        <source>History</source>
        <translation>Geschiedenis</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="135"/>
        <source>The triage proposes which meeting discusses the case, never a treatment. A clinician confirms or overrides it.</source>
        <translation>De triage stelt voor in welk overleg de casus wordt besproken, nooit een behandeling. Een arts bevestigt of wijzigt het voorstel.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="148"/>
        <source>Rules that fired:</source>
        <translation>Toegepaste regels:</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="166"/>
        <source>Level stated at registration; no complexity data recorded.</source>
        <translation>Niveau opgegeven bij de aanmelding; geen complexiteitsgegevens vastgelegd.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="167"/>
        <source>Tick the complexity items to get a recommendation.</source>
        <translation>Vink de complexiteitsgegevens aan voor een advies.</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="174"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message numerus="yes">
        <location filename="../workspaces/case_editor/triage_panel.py" line="181"/>
        <source>Suggested discussion time: %n minute(s)</source>
        <translation>
            <numerusform>Voorgestelde bespreektijd: %n minuut</numerusform>
            <numerusform>Voorgestelde bespreektijd: %n minuten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="184"/>
        <source>Not planned into discussion time</source>
        <translation>Krijgt geen bespreektijd</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="195"/>
        <source>Extra disciplines: {0}</source>
        <translation>Extra disciplines: {0}</translation>
    </message>
    <message>
        <location filename="../workspaces/case_editor/triage_panel.py" line="198"/>
        <source>No extra disciplines</source>
        <translation>Geen extra disciplines</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../workspaces/words.py" line="26"/>
        <source>local</source>
        <translation>lokaal</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="27"/>
        <source>regional</source>
        <translation>regionaal</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="28"/>
        <source>supra-regional</source>
        <translation>bovenregionaal</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="29"/>
        <source>hold</source>
        <translation>aangehouden</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="30"/>
        <source>protocol</source>
        <translation>protocol</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="45"/>
        <source>in person</source>
        <translation>fysiek</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="46"/>
        <source>hybrid</source>
        <translation>hybride</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="47"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="74"/>
        <source>anywhere</source>
        <translation>overal</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="78"/>
        <source>at {hospital}, in network {network} or supra-regional</source>
        <translation>in {hospital}, in netwerk {network} of bovenregionaal</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="84"/>
        <source>in network {network} or supra-regional</source>
        <translation>in netwerk {network} of bovenregionaal</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="87"/>
        <source>{levels} {group} session {place}</source>
        <translation>{group}-sessie ({levels}) {place}</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="95"/>
        <source>none is eligible for these sessions</source>
        <translation>niemand komt in aanmerking voor deze sessies</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="104"/>
        <location filename="../workspaces/words.py" line="423"/>
        <source>and</source>
        <translation>en</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="105"/>
        <source>more</source>
        <translation>meer</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="107"/>
        <source>{who} on leave ({spans})</source>
        <translation>{who} met verlof ({spans})</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="115"/>
        <source>{who} at their weekly limit</source>
        <translation>{who} op hun weeklimiet</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="121"/>
        <source>{who} in another session at the same time</source>
        <translation>{who} tegelijk in een andere sessie</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="136"/>
        <source>pinned to session {session}, which cannot take it now: {reason}</source>
        <translation>vastgezet op sessie {session}, die hem nu niet kan opnemen: {reason}</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="140"/>
        <source>withdrawn: it is no longer to be discussed</source>
        <translation>ingetrokken: hij wordt niet meer besproken</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="143"/>
        <source>already discussed: its recommendation is recorded</source>
        <translation>al besproken: het advies is vastgelegd</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="148"/>
        <source>on hold by a clinician&apos;s decision or because the registration is incomplete (see the triage panel); it is planned once the data is complete and a clinician confirms a level</source>
        <translation>aangehouden door een besluit van een clinicus of omdat de aanmelding onvolledig is (zie het triagepaneel); hij wordt ingepland zodra de gegevens compleet zijn en een clinicus een niveau bevestigt</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="155"/>
        <source>standard-of-care protocol: listed for noting on its hospital&apos;s next local agenda, not planned into discussion time</source>
        <translation>standaardprotocol: ter kennisname op de volgende lokale agenda van het eigen ziekenhuis, niet in bespreektijd ingepland</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="169"/>
        <source>triage not yet confirmed by a clinician: confirm or override the level in the case editor, then plan again</source>
        <translation>triage nog niet bevestigd door een clinicus: bevestig of wijzig het niveau in de casuseditor en plan opnieuw</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="175"/>
        <source>triage not yet confirmed by a clinician (recommended: {level}): confirm or override the level in the case editor, then plan again</source>
        <translation>triage nog niet bevestigd door een clinicus (aanbevolen: {level}): bevestig of wijzig het niveau in de casuseditor en plan opnieuw</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="187"/>
        <source>ready date {ready} is after the end of the planning horizon ({horizon_end}); plan it in a later period</source>
        <translation>gereeddatum {ready} valt na het einde van de planningshorizon ({horizon_end}); plan hem in een latere periode</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="198"/>
        <source>no {where} in the horizon {start}–{end}; schedule such a session or refer the case elsewhere</source>
        <translation>geen {where} in de horizon {start}–{end}; plan zo&apos;n sessie of verwijs de casus elders heen</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="208"/>
        <source>the last {where} is on {last}, before the case is ready ({ready}); schedule a later session or plan it in the next period</source>
        <translation>de laatste {where} is op {last}, voordat de casus gereed is ({ready}); plan een latere sessie of plan hem in de volgende periode</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="220"/>
        <source>no {where} with room for {minutes} min between {start} and {end} (all {count} are full)</source>
        <translation>geen {where} met ruimte voor {minutes} min tussen {start} en {end} (alle {count} zijn vol)</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="225"/>
        <source>the first such session after the horizon is on {date}</source>
        <translation>de eerste zulke sessie na de horizon is op {date}</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="228"/>
        <source>add a session or extend one</source>
        <translation>voeg een sessie toe of verleng er een</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="237"/>
        <source>the only eligible session with room</source>
        <translation>de enige geschikte sessie met ruimte</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="239"/>
        <source>any of the {count} eligible sessions with room</source>
        <translation>een van de {count} geschikte sessies met ruimte</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="243"/>
        <source>no {discipline} available for {which} ({busy}); ask a {who} to attend or lift a weekly limit</source>
        <translation>geen {discipline} beschikbaar voor {which} ({busy}); vraag een {who} deel te nemen of verhoog een weeklimiet</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="253"/>
        <source>every {where} with room is needed for cases with higher priority; add a session or extend one</source>
        <translation>elke {where} met ruimte is nodig voor casussen met hogere prioriteit; voeg een sessie toe of verleng er een</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="305"/>
        <source>{what} on {when}</source>
        <translation>{what} op {when}</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="319"/>
        <source>session {session} is cancelled.</source>
        <translation>sessie {session} is geannuleerd.</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="323"/>
        <source>case {case} is a {case_group} case; session {session} discusses {session_group}.</source>
        <translation>casus {case} is een {case_group}-casus; sessie {session} bespreekt {session_group}.</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="328"/>
        <source>case {case} needs a {case_level} MDO; session {session} is {session_level}.</source>
        <translation>casus {case} heeft een MDO op niveau {case_level} nodig; sessie {session} is {session_level}.</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="341"/>
        <source>a local MDO only discusses cases of its own hospital: case {case} comes from {case_hospital}, session {session} is at {session_hospital}.</source>
        <translation>een lokaal MDO bespreekt alleen casussen van het eigen ziekenhuis: casus {case} komt van {case_hospital}, sessie {session} is in {session_hospital}.</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="351"/>
        <source>a regional MDO only discusses cases of its network: case {case} belongs to network {case_network}, session {session} to {session_network}.</source>
        <translation>een regionaal MDO bespreekt alleen casussen van het eigen netwerk: casus {case} hoort bij netwerk {case_network}, sessie {session} bij {session_network}.</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="357"/>
        <source>case {case} is ready on {ready}, after the session on {session_date}.</source>
        <translation>casus {case} is gereed op {ready}, na de sessie op {session_date}.</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="363"/>
        <source>session {session} lies outside the planning horizon {start} to {end}.</source>
        <translation>sessie {session} valt buiten de planningshorizon {start} tot {end}.</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="371"/>
        <source>session {session} has {left} of {total} minutes left; case {case} needs {needed}.</source>
        <translation>sessie {session} heeft nog {left} van {total} minuten; casus {case} heeft er {needed} nodig.</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="376"/>
        <source>no eligible expert of {discipline} is available for session {session}.</source>
        <translation>geen geschikte specialist van {discipline} is beschikbaar voor sessie {session}.</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="380"/>
        <source>case {case} is pinned to session {session}; unpin it first.</source>
        <translation>casus {case} is vastgezet op sessie {session}; maak hem eerst los.</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="385"/>
        <source>Rule {rule}: {reason}</source>
        <translation>Regel {rule}: {reason}</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="405"/>
        <source>no case more before its due date</source>
        <translation>geen enkele casus meer vóór de streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="413"/>
        <source>{count} more before their due date</source>
        <translation>{count} meer vóór de streefdatum</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="419"/>
        <source>{count} more in all</source>
        <translation>{count} meer in totaal</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="425"/>
        <source>moving {count} more published case(s) than needed plans {what}</source>
        <translation>{count} gepubliceerde casus(sen) meer verplaatsen dan nodig plant {what}</translation>
    </message>
    <message>
        <location filename="../workspaces/words.py" line="32"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../workspaces/base.py" line="167"/>
        <source>Cancelled.</source>
        <extracomment>The entities (``AppContext.ENTITIES``) whose change makes this workspace reload.</extracomment>
        <translation>Geannuleerd.</translation>
    </message>
</context>
</TS>
