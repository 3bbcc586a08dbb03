import QtQuick
import Routeless

// A small traffic graph; repaints only when its values change (at most 1-2 Hz).
Canvas {
    id: spark
    property var values: []
    property color lineColor: Theme.accent

    implicitWidth: 120
    implicitHeight: 28
    renderStrategy: Canvas.Cooperative
    onValuesChanged: requestPaint()
    onLineColorChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        const v = spark.values || []
        ctx.strokeStyle = Theme.border
        ctx.lineWidth = 1
        ctx.beginPath()
        ctx.moveTo(0, height - 0.5)
        ctx.lineTo(width, height - 0.5)
        ctx.stroke()
        if (v.length < 2)
            return
        let max = 1
        for (let i = 0; i < v.length; ++i)
            max = Math.max(max, v[i])
        const step = width / 59
        const x0 = width - (v.length - 1) * step
        ctx.beginPath()
        for (let i = 0; i < v.length; ++i) {
            const x = x0 + i * step
            const y = height - 2 - (v[i] / max) * (height - 4)
            if (i === 0)
                ctx.moveTo(x, y)
            else
                ctx.lineTo(x, y)
        }
        ctx.strokeStyle = spark.lineColor
        ctx.lineWidth = 1.5
        ctx.stroke()
        ctx.lineTo(width, height)
        ctx.lineTo(x0, height)
        ctx.closePath()
        ctx.fillStyle = Qt.rgba(spark.lineColor.r, spark.lineColor.g, spark.lineColor.b, 0.15)
        ctx.fill()
    }
}
