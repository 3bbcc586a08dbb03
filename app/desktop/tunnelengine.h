#pragma once
// TunnelEngine: one tunnel of a profile running in this process on its own worker thread: a
// NodePass server/client (core/nodepass) or an M-PROXY relay device link (core/mproxy). The
// controller sees only link state and counters through this interface; the engines' sockets
// never leave their threads and their secrets never reach a log line.

#include <QObject>
#include <QString>
#include <memory>

namespace routeless::desktop {

struct TunnelStatus;

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
  // Copies the live counters (pool, ping, sessions, bytes) into `status`.
  virtual void readCounters(TunnelStatus *status) const = 0;
  // Whether waiting for a peer is this tunnel's normal idle state (a server with no client yet).
  virtual bool waitsForPeers() const = 0;

 Q_SIGNALS:
  void linked();                         // carries traffic
  void unlinked(const QString &reason);  // lost its peer; the engine retries by itself
  void failed(const QString &reason);    // cannot go on; the controller decides about a restart
  void refused(const QString &reason);   // the peer rejected our credentials: do not retry
  void logLine(routeless::desktop::TunnelEngine::Level level, const QString &text);
};

// The engine for a NodePass server://, client:// or a device:// URL; nullptr with `error`
// saying what is wrong with the URL.
std::unique_ptr<TunnelEngine> makeTunnelEngine(const QString &url, QString *error);

// "server", "client" or "device"; empty when the URL is neither.
QString tunnelRole(const QString &url);
// The first target "host:port" (for the TCP ping); empty when there is none.
QString tunnelTarget(const QString &url);

}  // namespace routeless::desktop
