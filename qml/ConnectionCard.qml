import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// The sidebar's connection summary: the connected profile, its state, each host's progress as
// it happens (a dot per host), rates, and the main switch. Only the connected profile counts,
// whichever one the screens show.
Rectangle {
    id: card
    property bool compact: false

    implicitHeight: column.implicitHeight + 24
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Connection")

    readonly property bool active: App.connection.activeId.length > 0

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: card.compact ? 6 : 12
        spacing: 8

        StateBadge {
            objectName: "connectionBadge"
            Layout.alignment: card.compact ? Qt.AlignHCenter : Qt.AlignLeft
            tone: App.connection.tone
            label: card.compact ? "" : App.connection.stateText
            Accessible.name: App.connection.stateText
            ToolTip.visible: card.compact && badgeHover.hovered
            ToolTip.text: App.connection.stateText
            HoverHandler { id: badgeHover }
        }
        Label {
            objectName: "connectedProfile"
            visible: !card.compact
            Layout.fillWidth: true
            text: card.active ? App.connection.activeName : qsTr("No profile connected")
            elide: Text.ElideRight
            color: Theme.text
            font.weight: Font.DemiBold
        }
        // One dot per host of the connected profile, in its state's colour.
        Flow {
            visible: card.active && App.connection.hosts.count > 0
            Layout.fillWidth: true
            spacing: 4
            Repeater {
                model: App.connection.hosts
                delegate: Rectangle {
                    required property string name
                    required property int tone
                    required property string stateText
                    required property string problem
                    width: 10
                    height: 10
                    radius: 5
                    color: Theme.toneColor(tone)
                    Accessible.role: Accessible.Indicator
                    Accessible.name: qsTr("Host %1: %2").arg(name).arg(problem.length > 0 ? problem : stateText)
                    ToolTip.visible: dotHover.hovered
                    ToolTip.text: qsTr("%1: %2").arg(name).arg(problem.length > 0 ? problem : stateText)
                    HoverHandler { id: dotHover }
                }
            }
        }
        Label {
            objectName: "connectionProgress"
            visible: !card.compact && card.active && App.connection.progressText.length > 0
            Layout.fillWidth: true
            text: App.connection.progressText
            wrapMode: Text.WordWrap
            maximumLineCount: 4
            elide: Text.ElideRight
            color: App.connection.state === ConnectionController.Problem ? Theme.bad : Theme.subtext
            font.pixelSize: Theme.fontLabel
        }
        Label {
            visible: !card.compact && card.active
            text: qsTr("↓ %1   ↑ %2").arg(App.connection.rxRate).arg(App.connection.txRate)
            color: Theme.subtext
            font.pixelSize: Theme.fontLabel
        }
        AppButton {
            objectName: "connectButton"
            Layout.fillWidth: true
            enabled: App.profiles.currentId.length > 0 || card.active
            // Collapsed: a stop or play sign. The power sign (U+23FB) is missing from the usual
            // Linux fonts (DejaVu, Noto Sans) and showed as an empty box.
            text: card.compact ? (card.active ? "■" : "▶")
                               : (card.active ? qsTr("Disconnect") : qsTr("Connect"))
            minimumWidth: card.compact ? 0 : 56
            accessibleName: card.active ? qsTr("Disconnect %1").arg(App.connection.activeName)
                                        : qsTr("Connect %1").arg(App.profiles.currentName)
            ToolTip.visible: card.compact && hovered
            ToolTip.text: accessibleName
            highlighted: !card.active
            onClicked: card.active ? App.connection.disconnectProfile()
                                   : App.connection.connectProfile(App.profiles.currentId)
        }
    }
}
