import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Routeless

// Profiles: list, create, duplicate, rename, delete, import (file, drop, clipboard), export,
// set default.
Item {
    id: page

    objectName: "profilesPage"
    property string message: ""
    property bool messageIsError: false
    property string exportId: ""

    function report(err, okText) {
        messageIsError = err.length > 0
        message = err.length > 0 ? err : okText
    }

    function openImportFile() {
        importDialog.currentFolder = Backend.documentsFolder()
        importDialog.open()
    }

    function openExport(id) {
        page.exportId = id
        exportDialog.open()
    }

    // The export file dialog suggests "<profile name>.<extension of the chosen format>".
    readonly property var exportExtensions: ["json", "yaml", "txt"]
    function exportNameFilters(format) {
        return [[qsTr("Routeless profiles (*.json)"), qsTr("NoRouter manifests (*.yaml *.yml)"),
                 qsTr("Text files (*.txt)")][Math.max(0, format)], qsTr("All files (*)")]
    }
    function openExportFile() {
        const name = Backend.profileName(page.exportId).replace(/[\/\\:*?"<>|]/g, "_")
        exportFileDialog.suggestedName = name + "." + exportExtensions[Math.max(0, formatBox.currentIndex)]
        exportFileDialog.open()
    }

    Connections {
        target: Backend
        function onProfileRenameRequested(id) {
            nameDialog.profileId = id
            nameField.text = Backend.profileName(id)
            nameDialog.open()
        }
        function onProfileExportRequested(id) { page.openExport(id) }
        function onResultReported(text, isError) {
            page.messageIsError = isError
            page.message = text
        }
    }

    FileDialog {
        id: importDialog
        objectName: "importDialog"
        title: qsTr("Import profiles")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Profiles and manifests (*.json *.yaml *.yml *.txt)"), qsTr("All files (*)")]
        onAccepted: page.report(Backend.importFile(selectedFile), qsTr("Imported."))
    }

    SaveFileDialog {
        id: exportFileDialog
        objectName: "exportFileDialog"
        title: qsTr("Export \"%1\"").arg(Backend.profileName(page.exportId))
        nameFilters: page.exportNameFilters(formatBox.currentIndex)
        onChosen: function(file) {
            page.report(Backend.exportProfileToFile(page.exportId, file, formatBox.currentIndex,
                                                    secretsBox.checked, pathsBox.checked),
                        qsTr("Exported."))
        }
    }

    AppDialog {
        id: nameDialog
        property string profileId: ""
        title: profileId.length > 0 ? qsTr("Rename profile") : qsTr("New profile")
        initialFocus: nameField
        width: 380
        standardButtons: Dialog.Ok | Dialog.Cancel
        TextField {
            id: nameField
            width: parent.width
            placeholderText: qsTr("Profile name")
        }
        onAccepted: page.report(profileId.length > 0 ? Backend.renameProfile(profileId, nameField.text)
                                                     : Backend.createProfile(nameField.text), "")
    }

    // Export: format and what to leave out, then a file (the dialog's accept) or the clipboard.
    AppDialog {
        id: exportDialog
        objectName: "exportDialog"
        title: qsTr("Export \"%1\"").arg(Backend.profileName(page.exportId))
        initialFocus: saveToFileButton
        width: 520
        standardButtons: Dialog.Close
        onAccepted: page.openExportFile()
        ColumnLayout {
            width: parent.width
            spacing: 8
            ComboBox {
                id: formatBox
                Layout.fillWidth: true
                model: [qsTr("Routeless profile (JSON)"), qsTr("NoRouter manifest (YAML)"), qsTr("NodePass URLs (one per line)")]
            }
            CheckBox {
                id: secretsBox
                text: qsTr("Include keys and API secrets")
            }
            CheckBox {
                id: pathsBox
                text: qsTr("Include local paths (state directories, certificates)")
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.subtext
                font.pixelSize: 12
                text: qsTr("Leave both unchecked to share a profile safely.")
            }
            RowLayout {
                Button {
                    id: saveToFileButton
                    text: qsTr("Save to file…")
                    highlighted: true
                    onClicked: exportDialog.accept()
                }
                Button {
                    text: qsTr("Copy to clipboard")
                    onClicked: {
                        Backend.copyText(Backend.exportProfileText(page.exportId, formatBox.currentIndex,
                                                                   secretsBox.checked, pathsBox.checked))
                        page.report("", qsTr("Copied to the clipboard."))
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
                page.report(Backend.importFile(d.urls[0]), qsTr("Imported."))
            else if (d.hasText)
                page.report(Backend.importText(d.text, "drop"), qsTr("Imported."))
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Button {
                text: qsTr("New profile")
                highlighted: true
                onClicked: {
                    nameDialog.profileId = ""
                    nameField.text = ""
                    nameDialog.open()
                }
            }
            Button {
                text: qsTr("Import file…")
                onClicked: page.openImportFile()
            }
            Button {
                text: qsTr("Import from clipboard")
                onClicked: page.report(Backend.importClipboard(), qsTr("Imported."))
            }
            Item { Layout.fillWidth: true }
            Label {
                text: qsTr("Drop a file or links here to import")
                color: Theme.subtext
                font.pixelSize: 12
            }
        }

        Rectangle {
            Layout.fillWidth: true
            visible: page.message.length > 0
            implicitHeight: messageLabel.implicitHeight + 16
            radius: 6
            color: page.messageIsError ? Qt.rgba(Theme.bad.r, Theme.bad.g, Theme.bad.b, 0.12)
                                       : Qt.rgba(Theme.good.r, Theme.good.g, Theme.good.b, 0.12)
            Label {
                id: messageLabel
                anchors.fill: parent
                anchors.margins: 8
                wrapMode: Text.WordWrap
                text: page.message
                color: page.messageIsError ? Theme.bad : Theme.good
            }
        }

        Card {
            Layout.fillWidth: true
            Layout.fillHeight: true
            title: qsTr("Saved profiles")
            subtitle: qsTr("Stored in %1").arg(Backend.settings.configDirectory + "/profiles")

            ListView {
                id: list
                objectName: "profileList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 6
                model: Backend.profiles
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
                    implicitHeight: 58
                    radius: 6
                    color: isCurrent ? Theme.accentSoft : (index % 2 === 0 ? Theme.surfaceAlt : Theme.surface)
                    border.color: isCurrent ? Theme.accent : "transparent"

                    MouseArea {
                        anchors.fill: parent
                        onClicked: Backend.currentProfileId = profileRow.profileId
                    }

                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 12
                        anchors.rightMargin: 8
                        spacing: 10
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            RowLayout {
                                spacing: 8
                                Label {
                                    text: profileRow.name
                                    font.weight: Font.DemiBold
                                    font.pixelSize: 14
                                    color: Theme.text
                                }
                                StateBadge {
                                    visible: profileRow.isActive
                                    value: "Connected"
                                    label: qsTr("Connected")
                                }
                                StateBadge {
                                    visible: profileRow.isDefault
                                    value: "Default"
                                    label: qsTr("Default")
                                }
                            }
                            Label {
                                text: profileRow.summary
                                color: Theme.subtext
                                font.pixelSize: 12
                            }
                        }
                        Button {
                            text: profileRow.isActive ? qsTr("Disconnect") : qsTr("Connect")
                            highlighted: !profileRow.isActive
                            onClicked: Backend.toggleProfile(profileRow.profileId)
                        }
                        ToolButton {
                            text: qsTr("Default")
                            enabled: !profileRow.isDefault
                            onClicked: Backend.setDefaultProfile(profileRow.profileId)
                        }
                        ToolButton {
                            text: qsTr("Rename")
                            onClicked: Backend.requestProfileRename(profileRow.profileId)
                        }
                        ToolButton {
                            text: qsTr("Duplicate")
                            onClicked: Backend.reportResult(Backend.duplicateProfile(profileRow.profileId), "")
                        }
                        ToolButton {
                            text: qsTr("Export")
                            onClicked: Backend.requestProfileExport(profileRow.profileId)
                        }
                        ToolButton {
                            text: qsTr("Delete")
                            onClicked: Backend.reportResult(Backend.deleteProfile(profileRow.profileId), "")
                        }
                    }
                }
            }
        }
    }
}
