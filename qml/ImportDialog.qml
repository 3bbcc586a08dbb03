import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// What an import would do, before it does it: as new profiles, or into the shown profile with
// the list of what changes there; and when two local agents would then listen on the same
// addresses, the offer to let only the first one listen.
AppDialog {
    id: dialog
    objectName: "importDialog"
    readonly property ProfileImport importer: App.profiles.importer
    signal finished(string error, string okText)

    title: qsTr("Import from %1").arg(importer.source)
    width: Math.min(620, (parent ? parent.width : 620) - 40)
    initialFocus: asNew
    standardButtons: Dialog.Ok | Dialog.Cancel
    onAboutToShow: {
        standardButton(Dialog.Ok).text = qsTr("Import")
        asNew.checked = true
        oneListener.checked = true
    }
    onAccepted: {
        const into = intoCurrent.checked
        const err = importer.commit(into, oneListener.checked)
        dialog.finished(err, into ? qsTr("Imported into %1.").arg(App.profiles.currentName)
                                  : qsTr("Imported."))
    }
    onRejected: importer.cancel()

    readonly property string conflict: intoCurrent.checked ? importer.mergeConflict : importer.conflict

    ColumnLayout {
        width: parent.width
        spacing: 8

        RadioButton {
            id: asNew
            objectName: "importAsNew"
            Layout.fillWidth: true
            text: qsTr("As new profile(s): %1").arg(Array.from(dialog.importer.names).join(", "))
            FocusRing { target: asNew }
        }
        RadioButton {
            id: intoCurrent
            objectName: "importIntoCurrent"
            Layout.fillWidth: true
            enabled: dialog.importer.canMerge
            text: qsTr("Into the shown profile, %1").arg(dialog.importer.mergeTarget)
            FocusRing { target: intoCurrent }
        }
        Rectangle {
            Layout.fillWidth: true
            visible: intoCurrent.checked
            implicitHeight: changes.implicitHeight + 16
            radius: Theme.smallRadius
            color: Theme.surfaceAlt
            Column {
                id: changes
                anchors.fill: parent
                anchors.margins: 8
                spacing: 2
                Repeater {
                    model: dialog.importer.mergeChanges
                    delegate: Label {
                        required property string modelData
                        width: changes.width
                        wrapMode: Text.WordWrap
                        text: "• " + modelData
                        color: Theme.text
                        font.pixelSize: Theme.fontLabel
                    }
                }
                Label {
                    visible: dialog.importer.mergeError.length > 0
                    width: changes.width
                    wrapMode: Text.WordWrap
                    text: dialog.importer.mergeError
                    color: Theme.bad
                }
            }
        }
        Label {
            objectName: "importConflict"
            Layout.fillWidth: true
            visible: dialog.conflict.length > 0
            text: dialog.conflict
            color: Theme.warn
            wrapMode: Text.WordWrap
        }
        CheckBox {
            id: oneListener
            objectName: "importOneListener"
            visible: dialog.conflict.length > 0
            Layout.fillWidth: true
            text: qsTr("Let only the first of them listen (loopback.disable for the others)")
            FocusRing { target: oneListener }
        }
        Repeater {
            model: dialog.importer.warnings
            delegate: Label {
                required property string modelData
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: modelData
                color: Theme.subtext
                font.pixelSize: Theme.fontLabel
            }
        }
    }
}
