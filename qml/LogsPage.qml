import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Logs: the app's and the engines' log lines, filtered by level, source and text.
ColumnLayout {
    id: page
    spacing: Theme.gap

    readonly property LogFilterModel logFilter: Backend.logView

    function sourceItems() {
        const out = [qsTr("All sources")]
        const sources = Backend.logs.sources
        for (let i = 0; i < sources.length; ++i)
            out.push(sources[i])
        return out
    }

    property string saveError: ""

    function openSave() { saveDialog.open() }

    SaveFileDialog {
        id: saveDialog
        objectName: "saveLogDialog"
        title: qsTr("Save log")
        suggestedName: "routeless.log"
        nameFilters: [qsTr("Log files (*.log *.txt)"), qsTr("All files (*)")]
        onChosen: function(file) { page.saveError = page.logFilter.saveVisible(file) }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: 8
        ComboBox {
            id: levelBox
            objectName: "levelBox"
            Layout.preferredWidth: 150
            model: [qsTr("All levels"), qsTr("Info and above"), qsTr("Warnings and errors"), qsTr("Errors only")]
            onCurrentIndexChanged: page.logFilter.minimumLevel = currentIndex
        }
        ComboBox {
            id: sourceBox
            Layout.preferredWidth: 160
            model: page.sourceItems()
            onActivated: function(i) { page.logFilter.source = i <= 0 ? "" : currentText }
        }
        TextField {
            id: searchField
            Layout.fillWidth: true
            placeholderText: qsTr("Search")
            onTextChanged: page.logFilter.text = text
        }
        Button {
            text: qsTr("Copy")
            onClicked: page.logFilter.copyVisible()
        }
        Button {
            text: qsTr("Save…")
            onClicked: page.openSave()
        }
        Button {
            text: qsTr("Clear")
            onClicked: Backend.logs.clear()
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
                Label {
                    text: line.time
                    font.family: Theme.mono
                    font.pixelSize: 12
                    color: Theme.subtext
                }
                Label {
                    text: line.levelName
                    Layout.preferredWidth: 58
                    font.family: Theme.mono
                    font.pixelSize: 12
                    color: line.level >= 3 ? Theme.bad : line.level === 2 ? Theme.warn : Theme.subtext
                }
                Label {
                    text: line.source
                    Layout.preferredWidth: 70
                    elide: Text.ElideRight
                    font.family: Theme.mono
                    font.pixelSize: 12
                    color: Theme.accent
                }
                Label {
                    text: line.message
                    Layout.fillWidth: true
                    font.family: Theme.mono
                    font.pixelSize: 12
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
        font.pixelSize: 12
    }
}
