#include "control/nodeengine.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include "mesh/meshplan.h"
#include "platform/executables.h"
#include "profiles/profile.h"

Q_LOGGING_CATEGORY(lcEngine, "routeless.control.engine")

namespace routeless::control {

QString NodeEngine::nodeProgram() {
  if (platform::runningExecutableIs(QStringLiteral("routeless-node")))
    return QCoreApplication::applicationFilePath();
  return platform::siblingExecutable(QStringLiteral("routeless-node"));
}

NodeEngine::NodeEngine(QObject *parent) : Engine(parent) {
  qRegisterMetaType<routeless::mesh::MeshSnapshot>();
  qRegisterMetaType<routeless::mesh::HostState>();
  m_meshThread.setObjectName(QStringLiteral("mesh"));
  m_mesh = new mesh::MeshManager;
  m_mesh->moveToThread(&m_meshThread);
  connect(
      m_mesh, &mesh::MeshManager::snapshotReady, this,
      [this](const mesh::MeshSnapshot &s) { m_lastSnapshot = s; }, Qt::QueuedConnection);
  connect(
      m_mesh, &mesh::MeshManager::hostStateChanged, this,
      [this](const QString &name, mesh::HostState state) {
        Q_EMIT stateChanged(QStringLiteral("host"), name, mesh::hostStateName(state), QString());
      },
      Qt::QueuedConnection);
  connect(
      m_mesh, &mesh::MeshManager::started, this,
      [this] {
        Q_EMIT stateChanged(QStringLiteral("mesh"), QString(), QStringLiteral("running"),
                            QString());
      },
      Qt::QueuedConnection);
  connect(
      m_mesh, &mesh::MeshManager::stopped, this,
      [this] {
        m_meshRunning = false;
        Q_EMIT stateChanged(QStringLiteral("mesh"), QString(), QStringLiteral("stopped"),
                            QString());
      },
      Qt::QueuedConnection);
  m_meshThread.start();
}

NodeEngine::~NodeEngine() { shutdown(); }

void NodeEngine::shutdown() {
  m_tunnels.clear();  // each runner stops and joins its engine
  m_order.clear();
  if (m_mesh) {
    mesh::MeshManager *m = m_mesh;
    m_mesh = nullptr;
    QMetaObject::invokeMethod(
        m, [m] { delete m; }, Qt::BlockingQueuedConnection);
  }
  m_meshThread.quit();
  m_meshThread.wait();
}

bool NodeEngine::setManifest(const mesh::Manifest &manifest, QString *error) {
  if (m_meshRunning) {
    if (error) *error = QStringLiteral("stop the mesh before replacing its manifest");
    return false;
  }
  const mesh::MeshPlan plan = mesh::planFromManifest(manifest, nodeProgram());
  for (const QString &w : plan.warnings)
    Q_EMIT logLine(QStringLiteral("Warn"), QStringLiteral("mesh"), w);
  m_manifest = manifest;
  mesh::MeshManager *m = m_mesh;
  QMetaObject::invokeMethod(
      m, [m, plan] { m->setPlan(plan.hosts, plan.routes); }, Qt::BlockingQueuedConnection);
  m_lastSnapshot = meshSnapshot();
  return true;
}

bool NodeEngine::startMesh(QString *error) {
  if (m_manifest.hosts.isEmpty()) {
    if (error) *error = QStringLiteral("no mesh to start: import a NoRouter manifest first");
    return false;
  }
  if (m_meshRunning) return true;
  m_meshRunning = true;
  QMetaObject::invokeMethod(m_mesh, &mesh::MeshManager::start, Qt::QueuedConnection);
  return true;
}

void NodeEngine::stopMesh() {
  if (!m_meshRunning) return;
  QMetaObject::invokeMethod(m_mesh, &mesh::MeshManager::stop, Qt::QueuedConnection);
}

mesh::MeshSnapshot NodeEngine::meshSnapshot() const {
  if (!m_mesh) return m_lastSnapshot;
  mesh::MeshSnapshot s;
  mesh::MeshManager *m = m_mesh;
  QMetaObject::invokeMethod(
      m, [m, &s] { s = m->snapshot(); }, Qt::BlockingQueuedConnection);
  return s;
}

void NodeEngine::meshTest(const QString &from, const QString &to, int seconds, MeshTestDone done) {
  mesh::MeshManager *m = m_mesh;
  if (!m) return Engine::meshTest(from, to, seconds, std::move(done));  // shut down
  // The manager answers on its thread; the answer comes back queued to this one. This
  // engine outlives the manager (its destructor deletes it first), so `this` stays valid.
  QMetaObject::invokeMethod(
      m,
      [this, m, from, to, seconds, done] {
        m->startMeshTest(from, to, seconds, [this, done](const mesh::MeshTestOutcome &outcome) {
          QMetaObject::invokeMethod(
              this, [done, outcome] { done(outcome); }, Qt::QueuedConnection);
        });
      },
      Qt::QueuedConnection);
}

TunnelInfo NodeEngine::info(const Tunnel &t) const {
  const tunnels::TunnelStatus s = t.runner->status();
  TunnelInfo out;
  out.id = t.id;
  out.name = t.runner->name();
  out.url = t.url;
  out.status = tunnelProtocolStatus(s.state);
  out.lastError = s.lastError;
  out.counters = tunnelCounters(s);
  return out;
}

QList<TunnelInfo> NodeEngine::tunnels() const {
  QList<TunnelInfo> out;
  for (const QString &id : m_order) out.append(info(*m_tunnels.value(id)));
  return out;
}

std::optional<TunnelInfo> NodeEngine::tunnel(const QString &id) const {
  const auto t = m_tunnels.value(id);
  if (!t) return std::nullopt;
  return info(*t);
}

std::optional<TunnelInfo> NodeEngine::createTunnel(const QString &name, const QString &url,
                                                   QString *error) {
  QString why;
  if (!profiles::checkTunnelUrl(url, &why)) {
    if (error) *error = why;
    return std::nullopt;
  }
  QString id;
  do {
    id = QString::number(QRandomGenerator::global()->generate(), 16)
             .rightJustified(8, QLatin1Char('0'));
  } while (m_tunnels.contains(id));
  auto t = std::make_shared<Tunnel>();
  t->id = id;
  t->url = url;
  t->runner = std::make_unique<tunnels::TunnelRunner>(
      name.isEmpty() ? QStringLiteral("tunnel-%1").arg(id) : name, url);
  connect(t->runner.get(), &tunnels::TunnelRunner::stateChanged, this,
          [this, id](tunnels::TunnelState state, const QString &detail) {
            Q_EMIT stateChanged(QStringLiteral("tunnel"), id, tunnelProtocolStatus(state), detail);
          });
  connect(t->runner.get(), &tunnels::TunnelRunner::logLine, this,
          [this, id](tunnels::TunnelEngine::Level level, const QString &text) {
            if (level == tunnels::TunnelEngine::Level::Debug) return;
            const QString name =
                level == tunnels::TunnelEngine::Level::Error  ? QStringLiteral("Error")
                : level == tunnels::TunnelEngine::Level::Warn ? QStringLiteral("Warn")
                                                              : QStringLiteral("Info");
            Q_EMIT logLine(name, QStringLiteral("tunnel ") + id, text);
          });
  m_tunnels.insert(id, t);
  m_order.append(id);
  Q_EMIT stateChanged(QStringLiteral("tunnel"), id, QStringLiteral("stopped"),
                      QStringLiteral("created"));
  return info(*t);
}

bool NodeEngine::startTunnel(const QString &id, QString *error) {
  const auto t = m_tunnels.value(id);
  if (!t) {
    if (error) *error = QStringLiteral("no tunnel with id %1").arg(id);
    return false;
  }
  t->runner->start();
  return true;
}

bool NodeEngine::stopTunnel(const QString &id, QString *error) {
  const auto t = m_tunnels.value(id);
  if (!t) {
    if (error) *error = QStringLiteral("no tunnel with id %1").arg(id);
    return false;
  }
  t->runner->stop();
  return true;
}

bool NodeEngine::deleteTunnel(const QString &id, QString *error) {
  if (!m_tunnels.contains(id)) {
    if (error) *error = QStringLiteral("no tunnel with id %1").arg(id);
    return false;
  }
  m_tunnels.remove(id);  // the runner stops its engine
  m_order.removeAll(id);
  Q_EMIT stateChanged(QStringLiteral("tunnel"), id, QStringLiteral("deleted"), QString());
  return true;
}

}  // namespace routeless::control
