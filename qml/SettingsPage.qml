import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Settings: start-up behaviour, language and theme.
ScrollView {
    id: page
    contentWidth: availableWidth
    clip: true

    ColumnLayout {
        width: Math.min(page.availableWidth, 760)
        spacing: Theme.gap

        Card {
            Layout.fillWidth: true
            title: qsTr("Start-up")
            Switch {
                text: qsTr("Start Routeless when I log in")
                checked: Backend.settings.autostart
                onToggled: Backend.settings.autostart = checked
            }
            Switch {
                text: qsTr("Start minimized to the tray")
                checked: Backend.settings.startMinimized
                enabled: Backend.trayAvailable
                onToggled: Backend.settings.startMinimized = checked
            }
            Switch {
                text: qsTr("Connect the last used profile on start")
                checked: Backend.settings.connectLast
                onToggled: Backend.settings.connectLast = checked
            }
            Label {
                visible: !Backend.trayAvailable
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.subtext
                font.pixelSize: 12
                text: qsTr("No system tray was found, so closing the window quits Routeless.")
            }
        }

        Card {
            Layout.fillWidth: true
            title: qsTr("Appearance")
            GridLayout {
                columns: 2
                columnSpacing: 16
                rowSpacing: 8
                Label { text: qsTr("Language") }
                ComboBox {
                    id: languageBox
                    Layout.preferredWidth: 220
                    readonly property var codes: ["", "en", "de", "zh_CN"]
                    model: [qsTr("System default"), "English", "Deutsch", "简体中文"]
                    currentIndex: Math.max(0, codes.indexOf(Backend.settings.language))
                    onActivated: function(i) { Backend.settings.language = codes[i] }
                }
                Label { text: qsTr("Theme") }
                ComboBox {
                    id: themeBox
                    objectName: "themeBox"
                    Layout.preferredWidth: 220
                    readonly property var codes: ["light", "dark"]
                    model: [qsTr("Light"), qsTr("Dark")]
                    currentIndex: Math.max(0, codes.indexOf(Backend.settings.theme))
                    onActivated: function(i) { Backend.settings.theme = codes[i] }
                }
            }
        }

        Card {
            Layout.fillWidth: true
            title: qsTr("Control")
            subtitle: qsTr("Scripts and the command line drive the same engine: routeless-node ctl status")
            Label {
                objectName: "controlStatus"
                Layout.fillWidth: true
                text: Backend.controlStatus
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            RowLayout {
                visible: Backend.controlMode === 3
                spacing: 8
                Button {
                    text: qsTr("Start the daemon's node")
                    enabled: !Backend.controlNodeRunning
                    onClicked: Backend.controlStartNode()
                }
                Button {
                    text: qsTr("Stop the daemon's node")
                    enabled: Backend.controlNodeRunning
                    onClicked: Backend.controlStopNode()
                }
            }
        }

        Card {
            Layout.fillWidth: true
            title: qsTr("About")
            Label {
                text: qsTr("Routeless %1").arg(Backend.version)
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Settings and profiles: %1").arg(Backend.settings.configDirectory)
                color: Theme.subtext
                font.pixelSize: 12
                elide: Text.ElideMiddle
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Agent: %1").arg(Backend.nodeProgram)
                color: Theme.subtext
                font.pixelSize: 12
                elide: Text.ElideMiddle
            }
        }
    }
}
