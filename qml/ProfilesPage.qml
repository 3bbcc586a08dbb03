import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Routeless

// Profiles: list, create, duplicate, rename, delete (asked, with undo), restore the previous
// version, import (file, drop, clipboard; as new profiles or into the shown one, previewed),
// export, set default.
Item {
    id: page
    objectName: "profilesPage"
    required property ConfirmDialog confirm
    property string exportId: ""
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Profiles")

    readonly property bool narrow: page.width < 860

    function report(err, okText) {
        message.isError = err.length > 0
        message.undoText = ""
        message.text = err.length > 0 ? err : okText
    }

    function openImportFile() {
        importFileDialog.currentFolder = App.documentsFolder()
        importFileDialog.open()
    }

    // The import's first step: read it; the dialog shows what it would do.
    function preview(err) {
        if (err.length > 0)
            page.report(err, "")
        else
            importDialog.open()
    }

    function openExport(id) {
        page.exportId = id
        exportDialog.open()
    }

    function remove(id, name) {
        page.confirm.ask(qsTr("Delete profile %1?").arg(name),
                         qsTr("Its hosts, tunnels and masters go with it; if it is connected, it is disconnected first. You can undo this."),
                         qsTr("Delete"), function() {
                             const err = App.profiles.remove(id)
                             page.report(err, qsTr("Deleted %1.").arg(name))
                             if (err.length === 0)
                                 message.undoText = qsTr("Undo")
                         })
    }

    function restorePrevious(id, name) {
        page.confirm.ask(qsTr("Restore the previous version of %1?").arg(name),
                         qsTr("The profile goes back to how it was before its last change; the current version is kept, so doing this again swaps them back."),
                         qsTr("Restore"), function() {
                             page.report(App.profiles.restorePreviousVersion(id),
                                         qsTr("%1 is back to its previous version.").arg(name))
                         })
    }

    // The export file dialog suggests "<profile name>.<extension of the chosen format>".
    readonly property var exportExtensions: ["json", "yaml", "txt"]
    function exportNameFilters(format) {
        return [[qsTr("Routeless profiles (*.json)"), qsTr("NoRouter manifests (*.yaml *.yml)"),
                 qsTr("Text files (*.txt)")][Math.max(0, format)], qsTr("All files (*)")]
    }
    function openExportFile() {
        const name = App.profiles.name(page.exportId).replace(/[\/\\:*?"<>|]/g, "_")
        exportFileDialog.suggestedName = name + "." + exportExtensions[Math.max(0, formatBox.currentIndex)]
        exportFileDialog.open()
    }

    FileDialog {
        id: importFileDialog
        objectName: "importFileDialog"
        title: qsTr("Import profiles")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Profiles and manifests (*.json *.yaml *.yml *.txt)"),
                      qsTr("QR code images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)"), qsTr("All files (*)")]
        onAccepted: page.preview(App.profiles.importer.previewFile(selectedFile))
    }

    ImportDialog {
        id: importDialog
        onFinished: function(err, okText) { page.report(err, okText) }
    }

    SaveFileDialog {
        id: exportFileDialog
        objectName: "exportFileDialog"
        title: qsTr("Export \"%1\"").arg(App.profiles.name(page.exportId))
        nameFilters: page.exportNameFilters(formatBox.currentIndex)
        onChosen: function(file) {
            page.report(App.profiles.exportToFile(page.exportId, file, formatBox.currentIndex,
                                                  secretsBox.checked, pathsBox.checked),
                        qsTr("Exported %1.").arg(App.profiles.name(page.exportId)))
        }
    }

    AppDialog {
        id: nameDialog
        property string profileId: ""
        title: profileId.length > 0 ? qsTr("Rename profile %1").arg(App.profiles.name(profileId))
                                    : qsTr("New profile")
        initialFocus: nameField
        width: 380
        standardButtons: Dialog.Ok | Dialog.Cancel
        TextField {
            id: nameField
            objectName: "profileNameField"
            width: parent.width
            placeholderText: qsTr("Profile name")
            Accessible.name: qsTr("Profile name")
        }
        onAccepted: page.report(profileId.length > 0 ? App.profiles.rename(profileId, nameField.text)
                                                     : App.profiles.create(nameField.text), "")
    }

    // Export: format and what to leave out, then a file (the dialog's accept) or the clipboard.
    AppDialog {
        id: exportDialog
        objectName: "exportDialog"
        title: qsTr("Export \"%1\"").arg(App.profiles.name(page.exportId))
        initialFocus: saveToFileButton
        width: Math.min(520, page.width - 40)
        standardButtons: Dialog.Close
        onAccepted: page.openExportFile()
        ColumnLayout {
            width: parent.width
            spacing: 8
            ComboBox {
                id: formatBox
                Layout.fillWidth: true
                model: [qsTr("Routeless profile (JSON)"), qsTr("NoRouter manifest (YAML)"), qsTr("NodePass URLs (one per line)")]
                Accessible.name: qsTr("Format")
            }
            CheckBox {
                id: secretsBox
                text: qsTr("Include keys and API secrets")
                FocusRing { target: secretsBox }
            }
            CheckBox {
                id: pathsBox
                text: qsTr("Include local paths (state directories, certificates)")
                FocusRing { target: pathsBox }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.subtext
                font.pixelSize: Theme.fontLabel
                text: qsTr("Leave both unchecked to share a profile safely.")
            }
            RowLayout {
                AppButton {
                    id: saveToFileButton
                    text: qsTr("Save to file…")
                    highlighted: true
                    onClicked: exportDialog.accept()
                }
                AppButton {
                    text: qsTr("Copy to clipboard")
                    onClicked: {
                        App.copyText(App.profiles.exportText(page.exportId, formatBox.currentIndex,
                                                             secretsBox.checked, pathsBox.checked))
                        exportDialog.close()
                        page.report("", qsTr("Copied %1 to the clipboard.").arg(App.profiles.name(page.exportId)))
                    }
                }
            }
        }
    }

    DropArea {
        id: drop
        anchors.fill: parent
        onDropped: function(d) {
            if (d.hasUrls)
                page.preview(App.profiles.importer.previewFile(d.urls[0]))
            else if (d.hasText)
                page.preview(App.profiles.importer.previewText(d.text, "drop"))
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        Flow {
            Layout.fillWidth: true
            spacing: 8
            AppButton {
                objectName: "newProfile"
                text: qsTr("New profile")
                highlighted: true
                onClicked: {
                    nameDialog.profileId = ""
                    nameField.text = ""
                    nameDialog.open()
                }
            }
            AppButton {
                objectName: "importFile"
                text: qsTr("Import file…")
                onClicked: page.openImportFile()
            }
            AppButton {
                objectName: "importClipboard"
                text: qsTr("Import from clipboard")
                onClicked: page.preview(App.profiles.importer.previewClipboard())
            }
            Label {
                height: parent.children[0].height
                verticalAlignment: Text.AlignVCenter
                text: qsTr("or drop a file or links here")
                color: Theme.subtext
                font.pixelSize: Theme.fontLabel
            }
        }

        MessageBar {
            id: message
            objectName: "profilesMessage"
            Layout.fillWidth: true
            onUndo: {
                const name = App.profiles.undoName
                page.report(App.profiles.undo(), qsTr("%1 is back.").arg(name))
            }
        }

        Card {
            Layout.fillWidth: true
            Layout.fillHeight: true
            title: qsTr("Saved profiles")
            subtitle: qsTr("Stored in %1").arg(App.profiles.directory)

            ListView {
                id: list
                objectName: "profileList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 6
                model: App.profiles.model
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Saved profiles")
                ScrollBar.vertical: ScrollBar {}
                delegate: Rectangle {
                    id: profileRow
                    required property int index
                    required property string profileId
                    required property string name
                    required property string summary
                    required property bool isDefault
                    required property bool isActive
                    required property bool isCurrent

                    width: ListView.view.width
                    implicitHeight: rowLayout.implicitHeight + 16
                    radius: Theme.smallRadius
                    color: isCurrent ? Theme.accentSoft : (index % 2 === 0 ? Theme.surfaceAlt : Theme.surface)
                    border.color: isCurrent ? Theme.accent : "transparent"
                    Accessible.role: Accessible.ListItem
                    Accessible.name: qsTr("Profile %1, %2").arg(name).arg(summary)
                    Accessible.selected: isCurrent

                    MouseArea {
                        anchors.fill: parent
                        onClicked: App.profiles.currentId = profileRow.profileId
                    }

                    RowLayout {
                        id: rowLayout
                        anchors.fill: parent
                        anchors.leftMargin: 12
                        anchors.rightMargin: 8
                        spacing: 10
                        ColumnLayout {
                            id: nameColumn
                            Layout.fillWidth: true
                            spacing: 2
                            RowLayout {
                                spacing: 8
                                Label {
                                    text: profileRow.name
                                    font.weight: Font.DemiBold
                                    font.pixelSize: Theme.fontBody
                                    color: Theme.text
                                    elide: Text.ElideRight
                                    Layout.maximumWidth: 220
                                }
                                StateBadge {
                                    visible: profileRow.isActive
                                    tone: App.connection.tone
                                    label: App.connection.stateText
                                }
                                StateBadge {
                                    visible: profileRow.isDefault
                                    tone: Tone.Idle
                                    label: qsTr("Default")
                                }
                            }
                            Label {
                                // Filling the width makes the column fill the row: a column
                                // whose children all have a fixed width stops growing, and
                                // the row's spare room then landed between the buttons, so
                                // each row's Connect button sat somewhere else.
                                Layout.fillWidth: true
                                text: profileRow.summary
                                elide: Text.ElideRight
                                color: Theme.subtext
                                font.pixelSize: Theme.fontLabel
                            }
                        }
                        AppButton {
                            objectName: "connectProfile"
                            text: profileRow.isActive ? qsTr("Disconnect") : qsTr("Connect")
                            accessibleName: profileRow.isActive ? qsTr("Disconnect %1").arg(profileRow.name)
                                                                : qsTr("Connect %1").arg(profileRow.name)
                            highlighted: !profileRow.isActive
                            onClicked: App.connection.toggle(profileRow.profileId)
                        }
                        RowActions {
                            // At most as wide as its buttons, so every row's Connect button
                            // ends in one column; narrower (folded) only when the row is short
                            // of room. (Not filling would pin it at its buttons' width: a
                            // layout never shrinks an item that does not fill.)
                            Layout.maximumWidth: fullWidth
                            menuName: qsTr("Actions for profile %1").arg(profileRow.name)
                            actions: [
                                RowAction {
                                    text: qsTr("Make default")
                                    accessibleName: qsTr("Make %1 the default profile").arg(profileRow.name)
                                    enabled: !profileRow.isDefault
                                    onTriggered: App.profiles.setDefault(profileRow.profileId)
                                },
                                RowAction {
                                    text: qsTr("Rename")
                                    accessibleName: qsTr("Rename profile %1").arg(profileRow.name)
                                    onTriggered: {
                                        nameDialog.profileId = profileRow.profileId
                                        nameField.text = profileRow.name
                                        nameDialog.open()
                                    }
                                },
                                RowAction {
                                    text: qsTr("Duplicate")
                                    accessibleName: qsTr("Duplicate profile %1").arg(profileRow.name)
                                    onTriggered: page.report(App.profiles.duplicate(profileRow.profileId),
                                                             qsTr("Duplicated %1.").arg(profileRow.name))
                                },
                                RowAction {
                                    text: qsTr("Restore previous")
                                    accessibleName: qsTr("Restore the previous version of profile %1").arg(profileRow.name)
                                    enabled: App.profiles.model.count >= 0 && App.profiles.hasPreviousVersion(profileRow.profileId)
                                    onTriggered: page.restorePrevious(profileRow.profileId, profileRow.name)
                                },
                                RowAction {
                                    text: qsTr("Export")
                                    accessibleName: qsTr("Export profile %1").arg(profileRow.name)
                                    onTriggered: page.openExport(profileRow.profileId)
                                },
                                RowAction {
                                    text: qsTr("Delete")
                                    accessibleName: qsTr("Delete profile %1").arg(profileRow.name)
                                    destructive: true
                                    onTriggered: page.remove(profileRow.profileId, profileRow.name)
                                }
                            ]
                        }
                    }
                }
            }
        }
    }
}
