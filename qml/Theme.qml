pragma Singleton
import QtQuick
import Routeless

// Colours, spacing and font sizes shared by every screen; follows Settings > Theme ("system"
// follows the desktop's palette).
QtObject {
    id: theme

    readonly property SystemPalette system: SystemPalette { colorGroup: SystemPalette.Active }
    readonly property bool dark: App.settings.theme === "dark"
                                 || (App.settings.theme === "system" && system.window.hslLightness < 0.5)

    readonly property color window: dark ? "#15181d" : "#f3f5f8"
    readonly property color sidebar: dark ? "#1b1f26" : "#e9edf2"
    readonly property color surface: dark ? "#20252d" : "#ffffff"
    readonly property color surfaceAlt: dark ? "#262c35" : "#f7f9fb"
    readonly property color border: dark ? "#323945" : "#dde2e8"
    readonly property color text: dark ? "#e6e9ee" : "#1d232b"
    readonly property color subtext: dark ? "#9aa4b2" : "#5b6776"
    readonly property color accent: dark ? "#4c8dff" : "#1f6feb"
    readonly property color accentSoft: dark ? "#1e3358" : "#e3edff"
    readonly property color good: dark ? "#3fb950" : "#1a7f37"
    readonly property color warn: dark ? "#d29922" : "#9a6700"
    readonly property color bad: dark ? "#f85149" : "#cf222e"
    readonly property color idle: dark ? "#8b949e" : "#6e7781"
    readonly property color hover: Qt.rgba(0.5, 0.5, 0.5, 0.12)
    // The keyboard focus ring: thick and in the accent colour, visible on any control.
    readonly property color focus: dark ? "#79b8ff" : "#0a58ca"
    readonly property int focusWidth: 2

    readonly property int radius: 8
    readonly property int smallRadius: 6
    readonly property int gap: 12
    readonly property int pad: 16
    readonly property int rowPad: 10
    readonly property string mono: "monospace"

    readonly property int fontSmall: 11
    readonly property int fontLabel: 12
    readonly property int fontBody: 14
    readonly property int fontHeading: 15
    readonly property int fontValue: 20
    readonly property int fontTitle: 22

    // Tone.Idle / Good / Busy / Bad, from the models.
    function toneColor(tone) {
        switch (tone) {
        case Tone.Good:
            return good
        case Tone.Busy:
            return warn
        case Tone.Bad:
            return bad
        default:
            return idle
        }
    }
}
