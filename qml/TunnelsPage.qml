import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Tunnels: the profile's NodePass servers and clients and M-PROXY device links, with state,
// counters and a TCP ping of the target.
ScrollView {
    id: page
    contentWidth: availableWidth
    clip: true

    readonly property alias dialog: tunnelDialog

    TunnelDialog {
        id: tunnelDialog
        objectName: "tunnelDialog"
    }

    Connections {
        target: Backend
        function onTunnelEditRequested(row) { tunnelDialog.openFor(row) }
    }

    ColumnLayout {
        width: page.availableWidth
        spacing: Theme.gap

        Card {
            Layout.fillWidth: true
            title: qsTr("Tunnels")
            subtitle: qsTr("%1 of %2 running").arg(Backend.tunnels.runningCount).arg(Backend.tunnels.count)
            actions: [
                Button {
                    text: qsTr("Add tunnel")
                    highlighted: true
                    enabled: Backend.currentProfileId.length > 0
                    onClicked: tunnelDialog.openFor(-1)
                }
            ]

            ColumnLayout {
                visible: Backend.tunnels.count === 0
                Layout.fillWidth: true
                Layout.topMargin: 24
                Layout.bottomMargin: 24
                spacing: 6
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("No tunnels in this profile")
                    font.pixelSize: 16
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
                objectName: "tunnelRepeater"
                model: Backend.tunnels
                delegate: Rectangle {
                    id: tunnelRow
                    required property int index
                    required property string name
                    required property string role
                    required property string url
                    required property string target
                    required property string tunnelState
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

                    Layout.fillWidth: true
                    implicitHeight: tunnelLayout.implicitHeight + 20
                    radius: 6
                    color: index % 2 === 0 ? Theme.surfaceAlt : Theme.surface

                    ColumnLayout {
                        id: tunnelLayout
                        anchors.fill: parent
                        anchors.margins: 10
                        spacing: 6
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 10
                            StateBadge {
                                value: tunnelRow.tunnelState
                                label: qsTranslate("TunnelState", tunnelRow.tunnelState)
                            }
                            Label {
                                text: tunnelRow.name
                                font.weight: Font.DemiBold
                                color: Theme.text
                            }
                            Label {
                                text: tunnelRow.role
                                color: Theme.subtext
                            }
                            Item { Layout.fillWidth: true }
                            ToolButton { text: qsTr("Start"); onClicked: Backend.startTunnel(tunnelRow.index) }
                            ToolButton { text: qsTr("Stop"); onClicked: Backend.stopTunnel(tunnelRow.index) }
                            ToolButton { text: qsTr("Restart"); onClicked: Backend.restartTunnel(tunnelRow.index) }
                            ToolButton { text: qsTr("Ping"); onClicked: Backend.pingTunnel(tunnelRow.index) }
                            ToolButton { text: qsTr("Edit"); onClicked: Backend.requestTunnelEdit(tunnelRow.index) }
                            ToolButton { text: qsTr("Remove"); onClicked: Backend.removeTunnel(tunnelRow.index) }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: tunnelRow.url
                            font.family: Theme.mono
                            font.pixelSize: 12
                            color: Theme.subtext
                            elide: Text.ElideMiddle
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 18
                            Label { text: qsTr("Target %1").arg(tunnelRow.target); color: Theme.text; font.pixelSize: 12 }
                            Label { text: qsTr("Ping %1").arg(tunnelRow.ping); color: Theme.text; font.pixelSize: 12 }
                            Label { text: qsTr("Pool %1").arg(tunnelRow.pool); visible: tunnelRow.role !== "device"; color: Theme.text; font.pixelSize: 12 }
                            Label { text: qsTr("TCP %1 · UDP %2").arg(tunnelRow.tcp).arg(tunnelRow.udp); visible: tunnelRow.role !== "device"; color: Theme.text; font.pixelSize: 12 }
                            Label { text: qsTr("Clients %1").arg(tunnelRow.tcp); visible: tunnelRow.role === "device"; color: Theme.text; font.pixelSize: 12 }
                            Label { text: qsTr("↓ %1 ↑ %2").arg(tunnelRow.rx).arg(tunnelRow.tx); color: Theme.text; font.pixelSize: 12 }
                            Label { text: qsTr("Restarts %1 · up %2").arg(tunnelRow.restarts).arg(tunnelRow.uptime); color: Theme.text; font.pixelSize: 12 }
                            Item { Layout.fillWidth: true }
                            Sparkline {
                                Layout.preferredWidth: 140
                                Layout.preferredHeight: 26
                                values: tunnelRow.history
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: tunnelRow.lastError.length > 0
                            text: tunnelRow.lastError
                            color: tunnelRow.tunnelState === "Running" ? Theme.subtext : Theme.bad
                            font.pixelSize: 12
                            elide: Text.ElideRight
                        }
                    }
                }
            }
        }

        Card {
            objectName: "mastersCard"
            Layout.fillWidth: true
            visible: Backend.masters.masterCount > 0
            title: qsTr("NodePass masters")
            subtitle: qsTr("Instances on the masters of this profile, kept in sync while it is shown")

            Repeater {
                objectName: "masterRepeater"
                model: Backend.masters
                delegate: Rectangle {
                    id: masterRow
                    required property int index
                    required property string kind
                    required property string name
                    required property string detail
                    required property string masterState
                    required property string lastError
                    required property string url
                    required property string pool
                    required property string ping
                    required property string connections
                    required property string rx
                    required property string tx
                    readonly property bool isMaster: kind === "master"
                    readonly property string badge: isMaster ? masterState
                        : masterState === "running" ? "Running"
                        : masterState === "error" ? "Failed" : "Stopped"

                    Layout.fillWidth: true
                    Layout.leftMargin: isMaster ? 0 : 16
                    implicitHeight: masterLayout.implicitHeight + 16
                    radius: 6
                    color: isMaster ? Theme.surfaceAlt : Theme.surface

                    ColumnLayout {
                        id: masterLayout
                        anchors.fill: parent
                        anchors.margins: 8
                        spacing: 4
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 10
                            StateBadge {
                                value: masterRow.badge
                                label: masterRow.isMaster ? qsTranslate("MasterState", masterRow.masterState)
                                                          : qsTranslate("TunnelState", masterRow.badge)
                            }
                            Label {
                                text: masterRow.name
                                font.weight: Font.DemiBold
                                color: Theme.text
                            }
                            Label {
                                text: masterRow.detail
                                color: Theme.subtext
                            }
                            Item { Layout.fillWidth: true }
                            ToolButton {
                                visible: !masterRow.isMaster
                                text: qsTr("Start")
                                onClicked: Backend.masterAction(masterRow.index, "start")
                            }
                            ToolButton {
                                visible: !masterRow.isMaster
                                text: qsTr("Stop")
                                onClicked: Backend.masterAction(masterRow.index, "stop")
                            }
                            ToolButton {
                                visible: !masterRow.isMaster
                                text: qsTr("Restart")
                                onClicked: Backend.masterAction(masterRow.index, "restart")
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: !masterRow.isMaster
                            text: masterRow.url
                            font.family: Theme.mono
                            font.pixelSize: 12
                            color: Theme.subtext
                            elide: Text.ElideMiddle
                        }
                        Label {
                            visible: !masterRow.isMaster
                            text: qsTr("Ping %1 · Pool %2 · TCP/UDP %3 · ↓ %4 ↑ %5")
                                .arg(masterRow.ping).arg(masterRow.pool).arg(masterRow.connections)
                                .arg(masterRow.rx).arg(masterRow.tx)
                            color: Theme.text
                            font.pixelSize: 12
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: masterRow.isMaster && masterRow.lastError.length > 0
                            text: masterRow.lastError
                            color: Theme.bad
                            font.pixelSize: 12
                            elide: Text.ElideRight
                        }
                    }
                }
            }
        }
    }
}
