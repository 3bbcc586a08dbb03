#pragma once
// TunnelController: the tunnels of one profile (NodePass server/client, M-PROXY device link),
// one TunnelRunner each, addressed by their position in the profile; it reports their states as
// they change and their counters at 1 Hz. It lives on one thread (the app gives it its own) and
// must never log or emit a tunnel's key or token.

#include <QList>
#include <QObject>
#include <QTimer>
#include <memory>
#include <vector>

#include "profiles/profile.h"
#include "tunnels/tunnelrunner.h"

namespace routeless::tunnels {

class TunnelController : public QObject {
  Q_OBJECT
 public:
  explicit TunnelController(QObject *parent = nullptr);
  ~TunnelController() override;

  QList<TunnelStatus> snapshot() const;
  static int backoffMs(int failures) { return TunnelRunner::backoffMs(failures); }

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
  void snapshotReady(const QList<routeless::tunnels::TunnelStatus> &tunnels);
  // `index` is the tunnel's position in the list given to setTunnels()/updateTunnels().
  void stateChanged(int index, const QString &name, routeless::tunnels::TunnelState state,
                    const QString &detail);

 private:
  struct Entry {
    profiles::TunnelEntry entry;
    std::unique_ptr<TunnelRunner> runner;
  };
  std::unique_ptr<Entry> makeEntry(const profiles::TunnelEntry &entry);
  int indexOf(const TunnelRunner *runner) const;

  std::vector<std::unique_ptr<Entry>> m_entries;
  QTimer m_snapshotTimer;
};

}  // namespace routeless::tunnels

Q_DECLARE_METATYPE(QList<routeless::profiles::TunnelEntry>)
