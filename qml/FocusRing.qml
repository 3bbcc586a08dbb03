import QtQuick
import Routeless

// The keyboard focus ring: drawn around `target` while it has focus from the keyboard.
Rectangle {
    id: ring
    required property Item target
    anchors.fill: parent
    anchors.margins: -3
    radius: Theme.smallRadius + 2
    color: "transparent"
    border.width: Theme.focusWidth
    border.color: Theme.focus
    visible: ring.target.visualFocus === true
    z: 10
}
