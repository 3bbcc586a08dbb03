#pragma once
// TunnelController: runs each NodePass tunnel of a profile as a `routeless-node <URL>` child
// process on its own thread, restarts it with back-off, and reports state at 1 Hz. It reads
// nothing but exits and stderr lines; it must never log or emit a tunnel's key.
// (The in-process NodePass engine can replace the child processes behind this interface.)

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QTimer>
#include <memory>
#include <vector>

#include "profiles/profile.h"

namespace routeless::desktop {

enum class TunnelState { Stopped, Starting, Running, Restarting, Failed };
QString tunnelStateName(TunnelState state);

struct TunnelStatus {
  QString name;
  QString role;       // "server" / "client"
  QString maskedUrl;  // key replaced by ****
  QString target;     // first target "host:port", for the TCP ping
  TunnelState state = TunnelState::Stopped;
  qint64 pid = 0;
  int restarts = 0;
  qint64 uptimeMs = 0;
  QString lastError;
  // Counters a child process does not report: -1 means "unknown" and is shown as such.
  qint64 pool = -1;
  qint64 tcpConnections = -1;
  qint64 udpConnections = -1;
  qint64 rxBytes = -1;  // TCP + UDP
  qint64 txBytes = -1;
  qint64 udpRx = -1;
  qint64 udpTx = -1;
  qint64 pingMs = -1;  // from the tunnel's own health check
};

// Reads a NodePass "CHECK_POINT|MODE=..|PING=..ms|POOL=..|TCPS=..|..." log line into
// `status`; false when `line` is not one.
bool applyCheckPoint(const QString &line, TunnelStatus *status);

class TunnelController : public QObject {
  Q_OBJECT
 public:
  explicit TunnelController(QString nodeProgram, QObject *parent = nullptr);
  ~TunnelController() override;

  QList<TunnelStatus> snapshot() const;
  static int backoffMs(int failures);

 public Q_SLOTS:
  // Replaces the tunnel list (stops everything first).
  void setTunnels(const QList<routeless::profiles::TunnelEntry> &tunnels);
  void startAutostart();
  void stopAll();
  void startTunnel(int index);
  void stopTunnel(int index);
  void restartTunnel(int index);

 Q_SIGNALS:
  void snapshotReady(const QList<routeless::desktop::TunnelStatus> &tunnels);
  void stateChanged(const QString &name, routeless::desktop::TunnelState state);

 private:
  struct Runner {
    profiles::TunnelEntry entry;
    TunnelStatus status;
    QProcess *process = nullptr;
    QTimer restartTimer;
    QElapsedTimer upSince;
    QByteArray stderrPartial;
    bool wanted = false;
    int failures = 0;
  };
  void launch(Runner &r);
  void halt(Runner &r);
  void setState(Runner &r, TunnelState state);
  void onFinished(Runner &r, int exitCode, QProcess::ExitStatus status);
  void onStderr(Runner &r);

  QString m_program;
  std::vector<std::unique_ptr<Runner>> m_runners;
  QTimer m_snapshotTimer;
};

}  // namespace routeless::desktop

Q_DECLARE_METATYPE(routeless::desktop::TunnelStatus)
Q_DECLARE_METATYPE(QList<routeless::desktop::TunnelStatus>)
Q_DECLARE_METATYPE(QList<routeless::profiles::TunnelEntry>)
