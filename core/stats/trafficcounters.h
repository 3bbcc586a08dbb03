#pragma once
// TrafficCounters: lock-free counters an engine thread bumps as traffic flows, and the plain
// snapshot a 1-2 Hz sampler copies out of them. Writers must never take locks or emit signals.
#include <QMetaType>
#include <QString>
#include <atomic>

namespace routeless::stats {

struct TrafficSnapshot {
  qint64 timestampMs = 0;
  quint64 tcpRx = 0;
  quint64 tcpTx = 0;
  quint64 udpRx = 0;
  quint64 udpTx = 0;
  int tcpSessions = 0;
  int udpSessions = 0;
  int pool = 0;
  int pingMs = 0;
  int mode = 0;
};

struct TrafficCounters {
  std::atomic<quint64> tcpRx{0};
  std::atomic<quint64> tcpTx{0};
  std::atomic<quint64> udpRx{0};
  std::atomic<quint64> udpTx{0};
  std::atomic<int> tcpSessions{0};
  std::atomic<int> udpSessions{0};
  std::atomic<int> pool{0};
  std::atomic<int> pingMs{0};
  std::atomic<int> mode{0};

  TrafficSnapshot snapshot() const;
  void reset();
};

}  // namespace routeless::stats

Q_DECLARE_METATYPE(routeless::stats::TrafficSnapshot)
