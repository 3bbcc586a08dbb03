#include "speedtestview.h"

namespace routeless::desktop {

QVariantMap SpeedTestView::running(const QString &from, const QString &to, int seconds) {
  return {{QStringLiteral("from"), from},
          {QStringLiteral("to"), to},
          {QStringLiteral("running"), true},
          {QStringLiteral("error"), QString()},
          {QStringLiteral("status"),
           tr("Testing %1 → %2: connects, then %3 s each way…").arg(from, to).arg(seconds)},
          {QStringLiteral("latency"), QString()},
          {QStringLiteral("up"), QString()},
          {QStringLiteral("down"), QString()},
          {QStringLiteral("path"), QString()}};
}

QVariantMap SpeedTestView::finished(const mesh::MeshTestOutcome &o) {
  QVariantMap v{{QStringLiteral("from"), o.from},
                {QStringLiteral("to"), o.to},
                {QStringLiteral("running"), false},
                {QStringLiteral("error"), o.error},
                {QStringLiteral("status"), QString()},
                {QStringLiteral("latency"), QString()},
                {QStringLiteral("up"), QString()},
                {QStringLiteral("down"), QString()},
                {QStringLiteral("path"), o.path.join(QStringLiteral(" → "))}};
  if (!o.error.isEmpty()) {
    v[QStringLiteral("status")] = tr("Speed test %1 → %2 failed: %3").arg(o.from, o.to, o.error);
    return v;
  }
  const agent::MeshTestFigures &f = o.figures;
  v[QStringLiteral("status")] = tr("Speed test %1 → %2").arg(o.from, o.to);
  v[QStringLiteral("latency")] =
      tr("%1 (min %2, max %3, %4 connects)")
          .arg(latency(f.latencyMedianUs), latency(f.latencyMinUs), latency(f.latencyMaxUs))
          .arg(f.connects);
  v[QStringLiteral("up")] = bitRate(o.upBitsPerSecond());
  v[QStringLiteral("down")] = bitRate(o.downBitsPerSecond());
  return v;
}

QString SpeedTestView::bitRate(double bps) {
  if (bps >= 1e9) return tr("%1 Gbit/s").arg(bps / 1e9, 0, 'f', 2);
  if (bps >= 1e6) return tr("%1 Mbit/s").arg(bps / 1e6, 0, 'f', bps >= 1e8 ? 0 : 1);
  return tr("%1 kbit/s").arg(bps / 1e3, 0, 'f', 0);
}

QString SpeedTestView::latency(qint64 us) {
  if (us >= 10000) return tr("%1 ms").arg(double(us) / 1000.0, 0, 'f', 0);
  return tr("%1 ms").arg(double(us) / 1000.0, 0, 'f', 2);
}

}  // namespace routeless::desktop
