#include "pumpthreads.h"

#include <QThread>

#include "pump.h"
#include "stream.h"

namespace routeless::net {

PumpThreads::PumpThreads(int count, QObject *parent) : QObject(parent), count_(qMax(0, count)) {}

PumpThreads::~PumpThreads() {
  stopAll();
  for (auto &w : workers_) {
    // The host goes on its own thread, then the loop ends.
    QMetaObject::invokeMethod(w->host, &QObject::deleteLater, Qt::QueuedConnection);
    w->thread->quit();
    w->thread->wait();
    delete w->thread;
  }
}

int PumpThreads::defaultCount() {
  // ROUTELESS_PUMP_THREADS=N (0..16) overrides the choice, so a benchmark can compare the same
  // build with and without workers; anything else is ignored.
  bool set = false;
  const int wanted = qEnvironmentVariableIntValue("ROUTELESS_PUMP_THREADS", &set);
  if (set && wanted >= 0 && wanted <= 16) return wanted;
  const int cores = QThread::idealThreadCount();
  return cores <= 1 ? 0 : qMin(cores, 4);
}

bool PumpThreads::canCarry(const Stream *a, const Stream *b) {
  return a && b && a->canMoveThread() && b->canMoveThread();
}

void PumpThreads::startWorkers() {
  for (int i = 0; i < count_; ++i) {
    auto w = std::make_unique<Worker>();
    w->thread = new QThread;
    w->thread->setObjectName(QStringLiteral("pump-%1").arg(i));
    w->host = new QObject;
    w->host->moveToThread(w->thread);
    w->thread->start();
    workers_.push_back(std::move(w));
  }
}

bool PumpThreads::run(Pump *pump) {
  if (count_ == 0 || !pump || pump->parent()) return false;
  if (workers_.empty()) startWorkers();
  Worker *best = workers_.front().get();
  for (auto &w : workers_)
    if (w->active.load(std::memory_order_relaxed) < best->active.load(std::memory_order_relaxed))
      best = w.get();
  best->active.fetch_add(1, std::memory_order_relaxed);
  std::atomic<int> *active = &best->active;
  // Both run on the worker: destroyed() from the pump's destructor, finished() from its loop.
  connect(pump, &QObject::destroyed, [active] { active->fetch_sub(1, std::memory_order_relaxed); });
  connect(pump, &Pump::finished, pump, &QObject::deleteLater);
  // The streams' notifiers follow (Qt re-arms them on the new thread before the start below).
  pump->moveToThread(best->thread);
  QObject *host = best->host;
  QMetaObject::invokeMethod(
      host,
      [host, pump] {
        pump->setParent(host);
        pump->start();
      },
      Qt::QueuedConnection);
  return true;
}

void PumpThreads::stopAll() {
  for (auto &w : workers_) {
    if (w->thread == QThread::currentThread()) continue;  // never: workers do not call back
    QObject *host = w->host;
    QMetaObject::invokeMethod(
        host,
        [host] {
          const auto kids = host->children();
          for (QObject *k : kids) delete k;
        },
        Qt::BlockingQueuedConnection);
  }
}

int PumpThreads::active() const {
  int n = 0;
  for (const auto &w : workers_) n += w->active.load(std::memory_order_relaxed);
  return n;
}

}  // namespace routeless::net
