#pragma once
// NodePassEngine: runs one TunnelRuntime on its own worker QThread and exposes its counters to
// the owning (CLI or GUI) thread. It must never let the owner thread touch a socket.
#include <QObject>
#include <QThread>
#include <functional>
#include <memory>

#include "stats/trafficcounters.h"
#include "tunnelurl.h"

namespace routeless::nodepass {

class TunnelRuntime;

class NodePassEngine final : public QObject {
  Q_OBJECT
 public:
  explicit NodePassEngine(TunnelUrl url, QObject *parent = nullptr);
  ~NodePassEngine() override;
  void start();
  // Shuts the runtime down on its thread and joins the thread.
  void stop();
  bool isRunning() const { return thread_.isRunning(); }
  std::shared_ptr<const stats::TrafficCounters> counters() const { return counters_; }
  // Where log lines go instead of stdout; set before start(). Called on the engine thread.
  using LogSink = std::function<void(LogLevel, const QString &message)>;
  void setLogSink(LogSink sink) { logSink_ = std::move(sink); }

 Q_SIGNALS:
  // Queued to the owner's thread.
  void fatal(const QString &error);
  void linked();
  void linkLost(const QString &reason);

 private:
  TunnelUrl url_;
  std::shared_ptr<stats::TrafficCounters> counters_;
  QThread thread_;
  TunnelRuntime *runtime_ = nullptr;
  LogSink logSink_;
};

}  // namespace routeless::nodepass
