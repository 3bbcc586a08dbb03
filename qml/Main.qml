import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    // Qt adds the application's name ("Routeless") to the title itself.
    title: App.connection.activeId.length > 0 ? App.connection.stateText : ""
    width: 1180
    height: 760
    minimumWidth: 800
    minimumHeight: 520
    color: Theme.window

    // Below this width the sidebar shows icons only.
    readonly property bool compact: window.width < 1100

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

    // Close to the tray when there is one (and the user wants it); otherwise closing quits.
    onClosing: function(close) {
        if (App.trayAvailable && App.settings.closeToTray) {
            close.accepted = false
            window.hide()
        }
    }

    // Keyboard: Ctrl+1…5 and Ctrl+Tab / Ctrl+Shift+Tab open the pages; Ctrl+O imports a file,
    // Ctrl+E exports the shown profile, Ctrl+S saves the log (on Logs), Ctrl+T tests every host
    // and tunnel.
    Shortcut { sequence: "Ctrl+1"; onActivated: App.currentPage = App.MeshPage }
    Shortcut { sequence: "Ctrl+2"; onActivated: App.currentPage = App.TunnelsPage }
    Shortcut { sequence: "Ctrl+3"; onActivated: App.currentPage = App.ProfilesPage }
    Shortcut { sequence: "Ctrl+4"; onActivated: App.currentPage = App.LogsPage }
    Shortcut { sequence: "Ctrl+5"; onActivated: App.currentPage = App.SettingsPage }
    Shortcut {
        sequences: ["Ctrl+Tab", "Ctrl+PgDown"]
        onActivated: App.currentPage = (App.currentPage + 1) % window.pages.length
    }
    Shortcut {
        sequences: ["Ctrl+Shift+Tab", "Ctrl+Backtab", "Ctrl+PgUp"]
        onActivated: App.currentPage = (App.currentPage + window.pages.length - 1) % window.pages.length
    }
    Shortcut {
        sequence: "Ctrl+O"
        onActivated: {
            App.currentPage = App.ProfilesPage
            profilesPage.openImportFile()
        }
    }
    Shortcut {
        sequence: "Ctrl+E"
        enabled: App.profiles.currentId.length > 0
        onActivated: {
            App.currentPage = App.ProfilesPage
            profilesPage.openExport(App.profiles.currentId)
        }
    }
    Shortcut {
        sequence: "Ctrl+S"
        enabled: App.currentPage === App.LogsPage
        onActivated: logsPage.openSave()
    }
    Shortcut {
        sequence: "Ctrl+T"
        onActivated: window.testAll()
    }

    function testAll() {
        App.hosts.pingAll()
        App.tunnels.pingAll()
    }

    readonly property var pages: [
        { name: qsTr("Mesh"), glyph: "◉" },
        { name: qsTr("Tunnels"), glyph: "⇄" },
        { name: qsTr("Profiles"), glyph: "☰" },
        { name: qsTr("Logs"), glyph: "≡" },
        { name: qsTr("Settings"), glyph: "⚙" }
    ]

    // Asks before destructive actions of every screen.
    ConfirmDialog { id: confirmDialog }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        // ------------------------------------------------------------ sidebar
        Rectangle {
            objectName: "sidebar"
            Layout.fillHeight: true
            Layout.preferredWidth: window.compact ? 64 : 216
            color: Theme.sidebar
            Accessible.role: Accessible.PageTabList
            Accessible.name: qsTr("Pages")

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: window.compact ? 8 : 12
                spacing: 4

                RowLayout {
                    Layout.bottomMargin: 14
                    Layout.topMargin: 4
                    Layout.alignment: window.compact ? Qt.AlignHCenter : Qt.AlignLeft
                    spacing: 10
                    Logo {
                        Layout.preferredWidth: 30
                        Layout.preferredHeight: 30
                        Accessible.role: Accessible.Graphic
                        Accessible.name: "Routeless"
                    }
                    ColumnLayout {
                        visible: !window.compact
                        spacing: 0
                        Label {
                            text: "Routeless"
                            font.pixelSize: Theme.fontValue - 3
                            font.weight: Font.Bold
                            color: Theme.text
                        }
                        Label {
                            text: qsTr("Meshes and tunnels")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.subtext
                        }
                    }
                }

                Repeater {
                    model: window.pages
                    delegate: NavButton {
                        required property int index
                        required property var modelData
                        objectName: "nav" + index
                        Layout.fillWidth: true
                        compact: window.compact
                        text: modelData.name
                        glyph: modelData.glyph
                        shortcutText: "Ctrl+" + (index + 1)
                        selected: App.currentPage === index
                        onClicked: App.currentPage = index
                    }
                }

                Item { Layout.fillHeight: true }

                ConnectionCard {
                    Layout.fillWidth: true
                    compact: window.compact
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
            RowLayout {
                Layout.fillWidth: true
                Layout.preferredHeight: 60
                Layout.leftMargin: 24
                Layout.rightMargin: 24
                spacing: 12
                Label {
                    text: window.pages[App.currentPage].name
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                    color: Theme.text
                    Accessible.role: Accessible.Heading
                }
                Item { Layout.fillWidth: true }
                Label {
                    text: qsTr("Profile")
                    color: Theme.subtext
                    visible: App.currentPage < App.ProfilesPage
                }
                ComboBox {
                    id: profileBox
                    objectName: "profileBox"
                    visible: App.currentPage < App.ProfilesPage
                    Layout.preferredWidth: window.compact ? 180 : 220
                    model: App.profiles.model
                    textRole: "name"
                    valueRole: "profileId"
                    currentIndex: App.profiles.model.indexOf(App.profiles.currentId)
                    onActivated: App.profiles.currentId = currentValue
                    Accessible.name: qsTr("Profile shown")
                    FocusRing { target: profileBox }
                }
            }

            StackLayout {
                objectName: "pages"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.leftMargin: window.compact ? 16 : 24
                Layout.rightMargin: window.compact ? 16 : 24
                Layout.bottomMargin: 16
                currentIndex: App.currentPage

                MeshPage { confirm: confirmDialog }
                TunnelsPage { confirm: confirmDialog }
                ProfilesPage { id: profilesPage; confirm: confirmDialog }
                LogsPage { id: logsPage; confirm: confirmDialog }
                SettingsPage {}
            }
        }
    }
}
