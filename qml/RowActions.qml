import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// A row's actions: buttons side by side when there is room, else one "⋯" button that opens
// them as a menu, so every action stays reachable at any width. Each action is an Action with
// an `accessibleName` naming its row ("Remove host beta").
Item {
    id: root
    property list<RowAction> actions
    // Fit in this width, or fold into the menu.
    property real availableWidth: 400
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
        for (let i = 0; i < repeater.count; ++i) {
            const item = repeater.itemAt(i)
            if (item && item.modelData.visible)
                w += item.implicitWidth + buttons.spacing
        }
        return w
    }
    readonly property bool folded: fullWidth > root.availableWidth
    implicitWidth: folded ? moreButton.implicitWidth : fullWidth
    implicitHeight: folded ? moreButton.implicitHeight : buttons.implicitHeight
    Accessible.role: Accessible.ToolBar
    Accessible.name: root.menuName

    Row {
        id: buttons
        visible: !root.folded
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
