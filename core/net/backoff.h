#pragma once
// The retry delay every reconnecting engine uses (mesh agents, tunnels, relay devices, master
// clients): `firstMs` doubled per earlier attempt, capped at `maxMs`. One formula, so that all of
// them back off the same way; callers add jitter where many peers could retry in step.
#include <QtGlobal>

namespace routeless::net {

// `attempt` counts the retries already made: 0 gives firstMs.
constexpr int backoffMs(int attempt, int firstMs, int maxMs) {
  const qint64 delay = qint64(firstMs) << qBound(0, attempt, 20);
  return int(qMin<qint64>(delay, maxMs));
}

}  // namespace routeless::net
