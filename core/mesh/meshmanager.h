#pragma once
// The mesh manager: launches one agent per host, configures it, and switches L3 frames between
// agents by destination address, exactly as NoRouter's manager does, plus supervision
// (restarts, counters, a routing table). Lives on its own thread; it never parses TCP.

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>
#include <memory>
#include <vector>

#include "mesh/hostlink.h"
#include "mesh/router.h"

namespace routeless::mesh {

// A consistent picture of the whole mesh, sampled on the manager's thread at 1 Hz.
struct MeshSnapshot {
  QList<HostStatus> hosts;
  QList<RouteEntry> routes;
  quint64 unroutableFrames = 0;
  bool running = false;
};

class MeshManager : public QObject {
  Q_OBJECT
 public:
  explicit MeshManager(QObject *parent = nullptr);
  ~MeshManager() override;

  // Hosts and CIDR routes to run; replaces the previous plan (call while stopped).
  void setPlan(QList<HostPlan> hosts, QList<agent::Route> routes);
  // While running: applies a changed plan host by host. A new host starts, a removed one
  // stops, a host whose own settings changed restarts (its old agent gone first, so its
  // listeners are free), and a running host for which only what others publish changed is
  // reconfigured in place when its agent can be (else restarted). Unchanged hosts keep their
  // agent. While stopped it is setPlan().
  void updatePlan(QList<HostPlan> hosts, QList<agent::Route> routes);

  MeshSnapshot snapshot() const;
  bool isRunning() const { return m_running; }

 public Q_SLOTS:
  void start();
  void stop();
  void setSnapshotInterval(int ms);

 Q_SIGNALS:
  void snapshotReady(const routeless::mesh::MeshSnapshot &snapshot);
  void hostStateChanged(const QString &name, routeless::mesh::HostState state);
  void started();
  void stopped();

 private:
  void routeFrame(HostLink &from, QByteArrayView frame, QByteArrayView packet);
  void learnRoute(HostLink &from, const agent::RouteSuggestion &suggestion);
  void rebuildRouter();
  void reportUnroutable();
  void onLinkStopped();
  std::unique_ptr<HostLink> makeLink(const HostPlan &plan);
  // Stops `link` and deletes it once stopped; `then` (may be null) starts after that.
  void retire(std::unique_ptr<HostLink> link, HostLink *then);

  QList<HostPlan> m_plans;
  QList<agent::Route> m_routes;
  std::vector<std::unique_ptr<HostLink>> m_links;
  std::vector<std::unique_ptr<HostLink>> m_retiring;  // stopping after updatePlan()
  QHash<quint32, HostLink *> m_byVip;
  Router m_router;
  QTimer m_snapshotTimer{this};  // children, so that moveToThread() takes them along
  QTimer m_unroutableTimer{this};
  QTimer m_changeSnapshot{this};  // a host changed state: a snapshot soon, not in a second
  quint64 m_unroutable = 0;
  quint64 m_unroutableReported = 0;
  QString m_lastUnroutable;
  bool m_running = false;
  int m_pendingStops = 0;
};

}  // namespace routeless::mesh

Q_DECLARE_METATYPE(routeless::mesh::MeshSnapshot)
