import QtQuick
import QtQuick.Controls
import Routeless

// One entry of the sidebar.
ItemDelegate {
    id: nav
    property bool selected: false
    property string glyph

    implicitHeight: 38
    leftPadding: 14
    contentItem: Row {
        spacing: 10
        Label {
            text: nav.glyph
            width: 18
            horizontalAlignment: Text.AlignHCenter
            color: nav.selected ? Theme.accent : Theme.subtext
            font.pixelSize: 15
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            text: nav.text
            color: nav.selected ? Theme.accent : Theme.text
            font.weight: nav.selected ? Font.DemiBold : Font.Normal
            font.pixelSize: 14
            anchors.verticalCenter: parent.verticalCenter
        }
    }
    background: Rectangle {
        radius: 6
        color: nav.selected ? Theme.accentSoft : (nav.hovered ? Qt.rgba(0.5, 0.5, 0.5, 0.1) : "transparent")
    }
}
