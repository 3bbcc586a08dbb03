import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// A row's actions: buttons side by side when there is room, else one "⋯" button that opens
// them as a menu, so every action stays reachable at any width. Each action is an Action with
// an `accessibleName` naming its row ("Remove host beta"). Meant for a RowLayout: it takes
// the room the row's other items leave and folds when that is less than its buttons need.
Item {
    id: root
    objectName: "rowActions"
    property list<RowAction> actions
    property string menuName: qsTr("More actions")

    // How many buttons exist: itemAt() notifies nothing, so without this the width below was
    // counted once, before the Repeater had made every button, and stayed too small (the row
    // showed its buttons past its edge, or folded them with room to spare).
    property int madeButtons: 0
    // The buttons' width side by side, counted from the buttons themselves (a hidden Row would
    // count nothing).
    readonly property real fullWidth: {
        if (root.madeButtons <= 0)
            return 0
        let w = 0
        let shown = 0
        for (let i = 0; i < repeater.count; ++i) {
            const item = repeater.itemAt(i)
            if (item && item.modelData.visible) {
                w += item.implicitWidth
                ++shown
            }
        }
        return w + Math.max(0, shown - 1) * buttons.spacing
    }
    // Folded when the width the row's layout gave this item is less than the buttons take.
    // The row decides that width: the actions fill what the row's other items leave, never
    // less than the "⋯" button; what they would like is the buttons side by side. Neither
    // depends on `folded`, so folding cannot feed back into the layout (a width worked out
    // by each page from its labels' implicit widths missed what the layout really did: it
    // shrank this item below its buttons, and they ran past the card's edge).
    readonly property bool folded: root.width + 0.5 < root.fullWidth
    Layout.fillWidth: true
    Layout.minimumWidth: moreButton.implicitWidth
    Layout.preferredWidth: root.fullWidth
    implicitWidth: root.fullWidth
    implicitHeight: Math.max(buttons.implicitHeight, moreButton.implicitHeight)
    Accessible.role: Accessible.ToolBar
    Accessible.name: root.menuName

    Row {
        id: buttons
        visible: !root.folded
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        spacing: 6
        Repeater {
            id: repeater
            model: root.actions
            onItemAdded: root.madeButtons += 1
            onItemRemoved: root.madeButtons -= 1
            delegate: AppButton {
                required property RowAction modelData
                visible: modelData.visible
                text: modelData.text
                enabled: modelData.enabled
                // Bordered, not flat: a flat Fusion button shows no edge until hovered, so a row's
                // actions read as loose words.
                objectName: "rowAction"
                destructive: modelData.destructive
                accessibleName: modelData.accessibleName
                onClicked: modelData.trigger()
            }
        }
    }

    AppButton {
        id: moreButton
        objectName: "rowActionsMore"
        visible: root.folded
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        minimumWidth: implicitHeight
        text: "⋯"
        accessibleName: root.menuName
        onClicked: menu.popup(moreButton, 0, moreButton.height)
        Menu {
            id: menu
            Repeater {
                model: root.actions
                delegate: MenuItem {
                    required property RowAction modelData
                    visible: modelData.visible
                    height: visible ? implicitHeight : 0
                    text: modelData.text
                    enabled: modelData.enabled
                    Accessible.name: modelData.accessibleName.length > 0 ? modelData.accessibleName : text
                    onTriggered: modelData.trigger()
                }
            }
        }
    }
}
