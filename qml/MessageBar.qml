import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// The outcome of an action on a screen: green when done, red with the error, and an Undo button
// when the action can be taken back.
Rectangle {
    id: bar
    property string text: ""
    property bool isError: false
    property string undoText: ""
    signal undo()
    signal dismissed()

    visible: bar.text.length > 0
    implicitHeight: row.implicitHeight + 12
    radius: Theme.smallRadius
    readonly property color tint: bar.isError ? Theme.bad : Theme.good
    color: Qt.rgba(tint.r, tint.g, tint.b, 0.12)
    Accessible.role: Accessible.AlertMessage
    Accessible.name: bar.text

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 6
        anchors.leftMargin: 10
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: bar.text
            color: bar.tint
            font.pixelSize: Theme.fontBody
        }
        AppButton {
            visible: bar.undoText.length > 0
            text: bar.undoText
            onClicked: bar.undo()
        }
        AppButton {
            text: "✕"
            flat: true
            minimumWidth: implicitHeight
            accessibleName: qsTr("Dismiss")
            onClicked: {
                bar.text = ""
                bar.dismissed()
            }
        }
    }
}
