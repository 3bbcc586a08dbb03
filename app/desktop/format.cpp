#include "format.h"

#include <QCoreApplication>

namespace routeless::desktop {

QString formatBytes(quint64 bytes) {
  static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = double(bytes);
  int u = 0;
  while (v >= 1024.0 && u < 4) {
    v /= 1024.0;
    ++u;
  }
  return u == 0
             ? QStringLiteral("%1 B").arg(bytes)
             : QStringLiteral("%1 %2").arg(v, 0, 'f', v < 10 ? 1 : 0).arg(QLatin1String(units[u]));
}

QString formatRate(quint64 bytesPerSecond) {
  return formatBytes(bytesPerSecond) + QStringLiteral("/s");
}

QString formatDuration(qint64 ms) {
  if (ms <= 0) return QStringLiteral("—");
  qint64 s = ms / 1000;
  const qint64 h = s / 3600;
  const qint64 m = (s / 60) % 60;
  s %= 60;
  if (h > 0) return QStringLiteral("%1h %2m").arg(h).arg(m, 2, 10, QLatin1Char('0'));
  if (m > 0) return QStringLiteral("%1m %2s").arg(m).arg(s, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1s").arg(s);
}

}  // namespace routeless::desktop
