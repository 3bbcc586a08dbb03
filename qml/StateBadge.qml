import QtQuick
import QtQuick.Controls
import Routeless

// A coloured dot and the state's name, e.g. "● Ready": the tone from the model decides the
// colour, the text is the model's translated state.
Rectangle {
    id: badge
    property int tone: Tone.Idle
    property string label: ""

    implicitWidth: row.implicitWidth + 16
    implicitHeight: 22
    radius: 11
    color: Qt.rgba(stateColor.r, stateColor.g, stateColor.b, Theme.dark ? 0.18 : 0.12)
    readonly property color stateColor: Theme.toneColor(badge.tone)

    Accessible.role: Accessible.StaticText
    Accessible.name: badge.label

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
            font.pixelSize: Theme.fontLabel
            font.weight: Font.DemiBold
        }
    }
}
