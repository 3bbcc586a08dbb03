#include "appengine.h"

#include "app.h"
#include "connectioncontroller.h"
#include "logmodel.h"
#include "profiles/profile.h"
#include "profilescontroller.h"
#include "tunnelmodel.h"

namespace routeless::desktop {

namespace {

const char *levelName(int level) {
  switch (level) {
    case LogModel::Warning:
      return "Warn";
    case LogModel::Error:
      return "Error";
    default:
      return "Info";
  }
}

}  // namespace

AppEngine::AppEngine(App *app, QObject *parent) : Engine(parent), m_app(app) {
  ConnectionController *connection = app->connection();
  connect(connection, &ConnectionController::meshTestFinished, this,
          [this](const mesh::MeshTestOutcome &o) {
            for (qsizetype i = 0; i < m_pendingTests.size(); ++i) {
              if (m_pendingTests[i].from != o.from || m_pendingTests[i].to != o.to) continue;
              const MeshTestDone done = m_pendingTests.takeAt(i).done;
              done(o);
              return;
            }
          });
  connect(connection, &ConnectionController::stateChanged, this, [this] {
    Q_EMIT stateChanged(QStringLiteral("mesh"), QString(),
                        meshRunning() ? QStringLiteral("running") : QStringLiteral("stopped"),
                        m_app->connection()->stateText());
  });
  connect(connection, &ConnectionController::hostStateChanged, this,
          [this](const QString &name, const QString &state) {
            Q_EMIT stateChanged(QStringLiteral("host"), name, state, QString());
          });
  connect(connection, &ConnectionController::tunnelStateChanged, this,
          [this](int row, TunnelState state, const QString &detail) {
            Q_EMIT stateChanged(QStringLiteral("tunnel"), QString::number(row),
                                control::tunnelProtocolStatus(state), detail);
          });
  // Every line the Logs screen gets (debug excluded) also goes to the protocol's logBroadcast.
  LogModel *logs = app->logs();
  connect(logs, &QAbstractItemModel::rowsInserted, this,
          [this, logs](const QModelIndex &, int first, int last) {
            for (int row = first; row <= last; ++row) {
              const QModelIndex i = logs->index(row);
              const int level = i.data(LogModel::LevelRole).toInt();
              if (level == LogModel::Debug) continue;
              Q_EMIT logLine(QLatin1String(levelName(level)),
                             i.data(LogModel::SourceRole).toString(),
                             i.data(LogModel::MessageRole).toString());
            }
          });
}

QString AppEngine::profileId() const {
  const QString active = m_app->connection()->activeId();
  return active.isEmpty() ? m_app->profiles()->currentId() : active;
}

int AppEngine::rowOf(const QString &id, QString *error) const {
  const profiles::Profile *p = m_app->profiles()->profile(profileId());
  bool ok = false;
  const int row = id.toInt(&ok);
  if (!p || !ok || row < 0 || row >= p->tunnels.size()) {
    if (error) *error = QStringLiteral("no tunnel with id %1").arg(id);
    return -1;
  }
  return row;
}

bool AppEngine::setManifest(const mesh::Manifest &manifest, QString *error) {
  const profiles::Profile *current = m_app->profiles()->profile(profileId());
  if (!current) {
    *error = QStringLiteral("the app has no profile to hold the manifest");
    return false;
  }
  if (meshRunning()) {
    *error = QStringLiteral("stop the mesh (meshStop) before replacing its manifest");
    return false;
  }
  profiles::Profile p = *current;
  p.mesh = manifest;
  const QString e = m_app->profiles()->save(p);
  if (!e.isEmpty()) *error = e;
  return e.isEmpty();
}

mesh::Manifest AppEngine::manifest() const {
  const profiles::Profile *p = m_app->profiles()->profile(profileId());
  return p ? p->mesh : mesh::Manifest{};
}

bool AppEngine::startMesh(QString *error) {
  const QString id = profileId();
  if (!m_app->profiles()->profile(id)) {
    *error = QStringLiteral("the app has no profile to start");
    return false;
  }
  // In the app a profile's mesh and tunnels connect together.
  if (m_app->connection()->activeId() != id) m_app->connection()->connectProfile(id);
  return true;
}

void AppEngine::meshTest(const QString &from, const QString &to, int seconds, MeshTestDone done) {
  m_pendingTests.append({from, to, std::move(done)});
  m_app->connection()->meshTest(from, to, seconds);
}

void AppEngine::stopMesh() { m_app->connection()->disconnectProfile(); }

bool AppEngine::meshRunning() const {
  const profiles::Profile *p = m_app->profiles()->profile(m_app->connection()->activeId());
  return p && !p->mesh.hosts.isEmpty();
}

mesh::MeshSnapshot AppEngine::meshSnapshot() const { return m_app->connection()->lastMesh(); }

QList<control::TunnelInfo> AppEngine::tunnels() const {
  QList<control::TunnelInfo> out;
  const profiles::Profile *p = m_app->profiles()->profile(profileId());
  if (!p) return out;
  const bool active = profileId() == m_app->connection()->activeId();
  const QList<TunnelStatus> live =
      active ? m_app->connection()->lastTunnels() : QList<TunnelStatus>();
  for (int i = 0; i < p->tunnels.size(); ++i) {
    control::TunnelInfo t;
    t.id = QString::number(i);
    t.name = p->tunnels[i].name;
    t.url = p->tunnels[i].url;
    t.status = QStringLiteral("stopped");
    if (i < live.size()) {
      t.status = control::tunnelProtocolStatus(live[i].state);
      t.lastError = live[i].lastError;
      t.counters = control::tunnelCounters(live[i]);
    }
    out.append(t);
  }
  return out;
}

std::optional<control::TunnelInfo> AppEngine::tunnel(const QString &id) const {
  const int row = rowOf(id, nullptr);
  if (row < 0) return std::nullopt;
  return tunnels().value(row);
}

std::optional<control::TunnelInfo> AppEngine::createTunnel(const QString &name, const QString &url,
                                                           QString *error) {
  const profiles::Profile *current = m_app->profiles()->profile(profileId());
  if (!current) {
    *error = QStringLiteral("the app has no profile to hold the tunnel");
    return std::nullopt;
  }
  QString why;
  if (!profiles::checkTunnelUrl(url.trimmed(), &why)) {
    *error = why;
    return std::nullopt;
  }
  profiles::Profile p = *current;
  profiles::TunnelEntry entry;
  entry.name =
      name.trimmed().isEmpty() ? url.trimmed().section(QLatin1Char('?'), 0, 0) : name.trimmed();
  entry.url = url.trimmed();
  entry.autostart = false;  // the caller starts it (tunnelCreate's `start`)
  p.tunnels.append(entry);
  // A running profile picks the new entry up without restarting what already runs.
  const QString e = m_app->profiles()->save(p);
  if (!e.isEmpty()) {
    *error = e;
    return std::nullopt;
  }
  return tunnel(QString::number(p.tunnels.size() - 1));
}

bool AppEngine::startTunnel(const QString &id, QString *error) {
  const int row = rowOf(id, error);
  if (row < 0) return false;
  if (m_app->connection()->activeId() != profileId())
    m_app->connection()->connectProfile(profileId());
  m_app->connection()->startTunnel(row);
  return true;
}

bool AppEngine::stopTunnel(const QString &id, QString *error) {
  const int row = rowOf(id, error);
  if (row < 0) return false;
  if (m_app->connection()->activeId() == profileId()) m_app->connection()->stopTunnel(row);
  return true;
}

bool AppEngine::deleteTunnel(const QString &id, QString *error) {
  const int row = rowOf(id, error);
  if (row < 0) return false;
  profiles::Profile p = *m_app->profiles()->profile(profileId());
  p.tunnels.removeAt(row);
  const QString e = m_app->profiles()->save(p);
  if (!e.isEmpty()) {
    *error = e;
    return false;
  }
  return true;
}

void AppEngine::shutdown() { m_app->connection()->disconnectProfile(); }

}  // namespace routeless::desktop
