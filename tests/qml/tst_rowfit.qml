import QtQuick
import QtQuick.Controls
import QtTest
import Routeless

// The row actions of the Tunnels and Mesh pages in the whole window at 900 and 1280 px: every
// visible action button lies inside its row and the row inside the window; at 1280 px nothing
// is folded into "⋯", and a row folds only when its buttons do not fit beside its labels.
Item {
    id: root
    width: 1400
    height: 800

    Component { id: mainWindow; Main {} }

    TestCase {
        name: "RowFit"
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
            if (item.contentItem)
                return findByName(item.contentItem, name)
            return null
        }

        // Every visible item under `item` whose objectName is `name`.
        function findAllByName(item, name, out) {
            out = out || []
            if (!item || !item.visible)
                return out
            if (item.objectName === name)
                out.push(item)
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i)
                findAllByName(kids[i], name, out)
            return out
        }

        function rectIn(item, target) {
            const p = item.mapToItem(target, 0, 0)
            return Qt.rect(p.x, p.y, item.width, item.height)
        }

        function inside(inner, outer) {
            return inner.x >= outer.x - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5
        }

        // The rows of a page's Repeater, each with its visible buttons and whether it folded.
        function rowsOf(window, repeaterName) {
            const repeater = findByName(window.contentItem, repeaterName)
            verify(repeater, repeaterName)
            const rows = []
            for (let i = 0; i < repeater.count; ++i) {
                const row = repeater.itemAt(i)
                if (row && row.visible)
                    rows.push(row)
            }
            return rows
        }

        // Lays the window out at `width`, shows `page` and checks each row of `repeaterName`;
        // returns how many rows folded their actions.
        function checkRows(width, page, repeaterName) {
            const w = createTemporaryObject(mainWindow, root)
            verify(w)
            w.width = width
            w.height = 700
            w.visible = true
            tryCompare(w.contentItem, "width", width)
            App.currentPage = page
            waitForRendering(w.contentItem)
            const rows = rowsOf(w, repeaterName)
            verify(rows.length > 0, repeaterName + " has no rows")
            let folded = 0
            for (const row of rows) {
                const r = rectIn(row, w.contentItem)
                verify(r.x >= 0 && r.x + r.width <= width,
                       repeaterName + " row at x " + r.x + "+" + r.width + " in a " + width + " px window")
                const actions = findAllByName(row, "rowAction")
                const more = findAllByName(row, "rowActionsMore")
                verify(actions.length + more.length > 0, repeaterName + ": a row shows no action")
                verify(actions.length === 0 || more.length === 0,
                       repeaterName + ": both buttons and ⋯ shown")
                for (const b of actions.concat(more)) {
                    const br = rectIn(b, w.contentItem)
                    verify(inside(br, r), repeaterName + " at " + width + " px: \"" + b.text + "\" at x "
                           + br.x + "+" + br.width + ", its row at x " + r.x + "+" + r.width)
                }
                if (more.length > 0)
                    ++folded
            }
            App.currentPage = 0
            return folded
        }

        function test_tunnelRows_data() {
            return [{tag: "900", width: 900}, {tag: "1280", width: 1280}]
        }
        function test_tunnelRows(data) {
            const folded = checkRows(data.width, 1, "tunnelRepeater")
            if (data.width >= 1280)
                compare(folded, 0, "tunnel rows folded with room to spare at 1280 px")
        }

        function test_meshRows_data() {
            return [{tag: "900", width: 900}, {tag: "1280", width: 1280}]
        }
        function test_meshRows(data) {
            const folded = checkRows(data.width, 0, "hostRepeater")
            if (data.width >= 1280)
                compare(folded, 0, "host rows folded with room to spare at 1280 px")
        }

        // The Profiles page's rows (a ListView): the actions and Connect inside each row.
        function test_profileRows_data() {
            return [{tag: "900", width: 900}, {tag: "1280", width: 1280}]
        }
        function test_profileRows(data) {
            const w = createTemporaryObject(mainWindow, root)
            w.width = data.width
            w.height = 700
            w.visible = true
            tryCompare(w.contentItem, "width", data.width)
            App.currentPage = 2
            waitForRendering(w.contentItem)
            const list = findByName(w.contentItem, "profileList")
            verify(list && list.count > 0)
            for (let i = 0; i < list.count; ++i) {
                const row = list.itemAtIndex(i)
                verify(row)
                const r = rectIn(row, w.contentItem)
                verify(r.x >= 0 && r.x + r.width <= data.width, "profile row past the window")
                const buttons = findAllByName(row, "rowAction").concat(
                                  findAllByName(row, "rowActionsMore"), findAllByName(row, "connectProfile"))
                verify(buttons.length >= 2, "a profile row shows " + buttons.length + " buttons")
                for (const b of buttons) {
                    const br = rectIn(b, w.contentItem)
                    verify(inside(br, r), "profiles at " + data.width + " px: \"" + b.text + "\" at x "
                           + br.x + "+" + br.width + ", its row at x " + r.x + "+" + r.width)
                }
            }
            App.currentPage = 0
        }

        // Not folding when there is room: a row whose buttons fold has less room for them than
        // they take side by side, and a row that shows them has at least that room.
        function test_foldsOnlyWithoutRoom() {
            for (const width of [900, 1000, 1100, 1280]) {
                const w = createTemporaryObject(mainWindow, root)
                w.width = width
                w.height = 700
                w.visible = true
                tryCompare(w.contentItem, "width", width)
                App.currentPage = 1
                waitForRendering(w.contentItem)
                for (const row of rowsOf(w, "tunnelRepeater")) {
                    const bar = findByName(row, "rowActions")
                    verify(bar, "a tunnel row has no RowActions")
                    if (bar.folded)
                        verify(bar.width < bar.fullWidth, "folded at " + width + " px with "
                               + bar.width + " px for " + bar.fullWidth)
                    else
                        verify(bar.width >= bar.fullWidth - 0.5, "shown at " + width + " px in "
                               + bar.width + " px for " + bar.fullWidth)
                }
                App.currentPage = 0
            }
        }
    }
}
