import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// The last speed test between two hosts (App.hosts.speedTest): latency, throughput each way
// and the path the bytes took; while it runs, what it is doing; when it failed, why. It only
// shows a result: the test itself runs on the mesh's thread.
Card {
    id: card
    objectName: "speedTestCard"
    // The map HostsController.speedTest gives (SpeedTestView): from, to, running, error,
    // status, latency, up, down, path.
    property var result: ({})
    readonly property bool hasResult: (card.result.from || "").length > 0
    readonly property bool failed: (card.result.error || "").length > 0
    signal dismissed()

    visible: card.hasResult
    title: qsTr("Speed test")
    subtitle: card.result.status || ""
    actions: [
        AppButton {
            objectName: "speedTestAgain"
            text: qsTr("Run again")
            accessibleName: qsTr("Run the speed test from %1 to %2 again").arg(card.result.from || "").arg(card.result.to || "")
            enabled: !card.result.running
            onClicked: App.hosts.testSpeed(card.result.from, card.result.to)
        },
        AppButton {
            objectName: "speedTestClose"
            text: qsTr("Close")
            accessibleName: qsTr("Close the speed test result")
            enabled: !card.result.running
            onClicked: card.dismissed()
        }
    ]

    BusyIndicator {
        visible: card.result.running === true
        running: visible
        implicitWidth: 28
        implicitHeight: 28
        Accessible.name: qsTr("Speed test running")
    }

    Label {
        objectName: "speedTestError"
        visible: card.failed
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        text: card.result.error || ""
        color: Theme.bad
        Accessible.role: Accessible.AlertMessage
        Accessible.name: text
    }

    // A fixed list of rows, their texts bound to the result: a model rebuilt on every change
    // would recreate the rows while the layout arranges them.
    ColumnLayout {
        visible: !card.failed && !card.result.running
        Layout.fillWidth: true
        spacing: 4
        Repeater {
            model: ["latency", "up", "down", "path"]
            delegate: RowLayout {
                id: figure
                required property string modelData
                readonly property string title: figure.modelData === "latency" ? qsTr("Latency")
                    : figure.modelData === "up" ? qsTr("%1 → %2").arg(card.result.from || "").arg(card.result.to || "")
                    : figure.modelData === "down" ? qsTr("%1 → %2").arg(card.result.to || "").arg(card.result.from || "")
                    : qsTr("Path")
                readonly property string value: card.result[figure.modelData] || ""
                Layout.fillWidth: true
                spacing: 12
                Accessible.role: Accessible.StaticText
                Accessible.name: figure.title + ": " + figure.value
                Label {
                    text: figure.title
                    color: Theme.subtext
                    font.pixelSize: Theme.fontLabel
                    Layout.preferredWidth: 140
                    elide: Text.ElideRight
                }
                Label {
                    objectName: "speedTest" + figure.modelData.charAt(0).toUpperCase() + figure.modelData.slice(1)
                    text: figure.value
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    font.weight: Font.DemiBold
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
