import QtQuick
import QtQuick.Controls

// The base of the app's dialogs: modal, centred, its first field focused when it opens, Return
// (or Enter) in any field accepts and Escape cancels, as in a desktop dialog. A field that
// needs Return for itself (a multi-line text, an open combo box) keeps it.
Dialog {
    id: dialog

    // The control that gets the keyboard focus when the dialog opens.
    property Item initialFocus: null
    default property alias content: body.data
    // The control that had the focus before the dialog opened ("Add tunnel", a row's "Edit"):
    // it gets the focus back when the dialog closes, so a keyboard user goes on from there
    // instead of from nowhere. Null when that control is gone (a removed row's button).
    property Item returnFocusTo: null

    // Outside the popup, in the window the dialog opens over, to follow that window's focus.
    Item {
        id: focusProbe
        parent: dialog.parent
        visible: false
    }
    Connections {
        target: focusProbe.Window.window
        function onActiveFocusItemChanged() {
            const item = focusProbe.Window.activeFocusItem
            // While open, the focus moves inside it (and its combo boxes' lists): not an opener.
            if (!item || dialog.visible)
                return
            for (let p = item; p; p = p.parent) {
                if (p === dialog.contentItem.parent)  // inside this dialog
                    return
            }
            dialog.returnFocusTo = item
        }
    }
    onClosed: {
        const item = dialog.returnFocusTo
        if (item && item.visible && item.enabled)
            item.forceActiveFocus(Qt.PopupFocusReason)
    }

    modal: true
    anchors.centerIn: Overlay.overlay
    focus: true
    onOpened: (dialog.initialFocus ? dialog.initialFocus : body).forceActiveFocus(Qt.TabFocusReason)

    // The single child of the content: the dialog takes its implicit size from it.
    FocusScope {
        id: body
        width: parent ? parent.width : implicitWidth
        implicitWidth: childrenRect.width
        implicitHeight: childrenRect.height
        Keys.onReturnPressed: dialog.accept()
        Keys.onEnterPressed: dialog.accept()
    }
}
