pragma Singleton
import QtQuick
import Routeless

// Colours and spacing shared by every screen; follows Settings > Theme.
QtObject {
    readonly property bool dark: Backend.settings.theme === "dark"

    readonly property color window: dark ? "#15181d" : "#f3f5f8"
    readonly property color sidebar: dark ? "#1b1f26" : "#e9edf2"
    readonly property color surface: dark ? "#20252d" : "#ffffff"
    readonly property color surfaceAlt: dark ? "#262c35" : "#f7f9fb"
    readonly property color border: dark ? "#323945" : "#dde2e8"
    readonly property color text: dark ? "#e6e9ee" : "#1d232b"
    readonly property color subtext: dark ? "#9aa4b2" : "#5f6b7a"
    readonly property color accent: dark ? "#4c8dff" : "#1f6feb"
    readonly property color accentSoft: dark ? "#1e3358" : "#e3edff"
    readonly property color good: dark ? "#3fb950" : "#1f883d"
    readonly property color warn: dark ? "#d29922" : "#b58100"
    readonly property color bad: dark ? "#f85149" : "#cf222e"
    readonly property color idle: dark ? "#6e7681" : "#8b949e"

    readonly property int radius: 8
    readonly property int gap: 12
    readonly property int pad: 16
    readonly property string mono: "monospace"

    function stateColor(state) {
        switch (String(state).charAt(0).toUpperCase() + String(state).slice(1)) {
        case "Ready":
        case "Running":
        case "Live":
        case "Connected":
            return good
        case "Starting":
        case "Waiting":
        case "Restarting":
        case "Connecting":
            return warn
        case "Failed":
        case "Problem":
            return bad
        default:
            return idle
        }
    }
}
