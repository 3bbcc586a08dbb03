#include "hostscontroller.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPointer>
#include <QTcpSocket>
#include <QThreadPool>

#include "agent/speedtest/speedtestservice.h"
#include "connectioncontroller.h"
#include "hostcheck.h"
#include "hostservices.h"
#include "listenconflicts.h"
#include "mesh/portspec.h"
#include "profilescontroller.h"
#include "speedtestview.h"

namespace routeless::desktop {

namespace {
// Quotes a word that a shell would split.
QString quoted(const QString &w) {
  return w.contains(QLatin1Char(' ')) || w.isEmpty() ? QLatin1Char('\'') + w + QLatin1Char('\'')
                                                     : w;
}
}  // namespace

HostsController::HostsController(ProfilesController *profiles, ConnectionController *connection,
                                 QString nodeProgram, QObject *parent)
    : QObject(parent),
      m_profiles(profiles),
      m_connection(connection),
      m_nodeProgram(std::move(nodeProgram)),
      m_model(new HostModel(this)),
      m_forwards(new ForwardModel(this)),
      m_routes(new RouteModel(this)) {
  connect(profiles, &ProfilesController::currentChanged, this, &HostsController::show);
  connect(profiles, &ProfilesController::listChanged, this, &HostsController::conflictChanged);
  connect(profiles, &ProfilesController::listChanged, this, [this] {
    updateServices(live() ? m_connection->lastMesh().routes : QList<mesh::RouteEntry>());
  });
  connect(connection, &ConnectionController::activeChanged, this, &HostsController::show);
  connect(connection, &ConnectionController::meshSnapshotReady, this, &HostsController::onMesh);
  connect(connection, &ConnectionController::forwardsChanged, this,
          &HostsController::updateStoppedForwards);
  connect(connection, &ConnectionController::meshTestFinished, this,
          [this](const mesh::MeshTestOutcome &o) {
            m_speedTest = SpeedTestView::finished(o);
            Q_EMIT speedTestChanged();
          });
}

void HostsController::updateServices(const QList<mesh::RouteEntry> &table) {
  const profiles::Profile *p = m_profiles->profile(m_profiles->currentId());
  QVariantMap services;
  const bool shownIsLive = live();
  const HostServices::IsStopped stopped = [this, shownIsLive](const QString &key) {
    return shownIsLive && !m_connection->isForwardRunning(key);
  };
  if (p)
    for (const mesh::HostSpec &h : p->mesh.hosts)
      services.insert(h.name, HostServices::of(h, table, stopped));
  if (services == m_services) return;
  m_services = services;
  Q_EMIT servicesChanged();
}

QStringList HostsController::otherHosts(const QString &name) const {
  const profiles::Profile *p = m_profiles->profile(m_profiles->currentId());
  QStringList out;
  if (p)
    for (const mesh::HostSpec &h : p->mesh.hosts)
      if (h.name != name) out.append(h.name);
  return out;
}

void HostsController::testSpeed(const QString &from, const QString &to) {
  if (m_speedTest.value(QStringLiteral("running")).toBool()) return;  // the card says so
  if (!live()) {
    mesh::MeshTestOutcome o;
    o.from = from;
    o.to = to;
    o.error = tr("connect the profile first");
    m_speedTest = SpeedTestView::finished(o);
    Q_EMIT speedTestChanged();
    return;
  }
  m_speedTest = SpeedTestView::running(from, to, int(agent::kMeshTestDefaultSeconds));
  Q_EMIT speedTestChanged();
  m_connection->meshTest(from, to, 0);
}

void HostsController::clearSpeedTest() {
  if (m_speedTest.isEmpty() || m_speedTest.value(QStringLiteral("running")).toBool()) return;
  m_speedTest.clear();
  Q_EMIT speedTestChanged();
}

bool HostsController::live() const {
  return !m_connection->activeId().isEmpty() && m_connection->activeId() == m_profiles->currentId();
}

void HostsController::show() {
  const profiles::Profile *p = m_profiles->profile(m_profiles->currentId());
  m_forwards->setManifest(p ? p->mesh : mesh::Manifest{});
  const mesh::MeshSnapshot last = m_connection->lastMesh();
  if (live() && !last.hosts.isEmpty()) {
    m_model->applySnapshot(last.hosts, 1000);
    m_routes->applyTable(last.routes);
  } else {
    // Not running yet (or another profile runs): the profile's hosts at rest.
    m_model->applySnapshot(
        p ? restingHosts(p->mesh, QFileInfo(m_nodeProgram).fileName()) : QList<mesh::HostStatus>(),
        1000);
    m_routes->applyTable({});
  }
  m_forwards->updateStates(*m_model);
  updateStoppedForwards();
  updateServices(live() ? last.routes : QList<mesh::RouteEntry>());
  Q_EMIT liveChanged();
  Q_EMIT conflictChanged();
}

void HostsController::updateStoppedForwards() {
  const bool shownIsLive = live();
  m_forwards->updateStopped([this, shownIsLive](const QString &key) {
    return shownIsLive && !m_connection->isForwardRunning(key);
  });
  updateServices(shownIsLive ? m_connection->lastMesh().routes : QList<mesh::RouteEntry>());
}

void HostsController::onMesh(const mesh::MeshSnapshot &snapshot) {
  if (!live()) return;
  const qint64 now = QDateTime::currentMSecsSinceEpoch();
  m_model->applySnapshot(snapshot.hosts, m_lastSnapshotMs ? now - m_lastSnapshotMs : 1000);
  m_lastSnapshotMs = now;
  m_routes->applyTable(snapshot.routes);
  m_forwards->updateStates(*m_model);
  updateServices(snapshot.routes);
}

QString HostsController::listenConflict() const {
  const profiles::Profile *p = m_profiles->profile(m_profiles->currentId());
  if (!p) return {};
  const ListenConflict c = findListenConflict(p->mesh);
  return c.isConflict() ? c.text() : QString();
}

QVariantMap HostsController::details(int row) const {
  const auto *p = m_profiles->profile(m_profiles->currentId());
  if (!p || row < 0 || row >= p->mesh.hosts.size()) return {};
  const auto &h = p->mesh.hosts[row];
  QStringList ports;
  for (const auto &port : h.ports) ports.append(port.toString());
  QStringList words;
  for (const QString &w : h.cmd) words.append(quoted(w));
  return {{QStringLiteral("name"), h.name},
          {QStringLiteral("vip"), h.vip},
          {QStringLiteral("command"), words.join(QLatin1Char(' '))},
          {QStringLiteral("ports"), ports.join(QStringLiteral(", "))},
          {QStringLiteral("loopbackDisable"), h.loopbackDisable},
          {QStringLiteral("zeroInstall"), h.zeroInstall}};
}

QString HostsController::save(int row, const QString &name, const QString &vip,
                              const QString &command, const QString &ports, bool loopbackDisable,
                              bool zeroInstall) {
  const auto *src = m_profiles->profile(m_profiles->currentId());
  if (!src) return tr("Select or create a profile first.");
  profiles::Profile p = *src;
  mesh::HostSpec h;
  if (row >= 0 && row < p.mesh.hosts.size()) h = p.mesh.hosts[row];
  const QString oldName = h.name;
  h.name = name.trimmed();
  h.vip = vip.trimmed();
  QString error;
  QStringList cmd;
  if (!mesh::splitCommandLine(command.trimmed(), &cmd, &error)) return tr("Command: %1").arg(error);
  // The agent arguments are added by the app; accept a pasted command that already has them.
  if (cmd.size() >= 2 && cmd.last() == QLatin1String("--automated")) cmd.resize(cmd.size() - 2);
  h.cmd = cmd;
  h.loopbackDisable = loopbackDisable;
  h.zeroInstall = zeroInstall;
  h.ports.clear();
  const QStringList specs = QString(ports)
                                .replace(QLatin1Char('\n'), QLatin1Char(','))
                                .split(QLatin1Char(','), Qt::SkipEmptyParts);
  for (const QString &raw : specs) {
    const QString spec = raw.trimmed();
    QString why;
    const auto ps = mesh::parsePortSpec(spec, &why);
    if (!ps) return tr("Port: %1").arg(why);
    h.ports.append(*ps);
  }
  if (row >= 0 && row < p.mesh.hosts.size()) {
    p.mesh.hosts[row] = h;
    // Routes through a renamed host follow it.
    for (auto &r : p.mesh.routes)
      if (!oldName.isEmpty() && r.via == oldName) r.via = h.name;
  } else {
    p.mesh.hosts.append(h);
  }
  if (auto e = profiles::validateProfile(p, p.name))
    return e->field + QStringLiteral(": ") + e->message;
  return m_profiles->save(p);
}

QString HostsController::remove(int row) {
  const auto *src = m_profiles->profile(m_profiles->currentId());
  if (!src || row < 0 || row >= src->mesh.hosts.size()) return tr("No such host.");
  profiles::Profile p = *src;
  Removed removed{p.id, p.mesh.hosts[row].name, row, p.mesh.hosts[row], {}};
  p.mesh.hosts.removeAt(row);
  for (int i = int(p.mesh.routes.size()) - 1; i >= 0; --i) {
    if (p.mesh.routes[i].via != removed.name) continue;
    removed.routes.prepend(p.mesh.routes[i]);
    p.mesh.routes.removeAt(i);
  }
  const QString error = m_profiles->save(p);
  if (!error.isEmpty()) return error;
  m_removed = removed;
  Q_EMIT undoChanged();
  return {};
}

QString HostsController::undoRemove() {
  if (!m_removed) return tr("Nothing to undo.");
  const auto *src = m_profiles->profile(m_removed->profileId);
  if (!src) return tr("The profile of host %1 is gone.").arg(m_removed->name);
  profiles::Profile p = *src;
  p.mesh.hosts.insert(qMin<qsizetype>(m_removed->row, p.mesh.hosts.size()), m_removed->host);
  p.mesh.routes += m_removed->routes;
  if (auto e = profiles::validateProfile(p, p.name))
    return tr("Host %1 cannot come back: %2").arg(m_removed->name, e->toString());
  const QString error = m_profiles->save(p);
  if (!error.isEmpty()) return error;
  m_removed.reset();
  Q_EMIT undoChanged();
  return {};
}

QString HostsController::commandPreset(const QString &kind, const QString &target,
                                       const QString &keyFile, const QString &jumpHost) const {
  const QString t = target.trimmed().isEmpty() ? QStringLiteral("TARGET") : target.trimmed();
  if (kind == QLatin1String("ssh")) {
    QStringList words{QStringLiteral("ssh")};
    if (!keyFile.trimmed().isEmpty()) words << QStringLiteral("-i") << quoted(keyFile.trimmed());
    if (!jumpHost.trimmed().isEmpty()) words << QStringLiteral("-J") << quoted(jumpHost.trimmed());
    // No password prompt can reach the app: fail at once instead of waiting for one.
    words << QStringLiteral("-o") << QStringLiteral("BatchMode=yes") << t << QStringLiteral("--")
          << QStringLiteral("routeless-node");
    return words.join(QLatin1Char(' '));
  }
  if (kind == QLatin1String("docker"))
    return QStringLiteral("docker exec -i %1 routeless-node").arg(t);
  if (kind == QLatin1String("kubectl"))
    return QStringLiteral("kubectl exec -i %1 -- routeless-node").arg(t);
  return {};  // local: the app's own agent
}

bool HostsController::zeroInstallByDefault(const QString &kind) const {
  return kind == QLatin1String("ssh") || kind == QLatin1String("docker") ||
         kind == QLatin1String("kubectl");
}

QString HostsController::suggestVip() const {
  const auto *p = m_profiles->profile(m_profiles->currentId());
  for (int last = 1; last < 255; ++last) {
    const QString vip = QStringLiteral("127.0.42.%1").arg(last);
    bool taken = false;
    if (p) {
      for (const auto &h : p->mesh.hosts) taken = taken || h.vip == vip;
    }
    if (!taken) return vip;
  }
  return {};
}

QString HostsController::conflictIfSaved(int row, const QString &name, const QString &command,
                                         bool loopbackDisable) const {
  const auto *src = m_profiles->profile(m_profiles->currentId());
  if (!src) return {};
  mesh::Manifest m = src->mesh;
  mesh::HostSpec h;
  if (row >= 0 && row < m.hosts.size()) h = m.hosts[row];
  h.name = name.trimmed().isEmpty() ? tr("the host you are editing") : name.trimmed();
  QStringList cmd;
  QString error;
  if (!mesh::splitCommandLine(command.trimmed(), &cmd, &error)) return {};
  h.cmd = cmd;
  h.loopbackDisable = loopbackDisable;
  if (row >= 0 && row < m.hosts.size())
    m.hosts[row] = h;
  else
    m.hosts.append(h);
  const ListenConflict c = findListenConflict(m);
  return c.isConflict() ? c.text() : QString();
}

bool HostsController::loopbackDisableByDefault(int row, const QString &command) const {
  // The name only appears in the conflict's text, which is not shown here.
  return !conflictIfSaved(row, QStringLiteral("new"), command, false).isEmpty();
}

QString HostsController::fixListenConflict() {
  const auto *src = m_profiles->profile(m_profiles->currentId());
  if (!src) return tr("No profile is shown.");
  const ListenConflict c = findListenConflict(src->mesh);
  if (!c.isConflict()) return {};
  profiles::Profile p = *src;
  p.mesh = withOneListener(p.mesh, c, c.hosts.first());
  return m_profiles->save(p);
}

void HostsController::check(int row) {
  const auto *p = m_profiles->profile(m_profiles->currentId());
  if (!p || row < 0 || row >= p->mesh.hosts.size()) return;
  const mesh::HostSpec host = p->mesh.hosts[row];
  m_checks.insert(host.name, tr("Checking…"));
  Q_EMIT checksChanged();
  auto *check = new HostCheck(host, m_nodeProgram, this);
  connect(check, &HostCheck::finished, this,
          [this, check](const QString &name, bool, const QString &text) {
            m_checks.insert(name, text);
            Q_EMIT checksChanged();
            check->deleteLater();
          });
  check->start();
}

void HostsController::pingAll() {
  const auto *p = m_profiles->profile(m_profiles->currentId());
  if (!p) return;
  m_latencies.clear();
  for (const mesh::HostSpec &h : p->mesh.hosts) {
    const auto port = std::find_if(h.ports.begin(), h.ports.end(), [](const mesh::PortSpec &s) {
      return s.proto != QLatin1String("udp");
    });
    if (!live()) {
      m_latencies.insert(h.name, tr("not connected"));
      continue;
    }
    if (port == h.ports.end()) {
      m_latencies.insert(h.name, tr("no TCP port to test"));
      continue;
    }
    m_latencies.insert(h.name, tr("testing…"));
    QPointer<HostsController> self(this);
    const QString name = h.name;
    const QString vip = h.vip;
    const quint16 listen = port->listenPort;
    // A blocking connect is a one-shot: on the thread pool, never on the GUI thread.
    QThreadPool::globalInstance()->start([self, name, vip, listen] {
      QTcpSocket socket;
      QElapsedTimer clock;
      clock.start();
      socket.connectToHost(vip, listen);
      const int ms = socket.waitForConnected(3000) ? int(clock.elapsed()) : -1;
      socket.abort();
      QMetaObject::invokeMethod(qApp, [self, name, ms] {
        if (!self) return;
        self->m_latencies.insert(name, ms < 0 ? tr("unreachable") : tr("%1 ms").arg(ms));
        Q_EMIT self->latenciesChanged();
      });
    });
  }
  Q_EMIT latenciesChanged();
}

}  // namespace routeless::desktop
