#pragma once
// The mesh manager: launches one agent per host, configures it, and switches L3 frames between
// agents by destination address, exactly as NoRouter's manager does, plus supervision
// (restarts, counters, a routing table). Lives on its own thread; it never parses TCP.

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>
#include <functional>
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

// What a speed test between two hosts found (see MeshManager::startMeshTest).
struct MeshTestOutcome {
  QString from;
  QString to;
  // The hops, from first to last: "a (127.0.42.101)", "manager", "b (127.0.42.102)"; a
  // destination reached through a bastion lists it before the last.
  QStringList path;
  int seconds = 0;
  QString error;  // empty: the figures hold
  // Why there are no figures: refused before starting (bad request, busy, unknown host) or
  // failed on the way.
  enum class Failure { None, Refused, UnknownHost, Busy, Failed };
  Failure failure = Failure::None;
  agent::MeshTestFigures figures;
  // Bits per second from the figures (0 when unknown).
  double upBitsPerSecond() const;
  double downBitsPerSecond() const;
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
  // reconfigured in place when its agent can be (else restarted). A host whose ports or proxies
  // changed (a forward stopped or started) and nothing else of its own is reconfigured in place
  // when its agent has agent::kReconfigureForwardsFeature, else restarted. Unchanged hosts keep
  // their agent. With OthersPolicy::KeepRunning a host that only needs the new list of the
  // others' ports and cannot take it in place (NoRouter's agent) keeps running as it is,
  // instead of restarting. While stopped it is setPlan().
  enum class OthersPolicy { RestartIfNeeded, KeepRunning };
  void updatePlan(QList<HostPlan> hosts, QList<agent::Route> routes,
                  OthersPolicy others = OthersPolicy::RestartIfNeeded);

  MeshSnapshot snapshot() const;

  using MeshTestDone = std::function<void(const MeshTestOutcome &)>;
  // Speed test from host `from` to host `to` (names), `seconds` each way (0: the agent's
  // default). Refused at once (done called before returning) when the mesh is not running,
  // a host is unknown, not Ready or its agent lacks the feature, or a test already runs:
  // one test at a time in the whole mesh, so that two never share the links. Otherwise
  // `done` runs once, with the figures or why not, within a deadline.
  void startMeshTest(const QString &from, const QString &to, int seconds, MeshTestDone done);
  bool meshTestRunning() const { return bool(m_meshTest.done); }
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
  void onMeshTestResult(HostLink &from, const agent::MeshTestResult &result);
  void finishMeshTest(const QString &error, const agent::MeshTestFigures &figures = {});
  QString meshTestRefusal(const QString &from, const QString &to, int seconds,
                          MeshTestOutcome::Failure *kind) const;
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
  struct RunningMeshTest {
    qint64 requestId = 0;
    MeshTestOutcome outcome;
    MeshTestDone done;
  } m_meshTest;
  QTimer m_meshTestDeadline{this};
};

}  // namespace routeless::mesh

Q_DECLARE_METATYPE(routeless::mesh::MeshSnapshot)
Q_DECLARE_METATYPE(routeless::mesh::MeshTestOutcome)
