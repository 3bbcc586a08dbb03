import QtQuick
import QtQuick.Controls
import QtTest
import Routeless

// A keyboard-only user on the Mesh screen of the connected demo, with real agents: Tab to
// "Start mesh" and Space connects; "Add host" opens the form on the name, Return saves and the
// new host's agent starts; the new row's Edit opens it filled in, a forward typed into Ports
// and Return open it in that host's running agent (no restart at all); Remove asks, Escape
// keeps the host, Return removes it.
// At every step the other hosts' agents keep their processes (same pid): a change that
// restarted every host of the profile fails here.
Item {
    id: root
    width: 1180
    height: 760

    ConfirmDialog { id: confirmDialog }
    Component { id: meshPage; MeshPage { width: 1100; height: 700; confirm: confirmDialog } }

    TestCase {
        name: "HostKeys"
        when: windowShown

        function focused() {
            return root.Window.activeFocusItem
        }

        // Presses Tab until the focused item satisfies `wanted` (at most `limit` presses).
        function tabUntil(wanted, limit, what) {
            for (let i = 0; i < limit; ++i) {
                keyClick(Qt.Key_Tab)
                const item = focused()
                if (item && wanted(item))
                    return item
            }
            fail("Tab never reached " + what)
            return null
        }

        function named(accessibleName) {
            return function(item) { return item.accessibleName === accessibleName }
        }

        function withObjectName(name) {
            return function(item) { return item.objectName === name }
        }

        function typeText(text) {
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }

        // Waits (generously: agents start as processes on a shared machine) until every host of
        // the profile reports Ready with an agent, and returns their pids by name.
        function readyPids(names) {
            tryVerify(function() {
                if (App.hosts.model.count !== names.length || App.hosts.model.readyCount !== names.length)
                    return false
                for (const n of names) {
                    if (!(testHooks.pidOf(n) > 0))
                        return false
                }
                return true
            }, 60000, "hosts " + names.join(", ") + " ready")
            const pids = {}
            for (const n of names)
                pids[n] = testHooks.pidOf(n)
            return pids
        }

        function test_addConnectEditRemoveHostWithKeysOnly() {
            App.profiles.currentId = "local-demo"
            App.connection.disconnectProfile()  // the first start connected the demo
            tryCompare(App.hosts, "live", false)
            const page = createTemporaryObject(meshPage, root)
            verify(page)
            const dialog = findChild(page, "hostDialog")
            verify(dialog)
            root.forceActiveFocus()

            // Connect: Tab reaches "Start mesh", Space starts the demo's two agents.
            tabUntil(withObjectName("meshSwitch"), 20, "Start mesh")
            compare(focused().text, "Start mesh")
            keyClick(Qt.Key_Space)
            tryCompare(App.hosts, "live", true, 10000)
            const first = readyPids(["alpha", "beta"])

            // Add: Tab back to "Add host", Space opens the form on the name; Return saves.
            const add = tabUntil(withObjectName("addHost"), 20, "Add host")
            keyClick(Qt.Key_Space)
            tryCompare(dialog, "opened", true)
            compare(focused().objectName, "hostName")
            // A third agent on this machine: the form already keeps it off alpha's addresses.
            verify(findChild(dialog, "hostLoopback").checked)
            typeText("gamma")
            keyClick(Qt.Key_Return)
            tryCompare(dialog, "visible", false)
            compare(findChild(dialog, "hostError").text, "")
            tryCompare(add, "activeFocus", true)
            const added = readyPids(["alpha", "beta", "gamma"])
            // The others were told about gamma in place: their agents did not restart.
            compare(added.alpha, first.alpha, "adding gamma restarted alpha")
            compare(added.beta, first.beta, "adding gamma restarted beta")

            // Edit: Tab to gamma's Edit; the form opens filled in; a forward goes into Ports.
            tabUntil(named("Edit host gamma"), 60, "Edit host gamma")
            keyClick(Qt.Key_Space)
            tryCompare(dialog, "opened", true)
            compare(focused().objectName, "hostName")
            compare(focused().text, "gamma")
            tabUntil(withObjectName("hostPorts"), 20, "the Ports field")
            typeText(testHooks.freePort() + ":127.0.0.1:" + testHooks.freePort())
            keyClick(Qt.Key_Return)
            tryCompare(dialog, "visible", false)
            compare(findChild(dialog, "hostError").text, "")
            // Only gamma's ports changed: its agent opens the forward in place
            // ("reconfigure.forwards"), so no agent restarts, gamma's included.
            tryCompare(App.hosts.forwards, "count", 2)
            const edited = readyPids(["alpha", "beta", "gamma"])
            compare(edited.gamma, added.gamma, "a new port restarted gamma")
            compare(edited.alpha, first.alpha, "editing gamma restarted alpha")
            compare(edited.beta, first.beta, "editing gamma restarted beta")
            compare(App.hosts.forwards.count, 2)  // beta's demo forward and gamma's new one

            // Remove: Tab to gamma's Remove; Space asks, Escape keeps the host, Return removes it.
            tabUntil(named("Remove host gamma"), 20, "Remove host gamma")
            keyClick(Qt.Key_Space)
            tryCompare(confirmDialog, "opened", true)
            keyClick(Qt.Key_Escape)
            tryCompare(confirmDialog, "visible", false)
            compare(App.hosts.model.count, 3)
            compare(testHooks.pidOf("gamma"), edited.gamma)
            keyClick(Qt.Key_Space)
            tryCompare(confirmDialog, "opened", true)
            keyClick(Qt.Key_Return)
            tryCompare(confirmDialog, "visible", false)
            const left = readyPids(["alpha", "beta"])
            compare(testHooks.pidOf("gamma"), -1)
            compare(left.alpha, first.alpha, "removing gamma restarted alpha")
            compare(left.beta, first.beta, "removing gamma restarted beta")
            // Tab still leads on through the page.
            tabUntil(withObjectName("addHost"), 60, "Add host")
        }
    }
}
