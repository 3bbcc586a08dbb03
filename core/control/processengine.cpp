#include "control/processengine.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include "mesh/meshplan.h"

Q_LOGGING_CATEGORY(lcEngine, "routeless.control.engine")

namespace routeless::control {

ProcessEngine::ProcessEngine(QObject *parent) : Engine(parent) {
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

ProcessEngine::~ProcessEngine() { shutdown(); }

void ProcessEngine::shutdown() {
  m_tunnels.clear();  // TunnelProcess terminates its child when destroyed
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

bool ProcessEngine::setManifest(const mesh::Manifest &manifest, QString *error) {
  if (m_meshRunning) {
    if (error) *error = QStringLiteral("stop the mesh before replacing its manifest");
    return false;
  }
  const mesh::MeshPlan plan = mesh::planFromManifest(manifest, TunnelProcess::nodeProgram());
  for (const QString &w : plan.warnings)
    Q_EMIT logLine(QStringLiteral("Warn"), QStringLiteral("mesh"), w);
  m_manifest = manifest;
  mesh::MeshManager *m = m_mesh;
  QMetaObject::invokeMethod(
      m, [m, plan] { m->setPlan(plan.hosts, plan.routes); }, Qt::BlockingQueuedConnection);
  m_lastSnapshot = meshSnapshot();
  return true;
}

bool ProcessEngine::startMesh(QString *error) {
  if (m_manifest.hosts.isEmpty()) {
    if (error) *error = QStringLiteral("no mesh to start: import a NoRouter manifest first");
    return false;
  }
  if (m_meshRunning) return true;
  m_meshRunning = true;
  QMetaObject::invokeMethod(m_mesh, &mesh::MeshManager::start, Qt::QueuedConnection);
  return true;
}

void ProcessEngine::stopMesh() {
  if (!m_meshRunning) return;
  QMetaObject::invokeMethod(m_mesh, &mesh::MeshManager::stop, Qt::QueuedConnection);
}

mesh::MeshSnapshot ProcessEngine::meshSnapshot() const {
  if (!m_mesh) return m_lastSnapshot;
  mesh::MeshSnapshot s;
  mesh::MeshManager *m = m_mesh;
  QMetaObject::invokeMethod(
      m, [m, &s] { s = m->snapshot(); }, Qt::BlockingQueuedConnection);
  return s;
}

QList<TunnelInfo> ProcessEngine::tunnels() const {
  QList<TunnelInfo> out;
  for (const QString &id : m_order) out.append(m_tunnels.value(id)->info);
  return out;
}

std::optional<TunnelInfo> ProcessEngine::tunnel(const QString &id) const {
  const auto t = m_tunnels.value(id);
  if (!t) return std::nullopt;
  return t->info;
}

void ProcessEngine::setTunnelStatus(Tunnel &t, const QString &status, const QString &detail) {
  if (t.info.status == status && detail.isEmpty()) return;
  t.info.status = status;
  if (!detail.isEmpty()) t.info.lastError = detail;
  Q_EMIT stateChanged(QStringLiteral("tunnel"), t.info.id, status, detail);
}

std::optional<TunnelInfo> ProcessEngine::createTunnel(const QString &name, const QString &url,
                                                      QString *error) {
  if (!url.startsWith(QLatin1String("server://")) && !url.startsWith(QLatin1String("client://"))) {
    if (error)
      *error = QStringLiteral("tunnel URL must start with server:// or client://, not \"%1\"")
                   .arg(url.left(32));
    return std::nullopt;
  }
  QString id;
  do {
    id = QString::number(QRandomGenerator::global()->generate(), 16)
             .rightJustified(8, QLatin1Char('0'));
  } while (m_tunnels.contains(id));
  auto t = std::make_shared<Tunnel>();
  t->info.id = id;
  t->info.name = name.isEmpty() ? QStringLiteral("tunnel-%1").arg(id) : name;
  t->info.url = url;
  t->info.status = QStringLiteral("stopped");
  t->process = std::make_unique<TunnelProcess>(TunnelProcess::defaultProgram(), url);
  Tunnel *raw = t.get();
  connect(raw->process.get(), &TunnelProcess::started, this, [this, raw] {
    raw->info.pid = raw->process->pid();
    setTunnelStatus(*raw, QStringLiteral("running"));
  });
  connect(raw->process.get(), &TunnelProcess::checkPoint, this,
          [this, raw](const TunnelCounters &c) {
            raw->info.counters = c;
            setTunnelStatus(*raw, QStringLiteral("running"));
          });
  connect(raw->process.get(), &TunnelProcess::errorLine, this, [this, raw](const QString &line) {
    setTunnelStatus(*raw, QStringLiteral("error"), stripAnsi(line));
  });
  connect(raw->process.get(), &TunnelProcess::logLine, this, [this, raw](const QString &line) {
    const QString text = stripAnsi(line);
    const QString level = text.contains(QLatin1String("ERROR"))  ? QStringLiteral("Error")
                          : text.contains(QLatin1String("WARN")) ? QStringLiteral("Warn")
                                                                 : QStringLiteral("Info");
    Q_EMIT logLine(level, QStringLiteral("tunnel ") + raw->info.id, text);
  });
  connect(raw->process.get(), &TunnelProcess::finished, this,
          [this, raw](int code, bool crashed, bool requested, const QString &tail) {
            raw->info.pid = 0;
            if (requested) {
              setTunnelStatus(*raw, QStringLiteral("stopped"));
            } else {
              setTunnelStatus(
                  *raw, QStringLiteral("error"),
                  QStringLiteral("tunnel process exited (%1 %2): %3")
                      .arg(crashed ? QStringLiteral("signal/crash") : QStringLiteral("code"))
                      .arg(code)
                      .arg(tail.section(QLatin1Char('\n'), -1)));
            }
          });
  m_tunnels.insert(id, t);
  m_order.append(id);
  Q_EMIT stateChanged(QStringLiteral("tunnel"), id, QStringLiteral("stopped"),
                      QStringLiteral("created"));
  return t->info;
}

bool ProcessEngine::startTunnel(const QString &id, QString *error) {
  const auto t = m_tunnels.value(id);
  if (!t) {
    if (error) *error = QStringLiteral("no tunnel with id %1").arg(id);
    return false;
  }
  t->info.lastError.clear();
  t->process->start();
  return true;
}

bool ProcessEngine::stopTunnel(const QString &id, QString *error) {
  const auto t = m_tunnels.value(id);
  if (!t) {
    if (error) *error = QStringLiteral("no tunnel with id %1").arg(id);
    return false;
  }
  if (t->process->isRunning())
    t->process->stop();
  else
    setTunnelStatus(*t, QStringLiteral("stopped"));
  return true;
}

bool ProcessEngine::deleteTunnel(const QString &id, QString *error) {
  if (!m_tunnels.contains(id)) {
    if (error) *error = QStringLiteral("no tunnel with id %1").arg(id);
    return false;
  }
  m_tunnels.remove(id);
  m_order.removeAll(id);
  Q_EMIT stateChanged(QStringLiteral("tunnel"), id, QStringLiteral("deleted"), QString());
  return true;
}

}  // namespace routeless::control
