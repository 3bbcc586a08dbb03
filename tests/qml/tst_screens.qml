import QtQuick
import QtQuick.Controls
import QtTest
import Routeless

// The screens against a Backend with the demo profile and no engines.
Item {
    id: root
    width: 1180
    height: 760

    Component { id: meshPage; MeshPage { width: 1100; height: 700 } }
    Component { id: tunnelsPage; TunnelsPage { width: 1100; height: 700 } }
    Component { id: profilesPage; ProfilesPage { width: 1100; height: 700 } }
    Component { id: logsPage; LogsPage { width: 1100; height: 700 } }
    Component { id: settingsPage; SettingsPage { width: 1100; height: 700 } }
    Component { id: mainWindow; Main {} }

    TestCase {
        name: "Screens"
        when: windowShown

        function findByName(item, name) {
            if (!item)
                return null
            if (item.objectName === name)
                return item
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i) {
                const found = findByName(kids[i], name)
                if (found)
                    return found
            }
            const data = item.contentItem ? [item.contentItem] : []
            for (let i = 0; i < data.length; ++i) {
                const found = findByName(data[i], name)
                if (found)
                    return found
            }
            return null
        }

        function init() {
            Backend.currentProfileId = "local-demo"
        }

        function test_mainWindowTitleAndPages() {
            const w = createTemporaryObject(mainWindow, root)
            verify(w)
            verify(w.title.indexOf("Routeless") >= 0)
            const pages = findByName(w.contentItem, "pages")
            verify(pages)
            for (let i = 0; i < 5; ++i) {
                Backend.currentPage = i
                compare(pages.currentIndex, i)
            }
            Backend.currentPage = 0
        }

        function test_meshShowsTheDemoHosts() {
            const page = createTemporaryObject(meshPage, root)
            verify(page)
            const hosts = findByName(page, "hostRepeater")
            verify(hosts)
            compare(hosts.count, 2)
            compare(hosts.itemAt(0).name, "alpha")
            compare(hosts.itemAt(1).vip, "127.0.42.2")
            const sw = findByName(page, "meshSwitch")
            verify(sw)
            compare(sw.text, Backend.currentIsActive ? "Stop mesh" : "Start mesh")
        }

        function test_meshSwitchFollowsTheConnection() {
            const page = createTemporaryObject(meshPage, root)
            const sw = findByName(page, "meshSwitch")
            Backend.disconnectProfile()
            compare(sw.text, "Start mesh")
            sw.clicked()
            compare(Backend.activeProfileId, "local-demo")
            compare(sw.text, "Stop mesh")
        }

        function test_tunnelsShowMaskedUrls() {
            const page = createTemporaryObject(tunnelsPage, root)
            const rows = findByName(page, "tunnelRepeater")
            verify(rows)
            compare(rows.count, 2)
            verify(rows.itemAt(0).url.indexOf("****@") > 0)
            verify(rows.itemAt(0).url.indexOf("routeless-demo") < 0)
        }

        function test_tunnelFormBuildsAndValidates() {
            const page = createTemporaryObject(tunnelsPage, root)
            const dialog = page.dialog
            verify(dialog)
            dialog.openFor(-1)
            tryCompare(dialog, "opened", true)
            compare(dialog.buildError.length > 0, true)  // empty ports are not valid
            const tunnelPort = dialog.tunnelPortField
            const targetPort = dialog.targetPortField
            const targetHost = dialog.targetHostField
            verify(tunnelPort && targetPort && targetHost)
            tunnelPort.text = "10101"
            targetHost.text = "127.0.0.1"
            targetPort.text = "8080"
            dialog.rebuild()
            compare(dialog.buildError, "")
            compare(dialog.builtUrl, "server://:10101/127.0.0.1:8080")
            targetPort.text = "0"
            dialog.rebuild()
            verify(dialog.buildError.length > 0)
            dialog.close()
        }

        function test_deviceLinkForm() {
            const page = createTemporaryObject(tunnelsPage, root)
            const dialog = page.dialog
            dialog.openFor(-1)
            tryCompare(dialog, "opened", true)
            dialog.roleField.currentIndex = 2
            verify(dialog.isDevice)
            verify(dialog.deviceNameField.visible)
            verify(!dialog.targetHostField.visible)
            dialog.tunnelHostField.text = "relay.example.net"
            dialog.tunnelPortField.text = "8443"
            dialog.keyInput.text = "t0ken"
            dialog.deviceNameField.text = "laptop"
            dialog.deviceTargetsField.text = "app.example.com=127.0.0.1:8080, *=127.0.0.1:80"
            dialog.rebuild()
            compare(dialog.buildError, "")
            verify(dialog.builtUrl.indexOf("device://t0ken@relay.example.net:8443/laptop?") === 0)
            verify(dialog.builtUrl.indexOf("target=app.example.com") > 0)
            dialog.deviceTargetsField.text = "no-port-here"
            dialog.rebuild()
            verify(dialog.buildError.indexOf("no-port-here") >= 0)
            verify(dialog.buildError.indexOf("t0ken") < 0)
            dialog.close()
        }

        function test_profilesListAndImportError() {
            const page = createTemporaryObject(profilesPage, root)
            const list = findByName(page, "profileList")
            verify(list)
            compare(list.count, Backend.profiles.count)
            page.report(Backend.importText("server://0.0.0.0:0/x:1\n", "bad.txt"), "")
            verify(page.messageIsError)
            verify(page.message.indexOf("bad.txt:1") >= 0)
            compare(list.count, Backend.profiles.count)
        }

        function test_logsFilter() {
            const page = createTemporaryObject(logsPage, root)
            const filter = page.logFilter
            verify(filter)
            compare(filter.count, Backend.logs.count)  // all levels, all sources
            filter.text = "seeded by tst_qml_screens"  // the setup's lines: one info, two errors
            compare(filter.count, 3)
            const levels = findByName(page, "levelBox")
            verify(levels)
            levels.currentIndex = 3  // errors only: the filter follows the combo box
            compare(filter.minimumLevel, 3)
            compare(filter.count, 2)
            filter.text = "no line contains this text"
            compare(filter.count, 0)
            filter.text = ""  // the filter is the Backend's, shared by every test
            levels.currentIndex = 0
            compare(filter.count, Backend.logs.count)
        }

        function test_settingsThemeSwitch() {
            const page = createTemporaryObject(settingsPage, root)
            const themeBox = findByName(page, "themeBox")
            verify(themeBox)
            themeBox.activated(1)
            compare(Backend.settings.theme, "dark")
            compare(Theme.dark, true)
            themeBox.activated(0)
            compare(Backend.settings.theme, "light")
        }
    }
}
