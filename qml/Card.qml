import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// A titled surface with actions beside its title; when the title row is too narrow for them,
// the actions move below the title (they stay on screen at any width).
Pane {
    id: card
    property string title
    property string subtitle
    default property alias content: body.data
    property alias actions: actionRow.data

    padding: Theme.pad
    Accessible.role: Accessible.Grouping
    Accessible.name: card.title
    background: Rectangle {
        color: Theme.surface
        radius: Theme.radius
        border.color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        GridLayout {
            id: head
            Layout.fillWidth: true
            visible: card.title.length > 0
            // One row when title and actions fit side by side, else two. The actions' own
            // width, not the Flow's implicitWidth: that follows the width the Flow was given, so
            // after a narrow window the actions stayed stacked, squeezed at the right, when the
            // window grew again.
            readonly property bool stacked: titleColumn.implicitWidth + actionRow.childrenWidth + 24 > card.availableWidth
            columns: stacked ? 1 : 2
            columnSpacing: 8
            rowSpacing: 8
            ColumnLayout {
                id: titleColumn
                spacing: 0
                Layout.fillWidth: true
                Label {
                    text: card.title
                    font.pixelSize: Theme.fontHeading
                    font.weight: Font.DemiBold
                    color: Theme.text
                    Accessible.role: Accessible.Heading
                }
                Label {
                    visible: card.subtitle.length > 0
                    text: card.subtitle
                    color: Theme.subtext
                    font.pixelSize: Theme.fontLabel
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                }
            }
            Flow {
                id: actionRow
                Layout.alignment: head.stacked ? Qt.AlignLeft : (Qt.AlignRight | Qt.AlignVCenter)
                Layout.fillWidth: head.stacked
                Layout.preferredWidth: head.stacked ? card.availableWidth : childrenWidth
                spacing: 6
                // Flow's implicitWidth is read-only and follows its own width: one row's width
                // is the sum of its visible children's.
                readonly property real childrenWidth: {
                    let w = 0
                    for (let i = 0; i < children.length; ++i)
                        if (children[i].visible)
                            w += children[i].implicitWidth + spacing
                    return Math.max(0, w - spacing)
                }
            }
        }
        ColumnLayout {
            id: body
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 8
        }
    }
}
