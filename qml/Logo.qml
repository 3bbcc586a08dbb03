import QtQuick
import Routeless

// The Routeless mark (same drawing as the tray icon and resources/routeless.svg).
Canvas {
    id: logo
    implicitWidth: 30
    implicitHeight: 30
    onPaint: {
        const s = Math.min(width, height)
        const ctx = getContext("2d")
        ctx.reset()
        ctx.fillStyle = "#1f6feb"
        const r = s * 0.22
        ctx.beginPath()
        ctx.roundedRect(0, 0, s, s, r, r)
        ctx.fill()
        ctx.strokeStyle = "#ffffff"
        ctx.lineWidth = s * 0.09
        ctx.lineCap = "round"
        ctx.beginPath()
        ctx.moveTo(s * 0.25, s * 0.72)
        ctx.bezierCurveTo(s * 0.25, s * 0.35, s * 0.75, s * 0.65, s * 0.75, s * 0.28)
        ctx.stroke()
        ctx.fillStyle = "#ffffff"
        ctx.beginPath()
        ctx.arc(s * 0.25, s * 0.72, s * 0.1, 0, 2 * Math.PI)
        ctx.fill()
        ctx.beginPath()
        ctx.arc(s * 0.75, s * 0.28, s * 0.1, 0, 2 * Math.PI)
        ctx.fill()
    }
}
