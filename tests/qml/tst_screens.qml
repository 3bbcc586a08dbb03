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

        // The dialog offers the pool transport (servers) and the PROXY header (both sides);
        // the choices, the raw URL and the rows show the same thing.
        function test_tunnelTransportAndProxyChoices() {
            const page = createTemporaryObject(tunnelsPage, root)
            const rows = findByName(page, "tunnelRepeater")
            verify(rows.itemAt(0).transport.length > 0)
            const dialog = page.dialog
            dialog.openFor(-1)
            tryCompare(dialog, "opened", true)
            const form = dialog.form
            const transport = findByName(dialog.contentItem, "tunnelTransport")
            const proxy = findByName(dialog.contentItem, "tunnelProxy")
            const note = findByName(dialog.contentItem, "tunnelNote")
            const raw = findByName(dialog.contentItem, "tunnelRaw")
            verify(transport && proxy && note && raw)
            compare(transport.count, 4)
            compare(proxy.count, 3)
            verify(transport.visible && proxy.visible)
            verify(!note.visible)
            transport.activated(1)  // QUIC: TLS 1 with a visible note
            compare(form.transport, 1)
            compare(form.tls, 1)
            verify(note.visible)
            verify(raw.text.indexOf("tls=1&type=1") > 0)
            proxy.activated(2)
            verify(raw.text.indexOf("proxy=2") > 0)
            raw.forceActiveFocus()
            raw.text = "server://k@:10101/127.0.0.1:8080?type=2&proxy=1"
            compare(transport.currentIndex, 2)
            compare(proxy.currentIndex, 1)
            raw.text = "client://k@relay.example:7000/127.0.0.1:9000?proxy=2"
            verify(!transport.visible)  // a client takes the server's transport
            verify(proxy.visible)
            compare(proxy.currentIndex, 2)
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
