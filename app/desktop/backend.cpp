#include "backend.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QQmlEngine>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThreadPool>

#include "appsettings.h"
#include "controlhost.h"
#include "demoresponder.h"
#include "format.h"
#include "forwardmodel.h"
#include "hostmodel.h"
#include "logfiltermodel.h"
#include "logmodel.h"
#include "mastermodel.h"
#include "mastersync.h"
#include "meshengine.h"
#include "mproxy/deviceurl.h"
#include "nodepass/tunnelurl.h"
#include "profilemodel.h"
#include "profiles/profileio.h"
#include "routemodel.h"
#include "tunnelmodel.h"

Q_LOGGING_CATEGORY(lcApp, "app")
Q_LOGGING_CATEGORY(lcMesh, "mesh")

namespace routeless::desktop {

namespace {
Backend *g_instance = nullptr;
constexpr int kGraceMs = 15000;

QList<mesh::HostStatus> stoppedHosts(const profiles::Profile *p, const QString &localAgent) {
  QList<mesh::HostStatus> out;
  if (!p) return out;
  for (const auto &h : p->mesh.hosts) {
    mesh::HostStatus s;
    s.name = h.name;
    s.vip = h.vip;
    s.command = h.cmd.isEmpty() ? QFileInfo(localAgent).fileName() + QStringLiteral(" agent")
                                : h.cmd.join(QLatin1Char(' '));
    out.append(s);
  }
  return out;
}

QList<TunnelStatus> stoppedTunnels(const profiles::Profile *p) {
  QList<TunnelStatus> out;
  if (!p) return out;
  for (const auto &t : p->tunnels) {
    TunnelStatus s;
    s.name = t.name;
    s.maskedUrl = profiles::maskedTunnelUrl(t.url);
    s.role = tunnelRole(t.url);
    if (s.role.isEmpty()) s.role = t.url.section(QLatin1String("://"), 0, 0);
    s.target = tunnelTarget(t.url);
    out.append(s);
  }
  return out;
}

// Splits a shell-like command line; quotes group words.
QStringList splitCommand(const QString &line, QString *error) {
  QStringList words;
  if (!mesh::splitCommandLine(line, &words, error)) return {};
  return words;
}
}  // namespace

Backend::Backend(const Options &options, QObject *parent)
    : QObject(parent),
      m_options(options),
      m_store(QDir(options.configDir).filePath(QStringLiteral("profiles"))),
      m_settings(new AppSettings(options.configDir, options.autostartDir, this)),
      m_hosts(new HostModel(this)),
      m_forwards(new ForwardModel(this)),
      m_routes(new RouteModel(this)),
      m_tunnels(new TunnelModel(this)),
      m_masters(new MasterModel(this)),
      m_logs(new LogModel(this)),
      m_logView(new LogFilterModel(this)),
      m_profiles(new ProfileModel(this)) {
  m_logView->setLogs(m_logs);
  qRegisterMetaType<QList<TunnelStatus>>();
  qRegisterMetaType<QList<profiles::TunnelEntry>>();
  qRegisterMetaType<TunnelState>();
  if (options.startEngines) {
    m_mesh = std::make_unique<MeshEngine>();
    connect(m_mesh.get(), &MeshEngine::snapshotReady, this, &Backend::onMeshSnapshot);
    connect(m_mesh.get(), &MeshEngine::hostStateChanged, this,
            [this](const QString &name, mesh::HostState state) {
              qCInfo(lcMesh).noquote()
                  << QStringLiteral("host %1: %2").arg(name, mesh::hostStateName(state));
              Q_EMIT hostStateChanged(name, mesh::hostStateName(state));
            });
    m_tunnelThread = new QThread(this);
    m_tunnelThread->setObjectName(QStringLiteral("tunnels"));
    m_tunnelController = new TunnelController;
    m_tunnelController->moveToThread(m_tunnelThread);
    connect(m_tunnelController, &TunnelController::snapshotReady, this, &Backend::onTunnelSnapshot,
            Qt::QueuedConnection);
    connect(m_tunnelController, &TunnelController::stateChanged, this,
            [this](int index, const QString &, TunnelState state, const QString &detail) {
              if (!m_activeId.isEmpty()) Q_EMIT tunnelStateChanged(index, state, detail);
            });
    m_tunnelThread->start();
    m_masterSync = std::make_unique<MasterSync>();
    connect(m_masterSync.get(), &MasterSync::snapshotReady, m_masters, &MasterModel::applySnapshot);
    m_demo = std::make_unique<DemoResponder>();
    connect(m_demo.get(), &DemoResponder::probeStateChanged, this, &Backend::trafficChanged);
  }
  m_announceTimeout.setSingleShot(true);
  m_announceTimeout.setInterval(20000);
  connect(&m_announceTimeout, &QTimer::timeout, this, &Backend::announceState);
  m_graceTimer.setSingleShot(true);
  m_graceTimer.setInterval(kGraceMs);
  connect(&m_graceTimer, &QTimer::timeout, this, &Backend::recomputeState);
  connect(m_settings, &AppSettings::languageChanged, this, &Backend::applyLanguage);
  applyLanguage();
}

Backend::~Backend() {
  shutdown();
  if (g_instance == this) g_instance = nullptr;
}

void Backend::setInstance(Backend *backend) { g_instance = backend; }
Backend *Backend::instance() { return g_instance; }

Backend *Backend::create(QQmlEngine *qmlEngine, QJSEngine *) {
  Q_ASSERT(g_instance);
  QJSEngine::setObjectOwnership(g_instance, QJSEngine::CppOwnership);
  g_instance->setQmlEngine(qmlEngine);
  return g_instance;
}

void Backend::shutdown() {
  m_control.reset();
  m_masterSync.reset();
  if (m_mesh) m_mesh->shutdown();
  m_mesh.reset();
  if (m_tunnelController) {
    TunnelController *tc = m_tunnelController;
    m_tunnelController = nullptr;
    QMetaObject::invokeMethod(
        tc, [tc] { delete tc; }, Qt::BlockingQueuedConnection);
    m_tunnelThread->quit();
    m_tunnelThread->wait();
  }
  m_demo.reset();
}

QString Backend::version() const { return QStringLiteral(ROUTELESS_VERSION); }

int Backend::controlMode() const { return m_control ? int(m_control->mode()) : 0; }

QString Backend::controlStatus() const {
  return m_control ? m_control->statusText() : tr("The UI protocol is off.");
}

bool Backend::controlNodeRunning() const { return m_control && m_control->nodeRunning(); }

void Backend::controlStartNode() {
  if (m_control) m_control->startNode();
}

void Backend::controlStopNode() {
  if (m_control) m_control->stopNode();
}

void Backend::startUp() {
  if (m_options.uiPort && m_options.startEngines && !m_control) {
    m_control = std::make_unique<ControlHost>(this, m_options.uiPort, m_options.uiTokenFile,
                                              m_options.uiAllowOrigins);
    connect(m_control.get(), &ControlHost::changed, this, &Backend::controlChanged);
    m_control->start();
  }
  reloadProfiles();
  if (!m_settings->firstRunDone()) {
    if (!m_profiles->find(QStringLiteral("local-demo"))) {
      QString error;
      if (!m_store.save(profiles::demoProfile(), &error))
        qCWarning(lcApp).noquote() << QStringLiteral("cannot save the demo profile: %1").arg(error);
    }
    m_settings->setFirstRunDone();
    m_settings->setDefaultProfileId(QStringLiteral("local-demo"));
    reloadProfiles();
    qCInfo(lcApp) << "first run: created the \"Local demo\" profile";
    setCurrentProfileId(QStringLiteral("local-demo"));
    connectProfile(QStringLiteral("local-demo"));
    return;
  }
  QString pick = m_settings->lastProfileId();
  if (!m_profiles->find(pick)) pick = m_settings->defaultProfileId();
  if (!m_profiles->find(pick) && m_profiles->rowCount() > 0)
    pick = m_profiles->profiles().first().id;
  setCurrentProfileId(pick);
  if (m_settings->connectLast() && m_profiles->find(pick)) connectProfile(pick);
}

void Backend::reloadProfiles() {
  QStringList problems;
  const auto list = m_store.loadAll(&problems);
  for (const QString &p : problems)
    qCWarning(lcApp).noquote() << QStringLiteral("profile skipped: %1").arg(p);
  m_profiles->setProfiles(list);
  m_profiles->setMarks(m_settings->defaultProfileId(), m_activeId, m_currentId);
  Q_EMIT profilesChanged();
}

const profiles::Profile *Backend::profile(const QString &id) const { return m_profiles->find(id); }

QString Backend::currentProfileName() const {
  const auto *p = profile(m_currentId);
  return p ? p->name : QString();
}

void Backend::setCurrentProfileId(const QString &id) {
  if (id == m_currentId && m_profiles->find(id)) return;
  m_currentId = id;
  m_profiles->setMarks(m_settings->defaultProfileId(), m_activeId, m_currentId);
  showProfile(profile(id));
  Q_EMIT currentProfileChanged();
  Q_EMIT activeProfileChanged();
}

void Backend::showProfile(const profiles::Profile *p) {
  m_forwards->setManifest(p ? p->mesh : mesh::Manifest{});
  if (m_masterSync) m_masterSync->setMasters(p ? p->masters : QList<profiles::MasterEntry>());
  if (!currentIsActive()) {
    m_hosts->applySnapshot(stoppedHosts(p, m_options.nodeProgram), 1000);
    m_routes->applyTable({});
    m_tunnels->applySnapshot(stoppedTunnels(p));
  } else {
    m_tunnels->applySnapshot(m_lastTunnels);
  }
  m_forwards->updateStates(*m_hosts);
}

// ---------------------------------------------------------------- connection

void Backend::connectProfile(const QString &id) {
  const profiles::Profile *p = profile(id);
  if (!p) return;
  if (!m_activeId.isEmpty()) disconnectProfile();
  m_announcePending = false;
  m_activeId = id;
  m_settings->setLastProfileId(id);
  if (m_currentId != id) setCurrentProfileId(id);
  m_profiles->setMarks(m_settings->defaultProfileId(), m_activeId, m_currentId);
  qCInfo(lcApp).noquote() << QStringLiteral("connecting profile \"%1\"").arg(p->name);
  m_lastSnapshotMs = QDateTime::currentMSecsSinceEpoch();
  if (m_mesh && !p->mesh.hosts.isEmpty())
    m_mesh->start(planForManifest(p->mesh, m_options.nodeProgram));
  if (m_tunnelController) {
    const QList<profiles::TunnelEntry> tunnels = p->tunnels;
    TunnelController *tc = m_tunnelController;
    QMetaObject::invokeMethod(tc, [tc, tunnels] {
      tc->setTunnels(tunnels);
      tc->startAutostart();
    });
  }
  if (m_demo && p->builtinResponder)
    m_demo->start(profiles::kDemoResponderPort,
                  {QStringLiteral("127.0.42.2:%1").arg(profiles::kDemoForwardPort),
                   QStringLiteral("127.0.0.1:%1").arg(profiles::kDemoTunnelClientPort)});
  m_graceTimer.start();
  setState(Connecting);
  m_announcePending = true;
  m_announceTimeout.start();
  Q_EMIT activeProfileChanged();
  recomputeState();
}

void Backend::disconnectProfile() {
  if (m_activeId.isEmpty()) return;
  const QString name = profile(m_activeId) ? profile(m_activeId)->name : m_activeId;
  qCInfo(lcApp).noquote() << QStringLiteral("disconnecting profile \"%1\"").arg(name);
  if (m_mesh) m_mesh->stop();
  if (m_tunnelController) {
    TunnelController *tc = m_tunnelController;
    QMetaObject::invokeMethod(tc, [tc] { tc->setTunnels({}); });
  }
  if (m_demo) m_demo->stop();
  m_activeId.clear();
  m_lastTunnels.clear();
  m_lastMesh = {};
  m_graceTimer.stop();
  m_profiles->setMarks(m_settings->defaultProfileId(), m_activeId, m_currentId);
  showProfile(profile(m_currentId));
  Q_EMIT activeProfileChanged();
  Q_EMIT trafficChanged();
  m_announcePending = false;  // a pending "connected" note is superseded by this one
  setState(Idle);
  m_announcePending = true;
  announceState();
}

void Backend::toggleProfile(const QString &id) {
  if (m_activeId == id)
    disconnectProfile();
  else
    connectProfile(id);
}

void Backend::onMeshSnapshot(const mesh::MeshSnapshot &snapshot) {
  if (m_activeId.isEmpty()) return;
  m_lastMesh = snapshot;
  if (!currentIsActive()) return;
  const qint64 now = QDateTime::currentMSecsSinceEpoch();
  m_hosts->applySnapshot(snapshot.hosts, now - m_lastSnapshotMs);
  m_lastSnapshotMs = now;
  m_routes->applyTable(snapshot.routes);
  m_forwards->updateStates(*m_hosts);
  Q_EMIT trafficChanged();
  recomputeState();
}

void Backend::onTunnelSnapshot(const QList<TunnelStatus> &tunnels) {
  if (m_activeId.isEmpty()) return;
  m_lastTunnels = tunnels;
  if (currentIsActive()) m_tunnels->applySnapshot(tunnels);
  recomputeState();
}

void Backend::recomputeState() {
  if (m_activeId.isEmpty()) return setState(Idle);
  const profiles::Profile *p = profile(m_activeId);
  if (!p) return setState(Idle);
  bool allReady = m_hosts->readyCount() == p->mesh.hosts.size();
  bool failed = false;
  for (int i = 0; i < m_hosts->rowCount(); ++i) {
    const int code = m_hosts->data(m_hosts->index(i), HostModel::StateCodeRole).toInt();
    if (code == int(mesh::HostState::Failed)) failed = true;
  }
  for (const auto &t : m_lastTunnels) {
    if (t.state == TunnelState::Failed || t.state == TunnelState::Restarting) failed = true;
    if (t.state == TunnelState::Starting) allReady = false;
    if (t.state == TunnelState::Waiting && !t.waitingIsIdle) allReady = false;
  }
  const bool graceOver = !m_graceTimer.isActive();
  if (allReady && !failed)
    setState(Connected);
  else if (failed || graceOver)
    setState(Error);
  else
    setState(Connecting);
}

void Backend::setState(ConnectionState state) {
  if (state == m_state) return;
  m_state = state;
  Q_EMIT connectionStateChanged();
  if (m_announcePending && state != Connecting) announceState();
}

void Backend::announceState() {
  if (!m_announcePending) return;
  m_announcePending = false;
  m_announceTimeout.stop();
  const auto *p = profile(m_activeId);
  QString text;
  switch (m_state) {
    case Idle:
      text = tr("Disconnected. Nothing is running.");
      break;
    case Connecting:
      text = tr("\"%1\" is still connecting.").arg(p ? p->name : QString());
      break;
    case Connected:
      text = tr("\"%1\" is connected: %2 of %3 hosts ready.")
                 .arg(p ? p->name : QString())
                 .arg(m_hosts->readyCount())
                 .arg(m_hosts->rowCount());
      break;
    case Error:
      text = tr("\"%1\" has a problem: %2 of %3 hosts ready. See Logs.")
                 .arg(p ? p->name : QString())
                 .arg(m_hosts->readyCount())
                 .arg(m_hosts->rowCount());
      break;
  }
  qCInfo(lcApp).noquote() << text;
  Q_EMIT notify(QStringLiteral("Routeless"), text, m_state == Error);
}

QString Backend::connectionStateText() const {
  switch (m_state) {
    case Idle:
      return tr("Disconnected");
    case Connecting:
      return tr("Connecting");
    case Connected:
      return tr("Connected");
    case Error:
      return tr("Problem");
  }
  return {};
}

QString Backend::rxRate() const { return formatRate(m_hosts->totalRxRate()); }
QString Backend::txRate() const { return formatRate(m_hosts->totalTxRate()); }
bool Backend::demoTrafficOk() const {
  return m_demo && m_demo->isProbeOk() && !m_activeId.isEmpty();
}

void Backend::setTrayAvailable(bool available) {
  if (available == m_trayAvailable) return;
  m_trayAvailable = available;
  Q_EMIT trayAvailableChanged();
}

void Backend::setCurrentPage(int page) {
  if (page == m_page) return;
  m_page = page;
  Q_EMIT currentPageChanged();
}

void Backend::quit() { QCoreApplication::quit(); }

// ---------------------------------------------------------------- profiles

QString Backend::uniqueName(const QString &name) const {
  QString candidate = name.trimmed();
  for (int n = 2;; ++n) {
    bool taken = false;
    for (const auto &p : m_profiles->profiles()) taken = taken || p.name == candidate;
    if (!taken) return candidate;
    candidate = QStringLiteral("%1 (%2)").arg(name.trimmed()).arg(n);
  }
}

QString Backend::storeProfile(profiles::Profile p, bool restartIfActive) {
  QString error;
  if (!m_store.save(p, &error)) return error;
  reloadProfiles();
  if (p.id == m_currentId) showProfile(profile(p.id));
  if (restartIfActive && p.id == m_activeId) connectProfile(p.id);
  return {};
}

QString Backend::createProfile(const QString &name) {
  if (name.trimmed().isEmpty()) return tr("A profile needs a name.");
  profiles::Profile p;
  p.name = uniqueName(name);
  p.id = profiles::makeProfileId(p.name, m_store.ids());
  const QString error = storeProfile(p, false);
  if (error.isEmpty()) setCurrentProfileId(p.id);
  return error;
}

QString Backend::duplicateProfile(const QString &id) {
  const auto *src = profile(id);
  if (!src) return tr("No such profile.");
  profiles::Profile p = *src;
  p.name = uniqueName(tr("%1 copy").arg(src->name));
  p.id = profiles::makeProfileId(p.name, m_store.ids());
  return storeProfile(p, false);
}

QString Backend::renameProfile(const QString &id, const QString &name) {
  const auto *src = profile(id);
  if (!src) return tr("No such profile.");
  if (name.trimmed().isEmpty()) return tr("A profile needs a name.");
  profiles::Profile p = *src;
  p.name = name.trimmed();
  const QString error = storeProfile(p, false);
  Q_EMIT currentProfileChanged();
  return error;
}

QString Backend::deleteProfile(const QString &id) {
  if (!profile(id)) return tr("No such profile.");
  if (id == m_activeId) disconnectProfile();
  QString error;
  if (!m_store.remove(id, &error)) return error;
  reloadProfiles();
  if (id == m_currentId)
    setCurrentProfileId(m_profiles->rowCount() > 0 ? m_profiles->profiles().first().id : QString());
  return {};
}

void Backend::setDefaultProfile(const QString &id) {
  m_settings->setDefaultProfileId(id);
  m_profiles->setMarks(id, m_activeId, m_currentId);
}

QString Backend::defaultProfileId() const { return m_settings->defaultProfileId(); }

QString Backend::importText(const QString &text, const QString &source) {
  const auto result = profiles::importProfiles(text.toUtf8(), source, tr("Imported"));
  if (const auto *e = std::get_if<profiles::ProfileError>(&result)) {
    qCWarning(lcApp).noquote() << QStringLiteral("import failed: %1").arg(e->toString());
    return tr("Nothing was imported. %1").arg(e->toString());
  }
  const auto &outcome = std::get<profiles::ImportOutcome>(result);
  // Validate everything before writing anything, so a bad input never half-imports.
  QStringList taken = m_store.ids();
  QList<profiles::Profile> ready;
  for (profiles::Profile p : outcome.profiles) {
    p.name = uniqueName(p.name);
    for (const auto &r : ready) {
      if (r.name == p.name) p.name = QStringLiteral("%1 (%2)").arg(p.name).arg(ready.size() + 1);
    }
    p.id = profiles::makeProfileId(p.name, taken);
    taken.append(p.id);
    if (auto e = profiles::validateProfile(p, source))
      return tr("Nothing was imported. %1").arg(e->toString());
    ready.append(p);
  }
  QStringList written;
  for (const auto &p : ready) {
    QString error;
    if (!m_store.save(p, &error)) {
      for (const QString &id : written) m_store.remove(id);  // roll back
      reloadProfiles();
      return tr("Nothing was imported. %1").arg(error);
    }
    written.append(p.id);
  }
  reloadProfiles();
  for (const QString &w : outcome.warnings)
    qCWarning(lcApp).noquote() << QStringLiteral("import: %1").arg(w);
  if (!ready.isEmpty()) setCurrentProfileId(ready.first().id);
  qCInfo(lcApp).noquote()
      << QStringLiteral("imported %1 profile(s) from %2").arg(ready.size()).arg(source);
  return {};
}

QString Backend::importFile(const QUrl &url) {
  const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return tr("Cannot read %1: %2").arg(path, f.errorString());
  if (f.size() > profiles::kMaxImportSize) return tr("%1 is too large to be a profile.").arg(path);
  return importText(QString::fromUtf8(f.readAll()), QFileInfo(path).fileName());
}

QString Backend::importClipboard() {
  const QClipboard *cb = QGuiApplication::clipboard();
  const QString text = cb ? cb->text() : QString();
  if (text.trimmed().isEmpty()) return tr("The clipboard is empty.");
  return importText(text, QStringLiteral("clipboard"));
}

QString Backend::exportProfileText(const QString &id, int format, bool includeSecrets,
                                   bool includeLocalPaths) const {
  const auto *p = profile(id);
  if (!p) return {};
  return QString::fromUtf8(profiles::exportProfile(*p, profiles::ExportFormat(qBound(0, format, 2)),
                                                   {includeSecrets, includeLocalPaths}));
}

QString Backend::exportProfileToFile(const QString &id, const QUrl &url, int format,
                                     bool includeSecrets, bool includeLocalPaths) {
  const auto *p = profile(id);
  if (!p) return tr("No such profile.");
  const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
  // Owner-only before a byte is written, and atomic: an export may carry keys.
  QString error;
  if (!profiles::exportProfileToFile(*p, profiles::ExportFormat(qBound(0, format, 2)),
                                     {includeSecrets, includeLocalPaths}, path, &error))
    return tr("Cannot write %1: %2").arg(path, error);
  qCInfo(lcApp).noquote() << QStringLiteral("exported profile %1 to %2").arg(id, path);
  return {};
}

// ---------------------------------------------------------------- hosts

QVariantMap Backend::hostDetails(int row) const {
  const auto *p = profile(m_currentId);
  if (!p || row < 0 || row >= p->mesh.hosts.size()) return {};
  const auto &h = p->mesh.hosts[row];
  QStringList ports;
  for (const auto &port : h.ports) ports.append(port.toString());
  QStringList quoted;
  for (const QString &w : h.cmd)
    quoted.append(w.contains(QLatin1Char(' ')) ? QLatin1Char('\'') + w + QLatin1Char('\'') : w);
  return {{QStringLiteral("name"), h.name},
          {QStringLiteral("vip"), h.vip},
          {QStringLiteral("command"), quoted.join(QLatin1Char(' '))},
          {QStringLiteral("ports"), ports.join(QStringLiteral(", "))},
          {QStringLiteral("loopbackDisable"), h.loopbackDisable}};
}

QString Backend::saveHost(int row, const QString &name, const QString &vip, const QString &command,
                          const QString &ports, bool loopbackDisable) {
  const auto *src = profile(m_currentId);
  if (!src) return tr("Select or create a profile first.");
  profiles::Profile p = *src;
  mesh::HostSpec h;
  if (row >= 0 && row < p.mesh.hosts.size()) h = p.mesh.hosts[row];
  h.name = name.trimmed();
  h.vip = vip.trimmed();
  QString error;
  h.cmd = splitCommand(command.trimmed(), &error);
  if (!error.isEmpty()) return tr("Command: %1").arg(error);
  // The agent arguments are added by the app; accept a pasted command that already has them.
  if (h.cmd.size() >= 2 && h.cmd.last() == QLatin1String("--automated"))
    h.cmd.resize(h.cmd.size() - 2);
  h.loopbackDisable = loopbackDisable;
  h.ports.clear();
  const QStringList specs = QString(ports)
                                .replace(QLatin1Char('\n'), QLatin1Char(','))
                                .split(QLatin1Char(','), Qt::SkipEmptyParts);
  for (const QString &raw : specs) {
    const QString spec = raw.trimmed();
    const QStringList parts = spec.section(QLatin1Char('/'), 0, 0).split(QLatin1Char(':'));
    bool ok1 = false, ok2 = false;
    mesh::PortSpec ps;
    if (parts.size() == 3) {
      ps.listenPort = quint16(parts[0].toUInt(&ok1));
      ps.connectHost = parts[1];
      ps.connectPort = quint16(parts[2].toUInt(&ok2));
    }
    if (spec.contains(QLatin1Char('/'))) ps.proto = spec.section(QLatin1Char('/'), 1);
    if (!ok1 || !ok2 || ps.listenPort == 0 || ps.connectPort == 0)
      return tr("Port \"%1\" is not LISTENPORT:HOST:PORT (e.g. 8080:127.0.0.1:80).").arg(spec);
    h.ports.append(ps);
  }
  if (row >= 0 && row < p.mesh.hosts.size())
    p.mesh.hosts[row] = h;
  else
    p.mesh.hosts.append(h);
  if (auto e = profiles::validateProfile(p, p.name))
    return e->field + QStringLiteral(": ") + e->message;
  return storeProfile(p, true);
}

QString Backend::removeHost(int row) {
  const auto *src = profile(m_currentId);
  if (!src || row < 0 || row >= src->mesh.hosts.size()) return tr("No such host.");
  profiles::Profile p = *src;
  const QString name = p.mesh.hosts[row].name;
  p.mesh.hosts.removeAt(row);
  for (int i = p.mesh.routes.size() - 1; i >= 0; --i) {
    if (p.mesh.routes[i].via == name) p.mesh.routes.removeAt(i);
  }
  return storeProfile(p, true);
}

QString Backend::commandPreset(const QString &kind, const QString &target) const {
  const QString t = target.trimmed().isEmpty() ? QStringLiteral("TARGET") : target.trimmed();
  if (kind == QLatin1String("ssh")) return QStringLiteral("ssh %1 -- routeless-node").arg(t);
  if (kind == QLatin1String("docker"))
    return QStringLiteral("docker exec -i %1 routeless-node").arg(t);
  if (kind == QLatin1String("kubectl"))
    return QStringLiteral("kubectl exec -i %1 -- routeless-node").arg(t);
  return {};  // local: the app's own agent
}

QString Backend::suggestVip() const {
  const auto *p = profile(m_currentId);
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

// ---------------------------------------------------------------- tunnels

QString Backend::saveTunnel(int row, const QString &name, const QString &url, bool autostart) {
  const auto *src = profile(m_currentId);
  if (!src) return tr("Select or create a profile first.");
  if (const QString e = validateTunnelUrl(url); !e.isEmpty()) return e;
  profiles::Profile p = *src;
  profiles::TunnelEntry t{
      name.trimmed().isEmpty() ? url.section(QLatin1Char('?'), 0, 0) : name.trimmed(),
      url.trimmed(), autostart};
  if (row >= 0 && row < p.tunnels.size())
    p.tunnels[row] = t;
  else
    p.tunnels.append(t);
  // Only the edited tunnel restarts; the mesh and the other tunnels keep running.
  const QString error = storeProfile(p, false);
  if (error.isEmpty() && p.id == m_activeId) {
    reloadActiveTunnels();
    if (autostart)
      startActiveTunnel(row >= 0 && row < p.tunnels.size() ? row : p.tunnels.size() - 1);
  }
  return error;
}

QString Backend::removeTunnel(int row) {
  const auto *src = profile(m_currentId);
  if (!src || row < 0 || row >= src->tunnels.size()) return tr("No such tunnel.");
  profiles::Profile p = *src;
  p.tunnels.removeAt(row);
  const QString error = storeProfile(p, false);
  if (error.isEmpty() && p.id == m_activeId) reloadActiveTunnels();
  return error;
}

void Backend::reloadActiveTunnels() {
  const profiles::Profile *p = profile(m_activeId);
  if (!p || !m_tunnelController) return;
  const QList<profiles::TunnelEntry> tunnels = p->tunnels;
  TunnelController *tc = m_tunnelController;
  QMetaObject::invokeMethod(tc, [tc, tunnels] { tc->updateTunnels(tunnels); });
}

void Backend::startActiveTunnel(int row) {
  if (TunnelController *tc = m_tunnelController)
    QMetaObject::invokeMethod(tc, [tc, row] { tc->startTunnel(row); });
}

void Backend::stopActiveTunnel(int row) {
  if (TunnelController *tc = m_tunnelController)
    QMetaObject::invokeMethod(tc, [tc, row] { tc->stopTunnel(row); });
}

void Backend::startTunnel(int row) {
  if (!currentIsActive()) connectProfile(m_currentId);
  startActiveTunnel(row);
}

void Backend::stopTunnel(int row) {
  if (currentIsActive()) stopActiveTunnel(row);
}

void Backend::restartTunnel(int row) {
  if (!currentIsActive()) return startTunnel(row);
  if (TunnelController *tc = m_tunnelController)
    QMetaObject::invokeMethod(tc, [tc, row] { tc->restartTunnel(row); });
}

void Backend::pingTunnel(int row) {
  const TunnelStatus *s = m_tunnels->at(row);
  if (!s || s->target.isEmpty()) return;
  const QString host =
      s->target.section(QLatin1Char(':'), 0, -2).remove(QLatin1Char('[')).remove(QLatin1Char(']'));
  const quint16 port = quint16(s->target.section(QLatin1Char(':'), -1).toUInt());
  QPointer<Backend> self(this);
  // A blocking connect is a one-shot: it belongs on the thread pool, never on the GUI thread.
  QThreadPool::globalInstance()->start([self, row, host, port] {
    QTcpSocket socket;
    QElapsedTimer clock;
    clock.start();
    socket.connectToHost(host.isEmpty() ? QStringLiteral("127.0.0.1") : host, port);
    const int ms = socket.waitForConnected(3000) ? int(clock.elapsed()) : -1;
    socket.abort();
    QMetaObject::invokeMethod(qApp, [self, row, ms] {
      if (self) self->m_tunnels->setPing(row, ms);
    });
  });
}

QString Backend::validateTunnelUrl(const QString &url) const {
  const QString u = url.trimmed();
  if (!u.startsWith(QLatin1String("server://")) && !u.startsWith(QLatin1String("client://")) &&
      !mproxy::isDeviceUrl(u))
    return tr("A tunnel URL starts with server://, client:// or device://");
  QString why;
  if (!profiles::checkTunnelUrl(u, &why)) return why;
  return {};
}

QString Backend::tunnelUrl(int row) const {
  const auto *p = profile(m_currentId);
  return p && row >= 0 && row < p->tunnels.size() ? p->tunnels[row].url : QString();
}

void Backend::masterAction(int row, const QString &action) {
  int master = 0;
  QString id;
  if (!m_masterSync || !m_masters->instanceAt(row, &master, &id)) return;
  m_masterSync->act(master, id, action);
}

QString Backend::tunnelName(int row) const {
  const auto *p = profile(m_currentId);
  return p && row >= 0 && row < p->tunnels.size() ? p->tunnels[row].name : QString();
}

QVariantMap Backend::buildTunnelUrl(const QVariantMap &f) const {
  auto field = [&f](const char *k) { return f.value(QLatin1String(k)).toString().trimmed(); };
  const QString role = field("role").isEmpty() ? QStringLiteral("server") : field("role");
  auto fail = [](const QString &name, const QString &message) {
    return QVariantMap{{QStringLiteral("url"), QString()},
                       {QStringLiteral("field"), name},
                       {QStringLiteral("error"), message}};
  };
  auto portOk = [](const QString &p) {
    bool ok = false;
    const uint v = p.toUInt(&ok);
    return ok && v > 0 && v < 65536;
  };
  if (role == QLatin1String("device")) return buildDeviceUrl(f);
  if (role != QLatin1String("server") && role != QLatin1String("client"))
    return fail(QStringLiteral("role"), tr("Choose server, client or device link."));
  if (!portOk(field("tunnelPort")))
    return fail(QStringLiteral("tunnelPort"), tr("The tunnel port must be 1-65535."));
  if (!portOk(field("targetPort")))
    return fail(QStringLiteral("targetPort"), tr("The target port must be 1-65535."));
  const QString key = field("key");
  if (key.contains(QLatin1Char('@')) || key.contains(QLatin1Char('/')))
    return fail(QStringLiteral("key"), tr("The key must not contain '@' or '/'."));
  auto hostText = [](const QString &h) {
    return h.contains(QLatin1Char(':')) && !h.startsWith(QLatin1Char('['))
               ? QLatin1Char('[') + h + QLatin1Char(']')
               : h;
  };
  QString url = role + QStringLiteral("://");
  if (!key.isEmpty()) url += QString::fromLatin1(QUrl::toPercentEncoding(key)) + QLatin1Char('@');
  url += QStringLiteral("%1:%2/%3:%4")
             .arg(hostText(field("tunnelHost")), field("tunnelPort"), hostText(field("targetHost")),
                  field("targetPort"));
  QStringList query;
  const QString log = field("log");
  if (!log.isEmpty() && log != QLatin1String("info")) query << QStringLiteral("log=") + log;
  const QString tls = field("tls");
  if (role == QLatin1String("server") && !tls.isEmpty() && tls != QLatin1String("0"))
    query << QStringLiteral("tls=") + tls;
  if (!field("min").isEmpty()) query << QStringLiteral("min=") + field("min");
  if (!field("max").isEmpty()) query << QStringLiteral("max=") + field("max");
  if (!query.isEmpty()) url += QLatin1Char('?') + query.join(QLatin1Char('&'));
  QString why;
  if (!nodepass::parseTunnelUrl(url, &why)) return fail(QStringLiteral("url"), why);
  return {{QStringLiteral("url"), url},
          {QStringLiteral("field"), QString()},
          {QStringLiteral("error"), QString()}};
}

// The device:// URL of an M-PROXY device link from the form's fields: relay host and port,
// TLS, device name, token and one KEY=HOST:PORT target per line.
QVariantMap Backend::buildDeviceUrl(const QVariantMap &f) const {
  auto field = [&f](const char *k) { return f.value(QLatin1String(k)).toString().trimmed(); };
  auto fail = [](const QString &name, const QString &message) {
    return QVariantMap{{QStringLiteral("url"), QString()},
                       {QStringLiteral("field"), name},
                       {QStringLiteral("error"), message}};
  };
  mproxy::DeviceConfig config;
  const QString host = field("tunnelHost");
  bool portOk = false;
  const uint port = field("tunnelPort").toUInt(&portOk);
  if (host.isEmpty()) return fail(QStringLiteral("tunnelHost"), tr("Enter the relay's host."));
  if (!portOk || port == 0 || port > 65535)
    return fail(QStringLiteral("tunnelPort"), tr("The relay port must be 1-65535."));
  config.relayUrl.setScheme(field("tls") == QLatin1String("1") ? QStringLiteral("wss")
                                                               : QStringLiteral("ws"));
  config.relayUrl.setHost(host);
  config.relayUrl.setPort(int(port));
  config.token = field("key").toUtf8();
  if (config.token.isEmpty())
    return fail(QStringLiteral("key"), tr("A device link needs the relay's token."));
  config.name = field("deviceName");
  QString why;
  const QStringList lines =
      field("targets").split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
  for (const QString &line : lines) {
    const auto target = mproxy::parseDeviceTarget(line, &why);
    if (!target) return fail(QStringLiteral("targets"), why);
    config.targets << *target;
  }
  if (config.targets.isEmpty())
    return fail(QStringLiteral("targets"), tr("Add at least one target, e.g. *=127.0.0.1:8080"));
  const QString url = mproxy::deviceUrl(config);
  if (!mproxy::parseDeviceUrl(url, &why)) return fail(QStringLiteral("url"), why);
  return {{QStringLiteral("url"), url},
          {QStringLiteral("field"), QString()},
          {QStringLiteral("error"), QString()}};
}

QUrl Backend::documentsFolder() const {
  const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  return QUrl::fromLocalFile(!docs.isEmpty() && QDir(docs).exists() ? docs : QDir::homePath());
}

bool Backend::fileExists(const QUrl &file) const {
  return file.isLocalFile() && QFileInfo::exists(file.toLocalFile());
}

QString Backend::displayPath(const QUrl &file) const {
  return file.isLocalFile() ? QDir::toNativeSeparators(file.toLocalFile()) : file.toString();
}

void Backend::copyText(const QString &text) const {
  if (QClipboard *cb = QGuiApplication::clipboard()) cb->setText(text);
}

// ---------------------------------------------------------------- language

void Backend::applyLanguage() {
  if (m_translator) {
    QCoreApplication::removeTranslator(m_translator);
    delete m_translator;
    m_translator = nullptr;
  }
  QString lang = m_settings->language();
  if (lang.isEmpty()) lang = QLocale::system().name();
  if (!lang.startsWith(QLatin1String("en"))) {
    auto *t = new QTranslator(this);
    if (t->load(QStringLiteral(":/i18n/routeless_%1.qm").arg(lang)) ||
        t->load(
            QStringLiteral(":/i18n/routeless_%1.qm").arg(lang.section(QLatin1Char('_'), 0, 0)))) {
      QCoreApplication::installTranslator(t);
      m_translator = t;
    } else {
      delete t;
    }
  }
  if (m_qmlEngine) m_qmlEngine->retranslate();
  Q_EMIT connectionStateChanged();
}

}  // namespace routeless::desktop
