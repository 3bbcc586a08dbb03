#pragma once
// ConnectionController: the connected ("active") profile and its engines: the mesh manager,
// the tunnel runner and the demo responder, each on its own thread. Its state (Idle,
// Connecting, Connected, Problem), rates and per-host progress come only from the active
// profile's own snapshots, whatever profile the screens show. Edits of the active profile are
// applied host by host and tunnel by tunnel. It never blocks the GUI thread on an engine.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QThread>
#include <QTimer>
#include <memory>

#include "hostmodel.h"
#include "mesh/meshmanager.h"
#include "stoppedforwards.h"
#include "tunnelmodel.h"

namespace routeless::desktop {

class DemoResponder;
class MeshEngine;
class ProfilesController;

class ConnectionController final : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(QString activeId READ activeId NOTIFY activeChanged)
  Q_PROPERTY(QString activeName READ activeName NOTIFY activeChanged)
  Q_PROPERTY(State state READ state NOTIFY stateChanged)
  Q_PROPERTY(QString stateText READ stateText NOTIFY stateChanged)
  Q_PROPERTY(int tone READ tone NOTIFY stateChanged)
  // One line on the way there: "1 of 2 hosts ready; beta: starting", or what went wrong.
  Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)
  // The active profile's hosts (the sidebar's per-host progress).
  Q_PROPERTY(routeless::desktop::HostModel *hosts READ hosts CONSTANT)
  Q_PROPERTY(QString rxRate READ rxRate NOTIFY trafficChanged)
  Q_PROPERTY(QString txRate READ txRate NOTIFY trafficChanged)
  Q_PROPERTY(bool demoTrafficOk READ demoTrafficOk NOTIFY trafficChanged)

 public:
  enum State { Idle = 0, Connecting, Connected, Problem };
  Q_ENUM(State)

  // Hosts get this long to become Ready before "still starting" counts as a problem.
  static constexpr int kGraceMs = 15000;

  // Without `startEngines` (tests of the screens) nothing runs: states stay as set.
  ConnectionController(ProfilesController *profiles, QString nodeProgram, bool startEngines,
                       QObject *parent = nullptr);
  ~ConnectionController() override;

  QString activeId() const { return m_activeId; }
  QString activeName() const;
  State state() const { return m_state; }
  QString stateText() const { return stateText(m_state); }
  static QString stateText(State state);
  int tone() const;
  QString progressText() const { return m_progress; }
  HostModel *hosts() const { return m_hosts; }
  QString rxRate() const;
  QString txRate() const;
  bool demoTrafficOk() const;

  Q_INVOKABLE void connectProfile(const QString &id);
  Q_INVOKABLE void disconnectProfile();
  Q_INVOKABLE void toggle(const QString &id);
  // The name of the connected profile that connecting `id` would disconnect ("" if none), so
  // that a screen can ask first.
  Q_INVOKABLE QString wouldDisconnect(const QString &id) const;

  // The active profile's tunnels, by position in its list.
  void startTunnel(int row);
  void stopTunnel(int row);
  void restartTunnel(int row);
  // The connected profile's forwards and proxies by key (StoppedForwards::portKey, httpKey,
  // socksKey): stopping one takes it off its host's agent, in place when the agent can (ours),
  // else by restarting that host only (NoRouter's agent); no other host restarts. Kept for
  // this session: a new connection starts every forward again, the profile never changes.
  Q_INVOKABLE void stopForward(const QString &key);
  Q_INVOKABLE void startForward(const QString &key);
  // True when the connected profile has this forward and it was not stopped.
  Q_INVOKABLE bool isForwardRunning(const QString &key) const;
  // A speed test between two hosts of the connected profile; the outcome comes as
  // meshTestFinished (at once, refused, when nothing runs).
  void meshTest(const QString &from, const QString &to, int seconds);
  // What the engines last reported.
  mesh::MeshSnapshot lastMesh() const { return m_lastMesh; }
  QList<TunnelStatus> lastTunnels() const { return m_lastTunnels; }

  // From the engines (public for the models' tests, which have no engines).
  void applyMeshSnapshot(const mesh::MeshSnapshot &snapshot);
  void applyTunnelSnapshot(const QList<TunnelStatus> &tunnels);

  void retranslate();
  // Stops every engine and joins its thread (the app's exit, after the event loop).
  void shutdown();

 Q_SIGNALS:
  void activeChanged();
  void stateChanged();
  void progressChanged();
  void trafficChanged();
  // A user-visible outcome (the tray shows it as a notification).
  void notify(const QString &title, const QString &message, bool error);
  void meshSnapshotReady(const routeless::mesh::MeshSnapshot &snapshot);
  void meshTestFinished(const routeless::mesh::MeshTestOutcome &outcome);
  void tunnelsReported(const QList<routeless::tunnels::TunnelStatus> &tunnels);
  // For the UI protocol: a host by name, a tunnel of the active profile by position.
  void hostStateChanged(const QString &name, const QString &state);
  void tunnelStateChanged(int row, routeless::tunnels::TunnelState state, const QString &detail);
  // A forward or proxy was stopped or started (or all start again: a new connection).
  void forwardsChanged();

 private:
  void onProfileSaved(const QString &id);
  void recompute();
  void setState(State state);
  void announce();
  void post(std::function<void(TunnelController *)> call);
  // The active profile's manifest as the mesh runs it (without the stopped forwards).
  mesh::Manifest runningManifest(const profiles::Profile &p) const;
  void applyStoppedForwards();

  ProfilesController *m_profiles;
  QString m_nodeProgram;
  HostModel *m_hosts;
  std::unique_ptr<MeshEngine> m_mesh;
  QThread *m_tunnelThread = nullptr;
  TunnelController *m_tunnels = nullptr;  // lives on m_tunnelThread
  std::unique_ptr<DemoResponder> m_demo;

  QString m_activeId;
  State m_state = Idle;
  QString m_progress;
  bool m_announcePending = false;
  QTimer m_announceTimeout;
  QTimer m_graceTimer;
  qint64 m_lastSnapshotMs = 0;
  mesh::MeshSnapshot m_lastMesh;
  QList<TunnelStatus> m_lastTunnels;
  StoppedForwards m_stoppedForwards;
};

}  // namespace routeless::desktop
