#pragma once
// Small formatting helpers shared by the models (sizes, rates, durations). They only format;
// they must never translate numbers into states.
#include <QString>

namespace routeless::desktop {
QString formatBytes(quint64 bytes);
QString formatRate(quint64 bytesPerSecond);
QString formatDuration(qint64 ms);
}  // namespace routeless::desktop
