<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
    <context>
        <name>ConfirmDialog</name>
        <message>
            <location filename="../qml/ConfirmDialog.qml" line="10" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
    </context>
    <context>
        <name>ConnectionCard</name>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="18" />
            <source>Connection</source>
            <translation>Verbindung</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="42" />
            <source>No profile connected</source>
            <translation>Kein Profil verbunden</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="64" />
            <source>Host %1: %2</source>
            <translation>Host %1: %2</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="66" />
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="84" />
            <source>↓ %1   ↑ %2</source>
            <translation>↓ %1   ↑ %2</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="95" />
            <source>Disconnect</source>
            <translation>Trennen</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="95" />
            <source>Connect</source>
            <translation>Verbinden</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="97" />
            <source>Disconnect %1</source>
            <translation>%1 trennen</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="98" />
            <source>Connect %1</source>
            <translation>%1 verbinden</translation>
        </message>
    </context>
    <context>
        <name>HostDialog</name>
        <message>
            <location filename="../qml/HostDialog.qml" line="13" />
            <source>Add host</source>
            <translation>Host hinzufügen</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="66" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="71" />
            <source>e.g. laptop</source>
            <translation>z. B. laptop</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="74" />
            <location filename="../qml/HostDialog.qml" line="79" />
            <source>Virtual IP</source>
            <translation>Virtuelle IP</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="81" />
            <source>Launch</source>
            <translation>Start über</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="88" />
            <source>Local agent</source>
            <translation>Lokaler Agent</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="97" />
            <source>user@host, container or pod</source>
            <translation>user@host, Container oder Pod</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="126" />
            <source>Command</source>
            <translation>Befehl</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="132" />
            <source>empty: run the local agent</source>
            <translation>leer: lokalen Agenten starten</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="135" />
            <source>Ports</source>
            <translation>Ports</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="152" />
            <source>Do not listen on this machine's loopback (for a second agent on the same machine)</source>
            <translation>Nicht auf dem Loopback dieses Rechners lauschen (für einen zweiten Agenten auf demselben Rechner)</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="13" />
            <source>Edit host %1</source>
            <translation>Host %1 bearbeiten</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="72" />
            <source>Host name</source>
            <translation>Hostname</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="89" />
            <source>Kind of host</source>
            <translation>Art des Hosts</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="98" />
            <source>Host, container or pod</source>
            <translation>Host, Container oder Pod</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="103" />
            <source>Key file</source>
            <translation>Schlüsseldatei</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="110" />
            <source>optional, e.g. ~/.ssh/id_ed25519</source>
            <translation>optional, z. B. ~/.ssh/id_ed25519</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="111" />
            <source>ssh key file</source>
            <translation>ssh-Schlüsseldatei</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="115" />
            <source>Jump host</source>
            <translation>Sprung-Host</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="122" />
            <source>optional, e.g. user@bastion</source>
            <translation>optional, z. B. user@bastion</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="123" />
            <source>ssh jump host</source>
            <translation>ssh-Sprung-Host</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="133" />
            <source>Launch command</source>
            <translation>Startbefehl</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="142" />
            <source>Ports, LISTENPORT:HOST:PORT separated by commas</source>
            <translation>Ports, LISTENPORT:HOST:PORT durch Kommas getrennt</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="149" />
            <source>Do not listen on this machine's loopback</source>
            <translation>Nicht auf dem Loopback dieses Rechners lauschen</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="167" />
            <location filename="../qml/HostDialog.qml" line="173" />
            <source>Copy the agent to this host when it lacks it</source>
            <translation>Den Agenten auf diesen Host kopieren, wenn er fehlt</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="170" />
            <source>Before starting, look for the agent on the host and upload the matching build through the launch command when it is missing (the manifest's zeroInstall key).</source>
            <translation>Vor dem Start den Agenten auf dem Host suchen und, wenn er fehlt, den passenden Build über den Startbefehl hochladen (der Schlüssel zeroInstall des Manifests).</translation>
        </message>
    </context>
    <context>
        <name>HostProblem</name>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="22" />
            <source>An address this host listens on is already in use.</source>
            <translation>Eine Adresse, auf der dieser Host lauscht, ist bereits belegt.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="23" />
            <source>If two hosts of this profile run on this machine, tick "Do not listen on this machine's loopback" for all but one of them; otherwise stop the program that holds the port.</source>
            <translation>Wenn zwei Hosts dieses Profils auf diesem Rechner laufen, setzen Sie bei allen außer einem „Nicht auf dem Loopback dieses Rechners lauschen“; sonst beenden Sie das Programm, das den Port belegt.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="37" />
            <source>The host name in the command cannot be resolved.</source>
            <translation>Der Hostname im Befehl lässt sich nicht auflösen.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="38" />
            <source>Check the spelling of the host in the command, or add it to ~/.ssh/config or /etc/hosts.</source>
            <translation>Prüfen Sie die Schreibweise des Hosts im Befehl oder tragen Sie ihn in ~/.ssh/config oder /etc/hosts ein.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="44" />
            <source>ssh does not trust the host's key.</source>
            <translation>ssh vertraut dem Schlüssel des Hosts nicht.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="45" />
            <source>Connect once with ssh in a terminal to accept the key, or remove the old key with ssh-keygen -R HOST if the host was reinstalled.</source>
            <translation>Verbinden Sie sich einmal mit ssh in einem Terminal, um den Schlüssel anzunehmen, oder entfernen Sie den alten Schlüssel mit ssh-keygen -R HOST, falls der Host neu installiert wurde.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="51" />
            <source>ssh could not log in.</source>
            <translation>ssh konnte sich nicht anmelden.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="52" />
            <source>The app cannot type a password: copy your key to the host (ssh-copy-id USER@HOST), load it into your ssh agent (ssh-add), or set the user and key in ~/.ssh/config.</source>
            <translation>Die App kann kein Passwort eingeben: Kopieren Sie Ihren Schlüssel auf den Host (ssh-copy-id USER@HOST), laden Sie ihn in Ihren ssh-Agenten (ssh-add) oder legen Sie Benutzer und Schlüssel in ~/.ssh/config fest.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="60" />
            <source>The host does not answer.</source>
            <translation>Der Host antwortet nicht.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="61" />
            <source>Check that the machine is on and reachable, and that its ssh server runs on the port in the command.</source>
            <translation>Prüfen Sie, ob der Rechner eingeschaltet und erreichbar ist und sein ssh-Server auf dem Port im Befehl läuft.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="68" />
            <source>The container or pod in the command does not exist or is not running.</source>
            <translation>Der Container oder Pod im Befehl existiert nicht oder läuft nicht.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="69" />
            <source>Start it, or correct its name in the command.</source>
            <translation>Starten Sie ihn oder korrigieren Sie seinen Namen im Befehl.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="72" />
            <source>The command's program cannot be started on this machine.</source>
            <translation>Das Programm des Befehls lässt sich auf diesem Rechner nicht starten.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="73" />
            <source>Install it (for ssh: openssh-client) or give its full path in the command.</source>
            <translation>Installieren Sie es (für ssh: openssh-client) oder geben Sie im Befehl seinen vollständigen Pfad an.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="80" />
            <source>routeless-node is not installed where the command runs.</source>
            <translation>routeless-node ist dort, wo der Befehl läuft, nicht installiert.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="81" />
            <source>Copy routeless-node to the host (e.g. scp routeless-node HOST:.local/bin/) or give its full path in the command.</source>
            <translation>Kopieren Sie routeless-node auf den Host (z. B. scp routeless-node HOST:.local/bin/) oder geben Sie im Befehl seinen vollständigen Pfad an.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="87" />
            <source>The agent refused its configuration.</source>
            <translation>Der Agent hat seine Konfiguration abgelehnt.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="88" />
            <source>Update routeless-node on the host to the version of this app.</source>
            <translation>Aktualisieren Sie routeless-node auf dem Host auf die Version dieser App.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="92" />
            <source>See Logs for everything the host printed.</source>
            <translation>Alles, was der Host ausgegeben hat, steht unter „Protokolle“.</translation>
        </message>
    </context>
    <context>
        <name>HostServices</name>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="32" />
            <source>SOCKS proxy</source>
            <translation>SOCKS-Proxy</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="35" />
            <source>HTTP proxy</source>
            <translation>HTTP-Proxy</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="38" />
            <source>DNS</source>
            <translation>DNS</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="42" />
            <source>UDP forward</source>
            <translation>UDP-Weiterleitung</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="43" />
            <source>%1 → %2:%3</source>
            <translation>%1 → %2:%3</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="48" />
            <source>Learned route</source>
            <translation>Gelernte Route</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="48" />
            <source>%1 via this host</source>
            <translation>%1 über diesen Host</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../qml/ImportDialog.qml" line="15" />
            <source>Import from %1</source>
            <translation>Import aus %1</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="20" />
            <source>Import</source>
            <translation>Importieren</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="27" />
            <source>Imported into %1.</source>
            <translation>In %1 importiert.</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="28" />
            <source>Imported.</source>
            <translation>Importiert.</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="42" />
            <source>As new profile(s): %1</source>
            <translation>Als neue(s) Profil(e): %1</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="50" />
            <source>Into the shown profile, %1</source>
            <translation>In das angezeigte Profil, %1</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="97" />
            <source>Let only the first of them listen (loopback.disable for the others)</source>
            <translation>Nur den ersten lauschen lassen (loopback.disable für die anderen)</translation>
        </message>
    </context>
    <context>
        <name>ListenConflict</name>
        <message>
            <location filename="../app/desktop/listenconflicts.cpp" line="34" />
            <source>%1, %2</source>
            <comment>a list of host names</comment>
            <translation>%1, %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/listenconflicts.cpp" line="35" />
            <source>%1 and %2</source>
            <comment>the last two of a list of host names</comment>
            <translation>%1 und %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/listenconflicts.cpp" line="43" />
            <source>%n more</source>
            <translation>
                <numerusform>%n weiterer</numerusform>
                <numerusform>%n weitere</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../app/desktop/listenconflicts.cpp" line="46" />
            <source>Let one of them listen and set "Do not listen on this machine's loopback" for the others.</source>
            <translation>Lassen Sie einen von ihnen lauschen und setzen Sie bei den anderen „Nicht auf dem Loopback dieses Rechners lauschen“.</translation>
        </message>
        <message>
            <location filename="../app/desktop/listenconflicts.cpp" line="51" />
            <source>%1 both run on this machine and would both listen on %2; only one of them can.</source>
            <translation>%1 laufen beide auf diesem Rechner und würden beide auf %2 lauschen; das kann nur einer von ihnen.</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/listenconflicts.cpp" line="54" />
            <source>All %n hosts, %1, run on this machine and would all listen on %2; only one of them can.</source>
            <translation>
                <numerusform>Alle %n Hosts, %1, laufen auf diesem Rechner und würden alle auf %2 lauschen; das kann nur einer von ihnen.</numerusform>
                <numerusform>Alle %n Hosts, %1, laufen auf diesem Rechner und würden alle auf %2 lauschen; das kann nur einer von ihnen.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LogsPage</name>
        <message>
            <location filename="../qml/LogsPage.qml" line="32" />
            <source>Save log</source>
            <translation>Protokoll speichern</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="45" />
            <source>All levels</source>
            <translation>Alle Stufen</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="45" />
            <source>Info and above</source>
            <translation>Info und höher</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="45" />
            <source>Warnings and errors</source>
            <translation>Warnungen und Fehler</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="45" />
            <source>Errors only</source>
            <translation>Nur Fehler</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="20" />
            <source>All sources</source>
            <translation>Alle Quellen</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="61" />
            <source>Search</source>
            <translation>Suchen</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="69" />
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="75" />
            <source>Save…</source>
            <translation>Speichern…</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="81" />
            <location filename="../qml/LogsPage.qml" line="88" />
            <source>Clear</source>
            <translation>Leeren</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="164" />
            <source>%1 lines shown</source>
            <translation>%1 Zeilen angezeigt</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="12" />
            <source>Logs</source>
            <translation>Protokolle</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="34" />
            <source>Log files (*.log *.txt)</source>
            <translation>Protokolldateien (*.log *.txt)</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="34" />
            <source>All files (*)</source>
            <translation>Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="47" />
            <source>Level</source>
            <translation>Stufe</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="55" />
            <source>Source</source>
            <translation>Quelle</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="63" />
            <source>Search the log</source>
            <translation>Protokoll durchsuchen</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="70" />
            <source>Copy the lines shown</source>
            <translation>Angezeigte Zeilen kopieren</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="76" />
            <source>Save the lines shown to a file</source>
            <translation>Angezeigte Zeilen in eine Datei speichern</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="82" />
            <source>Clear the log</source>
            <translation>Protokoll leeren</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="86" />
            <source>Clear the log?</source>
            <translation>Protokoll leeren?</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="87" />
            <source>Every line goes, in every source and level, not only the lines shown. Save them first if you may need them.</source>
            <translation>Alle Zeilen gehen verloren, aus jeder Quelle und Stufe, nicht nur die angezeigten. Speichern Sie sie vorher, wenn Sie sie noch brauchen könnten.</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="108" />
            <source>Log lines</source>
            <translation>Protokollzeilen</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="158" />
            <source>The log was not saved: %1</source>
            <translation>Das Protokoll wurde nicht gespeichert: %1</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <location filename="../qml/Main.qml" line="91" />
            <source>Mesh</source>
            <translation>Mesh</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="92" />
            <source>Tunnels</source>
            <translation>Tunnel</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="93" />
            <source>Profiles</source>
            <translation>Profile</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="94" />
            <source>Logs</source>
            <translation>Protokolle</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="95" />
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="140" />
            <source>Meshes and tunnels</source>
            <translation>Meshes und Tunnel</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="200" />
            <source>Profile</source>
            <translation>Profil</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="112" />
            <source>Pages</source>
            <translation>Seiten</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="214" />
            <source>Profile shown</source>
            <translation>Angezeigtes Profil</translation>
        </message>
    </context>
    <context>
        <name>MeshPage</name>
        <message>
            <location filename="../qml/MeshPage.qml" line="116" />
            <source>Hosts ready</source>
            <translation>Hosts bereit</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="117" />
            <source>Download</source>
            <translation>Empfangen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="118" />
            <source>Upload</source>
            <translation>Senden</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="119" />
            <location filename="../qml/MeshPage.qml" line="491" />
            <source>Forwards</source>
            <translation>Weiterleitungen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="167" />
            <source>Demo traffic is flowing: the app fetches http://127.0.42.2:18080/ every second, through host alpha and host beta, from its built-in responder. Try it in a browser.</source>
            <translation>Demo-Verkehr läuft: Die App ruft jede Sekunde http://127.0.42.2:18080/ ab, über Host alpha und Host beta, von ihrem eingebauten Responder. Probieren Sie es im Browser aus.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="168" />
            <source>The demo runs two local agents (alpha and beta) and forwards 127.0.42.2:18080 to a built-in web responder. Connect it to see traffic.</source>
            <translation>Die Demo startet zwei lokale Agenten (alpha und beta) und leitet 127.0.42.2:18080 an einen eingebauten Web-Responder weiter. Verbinden Sie sie, um Verkehr zu sehen.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="202" />
            <source>Hosts</source>
            <translation>Hosts</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="203" />
            <source>Live state, sampled every second</source>
            <translation>Live-Zustand, jede Sekunde abgefragt</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="204" />
            <source>Not running; connect the profile to start its agents</source>
            <translation>Läuft nicht; verbinden Sie das Profil, um seine Agenten zu starten</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="208" />
            <source>Add host</source>
            <translation>Host hinzufügen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="224" />
            <source>Stop mesh</source>
            <translation>Mesh stoppen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="224" />
            <source>Start mesh</source>
            <translation>Mesh starten</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="234" />
            <source>This profile has no hosts. Add one, or import a NoRouter manifest on the Profiles screen.</source>
            <translation>Dieses Profil hat keine Hosts. Fügen Sie einen hinzu oder importieren Sie ein NoRouter-Manifest unter „Profile“.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="306" />
            <source>Edit</source>
            <translation>Bearbeiten</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="97" />
            <location filename="../qml/MeshPage.qml" line="322" />
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="492" />
            <source>Listen on the mesh, connect on the owning host</source>
            <translation>Lauscht im Mesh, verbindet auf dem zugehörigen Host</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="495" />
            <source>No forwards. Add ports to a host (e.g. 8080:127.0.0.1:80).</source>
            <translation>Keine Weiterleitungen. Fügen Sie einem Host Ports hinzu (z. B. 8080:127.0.0.1:80).</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="437" />
            <location filename="../qml/MeshPage.qml" line="533" />
            <source>Start</source>
            <translation>Starten</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="437" />
            <location filename="../qml/MeshPage.qml" line="533" />
            <source>Stop</source>
            <translation>Stoppen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="535" />
            <source>Start forward %1 on %2</source>
            <translation>Weiterleitung %1 auf %2 starten</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="536" />
            <source>Stop forward %1 on %2</source>
            <translation>Weiterleitung %1 auf %2 stoppen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="553" />
            <source>Routing table</source>
            <translation>Routingtabelle</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="554" />
            <source>Where the manager sends each destination</source>
            <translation>Wohin der Manager jedes Ziel schickt</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="557" />
            <source>Empty until the mesh runs.</source>
            <translation>Leer, bis das Mesh läuft.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="578" />
            <source>via %1</source>
            <translation>über %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="15" />
            <source>Mesh</source>
            <translation>Mesh</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="34" />
            <source>Test speed from %1 to…</source>
            <translation>Geschwindigkeit von %1 testen nach …</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="45" />
            <source>Measures connect latency and %1 s of throughput each way through the mesh.</source>
            <translation>Misst die Verbindungslatenz und %1 s Durchsatz in jede Richtung durch das Mesh.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="46" />
            <source>This profile has no other host.</source>
            <translation>Dieses Profil hat keinen anderen Host.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="60" />
            <source>Test speed from %1 to %2</source>
            <translation>Geschwindigkeit von %1 nach %2 testen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="76" />
            <source>Agent %1 found on the host</source>
            <translation>Agent %1 auf dem Host gefunden</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="78" />
            <source>Agent %1 uploaded</source>
            <translation>Agent %1 hochgeladen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="80" />
            <source>Agent %1 cached</source>
            <translation>Agent %1 zwischengespeichert</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="81" />
            <source>Agent %1 (%2)</source>
            <translation>Agent %1 (%2)</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="86" />
            <source>The host already had routeless-agent on its PATH; nothing was copied.</source>
            <translation>Der Host hatte routeless-agent bereits im PATH; nichts wurde kopiert.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="88" />
            <source>The host lacked the agent: this start copied the matching build into ~/.cache/routeless/ on it.</source>
            <translation>Dem Host fehlte der Agent: Dieser Start hat den passenden Build nach ~/.cache/routeless/ auf ihm kopiert.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="90" />
            <source>A copy uploaded earlier, with the right content hash, was found in ~/.cache/routeless/ and reused.</source>
            <translation>Eine früher hochgeladene Kopie mit dem richtigen Inhalts-Hash wurde in ~/.cache/routeless/ gefunden und wiederverwendet.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="95" />
            <source>Remove host %1?</source>
            <translation>Host %1 entfernen?</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="96" />
            <source>The host leaves the profile; while it is connected, its agent stops and the other hosts keep running. You can undo this.</source>
            <translation>Der Host verlässt das Profil; ist es verbunden, stoppt sein Agent und die anderen Hosts laufen weiter. Sie können das rückgängig machen.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="100" />
            <source>Removed host %1.</source>
            <translation>Host %1 entfernt.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="178" />
            <source>Let only the first listen</source>
            <translation>Nur den ersten lauschen lassen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="182" />
            <source>Only the first local host listens on this machine now.</source>
            <translation>Jetzt lauscht nur noch der erste lokale Host auf diesem Rechner.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="190" />
            <source>Undo</source>
            <translation>Rückgängig</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="195" />
            <source>Host %1 is back.</source>
            <translation>Host %1 ist wieder da.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="214" />
            <source>Test all</source>
            <translation>Alle testen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="215" />
            <source>Test every host and tunnel</source>
            <translation>Jeden Host und Tunnel testen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="273" />
            <source>Host %1, %2, %3</source>
            <translation>Host %1, %2, %3</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="303" />
            <source>Actions for host %1</source>
            <translation>Aktionen für Host %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="307" />
            <source>Edit host %1</source>
            <translation>Host %1 bearbeiten</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="311" />
            <source>Test speed to…</source>
            <translation>Geschwindigkeit testen nach …</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="312" />
            <source>Test speed from host %1 to another host</source>
            <translation>Geschwindigkeit von Host %1 zu einem anderen Host testen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="317" />
            <source>Check</source>
            <translation>Prüfen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="318" />
            <source>Check the command of host %1</source>
            <translation>Befehl von Host %1 prüfen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="323" />
            <source>Remove host %1</source>
            <translation>Host %1 entfernen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="348" />
            <source>PID %1 · %2 restarts · up %3</source>
            <translation>PID %1 · %2 Neustarts · läuft seit %3</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="354" />
            <source>↓ %1 ↑ %2 (total %3 / %4)</source>
            <translation>↓ %1 ↑ %2 (gesamt %3 / %4)</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="372" />
            <source>Latency %1</source>
            <translation>Latenz %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="440" />
            <source>Start %1 of host %2</source>
            <translation>%1 von Host %2 starten</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="441" />
            <source>Stop %1 of host %2</source>
            <translation>%1 von Host %2 stoppen</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="451" />
            <source>Copy %1 of host %2: %3</source>
            <translation>%1 von Host %2 kopieren: %3</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="456" />
            <source>Copied %1.</source>
            <translation>%1 kopiert.</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="466" />
            <source>Check: %1</source>
            <translation>Prüfung: %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="515" />
            <source>Forward %1 to %2 on %3, %4</source>
            <translation>Weiterleitung %1 nach %2 auf %3, %4</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="522" />
            <source>%1 → %2 on %3 (%4)</source>
            <translation>%1 → %2 auf %3 (%4)</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="449" />
            <location filename="../qml/MeshPage.qml" line="541" />
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="542" />
            <source>Copy address %1</source>
            <translation>Adresse %1 kopieren</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="569" />
            <source>%1 via %2</source>
            <translation>%1 über %2</translation>
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <location filename="../qml/MessageBar.qml" line="45" />
            <source>Dismiss</source>
            <translation>Schließen</translation>
        </message>
    </context>
    <context>
        <name>ProfileImport</name>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="44" />
            <source>Adds host %1 (%2)</source>
            <translation>Fügt Host %1 hinzu (%2)</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="46" />
            <source>Changes host %1: %2</source>
            <translation>Ändert Host %1: %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="58" />
            <source>Adds a route via %1 to %2</source>
            <translation>Fügt eine Route über %1 nach %2 hinzu</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="66" />
            <source>Adds tunnel %1</source>
            <translation>Fügt Tunnel %1 hinzu</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="68" />
            <source>Changes tunnel %1</source>
            <translation>Ändert Tunnel %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="79" />
            <source>Adds master %1</source>
            <translation>Fügt Master %1 hinzu</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="81" />
            <source>Changes master %1</source>
            <translation>Ändert Master %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="89" />
            <source>Nothing changes: the profile already has all of it.</source>
            <translation>Nichts ändert sich: Das Profil enthält bereits alles.</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/profileimport.cpp" line="91" />
            <source>%n entry(s) already there stay as they are.</source>
            <translation>
                <numerusform>%n vorhandener Eintrag bleibt, wie er ist.</numerusform>
                <numerusform>%n vorhandene Einträge bleiben, wie sie sind.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ProfilesPage</name>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="79" />
            <source>Import profiles</source>
            <translation>Profile importieren</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="81" />
            <source>Profiles and manifests (*.json *.yaml *.yml *.txt)</source>
            <translation>Profile und Manifeste (*.json *.yaml *.yml *.txt)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="68" />
            <location filename="../qml/ProfilesPage.qml" line="82" />
            <source>All files (*)</source>
            <translation>Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="107" />
            <location filename="../qml/ProfilesPage.qml" line="197" />
            <source>New profile</source>
            <translation>Neues Profil</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="115" />
            <location filename="../qml/ProfilesPage.qml" line="116" />
            <source>Profile name</source>
            <translation>Profilname</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="137" />
            <source>Routeless profile (JSON)</source>
            <translation>Routeless-Profil (JSON)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="137" />
            <source>NoRouter manifest (YAML)</source>
            <translation>NoRouter-Manifest (YAML)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="137" />
            <source>NodePass URLs (one per line)</source>
            <translation>NodePass-URLs (eine pro Zeile)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="142" />
            <source>Include keys and API secrets</source>
            <translation>Schlüssel und API-Geheimnisse einschließen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="147" />
            <source>Include local paths (state directories, certificates)</source>
            <translation>Lokale Pfade einschließen (Zustandsverzeichnisse, Zertifikate)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="155" />
            <source>Leave both unchecked to share a profile safely.</source>
            <translation>Lassen Sie beides abgewählt, um ein Profil sicher zu teilen.</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="160" />
            <source>Save to file…</source>
            <translation>In Datei speichern…</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="165" />
            <source>Copy to clipboard</source>
            <translation>In die Zwischenablage kopieren</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="207" />
            <source>Import file…</source>
            <translation>Datei importieren…</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="212" />
            <source>Import from clipboard</source>
            <translation>Aus der Zwischenablage importieren</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="237" />
            <location filename="../qml/ProfilesPage.qml" line="249" />
            <source>Saved profiles</source>
            <translation>Gespeicherte Profile</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="238" />
            <source>Stored in %1</source>
            <translation>Gespeichert in %1</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="303" />
            <source>Default</source>
            <translation>Standard</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="320" />
            <source>Disconnect</source>
            <translation>Trennen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="320" />
            <source>Connect</source>
            <translation>Verbinden</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="341" />
            <source>Rename</source>
            <translation>Umbenennen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="350" />
            <source>Duplicate</source>
            <translation>Duplizieren</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="362" />
            <source>Export</source>
            <translation>Exportieren</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="47" />
            <location filename="../qml/ProfilesPage.qml" line="367" />
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="16" />
            <source>Profiles</source>
            <translation>Profile</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="45" />
            <source>Delete profile %1?</source>
            <translation>Profil %1 löschen?</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="46" />
            <source>Its hosts, tunnels and masters go with it; if it is connected, it is disconnected first. You can undo this.</source>
            <translation>Seine Hosts, Tunnel und Master werden mit gelöscht; ist es verbunden, wird es zuerst getrennt. Sie können das rückgängig machen.</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="49" />
            <source>Deleted %1.</source>
            <translation>%1 gelöscht.</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="51" />
            <source>Undo</source>
            <translation>Rückgängig</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="56" />
            <source>Restore the previous version of %1?</source>
            <translation>Die vorherige Version von %1 wiederherstellen?</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="57" />
            <source>The profile goes back to how it was before its last change; the current version is kept, so doing this again swaps them back.</source>
            <translation>Das Profil kehrt zum Stand vor seiner letzten Änderung zurück; die aktuelle Version bleibt erhalten, ein zweites Mal tauscht sie wieder zurück.</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="58" />
            <source>Restore</source>
            <translation>Wiederherstellen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="60" />
            <source>%1 is back to its previous version.</source>
            <translation>%1 ist wieder auf seiner vorherigen Version.</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="67" />
            <source>Routeless profiles (*.json)</source>
            <translation>Routeless-Profile (*.json)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="67" />
            <source>NoRouter manifests (*.yaml *.yml)</source>
            <translation>NoRouter-Manifeste (*.yaml *.yml)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="68" />
            <source>Text files (*.txt)</source>
            <translation>Textdateien (*.txt)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="82" />
            <source>QR code images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
            <translation>QR-Code-Bilder (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="94" />
            <location filename="../qml/ProfilesPage.qml" line="126" />
            <source>Export "%1"</source>
            <translation>„%1“ exportieren</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="99" />
            <source>Exported %1.</source>
            <translation>%1 exportiert.</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="106" />
            <location filename="../qml/ProfilesPage.qml" line="342" />
            <source>Rename profile %1</source>
            <translation>Profil %1 umbenennen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="138" />
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="170" />
            <source>Copied %1 to the clipboard.</source>
            <translation>%1 in die Zwischenablage kopiert.</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="218" />
            <source>or drop a file or links here</source>
            <translation>oder eine Datei oder Links hier ablegen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="230" />
            <source>%1 is back.</source>
            <translation>%1 ist wieder da.</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="267" />
            <source>Profile %1, %2</source>
            <translation>Profil %1, %2</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="321" />
            <source>Disconnect %1</source>
            <translation>%1 trennen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="322" />
            <source>Connect %1</source>
            <translation>%1 verbinden</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="332" />
            <source>Actions for profile %1</source>
            <translation>Aktionen für Profil %1</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="335" />
            <source>Make default</source>
            <translation>Als Standard</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="336" />
            <source>Make %1 the default profile</source>
            <translation>%1 zum Standardprofil machen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="351" />
            <source>Duplicate profile %1</source>
            <translation>Profil %1 duplizieren</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="353" />
            <source>Duplicated %1.</source>
            <translation>%1 dupliziert.</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="356" />
            <source>Restore previous</source>
            <translation>Vorherige wiederherstellen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="357" />
            <source>Restore the previous version of profile %1</source>
            <translation>Die vorherige Version von Profil %1 wiederherstellen</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="363" />
            <source>Export profile %1</source>
            <translation>Profil %1 exportieren</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="368" />
            <source>Delete profile %1</source>
            <translation>Profil %1 löschen</translation>
        </message>
    </context>
    <context>
        <name>QmlModuleCheck</name>
        <message>
            <location filename="../app/desktop/qmlmodulecheck.cpp" line="14" />
            <source>every screen</source>
            <translation>jeder Bildschirm</translation>
        </message>
        <message>
            <location filename="../app/desktop/qmlmodulecheck.cpp" line="15" />
            <source>the file dialogs</source>
            <translation>die Dateidialoge</translation>
        </message>
        <message>
            <location filename="../app/desktop/qmlmodulecheck.cpp" line="66" />
            <source>%1 (package %2), needed by %3</source>
            <translation>%1 (Paket %2), benötigt von %3</translation>
        </message>
        <message>
            <location filename="../app/desktop/qmlmodulecheck.cpp" line="70" />
            <source>Routeless cannot start: these Qt QML modules are not installed:
  %1
On Debian or Ubuntu, install them with:
  sudo apt install %2</source>
            <translation>Routeless kann nicht starten: Diese Qt-QML-Module sind nicht installiert:
  %1
Unter Debian oder Ubuntu installieren Sie sie mit:
  sudo apt install %2</translation>
        </message>
    </context>
    <context>
        <name>QrDecode</name>
        <message>
            <location filename="../app/desktop/qrdecode_none.cpp" line="12" />
            <source>This build of Routeless cannot read QR codes.</source>
            <translation>Dieser Build von Routeless kann keine QR-Codes lesen.</translation>
        </message>
        <message>
            <location filename="../app/desktop/qrdecode_zbar.cpp" line="35" />
            <source>The file is not an image this app can read.</source>
            <translation>Die Datei ist kein Bild, das diese App lesen kann.</translation>
        </message>
        <message>
            <location filename="../app/desktop/qrdecode_zbar.cpp" line="38" />
            <source>The image is too large to look for a QR code in.</source>
            <translation>Das Bild ist zu groß, um darin nach einem QR-Code zu suchen.</translation>
        </message>
        <message>
            <location filename="../app/desktop/qrdecode_zbar.cpp" line="54" />
            <location filename="../app/desktop/qrdecode_zbar.cpp" line="59" />
            <source>No QR code was found in the image.</source>
            <translation>Im Bild wurde kein QR-Code gefunden.</translation>
        </message>
    </context>
    <context>
        <name>RowActions</name>
        <message>
            <location filename="../qml/RowActions.qml" line="14" />
            <source>More actions</source>
            <translation>Weitere Aktionen</translation>
        </message>
    </context>
    <context>
        <name>SaveFileDialog</name>
        <message>
            <location filename="../qml/SaveFileDialog.qml" line="27" />
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <location filename="../qml/SaveFileDialog.qml" line="46" />
            <source>Replace file?</source>
            <translation>Datei ersetzen?</translation>
        </message>
        <message>
            <location filename="../qml/SaveFileDialog.qml" line="52" />
            <source>%1 already exists. Replace it?</source>
            <translation>%1 existiert bereits. Ersetzen?</translation>
        </message>
        <message>
            <location filename="../qml/SaveFileDialog.qml" line="54" />
            <source>Replace</source>
            <translation>Ersetzen</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../qml/SettingsPage.qml" line="30" />
            <source>Start Routeless when I log in</source>
            <translation>Routeless bei der Anmeldung starten</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="35" />
            <source>Start minimized to the tray</source>
            <translation>Minimiert im Infobereich starten</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="48" />
            <source>Connect the last used profile on start</source>
            <translation>Beim Start das zuletzt verwendete Profil verbinden</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="58" />
            <source>No system tray was found, so closing the window quits Routeless.</source>
            <translation>Kein Infobereich gefunden, daher beendet das Schließen des Fensters Routeless.</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="64" />
            <source>Appearance</source>
            <translation>Darstellung</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="69" />
            <location filename="../qml/SettingsPage.qml" line="77" />
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="86" />
            <location filename="../qml/SettingsPage.qml" line="93" />
            <source>Theme</source>
            <translation>Design</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="92" />
            <source>Light</source>
            <translation>Hell</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="92" />
            <source>Dark</source>
            <translation>Dunkel</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="106" />
            <source>Control</source>
            <translation>Steuerung</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="107" />
            <source>Scripts and the command line drive the same engine: routeless-node ctl status</source>
            <translation>Skripte und die Kommandozeile steuern dieselbe Engine: routeless-node ctl status</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="119" />
            <source>Start the daemon's node</source>
            <translation>Node des Daemons starten</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="124" />
            <source>Stop the daemon's node</source>
            <translation>Node des Daemons stoppen</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="133" />
            <source>About</source>
            <translation>Über</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="135" />
            <source>Routeless %1</source>
            <translation>Routeless %1</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="140" />
            <source>Settings and profiles: %1</source>
            <translation>Einstellungen und Profile: %1</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="147" />
            <source>Agent: %1</source>
            <translation>Agent: %1</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="13" />
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="28" />
            <source>Start and close</source>
            <translation>Starten und Schließen</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="42" />
            <source>Closing the window keeps Routeless running in the tray</source>
            <translation>Schließen des Fensters lässt Routeless im Infobereich weiterlaufen</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="76" />
            <location filename="../qml/SettingsPage.qml" line="92" />
            <source>Follow the system</source>
            <translation>Wie das System</translation>
        </message>
    </context>
    <context>
        <name>ShareDialog</name>
        <message>
            <location filename="../qml/ShareDialog.qml" line="20" />
            <source>Share tunnel %1</source>
            <translation>Tunnel %1 teilen</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="34" />
            <source>Include the key (whoever gets it can use the tunnel)</source>
            <translation>Schlüssel einschließen (wer ihn erhält, kann den Tunnel nutzen)</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="43" />
            <source>Tunnel URL</source>
            <translation>Tunnel-URL</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="47" />
            <source>Copy URL</source>
            <translation>URL kopieren</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="62" />
            <source>QR code of the tunnel URL</source>
            <translation>QR-Code der Tunnel-URL</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="67" />
            <source>This build has no QR codes (libqrencode was not found).</source>
            <translation>Dieser Build hat keine QR-Codes (libqrencode wurde nicht gefunden).</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="74" />
            <source>Without the key, give it to the other side another way; they enter it in the tunnel's Key field.</source>
            <translation>Ohne Schlüssel: Geben Sie ihn der Gegenseite auf anderem Weg; sie trägt ihn im Feld „Schlüssel“ des Tunnels ein.</translation>
        </message>
    </context>
    <context>
        <name>SpeedTestCard</name>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="20" />
            <source>Speed test</source>
            <translation>Geschwindigkeitstest</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="25" />
            <source>Run again</source>
            <translation>Erneut ausführen</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="26" />
            <source>Run the speed test from %1 to %2 again</source>
            <translation>Geschwindigkeitstest von %1 nach %2 erneut ausführen</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="32" />
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="33" />
            <source>Close the speed test result</source>
            <translation>Ergebnis des Geschwindigkeitstests schließen</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="44" />
            <source>Speed test running</source>
            <translation>Geschwindigkeitstest läuft</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="69" />
            <source>Latency</source>
            <translation>Latenz</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="70" />
            <location filename="../qml/SpeedTestCard.qml" line="71" />
            <source>%1 → %2</source>
            <translation>%1 → %2</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="72" />
            <source>Path</source>
            <translation>Pfad</translation>
        </message>
    </context>
    <context>
        <name>SpeedTestView</name>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="11" />
            <source>Testing %1 → %2: connects, then %3 s each way…</source>
            <translation>Teste %1 → %2: Verbindungen, dann %3 s in jede Richtung …</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="29" />
            <source>Speed test %1 → %2 failed: %3</source>
            <translation>Geschwindigkeitstest %1 → %2 fehlgeschlagen: %3</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="33" />
            <source>Speed test %1 → %2</source>
            <translation>Geschwindigkeitstest %1 → %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="35" />
            <source>%1 (min %2, max %3, %4 connects)</source>
            <translation>%1 (min. %2, max. %3, %4 Verbindungen)</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="44" />
            <source>%1 Gbit/s</source>
            <translation>%1 Gbit/s</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="45" />
            <source>%1 Mbit/s</source>
            <translation>%1 Mbit/s</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="46" />
            <source>%1 kbit/s</source>
            <translation>%1 kbit/s</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="50" />
            <location filename="../app/desktop/speedtestview.cpp" line="51" />
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
    </context>
    <context>
        <name>TunnelDialog</name>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="17" />
            <source>Add tunnel</source>
            <translation>Tunnel hinzufügen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="70" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="75" />
            <source>e.g. office web</source>
            <translation>z. B. Büro-Web</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="83" />
            <source>Form</source>
            <translation>Formular</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="84" />
            <source>Raw URL</source>
            <translation>Roh-URL</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="96" />
            <location filename="../qml/TunnelDialog.qml" line="106" />
            <source>Role</source>
            <translation>Rolle</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="105" />
            <source>Device link (serves the clients an M-PROXY relay announces)</source>
            <translation>Geräteverbindung (bedient die Clients, die ein M-PROXY-Relay meldet)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="112" />
            <location filename="../qml/TunnelDialog.qml" line="122" />
            <source>Key</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="112" />
            <source>Token</source>
            <translation>Token</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="120" />
            <source>the relay's device token</source>
            <translation>das Geräte-Token des Relays</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="133" />
            <source>Relay</source>
            <translation>Relay</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="158" />
            <location filename="../qml/TunnelDialog.qml" line="166" />
            <source>Device name</source>
            <translation>Gerätename</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="169" />
            <source>Targets</source>
            <translation>Ziele</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="176" />
            <source>KEY=HOST:PORT, e.g. app.example.com=127.0.0.1:8080 *=127.0.0.1:80</source>
            <translation>KEY=HOST:PORT, z. B. app.example.com=127.0.0.1:8080 *=127.0.0.1:80</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="169" />
            <source>Target</source>
            <translation>Ziel</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="183" />
            <location filename="../qml/TunnelDialog.qml" line="194" />
            <source>TLS</source>
            <translation>TLS</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="192" />
            <source>ws:// (plain)</source>
            <translation>ws:// (unverschlüsselt)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="192" />
            <source>wss:// (TLS)</source>
            <translation>wss:// (TLS)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="193" />
            <source>0: none</source>
            <translation>0: keins</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="193" />
            <source>1: self-signed</source>
            <translation>1: selbstsigniert</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="193" />
            <source>2: certificate</source>
            <translation>2: Zertifikat</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="242" />
            <source>Log</source>
            <translation>Protokoll</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="254" />
            <source>Pool min</source>
            <translation>Pool min.</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="304" />
            <source>Start with the profile</source>
            <translation>Mit dem Profil starten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="17" />
            <source>Edit tunnel %1</source>
            <translation>Tunnel %1 bearbeiten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="76" />
            <source>Tunnel name</source>
            <translation>Tunnelname</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="83" />
            <source>Edit with the form</source>
            <translation>Im Formular bearbeiten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="84" />
            <source>Edit the URL</source>
            <translation>URL bearbeiten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="103" />
            <source>Server (the side with the public address)</source>
            <translation>Server (die Seite mit der öffentlichen Adresse)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="104" />
            <source>Client (reaches a server)</source>
            <translation>Client (erreicht einen Server)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="121" />
            <source>shared secret; empty: derived from the port (anyone can connect)</source>
            <translation>gemeinsames Geheimnis; leer: aus dem Port abgeleitet (jeder kann sich verbinden)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="122" />
            <source>Device token</source>
            <translation>Gerätetoken</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="130" />
            <source>Show the key</source>
            <translation>Schlüssel anzeigen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="134" />
            <source>Listen on</source>
            <translation>Lauschen auf</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="134" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="141" />
            <source>Relay host</source>
            <translation>Relay-Host</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="142" />
            <source>Address the server listens on for the client</source>
            <translation>Adresse, auf der der Server für den Client lauscht</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="143" />
            <source>Server address</source>
            <translation>Serveradresse</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="154" />
            <source>Tunnel port</source>
            <translation>Tunnel-Port</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="177" />
            <source>HOST:PORT, more separated by commas</source>
            <translation>HOST:PORT, mehrere durch Kommas getrennt</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="178" />
            <source>Target addresses</source>
            <translation>Zieladressen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="197" />
            <location filename="../qml/TunnelDialog.qml" line="206" />
            <source>Mode</source>
            <translation>Modus</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="204" />
            <location filename="../qml/TunnelDialog.qml" line="205" />
            <source>Auto</source>
            <translation>Automatisch</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="204" />
            <source>Users come to the server</source>
            <translation>Benutzer kommen zum Server</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="204" />
            <source>Users come to the client</source>
            <translation>Benutzer kommen zum Client</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="205" />
            <source>Forwarder (no server)</source>
            <translation>Weiterleiter (ohne Server)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="205" />
            <source>Tunnel client</source>
            <translation>Tunnel-Client</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="210" />
            <source>Transport</source>
            <translation>Transport</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="217" />
            <source>TCP</source>
            <translation>TCP</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="217" />
            <source>QUIC (needs TLS)</source>
            <translation>QUIC (braucht TLS)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="217" />
            <source>WebSocket</source>
            <translation>WebSocket</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="217" />
            <source>HTTP/2 (needs TLS)</source>
            <translation>HTTP/2 (braucht TLS)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="218" />
            <source>Pool transport</source>
            <translation>Pool-Transport</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="221" />
            <source>PROXY header</source>
            <translation>PROXY-Header</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="228" />
            <source>None</source>
            <translation>Keiner</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="228" />
            <source>v1 (text)</source>
            <translation>v1 (Text)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="228" />
            <source>v2 (binary)</source>
            <translation>v2 (binär)</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="229" />
            <source>PROXY protocol header sent to the target</source>
            <translation>PROXY-Protokoll-Header an das Ziel</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="250" />
            <source>Log level</source>
            <translation>Protokollstufe</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="254" />
            <source>Pool max</source>
            <translation>Pool max.</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="263" />
            <source>Largest pool of connections</source>
            <translation>Größter Verbindungspool</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="264" />
            <source>Smallest pool of connections</source>
            <translation>Kleinster Verbindungspool</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="278" />
            <source>Tunnel URL</source>
            <translation>Tunnel-URL</translation>
        </message>
    </context>
    <context>
        <name>TunnelSides</name>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="17" />
            <source>TCP</source>
            <translation>TCP</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="19" />
            <source>QUIC</source>
            <translation>QUIC</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="21" />
            <source>WebSocket</source>
            <translation>WebSocket</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="23" />
            <source>HTTP/2</source>
            <translation>HTTP/2</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="32" />
            <source>Device link</source>
            <translation>Geräteverbindung</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="41" />
            <source>Listens on nothing here: the relay's listeners take the clients</source>
            <translation>Lauscht hier auf nichts: Die Listener des Relays nehmen die Clients an</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="42" />
            <source>Connects to the relay %1:%2, then to %3 for each client</source>
            <translation>Verbindet sich mit dem Relay %1:%2, dann für jeden Client mit %3</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="56" />
            <source>transport from the server</source>
            <translation>Transport vom Server</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="57" />
            <source>PROXY v%1</source>
            <translation>PROXY v%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="59" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="62" />
            <source>Listens on %1 for the client and on %2 for users</source>
            <translation>Lauscht auf %1 für den Client und auf %2 für Benutzer</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="63" />
            <source>Connects to nothing: the client connects to its target</source>
            <translation>Verbindet sich mit nichts: Der Client verbindet sich mit seinem Ziel</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="66" />
            <source>Listens on %1 for the client</source>
            <translation>Lauscht auf %1 für den Client</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="67" />
            <source>Connects to %1 for the client's users</source>
            <translation>Verbindet sich mit %1 für die Benutzer des Clients</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="70" />
            <source>Listens on %1 for the client, and on %2 for users if that address is free here</source>
            <translation>Lauscht auf %1 für den Client und auf %2 für Benutzer, falls diese Adresse hier frei ist</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="73" />
            <source>Otherwise connects to %1 for the client's users</source>
            <translation>Sonst verbindet er sich mit %1 für die Benutzer des Clients</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="76" />
            <source>Client</source>
            <translation>Client</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="79" />
            <source>Listens on %1 for users (no server: a plain forwarder)</source>
            <translation>Lauscht auf %1 für Benutzer (ohne Server: ein einfacher Weiterleiter)</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="80" />
            <source>Connects to %1</source>
            <translation>Verbindet sich mit %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="84" />
            <source>Listens on %1 for users when the server connects to its target</source>
            <translation>Lauscht auf %1 für Benutzer, wenn der Server sich mit seinem Ziel verbindet</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="85" />
            <source>Connects to the server at %1; connects to %2 when the server listens for users</source>
            <translation>Verbindet sich mit dem Server unter %1; verbindet sich mit %2, wenn der Server für Benutzer lauscht</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="90" />
            <source>Listens on %1 for users if that address is free here (then no server is needed)</source>
            <translation>Lauscht auf %1 für Benutzer, falls diese Adresse hier frei ist (dann ist kein Server nötig)</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="93" />
            <source>Otherwise connects to the server at %1; %2 is this side's target</source>
            <translation>Sonst verbindet er sich mit dem Server unter %1; %2 ist das Ziel dieser Seite</translation>
        </message>
    </context>
    <context>
        <name>TunnelsPage</name>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="101" />
            <source>%1 of %2 running</source>
            <translation>%1 von %2 laufen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="105" />
            <source>Add tunnel</source>
            <translation>Tunnel hinzufügen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="127" />
            <source>No tunnels in this profile</source>
            <translation>Keine Tunnel in diesem Profil</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="16" />
            <location filename="../qml/TunnelsPage.qml" line="100" />
            <source>Tunnels</source>
            <translation>Tunnel</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="138" />
            <source>Add a NodePass server or client, or a device link to an M-PROXY relay, with the form; or import NodePass URLs, np:// links or a NodePassDash backup on the Profiles screen.</source>
            <translation>Fügen Sie mit dem Formular einen NodePass-Server oder -Client oder eine Geräteverbindung zu einem M-PROXY-Relay hinzu, oder importieren Sie NodePass-URLs, np://-Links oder eine NodePassDash-Sicherung unter „Profile“.</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="221" />
            <location filename="../qml/TunnelsPage.qml" line="378" />
            <source>Start</source>
            <translation>Starten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="221" />
            <location filename="../qml/TunnelsPage.qml" line="383" />
            <source>Stop</source>
            <translation>Stoppen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="228" />
            <location filename="../qml/TunnelsPage.qml" line="388" />
            <source>Restart</source>
            <translation>Neu starten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="234" />
            <source>Ping</source>
            <translation>Ping</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="244" />
            <source>Edit</source>
            <translation>Bearbeiten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="74" />
            <location filename="../qml/TunnelsPage.qml" line="249" />
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="284" />
            <source>Ping %1</source>
            <translation>Ping %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="285" />
            <source>Pool %1</source>
            <translation>Pool %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="286" />
            <source>TCP %1 · UDP %2</source>
            <translation>TCP %1 · UDP %2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="287" />
            <source>Clients %1</source>
            <translation>Clients %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="288" />
            <source>↓ %1 ↑ %2</source>
            <translation>↓ %1 ↑ %2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="289" />
            <source>Restarts %1 · up %2</source>
            <translation>Neustarts %1 · läuft seit %2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="313" />
            <source>NodePass masters</source>
            <translation>NodePass-Master</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="314" />
            <source>Instances on the masters of this profile, kept in sync while it is shown</source>
            <translation>Instanzen auf den Mastern dieses Profils, synchron gehalten, solange es angezeigt wird</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="408" />
            <source>Ping %1 · Pool %2 · TCP/UDP %3 · ↓ %4 ↑ %5</source>
            <translation>Ping %1 · Pool %2 · TCP/UDP %3 · ↓ %4 ↑ %5</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="64" />
            <source>Disconnect %1?</source>
            <translation>%1 trennen?</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="65" />
            <source>Tunnel %1 belongs to %2, which is not connected. Starting it connects %2 and disconnects %3, with its tunnels and hosts.</source>
            <translation>Tunnel %1 gehört zu %2, das nicht verbunden ist. Ihn zu starten verbindet %2 und trennt %3 mit seinen Tunneln und Hosts.</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="67" />
            <source>Connect %1</source>
            <translation>%1 verbinden</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="72" />
            <source>Remove tunnel %1?</source>
            <translation>Tunnel %1 entfernen?</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="73" />
            <source>The tunnel leaves the profile and stops if it runs; the other tunnels keep running. You can undo this.</source>
            <translation>Der Tunnel verlässt das Profil und stoppt, falls er läuft; die anderen Tunnel laufen weiter. Sie können das rückgängig machen.</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="77" />
            <source>Removed tunnel %1.</source>
            <translation>Tunnel %1 entfernt.</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="89" />
            <source>Undo</source>
            <translation>Rückgängig</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="94" />
            <source>Tunnel %1 is back.</source>
            <translation>Tunnel %1 ist wieder da.</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="112" />
            <source>Test all</source>
            <translation>Alle testen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="113" />
            <source>Test every tunnel</source>
            <translation>Jeden Tunnel testen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="179" />
            <source>Tunnel %1, %2, %3</source>
            <translation>Tunnel %1, %2, %3</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="218" />
            <source>Actions for tunnel %1</source>
            <translation>Aktionen für Tunnel %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="222" />
            <source>Stop tunnel %1</source>
            <translation>Tunnel %1 stoppen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="223" />
            <source>Start tunnel %1</source>
            <translation>Tunnel %1 starten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="229" />
            <source>Restart tunnel %1</source>
            <translation>Tunnel %1 neu starten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="235" />
            <source>Ping the target of tunnel %1</source>
            <translation>Ziel von Tunnel %1 anpingen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="239" />
            <source>Share</source>
            <translation>Teilen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="240" />
            <source>Share tunnel %1</source>
            <translation>Tunnel %1 teilen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="38" />
            <location filename="../qml/TunnelsPage.qml" line="245" />
            <source>Edit tunnel %1</source>
            <translation>Tunnel %1 bearbeiten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="250" />
            <source>Remove tunnel %1</source>
            <translation>Tunnel %1 entfernen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="342" />
            <source>Master %1, %2</source>
            <translation>Master %1, %2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="342" />
            <source>Instance %1, %2</source>
            <translation>Instanz %1, %2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="375" />
            <source>Actions for instance %1</source>
            <translation>Aktionen für Instanz %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="379" />
            <source>Start instance %1</source>
            <translation>Instanz %1 starten</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="384" />
            <source>Stop instance %1</source>
            <translation>Instanz %1 stoppen</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="389" />
            <source>Restart instance %1</source>
            <translation>Instanz %1 neu starten</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ActivityMenuSection</name>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="195" />
            <source>Tunnel %1: %2</source>
            <translation>Tunnel %1: %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="176" />
            <source>Forward %1:%2 → %3:%4 on %5</source>
            <translation>Weiterleitung %1:%2 → %3:%4 auf %5</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="185" />
            <source>HTTP proxy of %1 on %2</source>
            <translation>HTTP-Proxy von %1 auf %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="188" />
            <source>SOCKS proxy of %1 on %2</source>
            <translation>SOCKS-Proxy von %1 auf %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="198" />
            <location filename="../app/desktop/trayicon.cpp" line="211" />
            <source>Start</source>
            <translation>Starten</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="201" />
            <location filename="../app/desktop/trayicon.cpp" line="215" />
            <source>Stop</source>
            <translation>Stoppen</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="208" />
            <source>%1 (stopped)</source>
            <translation>%1 (gestoppt)</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="219" />
            <source>Copy address %1</source>
            <translation>Adresse %1 kopieren</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::App</name>
        <message>
            <location filename="../app/desktop/app.cpp" line="94" />
            <source>The UI protocol is off.</source>
            <translation>Das UI-Protokoll ist aus.</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ConnectionController</name>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="97" />
            <source>Disconnected</source>
            <translation>Getrennt</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="99" />
            <source>Connecting</source>
            <translation>Verbinde</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="101" />
            <source>Connected</source>
            <translation>Verbunden</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="103" />
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="273" />
            <source>the mesh is not running</source>
            <translation>das Mesh läuft nicht</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="318" />
            <location filename="../app/desktop/connectioncontroller.cpp" line="320" />
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="329" />
            <source>tunnel %1: %2</source>
            <translation>Tunnel %1: %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="337" />
            <source>%1 of %2 hosts ready</source>
            <translation>%1 von %2 Hosts bereit</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="344" />
            <source>still not ready after %1 s</source>
            <translation>nach %1 s noch nicht bereit</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="373" />
            <source>Disconnected. Nothing is running.</source>
            <translation>Getrennt. Nichts läuft.</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="376" />
            <source>"%1" is still connecting.</source>
            <translation>„%1“ verbindet noch.</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="379" />
            <source>"%1" is connected: %2 of %3 hosts ready.</source>
            <translation>„%1“ ist verbunden: %2 von %3 Hosts bereit.</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="385" />
            <source>"%1" has a problem: %2</source>
            <translation>„%1“ hat ein Problem: %2</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ControlHost</name>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="25" />
            <source>Serving the UI protocol on 127.0.0.1:%1; UIs attached: %2</source>
            <translation>Stellt das UI-Protokoll auf 127.0.0.1:%1 bereit; verbundene UIs: %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="58" />
            <source>The UI protocol is off (--ui-port 0).</source>
            <translation>Das UI-Protokoll ist aus (--ui-port 0).</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="94" />
            <source>Looking for a daemon on 127.0.0.1:%1…</source>
            <translation>Suche einen Daemon auf 127.0.0.1:%1…</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="66" />
            <location filename="../app/desktop/controlhost.cpp" line="124" />
            <source>The UI protocol is off: %1</source>
            <translation>Das UI-Protokoll ist aus: %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="139" />
            <source>Attached to the daemon on 127.0.0.1:%1</source>
            <translation>Mit dem Daemon auf 127.0.0.1:%1 verbunden</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="169" />
            <source>Attached to the daemon on 127.0.0.1:%1; its node runs on port %2 (mesh %3, %4 of %5 tunnels running)</source>
            <translation>Mit dem Daemon auf 127.0.0.1:%1 verbunden; sein Node läuft auf Port %2 (Mesh %3, %4 von %5 Tunneln laufen)</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="173" />
            <source>running</source>
            <translation>läuft</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="173" />
            <source>stopped</source>
            <translation>gestoppt</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="178" />
            <source>Attached to the daemon on 127.0.0.1:%1; its node is not running</source>
            <translation>Mit dem Daemon auf 127.0.0.1:%1 verbunden; sein Node läuft nicht</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::HostCheck</name>
        <message>
            <location filename="../app/desktop/hostcheck.cpp" line="24" />
            <source>No answer within %1 s: the host may be unreachable, or the command waits for a password (the app cannot type one).</source>
            <translation>Keine Antwort innerhalb von %1 s: Der Host ist vielleicht nicht erreichbar, oder der Befehl wartet auf ein Passwort (die App kann keines eingeben).</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostcheck.cpp" line="33" />
            <source>%1 cannot be started here: %2. Install it or give its full path.</source>
            <translation>%1 lässt sich hier nicht starten: %2. Installieren Sie es oder geben Sie seinen vollständigen Pfad an.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostcheck.cpp" line="54" />
            <source>The command works and the agent answers: %1</source>
            <translation>Der Befehl funktioniert und der Agent antwortet: %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostcheck.cpp" line="55" />
            <source>The local agent answers: %1</source>
            <translation>Der lokale Agent antwortet: %1</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::HostModel</name>
        <message>
            <location filename="../app/desktop/hostmodel.cpp" line="14" />
            <source>Stopped</source>
            <translation>Gestoppt</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostmodel.cpp" line="16" />
            <source>Starting</source>
            <translation>Startet</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostmodel.cpp" line="18" />
            <source>Ready</source>
            <translation>Bereit</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostmodel.cpp" line="20" />
            <source>Restarting</source>
            <translation>Neustart</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostmodel.cpp" line="22" />
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::HostsController</name>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="171" />
            <source>Select or create a profile first.</source>
            <translation>Wählen oder erstellen Sie zuerst ein Profil.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="180" />
            <source>Command: %1</source>
            <translation>Befehl: %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="212" />
            <source>No such host.</source>
            <translation>Diesen Host gibt es nicht.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="229" />
            <source>Nothing to undo.</source>
            <translation>Nichts rückgängig zu machen.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="231" />
            <source>The profile of host %1 is gone.</source>
            <translation>Das Profil von Host %1 gibt es nicht mehr.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="236" />
            <source>Host %1 cannot come back: %2</source>
            <translation>Host %1 kann nicht zurückkommen: %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="288" />
            <source>the host you are editing</source>
            <translation>der Host, den Sie bearbeiten</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="85" />
            <source>connect the profile first</source>
            <translation>verbinden Sie zuerst das Profil</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="194" />
            <source>Port: %1</source>
            <translation>Port: %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="309" />
            <source>No profile is shown.</source>
            <translation>Es wird kein Profil angezeigt.</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="321" />
            <source>Checking…</source>
            <translation>Prüfe…</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="342" />
            <source>not connected</source>
            <translation>nicht verbunden</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="346" />
            <source>no TCP port to test</source>
            <translation>kein TCP-Port zum Testen</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="349" />
            <source>testing…</source>
            <translation>teste…</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="364" />
            <source>unreachable</source>
            <translation>nicht erreichbar</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="364" />
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::MasterModel</name>
        <message>
            <location filename="../app/desktop/mastermodel.cpp" line="56" />
            <source>Connecting</source>
            <translation>Verbinde</translation>
        </message>
        <message>
            <location filename="../app/desktop/mastermodel.cpp" line="57" />
            <source>Live</source>
            <translation>Live</translation>
        </message>
        <message>
            <location filename="../app/desktop/mastermodel.cpp" line="58" />
            <location filename="../app/desktop/mastermodel.cpp" line="60" />
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../app/desktop/mastermodel.cpp" line="59" />
            <source>Running</source>
            <translation>Läuft</translation>
        </message>
        <message>
            <location filename="../app/desktop/mastermodel.cpp" line="61" />
            <source>Stopped</source>
            <translation>Gestoppt</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::MeshEngine</name>
        <message>
            <location filename="../app/desktop/meshengine.cpp" line="79" />
            <source>the mesh is shut down</source>
            <translation>das Mesh ist heruntergefahren</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ProfileImport</name>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="26" />
            <source>address %1 → %2</source>
            <translation>Adresse %1 → %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="27" />
            <source>command</source>
            <translation>Befehl</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="28" />
            <source>ports</source>
            <translation>Ports</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="29" />
            <source>loopback</source>
            <translation>Loopback</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="30" />
            <source>settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="137" />
            <source>Cannot read %1: %2</source>
            <translation>%1 kann nicht gelesen werden: %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="143" />
            <location filename="../app/desktop/profileimport.cpp" line="147" />
            <source>%1 is too large to be a QR code image.</source>
            <translation>%1 ist zu groß für ein QR-Code-Bild.</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="150" />
            <source>Nothing was imported from %1: %2</source>
            <translation>Aus %1 wurde nichts importiert: %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="154" />
            <source>%1 is too large to be a profile.</source>
            <translation>%1 ist zu groß für ein Profil.</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="161" />
            <source>The clipboard is empty.</source>
            <translation>Die Zwischenablage ist leer.</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="167" />
            <source>Imported</source>
            <translation>Importiert</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="170" />
            <location filename="../app/desktop/profileimport.cpp" line="204" />
            <location filename="../app/desktop/profileimport.cpp" line="224" />
            <location filename="../app/desktop/profileimport.cpp" line="233" />
            <source>Nothing was imported. %1</source>
            <translation>Es wurde nichts importiert. %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="174" />
            <source>Nothing was imported: %1 holds no profile.</source>
            <translation>Nichts wurde importiert: %1 enthält kein Profil.</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="188" />
            <source>It cannot go into "%1": %2</source>
            <translation>Es kann nicht in „%1“ übernommen werden: %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="194" />
            <source>Nothing to import.</source>
            <translation>Nichts zu importieren.</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="201" />
            <source>No profile is shown to import into.</source>
            <translation>Es wird kein Profil angezeigt, in das importiert werden kann.</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ProfileMenuSection</name>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="147" />
            <source>No profiles</source>
            <translation>Keine Profile</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ProfileModel</name>
        <message numerus="yes">
            <location filename="../app/desktop/profilemodel.cpp" line="34" />
            <source>%n host(s)</source>
            <translation>
                <numerusform>%n Host</numerusform>
                <numerusform>%n Hosts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/profilemodel.cpp" line="35" />
            <source>%n tunnel(s)</source>
            <translation>
                <numerusform>%n Tunnel</numerusform>
                <numerusform>%n Tunnel</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/profilemodel.cpp" line="36" />
            <source>%n master(s)</source>
            <translation>
                <numerusform>%n Master</numerusform>
                <numerusform>%n Master</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ProfilesController</name>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="85" />
            <location filename="../app/desktop/profilescontroller.cpp" line="106" />
            <source>A profile needs a name.</source>
            <translation>Ein Profil braucht einen Namen.</translation>
        </message>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="96" />
            <location filename="../app/desktop/profilescontroller.cpp" line="105" />
            <location filename="../app/desktop/profilescontroller.cpp" line="114" />
            <location filename="../app/desktop/profilescontroller.cpp" line="148" />
            <location filename="../app/desktop/profilescontroller.cpp" line="174" />
            <source>No such profile.</source>
            <translation>Dieses Profil gibt es nicht.</translation>
        </message>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="98" />
            <source>%1 copy</source>
            <translation>%1 Kopie</translation>
        </message>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="129" />
            <source>Nothing to undo.</source>
            <translation>Nichts rückgängig zu machen.</translation>
        </message>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="150" />
            <source>No earlier version to restore: %1</source>
            <translation>Keine frühere Version zum Wiederherstellen: %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="180" />
            <source>Cannot write %1: %2</source>
            <translation>%1 kann nicht geschrieben werden: %2</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::TrayIcon</name>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="106" />
            <source>Routeless: %1</source>
            <translation>Routeless: %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="107" />
            <source>Routeless: %1 (%2)</source>
            <translation>Routeless: %1 (%2)</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="119" />
            <source>Routeless — %1</source>
            <translation>Routeless — %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="134" />
            <source>Show window</source>
            <translation>Fenster anzeigen</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="137" />
            <source>Quit</source>
            <translation>Beenden</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="125" />
            <source>Disconnect %1</source>
            <translation>%1 trennen</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="131" />
            <source>Open Logs</source>
            <translation>Protokolle öffnen</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::TunnelForm</name>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="71" />
            <source>%1 runs inside TLS, so TLS is set to 1 (self-signed certificate), as NodePass does.</source>
            <translation>%1 läuft innerhalb von TLS, daher ist TLS auf 1 gesetzt (selbstsigniertes Zertifikat), wie bei NodePass.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="152" />
            <source>The tunnel port must be 1-65535.</source>
            <translation>Der Tunnel-Port muss zwischen 1 und 65535 liegen.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="155" />
            <source>The key must not contain '@' or '/'.</source>
            <translation>Der Schlüssel darf weder „@“ noch „/“ enthalten.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="164" />
            <source>Target "%1": %2</source>
            <translation>Ziel „%1“: %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="168" />
            <source>Enter the target, e.g. 127.0.0.1:8080.</source>
            <translation>Geben Sie das Ziel ein, z. B. 127.0.0.1:8080.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="181" />
            <source>%1 runs inside TLS: choose TLS 1 or 2, or the TCP or WebSocket transport.</source>
            <translation>%1 läuft innerhalb von TLS: Wählen Sie TLS 1 oder 2 oder den TCP- oder WebSocket-Transport.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="188" />
            <source>The pool size must be 1-65536.</source>
            <translation>Die Poolgröße muss 1-65536 sein.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="201" />
            <source>Enter the relay's host.</source>
            <translation>Geben Sie den Host des Relays ein.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="203" />
            <source>The relay port must be 1-65535.</source>
            <translation>Der Relay-Port muss 1-65535 sein.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="210" />
            <source>A device link needs the relay's token.</source>
            <translation>Eine Geräteverbindung braucht das Token des Relays.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="214" />
            <source>The device name is 1-64 letters, digits, '.', '_' or '-'.</source>
            <translation>Der Gerätename besteht aus 1-64 Buchstaben, Ziffern, '.', '_' oder '-'.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="224" />
            <source>Add at least one target, e.g. *=127.0.0.1:8080</source>
            <translation>Fügen Sie mindestens ein Ziel hinzu, z. B. *=127.0.0.1:8080</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="273" />
            <source>A tunnel URL starts with server://, client:// or device://</source>
            <translation>Eine Tunnel-URL beginnt mit server://, client:// oder device://</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::TunnelModel</name>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="124" />
            <source>unreachable</source>
            <translation>nicht erreichbar</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="35" />
            <source>Stopped</source>
            <translation>Gestoppt</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="37" />
            <source>Starting</source>
            <translation>Startet</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="39" />
            <source>Waiting</source>
            <translation>Wartet</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="41" />
            <source>Running</source>
            <translation>Läuft</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="43" />
            <source>Restarting</source>
            <translation>Neustart</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="45" />
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::TunnelsController</name>
        <message>
            <location filename="../app/desktop/tunnelscontroller.cpp" line="46" />
            <source>Select or create a profile first.</source>
            <translation>Wählen oder erstellen Sie zuerst ein Profil.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelscontroller.cpp" line="68" />
            <source>No such tunnel.</source>
            <translation>Diesen Tunnel gibt es nicht.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelscontroller.cpp" line="80" />
            <source>Nothing to undo.</source>
            <translation>Nichts rückgängig zu machen.</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelscontroller.cpp" line="82" />
            <source>The profile of tunnel %1 is gone.</source>
            <translation>Das Profil von Tunnel %1 gibt es nicht mehr.</translation>
        </message>
    </context>
</TS>
