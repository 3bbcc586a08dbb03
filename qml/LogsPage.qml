import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Logs: the app's and the engines' log lines, filtered by level, source and text.
ColumnLayout {
    id: page
    objectName: "logsPage"
    spacing: Theme.gap
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Logs")

    readonly property LogFilterModel logFilter: App.logView
    // Asks before Clear empties the log (Main's dialog; clears at once only without one).
    property ConfirmDialog confirm: null
    property string saveError: ""

    function sourceItems() {
        const out = [qsTr("All sources")]
        const sources = App.logs.sources
        for (let i = 0; i < sources.length; ++i)
            out.push(sources[i])
        return out
    }

    function openSave() { saveDialog.open() }

    SaveFileDialog {
        id: saveDialog
        objectName: "saveLogDialog"
        title: qsTr("Save log")
        suggestedName: "routeless.log"
        nameFilters: [qsTr("Log files (*.log *.txt)"), qsTr("All files (*)")]
        onChosen: function(file) { page.saveError = page.logFilter.saveVisible(file) }
    }

    Flow {
        Layout.fillWidth: true
        spacing: 8
        ComboBox {
            id: levelBox
            objectName: "levelBox"
            width: 170
            model: [qsTr("All levels"), qsTr("Info and above"), qsTr("Warnings and errors"), qsTr("Errors only")]
            onCurrentIndexChanged: page.logFilter.minimumLevel = currentIndex
            Accessible.name: qsTr("Level")
            FocusRing { target: levelBox }
        }
        ComboBox {
            id: sourceBox
            width: 150
            model: page.sourceItems()
            onActivated: function(i) { page.logFilter.source = i <= 0 ? "" : currentText }
            Accessible.name: qsTr("Source")
            FocusRing { target: sourceBox }
        }
        TextField {
            id: searchField
            width: Math.max(160, page.width - 170 - 150 - buttons.width - 4 * 8)
            placeholderText: qsTr("Search")
            onTextChanged: page.logFilter.text = text
            Accessible.name: qsTr("Search the log")
        }
        Row {
            id: buttons
            spacing: 8
            AppButton {
                text: qsTr("Copy")
                accessibleName: qsTr("Copy the lines shown")
                onClicked: page.logFilter.copyVisible()
            }
            AppButton {
                objectName: "saveLog"
                text: qsTr("Save…")
                accessibleName: qsTr("Save the lines shown to a file")
                onClicked: page.openSave()
            }
            AppButton {
                objectName: "clearLog"
                text: qsTr("Clear")
                accessibleName: qsTr("Clear the log")
                onClicked: {
                    if (!page.confirm)
                        return App.logs.clear()
                    page.confirm.ask(qsTr("Clear the log?"),
                                     qsTr("Every line goes, in every source and level, not only the lines shown. Save them first if you may need them."),
                                     qsTr("Clear"), function() { App.logs.clear() })
                }
            }
        }
    }

    Rectangle {
        Layout.fillWidth: true
        Layout.fillHeight: true
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border

        ListView {
            id: logView
            anchors.fill: parent
            anchors.margins: 8
            clip: true
            model: page.logFilter
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Log lines")
            ScrollBar.vertical: ScrollBar {}
            onCountChanged: if (atYEnd || count < 50) positionViewAtEnd()
            delegate: RowLayout {
                id: line
                required property string time
                required property int level
                required property string levelName
                required property string source
                required property string message
                width: ListView.view.width - 12
                spacing: 10
                Accessible.role: Accessible.ListItem
                Accessible.name: levelName + " " + source + ": " + message
                Label {
                    text: line.time
                    font.family: Theme.mono
                    font.pixelSize: Theme.fontLabel
                    color: Theme.subtext
                }
                Label {
                    text: line.levelName
                    Layout.preferredWidth: 58
                    font.family: Theme.mono
                    font.pixelSize: Theme.fontLabel
                    color: line.level >= LogModel.Error ? Theme.bad : line.level === LogModel.Warning ? Theme.warn : Theme.subtext
                }
                Label {
                    text: line.source
                    Layout.preferredWidth: 70
                    elide: Text.ElideRight
                    font.family: Theme.mono
                    font.pixelSize: Theme.fontLabel
                    color: Theme.accent
                }
                Label {
                    text: line.message
                    Layout.fillWidth: true
                    font.family: Theme.mono
                    font.pixelSize: Theme.fontLabel
                    color: Theme.text
                    elide: Text.ElideRight
                }
            }
        }
    }

    Label {
        visible: page.saveError.length > 0
        Layout.fillWidth: true
        text: qsTr("The log was not saved: %1").arg(page.saveError)
        color: Theme.bad
        wrapMode: Text.WordWrap
    }

    Label {
        text: qsTr("%1 lines shown").arg(page.logFilter.count)
        color: Theme.subtext
        font.pixelSize: Theme.fontLabel
    }
}
