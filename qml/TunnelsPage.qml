import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Tunnels: the profile's NodePass servers and clients and M-PROXY device links, with state,
// which side listens and which connects, counters and a TCP ping of the target; the NodePass
// masters of the profile with their instances.
ScrollView {
    id: page
    objectName: "tunnelsPage"
    required property ConfirmDialog confirm
    contentWidth: availableWidth
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Tunnels")

    readonly property alias dialog: tunnelDialog

    TunnelDialog {
        id: tunnelDialog
        objectName: "tunnelDialog"
        // Saving rebuilds the rows, so the Edit button that opened the dialog is on its way
        // out: once the dialog has closed, the edited row's Edit button takes the focus, as a
        // keyboard user expects.
        onClosed: if (tunnelDialog.row >= 0) refocusEdit.restart()
    }
    Timer {
        id: refocusEdit
        interval: 0
        onTriggered: page.focusRowEdit(tunnelDialog.row)
    }

    function focusRowEdit(row) {
        const rowItem = tunnelRepeater.itemAt(row)
        if (!rowItem)
            return
        const wanted = qsTr("Edit tunnel %1").arg(App.tunnels.name(row))
        const stack = [rowItem]
        while (stack.length > 0) {
            const item = stack.pop()
            if (item.accessibleName === wanted && item.activeFocusOnTab !== undefined) {
                item.forceActiveFocus(Qt.PopupFocusReason)
                return
            }
            for (let i = 0; i < item.children.length; ++i)
                stack.push(item.children[i])
        }
    }

    ShareDialog {
        id: shareDialog
        objectName: "shareDialog"
    }

    // Starting a tunnel of a profile that is not connected connects it: ask first when that
    // disconnects another one.
    function startTunnel(row, name) {
        const other = App.connection.wouldDisconnect(App.profiles.currentId)
        if (other.length === 0 || App.tunnels.live) {
            App.tunnels.start(row)
            return
        }
        page.confirm.ask(qsTr("Disconnect %1?").arg(other),
                         qsTr("Tunnel %1 belongs to %2, which is not connected. Starting it connects %2 and disconnects %3, with its tunnels and hosts.")
                             .arg(name).arg(App.profiles.currentName).arg(other),
                         qsTr("Connect %1").arg(App.profiles.currentName),
                         function() { App.tunnels.start(row) })
    }

    function removeTunnel(row, name) {
        page.confirm.ask(qsTr("Remove tunnel %1?").arg(name),
                         qsTr("The tunnel leaves the profile and stops if it runs; the other tunnels keep running. You can undo this."),
                         qsTr("Remove"), function() {
                             const err = App.tunnels.remove(row)
                             message.isError = err.length > 0
                             message.text = err.length > 0 ? err : qsTr("Removed tunnel %1.").arg(name)
                         })
    }

    ColumnLayout {
        width: page.availableWidth
        spacing: Theme.gap

        MessageBar {
            id: message
            objectName: "tunnelsMessage"
            Layout.fillWidth: true
            undoText: App.tunnels.undoName.length > 0 && !message.isError ? qsTr("Undo") : ""
            onUndo: {
                const name = App.tunnels.undoName
                const err = App.tunnels.undoRemove()
                message.isError = err.length > 0
                message.text = err.length > 0 ? err : qsTr("Tunnel %1 is back.").arg(name)
            }
        }

        Card {
            Layout.fillWidth: true
            title: qsTr("Tunnels")
            subtitle: qsTr("%1 of %2 running").arg(App.tunnels.model.runningCount).arg(App.tunnels.model.count)
            actions: [
                AppButton {
                    objectName: "addTunnel"
                    text: qsTr("Add tunnel")
                    highlighted: true
                    enabled: App.profiles.currentId.length > 0
                    onClicked: tunnelDialog.openFor(-1)
                },
                AppButton {
                    objectName: "testTunnels"
                    text: qsTr("Test all")
                    accessibleName: qsTr("Test every tunnel")
                    enabled: App.tunnels.model.count > 0
                    onClicked: App.tunnels.pingAll()
                }
            ]

            ColumnLayout {
                visible: App.tunnels.model.count === 0
                Layout.fillWidth: true
                Layout.topMargin: 24
                Layout.bottomMargin: 24
                spacing: 6
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("No tunnels in this profile")
                    font.pixelSize: Theme.fontBody + 2
                    font.weight: Font.DemiBold
                    color: Theme.text
                }
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    Layout.maximumWidth: 520
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    color: Theme.subtext
                    text: qsTr("Add a NodePass server or client, or a device link to an M-PROXY relay, with the form; or import NodePass URLs, np:// links or a NodePassDash backup on the Profiles screen.")
                }
            }

            Repeater {
                id: tunnelRepeater
                objectName: "tunnelRepeater"
                model: App.tunnels.model
                delegate: Rectangle {
                    id: tunnelRow
                    required property int index
                    required property string name
                    required property string role
                    required property string roleText
                    required property string listens
                    required property string connects
                    required property string transport
                    required property string proxyHeader
                    required property string url
                    required property string target
                    required property int tunnelState
                    required property string stateText
                    required property int tone
                    required property int restarts
                    required property string uptime
                    required property string lastError
                    required property string pool
                    required property string ping
                    required property string tcp
                    required property string udp
                    required property string rx
                    required property string tx
                    required property var history
                    readonly property bool running: tunnelState !== TunnelModel.Stopped
                                                    && tunnelState !== TunnelModel.Failed

                    Layout.fillWidth: true
                    implicitHeight: tunnelLayout.implicitHeight + 2 * Theme.rowPad
                    radius: Theme.smallRadius
                    color: index % 2 === 0 ? Theme.surfaceAlt : Theme.surface
                    Accessible.role: Accessible.ListItem
                    Accessible.name: qsTr("Tunnel %1, %2, %3").arg(name).arg(roleText).arg(stateText)

                    ColumnLayout {
                        id: tunnelLayout
                        anchors.fill: parent
                        anchors.margins: Theme.rowPad
                        spacing: 4
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 10
                            StateBadge {
                                id: tunnelBadge
                                Layout.minimumWidth: implicitWidth
                                tone: tunnelRow.tone
                                label: tunnelRow.stateText
                            }
                            Label {
                                id: tunnelTitle
                                text: tunnelRow.name
                                font.weight: Font.DemiBold
                                color: Theme.text
                                elide: Text.ElideRight
                                Layout.maximumWidth: 240
                                // Elided only when even the folded actions would not fit.
                                Layout.minimumWidth: Math.min(implicitWidth, 80)
                            }
                            Label {
                                id: tunnelRoleTransport
                                objectName: "tunnelRoleTransport"
                                // "Server · QUIC · PROXY v2": the role, the pool transport and
                                // the PROXY header when there is one.
                                text: Array.from([tunnelRow.roleText, tunnelRow.transport, tunnelRow.proxyHeader])
                                      .filter(function(s) { return s.length > 0 }).join(" · ")
                                color: Theme.subtext
                                elide: Text.ElideRight
                                Layout.minimumWidth: Math.min(implicitWidth, 60)
                            }
                            RowActions {
                                // Fills the rest of the row: the buttons sit at its right end.
                                menuName: qsTr("Actions for tunnel %1").arg(tunnelRow.name)
                                actions: [
                                    RowAction {
                                        text: tunnelRow.running ? qsTr("Stop") : qsTr("Start")
                                        accessibleName: tunnelRow.running ? qsTr("Stop tunnel %1").arg(tunnelRow.name)
                                                                          : qsTr("Start tunnel %1").arg(tunnelRow.name)
                                        onTriggered: tunnelRow.running ? App.tunnels.stop(tunnelRow.index)
                                                                       : page.startTunnel(tunnelRow.index, tunnelRow.name)
                                    },
                                    RowAction {
                                        text: qsTr("Restart")
                                        accessibleName: qsTr("Restart tunnel %1").arg(tunnelRow.name)
                                        enabled: tunnelRow.running
                                        onTriggered: App.tunnels.restart(tunnelRow.index)
                                    },
                                    RowAction {
                                        text: qsTr("Ping")
                                        accessibleName: qsTr("Ping the target of tunnel %1").arg(tunnelRow.name)
                                        onTriggered: App.tunnels.ping(tunnelRow.index)
                                    },
                                    RowAction {
                                        text: qsTr("Share")
                                        accessibleName: qsTr("Share tunnel %1").arg(tunnelRow.name)
                                        onTriggered: shareDialog.openFor(tunnelRow.index, tunnelRow.name)
                                    },
                                    RowAction {
                                        text: qsTr("Edit")
                                        accessibleName: qsTr("Edit tunnel %1").arg(tunnelRow.name)
                                        onTriggered: tunnelDialog.openFor(tunnelRow.index)
                                    },
                                    RowAction {
                                        text: qsTr("Remove")
                                        accessibleName: qsTr("Remove tunnel %1").arg(tunnelRow.name)
                                        destructive: true
                                        onTriggered: page.removeTunnel(tunnelRow.index, tunnelRow.name)
                                    }
                                ]
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: "⇤ " + tunnelRow.listens
                            visible: tunnelRow.listens.length > 0
                            color: Theme.text
                            font.pixelSize: Theme.fontLabel
                            wrapMode: Text.WordWrap
                        }
                        Label {
                            Layout.fillWidth: true
                            text: "→ " + tunnelRow.connects
                            visible: tunnelRow.connects.length > 0
                            color: Theme.text
                            font.pixelSize: Theme.fontLabel
                            wrapMode: Text.WordWrap
                        }
                        Label {
                            Layout.fillWidth: true
                            text: tunnelRow.url
                            font.family: Theme.mono
                            font.pixelSize: Theme.fontLabel
                            color: Theme.subtext
                            elide: Text.ElideMiddle
                        }
                        Flow {
                            Layout.fillWidth: true
                            spacing: 18
                            Label { text: qsTr("Ping %1").arg(tunnelRow.ping); color: Theme.text; font.pixelSize: Theme.fontLabel }
                            Label { text: qsTr("Pool %1").arg(tunnelRow.pool); visible: tunnelRow.role !== "device"; color: Theme.text; font.pixelSize: Theme.fontLabel }
                            Label { text: qsTr("TCP %1 · UDP %2").arg(tunnelRow.tcp).arg(tunnelRow.udp); visible: tunnelRow.role !== "device"; color: Theme.text; font.pixelSize: Theme.fontLabel }
                            Label { text: qsTr("Clients %1").arg(tunnelRow.tcp); visible: tunnelRow.role === "device"; color: Theme.text; font.pixelSize: Theme.fontLabel }
                            Label { text: qsTr("↓ %1 ↑ %2").arg(tunnelRow.rx).arg(tunnelRow.tx); color: Theme.text; font.pixelSize: Theme.fontLabel }
                            Label { text: qsTr("Restarts %1 · up %2").arg(tunnelRow.restarts).arg(tunnelRow.uptime); color: Theme.text; font.pixelSize: Theme.fontLabel }
                            Sparkline {
                                width: 140
                                height: 22
                                values: tunnelRow.history
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: tunnelRow.lastError.length > 0
                            text: tunnelRow.lastError
                            color: tunnelRow.tunnelState === TunnelModel.Running ? Theme.subtext : Theme.bad
                            font.pixelSize: Theme.fontLabel
                            wrapMode: Text.WordWrap
                        }
                    }
                }
            }
        }

        Card {
            objectName: "mastersCard"
            Layout.fillWidth: true
            visible: App.masters.model.masterCount > 0
            title: qsTr("NodePass masters")
            subtitle: qsTr("Instances on the masters of this profile, kept in sync while it is shown")

            Repeater {
                objectName: "masterRepeater"
                model: App.masters.model
                delegate: Rectangle {
                    id: masterRow
                    required property int index
                    required property bool isMaster
                    required property string name
                    required property string detail
                    required property string masterState
                    required property string stateText
                    required property int tone
                    required property string lastError
                    required property string url
                    required property string pool
                    required property string ping
                    required property string connections
                    required property string rx
                    required property string tx

                    Layout.fillWidth: true
                    Layout.leftMargin: isMaster ? 0 : 16
                    implicitHeight: masterLayout.implicitHeight + 16
                    radius: Theme.smallRadius
                    color: isMaster ? Theme.surfaceAlt : Theme.surface
                    Accessible.role: Accessible.ListItem
                    Accessible.name: (isMaster ? qsTr("Master %1, %2") : qsTr("Instance %1, %2")).arg(name).arg(stateText)

                    ColumnLayout {
                        id: masterLayout
                        anchors.fill: parent
                        anchors.margins: 8
                        spacing: 4
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 10
                            StateBadge {
                                tone: masterRow.tone
                                label: masterRow.stateText
                            }
                            Label {
                                id: masterTitle
                                text: masterRow.name
                                font.weight: Font.DemiBold
                                color: Theme.text
                                elide: Text.ElideRight
                                Layout.minimumWidth: Math.min(implicitWidth, 80)
                            }
                            Label {
                                text: masterRow.detail
                                color: Theme.subtext
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            RowActions {
                                visible: !masterRow.isMaster
                                // The detail beside takes the spare room; these take what
                                // their buttons need, or fold when the row is short of it.
                                Layout.maximumWidth: fullWidth
                                menuName: qsTr("Actions for instance %1").arg(masterRow.name)
                                actions: [
                                    RowAction {
                                        text: qsTr("Start")
                                        accessibleName: qsTr("Start instance %1").arg(masterRow.name)
                                        onTriggered: App.masters.act(masterRow.index, "start")
                                    },
                                    RowAction {
                                        text: qsTr("Stop")
                                        accessibleName: qsTr("Stop instance %1").arg(masterRow.name)
                                        onTriggered: App.masters.act(masterRow.index, "stop")
                                    },
                                    RowAction {
                                        text: qsTr("Restart")
                                        accessibleName: qsTr("Restart instance %1").arg(masterRow.name)
                                        onTriggered: App.masters.act(masterRow.index, "restart")
                                    }
                                ]
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: !masterRow.isMaster
                            text: masterRow.url
                            font.family: Theme.mono
                            font.pixelSize: Theme.fontLabel
                            color: Theme.subtext
                            elide: Text.ElideMiddle
                        }
                        Label {
                            visible: !masterRow.isMaster
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            text: qsTr("Ping %1 · Pool %2 · TCP/UDP %3 · ↓ %4 ↑ %5")
                                .arg(masterRow.ping).arg(masterRow.pool).arg(masterRow.connections)
                                .arg(masterRow.rx).arg(masterRow.tx)
                            color: Theme.text
                            font.pixelSize: Theme.fontLabel
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: masterRow.isMaster && masterRow.lastError.length > 0
                            text: masterRow.lastError
                            color: Theme.bad
                            font.pixelSize: Theme.fontLabel
                            wrapMode: Text.WordWrap
                        }
                    }
                }
            }
        }
    }
}
