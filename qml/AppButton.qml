import QtQuick
import QtQuick.Controls
import Routeless

// The app's button: a visible focus ring, Return, Enter and Space press it, and its accessible
// name says what it does to what ("Stop tunnel demo server") when the text alone would not.
Button {
    id: control

    // What a screen reader says; the text when empty.
    property string accessibleName: ""
    // A destructive action: drawn in the "bad" colour.
    property bool destructive: false

    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: control.accessibleName.length > 0 ? control.accessibleName : control.text
    Accessible.description: control.ToolTip.text
    Accessible.onPressAction: control.clicked()
    palette.buttonText: control.destructive ? Theme.bad : Theme.text
    font.pixelSize: Theme.fontBody

    Keys.onReturnPressed: control.clicked()
    Keys.onEnterPressed: control.clicked()

    FocusRing { target: control }
}
