import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

ApplicationWindow {
    id: window
    title: Backend.activeProfileId.length > 0
           ? qsTr("Routeless — %1").arg(Backend.connectionStateText)
           : qsTr("Routeless")
    width: 1180
    height: 760
    minimumWidth: 900
    minimumHeight: 560
    color: Theme.window

    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.alternateBase: Theme.surfaceAlt
    palette.text: Theme.text
    palette.button: Theme.surfaceAlt
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: "#ffffff"
    palette.placeholderText: Theme.subtext
    palette.mid: Theme.border
    palette.light: Theme.surface
    palette.dark: Theme.border
    palette.toolTipBase: Theme.surface
    palette.toolTipText: Theme.text

    // Hide to the tray when there is one; otherwise closing quits.
    onClosing: function(close) {
        if (Backend.trayAvailable) {
            close.accepted = false
            window.hide()
        }
    }

    // Keyboard: Ctrl+1…5 open the pages; Ctrl+O imports a file, Ctrl+E exports the shown
    // profile, Ctrl+S saves the log (on Logs).
    Shortcut { sequence: "Ctrl+1"; onActivated: Backend.currentPage = 0 }
    Shortcut { sequence: "Ctrl+2"; onActivated: Backend.currentPage = 1 }
    Shortcut { sequence: "Ctrl+3"; onActivated: Backend.currentPage = 2 }
    Shortcut { sequence: "Ctrl+4"; onActivated: Backend.currentPage = 3 }
    Shortcut { sequence: "Ctrl+5"; onActivated: Backend.currentPage = 4 }
    Shortcut {
        sequence: "Ctrl+O"
        onActivated: {
            Backend.currentPage = 2
            profilesPage.openImportFile()
        }
    }
    Shortcut {
        sequence: "Ctrl+E"
        enabled: Backend.currentProfileId.length > 0
        onActivated: {
            Backend.currentPage = 2
            profilesPage.openExport(Backend.currentProfileId)
        }
    }
    Shortcut {
        sequence: "Ctrl+S"
        enabled: Backend.currentPage === 3
        onActivated: logsPage.openSave()
    }

    readonly property var pageNames: [qsTr("Mesh"), qsTr("Tunnels"), qsTr("Profiles"), qsTr("Logs"), qsTr("Settings")]
    readonly property var pages: [
        { name: qsTr("Mesh"), glyph: "◉" },
        { name: qsTr("Tunnels"), glyph: "⇄" },
        { name: qsTr("Profiles"), glyph: "☰" },
        { name: qsTr("Logs"), glyph: "≡" },
        { name: qsTr("Settings"), glyph: "⚙" }
    ]

    RowLayout {
        anchors.fill: parent
        spacing: 0

        // ------------------------------------------------------------ sidebar
        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: 216
            color: Theme.sidebar

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: 12
                spacing: 4

                RowLayout {
                    Layout.bottomMargin: 14
                    Layout.topMargin: 4
                    spacing: 10
                    Logo {
                        Layout.preferredWidth: 30
                        Layout.preferredHeight: 30
                    }
                    ColumnLayout {
                        spacing: 0
                        Label {
                            text: "Routeless"
                            font.pixelSize: 17
                            font.weight: Font.Bold
                            color: Theme.text
                        }
                        Label {
                            text: qsTr("Meshes and tunnels")
                            font.pixelSize: 11
                            color: Theme.subtext
                        }
                    }
                }

                Repeater {
                    model: window.pages
                    delegate: NavButton {
                        required property int index
                        required property var modelData
                        Layout.fillWidth: true
                        text: modelData.name
                        glyph: modelData.glyph
                        selected: Backend.currentPage === index
                        onClicked: Backend.currentPage = index
                    }
                }

                Item { Layout.fillHeight: true }

                // Connection summary and the main switch.
                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: statusColumn.implicitHeight + 24
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border

                    ColumnLayout {
                        id: statusColumn
                        anchors.fill: parent
                        anchors.margins: 12
                        spacing: 8
                        StateBadge {
                            value: Backend.connectionState === 2 ? "Connected"
                                 : Backend.connectionState === 1 ? "Connecting"
                                 : Backend.connectionState === 3 ? "Problem" : "Stopped"
                            label: Backend.connectionStateText
                        }
                        Label {
                            Layout.fillWidth: true
                            text: Backend.activeProfileId.length > 0
                                  ? Backend.profiles.count >= 0 && Backend.currentIsActive ? Backend.currentProfileName : qsTr("Another profile")
                                  : qsTr("No profile connected")
                            elide: Text.ElideRight
                            color: Theme.text
                            font.weight: Font.DemiBold
                        }
                        Label {
                            visible: Backend.activeProfileId.length > 0
                            text: qsTr("↓ %1   ↑ %2").arg(Backend.rxRate).arg(Backend.txRate)
                            color: Theme.subtext
                            font.pixelSize: 12
                        }
                        Button {
                            Layout.fillWidth: true
                            enabled: Backend.currentProfileId.length > 0 || Backend.activeProfileId.length > 0
                            text: Backend.activeProfileId.length > 0 ? qsTr("Disconnect") : qsTr("Connect")
                            highlighted: Backend.activeProfileId.length === 0
                            onClicked: Backend.activeProfileId.length > 0 ? Backend.disconnectProfile()
                                                                          : Backend.connectProfile(Backend.currentProfileId)
                        }
                    }
                }
            }
        }

        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            color: Theme.border
        }

        // ------------------------------------------------------------ content
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            // Header: page title and the profile the screens show.
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: 60
                color: Theme.window

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 24
                    anchors.rightMargin: 24
                    spacing: 12
                    Label {
                        text: window.pageNames[Backend.currentPage]
                        font.pixelSize: 22
                        font.weight: Font.DemiBold
                        color: Theme.text
                    }
                    Item { Layout.fillWidth: true }
                    Label {
                        text: qsTr("Profile")
                        color: Theme.subtext
                        visible: Backend.currentPage < 2
                    }
                    ComboBox {
                        id: profileBox
                        visible: Backend.currentPage < 2
                        Layout.preferredWidth: 220
                        model: Backend.profiles
                        textRole: "name"
                        valueRole: "profileId"
                        currentIndex: Backend.profiles.indexOf(Backend.currentProfileId)
                        onActivated: Backend.currentProfileId = currentValue
                    }
                }
            }

            StackLayout {
                objectName: "pages"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.leftMargin: 24
                Layout.rightMargin: 24
                Layout.bottomMargin: 20
                currentIndex: Backend.currentPage

                MeshPage {}
                TunnelsPage {}
                ProfilesPage { id: profilesPage }
                LogsPage { id: logsPage }
                SettingsPage {}
            }
        }
    }
}
