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
    // Fusion makes every button at least 80 px wide, which left "⋯" and short row actions
    // oddly wide and pushed rows into their menu early: a button is as wide as its text needs,
    // and at least this.
    property real minimumWidth: 56

    implicitWidth: Math.max(control.minimumWidth,
                            control.implicitContentWidth + control.leftPadding + control.rightPadding)

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
