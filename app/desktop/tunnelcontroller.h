#pragma once
// TunnelController: runs each tunnel of a profile (NodePass server/client, M-PROXY device link)
// in this process, each engine on its own worker thread, restarts a failed one with back-off and
// reports state and counters at 1 Hz. It must never log or emit a tunnel's key or token.

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>
#include <memory>
#include <vector>

#include "profiles/profile.h"
#include "tunnelengine.h"

namespace routeless::desktop {

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
  qint64 pool = -1;
  qint64 tcpConnections = -1;
  qint64 udpConnections = -1;
  qint64 rxBytes = -1;  // TCP + UDP
  qint64 txBytes = -1;
  qint64 udpRx = -1;
  qint64 udpTx = -1;
  qint64 pingMs = -1;  // from the tunnel's own health check
};

class TunnelController : public QObject {
  Q_OBJECT
 public:
  explicit TunnelController(QObject *parent = nullptr);
  ~TunnelController() override;

  QList<TunnelStatus> snapshot() const;
  static int backoffMs(int failures);

 public Q_SLOTS:
  // Replaces the tunnel list (stops everything first).
  void setTunnels(const QList<routeless::profiles::TunnelEntry> &tunnels);
  // Takes a new list but keeps running every tunnel whose entry did not change; stops the
  // ones that went away. New entries start stopped.
  void updateTunnels(const QList<routeless::profiles::TunnelEntry> &tunnels);
  void startAutostart();
  void stopAll();
  void startTunnel(int index);
  void stopTunnel(int index);
  void restartTunnel(int index);

 Q_SIGNALS:
  void snapshotReady(const QList<routeless::desktop::TunnelStatus> &tunnels);
  // `index` is the tunnel's position in the list given to setTunnels()/updateTunnels().
  void stateChanged(int index, const QString &name, routeless::desktop::TunnelState state,
                    const QString &detail);

 private:
  struct Runner {
    profiles::TunnelEntry entry;
    TunnelStatus status;
    std::unique_ptr<TunnelEngine> engine;
    QTimer restartTimer;
    QElapsedTimer upSince;
    bool wanted = false;
    int failures = 0;
  };
  std::unique_ptr<Runner> makeRunner(const profiles::TunnelEntry &entry);
  void launch(Runner &r);
  void halt(Runner &r);
  void discardEngine(Runner &r, bool fromItsSignal);
  void setState(Runner &r, TunnelState state);
  void onFailed(Runner &r, const QString &reason, bool retry);
  void onLog(Runner &r, TunnelEngine::Level level, const QString &text);

  std::vector<std::unique_ptr<Runner>> m_runners;
  QTimer m_snapshotTimer;
};

}  // namespace routeless::desktop

Q_DECLARE_METATYPE(routeless::desktop::TunnelStatus)
Q_DECLARE_METATYPE(QList<routeless::desktop::TunnelStatus>)
Q_DECLARE_METATYPE(QList<routeless::profiles::TunnelEntry>)
