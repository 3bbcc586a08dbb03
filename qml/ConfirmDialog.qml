import QtQuick
import QtQuick.Controls
import Routeless

// Asks before a destructive action ("Remove host beta?"); the action runs only when confirmed.
AppDialog {
    id: dialog
    objectName: "confirmDialog"
    property string text: ""
    property string acceptText: qsTr("OK")
    property var onConfirmed: null

    function ask(title, text, acceptText, confirmed) {
        dialog.title = title
        dialog.text = text
        dialog.acceptText = acceptText
        dialog.onConfirmed = confirmed
        dialog.open()
    }

    width: 440
    standardButtons: Dialog.Ok | Dialog.Cancel
    onAboutToShow: standardButton(Dialog.Ok).text = dialog.acceptText
    onAccepted: {
        const run = dialog.onConfirmed
        dialog.onConfirmed = null
        if (run)
            run()
    }
    onRejected: dialog.onConfirmed = null

    Label {
        width: parent.width
        wrapMode: Text.Wrap
        text: dialog.text
        font.pixelSize: Theme.fontBody
    }
}
