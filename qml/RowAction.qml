import QtQuick

// One action of a row (see RowActions): its text, what a screen reader calls it, and what it
// does.
QtObject {
    id: action
    property string text
    property string accessibleName
    property bool enabled: true
    property bool visible: true
    property bool destructive: false
    signal triggered()
    function trigger() { if (action.enabled) action.triggered() }
}
