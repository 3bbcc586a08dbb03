import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Add or edit one mesh host: name, VIP, launch command (with presets for ssh, docker and
// kubectl; ssh with a key file and a jump host), its port forwards and whether the agent is
// copied to the host when it lacks it. Saving restarts only this host when it is connected.
AppDialog {
    id: dialog
    property int row: -1

    title: row < 0 ? qsTr("Add host") : qsTr("Edit host %1").arg(nameField.text)
    width: Math.min(640, (parent ? parent.width : 640) - 40)
    initialFocus: nameField
    standardButtons: Dialog.Save | Dialog.Cancel

    readonly property var kinds: ["local", "ssh", "docker", "kubectl"]

    function openFor(r) {
        row = r
        errorLabel.text = ""
        const d = r >= 0 ? App.hosts.details(r) : ({})
        nameField.text = d.name || ""
        vipField.text = d.vip || App.hosts.suggestVip()
        commandField.text = d.command || ""
        portsField.text = d.ports || ""
        // A new host on this machine beside another local one must not take its addresses.
        loopbackBox.checked = r >= 0 ? (d.loopbackDisable || false) : App.hosts.loopbackDisableByDefault(-1, "")
        zeroInstallBox.checked = d.zeroInstall || false
        presetBox.currentIndex = 0
        targetField.text = ""
        keyField.text = ""
        jumpField.text = ""
        open()
    }

    function applyPreset() {
        commandField.text = App.hosts.commandPreset(kinds[presetBox.currentIndex], targetField.text,
                                                    keyField.text, jumpField.text)
    }

    // Picking a kind of host sets the copy-the-agent and loopback boxes to that kind's
    // defaults; typing the target afterwards leaves whatever the user chose.
    function applyKind() {
        zeroInstallBox.checked = App.hosts.zeroInstallByDefault(kinds[presetBox.currentIndex])
        applyPreset()
        loopbackBox.checked = App.hosts.loopbackDisableByDefault(dialog.row, commandField.text)
    }

    onAccepted: {
        const err = App.hosts.save(row, nameField.text, vipField.text, commandField.text,
                                   portsField.text, loopbackBox.checked, zeroInstallBox.checked)
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
            objectName: "hostName"
            Layout.fillWidth: true
            placeholderText: qsTr("e.g. laptop")
            Accessible.name: qsTr("Host name")
        }
        Label { text: qsTr("Virtual IP") }
        TextField {
            id: vipField
            objectName: "hostVip"
            Layout.fillWidth: true
            Accessible.name: qsTr("Virtual IP")
        }
        Label { text: qsTr("Launch") }
        RowLayout {
            Layout.fillWidth: true
            ComboBox {
                id: presetBox
                objectName: "hostKind"
                Layout.preferredWidth: 150
                model: [qsTr("Local agent"), "ssh", "docker exec", "kubectl exec"]
                Accessible.name: qsTr("Kind of host")
                onActivated: dialog.applyKind()
            }
            TextField {
                id: targetField
                objectName: "hostTarget"
                Layout.fillWidth: true
                enabled: presetBox.currentIndex > 0
                placeholderText: qsTr("user@host, container or pod")
                Accessible.name: qsTr("Host, container or pod")
                onTextEdited: dialog.applyPreset()
            }
        }
        Label {
            text: qsTr("Key file")
            visible: presetBox.currentIndex === 1
        }
        TextField {
            id: keyField
            visible: presetBox.currentIndex === 1
            Layout.fillWidth: true
            placeholderText: qsTr("optional, e.g. ~/.ssh/id_ed25519")
            Accessible.name: qsTr("ssh key file")
            onTextEdited: dialog.applyPreset()
        }
        Label {
            text: qsTr("Jump host")
            visible: presetBox.currentIndex === 1
        }
        TextField {
            id: jumpField
            visible: presetBox.currentIndex === 1
            Layout.fillWidth: true
            placeholderText: qsTr("optional, e.g. user@bastion")
            Accessible.name: qsTr("ssh jump host")
            onTextEdited: dialog.applyPreset()
        }
        Label { text: qsTr("Command") }
        TextField {
            id: commandField
            objectName: "hostCommand"
            Layout.fillWidth: true
            font.family: Theme.mono
            placeholderText: qsTr("empty: run the local agent")
            Accessible.name: qsTr("Launch command")
        }
        Label { text: qsTr("Ports") }
        TextField {
            id: portsField
            objectName: "hostPorts"
            Layout.fillWidth: true
            font.family: Theme.mono
            placeholderText: "8080:127.0.0.1:80, 5353:127.0.0.1:53/udp"
            Accessible.name: qsTr("Ports, LISTENPORT:HOST:PORT separated by commas")
        }
        Item { implicitWidth: 1 }
        CheckBox {
            id: loopbackBox
            objectName: "hostLoopback"
            Layout.fillWidth: true
            Accessible.name: qsTr("Do not listen on this machine's loopback")
            // The text is the box's own, so the style puts the indicator at the start (with no
            // text it centres the indicator, over the label).
            text: qsTr("Do not listen on this machine's loopback (for a second agent on the same machine)")
            contentItem: Label {
                leftPadding: loopbackBox.indicator.width + loopbackBox.spacing
                text: loopbackBox.text
                wrapMode: Text.WordWrap
                verticalAlignment: Text.AlignVCenter
                color: Theme.text
            }
            FocusRing { target: loopbackBox }
        }
        Item { implicitWidth: 1 }
        CheckBox {
            id: zeroInstallBox
            objectName: "hostZeroInstall"
            Layout.fillWidth: true
            Accessible.name: qsTr("Copy the agent to this host when it lacks it")
            ToolTip.visible: hovered
            ToolTip.delay: 600
            ToolTip.text: qsTr("Before starting, look for the agent on the host and upload the matching build through the launch command when it is missing (the manifest's zeroInstall key).")
            // The text is the box's own, so the style puts the indicator at the start (with no
            // text it centres the indicator, over the label).
            text: qsTr("Copy the agent to this host when it lacks it")
            contentItem: Label {
                leftPadding: zeroInstallBox.indicator.width + zeroInstallBox.spacing
                text: zeroInstallBox.text
                wrapMode: Text.WordWrap
                verticalAlignment: Text.AlignVCenter
                color: Theme.text
            }
            FocusRing { target: zeroInstallBox }
        }
        Label {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            readonly property string conflict: dialog.opened
                ? App.hosts.conflictIfSaved(dialog.row, nameField.text, commandField.text, loopbackBox.checked) : ""
            visible: conflict.length > 0
            text: conflict
            color: Theme.warn
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLabel
        }
        Label {
            id: errorLabel
            objectName: "hostError"
            Layout.columnSpan: 2
            Layout.fillWidth: true
            visible: text.length > 0
            color: Theme.bad
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }
}
