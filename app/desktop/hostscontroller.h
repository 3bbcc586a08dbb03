#pragma once
// HostsController: the mesh of the shown profile: its hosts (live when it is the connected
// profile), forwards and routing table, and the host edits (add, edit, remove with undo, the
// launch command presets, a one-off check of a host's command). Saving goes through the
// profiles; the connection then restarts only the host that changed.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QVariantMap>
#include <optional>

#include "forwardmodel.h"
#include "hostmodel.h"
#include "mesh/meshmanager.h"
#include "routemodel.h"

namespace routeless::desktop {

class ConnectionController;
class ProfilesController;

class HostsController final : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(routeless::desktop::HostModel *model READ model CONSTANT)
  Q_PROPERTY(routeless::desktop::ForwardModel *forwards READ forwards CONSTANT)
  Q_PROPERTY(routeless::desktop::RouteModel *routes READ routes CONSTANT)
  // The shown profile is the connected one: the rows are live.
  Q_PROPERTY(bool live READ live NOTIFY liveChanged)
  // Two of the shown profile's local agents would listen on the same addresses ("" if not).
  Q_PROPERTY(QString listenConflict READ listenConflict NOTIFY conflictChanged)
  Q_PROPERTY(QString undoName READ undoName NOTIFY undoChanged)
  // Host name -> what the last check of it found.
  Q_PROPERTY(QVariantMap checks READ checks NOTIFY checksChanged)
  // Host name -> the latency of a TCP connection through its first forward ("12 ms").
  Q_PROPERTY(QVariantMap latencies READ latencies NOTIFY latenciesChanged)
  // Host name -> its proxies, DNS, UDP forwards and learned routes (HostServices::of).
  Q_PROPERTY(QVariantMap services READ services NOTIFY servicesChanged)
  // The last speed test (SpeedTestView): empty before the first.
  Q_PROPERTY(QVariantMap speedTest READ speedTest NOTIFY speedTestChanged)

 public:
  HostsController(ProfilesController *profiles, ConnectionController *connection,
                  QString nodeProgram, QObject *parent = nullptr);

  HostModel *model() const { return m_model; }
  ForwardModel *forwards() const { return m_forwards; }
  RouteModel *routes() const { return m_routes; }
  bool live() const;
  QString listenConflict() const;
  QString undoName() const { return m_removed ? m_removed->name : QString(); }
  QVariantMap checks() const { return m_checks; }
  QVariantMap latencies() const { return m_latencies; }
  QVariantMap services() const { return m_services; }
  QVariantMap speedTest() const { return m_speedTest; }

  Q_INVOKABLE QVariantMap details(int row) const;
  // row < 0 adds. `command` is one shell-like line; `ports` one "L:HOST:P" per line or comma;
  // `zeroInstall` is the manifest key (copy the agent to the host when it lacks it).
  // "" on success, else a message for the user.
  Q_INVOKABLE QString save(int row, const QString &name, const QString &vip, const QString &command,
                           const QString &ports, bool loopbackDisable, bool zeroInstall);
  Q_INVOKABLE QString remove(int row);
  Q_INVOKABLE QString undoRemove();
  // A launch command for a kind of host ("ssh", "docker", "kubectl"; "" for the local agent);
  // ssh takes an optional key file and jump host.
  Q_INVOKABLE QString commandPreset(const QString &kind, const QString &target,
                                    const QString &keyFile = {},
                                    const QString &jumpHost = {}) const;
  // Whether a new host of this kind copies the agent when it lacks it: yes for the remote
  // kinds (ssh, docker, kubectl), no for the local agent, which is this app's own.
  Q_INVOKABLE bool zeroInstallByDefault(const QString &kind) const;
  Q_INVOKABLE QString suggestVip() const;
  // What saving this host would do to the listeners on this machine ("" when nothing wrong).
  Q_INVOKABLE QString conflictIfSaved(int row, const QString &name, const QString &command,
                                      bool loopbackDisable) const;
  // Whether the form starts with "Do not listen on this machine's loopback" ticked for host
  // `row` (-1: a new one) with this command: yes when, listening, it would take the addresses
  // another host on this machine listens on (a second local agent never became Ready).
  Q_INVOKABLE bool loopbackDisableByDefault(int row, const QString &command) const;
  // Lets the first local host listen and sets loopback.disable on the other ones.
  Q_INVOKABLE QString fixListenConflict();
  // Runs the host's command once with --version; the answer lands in `checks`.
  Q_INVOKABLE void check(int row);
  // Connects through every host's first forward (the connected profile only) and puts the
  // time it took in `latencies`.
  Q_INVOKABLE void pingAll();
  // The hosts a speed test from `name` can go to (the shown profile's others, in order).
  Q_INVOKABLE QStringList otherHosts(const QString &name) const;
  // Measures latency and throughput both ways from `from` to `to` through the mesh (the
  // connected profile only); runs on the mesh's thread, the outcome lands in `speedTest`.
  Q_INVOKABLE void testSpeed(const QString &from, const QString &to);
  Q_INVOKABLE void clearSpeedTest();

 Q_SIGNALS:
  void liveChanged();
  void conflictChanged();
  void undoChanged();
  void checksChanged();
  void latenciesChanged();
  void servicesChanged();
  void speedTestChanged();

 private:
  void show();
  // The forwards' Stopped marks from the connection (the shown profile is the connected one).
  void updateStoppedForwards();
  void onMesh(const mesh::MeshSnapshot &snapshot);
  void updateServices(const QList<mesh::RouteEntry> &table);

  ProfilesController *m_profiles;
  ConnectionController *m_connection;
  QString m_nodeProgram;
  HostModel *m_model;
  ForwardModel *m_forwards;
  RouteModel *m_routes;
  qint64 m_lastSnapshotMs = 0;
  struct Removed {
    QString profileId;
    QString name;
    int row;
    mesh::HostSpec host;
    QList<mesh::RouteSpec> routes;
  };
  std::optional<Removed> m_removed;
  QVariantMap m_checks;
  QVariantMap m_latencies;
  QVariantMap m_services;
  QVariantMap m_speedTest;
};

}  // namespace routeless::desktop
