import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Settings: start-up and closing, language and theme, the local UI protocol, about.
ScrollView {
    id: page
    objectName: "settingsPage"
    contentWidth: availableWidth
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Settings")

    component SettingSwitch: Switch {
        id: control
        focusPolicy: Qt.StrongFocus
        Accessible.name: control.text
        FocusRing { target: control }
    }

    ColumnLayout {
        width: Math.min(page.availableWidth, 760)
        spacing: Theme.gap

        Card {
            Layout.fillWidth: true
            title: qsTr("Start and close")
            SettingSwitch {
                text: qsTr("Start Routeless when I log in")
                checked: App.settings.autostart
                onToggled: App.settings.autostart = checked
            }
            SettingSwitch {
                text: qsTr("Start minimized to the tray")
                checked: App.settings.startMinimized
                enabled: App.trayAvailable
                onToggled: App.settings.startMinimized = checked
            }
            SettingSwitch {
                objectName: "closeToTray"
                text: qsTr("Closing the window keeps Routeless running in the tray")
                checked: App.settings.closeToTray
                enabled: App.trayAvailable
                onToggled: App.settings.closeToTray = checked
            }
            SettingSwitch {
                text: qsTr("Connect the last used profile on start")
                checked: App.settings.connectLast
                onToggled: App.settings.connectLast = checked
            }
            Label {
                visible: !App.trayAvailable
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.subtext
                font.pixelSize: Theme.fontLabel
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
                    objectName: "languageBox"
                    Layout.preferredWidth: 220
                    readonly property var codes: ["", "en", "de", "zh_CN"]
                    // Language names in their own language; only "follow the system" is translated.
                    model: [qsTr("Follow the system"), "English", "Deutsch", "简体中文"]
                    Accessible.name: qsTr("Language")
                    function sync() { currentIndex = Math.max(0, codes.indexOf(App.settings.language)) }
                    Component.onCompleted: sync()
                    // The model is rebuilt when the language changes: show the choice again.
                    onModelChanged: languageSync.restart()
                    onActivated: function(i) { App.settings.language = codes[i] }
                    Timer { id: languageSync; interval: 0; onTriggered: languageBox.sync() }
                    FocusRing { target: languageBox }
                }
                Label { text: qsTr("Theme") }
                ComboBox {
                    id: themeBox
                    objectName: "themeBox"
                    Layout.preferredWidth: 220
                    readonly property var codes: ["system", "light", "dark"]
                    model: [qsTr("Follow the system"), qsTr("Light"), qsTr("Dark")]
                    Accessible.name: qsTr("Theme")
                    function sync() { currentIndex = Math.max(0, codes.indexOf(App.settings.theme)) }
                    Component.onCompleted: sync()
                    onModelChanged: themeSync.restart()
                    onActivated: function(i) { App.settings.theme = codes[i] }
                    Timer { id: themeSync; interval: 0; onTriggered: themeBox.sync() }
                    FocusRing { target: themeBox }
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
                text: App.controlStatus
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            RowLayout {
                visible: App.controlMode === 3
                spacing: 8
                AppButton {
                    text: qsTr("Start the daemon's node")
                    enabled: !App.controlNodeRunning
                    onClicked: App.startDaemonNode()
                }
                AppButton {
                    text: qsTr("Stop the daemon's node")
                    enabled: App.controlNodeRunning
                    onClicked: App.stopDaemonNode()
                }
            }
        }

        Card {
            Layout.fillWidth: true
            title: qsTr("About")
            Label {
                text: qsTr("Routeless %1").arg(App.version)
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Settings and profiles: %1").arg(App.settings.configDirectory)
                color: Theme.subtext
                font.pixelSize: Theme.fontLabel
                elide: Text.ElideMiddle
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Agent: %1").arg(App.nodeProgram)
                color: Theme.subtext
                font.pixelSize: Theme.fontLabel
                elide: Text.ElideMiddle
            }
        }
    }
}
