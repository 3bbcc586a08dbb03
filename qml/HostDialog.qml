import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Add or edit one mesh host: name, VIP, launch command (with presets) and its port forwards.
Dialog {
    id: dialog
    property int row: -1

    title: row < 0 ? qsTr("Add host") : qsTr("Edit host")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: 560
    standardButtons: Dialog.Save | Dialog.Cancel

    function openFor(r) {
        row = r
        errorLabel.text = ""
        const d = r >= 0 ? Backend.hostDetails(r) : ({})
        nameField.text = d.name || ""
        vipField.text = d.vip || Backend.suggestVip()
        commandField.text = d.command || ""
        portsField.text = d.ports || ""
        loopbackBox.checked = d.loopbackDisable || false
        presetBox.currentIndex = 0
        open()
    }

    onAccepted: {
        const err = Backend.saveHost(row, nameField.text, vipField.text, commandField.text,
                                     portsField.text, loopbackBox.checked)
        if (err.length > 0) {
            errorLabel.text = err
            open()
        }
    }

    GridLayout {
        width: parent.width
        columns: 2
        columnSpacing: 12
        rowSpacing: 10

        Label { text: qsTr("Name") }
        TextField {
            id: nameField
            Layout.fillWidth: true
            placeholderText: qsTr("e.g. laptop")
        }
        Label { text: qsTr("Virtual IP") }
        TextField {
            id: vipField
            Layout.fillWidth: true
            placeholderText: "127.0.42.1"
        }
        Label { text: qsTr("Launch") }
        RowLayout {
            Layout.fillWidth: true
            ComboBox {
                id: presetBox
                Layout.preferredWidth: 150
                model: [qsTr("Local agent"), "ssh", "docker exec", "kubectl exec"]
                onActivated: function(i) {
                    const kinds = ["local", "ssh", "docker", "kubectl"]
                    commandField.text = Backend.commandPreset(kinds[i], targetField.text)
                }
            }
            TextField {
                id: targetField
                Layout.fillWidth: true
                enabled: presetBox.currentIndex > 0
                placeholderText: qsTr("user@host, container or pod")
                onTextEdited: {
                    const kinds = ["local", "ssh", "docker", "kubectl"]
                    commandField.text = Backend.commandPreset(kinds[presetBox.currentIndex], text)
                }
            }
        }
        Label { text: qsTr("Command") }
        TextField {
            id: commandField
            Layout.fillWidth: true
            font.family: Theme.mono
            placeholderText: qsTr("empty: run the local agent")
        }
        Label { text: qsTr("Ports") }
        TextField {
            id: portsField
            Layout.fillWidth: true
            font.family: Theme.mono
            placeholderText: "8080:127.0.0.1:80, 5353:127.0.0.1:53/udp"
        }
        Item { implicitWidth: 1 }
        CheckBox {
            id: loopbackBox
            text: qsTr("Do not listen on this machine's loopback (for a second agent on the same machine)")
        }
        Label {
            id: errorLabel
            Layout.columnSpan: 2
            Layout.fillWidth: true
            visible: text.length > 0
            color: Theme.bad
            wrapMode: Text.WordWrap
        }
    }
}
