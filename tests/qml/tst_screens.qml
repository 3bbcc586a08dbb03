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
    Component { id: logsPage; LogsPage { width: 1100; height: 700; confirm: confirmDialog } }
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

        // Every visible item under `item` whose objectName is `name` (ListView delegates included).
        function findAllByName(item, name, out) {
            out = out || []
            if (!item)
                return out
            if (item.objectName === name && item.visible)
                out.push(item)
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i)
                findAllByName(kids[i], name, out)
            if (item.contentItem && !contains(kids, item.contentItem))
                findAllByName(item.contentItem, name, out)
            return out
        }

        // Every visible AppButton (it alone has `accessibleName` and `minimumWidth`).
        function visibleButtons(item, out) {
            out = out || []
            if (!item || !item.visible)
                return out
            if (item.accessibleName !== undefined && item.minimumWidth !== undefined)
                out.push(item)
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i)
                visibleButtons(kids[i], out)
            if (item.contentItem && !contains(kids, item.contentItem))
                visibleButtons(item.contentItem, out)
            return out
        }

        function contains(list, x) {  // a QML list has no indexOf
            for (let i = 0; i < list.length; ++i)
                if (list[i] === x)
                    return true
            return false
        }

        function rectIn(item, target) {
            const p = item.mapToItem(target, 0, 0)
            return Qt.rect(p.x, p.y, item.width, item.height)
        }

        function intersects(a, b) {
            return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height
                    && b.y < a.y + a.height
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

        // Every page without a mouse: Ctrl+1…5 open each page, Ctrl+Tab steps forward and wraps,
        // Ctrl+Shift+Tab steps back and wraps; the key events go to the main window itself.
        function test_pageShortcuts() {
            const w = createTemporaryObject(mainWindow, root)
            verify(w)
            w.visible = true
            w.requestActivate()
            tryCompare(w, "active", true)
            const pages = findByName(w.contentItem, "pages")
            verify(pages)
            const digits = [Qt.Key_1, Qt.Key_2, Qt.Key_3, Qt.Key_4, Qt.Key_5]
            for (const i of [4, 2, 0, 3, 1]) {
                keyClick(digits[i], Qt.ControlModifier)
                compare(App.currentPage, i, "Ctrl+" + (i + 1))
                compare(pages.currentIndex, i)
            }
            keySequence("Ctrl+1")
            compare(App.currentPage, App.MeshPage)
            for (let step = 1; step <= 6; ++step) {
                keySequence("Ctrl+Tab")
                compare(App.currentPage, step % 5, "Ctrl+Tab number " + step)
            }
            keySequence("Ctrl+1")
            for (let step = 1; step <= 6; ++step) {
                // What a keyboard sends for Ctrl+Shift+Tab: Backtab with Ctrl and Shift.
                keyClick(Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
                compare(App.currentPage, (5 - step % 5) % 5, "Ctrl+Shift+Tab number " + step)
            }
            keySequence("Ctrl+PgDown")
            compare(App.currentPage, 0)
            keySequence("Ctrl+PgUp")
            compare(App.currentPage, 4)
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
            // A second agent on this machine beside the demo's alpha, which listens on the
            // loopback, starts with "Do not listen" ticked: else it would never be Ready.
            const loopback = findByName(dialog.contentItem, "hostLoopback")
            verify(loopback)
            compare(loopback.checked, true)
            const kind = findByName(dialog.contentItem, "hostKind")
            verify(kind)
            for (const k of [[1, true], [2, true], [3, true], [0, false]]) {
                kind.currentIndex = k[0]
                kind.activated(k[0])
                compare(box.checked, k[1], "kind " + k[0])
                compare(loopback.checked, !k[1], "loopback, kind " + k[0])  // remote kinds listen there
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

        // Clear is destructive: it asks first, and Cancel keeps every line.
        function test_logsClearAsksFirst() {
            const page = createTemporaryObject(logsPage, root)
            const before = App.logs.count
            verify(before > 0)
            const clear = findByName(page, "clearLog")
            verify(clear)
            clear.clicked()
            verify(confirmDialog.opened || confirmDialog.visible, "Clear asked nothing")
            compare(App.logs.count, before)
            compare(confirmDialog.acceptText, "Clear")
            confirmDialog.reject()
            tryCompare(confirmDialog, "visible", false)
            compare(App.logs.count, before)
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

        // A row's actions are bordered buttons as wide as their text; the folded "⋯" is about
        // square, not Fusion's 80 px.
        function test_rowActionsAreBorderedAndCompact() {
            const page = createTemporaryObject(tunnelsPage, root)
            waitForRendering(page)
            const actions = findAllByName(page, "rowAction")
            verify(actions.length >= 6, "visible row actions: " + actions.length)
            for (let i = 0; i < actions.length; ++i) {
                verify(!actions[i].flat, actions[i].text + " is flat (no visible border)")
                verify(actions[i].width < 80, actions[i].text + " is " + actions[i].width + " px")
            }
            page.width = 420  // too narrow for the buttons: they fold into "⋯"
            waitForRendering(page)
            const more = findAllByName(page, "rowActionsMore")
            verify(more.length >= 2)
            verify(more[0].width <= more[0].height * 1.5,
                   "the ⋯ button is " + more[0].width + "x" + more[0].height)
        }

        // The traffic graph of a host row sits apart from the row's buttons, inside the row.
        function test_meshSparklineApartFromTheButtons() {
            for (const width of [1100, 700]) {
                const page = createTemporaryObject(meshPage, root, {width: width})
                waitForRendering(page)
                const sparks = findAllByName(page, "hostSparkline")
                compare(sparks.length, 2)
                const buttons = findAllByName(page, "rowAction").concat(
                                  findAllByName(page, "rowActionsMore"))
                verify(buttons.length >= 2)
                for (let i = 0; i < sparks.length; ++i) {
                    const s = rectIn(sparks[i], page)
                    verify(s.x + s.width <= width, "graph past the page's edge at " + width)
                    for (let j = 0; j < buttons.length; ++j)
                        verify(!intersects(s, rectIn(buttons[j], page)),
                               "graph overlaps " + buttons[j].text + " at " + width)
                }
            }
        }

        // Every profile row, imported or not, has its Connect button, in one column.
        function test_everyProfileRowHasConnect() {
            compare(App.profiles.duplicate("local-demo"), "")
            const page = createTemporaryObject(profilesPage, root)
            waitForRendering(page)
            const list = findByName(page, "profileList")
            verify(list.count >= 2)
            const connects = findAllByName(page, "connectProfile")
            compare(connects.length, list.count)
            for (let i = 1; i < connects.length; ++i) {
                const a = rectIn(connects[0], page), b = rectIn(connects[i], page)
                compare(b.x + b.width, a.x + a.width, "Connect buttons end in one column")
            }
            const ids = []
            for (let i = 0; i < list.count; ++i)  // 257: ProfileModel::IdRole
                ids.push(App.profiles.model.data(App.profiles.model.index(i, 0), 257))
            for (const id of ids)
                if (id !== "local-demo")
                    App.profiles.remove(id)
        }

        // Every visible, enabled item that Tab stops on, under `item`.
        function tabStops(item, out) {
            out = out || []
            if (!item || !item.visible)
                return out
            if (item.activeFocusOnTab && item.enabled)
                out.push(item)
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i)
                tabStops(kids[i], out)
            if (item.contentItem && !contains(kids, item.contentItem))
                tabStops(item.contentItem, out)
            return out
        }

        // A screen reader names every control Tab reaches, on every page.
        function test_everyTabStopHasAnAccessibleName() {
            const w = createTemporaryObject(mainWindow, root)
            verify(w)
            w.visible = true
            const unnamed = []
            for (let page = 0; page < 5; ++page) {
                App.currentPage = page
                waitForRendering(w.contentItem)
                const stops = tabStops(w.contentItem)
                verify(stops.length > 3, "page " + page + " has " + stops.length + " tab stops")
                for (const item of stops) {
                    const name = item.Accessible ? item.Accessible.name : undefined
                    if (!name || name.length === 0)
                        unnamed.push("page " + page + ": " + item + " " + item.objectName + " \"" + (item.text || "") + "\"")
                }
            }
            App.currentPage = 0
            compare(unnamed.join("; "), "")
        }

        // At 900x600 every action button of every page lies inside the window (pages scroll
        // vertically; nothing may need a horizontal scroll to reach).
        function test_actionsInsideTheWindowAt900x600() {
            const w = createTemporaryObject(mainWindow, root)
            verify(w)
            w.width = 900
            w.height = 600
            w.visible = true
            tryCompare(w.contentItem, "width", 900)
            for (let page = 0; page < 5; ++page) {
                App.currentPage = page
                waitForRendering(w.contentItem)
                const buttons = visibleButtons(w.contentItem)
                verify(buttons.length > 0, "page " + page + " has no buttons")
                for (let i = 0; i < buttons.length; ++i) {
                    const r = rectIn(buttons[i], w.contentItem)
                    verify(r.x >= 0 && r.x + r.width <= 900,
                           "page " + page + ": \"" + buttons[i].text + "\" at x " + r.x + "+" + r.width)
                }
            }
            App.currentPage = 0
        }
    }
}
