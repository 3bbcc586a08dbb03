#pragma once
// PumpThreads: a few worker threads, each running its own event loop, that carry Pumps whose two
// streams own their sockets outright, so that the flows of one engine use more than one core
// (each TLS flow costs a core's worth of AES at a few Gbit/s). It must never take a pump whose
// streams depend on an object of another thread (a QUIC or HTTP/2 stream), nor let a pump outlive
// it: the destructor ends every pump on its own thread and joins the threads.
#include <QObject>
#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace routeless::net {

class Pump;
class Stream;

class PumpThreads final : public QObject {
  Q_OBJECT
 public:
  // `count` workers, started on first use; 0 means every pump stays on the caller's thread.
  explicit PumpThreads(int count, QObject *parent = nullptr);
  ~PumpThreads() override;

  // The number of workers for this machine: one per core, at most four; none on one core;
  // ROUTELESS_PUMP_THREADS=N (0..16) in the environment instead when set.
  static int defaultCount();
  int count() const { return count_; }

  // True when both streams may move to a worker with their pump.
  static bool canCarry(const Stream *a, const Stream *b);
  // Moves `pump` (built on this thread, without parent, not started) to the least busy worker,
  // starts it there and deletes it there once it has finished. False (pump untouched) without
  // workers.
  bool run(Pump *pump);
  // Ends every pump on the workers now, waiting until they are gone (their finished() is not
  // emitted, as for a pump deleted on its own thread).
  void stopAll();
  // Pumps on the workers now (for tests and statistics).
  int active() const;

 private:
  struct Worker {
    QThread *thread = nullptr;
    QObject *host = nullptr;  // lives on `thread`; the parent of its pumps
    std::atomic<int> active{0};
  };
  void startWorkers();

  int count_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace routeless::net
