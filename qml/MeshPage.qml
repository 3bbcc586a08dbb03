import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Mesh: hosts with live state and traffic, forwards, the routing table.
ScrollView {
    id: page
    contentWidth: availableWidth
    clip: true

    HostDialog {
        id: hostDialog
        objectName: "hostDialog"
    }

    Connections {
        target: Backend
        function onHostEditRequested(row) { hostDialog.openFor(row) }
    }

    ColumnLayout {
        width: page.availableWidth
        spacing: Theme.gap

        // Summary tiles.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Repeater {
                model: [
                    { title: qsTr("Hosts ready"), value: Backend.hosts.readyCount + " / " + Backend.hosts.count },
                    { title: qsTr("Download"), value: Backend.rxRate },
                    { title: qsTr("Upload"), value: Backend.txRate },
                    { title: qsTr("Forwards"), value: "" + Backend.forwards.count }
                ]
                delegate: Rectangle {
                    id: tile
                    required property var modelData
                    Layout.fillWidth: true
                    implicitHeight: 72
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border
                    Column {
                        anchors.left: parent.left
                        anchors.leftMargin: Theme.pad
                        anchors.verticalCenter: parent.verticalCenter
                        spacing: 2
                        Label {
                            text: tile.modelData.title
                            color: Theme.subtext
                            font.pixelSize: 12
                        }
                        Label {
                            text: tile.modelData.value
                            color: Theme.text
                            font.pixelSize: 20
                            font.weight: Font.DemiBold
                        }
                    }
                }
            }
        }

        // Demo hint: what the demo does and how to try it.
        Rectangle {
            Layout.fillWidth: true
            visible: Backend.currentProfileId === "local-demo"
            implicitHeight: demoText.implicitHeight + 20
            radius: Theme.radius
            color: Theme.accentSoft
            Label {
                id: demoText
                anchors.fill: parent
                anchors.margins: 10
                anchors.leftMargin: Theme.pad
                wrapMode: Text.WordWrap
                color: Theme.text
                text: Backend.demoTrafficOk
                      ? qsTr("Demo traffic is flowing: the app fetches http://127.0.42.2:18080/ every second, through host alpha and host beta, from its built-in responder. Try it in a browser.")
                      : qsTr("The demo runs two local agents (alpha and beta) and forwards 127.0.42.2:18080 to a built-in web responder. Connect it to see traffic.")
            }
        }

        Card {
            Layout.fillWidth: true
            title: qsTr("Hosts")
            subtitle: Backend.currentIsActive ? qsTr("Live state, sampled every second")
                                              : qsTr("Not running; connect the profile to start its agents")
            actions: [
                Button {
                    text: qsTr("Add host")
                    enabled: Backend.currentProfileId.length > 0
                    onClicked: hostDialog.openFor(-1)
                },
                Button {
                    objectName: "meshSwitch"
                    text: Backend.currentIsActive ? qsTr("Stop mesh") : qsTr("Start mesh")
                    highlighted: !Backend.currentIsActive
                    enabled: Backend.currentProfileId.length > 0
                    onClicked: Backend.currentIsActive ? Backend.disconnectProfile()
                                                       : Backend.connectProfile(Backend.currentProfileId)
                }
            ]

            Label {
                visible: Backend.hosts.count === 0
                text: qsTr("This profile has no hosts. Add one, or import a NoRouter manifest on the Profiles screen.")
                color: Theme.subtext
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            // Column headings.
            RowLayout {
                visible: Backend.hosts.count > 0
                Layout.fillWidth: true
                spacing: 12
                Label { text: qsTr("Host"); color: Theme.subtext; font.pixelSize: 12; Layout.preferredWidth: 190 }
                Label { text: qsTr("State"); color: Theme.subtext; font.pixelSize: 12; Layout.preferredWidth: 100 }
                Label { text: qsTr("PID / restarts / uptime"); color: Theme.subtext; font.pixelSize: 12; Layout.preferredWidth: 150 }
                Label { text: qsTr("Traffic (in / out)"); color: Theme.subtext; font.pixelSize: 12; Layout.fillWidth: true }
                Item { Layout.preferredWidth: 230 }
            }

            Repeater {
                objectName: "hostRepeater"
                model: Backend.hosts
                delegate: Rectangle {
                    id: hostRow
                    required property int index
                    required property string name
                    required property string vip
                    required property string command
                    required property string hostState
                    required property string lastError
                    required property var pid
                    required property int restarts
                    required property string uptime
                    required property string rxRate
                    required property string txRate
                    required property string rxTotal
                    required property string txTotal
                    required property var history

                    Layout.fillWidth: true
                    implicitHeight: hostLayout.implicitHeight + 16
                    radius: 6
                    color: index % 2 === 0 ? Theme.surfaceAlt : Theme.surface

                    RowLayout {
                        id: hostLayout
                        anchors.fill: parent
                        anchors.leftMargin: 10
                        anchors.rightMargin: 10
                        spacing: 12
                        ColumnLayout {
                            Layout.preferredWidth: 190
                            spacing: 1
                            Label {
                                text: hostRow.name + "  ·  " + hostRow.vip
                                font.weight: Font.DemiBold
                                color: Theme.text
                            }
                            Label {
                                text: hostRow.command
                                color: Theme.subtext
                                font.pixelSize: 11
                                font.family: Theme.mono
                                elide: Text.ElideMiddle
                                Layout.maximumWidth: 190
                            }
                        }
                        StateBadge {
                            value: hostRow.hostState
                            label: qsTranslate("HostState", hostRow.hostState)
                            Layout.preferredWidth: 100
                            ToolTip.visible: hovered.hovered && hostRow.lastError.length > 0
                            ToolTip.text: hostRow.lastError
                            HoverHandler { id: hovered }
                        }
                        Label {
                            Layout.preferredWidth: 150
                            text: (hostRow.pid > 0 ? hostRow.pid : "—") + "  ·  " + hostRow.restarts + "  ·  " + hostRow.uptime
                            color: Theme.text
                            font.pixelSize: 12
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 0
                            Label {
                                text: "↓ " + hostRow.rxRate + "   ↑ " + hostRow.txRate
                                color: Theme.text
                                font.pixelSize: 12
                            }
                            Label {
                                text: qsTr("total %1 / %2").arg(hostRow.rxTotal).arg(hostRow.txTotal)
                                color: Theme.subtext
                                font.pixelSize: 11
                            }
                        }
                        Sparkline {
                            Layout.preferredWidth: 110
                            Layout.preferredHeight: 30
                            values: hostRow.history
                        }
                        ToolButton {
                            text: qsTr("Edit")
                            onClicked: Backend.requestHostEdit(hostRow.index)
                        }
                        ToolButton {
                            text: qsTr("Remove")
                            onClicked: Backend.removeHost(hostRow.index)
                        }
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap

            Card {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                Layout.preferredWidth: 1
                title: qsTr("Forwards")
                subtitle: qsTr("Listen on the mesh, connect on the owning host")
                Label {
                    visible: Backend.forwards.count === 0
                    text: qsTr("No forwards. Add ports to a host (e.g. 8080:127.0.0.1:80).")
                    color: Theme.subtext
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Repeater {
                    model: Backend.forwards
                    delegate: RowLayout {
                        id: forwardRow
                        required property string host
                        required property string listen
                        required property string target
                        required property string proto
                        required property string hostState
                        Layout.fillWidth: true
                        spacing: 8
                        StateBadge {
                            value: forwardRow.hostState
                            label: qsTranslate("HostState", forwardRow.hostState)
                        }
                        Label {
                            Layout.fillWidth: true
                            text: forwardRow.listen + "  →  " + forwardRow.target + "  " + qsTr("on %1").arg(forwardRow.host) + "  (" + forwardRow.proto + ")"
                            font.family: Theme.mono
                            font.pixelSize: 12
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                Layout.preferredWidth: 1
                title: qsTr("Routing table")
                subtitle: qsTr("Where the manager sends each destination")
                Label {
                    visible: Backend.routes.count === 0
                    text: qsTr("Empty until the mesh runs.")
                    color: Theme.subtext
                }
                Repeater {
                    model: Backend.routes
                    delegate: RowLayout {
                        id: routeRow
                        required property string destination
                        required property string via
                        required property string kind
                        Layout.fillWidth: true
                        Label {
                            text: routeRow.destination
                            font.family: Theme.mono
                            font.pixelSize: 12
                            color: Theme.text
                            Layout.preferredWidth: 150
                        }
                        Label {
                            text: qsTr("via %1").arg(routeRow.via)
                            font.family: Theme.mono
                            font.pixelSize: 12
                            color: Theme.text
                            Layout.fillWidth: true
                        }
                        Label {
                            text: routeRow.kind
                            color: Theme.subtext
                            font.pixelSize: 12
                        }
                    }
                }
            }
        }
    }
}
