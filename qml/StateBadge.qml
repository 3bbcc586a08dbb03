import QtQuick
import QtQuick.Controls
import Routeless

// A coloured dot and the state's name, e.g. "● Ready".
Rectangle {
    id: badge
    property string value: "Stopped"
    property string label: badge.value

    implicitWidth: row.implicitWidth + 16
    implicitHeight: 22
    radius: 11
    color: Qt.rgba(stateColor.r, stateColor.g, stateColor.b, Theme.dark ? 0.18 : 0.12)
    readonly property color stateColor: Theme.stateColor(badge.value)

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 6
        Rectangle {
            width: 8
            height: 8
            radius: 4
            color: badge.stateColor
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            text: badge.label
            color: badge.stateColor
            font.pixelSize: 12
            font.weight: Font.DemiBold
        }
    }
}
