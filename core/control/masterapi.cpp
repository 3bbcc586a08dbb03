#include "control/masterapi.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTcpSocket>

#include "control/masteropenapi.h"
#include "control/tlscert.h"
#include "net/secretcompare.h"

Q_LOGGING_CATEGORY(lcMaster, "routeless.master")

namespace routeless::control {
namespace {

constexpr int kMaxStringLength = 256;

QString randomHex(int bytes) {
  QByteArray raw(bytes, Qt::Uninitialized);
  QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(raw.data()),
                                       reinterpret_cast<quint32 *>(raw.data()) + bytes / 4);
  return QString::fromLatin1(raw.toHex());
}

QString nowRfc3339() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

quint64 sub(quint64 a, quint64 b) { return a > b ? a - b : 0; }

QString goArch() {
  const QString a = QSysInfo::currentCpuArchitecture();
  if (a == QLatin1String("x86_64")) return QStringLiteral("amd64");
  if (a == QLatin1String("arm64") || a == QLatin1String("aarch64")) return QStringLiteral("arm64");
  if (a == QLatin1String("i386")) return QStringLiteral("386");
  return a;
}

QHash<QString, quint64> readMeminfo() {
  QHash<QString, quint64> out;
  QFile f(QStringLiteral("/proc/meminfo"));
  if (!f.open(QIODevice::ReadOnly)) return out;
  for (const QByteArray &line : f.readAll().split('\n')) {
    const QList<QByteArray> parts = line.simplified().split(' ');
    if (parts.size() >= 2)
      out.insert(QString::fromLatin1(parts[0].chopped(1)), parts[1].toULongLong() * 1024);
  }
  return out;
}

}  // namespace

std::optional<MasterConfig> parseMasterUrl(const QString &text, QString *error) {
  const QUrl url(text, QUrl::StrictMode);
  if (!url.isValid() || url.scheme() != QLatin1String("master")) {
    *error = QStringLiteral("expected master://HOST:PORT[/PREFIX]?log=&tls=&crt=&key=, not \"%1\"")
                 .arg(text);
    return std::nullopt;
  }
  MasterConfig c;
  c.host = url.host();
  if (url.port() <= 0) {
    *error = QStringLiteral("master URL \"%1\" needs a port").arg(text);
    return std::nullopt;
  }
  c.port = quint16(url.port());
  QString prefix = url.path();
  while (prefix.endsWith(QLatin1Char('/'))) prefix.chop(1);
  if (!prefix.isEmpty())
    c.prefix = prefix.startsWith(QLatin1Char('/')) ? prefix : QLatin1Char('/') + prefix;
  const QUrlQuery q(url);
  if (q.hasQueryItem(QStringLiteral("log"))) c.log = q.queryItemValue(QStringLiteral("log"));
  static const QStringList levels = {QStringLiteral("none"),  QStringLiteral("debug"),
                                     QStringLiteral("info"),  QStringLiteral("warn"),
                                     QStringLiteral("error"), QStringLiteral("event")};
  if (!levels.contains(c.log)) c.log = QStringLiteral("info");
  const QString tls = q.queryItemValue(QStringLiteral("tls"));
  c.tls = (tls == QLatin1String("1") || tls == QLatin1String("2")) ? tls.toInt() : 0;
  c.crt = q.queryItemValue(QStringLiteral("crt"), QUrl::FullyDecoded);
  c.key = q.queryItemValue(QStringLiteral("key"), QUrl::FullyDecoded);
  c.stateDir = qEnvironmentVariable("ROUTELESS_MASTER_DIR");
  if (c.stateDir.isEmpty())
    c.stateDir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                 QStringLiteral("/routeless/master");
  return c;
}

MasterApi::MasterApi(QObject *parent) : QObject(parent) {
  m_healthTimer.setInterval(5000);
  connect(&m_healthTimer, &QTimer::timeout, this, &MasterApi::checkHealth);
}

MasterApi::~MasterApi() { shutdown(); }

bool MasterApi::configure(const QString &masterUrl, QString *error) {
  const auto c = parseMasterUrl(masterUrl, error);
  if (!c) return false;
  m_config = *c;
  return true;
}

QString MasterApi::stateFile() const { return m_config.stateDir + QStringLiteral("/master.json"); }

bool MasterApi::start(QString *error) {
  if (!QDir().mkpath(m_config.stateDir)) {
    *error = QStringLiteral("cannot create state directory %1").arg(m_config.stateDir);
    return false;
  }
  if (!load(error)) return false;
  std::optional<QSslConfiguration> tls;
  if (m_config.tls == 2) {
    QString why;
    tls = fileTlsConfiguration(m_config.crt, m_config.key, &why);
    if (!tls) {
      // As NodePass: the master then serves (and reports, and hands to instances) tls=1.
      qCWarning(lcMaster).noquote() << why << "- falling back to tls=1";
      m_config.tls = 1;
    }
  }
  if (m_config.tls >= 1 && !tls) {
    tls = selfSignedTlsConfiguration(
        QStringLiteral("routeless ") + QStringLiteral(ROUTELESS_VERSION), error);
    if (!tls) return false;
  }
  m_http =
      new HttpServer([this](const HttpRequest &r, HttpReply *reply) { handle(r, reply); }, this);
  QHostAddress address =
      m_config.host.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(m_config.host);
  if (m_config.host == QLatin1String("localhost")) address = QHostAddress(QHostAddress::LocalHost);
  if (address.isNull()) {
    *error = QStringLiteral("master host must be an IP address, not \"%1\"").arg(m_config.host);
    return false;
  }
  if (!m_http->listen(address, m_config.port, tls, error)) return false;
  m_uptime.start();
  m_healthTimer.start();
  qCInfo(lcMaster).noquote() << QStringLiteral("Master started: %1:%2%3 (%4)")
                                    .arg(m_config.host)
                                    .arg(port())
                                    .arg(basePath())
                                    .arg(tls ? QStringLiteral("https") : QStringLiteral("http"));
  for (const QString &id : std::as_const(m_order)) {
    Instance *inst = m_instances.value(id).get();
    if (inst->restart) startInstance(inst);
  }
  return true;
}

void MasterApi::shutdown() {
  if (m_shuttingDown || !m_http) return;
  m_shuttingDown = true;
  m_healthTimer.stop();
  emitEvent(QStringLiteral("shutdown"), nullptr);
  closeEventStreams();
  for (const auto &inst : std::as_const(m_instances))
    if (inst->process) inst->process->disconnect(this);
  save();               // traffic totals so far become the base of the next run
  m_instances.clear();  // each TunnelProcess terminates its child
  m_order.clear();
  m_http->close();
}

// ---- persistence -------------------------------------------------------------------------

bool MasterApi::load(QString *error) {
  QFile f(stateFile());
  if (!f.exists()) {
    m_apiKey = randomHex(16);
    m_masterId = randomHex(8);
    if (!save(error)) return false;
    qCInfo(lcMaster).noquote() << "API key created and stored in" << stateFile();
    return true;
  }
  if (!f.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("cannot read %1: %2").arg(stateFile(), f.errorString());
    return false;
  }
  QJsonParseError pe;
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
  if (!doc.isObject()) {
    *error = QStringLiteral("%1 is not valid master state: %2 at offset %3")
                 .arg(stateFile(), pe.errorString())
                 .arg(pe.offset);
    return false;
  }
  const QJsonObject root = doc.object();
  m_apiKey = root.value(QLatin1String("apiKey")).toString();
  m_masterId = root.value(QLatin1String("masterId")).toString();
  m_alias = root.value(QLatin1String("alias")).toString();
  if (m_apiKey.size() < 16) {
    *error = QStringLiteral("%1 has no usable apiKey").arg(stateFile());
    return false;
  }
  if (m_masterId.isEmpty()) m_masterId = randomHex(8);
  for (const QJsonValue &v : root.value(QLatin1String("instances")).toArray()) {
    const QJsonObject o = v.toObject();
    QString why;
    Instance *inst = addInstance(o.value(QLatin1String("id")).toString(),
                                 o.value(QLatin1String("url")).toString(), &why);
    if (!inst) {
      qCWarning(lcMaster).noquote() << "skipping a stored instance:" << why;
      continue;
    }
    inst->alias = o.value(QLatin1String("alias")).toString();
    inst->restart = o.value(QLatin1String("restart")).toBool();
    inst->meta = o.value(QLatin1String("meta")).toObject();
    const QJsonObject c = o.value(QLatin1String("traffic")).toObject();
    inst->base.tcprx = quint64(c.value(QLatin1String("tcprx")).toDouble());
    inst->base.tcptx = quint64(c.value(QLatin1String("tcptx")).toDouble());
    inst->base.udprx = quint64(c.value(QLatin1String("udprx")).toDouble());
    inst->base.udptx = quint64(c.value(QLatin1String("udptx")).toDouble());
  }
  qCInfo(lcMaster).noquote() << "API key loaded from" << stateFile() << "with" << m_order.size()
                             << "instances";
  return true;
}

bool MasterApi::save(QString *error) {
  QJsonArray instances;
  for (const QString &id : std::as_const(m_order)) {
    const Instance &i = *m_instances.value(id);
    const QJsonObject shown = instanceJson(i);
    instances.append(
        QJsonObject{{QStringLiteral("id"), i.id},
                    {QStringLiteral("alias"), i.alias},
                    {QStringLiteral("url"), i.url},
                    {QStringLiteral("restart"), i.restart},
                    {QStringLiteral("meta"), i.meta},
                    {QStringLiteral("traffic"),
                     QJsonObject{{QStringLiteral("tcprx"), shown.value(QLatin1String("tcprx"))},
                                 {QStringLiteral("tcptx"), shown.value(QLatin1String("tcptx"))},
                                 {QStringLiteral("udprx"), shown.value(QLatin1String("udprx"))},
                                 {QStringLiteral("udptx"), shown.value(QLatin1String("udptx"))}}}});
  }
  const QJsonObject root{{QStringLiteral("format"), QStringLiteral("routeless-master")},
                         {QStringLiteral("version"), 1},
                         {QStringLiteral("apiKey"), m_apiKey},
                         {QStringLiteral("masterId"), m_masterId},
                         {QStringLiteral("alias"), m_alias},
                         {QStringLiteral("instances"), instances}};
  QSaveFile f(stateFile());
  if (!f.open(QIODevice::WriteOnly)) {
    const QString why = QStringLiteral("cannot write %1: %2").arg(stateFile(), f.errorString());
    if (error) *error = why;
    qCWarning(lcMaster).noquote() << why;
    return false;
  }
  // The file holds the API key: only the owner may read it, from the first byte on.
  f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  f.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
  if (!f.commit()) {
    const QString why = QStringLiteral("cannot write %1: %2").arg(stateFile(), f.errorString());
    if (error) *error = why;
    qCWarning(lcMaster).noquote() << why;
    return false;
  }
  QFile::setPermissions(stateFile(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  return true;
}

void MasterApi::scheduleSave() {
  // Coalesces the writes of one burst of requests; the file is still replaced atomically, and
  // shutdown() saves synchronously.
  if (m_saveScheduled) return;
  m_saveScheduled = true;
  QTimer::singleShot(0, this, [this] {
    m_saveScheduled = false;
    save();
  });
}

// ---- instances ---------------------------------------------------------------------------

QString MasterApi::enhancedUrl(const QUrl &url, const QString &type) const {
  QUrl out(url);
  QUrlQuery q(url);
  if (!q.hasQueryItem(QStringLiteral("log"))) q.addQueryItem(QStringLiteral("log"), m_config.log);
  if (type == QLatin1String("server")) {
    if (!q.hasQueryItem(QStringLiteral("tls")) && m_config.tls > 0)
      q.addQueryItem(QStringLiteral("tls"), QString::number(m_config.tls));
    if (m_config.tls == 2 && !q.hasQueryItem(QStringLiteral("crt")) && !m_config.crt.isEmpty())
      q.addQueryItem(QStringLiteral("crt"), m_config.crt);
    if (m_config.tls == 2 && !q.hasQueryItem(QStringLiteral("key")) && !m_config.key.isEmpty())
      q.addQueryItem(QStringLiteral("key"), m_config.key);
  }
  out.setQuery(q);
  return out.toString(QUrl::FullyEncoded);
}

QString MasterApi::fullConfig(const QUrl &url, const QString &type) {
  QMap<QString, QString> items;
  const QUrlQuery q(url);
  for (const auto &item : q.queryItems(QUrl::FullyDecoded)) items.insert(item.first, item.second);
  const bool server = type == QLatin1String("server");
  const QList<QPair<QString, QString>> defaults = {
      {QStringLiteral("log"), QStringLiteral("info")},
      {QStringLiteral("dns"), QStringLiteral("5m0s")},
      {QStringLiteral("mode"), QStringLiteral("0")},
      {QStringLiteral("dial"), QStringLiteral("auto")},
      {QStringLiteral("read"), QStringLiteral("0s")},
      {QStringLiteral("rate"), QStringLiteral("0")},
      {QStringLiteral("slot"), QStringLiteral("65536")},
      {QStringLiteral("proxy"), QStringLiteral("0")},
      {QStringLiteral("block"), QStringLiteral("0")},
      {QStringLiteral("notcp"), QStringLiteral("0")},
      {QStringLiteral("noudp"), QStringLiteral("0")}};
  for (const auto &d : defaults)
    if (!items.contains(d.first)) items.insert(d.first, d.second);
  if (server) {
    for (const auto &d : {qMakePair(QStringLiteral("tls"), QStringLiteral("0")),
                          qMakePair(QStringLiteral("max"), QStringLiteral("1024")),
                          qMakePair(QStringLiteral("type"), QStringLiteral("0"))})
      if (!items.contains(d.first)) items.insert(d.first, d.second);
  } else {
    if (!items.contains(QStringLiteral("min")))
      items.insert(QStringLiteral("min"), QStringLiteral("64"));
    if (!items.contains(QStringLiteral("sni"))) {
      const bool ip = !QHostAddress(url.host()).isNull() || url.host().isEmpty();
      items.insert(QStringLiteral("sni"), ip ? QStringLiteral("none") : url.host());
    }
  }
  QUrlQuery sorted;
  for (auto it = items.cbegin(); it != items.cend(); ++it)
    sorted.addQueryItem(it.key(), it.value());
  QUrl out(url);
  out.setQuery(sorted);
  return out.toString(QUrl::FullyEncoded);
}

MasterApi::Instance *MasterApi::addInstance(const QString &wantedId, const QString &text,
                                            QString *error) {
  const QUrl url(text, QUrl::StrictMode);
  const QString type = url.scheme();
  if (!url.isValid() || text.size() > 4096) {
    *error = QStringLiteral("Invalid URL format");
    return nullptr;
  }
  if (type != QLatin1String("server") && type != QLatin1String("client")) {
    *error = QStringLiteral("Invalid URL scheme: %1 (server or client)").arg(type);
    return nullptr;
  }
  QString id = wantedId;
  if (id.isEmpty() || id.size() != 8 || m_instances.contains(id) ||
      id == QLatin1String(kApiKeyId)) {
    do {
      id = randomHex(4);
    } while (m_instances.contains(id));
  }
  auto inst = std::make_shared<Instance>();
  inst->id = id;
  inst->type = type;
  inst->url = enhancedUrl(url, type);
  inst->config = fullConfig(QUrl(inst->url), type);
  inst->meta =
      QJsonObject{{QStringLiteral("peer"), QJsonObject{{QStringLiteral("sid"), QString()},
                                                       {QStringLiteral("type"), QString()},
                                                       {QStringLiteral("alias"), QString()}}},
                  {QStringLiteral("tags"), QJsonObject()}};
  m_instances.insert(id, inst);
  m_order.append(id);
  attachProcess(inst.get());
  return inst.get();
}

void MasterApi::attachProcess(Instance *inst) {
  inst->process = std::make_unique<TunnelProcess>(TunnelProcess::defaultProgram(), inst->url);
  TunnelProcess *p = inst->process.get();
  connect(p, &TunnelProcess::started, this, [this, inst] {
    inst->lastCheckPoint.start();
    setStatus(inst, QStringLiteral("running"));
  });
  connect(p, &TunnelProcess::checkPoint, this, [this, inst](const TunnelCounters &c) {
    inst->last = c;
    inst->lastCheckPoint.start();
    if (inst->status != QLatin1String("running"))
      setStatus(inst, QStringLiteral("running"));
    else
      emitEvent(QStringLiteral("update"), inst);
  });
  connect(p, &TunnelProcess::errorLine, this,
          [this, inst](const QString &) { setStatus(inst, QStringLiteral("error")); });
  connect(p, &TunnelProcess::logLine, this, [this, inst](const QString &line) {
    if (m_config.log != QLatin1String("none"))
      fprintf(stderr, "%s [%s]\n", line.toUtf8().constData(), inst->id.toLatin1().constData());
    emitEvent(QStringLiteral("log"), inst, line);
  });
  connect(p, &TunnelProcess::finished, this,
          [this, inst](int code, bool, bool requested, const QString &tail) {
            // Carry this run's counters over to the next one.
            inst->base.tcprx = inst->base.tcprx + sub(inst->last.tcprx, quint64(inst->resetTcprx));
            inst->base.tcptx = inst->base.tcptx + sub(inst->last.tcptx, quint64(inst->resetTcptx));
            inst->base.udprx = inst->base.udprx + sub(inst->last.udprx, quint64(inst->resetUdprx));
            inst->base.udptx = inst->base.udptx + sub(inst->last.udptx, quint64(inst->resetUdptx));
            inst->last = TunnelCounters{};
            inst->resetTcprx = inst->resetTcptx = inst->resetUdprx = inst->resetUdptx = 0;
            if (inst->restartPending) {
              inst->restartPending = false;
              inst->process->start();
              return;
            }
            if (!requested)
              qCWarning(lcMaster).noquote()
                  << QStringLiteral("Instance exited with code %1 [%2]: %3")
                         .arg(code)
                         .arg(inst->id)
                         .arg(tail.section(QLatin1Char('\n'), -1));
            else
              qCInfo(lcMaster).noquote() << QStringLiteral("Instance stopped [%1]").arg(inst->id);
            setStatus(inst, requested ? QStringLiteral("stopped") : QStringLiteral("error"));
          });
}

void MasterApi::startInstance(Instance *inst) {
  if (inst->process->isRunning()) return;
  qCInfo(lcMaster).noquote() << QStringLiteral("Instance starting: %1 [%2]")
                                    .arg(QUrl(inst->url).adjusted(QUrl::RemoveUserInfo).toString(),
                                         inst->id);
  inst->process->start();
}

void MasterApi::stopInstance(Instance *inst) {
  inst->restartPending = false;
  if (inst->process->isRunning())
    inst->process->stop();
  else
    setStatus(inst, QStringLiteral("stopped"));
}

void MasterApi::setStatus(Instance *inst, const QString &status) {
  const bool changed = inst->status != status;
  inst->status = status;
  if (changed || status == QLatin1String("running")) emitEvent(QStringLiteral("update"), inst);
}

void MasterApi::checkHealth() {
  for (const auto &inst : std::as_const(m_instances)) {
    if (inst->status == QLatin1String("running") && inst->lastCheckPoint.isValid() &&
        inst->lastCheckPoint.elapsed() > kCheckPointTimeoutMs)
      setStatus(inst.get(), QStringLiteral("error"));
  }
}

QJsonObject MasterApi::instanceJson(const Instance &i) const {
  auto total = [](quint64 base, quint64 last, qint64 reset) {
    return qint64(base + sub(last, quint64(reset)));
  };
  return {{QStringLiteral("id"), i.id},
          {QStringLiteral("alias"), i.alias},
          {QStringLiteral("type"), i.type},
          {QStringLiteral("status"), i.status},
          {QStringLiteral("url"), i.url},
          {QStringLiteral("config"), i.config},
          {QStringLiteral("restart"), i.restart},
          {QStringLiteral("meta"), i.meta},
          {QStringLiteral("mode"), i.last.mode},
          {QStringLiteral("ping"), i.last.ping},
          {QStringLiteral("pool"), i.last.pool},
          {QStringLiteral("tcps"), i.last.tcps},
          {QStringLiteral("udps"), i.last.udps},
          {QStringLiteral("tcprx"), total(i.base.tcprx, i.last.tcprx, i.resetTcprx)},
          {QStringLiteral("tcptx"), total(i.base.tcptx, i.last.tcptx, i.resetTcptx)},
          {QStringLiteral("udprx"), total(i.base.udprx, i.last.udprx, i.resetUdprx)},
          {QStringLiteral("udptx"), total(i.base.udptx, i.last.udptx, i.resetUdptx)}};
}

// ---- events ------------------------------------------------------------------------------

void MasterApi::emitEvent(const QString &type, const Instance *inst, const QString &logs) {
  if (m_subscribers.isEmpty()) return;
  QJsonObject e{
      {QStringLiteral("type"), type},
      {QStringLiteral("time"), nowRfc3339()},
      {QStringLiteral("instance"), inst ? QJsonValue(instanceJson(*inst)) : QJsonValue()}};
  if (!logs.isEmpty()) e.insert(QStringLiteral("logs"), logs);
  const QByteArray frame =
      "event: instance\ndata: " + QJsonDocument(e).toJson(QJsonDocument::Compact) + "\n\n";
  for (qsizetype i = m_subscribers.size() - 1; i >= 0; --i) {
    HttpReply *r = m_subscribers[i];
    if (!r || r->isDone() || !r->write(frame)) m_subscribers.removeAt(i);
  }
}

void MasterApi::closeEventStreams() {
  const auto subs = std::exchange(m_subscribers, {});
  for (const QPointer<HttpReply> &r : subs)
    if (r) r->endStream();
}

void MasterApi::openEvents(HttpReply *reply) {
  HttpHeaders h = {{"Content-Type", "text/event-stream"},
                   {"Cache-Control", "no-cache"},
                   {"Access-Control-Allow-Origin", "*"}};
  reply->startStream(200, h);
  reply->write("retry: 3000\n\n");
  QList<QJsonObject> initial{apiKeyEntryJson()};
  for (const QString &id : std::as_const(m_order))
    initial.append(instanceJson(*m_instances.value(id)));
  for (const QJsonObject &instance : initial) {
    const QJsonObject e{{QStringLiteral("type"), QStringLiteral("initial")},
                        {QStringLiteral("time"), nowRfc3339()},
                        {QStringLiteral("instance"), instance}};
    reply->write("event: instance\ndata: " + QJsonDocument(e).toJson(QJsonDocument::Compact) +
                 "\n\n");
  }
  m_subscribers.append(QPointer<HttpReply>(reply));
}

// ---- HTTP --------------------------------------------------------------------------------

HttpResponse MasterApi::json(int status, const QJsonValue &body) const {
  HttpResponse r;
  r.status = status;
  r.headers = {
      {"Content-Type", "application/json"},
      {"Access-Control-Allow-Origin", "*"},
      {"Access-Control-Allow-Methods", "GET, PATCH, POST, PUT, DELETE, OPTIONS"},
      {"Access-Control-Allow-Headers", "Content-Type, Authorization, X-API-Key, Cache-Control"}};
  if (status != 204) {
    r.body = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                            : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    r.body.append('\n');
  }
  return r;
}

HttpResponse MasterApi::error(int status, const QString &message) const {
  return json(status, QJsonObject{{QStringLiteral("error"), message}});
}

bool MasterApi::authorized(const HttpRequest &request, HttpReply *reply) const {
  const QByteArray key = request.header("x-api-key");
  if (key.isEmpty()) {
    reply->send(error(401, QStringLiteral("Unauthorized: API key required")));
    return false;
  }
  if (!net::constantTimeEquals(key, m_apiKey.toLatin1())) {
    reply->send(error(401, QStringLiteral("Unauthorized: Invalid API key")));
    return false;
  }
  return true;
}

void MasterApi::handle(const HttpRequest &request, HttpReply *reply) {
  const QString base = basePath();
  QString path = request.path;
  if (path != base && !path.startsWith(base + QLatin1Char('/')))
    return reply->send(error(404, QStringLiteral("Not found: %1").arg(path.left(200))));
  path = path.mid(base.size());
  if (path.isEmpty()) path = QStringLiteral("/");
  if (request.method == "OPTIONS") return reply->send(json(200, QJsonObject()));
  if (path == QLatin1String("/openapi.json") && request.method == "GET") {
    HttpResponse r = json(200, masterOpenApi(base));
    return reply->send(r);
  }
  if (path == QLatin1String("/docs") && request.method == "GET") {
    HttpResponse r;
    r.headers = {{"Content-Type", "text/html; charset=utf-8"},
                 {"Access-Control-Allow-Origin", "*"}};
    r.body = masterDocsHtml(base + QStringLiteral("/openapi.json"));
    return reply->send(r);
  }
  if (!authorized(request, reply)) return;
  route(request, reply, path);
}

void MasterApi::route(const HttpRequest &request, HttpReply *reply, const QString &path) {
  const QByteArray &m = request.method;
  auto notAllowed = [&] { reply->send(error(405, QStringLiteral("Method not allowed"))); };
  if (path == QLatin1String("/instances")) {
    if (m == "GET") return listInstances(reply);
    if (m == "POST") return createInstance(request, reply);
    return notAllowed();
  }
  if (path.startsWith(QLatin1String("/instances/"))) {
    const QString id = path.mid(11);
    if (id == QLatin1String(kApiKeyId)) {
      if (m == "PATCH") return regenerateKey(request, reply);
      if (m == "GET") return reply->send(error(403, QStringLiteral("The API key is not listed")));
      return reply->send(
          error(403, QStringLiteral("The API key entry cannot be changed that way")));
    }
    if (!m_instances.contains(id))
      return reply->send(error(404, QStringLiteral("Instance not found")));
    if (m == "GET") return reply->send(json(200, instanceJson(*m_instances.value(id))));
    if (m == "PATCH") return patchInstance(id, request, reply);
    if (m == "PUT") return putInstance(id, request, reply);
    if (m == "DELETE") return deleteInstance(id, reply);
    return notAllowed();
  }
  if (path == QLatin1String("/events")) {
    if (m == "GET") return openEvents(reply);
    return notAllowed();
  }
  if (path == QLatin1String("/info")) {
    if (m == "GET") return reply->send(json(200, infoJson()));
    if (m == "POST") {
      QJsonParseError pe;
      const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
      if (!doc.isObject())
        return reply->send(error(
            400, QStringLiteral("Invalid request body: %1")
                     .arg(pe.error ? pe.errorString() : QStringLiteral("expected a JSON object"))));
      const QString alias = doc.object().value(QLatin1String("alias")).toString();
      if (alias.size() > kMaxStringLength)
        return reply->send(
            error(400, QStringLiteral("Master alias exceeds %1 characters").arg(kMaxStringLength)));
      m_alias = alias;
      scheduleSave();
      return reply->send(json(200, infoJson()));
    }
    return notAllowed();
  }
  if (path == QLatin1String("/tcping")) {
    if (m == "GET") return tcping(request, reply);
    return notAllowed();
  }
  reply->send(error(404, QStringLiteral("Not found")));
}

QJsonObject MasterApi::apiKeyEntryJson() const {
  // NodePass lists the key as a pseudo-instance; dashboards expect the entry (and an SSE
  // `initial` event for it even when there are no instances), so it stays, with the key blanked.
  Instance entry;
  entry.id = QLatin1String(kApiKeyId);
  entry.status.clear();
  entry.config = m_masterId;
  QJsonObject o = instanceJson(entry);
  o.insert(QStringLiteral("meta"),
           QJsonObject{{QStringLiteral("peer"), QJsonObject{{QStringLiteral("sid"), QString()},
                                                            {QStringLiteral("type"), QString()},
                                                            {QStringLiteral("alias"), QString()}}},
                       {QStringLiteral("tags"), QJsonObject()}});
  return o;
}

void MasterApi::listInstances(HttpReply *reply) {
  QJsonArray list{apiKeyEntryJson()};
  for (const QString &id : std::as_const(m_order))
    list.append(instanceJson(*m_instances.value(id)));
  reply->send(json(200, list));
}

namespace {
std::optional<QJsonObject> parseBody(const HttpRequest &request, QString *why) {
  QJsonParseError pe;
  const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
  if (pe.error != QJsonParseError::NoError) {
    *why = QStringLiteral("Invalid request body: %1 at offset %2")
               .arg(pe.errorString())
               .arg(pe.offset);
    return std::nullopt;
  }
  if (!doc.isObject()) {
    *why = QStringLiteral("Invalid request body: expected a JSON object");
    return std::nullopt;
  }
  return doc.object();
}
}  // namespace

void MasterApi::createInstance(const HttpRequest &request, HttpReply *reply) {
  QString why;
  const auto body = parseBody(request, &why);
  if (!body) return reply->send(error(400, why));
  const QString url = body->value(QLatin1String("url")).toString();
  const QString alias = body->value(QLatin1String("alias")).toString();
  if (url.isEmpty())
    return reply->send(error(400, QStringLiteral("Invalid request body: url is required")));
  if (alias.size() > kMaxStringLength)
    return reply->send(
        error(400, QStringLiteral("Instance alias exceeds %1 characters").arg(kMaxStringLength)));
  Instance *inst = addInstance(QString(), url, &why);
  if (!inst) return reply->send(error(400, why));
  inst->alias = alias;
  inst->restart = true;
  scheduleSave();
  emitEvent(QStringLiteral("create"), inst);
  reply->send(json(201, instanceJson(*inst)));
  startInstance(inst);
}

void MasterApi::patchInstance(const QString &id, const HttpRequest &request, HttpReply *reply) {
  QString why;
  const auto body = parseBody(request, &why);
  if (!body) return reply->send(error(400, why));
  Instance *inst = m_instances.value(id).get();
  const QJsonObject &b = *body;
  // Validate everything before changing anything.
  const QJsonValue alias = b.value(QLatin1String("alias"));
  if (!alias.isUndefined() && (!alias.isString() || alias.toString().size() > kMaxStringLength))
    return reply->send(error(
        400,
        QStringLiteral("alias must be a string of at most %1 characters").arg(kMaxStringLength)));
  const QJsonValue restart = b.value(QLatin1String("restart"));
  if (!restart.isUndefined() && !restart.isBool())
    return reply->send(error(400, QStringLiteral("restart must be true or false")));
  const QString action = b.value(QLatin1String("action")).toString();
  static const QStringList actions = {QStringLiteral("start"), QStringLiteral("stop"),
                                      QStringLiteral("restart"), QStringLiteral("reset")};
  if (b.contains(QLatin1String("action")) && !actions.contains(action))
    return reply->send(error(
        400,
        QStringLiteral("Invalid action: %1 (start, stop, restart or reset)").arg(action.left(64))));
  const QJsonValue meta = b.value(QLatin1String("meta"));
  if (!meta.isUndefined()) {
    if (!meta.isObject()) return reply->send(error(400, QStringLiteral("meta must be an object")));
    const QJsonObject mo = meta.toObject();
    for (const QJsonValue &v : mo.value(QLatin1String("peer")).toObject())
      if (!v.isString() || v.toString().size() > kMaxStringLength)
        return reply->send(
            error(400, QStringLiteral("meta.peer values must be strings of at most %1 characters")
                           .arg(kMaxStringLength)));
    const QJsonObject tags = mo.value(QLatin1String("tags")).toObject();
    for (auto it = tags.begin(); it != tags.end(); ++it)
      if (!it.value().isString() || it.key().size() > kMaxStringLength ||
          it.value().toString().size() > kMaxStringLength)
        return reply->send(error(
            400, QStringLiteral("meta.tags must map strings to strings of at most %1 characters")
                     .arg(kMaxStringLength)));
  }

  if (alias.isString()) inst->alias = alias.toString();
  if (restart.isBool()) inst->restart = restart.toBool();
  if (meta.isObject()) {
    const QJsonObject mo = meta.toObject();
    if (mo.contains(QLatin1String("peer"))) {
      QJsonObject peer = inst->meta.value(QLatin1String("peer")).toObject();
      const QJsonObject in = mo.value(QLatin1String("peer")).toObject();
      for (const char *k : {"sid", "type", "alias"})
        if (in.contains(QLatin1String(k)))
          peer.insert(QLatin1String(k), in.value(QLatin1String(k)));
      inst->meta.insert(QStringLiteral("peer"), peer);
    }
    if (mo.contains(QLatin1String("tags")))
      inst->meta.insert(QStringLiteral("tags"), mo.value(QLatin1String("tags")).toObject());
  }
  if (action == QLatin1String("start")) {
    startInstance(inst);
  } else if (action == QLatin1String("stop")) {
    stopInstance(inst);
  } else if (action == QLatin1String("restart")) {
    if (inst->process->isRunning()) {
      inst->restartPending = true;
      inst->process->stop();
    } else {
      startInstance(inst);
    }
  } else if (action == QLatin1String("reset")) {
    inst->base = TunnelCounters{};
    inst->resetTcprx = qint64(inst->last.tcprx);
    inst->resetTcptx = qint64(inst->last.tcptx);
    inst->resetUdprx = qint64(inst->last.udprx);
    inst->resetUdptx = qint64(inst->last.udptx);
  }
  // Subscribers first: saving syncs the file to disk, which can take milliseconds.
  emitEvent(QStringLiteral("update"), inst);
  scheduleSave();
  reply->send(json(200, instanceJson(*inst)));
}

void MasterApi::putInstance(const QString &id, const HttpRequest &request, HttpReply *reply) {
  QString why;
  const auto body = parseBody(request, &why);
  if (!body) return reply->send(error(400, why));
  Instance *inst = m_instances.value(id).get();
  const QString text = body->value(QLatin1String("url")).toString();
  const QUrl url(text, QUrl::StrictMode);
  if (text.isEmpty() || !url.isValid())
    return reply->send(error(400, QStringLiteral("Invalid URL format")));
  if (url.scheme() != QLatin1String("server") && url.scheme() != QLatin1String("client"))
    return reply->send(
        error(400, QStringLiteral("Invalid URL scheme: %1 (server or client)").arg(url.scheme())));
  const QString enhanced = enhancedUrl(url, url.scheme());
  if (enhanced == inst->url)
    return reply->send(error(409, QStringLiteral("Instance URL conflict: unchanged")));
  const bool wasRunning = inst->process->isRunning();
  inst->type = url.scheme();
  inst->url = enhanced;
  inst->config = fullConfig(QUrl(enhanced), inst->type);
  // The old process (if any) is ended by its destructor; the new URL starts fresh.
  inst->process.reset();
  inst->last = TunnelCounters{};
  attachProcess(inst);
  inst->status = QStringLiteral("stopped");
  scheduleSave();
  emitEvent(QStringLiteral("update"), inst);
  reply->send(json(200, instanceJson(*inst)));
  if (wasRunning || inst->restart) startInstance(inst);
}

void MasterApi::deleteInstance(const QString &id, HttpReply *reply) {
  const auto inst = m_instances.take(id);
  m_order.removeAll(id);
  inst->process->disconnect(this);
  inst->status = QStringLiteral("stopped");
  emitEvent(QStringLiteral("delete"), inst.get());
  scheduleSave();
  reply->send(json(204, QJsonObject()));
  // `inst` is released here; its TunnelProcess ends the child.
}

void MasterApi::regenerateKey(const HttpRequest &request, HttpReply *reply) {
  QString why;
  const auto body = parseBody(request, &why);
  if (!body) return reply->send(error(400, why));
  if (body->value(QLatin1String("action")).toString() != QLatin1String("restart"))
    return reply->send(
        error(403, QStringLiteral("Only {\"action\":\"restart\"} is allowed on the API key")));
  m_apiKey = randomHex(16);
  if (!save(&why)) return reply->send(error(500, why));
  qCInfo(lcMaster) << "API key regenerated; all event streams were closed";
  emitEvent(QStringLiteral("shutdown"), nullptr);
  closeEventStreams();
  // The caller proved it held the old key; this response is the only place the new one appears.
  reply->send(json(200, QJsonObject{{QStringLiteral("id"), QLatin1String(kApiKeyId)},
                                    {QStringLiteral("alias"), QString()},
                                    {QStringLiteral("type"), QString()},
                                    {QStringLiteral("status"), QString()},
                                    {QStringLiteral("url"), m_apiKey},
                                    {QStringLiteral("config"), m_masterId},
                                    {QStringLiteral("restart"), false}}));
}

QJsonObject MasterApi::infoJson() {
  const auto mem = readMeminfo();
  quint64 netrx = 0, nettx = 0, diskr = 0, diskw = 0;
  {
    QFile f(QStringLiteral("/proc/net/dev"));
    if (f.open(QIODevice::ReadOnly)) {
      for (const QByteArray &line : f.readAll().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0 || line.left(colon).trimmed() == "lo") continue;
        const QList<QByteArray> v = line.mid(colon + 1).simplified().split(' ');
        if (v.size() >= 9) {
          netrx += v[0].toULongLong();
          nettx += v[8].toULongLong();
        }
      }
    }
  }
  {
    QFile f(QStringLiteral("/proc/diskstats"));
    if (f.open(QIODevice::ReadOnly)) {
      for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> v = line.simplified().split(' ');
        if (v.size() < 10 || v[2].startsWith("loop") || v[2].startsWith("ram")) continue;
        diskr += v[5].toULongLong() * 512;
        diskw += v[9].toULongLong() * 512;
      }
    }
  }
  qint64 sysup = 0;
  {
    QFile f(QStringLiteral("/proc/uptime"));
    if (f.open(QIODevice::ReadOnly)) sysup = qint64(f.readAll().split(' ').value(0).toDouble());
  }
  int cpu = -1;
  {
    QFile f(QStringLiteral("/proc/stat"));
    if (f.open(QIODevice::ReadOnly)) {
      const QList<QByteArray> v = f.readLine().simplified().split(' ');
      quint64 total = 0;
      for (qsizetype i = 1; i < v.size(); ++i) total += v[i].toULongLong();
      const quint64 idle = v.value(4).toULongLong() + v.value(5).toULongLong();
      if (m_prevCpuTotal && total > m_prevCpuTotal)
        cpu = int(100 * (1.0 - double(idle - m_prevCpuIdle) / double(total - m_prevCpuTotal)));
      m_prevCpuTotal = total;
      m_prevCpuIdle = idle;
    }
  }
  const quint64 memTotal = mem.value(QStringLiteral("MemTotal"));
  const quint64 swapTotal = mem.value(QStringLiteral("SwapTotal"));
  return {
      {QStringLiteral("mid"), m_masterId},
      {QStringLiteral("alias"), m_alias},
      {QStringLiteral("os"), QSysInfo::kernelType()},
      {QStringLiteral("arch"), goArch()},
      {QStringLiteral("cpu"), cpu},
      {QStringLiteral("mem_total"), qint64(memTotal)},
      {QStringLiteral("mem_used"),
       qint64(sub(memTotal, mem.value(QStringLiteral("MemAvailable"))))},
      {QStringLiteral("swap_total"), qint64(swapTotal)},
      {QStringLiteral("swap_used"), qint64(sub(swapTotal, mem.value(QStringLiteral("SwapFree"))))},
      {QStringLiteral("netrx"), qint64(netrx)},
      {QStringLiteral("nettx"), qint64(nettx)},
      {QStringLiteral("diskr"), qint64(diskr)},
      {QStringLiteral("diskw"), qint64(diskw)},
      {QStringLiteral("sysup"), sysup},
      {QStringLiteral("ver"), QStringLiteral("routeless-") + QStringLiteral(ROUTELESS_VERSION)},
      {QStringLiteral("name"), QHostInfo::localHostName()},
      {QStringLiteral("uptime"), m_uptime.elapsed() / 1000},
      {QStringLiteral("log"), m_config.log},
      {QStringLiteral("tls"), QString::number(m_config.tls)},
      {QStringLiteral("crt"), m_config.crt},
      {QStringLiteral("key"), m_config.key}};
}

void MasterApi::tcping(const HttpRequest &request, HttpReply *reply) {
  const QString target = request.query.queryItemValue(QStringLiteral("target"), QUrl::FullyDecoded);
  const qsizetype colon = target.lastIndexOf(QLatin1Char(':'));
  bool ok = false;
  const uint port = colon > 0 ? target.mid(colon + 1).toUInt(&ok) : 0;
  if (!ok || port == 0 || port > 65535)
    return reply->send(error(400, QStringLiteral("Target address required as host:port")));
  if (m_tcpingInFlight >= kMaxTcping)
    return reply->send(
        error(429, QStringLiteral("Too many concurrent tcping requests (max %1)").arg(kMaxTcping)));
  QString host = target.left(colon);
  if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
    host = host.mid(1, host.size() - 2);
  ++m_tcpingInFlight;
  auto *socket = new QTcpSocket(this);
  auto *timer = new QTimer(socket);
  auto clock = std::make_shared<QElapsedTimer>();
  clock->start();
  QPointer<HttpReply> guard(reply);
  auto finish = [this, socket, guard, target, clock](bool connected, const QString &why) {
    if (socket->property("done").toBool()) return;
    socket->setProperty("done", true);
    --m_tcpingInFlight;
    if (guard)
      guard->send(json(
          200, QJsonObject{{QStringLiteral("target"), target},
                           {QStringLiteral("connected"), connected},
                           {QStringLiteral("latency"), connected ? clock->elapsed() : 0},
                           {QStringLiteral("error"), connected ? QJsonValue() : QJsonValue(why)}}));
    socket->abort();
    socket->deleteLater();
  };
  connect(socket, &QTcpSocket::connected, this, [finish] { finish(true, QString()); });
  connect(socket, &QTcpSocket::errorOccurred, this,
          [finish, socket](QAbstractSocket::SocketError) { finish(false, socket->errorString()); });
  timer->setSingleShot(true);
  connect(timer, &QTimer::timeout, this,
          [finish] { finish(false, QStringLiteral("dial timeout")); });
  timer->start(5000);
  socket->connectToHost(host, quint16(port));
}

}  // namespace routeless::control
