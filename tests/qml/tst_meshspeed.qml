import QtQuick
import QtQuick.Controls
import QtTest
import Routeless

// The Mesh page's speed test (the target dialog, the result card, refused while nothing runs)
// and each host's services (DNS, UDP forwards, proxies) with their copy buttons, against the
// App with the demo profile and no engines.
Item {
    id: root
    width: 1180
    height: 760

    ConfirmDialog { id: confirmDialog }
    Component { id: meshPage; MeshPage { width: 900; height: 700; confirm: confirmDialog } }
    Component { id: card; SpeedTestCard { width: 600 } }
    Component { id: pasteBox; TextEdit {} }

    TestCase {
        name: "MeshSpeed"
        when: windowShown

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

        function contains(list, x) {  // a QML list has no indexOf
            for (let i = 0; i < list.length; ++i)
                if (list[i] === x)
                    return true
            return false
        }

        function findByName(item, name) {
            const all = findAllByName(item, name)
            return all.length > 0 ? all[0] : null
        }

        function init() {
            App.profiles.currentId = "local-demo"
            App.hosts.clearSpeedTest()
        }

        function test_resultCardShowsFigures() {
            const c = createTemporaryObject(card, root, {
                result: {
                    from: "alpha", to: "beta", running: false, error: "",
                    status: "Speed test alpha → beta",
                    latency: "0.15 ms (min 0.12 ms, max 0.90 ms, 5 connects)",
                    up: "812 Mbit/s", down: "790 Mbit/s",
                    path: "alpha (127.0.42.1) → manager → beta (127.0.42.2)"
                }
            })
            verify(c)
            verify(c.visible)
            compare(findByName(c, "speedTestLatency").text, "0.15 ms (min 0.12 ms, max 0.90 ms, 5 connects)")
            compare(findByName(c, "speedTestUp").text, "812 Mbit/s")
            compare(findByName(c, "speedTestDown").text, "790 Mbit/s")
            compare(findByName(c, "speedTestPath").text, "alpha (127.0.42.1) → manager → beta (127.0.42.2)")
            compare(findByName(c, "speedTestError"), null)  // hidden: no error
            const again = findByName(c, "speedTestAgain")
            verify(again.enabled)
            compare(again.Accessible.name, "Run the speed test from alpha to beta again")
            // Nothing before a first test.
            c.result = ({})
            verify(!c.visible)
        }

        function test_speedTestFromThePage() {
            const page = createTemporaryObject(meshPage, root)
            verify(page)
            // What the host menu's "Test speed to…" opens.
            const d = page.speedDialog
            verify(d)
            compare(d.objectName, "speedDialog")
            d.openFor("alpha")
            tryCompare(d, "opened", true)
            compare(d.targets, ["beta"])
            const target = findByName(d.contentItem, "speedTarget_beta")
            verify(target)
            compare(target.Accessible.name, "Test speed from alpha to beta")
            verify(target.activeFocus)  // keyboard: Return runs it
            keyClick(Qt.Key_Return)
            tryCompare(d, "opened", false)
            // No engines: the card says the test runs, then why it was refused.
            compare(App.hosts.speedTest.from, "alpha")
            tryVerify(function() { return App.hosts.speedTest.running === false })
            const c = findByName(page, "speedTestCard")
            verify(c)
            verify(c.visible)
            tryCompare(findByName(c, "speedTestError"), "text", "the mesh is not running")
            mouseClick(findByName(c, "speedTestClose"))
            verify(!c.visible)
        }

        function test_hostServicesAndCopy() {
            const page = createTemporaryObject(meshPage, root)
            verify(page)
            const dns = findAllByName(page, "hostService_dns")
            compare(dns.length, 2)
            const values = findAllByName(dns[1], "hostServiceValue")
            compare(values[0].text, "127.0.42.2:10053")
            // A UDP port on beta: listed with its own copy button.
            const before = App.hosts.details(1)
            compare(App.hosts.save(1, "beta", before.vip, before.command,
                                   before.ports + ", 5353:127.0.0.1:53/udp", true, false), "")
            tryVerify(function() { return findAllByName(page, "hostService_udp").length === 1 })
            const udp = findAllByName(page, "hostService_udp")[0]
            compare(findByName(udp, "hostServiceValue").text, "127.0.42.2:5353 → 127.0.0.1:53")
            const copy = findByName(udp, "hostServiceCopy")
            verify(copy)
            compare(copy.Accessible.name, "Copy UDP forward of host beta: 127.0.42.2:5353")
            mouseClick(copy)
            const box = createTemporaryObject(pasteBox, root)
            box.paste()
            compare(box.text, "127.0.42.2:5353")
            // Keyboard: the copy button takes focus and Space presses it.
            const dnsCopy = findByName(dns[0], "hostServiceCopy")
            dnsCopy.forceActiveFocus(Qt.TabFocusReason)
            verify(dnsCopy.activeFocus)
            keyClick(Qt.Key_Space)
            box.text = ""
            box.paste()
            compare(box.text, "127.0.42.1:10053")
            compare(App.hosts.save(1, "beta", before.vip, before.command, before.ports, true, false), "")
        }
    }
}
