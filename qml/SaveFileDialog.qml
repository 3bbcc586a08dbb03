import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import Routeless

// Choosing a file to write: opens in the documents folder with a suggested file name, says
// "Save", and asks before replacing an existing file (Qt's non-native dialog does not).
Item {
    id: root

    property alias title: fileDialog.title
    property alias nameFilters: fileDialog.nameFilters
    property string suggestedName: ""

    signal chosen(url file)

    function open() {
        const folder = App.documentsFolder()
        fileDialog.currentFolder = folder
        fileDialog.selectedFile = folder + "/" + root.suggestedName
        fileDialog.open()
    }

    FileDialog {
        id: fileDialog
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save")
        // This dialog asks itself, for native and non-native dialogs alike (qmllint lacks the
        // type of `options` in Qt 6.4's qmltypes).
        options: FileDialog.DontConfirmOverwrite // qmllint disable
        onAccepted: {
            if (App.fileExists(selectedFile)) {
                replaceDialog.file = selectedFile
                replaceDialog.open()
            } else {
                root.chosen(selectedFile)
            }
        }
    }

    AppDialog {
        id: replaceDialog
        objectName: "replaceDialog"
        property url file
        parent: Overlay.overlay
        title: qsTr("Replace file?")
        width: 420
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("%1 already exists. Replace it?").arg(App.displayPath(replaceDialog.file))
        }
        Component.onCompleted: standardButton(Dialog.Ok).text = qsTr("Replace")
        onAccepted: root.chosen(replaceDialog.file)
    }
}
