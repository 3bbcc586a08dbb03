<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>HostDialog</name>
    <message>
        <location filename="../qml/HostDialog.qml" line="11"/>
        <source>Add host</source>
        <translation>Host hinzufügen</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="11"/>
        <source>Edit host</source>
        <translation>Host bearbeiten</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="45"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="49"/>
        <source>e.g. laptop</source>
        <translation>z. B. laptop</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="51"/>
        <source>Virtual IP</source>
        <translation>Virtuelle IP</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="57"/>
        <source>Launch</source>
        <translation>Start über</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="63"/>
        <source>Local agent</source>
        <translation>Lokaler Agent</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="73"/>
        <source>user@host, container or pod</source>
        <translation>user@host, Container oder Pod</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="80"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="85"/>
        <source>empty: run the local agent</source>
        <translation>leer: lokalen Agenten starten</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="87"/>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="97"/>
        <source>Do not listen on this machine&apos;s loopback (for a second agent on the same machine)</source>
        <translation>Nicht auf dem Loopback dieses Rechners lauschen (für einen zweiten Agenten auf demselben Rechner)</translation>
    </message>
</context>
<context>
    <name>HostState</name>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="7"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="7"/>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="8"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="8"/>
        <source>Restarting</source>
        <translation>Neustart</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="9"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../qml/LogsPage.qml" line="24"/>
        <source>Save log</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="26"/>
        <source>Text files (*.log *.txt)</source>
        <translation>Textdateien (*.log *.txt)</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="37"/>
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="37"/>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="37"/>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="37"/>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="15"/>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="49"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="53"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="57"/>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="61"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="124"/>
        <source>%1 lines shown</source>
        <translation>%1 Zeilen angezeigt</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="9"/>
        <source>Routeless — %1</source>
        <translation>Routeless — %1</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="10"/>
        <source>Routeless</source>
        <translation>Routeless</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <location filename="../qml/Main.qml" line="43"/>
        <source>Mesh</source>
        <translation>Mesh</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <location filename="../qml/Main.qml" line="44"/>
        <source>Tunnels</source>
        <translation>Tunnel</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <location filename="../qml/Main.qml" line="45"/>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <location filename="../qml/Main.qml" line="46"/>
        <source>Logs</source>
        <translation>Protokolle</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <location filename="../qml/Main.qml" line="47"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="82"/>
        <source>Meshes and tunnels</source>
        <translation>Meshes und Tunnel</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="126"/>
        <source>Another profile</source>
        <translation>Ein anderes Profil</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="127"/>
        <source>No profile connected</source>
        <translation>Kein Profil verbunden</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="134"/>
        <source>↓ %1   ↑ %2</source>
        <translation>↓ %1   ↑ %2</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="141"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="141"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="182"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
</context>
<context>
    <name>MasterState</name>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="12"/>
        <source>Connecting</source>
        <translation>Verbindet</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="13"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="13"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="14"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
</context>
<context>
    <name>MeshPage</name>
    <message>
        <location filename="../qml/MeshPage.qml" line="32"/>
        <source>Hosts ready</source>
        <translation>Hosts bereit</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="33"/>
        <source>Download</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="34"/>
        <source>Upload</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="35"/>
        <location filename="../qml/MeshPage.qml" line="229"/>
        <source>Forwards</source>
        <translation>Weiterleitungen</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="81"/>
        <source>Demo traffic is flowing: the app fetches http://127.0.42.2:18080/ every second, through host alpha and host beta, from its built-in responder. Try it in a browser.</source>
        <translation>Demo-Verkehr läuft: Die App ruft jede Sekunde http://127.0.42.2:18080/ ab, über Host alpha und Host beta, von ihrem eingebauten Responder. Probieren Sie es im Browser aus.</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="82"/>
        <source>The demo runs two local agents (alpha and beta) and forwards 127.0.42.2:18080 to a built-in web responder. Connect it to see traffic.</source>
        <translation>Die Demo startet zwei lokale Agenten (alpha und beta) und leitet 127.0.42.2:18080 an einen eingebauten Web-Responder weiter. Verbinden Sie sie, um Verkehr zu sehen.</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="88"/>
        <source>Hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="89"/>
        <source>Live state, sampled every second</source>
        <translation>Live-Zustand, jede Sekunde abgefragt</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="90"/>
        <source>Not running; connect the profile to start its agents</source>
        <translation>Läuft nicht; verbinden Sie das Profil, um seine Agenten zu starten</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="93"/>
        <source>Add host</source>
        <translation>Host hinzufügen</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="99"/>
        <source>Stop mesh</source>
        <translation>Mesh stoppen</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="99"/>
        <source>Start mesh</source>
        <translation>Mesh starten</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="109"/>
        <source>This profile has no hosts. Add one, or import a NoRouter manifest on the Profiles screen.</source>
        <translation>Dieses Profil hat keine Hosts. Fügen Sie einen hinzu oder importieren Sie ein NoRouter-Manifest unter „Profile“.</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="120"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="121"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="122"/>
        <source>PID / restarts / uptime</source>
        <translation>PID / Neustarts / Laufzeit</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="123"/>
        <source>Traffic (in / out)</source>
        <translation>Verkehr (ein / aus)</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="198"/>
        <source>total %1 / %2</source>
        <translation>gesamt %1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="209"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="213"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="230"/>
        <source>Listen on the mesh, connect on the owning host</source>
        <translation>Lauscht im Mesh, verbindet auf dem zugehörigen Host</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="233"/>
        <source>No forwards. Add ports to a host (e.g. 8080:127.0.0.1:80).</source>
        <translation>Keine Weiterleitungen. Fügen Sie einem Host Ports hinzu (z. B. 8080:127.0.0.1:80).</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="255"/>
        <source>on %1</source>
        <translation>auf %1</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="269"/>
        <source>Routing table</source>
        <translation>Routingtabelle</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="270"/>
        <source>Where the manager sends each destination</source>
        <translation>Wohin der Manager jedes Ziel schickt</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="273"/>
        <source>Empty until the mesh runs.</source>
        <translation>Leer, bis das Mesh läuft.</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="292"/>
        <source>via %1</source>
        <translation>über %1</translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="41"/>
        <source>Import profiles</source>
        <translation>Profile importieren</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="43"/>
        <source>Profiles and manifests (*.json *.yaml *.yml *.txt)</source>
        <translation>Profile und Manifeste (*.json *.yaml *.yml *.txt)</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="43"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="44"/>
        <location filename="../qml/ProfilesPage.qml" line="125"/>
        <location filename="../qml/ProfilesPage.qml" line="127"/>
        <location filename="../qml/ProfilesPage.qml" line="153"/>
        <source>Imported.</source>
        <translation>Importiert.</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="49"/>
        <location filename="../qml/ProfilesPage.qml" line="75"/>
        <source>Export profile</source>
        <translation>Profil exportieren</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="53"/>
        <source>Exported.</source>
        <translation>Exportiert.</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="59"/>
        <source>Rename profile</source>
        <translation>Profil umbenennen</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="59"/>
        <location filename="../qml/ProfilesPage.qml" line="139"/>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="67"/>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="86"/>
        <source>Routeless profile (JSON)</source>
        <translation>Routeless-Profil (JSON)</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="86"/>
        <source>NoRouter manifest (YAML)</source>
        <translation>NoRouter-Manifest (YAML)</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="86"/>
        <source>NodePass URLs (one per line)</source>
        <translation>NodePass-URLs (eine pro Zeile)</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="90"/>
        <source>Include keys and API secrets</source>
        <translation>Schlüssel und API-Geheimnisse einschließen</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="94"/>
        <source>Include local paths (state directories, certificates)</source>
        <translation>Lokale Pfade einschließen (Zustandsverzeichnisse, Zertifikate)</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="101"/>
        <source>Leave both unchecked to share a profile safely.</source>
        <translation>Lassen Sie beides abgewählt, um ein Profil sicher zu teilen.</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="105"/>
        <source>Save to file…</source>
        <translation>In Datei speichern…</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="109"/>
        <source>Copy to clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="113"/>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="148"/>
        <source>Import file…</source>
        <translation>Datei importieren…</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="152"/>
        <source>Import from clipboard</source>
        <translation>Aus der Zwischenablage importieren</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="157"/>
        <source>Drop a file or links here to import</source>
        <translation>Datei oder Links zum Importieren hier ablegen</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="183"/>
        <source>Saved profiles</source>
        <translation>Gespeicherte Profile</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="184"/>
        <source>Stored in %1</source>
        <translation>Gespeichert in %1</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="234"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="239"/>
        <location filename="../qml/ProfilesPage.qml" line="254"/>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="249"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="249"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="259"/>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="263"/>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="267"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="271"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../qml/SettingsPage.qml" line="18"/>
        <source>Start-up</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="20"/>
        <source>Start Routeless when I log in</source>
        <translation>Routeless bei der Anmeldung starten</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="25"/>
        <source>Start minimized to the tray</source>
        <translation>Minimiert im Infobereich starten</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="31"/>
        <source>Connect the last used profile on start</source>
        <translation>Beim Start das zuletzt verwendete Profil verbinden</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="41"/>
        <source>No system tray was found, so closing the window quits Routeless.</source>
        <translation>Kein Infobereich gefunden, daher beendet das Schließen des Fensters Routeless.</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="47"/>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="52"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="57"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="61"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="67"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="67"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="76"/>
        <source>Control</source>
        <translation>Steuerung</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="77"/>
        <source>Scripts and the command line drive the same engine: routeless-node ctl status</source>
        <translation>Skripte und die Kommandozeile steuern dieselbe Engine: routeless-node ctl status</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="89"/>
        <source>Start the daemon&apos;s node</source>
        <translation>Node des Daemons starten</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="94"/>
        <source>Stop the daemon&apos;s node</source>
        <translation>Node des Daemons stoppen</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="103"/>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="105"/>
        <source>Routeless %1</source>
        <translation>Routeless %1</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="110"/>
        <source>Settings and profiles: %1</source>
        <translation>Einstellungen und Profile: %1</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="117"/>
        <source>Agent: %1</source>
        <translation>Agent: %1</translation>
    </message>
</context>
<context>
    <name>TunnelDialog</name>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="23"/>
        <source>Add tunnel</source>
        <translation>Tunnel hinzufügen</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="23"/>
        <source>Edit tunnel</source>
        <translation>Tunnel bearbeiten</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="80"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="84"/>
        <source>e.g. office web</source>
        <translation>z. B. Büro-Web</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="91"/>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="92"/>
        <source>Raw URL</source>
        <translation>Roh-URL</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="104"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="109"/>
        <source>Server (listens for clients, exposes the target)</source>
        <translation>Server (wartet auf Clients, stellt das Ziel bereit)</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="110"/>
        <source>Client (connects to a server)</source>
        <translation>Client (verbindet sich mit einem Server)</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="111"/>
        <source>Device link (serves the clients an M-PROXY relay announces)</source>
        <translation>Geräteverbindung (bedient die Clients, die ein M-PROXY-Relay meldet)</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="114"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="114"/>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="120"/>
        <source>optional shared secret</source>
        <translation>optionales gemeinsames Geheimnis</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="120"/>
        <source>the relay&apos;s device token</source>
        <translation>das Geräte-Token des Relays</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="123"/>
        <source>Tunnel</source>
        <translation>Tunnel</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="123"/>
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="139"/>
        <source>Device name</source>
        <translation>Gerätename</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="149"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="156"/>
        <source>KEY=HOST:PORT, e.g. app.example.com=127.0.0.1:8080 *=127.0.0.1:80</source>
        <translation>KEY=HOST:PORT, z. B. app.example.com=127.0.0.1:8080 *=127.0.0.1:80</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="159"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="178"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="183"/>
        <source>ws:// (plain)</source>
        <translation>ws:// (unverschlüsselt)</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="183"/>
        <source>wss:// (TLS)</source>
        <translation>wss:// (TLS)</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="184"/>
        <source>0: none</source>
        <translation>0: keins</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="184"/>
        <source>1: self-signed</source>
        <translation>1: selbstsigniert</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="184"/>
        <source>2: certificate</source>
        <translation>2: Zertifikat</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="187"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="195"/>
        <source>Pool min</source>
        <translation>Pool min.</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="204"/>
        <source>max</source>
        <translation>max.</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="228"/>
        <source>Start with the profile</source>
        <translation>Mit dem Profil starten</translation>
    </message>
</context>
<context>
    <name>TunnelState</name>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="9"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="10"/>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="10"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="11"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="11"/>
        <source>Restarting</source>
        <translation>Neustart</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="12"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>TunnelsPage</name>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="32"/>
        <source>%1 of %2 running</source>
        <translation>%1 von %2 laufen</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="35"/>
        <source>Add tunnel</source>
        <translation>Tunnel hinzufügen</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="50"/>
        <source>No tunnels in this profile</source>
        <translation>Keine Tunnel in diesem Profil</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="31"/>
        <source>Tunnels</source>
        <translation>Tunnel</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="61"/>
        <source>Add a NodePass server or client, or a device link to an M-PROXY relay, with the form; or import NodePass URLs, np:// links or a NodePassDash backup on the Profiles screen.</source>
        <translation>Fügen Sie mit dem Formular einen NodePass-Server oder -Client oder eine Geräteverbindung zu einem M-PROXY-Relay hinzu, oder importieren Sie NodePass-URLs, np://-Links oder eine NodePassDash-Sicherung unter „Profile“.</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="114"/>
        <location filename="../qml/TunnelsPage.qml" line="219"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="115"/>
        <location filename="../qml/TunnelsPage.qml" line="224"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="116"/>
        <location filename="../qml/TunnelsPage.qml" line="229"/>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="117"/>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="118"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="119"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="132"/>
        <source>Target %1</source>
        <translation>Ziel %1</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="133"/>
        <source>Ping %1</source>
        <translation>Ping %1</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="134"/>
        <source>Pool %1</source>
        <translation>Pool %1</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="135"/>
        <source>TCP %1 · UDP %2</source>
        <translation>TCP %1 · UDP %2</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="136"/>
        <source>Clients %1</source>
        <translation>Clients %1</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="137"/>
        <source>↓ %1 ↑ %2</source>
        <translation>↓ %1 ↑ %2</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="138"/>
        <source>Restarts %1 · up %2</source>
        <translation>Neustarts %1 · läuft seit %2</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="163"/>
        <source>NodePass masters</source>
        <translation>NodePass-Master</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="164"/>
        <source>Instances on the masters of this profile, kept in sync while it is shown</source>
        <translation>Instanzen auf den Mastern dieses Profils, synchron gehalten, solange es angezeigt wird</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="244"/>
        <source>Ping %1 · Pool %2 · TCP/UDP %3 · ↓ %4 ↑ %5</source>
        <translation>Ping %1 · Pool %2 · TCP/UDP %3 · ↓ %4 ↑ %5</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::ActivityMenuSection</name>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="158"/>
        <source>Tunnel %1: %2</source>
        <translation>Tunnel %1: %2</translation>
    </message>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="164"/>
        <source>Forward %1 → %2 on %3: %4</source>
        <translation>Weiterleitung %1 → %2 auf %3: %4</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::Backend</name>
    <message>
        <location filename="../app/desktop/backend.cpp" line="372"/>
        <source>Disconnected. Nothing is running.</source>
        <translation>Getrennt. Nichts läuft.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="375"/>
        <source>&quot;%1&quot; is still connecting.</source>
        <translation>„%1“ verbindet noch.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="378"/>
        <source>&quot;%1&quot; is connected: %2 of %3 hosts ready.</source>
        <translation>„%1“ ist verbunden: %2 von %3 Hosts bereit.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="384"/>
        <source>&quot;%1&quot; has a problem: %2 of %3 hosts ready. See Logs.</source>
        <translation>„%1“ hat ein Problem: %2 von %3 Hosts bereit. Siehe Protokolle.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="397"/>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="399"/>
        <source>Connecting</source>
        <translation>Verbinde</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="401"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="403"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="450"/>
        <location filename="../app/desktop/backend.cpp" line="471"/>
        <source>A profile needs a name.</source>
        <translation>Ein Profil braucht einen Namen.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="461"/>
        <location filename="../app/desktop/backend.cpp" line="470"/>
        <location filename="../app/desktop/backend.cpp" line="480"/>
        <location filename="../app/desktop/backend.cpp" line="562"/>
        <source>No such profile.</source>
        <translation>Dieses Profil gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="463"/>
        <source>%1 copy</source>
        <translation>%1 Kopie</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="498"/>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="501"/>
        <location filename="../app/desktop/backend.cpp" line="515"/>
        <location filename="../app/desktop/backend.cpp" line="524"/>
        <source>Nothing was imported. %1</source>
        <translation>Es wurde nichts importiert. %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="540"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="541"/>
        <source>%1 is too large to be a profile.</source>
        <translation>%1 ist zu groß für ein Profil.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="548"/>
        <source>The clipboard is empty.</source>
        <translation>Die Zwischenablage ist leer.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="566"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="594"/>
        <location filename="../app/desktop/backend.cpp" line="674"/>
        <source>Select or create a profile first.</source>
        <translation>Wählen oder erstellen Sie zuerst ein Profil.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="602"/>
        <source>Command: %1</source>
        <translation>Befehl: %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="623"/>
        <source>Port &quot;%1&quot; is not LISTENPORT:HOST:PORT (e.g. 8080:127.0.0.1:80).</source>
        <translation>Port „%1“ hat nicht die Form LISTENPORT:HOST:PORT (z. B. 8080:127.0.0.1:80).</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="637"/>
        <source>No such host.</source>
        <translation>Diesen Host gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="696"/>
        <source>No such tunnel.</source>
        <translation>Diesen Tunnel gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="767"/>
        <source>A tunnel URL starts with server://, client:// or device://</source>
        <translation>Eine Tunnel-URL beginnt mit server://, client:// oder device://</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="805"/>
        <source>Choose server, client or device link.</source>
        <translation>Wählen Sie Server, Client oder Geräteverbindung.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="852"/>
        <source>Enter the relay&apos;s host.</source>
        <translation>Geben Sie den Host des Relays ein.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="854"/>
        <source>The relay port must be 1-65535.</source>
        <translation>Der Relay-Port muss zwischen 1 und 65535 liegen.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="861"/>
        <source>A device link needs the relay&apos;s token.</source>
        <translation>Eine Geräteverbindung braucht das Token des Relays.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="872"/>
        <source>Add at least one target, e.g. *=127.0.0.1:8080</source>
        <translation>Fügen Sie mindestens ein Ziel hinzu, z. B. *=127.0.0.1:8080</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="807"/>
        <source>The tunnel port must be 1-65535.</source>
        <translation>Der Tunnel-Port muss zwischen 1 und 65535 liegen.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="166"/>
        <source>The UI protocol is off.</source>
        <translation>Das UI-Protokoll ist aus.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="809"/>
        <source>The target port must be 1-65535.</source>
        <translation>Der Ziel-Port muss zwischen 1 und 65535 liegen.</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="812"/>
        <source>The key must not contain &apos;@&apos; or &apos;/&apos;.</source>
        <translation>Der Schlüssel darf weder „@“ noch „/“ enthalten.</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::ControlHost</name>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="21"/>
        <source>Serving the UI protocol on 127.0.0.1:%1; UIs attached: %2</source>
        <translation>Stellt das UI-Protokoll auf 127.0.0.1:%1 bereit; verbundene UIs: %2</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="47"/>
        <source>The UI protocol is off (--ui-port 0).</source>
        <translation>Das UI-Protokoll ist aus (--ui-port 0).</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="72"/>
        <source>Looking for a daemon on 127.0.0.1:%1…</source>
        <translation>Suche einen Daemon auf 127.0.0.1:%1…</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="96"/>
        <source>The UI protocol is off: %1</source>
        <translation>Das UI-Protokoll ist aus: %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="111"/>
        <source>Attached to the daemon on 127.0.0.1:%1</source>
        <translation>Mit dem Daemon auf 127.0.0.1:%1 verbunden</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="141"/>
        <source>Attached to the daemon on 127.0.0.1:%1; its node runs on port %2 (mesh %3, %4 of %5 tunnels running)</source>
        <translation>Mit dem Daemon auf 127.0.0.1:%1 verbunden; sein Node läuft auf Port %2 (Mesh %3, %4 von %5 Tunneln laufen)</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="145"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="145"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="150"/>
        <source>Attached to the daemon on 127.0.0.1:%1; its node is not running</source>
        <translation>Mit dem Daemon auf 127.0.0.1:%1 verbunden; sein Node läuft nicht</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::ProfileMenuSection</name>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="133"/>
        <source>No profiles</source>
        <translation>Keine Profile</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::ProfileModel</name>
    <message numerus="yes">
        <location filename="../app/desktop/profilemodel.cpp" line="34"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n Host</numerusform>
            <numerusform>%n Hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/desktop/profilemodel.cpp" line="35"/>
        <source>%n tunnel(s)</source>
        <translation>
            <numerusform>%n Tunnel</numerusform>
            <numerusform>%n Tunnel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/desktop/profilemodel.cpp" line="36"/>
        <source>%n master(s)</source>
        <translation>
            <numerusform>%n Master</numerusform>
            <numerusform>%n Master</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>routeless::desktop::TrayIcon</name>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="105"/>
        <source>Routeless: %1</source>
        <translation>Routeless: %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="106"/>
        <source>Routeless: %1 (%2)</source>
        <translation>Routeless: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="113"/>
        <source>Routeless — %1</source>
        <translation>Routeless — %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="119"/>
        <source>Show window</source>
        <translation>Fenster anzeigen</translation>
    </message>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="122"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::TunnelModel</name>
    <message>
        <location filename="../app/desktop/tunnelmodel.cpp" line="49"/>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
</context>
</TS>
