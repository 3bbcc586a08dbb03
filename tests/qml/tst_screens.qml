import QtQuick
import QtQuick.Controls
import QtTest
import Routeless

// The screens against the App with the demo profile and no engines.
Item {
    id: root
    width: 1180
    height: 760

    ConfirmDialog { id: confirmDialog }
    Component { id: meshPage; MeshPage { width: 1100; height: 700; confirm: confirmDialog } }
    Component { id: tunnelsPage; TunnelsPage { width: 1100; height: 700; confirm: confirmDialog } }
    Component { id: profilesPage; ProfilesPage { width: 1100; height: 700; confirm: confirmDialog } }
    Component { id: logsPage; LogsPage { width: 1100; height: 700 } }
    Component { id: settingsPage; SettingsPage { width: 1100; height: 700 } }
    Component { id: mainWindow; Main {} }
    Component { id: hostDialogComponent; HostDialog {} }

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
            App.profiles.currentId = "local-demo"
            // A host a failed test added does not leak into the next one.
            for (let i = App.hosts.model.count - 1; i >= 2; --i)
                App.hosts.remove(i)
        }

        function test_mainWindowTitleAndPages() {
            const w = createTemporaryObject(mainWindow, root)
            verify(w)
            // Qt adds "Routeless" itself: the title is the state alone, so it says it once.
            compare(w.title, App.connection.activeId.length > 0 ? App.connection.stateText : "")
            const pages = findByName(w.contentItem, "pages")
            verify(pages)
            for (let i = 0; i < 5; ++i) {
                App.currentPage = i
                compare(pages.currentIndex, i)
            }
            App.currentPage = 0
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
            compare(sw.text, App.hosts.live ? "Stop mesh" : "Start mesh")
        }

        // Zero-install in the host dialog: the box follows the kind of host (on for ssh, docker,
        // kubectl; off for the local agent), shows what a host has, and is what gets saved.
        function test_hostDialogZeroInstallBox() {
            const dialog = createTemporaryObject(hostDialogComponent, root)
            verify(dialog)
            dialog.openFor(-1)
            tryCompare(dialog, "opened", true)
            const box = findByName(dialog.contentItem, "hostZeroInstall")
            verify(box)
            compare(box.text, "Copy the agent to this host when it lacks it")
            compare(box.contentItem.text, box.text)
            verify(box.indicator.x < box.contentItem.leftPadding)  // the box before its text
            compare(box.checked, false)  // a new host starts as the local agent
            const kind = findByName(dialog.contentItem, "hostKind")
            verify(kind)
            for (const k of [[1, true], [2, true], [3, true], [0, false]]) {
                kind.currentIndex = k[0]
                kind.activated(k[0])
                compare(box.checked, k[1], "kind " + k[0])
            }
            kind.currentIndex = 1
            kind.activated(1)
            findByName(dialog.contentItem, "hostName").text = "gamma"
            const target = findByName(dialog.contentItem, "hostTarget")
            target.text = "me@box"
            target.textEdited()
            verify(findByName(dialog.contentItem, "hostCommand").text.indexOf("me@box") > 0)
            compare(box.checked, true)  // typing the target keeps the box
            dialog.accept()
            compare(findByName(dialog.contentItem, "hostError").text, "")
            compare(App.hosts.model.count, 3)
            compare(App.hosts.details(2).zeroInstall, true)
            // Reopened on the saved host, and on a local one.
            dialog.openFor(2)
            tryCompare(dialog, "opened", true)
            compare(box.checked, true)
            dialog.close()
            dialog.openFor(0)
            tryCompare(dialog, "opened", true)
            compare(box.checked, false)
            dialog.close()
            compare(App.hosts.remove(2), "")
            compare(App.hosts.model.count, 2)
        }

        // A zero-install host's row says where its agent came from and which version it is,
        // with a tooltip that explains it; a host without zero-install shows nothing of it.
        function test_meshRowShowsAgentOrigin() {
            const page = createTemporaryObject(meshPage, root)
            const hosts = findByName(page, "hostRepeater")
            verify(hosts)
            const label = findByName(hosts.itemAt(1), "hostAgent")
            verify(label)
            compare(label.visible, false)
            testHooks.setAgentOrigin(1, "uploaded", "0.9.1")
            compare(hosts.itemAt(1).agentSource, "uploaded")
            compare(label.visible, true)
            compare(label.text, "Agent 0.9.1 uploaded")
            verify(label.ToolTip.text.indexOf("copied") >= 0)
            testHooks.setAgentOrigin(1, "cached", "0.9.1")
            compare(label.text, "Agent 0.9.1 cached")
            verify(label.ToolTip.text.indexOf("reused") >= 0)
            testHooks.setAgentOrigin(1, "found", "0.9.0")
            compare(label.text, "Agent 0.9.0 found on the host")
            compare(findByName(hosts.itemAt(0), "hostAgent").visible, false)
            testHooks.setAgentOrigin(1, "", "")
            compare(label.visible, false)
        }

        function test_meshSwitchFollowsTheConnection() {
            const page = createTemporaryObject(meshPage, root)
            const sw = findByName(page, "meshSwitch")
            App.connection.disconnectProfile()
            compare(sw.text, "Start mesh")
            sw.clicked()
            compare(App.connection.activeId, "local-demo")
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

        function test_tunnelFormStartsValid() {
            const page = createTemporaryObject(tunnelsPage, root)
            const dialog = page.dialog
            verify(dialog)
            dialog.openFor(-1)
            tryCompare(dialog, "opened", true)
            const form = dialog.form
            compare(form.error, "")  // real defaults: valid before any typing
            verify(form.url.indexOf("server://") === 0)
            const raw = findByName(dialog.contentItem, "tunnelRaw")
            verify(raw)
            compare(raw.text, form.url)  // the raw URL shows the form
            const port = findByName(dialog.contentItem, "tunnelPort")
            verify(port)
            // The field and the raw URL are two views of the form.
            port.forceActiveFocus()
            port.selectAll()
            for (const k of [Qt.Key_1, Qt.Key_0, Qt.Key_2, Qt.Key_0, Qt.Key_2])
                keyClick(k)  // typed: the field's binding to the form stays
            verify(form.url.indexOf(":10202/") > 0)
            compare(raw.text, form.url)
            raw.forceActiveFocus()
            raw.text = "client://k@relay.example:7000/127.0.0.1:9000"
            compare(form.role, TunnelForm.Client)
            compare(port.text, "7000")
            form.tunnelPort = "0"
            compare(form.errorField, "tunnelPort")
            dialog.close()
            // A cancelled dialog's values do not come back.
            dialog.openFor(-1)
            tryCompare(dialog, "opened", true)
            compare(form.error, "")
            compare(form.tunnelPort, "10101")
            dialog.close()
        }

        function test_deviceLinkForm() {
            const page = createTemporaryObject(tunnelsPage, root)
            const dialog = page.dialog
            dialog.openFor(-1)
            tryCompare(dialog, "opened", true)
            const form = dialog.form
            form.role = TunnelForm.Device
            verify(dialog.isDevice)
            verify(findByName(dialog.contentItem, "deviceName").visible)
            form.tunnelHost = "relay.example.net"
            form.tunnelPort = "8443"
            form.key = "t0ken"
            form.deviceName = "laptop"
            form.targets = "app.example.com=127.0.0.1:8080, *=127.0.0.1:80"
            compare(form.error, "")
            verify(form.url.indexOf("device://t0ken@relay.example.net:8443/laptop?") === 0)
            verify(form.url.indexOf("target=app.example.com") > 0)
            form.targets = "no-port-here"
            verify(form.error.indexOf("no-port-here") >= 0)
            verify(form.error.indexOf("t0ken") < 0)
            dialog.close()
        }

        function test_profilesListAndImportError() {
            const page = createTemporaryObject(profilesPage, root)
            const list = findByName(page, "profileList")
            verify(list)
            compare(list.count, App.profiles.model.count)
            page.report(App.profiles.importer.previewText("server://0.0.0.0:0/x:1\n", "bad.txt"), "")
            const message = findByName(page, "profilesMessage")
            verify(message.isError)
            verify(message.text.indexOf("bad.txt:1") >= 0)
            compare(list.count, App.profiles.model.count)
        }

        function test_logsFilter() {
            const page = createTemporaryObject(logsPage, root)
            const filter = page.logFilter
            verify(filter)
            compare(filter.count, App.logs.count)  // all levels, all sources
            filter.text = "seeded by tst_qml_screens"  // the setup's lines: one info, two errors
            compare(filter.count, 3)
            const levels = findByName(page, "levelBox")
            verify(levels)
            levels.currentIndex = 3  // errors only: the filter follows the combo box
            compare(filter.minimumLevel, 3)
            compare(filter.count, 2)
            filter.text = "no line contains this text"
            compare(filter.count, 0)
            filter.text = ""  // the filter is the App's, shared by every test
            levels.currentIndex = 0
            compare(filter.count, App.logs.count)
        }

        function test_settingsThemeSwitch() {
            const page = createTemporaryObject(settingsPage, root)
            const themeBox = findByName(page, "themeBox")
            verify(themeBox)
            themeBox.activated(2)
            compare(App.settings.theme, "dark")
            compare(Theme.dark, true)
            themeBox.activated(1)
            compare(App.settings.theme, "light")
            compare(Theme.dark, false)
            themeBox.activated(0)
            compare(App.settings.theme, "system")
        }
    }
}
