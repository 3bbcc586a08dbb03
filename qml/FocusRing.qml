import QtQuick
import Routeless

// The keyboard focus ring: drawn around `target` while it has focus from the keyboard.
Rectangle {
    id: ring
    required property var target  // a Control (var: Item has no visualFocus for qmllint)
    anchors.fill: parent
    anchors.margins: -3
    radius: Theme.smallRadius + 2
    color: "transparent"
    border.width: Theme.focusWidth
    border.color: Theme.focus
    visible: ring.target.visualFocus === true
    z: 10
}
