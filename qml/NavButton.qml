import QtQuick
import QtQuick.Controls
import Routeless

// One entry of the sidebar: a glyph and the page's name, or the glyph alone (with a tooltip)
// when the sidebar is collapsed. Reachable with Tab; Return, Enter and Space open the page.
ItemDelegate {
    id: nav
    property bool selected: false
    property bool compact: false
    property string glyph
    property string shortcutText: ""

    implicitHeight: 38
    leftPadding: nav.compact ? 0 : 14
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.PageTab
    Accessible.name: nav.text
    Accessible.description: nav.shortcutText
    Accessible.selected: nav.selected
    ToolTip.visible: nav.compact && (nav.hovered || nav.visualFocus)
    ToolTip.text: nav.shortcutText.length > 0 ? nav.text + " (" + nav.shortcutText + ")" : nav.text
    ToolTip.delay: 300
    Keys.onReturnPressed: nav.clicked()
    Keys.onEnterPressed: nav.clicked()

    contentItem: Row {
        spacing: 10
        Label {
            text: nav.glyph
            width: nav.compact ? nav.availableWidth : 18
            horizontalAlignment: Text.AlignHCenter
            color: nav.selected ? Theme.accent : Theme.subtext
            font.pixelSize: Theme.fontHeading
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            visible: !nav.compact
            text: nav.text
            color: nav.selected ? Theme.accent : Theme.text
            font.weight: nav.selected ? Font.DemiBold : Font.Normal
            font.pixelSize: Theme.fontBody
            anchors.verticalCenter: parent.verticalCenter
        }
    }
    background: Rectangle {
        radius: Theme.smallRadius
        color: nav.selected ? Theme.accentSoft : (nav.hovered ? Theme.hover : "transparent")
        FocusRing { target: nav }
    }
}
