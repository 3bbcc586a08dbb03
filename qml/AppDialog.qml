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

    // Taken when the dialog is about to open, while the focus is still on the opener. (A
    // helper item placed beside the dialog to follow the focus all the time made Qt's overlay
    // take the window's keys and clicks: the app's shortcuts stopped working.)
    onAboutToShow: {
        const window = dialog.parent ? dialog.parent.Window.window : null
        dialog.returnFocusTo = window ? window.activeFocusItem : null
    }
    // Only when the focus is nowhere (or still in this dialog): a dialog that opened another one
    // on its way out ("Save to file…" opens the file dialog) must leave that one its focus.
    onClosed: {
        const item = dialog.returnFocusTo
        if (!item || !item.visible || !item.enabled)
            return
        const window = dialog.parent ? dialog.parent.Window.window : null
        const current = window ? window.activeFocusItem : null
        let nowhere = !current || current === window.contentItem || current === Overlay.overlay
        for (let p = current; p && !nowhere; p = p.parent) {
            if (p === dialog.contentItem)
                nowhere = true
        }
        if (nowhere)
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
