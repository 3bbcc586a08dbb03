import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Routeless

// Shares a tunnel: its URL as text and as a QR code, with or without its key (without: send
// the key another way). The key never shows unless asked for.
AppDialog {
    id: dialog
    property int row: -1
    property string name: ""

    function openFor(r, tunnelName) {
        row = r
        name = tunnelName
        withKey.checked = false
        open()
    }

    title: qsTr("Share tunnel %1").arg(dialog.name)
    width: Math.min(560, (parent ? parent.width : 560) - 40)
    initialFocus: copyButton
    standardButtons: Dialog.Close
    onAccepted: App.copyText(App.tunnels.shareUrl(dialog.row, withKey.checked))

    readonly property string url: dialog.row >= 0 ? App.tunnels.shareUrl(dialog.row, withKey.checked) : ""

    ColumnLayout {
        width: parent.width
        spacing: 10
        CheckBox {
            id: withKey
            objectName: "shareWithKey"
            text: qsTr("Include the key (whoever gets it can use the tunnel)")
            FocusRing { target: withKey }
        }
        TextArea {
            Layout.fillWidth: true
            readOnly: true
            wrapMode: TextEdit.WrapAnywhere
            font.family: Theme.mono
            text: dialog.url
            Accessible.name: qsTr("Tunnel URL")
        }
        AppButton {
            id: copyButton
            text: qsTr("Copy URL")
            highlighted: true
            onClicked: App.copyText(dialog.url)
        }
        Image {
            objectName: "shareQr"
            visible: App.qrAvailable && dialog.opened
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 220
            Layout.preferredHeight: 220
            fillMode: Image.PreserveAspectFit
            smooth: false
            cache: false
            source: dialog.opened && App.qrAvailable ? App.tunnels.qrSource(dialog.row, withKey.checked) : ""
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("QR code of the tunnel URL")
        }
        Label {
            Layout.fillWidth: true
            visible: !App.qrAvailable
            text: qsTr("This build has no QR codes (libqrencode was not found).")
            color: Theme.subtext
            wrapMode: Text.WordWrap
        }
        Label {
            Layout.fillWidth: true
            visible: !withKey.checked
            text: qsTr("Without the key, give it to the other side another way; they enter it in the tunnel's Key field.")
            color: Theme.subtext
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLabel
        }
    }
}
