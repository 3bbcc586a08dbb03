#pragma once
// TunnelEngine: one tunnel running in this process on its own worker thread: a NodePass
// server/client (core/nodepass) or an M-PROXY relay device link (core/mproxy). Its owner sees
// only link state, log lines and counters through this interface; the engines' sockets never
// leave their threads and their secrets never reach a log line.

#include <QObject>
#include <QString>
#include <memory>

namespace routeless::tunnels {

// The live counters of one engine run. -1 means the engine kind does not have that counter.
struct EngineCounters {
  qint64 pool = -1;
  qint64 tcpSessions = -1;
  qint64 udpSessions = -1;
  qint64 pingMs = -1;
  qint64 tcpRx = -1;  // user-side bytes; for a device link, everything that crossed the link
  qint64 tcpTx = -1;
  qint64 udpRx = -1;
  qint64 udpTx = -1;
  int mode = 0;  // NodePass run mode (1 or 2) once known
};

class TunnelEngine : public QObject {
  Q_OBJECT
 public:
  enum class Level { Debug, Info, Warn, Error };

  using QObject::QObject;
  ~TunnelEngine() override = default;

  // Starts the worker thread; false (with a reason) when the tunnel cannot run at all.
  virtual bool start(QString *error) = 0;
  // Stops and joins the worker thread; no signal follows.
  virtual void stop() = 0;
  virtual EngineCounters counters() const = 0;
  // Whether waiting for a peer is this tunnel's normal idle state (a server with no client yet).
  virtual bool waitsForPeers() const = 0;

 Q_SIGNALS:
  void linked();                         // carries traffic
  void unlinked(const QString &reason);  // lost its peer; the engine retries by itself
  void failed(const QString &reason);    // cannot go on; the owner decides about a restart
  void refused(const QString &reason);   // the peer rejected our credentials: do not retry
  // A NodePass CHECK_POINT: the counters were just reported (every 5 s and once the control
  // channel is up). Device links have none.
  void reported();
  void logLine(routeless::tunnels::TunnelEngine::Level level, const QString &text);
};

// The engine for a NodePass server://, client:// or a device:// URL; nullptr with `error`
// saying what is wrong with the URL.
std::unique_ptr<TunnelEngine> makeTunnelEngine(const QString &url, QString *error);

// "server", "client" or "device"; empty when the URL is neither.
QString tunnelRole(const QString &url);
// The first target "host:port" (for the TCP ping); empty when there is none.
QString tunnelTarget(const QString &url);

}  // namespace routeless::tunnels
