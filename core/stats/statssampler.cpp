#include "statssampler.h"

namespace routeless::stats {

StatsSampler::StatsSampler(int intervalMs, QObject *parent) : QObject(parent) {
  timer_.setInterval(qBound(250, intervalMs, 5000));
  connect(&timer_, &QTimer::timeout, this, [this] { Q_EMIT sampled(sampleNow()); });
}

void StatsSampler::addSource(const QString &name, std::shared_ptr<const TrafficCounters> counters) {
  sources_.insert(name, std::move(counters));
}

void StatsSampler::removeSource(const QString &name) { sources_.remove(name); }

QHash<QString, TrafficSnapshot> StatsSampler::sampleNow() const {
  QHash<QString, TrafficSnapshot> out;
  for (auto it = sources_.cbegin(); it != sources_.cend(); ++it)
    out.insert(it.key(), it.value()->snapshot());
  return out;
}

}  // namespace routeless::stats
