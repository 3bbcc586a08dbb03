<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>ListenConflict</name>
        <message numerus="yes">
            <location filename="../app/desktop/listenconflicts.cpp" line="54" />
            <source>All %n hosts, %1, run on this machine and would all listen on %2; only one of them can.</source>
            <translation>
                <numerusform>All %n hosts, %1, run on this machine and would all listen on %2; only one of them can.</numerusform>
                <numerusform>All %n hosts, %1, run on this machine and would all listen on %2; only one of them can.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/listenconflicts.cpp" line="43" />
            <source>%n more</source>
            <translation>
                <numerusform>%n more</numerusform>
                <numerusform>%n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ProfileImport</name>
        <message numerus="yes">
            <location filename="../app/desktop/profileimport.cpp" line="84" />
            <source>%n entry(s) already there stay as they are.</source>
            <translation>
                <numerusform>%n entry already there stays as it is.</numerusform>
                <numerusform>%n entries already there stay as they are.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ProfileModel</name>
        <message numerus="yes">
            <location filename="../app/desktop/profilemodel.cpp" line="34" />
            <source>%n host(s)</source>
            <translation>
                <numerusform>%n host</numerusform>
                <numerusform>%n hosts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/profilemodel.cpp" line="35" />
            <source>%n tunnel(s)</source>
            <translation>
                <numerusform>%n tunnel</numerusform>
                <numerusform>%n tunnels</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/profilemodel.cpp" line="36" />
            <source>%n master(s)</source>
            <translation>
                <numerusform>%n master</numerusform>
                <numerusform>%n masters</numerusform>
            </translation>
        </message>
    </context>
</TS>
