import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Mesh: hosts with live state, what went wrong and how to fix it, traffic; forwards; the
// routing table. Host edits restart only that host.
ScrollView {
    id: page
    objectName: "meshPage"
    required property ConfirmDialog confirm
    contentWidth: availableWidth
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Mesh")

    readonly property bool narrow: page.availableWidth < 860
    // The "Test speed to…" dialog (for the host menus, and tests).
    readonly property var speedDialog: speedDialog
    // The speed test's result map, as `var`: its keys ("running", …) are not known to qmllint.
    readonly property var speedTest: App.hosts.speedTest

    HostDialog {
        id: hostDialog
        objectName: "hostDialog"
    }

    // "Test speed to…": the other hosts of the profile, one button each.
    AppDialog {
        id: speedDialog
        objectName: "speedDialog"
        property string from: ""
        readonly property var targets: speedDialog.from.length > 0 ? App.hosts.otherHosts(speedDialog.from) : []
        title: qsTr("Test speed from %1 to…").arg(speedDialog.from)
        standardButtons: Dialog.Cancel
        initialFocus: targetRepeater.count > 0 ? targetRepeater.itemAt(0) : null
        function openFor(name) {
            speedDialog.from = name
            speedDialog.open()
        }
        ColumnLayout {
            spacing: 8
            Label {
                text: speedDialog.targets.length > 0
                      ? qsTr("Measures connect latency and %1 s of throughput each way through the mesh.").arg(5)
                      : qsTr("This profile has no other host.")
                wrapMode: Text.WordWrap
                Layout.preferredWidth: 360
                color: Theme.subtext
            }
            ColumnLayout {
                spacing: 6
                Repeater {
                    id: targetRepeater
                    model: speedDialog.targets
                    delegate: AppButton {
                        required property string modelData
                        objectName: "speedTarget_" + modelData
                        text: modelData
                        accessibleName: qsTr("Test speed from %1 to %2").arg(speedDialog.from).arg(modelData)
                        Layout.fillWidth: true
                        onClicked: {
                            App.hosts.testSpeed(speedDialog.from, modelData)
                            speedDialog.close()
                        }
                    }
                }
            }
        }
    }

    // The agent's origin on a zero-install host, said in words the user reads.
    function agentText(source, version) {
        const v = version.length > 0 ? version : "?"
        if (source === "found")
            return qsTr("Agent %1 found on the host").arg(v)
        if (source === "uploaded")
            return qsTr("Agent %1 uploaded").arg(v)
        if (source === "cached")
            return qsTr("Agent %1 cached").arg(v)
        return qsTr("Agent %1 (%2)").arg(v).arg(source)
    }

    function agentTip(source) {
        if (source === "found")
            return qsTr("The host already had routeless-agent on its PATH; nothing was copied.")
        if (source === "uploaded")
            return qsTr("The host lacked the agent: this start copied the matching build into ~/.cache/routeless/ on it.")
        if (source === "cached")
            return qsTr("A copy uploaded earlier, with the right content hash, was found in ~/.cache/routeless/ and reused.")
        return ""
    }

    function removeHost(row, name) {
        page.confirm.ask(qsTr("Remove host %1?").arg(name),
                         qsTr("The host leaves the profile; while it is connected, its agent stops and the other hosts keep running. You can undo this."),
                         qsTr("Remove"), function() {
                             const err = App.hosts.remove(row)
                             message.isError = err.length > 0
                             message.text = err.length > 0 ? err : qsTr("Removed host %1.").arg(name)
                         })
    }

    ColumnLayout {
        width: page.availableWidth
        spacing: Theme.gap

        // Summary tiles.
        GridLayout {
            Layout.fillWidth: true
            columns: page.narrow ? 2 : 4
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap
            Repeater {
                model: [
                    { title: qsTr("Hosts ready"), value: App.hosts.model.readyCount + " / " + App.hosts.model.count },
                    { title: qsTr("Download"), value: App.connection.rxRate },
                    { title: qsTr("Upload"), value: App.connection.txRate },
                    { title: qsTr("Forwards"), value: "" + App.hosts.forwards.count }
                ]
                delegate: Rectangle {
                    id: tile
                    required property var modelData
                    Layout.fillWidth: true
                    implicitHeight: 64
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border
                    Accessible.role: Accessible.StaticText
                    Accessible.name: tile.modelData.title + ": " + tile.modelData.value
                    Column {
                        anchors.left: parent.left
                        anchors.leftMargin: Theme.pad
                        anchors.verticalCenter: parent.verticalCenter
                        spacing: 2
                        Label {
                            text: tile.modelData.title
                            color: Theme.subtext
                            font.pixelSize: Theme.fontLabel
                        }
                        Label {
                            text: tile.modelData.value
                            color: Theme.text
                            font.pixelSize: Theme.fontValue
                            font.weight: Font.DemiBold
                        }
                    }
                }
            }
        }

        // Demo hint: what the demo does and how to try it.
        Rectangle {
            Layout.fillWidth: true
            visible: App.profiles.currentId === "local-demo"
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
                text: App.connection.demoTrafficOk
                      ? qsTr("Demo traffic is flowing: the app fetches http://127.0.42.2:18080/ every second, through host alpha and host beta, from its built-in responder. Try it in a browser.")
                      : qsTr("The demo runs two local agents (alpha and beta) and forwards 127.0.42.2:18080 to a built-in web responder. Connect it to see traffic.")
            }
        }

        // Two local agents would listen on the same addresses: say so and offer the fix.
        MessageBar {
            objectName: "conflictBar"
            Layout.fillWidth: true
            text: App.hosts.listenConflict
            isError: true
            undoText: qsTr("Let only the first listen")
            onUndo: {
                const err = App.hosts.fixListenConflict()
                message.isError = err.length > 0
                message.text = err.length > 0 ? err : qsTr("Only the first local host listens on this machine now.")
            }
        }

        MessageBar {
            id: message
            objectName: "meshMessage"
            Layout.fillWidth: true
            undoText: App.hosts.undoName.length > 0 && !message.isError ? qsTr("Undo") : ""
            onUndo: {
                const name = App.hosts.undoName
                const err = App.hosts.undoRemove()
                message.isError = err.length > 0
                message.text = err.length > 0 ? err : qsTr("Host %1 is back.").arg(name)
            }
        }

        Card {
            id: hostsCard
            Layout.fillWidth: true
            title: qsTr("Hosts")
            subtitle: App.hosts.live ? qsTr("Live state, sampled every second")
                                     : qsTr("Not running; connect the profile to start its agents")
            actions: [
                AppButton {
                    objectName: "addHost"
                    text: qsTr("Add host")
                    enabled: App.profiles.currentId.length > 0
                    onClicked: hostDialog.openFor(-1)
                },
                AppButton {
                    objectName: "testHosts"
                    text: qsTr("Test all")
                    accessibleName: qsTr("Test every host and tunnel")
                    enabled: App.hosts.live
                    onClicked: {
                        App.hosts.pingAll()
                        App.tunnels.pingAll()
                    }
                },
                AppButton {
                    objectName: "meshSwitch"
                    text: App.hosts.live ? qsTr("Stop mesh") : qsTr("Start mesh")
                    highlighted: !App.hosts.live
                    enabled: App.profiles.currentId.length > 0
                    onClicked: App.hosts.live ? App.connection.disconnectProfile()
                                              : App.connection.connectProfile(App.profiles.currentId)
                }
            ]

            Label {
                visible: App.hosts.model.count === 0
                text: qsTr("This profile has no hosts. Add one, or import a NoRouter manifest on the Profiles screen.")
                color: Theme.subtext
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Repeater {
                objectName: "hostRepeater"
                model: App.hosts.model
                delegate: Rectangle {
                    id: hostRow
                    required property int index
                    required property string name
                    required property string vip
                    required property string command
                    required property int tone
                    required property string stateText
                    required property string problem
                    required property string fix
                    required property string detail
                    required property var pid
                    required property int restarts
                    required property string uptime
                    required property string rxRate
                    required property string txRate
                    required property string rxTotal
                    required property string txTotal
                    required property var history
                    required property string agentSource
                    required property string agentVersion
                    readonly property string latency: App.hosts.latencies[name] || ""
                    readonly property string checkText: App.hosts.checks[name] || ""
                    readonly property var services: App.hosts.services[name] || []

                    Layout.fillWidth: true
                    implicitHeight: hostColumn.implicitHeight + 2 * Theme.rowPad
                    radius: Theme.smallRadius
                    color: index % 2 === 0 ? Theme.surfaceAlt : Theme.surface
                    Accessible.role: Accessible.ListItem
                    Accessible.name: qsTr("Host %1, %2, %3").arg(name).arg(vip).arg(stateText)
                    Accessible.description: problem

                    ColumnLayout {
                        id: hostColumn
                        anchors.fill: parent
                        anchors.margins: Theme.rowPad
                        spacing: 4
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 10
                            Label {
                                id: hostTitle
                                text: hostRow.name + "  ·  " + hostRow.vip
                                font.weight: Font.DemiBold
                                color: Theme.text
                                elide: Text.ElideRight
                                // Elided only when even the folded actions would not fit.
                                Layout.minimumWidth: Math.min(implicitWidth, 100)
                            }
                            StateBadge {
                                Layout.minimumWidth: implicitWidth
                                tone: hostRow.tone
                                label: hostRow.stateText
                                ToolTip.visible: badgeHover.hovered && hostRow.detail.length > 0
                                ToolTip.text: hostRow.detail
                                HoverHandler { id: badgeHover }
                            }
                            RowActions {
                                // Fills the rest of the row: the buttons sit at its right end.
                                menuName: qsTr("Actions for host %1").arg(hostRow.name)
                                actions: [
                                    RowAction {
                                        text: qsTr("Edit")
                                        accessibleName: qsTr("Edit host %1").arg(hostRow.name)
                                        onTriggered: hostDialog.openFor(hostRow.index)
                                    },
                                    RowAction {
                                        text: qsTr("Test speed to…")
                                        accessibleName: qsTr("Test speed from host %1 to another host").arg(hostRow.name)
                                        enabled: App.hosts.live && !(page.speedTest.running === true)
                                        onTriggered: speedDialog.openFor(hostRow.name)
                                    },
                                    RowAction {
                                        text: qsTr("Check")
                                        accessibleName: qsTr("Check the command of host %1").arg(hostRow.name)
                                        onTriggered: App.hosts.check(hostRow.index)
                                    },
                                    RowAction {
                                        text: qsTr("Remove")
                                        accessibleName: qsTr("Remove host %1").arg(hostRow.name)
                                        destructive: true
                                        onTriggered: page.removeHost(hostRow.index, hostRow.name)
                                    }
                                ]
                            }
                        }
                        // The figures wrap on the left; the traffic graph keeps its own column on the
                        // right, under the row's buttons but apart from them, never wedged
                        // between two figures.
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 18
                            Flow {
                                Layout.fillWidth: true
                                spacing: 18
                                Label {
                                    text: hostRow.command
                                    color: Theme.subtext
                                    font.pixelSize: Theme.fontSmall
                                    font.family: Theme.mono
                                    elide: Text.ElideMiddle
                                    width: Math.min(implicitWidth, 260)
                                }
                                Label {
                                    text: qsTr("PID %1 · %2 restarts · up %3").arg(hostRow.pid > 0 ? hostRow.pid : "—")
                                            .arg(hostRow.restarts).arg(hostRow.uptime)
                                    color: Theme.text
                                    font.pixelSize: Theme.fontLabel
                                }
                                Label {
                                    text: qsTr("↓ %1 ↑ %2 (total %3 / %4)").arg(hostRow.rxRate).arg(hostRow.txRate)
                                            .arg(hostRow.rxTotal).arg(hostRow.txTotal)
                                    color: Theme.text
                                    font.pixelSize: Theme.fontLabel
                                }
                                // Zero-install: how the agent got there (found, uploaded, cached).
                                Label {
                                    objectName: "hostAgent"
                                    visible: hostRow.agentSource.length > 0
                                    text: page.agentText(hostRow.agentSource, hostRow.agentVersion)
                                    color: Theme.text
                                    font.pixelSize: Theme.fontLabel
                                    ToolTip.visible: agentHover.hovered
                                    ToolTip.text: page.agentTip(hostRow.agentSource)
                                    HoverHandler { id: agentHover }
                                }
                                Label {
                                    visible: hostRow.latency.length > 0
                                    text: qsTr("Latency %1").arg(hostRow.latency)
                                    color: Theme.text
                                    font.pixelSize: Theme.fontLabel
                                }
                            }
                            Sparkline {
                                objectName: "hostSparkline"
                                Layout.preferredWidth: 110
                                Layout.preferredHeight: 22
                                Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
                                values: hostRow.history
                            }
                        }
                        // What went wrong, and what to do about it, where the problem is.
                        Label {
                            objectName: "hostProblem"
                            visible: hostRow.problem.length > 0
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            text: hostRow.problem + " " + hostRow.fix
                            color: Theme.bad
                            font.pixelSize: Theme.fontLabel
                            Accessible.role: Accessible.AlertMessage
                            Accessible.name: text
                        }
                        Label {
                            visible: hostRow.problem.length > 0 && hostRow.detail.length > 0
                            Layout.fillWidth: true
                            wrapMode: Text.WrapAnywhere
                            text: hostRow.detail
                            color: Theme.subtext
                            font.family: Theme.mono
                            font.pixelSize: Theme.fontSmall
                        }
                        // Proxies, DNS, UDP forwards and learned routes, each with a copy button
                        // where there is an address to give to a client.
                        Flow {
                            Layout.fillWidth: true
                            spacing: 12
                            visible: hostRow.services.length > 0
                            Repeater {
                                model: hostRow.services
                                delegate: RowLayout {
                                    id: service
                                    required property var modelData
                                    objectName: "hostService_" + service.modelData.kind
                                    spacing: 6
                                    Accessible.role: Accessible.StaticText
                                    Accessible.name: service.modelData.label + ": " + service.modelData.value
                                    Label {
                                        text: service.modelData.label
                                        color: Theme.subtext
                                        font.pixelSize: Theme.fontLabel
                                    }
                                    Label {
                                        objectName: "hostServiceValue"
                                        text: service.modelData.value
                                        color: Theme.text
                                        font.family: Theme.mono
                                        font.pixelSize: Theme.fontLabel
                                    }
                                    // A proxy stops or starts for the running session only.
                                    AppButton {
                                        objectName: "hostServiceToggle"
                                        visible: App.hosts.live && (service.modelData.key || "").length > 0
                                        text: service.modelData.stopped ? qsTr("Start") : qsTr("Stop")
                                        minimumWidth: 44
                                        accessibleName: service.modelData.stopped
                                                        ? qsTr("Start %1 of host %2").arg(service.modelData.label).arg(hostRow.name)
                                                        : qsTr("Stop %1 of host %2").arg(service.modelData.label).arg(hostRow.name)
                                        onClicked: service.modelData.stopped
                                                   ? App.connection.startForward(service.modelData.key)
                                                   : App.connection.stopForward(service.modelData.key)
                                    }
                                    AppButton {
                                        objectName: "hostServiceCopy"
                                        visible: service.modelData.copy.length > 0
                                        text: qsTr("Copy")
                                        minimumWidth: 44
                                        accessibleName: qsTr("Copy %1 of host %2: %3").arg(service.modelData.label)
                                                            .arg(hostRow.name).arg(service.modelData.copy)
                                        onClicked: {
                                            App.copyText(service.modelData.copy)
                                            message.isError = false
                                            message.text = qsTr("Copied %1.").arg(service.modelData.copy)
                                        }
                                    }
                                }
                            }
                        }
                        Label {
                            visible: hostRow.checkText.length > 0
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            text: qsTr("Check: %1").arg(hostRow.checkText)
                            color: Theme.text
                            font.pixelSize: Theme.fontLabel
                        }
                    }
                }
            }
        }

        SpeedTestCard {
            Layout.fillWidth: true
            result: App.hosts.speedTest
            onDismissed: App.hosts.clearSpeedTest()
        }

        GridLayout {
            Layout.fillWidth: true
            columns: page.narrow ? 1 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap

            Card {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                Layout.preferredWidth: 1
                title: qsTr("Forwards")
                subtitle: qsTr("Listen on the mesh, connect on the owning host")
                Label {
                    visible: App.hosts.forwards.count === 0
                    text: qsTr("No forwards. Add ports to a host (e.g. 8080:127.0.0.1:80).")
                    color: Theme.subtext
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Repeater {
                    model: App.hosts.forwards
                    delegate: RowLayout {
                        id: forwardRow
                        required property string host
                        required property string listen
                        required property string target
                        required property string proto
                        required property int tone
                        required property string stateText
                        required property string key
                        required property bool stopped
                        Layout.fillWidth: true
                        spacing: 8
                        Accessible.role: Accessible.ListItem
                        Accessible.name: qsTr("Forward %1 to %2 on %3, %4").arg(listen).arg(target).arg(host).arg(stateText)
                        StateBadge {
                            tone: forwardRow.tone
                            label: forwardRow.stateText
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("%1 → %2 on %3 (%4)").arg(forwardRow.listen).arg(forwardRow.target)
                                    .arg(forwardRow.host).arg(forwardRow.proto)
                            font.family: Theme.mono
                            font.pixelSize: Theme.fontLabel
                            color: Theme.text
                            // Wrapped, not elided: the row's buttons leave the address little room
                            // in the two-column layout, and the target is what a user looks for.
                            wrapMode: Text.Wrap
                        }
                        // Stops or starts this forward for the running session only.
                        AppButton {
                            objectName: "forwardToggle"
                            visible: App.hosts.live
                            text: forwardRow.stopped ? qsTr("Start") : qsTr("Stop")
                            accessibleName: forwardRow.stopped
                                            ? qsTr("Start forward %1 on %2").arg(forwardRow.listen).arg(forwardRow.host)
                                            : qsTr("Stop forward %1 on %2").arg(forwardRow.listen).arg(forwardRow.host)
                            onClicked: forwardRow.stopped ? App.connection.startForward(forwardRow.key)
                                                          : App.connection.stopForward(forwardRow.key)
                        }
                        AppButton {
                            text: qsTr("Copy")
                            accessibleName: qsTr("Copy address %1").arg(forwardRow.listen)
                            onClicked: App.copyText(forwardRow.listen)
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
                    visible: App.hosts.routes.count === 0
                    text: qsTr("Empty until the mesh runs.")
                    color: Theme.subtext
                }
                Repeater {
                    model: App.hosts.routes
                    delegate: RowLayout {
                        id: routeRow
                        required property string destination
                        required property string via
                        required property string kind
                        Layout.fillWidth: true
                        Accessible.role: Accessible.ListItem
                        Accessible.name: qsTr("%1 via %2").arg(destination).arg(via)
                        Label {
                            text: routeRow.destination
                            font.family: Theme.mono
                            font.pixelSize: Theme.fontLabel
                            color: Theme.text
                            Layout.preferredWidth: 150
                        }
                        Label {
                            text: qsTr("via %1").arg(routeRow.via)
                            font.family: Theme.mono
                            font.pixelSize: Theme.fontLabel
                            color: Theme.text
                            Layout.fillWidth: true
                        }
                        Label {
                            text: routeRow.kind
                            color: Theme.subtext
                            font.pixelSize: Theme.fontLabel
                        }
                    }
                }
            }
        }
    }
}
