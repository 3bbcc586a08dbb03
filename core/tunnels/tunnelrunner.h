#pragma once
// TunnelRunner: one tunnel (NodePass server/client URL or M-PROXY device link) kept running in
// this process: it starts the engine, restarts a failed one with back-off, says which state it
// is in and keeps its traffic counted across engine restarts. Every front end (the app, the
// daemon's node, the NodePass master) runs its tunnels through it. It never logs or emits the
// tunnel's key or token, and it lives on its owner's thread (the engine has its own).

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QTimer>
#include <memory>

#include "tunnels/tunnelengine.h"

namespace routeless::tunnels {

// Waiting: the engine runs but has no peer (a server with no client yet, a client or device
// still reaching its server/relay).
enum class TunnelState { Stopped, Starting, Waiting, Running, Restarting, Failed };
QString tunnelStateName(TunnelState state);

struct TunnelStatus {
  QString name;
  QString role;       // "server", "client" or "device"
  QString maskedUrl;  // key replaced by ****
  QString target;     // first target "host:port", for the TCP ping
  TunnelState state = TunnelState::Stopped;
  bool waitingIsIdle = false;  // a server waiting for clients is up, not connecting
  int restarts = 0;
  qint64 uptimeMs = 0;
  QString lastError;
  // Counters a tunnel kind does not have: -1 means "not applicable" and is shown as such.
  // Bytes count every engine run of this runner since it was made or its traffic was reset.
  qint64 pool = -1;
  qint64 tcpConnections = -1;
  qint64 udpConnections = -1;
  qint64 rxBytes = -1;  // TCP + UDP
  qint64 txBytes = -1;
  qint64 udpRx = -1;
  qint64 udpTx = -1;
  qint64 pingMs = -1;  // from the tunnel's own health check
  int mode = 0;        // NodePass run mode once known, else 0
};

class TunnelRunner final : public QObject {
  Q_OBJECT
 public:
  TunnelRunner(const QString &name, const QString &url, QObject *parent = nullptr);
  ~TunnelRunner() override;

  const QString &name() const { return m_name; }
  const QString &url() const { return m_url; }

  // Wanted from now on: launches the engine (at once, failures forgotten).
  void start();
  // Not wanted: stops and joins the engine; the state becomes Stopped.
  void stop();
  void restart();
  bool isWanted() const { return m_wanted; }
  TunnelState state() const { return m_status.state; }
  // The status with live counters.
  TunnelStatus status() const;
  // Traffic counts from zero again (the engine keeps running).
  void resetTraffic();

  // Restart delay after `failures` consecutive failures (net::backoffMs, 1 s to 30 s).
  static int backoffMs(int failures);

 Q_SIGNALS:
  void stateChanged(routeless::tunnels::TunnelState state, const QString &detail);
  // The engine reported its counters (a NodePass CHECK_POINT).
  void reported();
  // The engine's log lines and the runner's own notes (link lost, failures, restarts).
  void logLine(routeless::tunnels::TunnelEngine::Level level, const QString &text);

 private:
  struct Traffic {
    quint64 tcpRx = 0, tcpTx = 0, udpRx = 0, udpTx = 0;
  };
  Traffic engineTraffic() const;
  void launch();
  void discardEngine(bool fromItsSignal);
  void setState(TunnelState state);
  void onFailed(const QString &reason, bool retry);

  QString m_name;
  QString m_url;
  TunnelStatus m_status;
  std::unique_ptr<TunnelEngine> m_engine;
  QTimer m_restartTimer;
  QElapsedTimer m_upSince;
  bool m_wanted = false;
  bool m_ran = false;  // an engine was made at least once
  int m_failures = 0;
  Traffic m_carried;  // from engine runs that ended (since the last reset)
  Traffic m_offset;   // the current engine's traffic when it was last reset
};

}  // namespace routeless::tunnels

Q_DECLARE_METATYPE(routeless::tunnels::TunnelStatus)
Q_DECLARE_METATYPE(QList<routeless::tunnels::TunnelStatus>)
