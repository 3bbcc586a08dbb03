#include "connectioncontroller.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLoggingCategory>

#include "demoresponder.h"
#include "format.h"
#include "mesh/meshplan.h"
#include "meshengine.h"
#include "net/hostport.h"
#include "profiles/demoports.h"
#include "profilescontroller.h"
#include "tone.h"

Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_LOGGING_CATEGORY(lcMesh, "mesh")

namespace routeless::desktop {

ConnectionController::ConnectionController(ProfilesController *profiles, QString nodeProgram,
                                           bool startEngines, QObject *parent)
    : QObject(parent),
      m_profiles(profiles),
      m_nodeProgram(std::move(nodeProgram)),
      m_hosts(new HostModel(this)) {
  qRegisterMetaType<QList<TunnelStatus>>();
  qRegisterMetaType<QList<profiles::TunnelEntry>>();
  qRegisterMetaType<TunnelState>();
  if (startEngines) {
    m_mesh = std::make_unique<MeshEngine>();
    connect(m_mesh.get(), &MeshEngine::meshTestFinished, this,
            &ConnectionController::meshTestFinished);
    connect(m_mesh.get(), &MeshEngine::snapshotReady, this,
            &ConnectionController::applyMeshSnapshot);
    connect(m_mesh.get(), &MeshEngine::hostStateChanged, this,
            [this](const QString &name, mesh::HostState state) {
              qCInfo(lcMesh).noquote()
                  << QStringLiteral("host %1: %2").arg(name, mesh::hostStateName(state));
              Q_EMIT hostStateChanged(name, mesh::hostStateName(state));
            });
    m_tunnelThread = new QThread(this);
    m_tunnelThread->setObjectName(QStringLiteral("tunnels"));
    m_tunnels = new TunnelController;
    m_tunnels->moveToThread(m_tunnelThread);
    connect(m_tunnelThread, &QThread::finished, m_tunnels, &QObject::deleteLater);
    connect(m_tunnels, &TunnelController::snapshotReady, this,
            &ConnectionController::applyTunnelSnapshot, Qt::QueuedConnection);
    connect(
        m_tunnels, &TunnelController::stateChanged, this,
        [this](int index, const QString &, TunnelState state, const QString &detail) {
          if (!m_activeId.isEmpty()) Q_EMIT tunnelStateChanged(index, state, detail);
        },
        Qt::QueuedConnection);
    m_tunnelThread->start();
    m_demo = std::make_unique<DemoResponder>();
    connect(m_demo.get(), &DemoResponder::probeStateChanged, this,
            &ConnectionController::trafficChanged);
  }
  m_announceTimeout.setSingleShot(true);
  m_announceTimeout.setInterval(20000);
  connect(&m_announceTimeout, &QTimer::timeout, this, &ConnectionController::announce);
  m_graceTimer.setSingleShot(true);
  m_graceTimer.setInterval(kGraceMs);
  connect(&m_graceTimer, &QTimer::timeout, this, &ConnectionController::recompute);
  connect(profiles, &ProfilesController::profileSaved, this, &ConnectionController::onProfileSaved);
  connect(profiles, &ProfilesController::removing, this, [this](const QString &id) {
    if (id == m_activeId) disconnectProfile();
  });
}

ConnectionController::~ConnectionController() { shutdown(); }

void ConnectionController::post(std::function<void(TunnelController *)> call) {
  if (TunnelController *tc = m_tunnels)
    QMetaObject::invokeMethod(tc, [tc, call = std::move(call)] { call(tc); });
}

void ConnectionController::shutdown() {
  if (m_mesh) m_mesh->shutdown();
  m_mesh.reset();
  if (m_tunnels) {
    // The controller stops its engines in its destructor, on its own thread (deleteLater once
    // the thread's loop ends); the GUI thread only joins the thread.
    m_tunnels = nullptr;
    m_tunnelThread->quit();
    m_tunnelThread->wait();
  }
  m_demo.reset();
}

QString ConnectionController::activeName() const { return m_profiles->name(m_activeId); }

QString ConnectionController::stateText(State state) {
  switch (state) {
    case Idle:
      return tr("Disconnected");
    case Connecting:
      return tr("Connecting");
    case Connected:
      return tr("Connected");
    case Problem:
      return tr("Problem");
  }
  return {};
}

int ConnectionController::tone() const {
  switch (m_state) {
    case Connected:
      return Tone::Good;
    case Connecting:
      return Tone::Busy;
    case Problem:
      return Tone::Bad;
    case Idle:
      break;
  }
  return Tone::Idle;
}

QString ConnectionController::rxRate() const { return formatRate(m_hosts->totalRxRate()); }
QString ConnectionController::txRate() const { return formatRate(m_hosts->totalTxRate()); }

bool ConnectionController::demoTrafficOk() const {
  return m_demo && m_demo->isProbeOk() && !m_activeId.isEmpty();
}

QString ConnectionController::wouldDisconnect(const QString &id) const {
  return !m_activeId.isEmpty() && m_activeId != id ? activeName() : QString();
}

void ConnectionController::connectProfile(const QString &id) {
  const profiles::Profile *p = m_profiles->profile(id);
  if (!p) return;
  if (!m_activeId.isEmpty()) disconnectProfile();
  m_announcePending = false;
  m_activeId = id;
  m_profiles->setActiveId(id);
  qCInfo(lcApp).noquote() << QStringLiteral("connecting profile \"%1\"").arg(p->name);
  m_lastSnapshotMs = QDateTime::currentMSecsSinceEpoch();
  m_lastMesh = {};
  m_lastTunnels = restingTunnels(p->tunnels);
  m_hosts->applySnapshot(restingHosts(p->mesh, QFileInfo(m_nodeProgram).fileName()), 1000);
  m_stoppedForwards.clear();  // a new connection runs every forward
  if (m_mesh && !p->mesh.hosts.isEmpty())
    m_mesh->start(mesh::planFromManifest(p->mesh, m_nodeProgram));
  const QList<profiles::TunnelEntry> tunnels = p->tunnels;
  post([tunnels](TunnelController *tc) {
    tc->setTunnels(tunnels);
    tc->startAutostart();
  });
  if (m_demo && p->builtinResponder) {
    const profiles::DemoPorts ports = profiles::demoPorts();
    m_demo->start(ports.responder,
                  {net::formatHostPort(QStringLiteral("127.0.42.2"), ports.forward),
                   net::formatHostPort(QStringLiteral("127.0.0.1"), ports.tunnelClient)});
  }
  m_graceTimer.start();
  setState(Connecting);
  m_announcePending = true;
  m_announceTimeout.start();
  Q_EMIT activeChanged();
  Q_EMIT tunnelsReported(m_lastTunnels);
  Q_EMIT forwardsChanged();
  recompute();
}

void ConnectionController::disconnectProfile() {
  if (m_activeId.isEmpty()) return;
  qCInfo(lcApp).noquote() << QStringLiteral("disconnecting profile \"%1\"")
                                 .arg(activeName().isEmpty() ? m_activeId : activeName());
  if (m_mesh) m_mesh->stop();
  post([](TunnelController *tc) { tc->setTunnels({}); });
  if (m_demo) m_demo->stop();
  m_activeId.clear();
  m_profiles->setActiveId({});
  m_lastTunnels.clear();
  m_lastMesh = {};
  m_stoppedForwards.clear();
  m_hosts->applySnapshot({}, 1000);
  m_graceTimer.stop();
  Q_EMIT activeChanged();
  Q_EMIT forwardsChanged();
  Q_EMIT trafficChanged();
  Q_EMIT tunnelsReported({});
  m_announcePending = false;  // a pending "connected" note is superseded by this one
  setState(Idle);
  m_announcePending = true;
  announce();
}

void ConnectionController::toggle(const QString &id) {
  if (m_activeId == id)
    disconnectProfile();
  else
    connectProfile(id);
}

void ConnectionController::onProfileSaved(const QString &id) {
  if (id != m_activeId) return;
  const profiles::Profile *p = m_profiles->profile(id);
  if (!p) return;
  // Only what changed restarts: the mesh host by host, the tunnels entry by entry. A stopped
  // forward stays stopped while it is still in the profile.
  m_stoppedForwards.prune(p->mesh);
  if (m_mesh) {
    if (p->mesh.hosts.isEmpty())
      m_mesh->stop();
    else
      m_mesh->update(mesh::planFromManifest(runningManifest(*p), m_nodeProgram));
  }
  Q_EMIT forwardsChanged();
  const QList<profiles::TunnelEntry> tunnels = p->tunnels;
  post([tunnels](TunnelController *tc) { tc->updateTunnels(tunnels); });
  if (!m_mesh) {
    // No engines: the rows follow the profile at once.
    m_hosts->applySnapshot(restingHosts(p->mesh, QFileInfo(m_nodeProgram).fileName()), 1000);
  }
  recompute();
}

void ConnectionController::startTunnel(int row) {
  post([row](TunnelController *tc) { tc->startTunnel(row); });
}

void ConnectionController::stopTunnel(int row) {
  post([row](TunnelController *tc) { tc->stopTunnel(row); });
}

void ConnectionController::restartTunnel(int row) {
  post([row](TunnelController *tc) { tc->restartTunnel(row); });
}

mesh::Manifest ConnectionController::runningManifest(const profiles::Profile &p) const {
  return m_stoppedForwards.apply(p.mesh);
}

void ConnectionController::stopForward(const QString &key) {
  const profiles::Profile *p = m_profiles->profile(m_activeId);
  if (!p || !StoppedForwards::exists(p->mesh, key) || !m_stoppedForwards.stop(key)) return;
  qCInfo(lcApp).noquote() << QStringLiteral("stopping forward %1").arg(key);
  applyStoppedForwards();
}

void ConnectionController::startForward(const QString &key) {
  if (!m_stoppedForwards.start(key)) return;
  qCInfo(lcApp).noquote() << QStringLiteral("starting forward %1").arg(key);
  applyStoppedForwards();
}

bool ConnectionController::isForwardRunning(const QString &key) const {
  const profiles::Profile *p = m_profiles->profile(m_activeId);
  return p && StoppedForwards::exists(p->mesh, key) && !m_stoppedForwards.contains(key);
}

void ConnectionController::applyStoppedForwards() {
  const profiles::Profile *p = m_profiles->profile(m_activeId);
  // Only the owning host takes the change; the others take the new list of published ports
  // in place or, when their agent cannot (NoRouter's), keep the old one rather than restart.
  if (p && m_mesh && !p->mesh.hosts.isEmpty())
    m_mesh->update(mesh::planFromManifest(runningManifest(*p), m_nodeProgram),
                   mesh::MeshManager::OthersPolicy::KeepRunning);
  Q_EMIT forwardsChanged();
}

void ConnectionController::meshTest(const QString &from, const QString &to, int seconds) {
  if (m_mesh && !m_activeId.isEmpty()) return m_mesh->meshTest(from, to, seconds);
  mesh::MeshTestOutcome o;
  o.from = from;
  o.to = to;
  o.failure = mesh::MeshTestOutcome::Failure::Refused;
  o.error = tr("the mesh is not running");
  QMetaObject::invokeMethod(
      this, [this, o] { Q_EMIT meshTestFinished(o); }, Qt::QueuedConnection);
}

void ConnectionController::applyMeshSnapshot(const mesh::MeshSnapshot &snapshot) {
  if (m_activeId.isEmpty()) return;
  m_lastMesh = snapshot;
  const qint64 now = QDateTime::currentMSecsSinceEpoch();
  m_hosts->applySnapshot(snapshot.hosts, now - m_lastSnapshotMs);
  m_lastSnapshotMs = now;
  Q_EMIT meshSnapshotReady(snapshot);
  Q_EMIT trafficChanged();
  recompute();
}

void ConnectionController::applyTunnelSnapshot(const QList<TunnelStatus> &tunnels) {
  if (m_activeId.isEmpty()) return;
  m_lastTunnels = tunnels;
  Q_EMIT tunnelsReported(tunnels);
  recompute();
}

void ConnectionController::recompute() {
  const profiles::Profile *p = m_profiles->profile(m_activeId);
  if (m_activeId.isEmpty() || !p) {
    if (m_state != Idle || !m_progress.isEmpty()) {
      m_progress.clear();
      Q_EMIT progressChanged();
    }
    return setState(Idle);
  }
  const int total = int(p->mesh.hosts.size());
  const int ready = m_hosts->rowCount() == total ? m_hosts->readyCount() : 0;
  const bool graceOver = !m_graceTimer.isActive();
  // The first host with a problem (or, once the grace is over, still on its way) says why.
  QString why;
  QString waiting;
  bool problem = false;
  for (int i = 0; i < m_hosts->rowCount(); ++i) {
    const mesh::HostStatus *s = m_hosts->at(i);
    const HostProblem hp = m_hosts->problemAt(i);
    if (hp.isProblem() || s->state == mesh::HostState::Failed) {
      problem = true;
      if (why.isEmpty())
        why = tr("%1: %2").arg(s->name, hp.isProblem() ? hp.summary : s->lastError);
    } else if (s->state != mesh::HostState::Ready && waiting.isEmpty()) {
      waiting = tr("%1: %2").arg(s->name, HostModel::stateText(s->state).toLower());
    }
  }
  bool tunnelsReady = true;
  for (const TunnelStatus &t : std::as_const(m_lastTunnels)) {
    if (t.state == TunnelState::Failed || t.state == TunnelState::Restarting) {
      problem = true;
      if (why.isEmpty())
        why =
            tr("tunnel %1: %2")
                .arg(t.name, t.lastError.isEmpty() ? TunnelModel::stateText(t.state) : t.lastError);
    }
    if (t.state == TunnelState::Starting || (t.state == TunnelState::Waiting && !t.waitingIsIdle))
      tunnelsReady = false;
  }
  const bool allReady = ready == total && tunnelsReady;
  QString progress;
  if (total > 0) progress = tr("%1 of %2 hosts ready").arg(ready).arg(total);
  if (!why.isEmpty())
    progress = progress.isEmpty() ? why : progress + QStringLiteral("; ") + why;
  else if (!allReady && !waiting.isEmpty())
    progress = progress + QStringLiteral("; ") + waiting;
  if (graceOver && !allReady && !problem) {
    problem = true;
    progress += QStringLiteral("; ") + tr("still not ready after %1 s").arg(kGraceMs / 1000);
  }
  if (progress != m_progress) {
    m_progress = progress;
    Q_EMIT progressChanged();
  }
  if (problem)
    setState(Problem);
  else if (allReady)
    setState(Connected);
  else
    setState(Connecting);
}

void ConnectionController::setState(State state) {
  if (state == m_state) return;
  m_state = state;
  Q_EMIT stateChanged();
  if (m_announcePending && state != Connecting) announce();
}

void ConnectionController::announce() {
  if (!m_announcePending) return;
  m_announcePending = false;
  m_announceTimeout.stop();
  const QString name = activeName();
  QString text;
  switch (m_state) {
    case Idle:
      text = tr("Disconnected. Nothing is running.");
      break;
    case Connecting:
      text = tr("\"%1\" is still connecting.").arg(name);
      break;
    case Connected:
      text = tr("\"%1\" is connected: %2 of %3 hosts ready.")
                 .arg(name)
                 .arg(m_hosts->readyCount())
                 .arg(m_hosts->rowCount());
      break;
    case Problem:
      text = tr("\"%1\" has a problem: %2").arg(name, m_progress);
      break;
  }
  qCInfo(lcApp).noquote() << text;
  Q_EMIT notify(QStringLiteral("Routeless"), text, m_state == Problem);
}

void ConnectionController::retranslate() {
  m_hosts->retranslate();
  m_progress.clear();
  recompute();
  Q_EMIT stateChanged();
}

}  // namespace routeless::desktop
