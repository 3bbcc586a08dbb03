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
