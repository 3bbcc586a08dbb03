import QtQuick
import QtQuick.Controls
import QtTest
import Routeless

// A keyboard-only user on the Tunnels screen: Tab to "Add tunnel", Space opens the form with
// the name focused, Return saves; Tab to the new row's Edit, rename, Return; Escape cancels an
// edit; Tab to Remove, Space, Return confirms. Focus lands where the user expects at each step
// and the model changes only when the user confirmed.
Item {
    id: root
    width: 1180
    height: 760

    ConfirmDialog { id: confirmDialog }
    Component { id: tunnelsPage; TunnelsPage { width: 1100; height: 700; confirm: confirmDialog } }

    TestCase {
        name: "Keyboard"
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

        function typeText(text) {
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }

        function tunnelNames() {
            const names = []
            for (let i = 0; i < App.tunnels.model.count; ++i)
                names.push(App.tunnels.name(i))
            return names
        }

        function init() {
            App.profiles.currentId = "local-demo"
        }

        // A tunnel a failed run added does not leak into the other test files.
        function cleanup() {
            for (let i = App.tunnels.model.count - 1; i >= 2; --i)
                App.tunnels.remove(i)
        }

        function test_addEditRemoveTunnelWithKeysOnly() {
            const page = createTemporaryObject(tunnelsPage, root)
            verify(page)
            const before = App.tunnels.model.count
            const dialog = page.dialog
            root.forceActiveFocus()

            // Add: Tab reaches "Add tunnel", Space opens the form on the name field.
            const add = tabUntil(function(item) { return item.objectName === "addTunnel" }, 10,
                                 "Add tunnel")
            keyClick(Qt.Key_Space)
            tryCompare(dialog, "opened", true)
            compare(focused().objectName, "tunnelName")
            typeText("kbd web")
            keyClick(Qt.Key_Return)  // Return in a field saves, as in a desktop dialog
            tryCompare(dialog, "visible", false)
            compare(App.tunnels.model.count, before + 1)
            compare(App.tunnels.name(before), "kbd web")
            // Closing the dialog gives the focus back to the button that opened it.
            tryCompare(add, "activeFocus", true)

            // Edit: Tab on to the new row's Edit button; the form opens filled in.
            tabUntil(named("Edit tunnel kbd web"), 40, "Edit tunnel kbd web")
            keyClick(Qt.Key_Space)
            tryCompare(dialog, "opened", true)
            compare(focused().objectName, "tunnelName")
            compare(focused().text, "kbd web")
            keyClick(Qt.Key_End)
            typeText(" 2")
            keyClick(Qt.Key_Return)
            tryCompare(dialog, "visible", false)
            compare(App.tunnels.name(before), "kbd web 2")
            compare(App.tunnels.model.count, before + 1)
            // Saving rebuilt the rows: the focus is on the edited row's (new) Edit button.
            tryVerify(function() { return focused() && focused().accessibleName === "Edit tunnel kbd web 2" })
            const edit2 = focused()

            // Escape cancels an edit: nothing changes, the focus goes back to Edit.
            keyClick(Qt.Key_Space)
            tryCompare(dialog, "opened", true)
            typeText(" never")
            keyClick(Qt.Key_Escape)
            tryCompare(dialog, "visible", false)
            compare(App.tunnels.name(before), "kbd web 2")
            tryCompare(edit2, "activeFocus", true)

            // Remove: Tab to Remove, Space asks, Escape keeps the tunnel, Return removes it.
            tabUntil(named("Remove tunnel kbd web 2"), 10, "Remove tunnel kbd web 2")
            keyClick(Qt.Key_Space)
            tryCompare(confirmDialog, "opened", true)
            keyClick(Qt.Key_Escape)
            tryCompare(confirmDialog, "visible", false)
            compare(App.tunnels.model.count, before + 1)
            keyClick(Qt.Key_Space)
            tryCompare(confirmDialog, "opened", true)
            keyClick(Qt.Key_Return)
            tryCompare(confirmDialog, "visible", false)
            compare(App.tunnels.model.count, before)
            verify(tunnelNames().indexOf("kbd web 2") < 0)
            // The removed row's button is gone; Tab still leads on through the page.
            tabUntil(function(item) { return item.objectName === "addTunnel" }, 40, "Add tunnel")
        }
    }
}
