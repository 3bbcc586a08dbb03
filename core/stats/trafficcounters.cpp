#include "trafficcounters.h"

#include <QDateTime>

namespace routeless::stats {

TrafficSnapshot TrafficCounters::snapshot() const {
  constexpr auto r = std::memory_order_relaxed;
  TrafficSnapshot s;
  s.timestampMs = QDateTime::currentMSecsSinceEpoch();
  s.tcpRx = tcpRx.load(r);
  s.tcpTx = tcpTx.load(r);
  s.udpRx = udpRx.load(r);
  s.udpTx = udpTx.load(r);
  s.tcpSessions = tcpSessions.load(r);
  s.udpSessions = udpSessions.load(r);
  s.pool = pool.load(r);
  s.pingMs = pingMs.load(r);
  s.mode = mode.load(r);
  return s;
}

void TrafficCounters::reset() {
  constexpr auto r = std::memory_order_relaxed;
  tcpRx.store(0, r);
  tcpTx.store(0, r);
  udpRx.store(0, r);
  udpTx.store(0, r);
}

}  // namespace routeless::stats
