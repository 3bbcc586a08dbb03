#include "control/nodeservice.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>
#include <memory>

#include "control/localfile.h"
#include "profiles/profileio.h"

Q_LOGGING_CATEGORY(lcNodeService, "routeless.control.node")

namespace routeless::control {
namespace {

QJsonObject tunnelJson(const TunnelInfo &t) {
  const TunnelCounters &c = t.counters;
  return {{QStringLiteral("id"), t.id},
          {QStringLiteral("name"), t.name},
          {QStringLiteral("url"), t.url},
          {QStringLiteral("status"), t.status},
          {QStringLiteral("lastError"), t.lastError},
          {QStringLiteral("mode"), c.mode},
          {QStringLiteral("ping"), c.ping},
          {QStringLiteral("pool"), c.pool},
          {QStringLiteral("tcps"), c.tcps},
          {QStringLiteral("udps"), c.udps},
          {QStringLiteral("tcprx"), qint64(c.tcprx)},
          {QStringLiteral("tcptx"), qint64(c.tcptx)},
          {QStringLiteral("udprx"), qint64(c.udprx)},
          {QStringLiteral("udptx"), qint64(c.udptx)}};
}

QJsonObject hostJson(const mesh::HostStatus &h) {
  return {{QStringLiteral("name"), h.name},
          {QStringLiteral("vip"), h.vip},
          {QStringLiteral("command"), h.command},
          {QStringLiteral("state"), mesh::hostStateName(h.state)},
          {QStringLiteral("lastError"), h.lastError},
          {QStringLiteral("pid"), h.pid},
          {QStringLiteral("restarts"), h.restarts},
          {QStringLiteral("uptimeMs"), h.uptimeMs},
          {QStringLiteral("framesIn"), qint64(h.framesIn)},
          {QStringLiteral("framesOut"), qint64(h.framesOut)},
          {QStringLiteral("bytesIn"), qint64(h.bytesIn)},
          {QStringLiteral("bytesOut"), qint64(h.bytesOut)},
          {QStringLiteral("framesDropped"), qint64(h.framesDropped)},
          {QStringLiteral("agentVersion"), h.agentVersion},
          {QStringLiteral("agentSource"), h.agentSource},
          {QStringLiteral("agentTarget"), h.agentTarget}};
}

QJsonObject meshTestJson(const mesh::MeshTestOutcome &o) {
  const agent::MeshTestFigures &f = o.figures;
  return {{QStringLiteral("from"), o.from},
          {QStringLiteral("to"), o.to},
          {QStringLiteral("path"), QJsonArray::fromStringList(o.path)},
          {QStringLiteral("seconds"), o.seconds},
          {QStringLiteral("connects"), qint64(f.connects)},
          {QStringLiteral("latencyMinUs"), qint64(f.latencyMinUs)},
          {QStringLiteral("latencyMedianUs"), qint64(f.latencyMedianUs)},
          {QStringLiteral("latencyMaxUs"), qint64(f.latencyMaxUs)},
          {QStringLiteral("upBytes"), qint64(f.upBytes)},
          {QStringLiteral("upMs"), qint64(f.upMs)},
          {QStringLiteral("upBitsPerSecond"), qint64(o.upBitsPerSecond())},
          {QStringLiteral("downBytes"), qint64(f.downBytes)},
          {QStringLiteral("downMs"), qint64(f.downMs)},
          {QStringLiteral("downBitsPerSecond"), qint64(o.downBitsPerSecond())}};
}

QString requiredString(const Envelope &r, const char *key, QString *error) {
  const QJsonValue v = r.payload->value(QLatin1String(key));
  if (!v.isString() || v.toString().isEmpty()) {
    *error = QStringLiteral("%1: payload field \"%2\" must be a non-empty string")
                 .arg(r.opcode, QLatin1String(key));
    return QString();
  }
  return v.toString();
}

// What a worker thread read for profileImport {path}.
struct FileRead {
  QByteArray bytes;
  QString error;
};

// Runs on a pool thread: the open cannot wait on a FIFO and anything but a regular file is
// refused, but a regular file on a slow or hung file system may still block its read.
FileRead readProfileFile(const std::string &path) {
  FileRead out;
  std::string contents, why;
  if (localfile::readRegularFile(path, size_t(mesh::kMaxManifestSize), &contents, &why) ==
      localfile::Read::Ok)
    out.bytes = QByteArray::fromStdString(contents);
  else
    out.error = QStringLiteral("cannot read the file: %1").arg(QString::fromStdString(why));
  return out;
}

bool looksLikeNodePass(const QString &text) {
  for (const QString &raw : text.split(QLatin1Char('\n'))) {
    const QString line = raw.trimmed();
    if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
    return line.startsWith(QLatin1String("server://")) ||
           line.startsWith(QLatin1String("client://"));
  }
  return false;
}

}  // namespace

NodeService::NodeService(Engine *engine, QObject *parent)
    : QObject(parent), m_engine(engine), m_server(new UiServer(this)) {
  m_uptime.start();
  m_pid = QCoreApplication::applicationPid();
  connect(m_server, &UiServer::messageReceived, this, &NodeService::handle);
  m_trafficTimer.setInterval(1000);
  connect(&m_trafficTimer, &QTimer::timeout, this, &NodeService::broadcastTraffic);
  m_trafficTimer.start();

  connect(
      m_engine, &Engine::stateChanged, this,
      [this](const QString &kind, const QString &id, const QString &state, const QString &detail) {
        m_server->broadcast(Envelope::broadcast(QStringLiteral("stateChanged"),
                                                {{QStringLiteral("kind"), kind},
                                                 {QStringLiteral("id"), id},
                                                 {QStringLiteral("state"), state},
                                                 {QStringLiteral("detail"), detail}}));
      });
  connect(m_engine, &Engine::logLine, this,
          [this](const QString &level, const QString &source, const QString &text) {
            m_server->broadcast(Envelope::broadcast(QStringLiteral("logBroadcast"),
                                                    {{QStringLiteral("msg"), text},
                                                     {QStringLiteral("logLevel"), level},
                                                     {QStringLiteral("source"), source}}));
          });

  m_handlers.insert(QStringLiteral("shutdown"), [this](int client, const Envelope &r) {
    reply(client, r, {});
    m_server->flush(client);
    QTimer::singleShot(0, this, &NodeService::shutdownRequested);
  });
  m_handlers.insert(QStringLiteral("status"),
                    [this](int client, const Envelope &r) { reply(client, r, statusPayload()); });
  m_handlers.insert(QStringLiteral("hosts"), [this](int client, const Envelope &r) {
    QJsonArray hosts;
    for (const mesh::HostStatus &h : m_engine->meshSnapshot().hosts) hosts.append(hostJson(h));
    reply(client, r,
          {{QStringLiteral("running"), m_engine->meshRunning()}, {QStringLiteral("hosts"), hosts}});
  });
  m_handlers.insert(QStringLiteral("forwards"), [this](int client, const Envelope &r) {
    QJsonArray forwards;
    for (const mesh::HostSpec &h : m_engine->manifest().hosts)
      for (const mesh::PortSpec &p : h.ports)
        forwards.append(QJsonObject{{QStringLiteral("host"), h.name},
                                    {QStringLiteral("vip"), h.vip},
                                    {QStringLiteral("listenPort"), p.listenPort},
                                    {QStringLiteral("connectHost"), p.connectHost},
                                    {QStringLiteral("connectPort"), p.connectPort},
                                    {QStringLiteral("proto"), p.proto}});
    reply(client, r, {{QStringLiteral("forwards"), forwards}});
  });
  m_handlers.insert(QStringLiteral("routes"), [this](int client, const Envelope &r) {
    QJsonArray table;
    for (const mesh::RouteEntry &e : m_engine->meshSnapshot().routes)
      table.append(QJsonObject{{QStringLiteral("destination"), e.destination},
                               {QStringLiteral("via"), e.via},
                               {QStringLiteral("kind"), e.kind}});
    QJsonArray configured;
    for (const mesh::RouteSpec &s : m_engine->manifest().routes)
      configured.append(QJsonObject{
          {QStringLiteral("via"), s.via},
          {QStringLiteral("toCidr"), QJsonArray::fromStringList(s.toCidr)},
          {QStringLiteral("toHostnameGlob"), QJsonArray::fromStringList(s.toHostnameGlob)}});
    reply(client, r,
          {{QStringLiteral("table"), table}, {QStringLiteral("configured"), configured}});
  });
  m_handlers.insert(QStringLiteral("meshStart"), [this](int client, const Envelope &r) {
    QString error;
    if (!m_engine->startMesh(&error)) return fail(client, r, errc::kEngine, error);
    reply(client, r, {{QStringLiteral("running"), true}});
  });
  m_handlers.insert(QStringLiteral("meshStop"), [this](int client, const Envelope &r) {
    m_engine->stopMesh();
    reply(client, r, {{QStringLiteral("running"), false}});
  });
  m_handlers.insert(QStringLiteral("meshTest"), [this](int client, const Envelope &r) {
    QString error;
    const QString from = requiredString(r, "from", &error);
    const QString to = from.isEmpty() ? QString() : requiredString(r, "to", &error);
    if (to.isEmpty()) return fail(client, r, errc::kBadRequest, error);
    const QJsonValue seconds = r.payload->value(QLatin1String("seconds"));
    if (!seconds.isUndefined() && (!seconds.isDouble() || seconds.toDouble() != seconds.toInt()))
      return fail(client, r, errc::kBadRequest,
                  QStringLiteral("meshTest: \"seconds\" must be a whole number"));
    // Answered when the test ends (seconds each way); other requests go on meanwhile.
    m_engine->meshTest(
        from, to, seconds.toInt(0),
        [self = QPointer<NodeService>(this), client, r](const mesh::MeshTestOutcome &o) {
          if (!self) return;
          using F = mesh::MeshTestOutcome::Failure;
          if (o.failure != F::None)
            return self->fail(client, r,
                              o.failure == F::UnknownHost ? errc::kNotFound
                              : o.failure == F::Busy      ? errc::kConflict
                                                          : errc::kEngine,
                              QStringLiteral("meshTest: ") + o.error);
          self->reply(client, r, meshTestJson(o));
        });
  });
  m_handlers.insert(QStringLiteral("tunnelList"), [this](int client, const Envelope &r) {
    QJsonArray list;
    for (const TunnelInfo &t : m_engine->tunnels()) list.append(tunnelJson(t));
    reply(client, r, {{QStringLiteral("tunnels"), list}});
  });
  m_handlers.insert(QStringLiteral("tunnelCreate"), [this](int client, const Envelope &r) {
    QString error;
    const QString url = requiredString(r, "url", &error);
    if (url.isEmpty()) return fail(client, r, errc::kBadRequest, error);
    const auto t =
        m_engine->createTunnel(r.payload->value(QLatin1String("name")).toString(), url, &error);
    if (!t) return fail(client, r, errc::kBadRequest, QStringLiteral("tunnelCreate: ") + error);
    if (r.payload->value(QLatin1String("start")).toBool(true) &&
        !m_engine->startTunnel(t->id, &error))
      return fail(client, r, errc::kEngine, error);
    reply(client, r, {{QStringLiteral("tunnel"), tunnelJson(*m_engine->tunnel(t->id))}});
  });
  auto tunnelAction = [this](const char *name, bool (Engine::*action)(const QString &, QString *)) {
    m_handlers.insert(QLatin1String(name), [this, action](int client, const Envelope &r) {
      QString error;
      const QString id = requiredString(r, "id", &error);
      if (id.isEmpty()) return fail(client, r, errc::kBadRequest, error);
      if (!m_engine->tunnel(id))
        return fail(client, r, errc::kNotFound,
                    QStringLiteral("%1: no tunnel with id %2").arg(r.opcode, id));
      if (!(m_engine->*action)(id, &error)) return fail(client, r, errc::kEngine, error);
      const auto t = m_engine->tunnel(id);
      reply(client, r, t ? QJsonObject{{QStringLiteral("tunnel"), tunnelJson(*t)}} : QJsonObject{});
    });
  };
  tunnelAction("tunnelStart", &Engine::startTunnel);
  tunnelAction("tunnelStop", &Engine::stopTunnel);
  tunnelAction("tunnelDelete", &Engine::deleteTunnel);
  m_handlers.insert(QStringLiteral("profileImport"), [this](int client, const Envelope &r) {
    const QString text = r.payload->value(QLatin1String("text")).toString();
    const QString path = r.payload->value(QLatin1String("path")).toString();
    if (text.isEmpty() && !path.isEmpty()) return importFile(client, r, path);
    importText(client, r, text.toUtf8());
  });
  m_handlers.insert(QStringLiteral("profileExport"), [this](int client, const Envelope &r) {
    QString format = r.payload->value(QLatin1String("format")).toString(QStringLiteral("norouter"));
    QString error;
    QStringList removed;
    const QString text = exportProfile(
        format, r.payload->value(QLatin1String("secrets")).toBool(false),
        r.payload->value(QLatin1String("localPaths")).toBool(false), &removed, &error);
    if (!error.isEmpty())
      return fail(client, r, errc::kBadRequest, QStringLiteral("profileExport: ") + error);
    reply(client, r,
          {{QStringLiteral("format"), format},
           {QStringLiteral("text"), text},
           {QStringLiteral("removed"), QJsonArray::fromStringList(removed)}});
  });
}

NodeService::~NodeService() = default;

bool NodeService::listen(quint16 port, QString *error) { return m_server->listen(port, error); }

void NodeService::setTrafficInterval(int ms) { m_trafficTimer.setInterval(qMax(100, ms)); }

void NodeService::postLog(const QString &level, const QString &text) {
  QMetaObject::invokeMethod(
      this,
      [this, level, text] {
        m_server->broadcast(Envelope::broadcast(
            QStringLiteral("logBroadcast"), {{QStringLiteral("msg"), text},
                                             {QStringLiteral("logLevel"), level},
                                             {QStringLiteral("source"), QStringLiteral("node")}}));
      },
      Qt::QueuedConnection);
}

void NodeService::reply(int clientId, const Envelope &request, const QJsonObject &payload) {
  if (request.contextId) m_server->send(clientId, Envelope::reply(request, payload));
}

void NodeService::fail(int clientId, const Envelope &request, quint64 code,
                       const QString &message) {
  if (request.contextId)
    m_server->send(clientId, Envelope::failure(request, code, message));
  else
    m_server->send(clientId, Envelope::broadcast(QStringLiteral("undelivered"),
                                                 {{QStringLiteral("opcode"), request.opcode},
                                                  {QStringLiteral("message"), message}}));
}

void NodeService::handle(int clientId, const Envelope &request) {
  if (!request.payload) {
    return fail(
        clientId, request, errc::kUnmarshal,
        QStringLiteral("%1: a request carries a payload, not an error").arg(request.opcode));
  }
  const auto it = m_handlers.constFind(request.opcode);
  if (it == m_handlers.cend()) {
    return fail(clientId, request, errc::kUnknownOpcode,
                QStringLiteral("the node does not know opcode \"%1\"").arg(request.opcode));
  }
  it.value()(clientId, request);
}

QJsonObject NodeService::statusPayload() const {
  int running = 0;
  const QList<TunnelInfo> tunnels = m_engine->tunnels();
  for (const TunnelInfo &t : tunnels) running += t.status == QLatin1String("running");
  const mesh::Manifest manifest = m_engine->manifest();
  return {{QStringLiteral("state"), QStringLiteral("running")},
          {QStringLiteral("pid"), m_pid},
          {QStringLiteral("version"), QStringLiteral(ROUTELESS_VERSION)},
          {QStringLiteral("uptimeMs"), m_uptime.elapsed()},
          {QStringLiteral("uiPort"), m_server->port()},
          {QStringLiteral("clients"), m_server->clientCount()},
          {QStringLiteral("profile"), m_profilePath},
          {QStringLiteral("mesh"),
           QJsonObject{{QStringLiteral("running"), m_engine->meshRunning()},
                       {QStringLiteral("hosts"), int(manifest.hosts.size())},
                       {QStringLiteral("routes"), int(manifest.routes.size())}}},
          {QStringLiteral("tunnels"), QJsonObject{{QStringLiteral("total"), int(tunnels.size())},
                                                  {QStringLiteral("running"), running}}}};
}

void NodeService::broadcastTraffic() {
  if (m_server->clientCount() == 0) return;
  QJsonArray tunnels;
  qint64 rx = 0, tx = 0;
  for (const TunnelInfo &t : m_engine->tunnels()) {
    const TunnelCounters &c = t.counters;
    rx += qint64(c.tcprx + c.udprx);
    tx += qint64(c.tcptx + c.udptx);
    tunnels.append(QJsonObject{{QStringLiteral("id"), t.id},
                               {QStringLiteral("status"), t.status},
                               {QStringLiteral("tcprx"), qint64(c.tcprx)},
                               {QStringLiteral("tcptx"), qint64(c.tcptx)},
                               {QStringLiteral("udprx"), qint64(c.udprx)},
                               {QStringLiteral("udptx"), qint64(c.udptx)},
                               {QStringLiteral("tcps"), c.tcps},
                               {QStringLiteral("udps"), c.udps},
                               {QStringLiteral("pool"), c.pool},
                               {QStringLiteral("ping"), c.ping}});
  }
  QJsonArray hosts;
  if (m_engine->meshRunning()) {
    for (const mesh::HostStatus &h : m_engine->meshSnapshot().hosts) {
      rx += qint64(h.bytesIn);
      tx += qint64(h.bytesOut);
      hosts.append(QJsonObject{{QStringLiteral("name"), h.name},
                               {QStringLiteral("state"), mesh::hostStateName(h.state)},
                               {QStringLiteral("bytesIn"), qint64(h.bytesIn)},
                               {QStringLiteral("bytesOut"), qint64(h.bytesOut)},
                               {QStringLiteral("framesIn"), qint64(h.framesIn)},
                               {QStringLiteral("framesOut"), qint64(h.framesOut)}});
    }
  }
  m_server->broadcast(
      Envelope::broadcast(QStringLiteral("traffic"), {{QStringLiteral("tunnels"), tunnels},
                                                      {QStringLiteral("hosts"), hosts},
                                                      {QStringLiteral("rx"), rx},
                                                      {QStringLiteral("tx"), tx}}));
}

void NodeService::importFile(int clientId, const Envelope &request, const QString &path) {
  if (m_fileReads >= kMaxFileReadsInFlight)
    return fail(clientId, request, errc::kEngine,
                QStringLiteral("profileImport: %1 file reads are in progress; try again later")
                    .arg(m_fileReads));
  // The read runs on a pool thread and the reply is sent when it is done, so neither a slow
  // file system nor a large file holds up the other UIs. If the service goes first, the
  // watcher goes with it and the result is dropped.
  ++m_fileReads;
  auto promise = std::make_shared<QPromise<FileRead>>();
  promise->start();
  auto *watcher = new QFutureWatcher<FileRead>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, clientId, request] {
    --m_fileReads;
    const FileRead read = watcher->result();
    watcher->deleteLater();
    if (!read.error.isEmpty())
      return fail(clientId, request, errc::kProfile,
                  QStringLiteral("profileImport: ") + read.error);
    importText(clientId, request, read.bytes);
  });
  watcher->setFuture(promise->future());
  QThreadPool::globalInstance()->start([promise, native = path.toUtf8().toStdString()] {
    promise->addResult(readProfileFile(native));
    promise->finish();
  });
}

void NodeService::importText(int clientId, const Envelope &r, const QByteArray &text) {
  if (text.isEmpty())
    return fail(clientId, r, errc::kBadRequest,
                QStringLiteral("profileImport: give \"text\" or \"path\""));
  if (text.size() > mesh::kMaxManifestSize)
    return fail(clientId, r, errc::kProfile,
                QStringLiteral("profileImport: the profile is %1 bytes; the limit is %2")
                    .arg(text.size())
                    .arg(mesh::kMaxManifestSize));
  const QJsonObject &p = *r.payload;
  ImportResult result;
  QString error;
  if (!importProfile(QString::fromUtf8(text), p.value(QLatin1String("format")).toString(),
                     p.value(QLatin1String("replace")).toBool(true),
                     p.value(QLatin1String("start")).toBool(false), &result, &error))
    return fail(clientId, r, errc::kProfile, QStringLiteral("profileImport: ") + error);
  reply(clientId, r,
        {{QStringLiteral("hosts"), result.hosts},
         {QStringLiteral("tunnels"), result.tunnels},
         {QStringLiteral("warnings"), QJsonArray::fromStringList(result.warnings)}});
}

bool NodeService::loadProfileFile(const QString &path, bool start, QString *error) {
  // At start-up, before any UI is served: a direct read is fine, and the open still refuses
  // anything but a regular file instead of waiting on it.
  const FileRead read = readProfileFile(path.toUtf8().toStdString());
  if (!read.error.isEmpty()) {
    *error = QStringLiteral("profile %1: %2").arg(path, read.error);
    return false;
  }
  ImportResult result;
  if (!importProfile(QString::fromUtf8(read.bytes), QString(), true, start, &result, error)) {
    *error = QStringLiteral("profile %1: %2").arg(path, *error);
    return false;
  }
  m_profilePath = path;
  return true;
}

bool NodeService::importProfile(const QString &text, QString format, bool replace, bool start,
                                ImportResult *result, QString *error) {
  if (format.isEmpty())
    format = looksLikeNodePass(text) ? QStringLiteral("nodepass") : QStringLiteral("norouter");
  if (format == QLatin1String("nodepass")) {
    QStringList urls;
    int lineNo = 0;
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
      ++lineNo;
      const QString line = raw.trimmed();
      if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
      if (!line.startsWith(QLatin1String("server://")) &&
          !line.startsWith(QLatin1String("client://"))) {
        *error = QStringLiteral("line %1: expected a server:// or client:// URL").arg(lineNo);
        return false;
      }
      urls.append(line);
    }
    if (replace)
      for (const TunnelInfo &t : m_engine->tunnels()) m_engine->deleteTunnel(t.id, nullptr);
    for (const QString &url : urls) {
      const auto t = m_engine->createTunnel(QString(), url, error);
      if (!t) return false;
      ++result->tunnels;
      if (start) m_engine->startTunnel(t->id, nullptr);
    }
    return true;
  }
  if (format != QLatin1String("norouter")) {
    *error = QStringLiteral("unknown format \"%1\" (norouter or nodepass)").arg(format);
    return false;
  }
  const mesh::ManifestResult parsed = mesh::parseManifest(text.toUtf8(), QStringLiteral("profile"));
  if (const auto *e = std::get_if<mesh::ManifestError>(&parsed)) {
    *error = e->toString();
    return false;
  }
  const mesh::Manifest &manifest = std::get<mesh::Manifest>(parsed);
  Q_UNUSED(replace);  // a mesh has one manifest: importing one always replaces it
  if (m_engine->meshRunning()) {
    *error = QStringLiteral("stop the mesh (meshStop) before importing another manifest");
    return false;
  }
  if (!m_engine->setManifest(manifest, error)) return false;
  result->hosts = int(manifest.hosts.size());
  result->warnings = manifest.warnings;
  if (start && !m_engine->startMesh(error)) return false;
  return true;
}

QString NodeService::exportProfile(const QString &format, bool secrets, bool localPaths,
                                   QStringList *removed, QString *error) const {
  profiles::Profile p;
  p.mesh = m_engine->manifest();
  for (const TunnelInfo &t : m_engine->tunnels()) p.tunnels.append({t.name, t.url, true});
  const profiles::ExportOptions options{secrets, localPaths};
  if (format == QLatin1String("norouter"))
    return QString::fromUtf8(
        profiles::exportProfile(p, profiles::ExportFormat::NoRouterYaml, options, removed));
  if (format == QLatin1String("nodepass"))
    return QString::fromUtf8(
        profiles::exportProfile(p, profiles::ExportFormat::NodePassUrls, options, removed));
  *error = QStringLiteral("unknown format \"%1\" (norouter or nodepass)").arg(format);
  return QString();
}

}  // namespace routeless::control
