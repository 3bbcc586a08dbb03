import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Add or edit a tunnel (NodePass server or client, or an M-PROXY device link). The form and the
// raw URL are two views of one TunnelForm: what is typed in either shows in the other. It starts
// from working defaults and says which side listens and which connects.
AppDialog {
    id: dialog
    property int row: -1
    // Errors show once the user has changed something or tried to save.
    property bool touched: false
    readonly property alias form: tunnelForm
    readonly property bool isDevice: tunnelForm.role === TunnelForm.Device

    title: row < 0 ? qsTr("Add tunnel") : qsTr("Edit tunnel %1").arg(nameField.text)
    width: Math.min(660, (parent ? parent.width : 660) - 40)
    initialFocus: nameField
    standardButtons: Dialog.Save | Dialog.Cancel

    TunnelForm {
        id: tunnelForm
        onChanged: dialog.refreshRaw()
    }

    function refreshRaw() {
        if (!rawField.activeFocus)
            rawField.text = tunnelForm.url
    }

    function openFor(r) {
        row = r
        touched = false
        saveError.text = ""
        modeBar.currentIndex = 0
        if (r >= 0) {
            tunnelForm.url = App.tunnels.url(r)
            nameField.text = App.tunnels.name(r)
            autostartBox.checked = App.tunnels.autostart(r)
        } else {
            tunnelForm.reset(TunnelForm.Server)
            nameField.text = ""
            autostartBox.checked = true
        }
        refreshRaw()
        open()
    }

    onAccepted: {
        touched = true
        const err = tunnelForm.error.length > 0 ? tunnelForm.error
                  : App.tunnels.save(row, nameField.text, tunnelForm.url, autostartBox.checked)
        if (err.length > 0) {
            saveError.text = err
            open()
        }
    }

    function fieldError(name) {
        return dialog.touched && tunnelForm.errorField === name
    }

    ColumnLayout {
        width: parent.width
        spacing: 10

        RowLayout {
            Layout.fillWidth: true
            Label { text: qsTr("Name"); Layout.preferredWidth: 90 }
            TextField {
                id: nameField
                objectName: "tunnelName"
                Layout.fillWidth: true
                placeholderText: qsTr("e.g. office web")
                Accessible.name: qsTr("Tunnel name")
            }
        }

        TabBar {
            id: modeBar
            Layout.fillWidth: true
            TabButton { text: qsTr("Form"); Accessible.name: qsTr("Edit with the form") }
            TabButton { text: qsTr("Raw URL"); Accessible.name: qsTr("Edit the URL") }
            onCurrentIndexChanged: dialog.refreshRaw()
        }

        StackLayout {
            Layout.fillWidth: true
            currentIndex: modeBar.currentIndex

            GridLayout {
                columns: 4
                columnSpacing: 10
                rowSpacing: 8
                Label { text: qsTr("Role") }
                ComboBox {
                    id: roleBox
                    objectName: "tunnelRole"
                    Layout.columnSpan: 3
                    Layout.fillWidth: true
                    currentIndex: tunnelForm.role
                    model: [qsTr("Server (the side with the public address)"),
                            qsTr("Client (reaches a server)"),
                            qsTr("Device link (serves the clients an M-PROXY relay announces)")]
                    Accessible.name: qsTr("Role")
                    onActivated: function(i) {
                        dialog.touched = true
                        tunnelForm.role = i
                    }
                }
                Label { text: dialog.isDevice ? qsTr("Token") : qsTr("Key") }
                TextField {
                    id: keyField
                    objectName: "tunnelKey"
                    Layout.columnSpan: 3
                    Layout.fillWidth: true
                    echoMode: showKey.checked ? TextInput.Normal : TextInput.Password
                    text: tunnelForm.key
                    placeholderText: dialog.isDevice ? qsTr("the relay's device token")
                                                     : qsTr("shared secret; empty: derived from the port (anyone can connect)")
                    Accessible.name: dialog.isDevice ? qsTr("Device token") : qsTr("Key")
                    onTextEdited: { dialog.touched = true; tunnelForm.key = text }
                    color: dialog.fieldError("key") ? Theme.bad : Theme.text
                }
                Item { implicitWidth: 1 }
                CheckBox {
                    id: showKey
                    Layout.columnSpan: 3
                    text: qsTr("Show the key")
                }
                Label {
                    text: dialog.isDevice ? qsTr("Relay")
                        : tunnelForm.role === TunnelForm.Server ? qsTr("Listen on") : qsTr("Server")
                }
                TextField {
                    id: tunnelHost
                    objectName: "tunnelHost"
                    Layout.fillWidth: true
                    text: tunnelForm.tunnelHost
                    Accessible.name: dialog.isDevice ? qsTr("Relay host")
                        : tunnelForm.role === TunnelForm.Server ? qsTr("Address the server listens on for the client")
                                                                : qsTr("Server address")
                    onTextEdited: { dialog.touched = true; tunnelForm.tunnelHost = text }
                    color: dialog.fieldError("tunnelHost") ? Theme.bad : Theme.text
                }
                Label { text: ":" }
                TextField {
                    id: tunnelPort
                    objectName: "tunnelPort"
                    Layout.preferredWidth: 90
                    text: tunnelForm.tunnelPort
                    inputMethodHints: Qt.ImhDigitsOnly
                    Accessible.name: qsTr("Tunnel port")
                    onTextEdited: { dialog.touched = true; tunnelForm.tunnelPort = text }
                    color: dialog.fieldError("tunnelPort") ? Theme.bad : Theme.text
                }
                Label { text: qsTr("Device name"); visible: dialog.isDevice }
                TextField {
                    id: deviceName
                    objectName: "deviceName"
                    visible: dialog.isDevice
                    Layout.columnSpan: 3
                    Layout.fillWidth: true
                    text: tunnelForm.deviceName
                    Accessible.name: qsTr("Device name")
                    onTextEdited: { dialog.touched = true; tunnelForm.deviceName = text }
                }
                Label { text: dialog.isDevice ? qsTr("Targets") : qsTr("Target") }
                TextField {
                    id: targetsField
                    objectName: "tunnelTargets"
                    Layout.columnSpan: 3
                    Layout.fillWidth: true
                    text: tunnelForm.targets
                    placeholderText: dialog.isDevice ? qsTr("KEY=HOST:PORT, e.g. app.example.com=127.0.0.1:8080 *=127.0.0.1:80")
                                                     : qsTr("HOST:PORT, more separated by commas")
                    Accessible.name: qsTr("Target addresses")
                    onTextEdited: { dialog.touched = true; tunnelForm.targets = text }
                    color: dialog.fieldError("targets") ? Theme.bad : Theme.text
                }
                Label {
                    text: qsTr("TLS")
                    visible: tunnelForm.role !== TunnelForm.Client
                    color: dialog.fieldError("tls") ? Theme.bad : Theme.text
                }
                ComboBox {
                    id: tlsBox
                    visible: tunnelForm.role !== TunnelForm.Client
                    Layout.fillWidth: true
                    currentIndex: tunnelForm.tls
                    model: dialog.isDevice ? [qsTr("ws:// (plain)"), qsTr("wss:// (TLS)")]
                                           : [qsTr("0: none"), qsTr("1: self-signed"), qsTr("2: certificate")]
                    Accessible.name: qsTr("TLS")
                    onActivated: function(i) { dialog.touched = true; tunnelForm.tls = i }
                }
                Label { text: qsTr("Mode"); visible: !dialog.isDevice }
                ComboBox {
                    id: modeBox
                    visible: !dialog.isDevice
                    Layout.fillWidth: true
                    currentIndex: tunnelForm.mode
                    model: tunnelForm.role === TunnelForm.Server
                           ? [qsTr("Auto"), qsTr("Users come to the server"), qsTr("Users come to the client")]
                           : [qsTr("Auto"), qsTr("Forwarder (no server)"), qsTr("Tunnel client")]
                    Accessible.name: qsTr("Mode")
                    onActivated: function(i) { tunnelForm.mode = i }
                }
                // A server picks the pool transport; a client takes the server's.
                Label { text: qsTr("Transport"); visible: tunnelForm.role === TunnelForm.Server }
                ComboBox {
                    id: transportBox
                    objectName: "tunnelTransport"
                    visible: tunnelForm.role === TunnelForm.Server
                    Layout.fillWidth: true
                    currentIndex: tunnelForm.transport
                    model: [qsTr("TCP"), qsTr("QUIC (needs TLS)"), qsTr("WebSocket"), qsTr("HTTP/2 (needs TLS)")]
                    Accessible.name: qsTr("Pool transport")
                    onActivated: function(i) { dialog.touched = true; tunnelForm.transport = i }
                }
                Label { text: qsTr("PROXY header"); visible: !dialog.isDevice }
                ComboBox {
                    id: proxyBox
                    objectName: "tunnelProxy"
                    visible: !dialog.isDevice
                    Layout.fillWidth: true
                    currentIndex: tunnelForm.proxy
                    model: [qsTr("None"), qsTr("v1 (text)"), qsTr("v2 (binary)")]
                    Accessible.name: qsTr("PROXY protocol header sent to the target")
                    onActivated: function(i) { dialog.touched = true; tunnelForm.proxy = i }
                }
                Label {
                    objectName: "tunnelNote"
                    visible: tunnelForm.note.length > 0 && !dialog.isDevice
                    Layout.columnSpan: 4
                    Layout.fillWidth: true
                    text: tunnelForm.note
                    wrapMode: Text.WordWrap
                    color: Theme.subtext
                    font.pixelSize: Theme.fontLabel
                }
                Label { text: qsTr("Log"); visible: !dialog.isDevice }
                ComboBox {
                    id: logBox
                    visible: !dialog.isDevice
                    Layout.fillWidth: true
                    readonly property var levels: ["info", "debug", "warn", "error", "event", "none"]
                    model: levels
                    currentIndex: Math.max(0, levels.indexOf(tunnelForm.logLevel))
                    Accessible.name: qsTr("Log level")
                    onActivated: function(i) { tunnelForm.logLevel = levels[i] }
                }
                Label {
                    text: tunnelForm.role === TunnelForm.Server ? qsTr("Pool max") : qsTr("Pool min")
                    visible: !dialog.isDevice
                }
                TextField {
                    id: poolField
                    visible: !dialog.isDevice
                    Layout.fillWidth: true
                    text: tunnelForm.pool
                    inputMethodHints: Qt.ImhDigitsOnly
                    Accessible.name: tunnelForm.role === TunnelForm.Server ? qsTr("Largest pool of connections")
                                                                           : qsTr("Smallest pool of connections")
                    onTextEdited: { dialog.touched = true; tunnelForm.pool = text }
                    color: dialog.fieldError("pool") ? Theme.bad : Theme.text
                }
            }

            TextArea {
                id: rawField
                objectName: "tunnelRaw"
                Layout.fillWidth: true
                Layout.preferredHeight: 90
                wrapMode: TextEdit.WrapAnywhere
                font.family: Theme.mono
                placeholderText: "server://key@0.0.0.0:10101/127.0.0.1:8080?tls=1"
                Accessible.name: qsTr("Tunnel URL")
                onTextChanged: if (activeFocus) { dialog.touched = true; tunnelForm.url = text }
            }
        }

        // Which side listens and which connects.
        Label {
            objectName: "tunnelListens"
            Layout.fillWidth: true
            visible: tunnelForm.listens.length > 0
            text: "⇤ " + tunnelForm.listens
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: Theme.fontLabel
        }
        Label {
            Layout.fillWidth: true
            visible: tunnelForm.connects.length > 0
            text: "→ " + tunnelForm.connects
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: Theme.fontLabel
        }

        CheckBox {
            id: autostartBox
            text: qsTr("Start with the profile")
            FocusRing { target: autostartBox }
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: urlLabel.implicitHeight + 16
            radius: Theme.smallRadius
            readonly property bool showError: tunnelForm.error.length > 0 && dialog.touched
            color: showError ? Qt.rgba(Theme.bad.r, Theme.bad.g, Theme.bad.b, 0.1) : Theme.surfaceAlt
            Label {
                id: urlLabel
                objectName: "tunnelUrlPreview"
                anchors.fill: parent
                anchors.margins: 8
                wrapMode: Text.WrapAnywhere
                font.family: Theme.mono
                font.pixelSize: Theme.fontLabel
                color: parent.showError ? Theme.bad : (tunnelForm.error.length > 0 ? Theme.subtext : Theme.text)
                text: tunnelForm.error.length > 0 ? tunnelForm.error : tunnelForm.maskedUrl
                Accessible.role: parent.showError ? Accessible.AlertMessage : Accessible.StaticText
                Accessible.name: text
            }
        }
        Label {
            id: saveError
            Layout.fillWidth: true
            visible: text.length > 0
            color: Theme.bad
            wrapMode: Text.WordWrap
        }
    }
}
