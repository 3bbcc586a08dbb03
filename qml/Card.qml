import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// A titled surface with an optional row of actions on the right of its title.
Pane {
    id: card
    property string title
    property string subtitle
    default property alias content: body.data
    property alias actions: actionRow.data

    padding: Theme.pad
    background: Rectangle {
        color: Theme.surface
        radius: Theme.radius
        border.color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        RowLayout {
            Layout.fillWidth: true
            visible: card.title.length > 0
            spacing: 8
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: false
                Label {
                    text: card.title
                    font.pixelSize: 15
                    font.weight: Font.DemiBold
                    color: Theme.text
                }
                Label {
                    visible: card.subtitle.length > 0
                    text: card.subtitle
                    color: Theme.subtext
                    font.pixelSize: 12
                }
            }
            Item {
                Layout.fillWidth: true
            }
            RowLayout {
                id: actionRow
                Layout.fillWidth: false
                Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
                spacing: 6
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
