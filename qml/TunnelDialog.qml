import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Add or edit a tunnel (NodePass server or client, or an M-PROXY device link): a form that
// builds and validates the URL field by field, or a raw URL.
Dialog {
    id: dialog
    property int row: -1
    property string builtUrl: ""
    property string buildError: ""
    readonly property alias tunnelPortField: tunnelPort
    readonly property alias targetHostField: targetHost
    readonly property alias targetPortField: targetPort
    readonly property alias roleField: roleBox
    readonly property alias keyInput: keyField
    readonly property alias tunnelHostField: tunnelHost
    readonly property alias deviceNameField: deviceName
    readonly property alias deviceTargetsField: deviceTargets
    readonly property bool isDevice: roleBox.currentIndex === 2

    title: row < 0 ? qsTr("Add tunnel") : qsTr("Edit tunnel")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: 620
    standardButtons: Dialog.Save | Dialog.Cancel

    function rebuild() {
        if (modeBar.currentIndex === 1) {
            buildError = Backend.validateTunnelUrl(rawField.text)
            builtUrl = buildError.length === 0 ? rawField.text.trim() : ""
            return
        }
        const r = Backend.buildTunnelUrl({
            role: ["server", "client", "device"][roleBox.currentIndex],
            key: keyField.text,
            tunnelHost: tunnelHost.text,
            tunnelPort: tunnelPort.text,
            targetHost: targetHost.text,
            targetPort: targetPort.text,
            deviceName: deviceName.text,
            targets: deviceTargets.text,
            tls: roleBox.currentIndex !== 1 ? String(tlsBox.currentIndex) : "",
            log: logBox.currentText,
            min: minField.text,
            max: maxField.text
        })
        builtUrl = r.url
        buildError = r.error
    }

    function openFor(r) {
        row = r
        nameField.text = ""
        rawField.text = r >= 0 ? Backend.tunnelUrl(r) : ""
        modeBar.currentIndex = r >= 0 ? 1 : 0
        autostartBox.checked = true
        if (r >= 0)
            nameField.text = Backend.tunnelName(r)
        rebuild()
        open()
    }

    onAccepted: {
        const err = buildError.length > 0 ? buildError
                  : Backend.saveTunnel(row, nameField.text, builtUrl, autostartBox.checked)
        if (err.length > 0) {
            buildError = err
            open()
        }
    }

    ColumnLayout {
        width: parent.width
        spacing: 10

        RowLayout {
            Layout.fillWidth: true
            Label { text: qsTr("Name"); Layout.preferredWidth: 90 }
            TextField {
                id: nameField
                Layout.fillWidth: true
                placeholderText: qsTr("e.g. office web")
            }
        }

        TabBar {
            id: modeBar
            Layout.fillWidth: true
            TabButton { text: qsTr("Form") }
            TabButton { text: qsTr("Raw URL") }
            onCurrentIndexChanged: dialog.rebuild()
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
                    Layout.columnSpan: 3
                    Layout.fillWidth: true
                    model: [qsTr("Server (listens for clients, exposes the target)"),
                            qsTr("Client (connects to a server)"),
                            qsTr("Device link (serves the clients an M-PROXY relay announces)")]
                    onActivated: dialog.rebuild()
                }
                Label { text: dialog.isDevice ? qsTr("Token") : qsTr("Key") }
                TextField {
                    id: keyField
                    Layout.columnSpan: 3
                    Layout.fillWidth: true
                    echoMode: TextInput.Password
                    placeholderText: dialog.isDevice ? qsTr("the relay's device token") : qsTr("optional shared secret")
                    onTextEdited: dialog.rebuild()
                }
                Label { text: dialog.isDevice ? qsTr("Relay") : qsTr("Tunnel") }
                TextField {
                    id: tunnelHost
                    Layout.fillWidth: true
                    placeholderText: roleBox.currentIndex === 0 ? "0.0.0.0" : "relay.example.net"
                    onTextEdited: dialog.rebuild()
                }
                Label { text: ":" }
                TextField {
                    id: tunnelPort
                    objectName: "tunnelPort"
                    Layout.preferredWidth: 90
                    placeholderText: "10101"
                    validator: IntValidator { bottom: 1; top: 65535 }
                    onTextEdited: dialog.rebuild()
                }
                Label { text: qsTr("Device name"); visible: dialog.isDevice }
                TextField {
                    id: deviceName
                    objectName: "deviceName"
                    visible: dialog.isDevice
                    Layout.columnSpan: 3
                    Layout.fillWidth: true
                    placeholderText: "laptop"
                    onTextEdited: dialog.rebuild()
                }
                Label { text: qsTr("Targets"); visible: dialog.isDevice }
                TextField {
                    id: deviceTargets
                    objectName: "deviceTargets"
                    visible: dialog.isDevice
                    Layout.columnSpan: 3
                    Layout.fillWidth: true
                    placeholderText: qsTr("KEY=HOST:PORT, e.g. app.example.com=127.0.0.1:8080 *=127.0.0.1:80")
                    onTextEdited: dialog.rebuild()
                }
                Label { text: qsTr("Target"); visible: !dialog.isDevice }
                TextField {
                    id: targetHost
                    visible: !dialog.isDevice
                    objectName: "targetHost"
                    Layout.fillWidth: true
                    placeholderText: "127.0.0.1"
                    onTextEdited: dialog.rebuild()
                }
                Label { text: ":"; visible: !dialog.isDevice }
                TextField {
                    id: targetPort
                    objectName: "targetPort"
                    visible: !dialog.isDevice
                    Layout.preferredWidth: 90
                    placeholderText: "8080"
                    validator: IntValidator { bottom: 1; top: 65535 }
                    onTextEdited: dialog.rebuild()
                }
                Label { text: qsTr("TLS") }
                ComboBox {
                    id: tlsBox
                    enabled: roleBox.currentIndex !== 1
                    Layout.fillWidth: true
                    model: dialog.isDevice ? [qsTr("ws:// (plain)"), qsTr("wss:// (TLS)")]
                                           : [qsTr("0: none"), qsTr("1: self-signed"), qsTr("2: certificate")]
                    onActivated: dialog.rebuild()
                }
                Label { text: qsTr("Log"); visible: !dialog.isDevice }
                ComboBox {
                    id: logBox
                    visible: !dialog.isDevice
                    Layout.preferredWidth: 90
                    model: ["info", "debug", "warn", "error", "event", "none"]
                    onActivated: dialog.rebuild()
                }
                Label { text: qsTr("Pool min"); visible: !dialog.isDevice }
                TextField {
                    id: minField
                    visible: !dialog.isDevice
                    Layout.fillWidth: true
                    placeholderText: "64"
                    validator: IntValidator { bottom: 1; top: 65536 }
                    onTextEdited: dialog.rebuild()
                }
                Label { text: qsTr("max"); visible: !dialog.isDevice }
                TextField {
                    id: maxField
                    visible: !dialog.isDevice
                    Layout.preferredWidth: 90
                    placeholderText: "1024"
                    validator: IntValidator { bottom: 1; top: 65536 }
                    onTextEdited: dialog.rebuild()
                }
            }

            TextArea {
                id: rawField
                Layout.fillWidth: true
                Layout.preferredHeight: 80
                wrapMode: TextEdit.WrapAnywhere
                font.family: Theme.mono
                placeholderText: "server://key@0.0.0.0:10101/127.0.0.1:8080?log=info&tls=1"
                onTextChanged: dialog.rebuild()
            }
        }

        CheckBox {
            id: autostartBox
            text: qsTr("Start with the profile")
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: urlLabel.implicitHeight + 16
            radius: 6
            color: dialog.buildError.length > 0 ? Qt.rgba(Theme.bad.r, Theme.bad.g, Theme.bad.b, 0.1) : Theme.surfaceAlt
            Label {
                id: urlLabel
                anchors.fill: parent
                anchors.margins: 8
                wrapMode: Text.WrapAnywhere
                font.family: Theme.mono
                font.pixelSize: 12
                color: dialog.buildError.length > 0 ? Theme.bad : Theme.text
                text: dialog.buildError.length > 0 ? dialog.buildError
                                                   : dialog.builtUrl.replace(/\/\/[^@\/?]*@/, "//****@")
            }
        }
    }
}
