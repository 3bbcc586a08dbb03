#pragma once
// StatsSampler: copies registered TrafficCounters into snapshots on a timer (1-2 Hz) and hands
// them out in one batch. It must never be driven per packet or hold the counters' owners alive
// beyond their shared_ptr.
#include <QHash>
#include <QObject>
#include <QTimer>
#include <memory>

#include "trafficcounters.h"

namespace routeless::stats {

class StatsSampler final : public QObject {
  Q_OBJECT
 public:
  explicit StatsSampler(int intervalMs = 1000, QObject *parent = nullptr);
  void addSource(const QString &name, std::shared_ptr<const TrafficCounters> counters);
  void removeSource(const QString &name);
  void start() { timer_.start(); }
  void stop() { timer_.stop(); }
  QHash<QString, TrafficSnapshot> sampleNow() const;

 Q_SIGNALS:
  void sampled(const QHash<QString, routeless::stats::TrafficSnapshot> &snapshots);

 private:
  QTimer timer_;
  QHash<QString, std::shared_ptr<const TrafficCounters>> sources_;
};

}  // namespace routeless::stats
