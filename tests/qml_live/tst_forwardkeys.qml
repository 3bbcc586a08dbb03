import QtQuick
import QtQuick.Controls
import QtTest
import Routeless

// A keyboard-only user stops and starts the connected demo's forward from its row on the Mesh
// screen, with real agents: Tab reaches "Stop forward <listen> on beta", Space stops it for the
// session (the row says Stopped, the button says Start and names the row, no agent restarts),
// Space again starts it.
Item {
    id: root
    width: 1180
    height: 760

    ConfirmDialog { id: confirmDialog }
    Component { id: meshPage; MeshPage { width: 1100; height: 700; confirm: confirmDialog } }

    TestCase {
        name: "ForwardKeys"
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

        function test_stopAndStartTheForwardWithKeysOnly() {
            App.profiles.currentId = "local-demo"
            if (App.connection.activeId !== "local-demo")
                App.connection.connectProfile("local-demo")
            tryCompare(App.hosts, "live", true, 10000)
            tryVerify(function() {
                return App.hosts.model.readyCount === 2 && testHooks.pidOf("alpha") > 0
                        && testHooks.pidOf("beta") > 0
            }, 60000, "the demo's agents ready")
            const alpha = testHooks.pidOf("alpha")
            const beta = testHooks.pidOf("beta")
            compare(App.hosts.forwards.count, 1)
            const page = createTemporaryObject(meshPage, root)
            verify(page)
            root.forceActiveFocus()

            const toggle = tabUntil(function(item) { return item.objectName === "forwardToggle" },
                                    80, "the forward's Stop")
            const row = toggle.parent
            compare(toggle.text, "Stop")
            compare(toggle.accessibleName, "Stop forward " + row.listen + " on beta")
            verify(App.connection.isForwardRunning(row.key))

            keyClick(Qt.Key_Space)
            tryCompare(toggle, "text", "Start")
            compare(toggle.accessibleName, "Start forward " + row.listen + " on beta")
            verify(!App.connection.isForwardRunning(row.key))
            tryCompare(row, "stateText", "Stopped")
            compare(focused(), toggle)  // focus stays on the row's button

            keyClick(Qt.Key_Space)
            tryCompare(toggle, "text", "Stop")
            verify(App.connection.isForwardRunning(row.key))
            tryCompare(row, "stateText", "Ready")
            compare(testHooks.pidOf("alpha"), alpha)
            compare(testHooks.pidOf("beta"), beta)
        }
    }
}
