#include "master/masterapi.h"

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

#include "master/masteropenapi.h"
#include "master/tlscert.h"
#include "net/hostport.h"
#include "net/secretcompare.h"
#include "nodepass/logger.h"
#include "nodepass/tunnelurl.h"
#include "platform/systemfigures.h"

Q_LOGGING_CATEGORY(lcMaster, "routeless.master")

namespace routeless::master {
namespace {

constexpr int kMaxStringLength = 256;

QString randomHex(int bytes) {
  QByteArray raw(bytes, Qt::Uninitialized);
  QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(raw.data()),
                                       reinterpret_cast<quint32 *>(raw.data()) + bytes / 4);
  return QString::fromLatin1(raw.toHex());
}

QString nowRfc3339() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

QString goArch() {
  const QString a = QSysInfo::currentCpuArchitecture();
  if (a == QLatin1String("x86_64")) return QStringLiteral("amd64");
  if (a == QLatin1String("arm64") || a == QLatin1String("aarch64")) return QStringLiteral("arm64");
  if (a == QLatin1String("i386")) return QStringLiteral("386");
  return a;
}

// NodePass's `log` values, in nodepass::LogLevel order.
const QStringList &logLevelNames() {
  static const QStringList names = {QStringLiteral("none"),  QStringLiteral("debug"),
                                    QStringLiteral("info"),  QStringLiteral("warn"),
                                    QStringLiteral("error"), QStringLiteral("event")};
  return names;
}

}  // namespace

std::optional<MasterConfig> parseMasterUrl(const QString &text, QString *error) {
  const QUrl url(text, QUrl::StrictMode);
  if (!url.isValid() || url.scheme() != QLatin1String("master")) {
    *error = QStringLiteral(
                 "expected master://HOST:PORT[/PREFIX]?log=&tls=&crt=&key=&origin=, not \"%1\"")
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
  if (!logLevelNames().contains(c.log)) c.log = QStringLiteral("info");
  const QString tls = q.queryItemValue(QStringLiteral("tls"));
  c.tls = (tls == QLatin1String("1") || tls == QLatin1String("2")) ? tls.toInt() : 0;
  c.crt = q.queryItemValue(QStringLiteral("crt"), QUrl::FullyDecoded);
  c.key = q.queryItemValue(QStringLiteral("key"), QUrl::FullyDecoded);
  for (const QString &list : q.allQueryItemValues(QStringLiteral("origin"), QUrl::FullyDecoded)) {
    QByteArray why;
    const auto origins = net::parseOriginList(list.toUtf8(), &why);
    if (!origins) {
      *error = QStringLiteral("master URL: origin=%1").arg(QString::fromUtf8(why));
      return std::nullopt;
    }
    for (const net::WebOrigin &o : *origins)
      if (!c.allowedOrigins.contains(o)) c.allowedOrigins.append(o);
  }
  c.stateDir = defaultMasterStateDir();
  return c;
}

QString defaultMasterStateDir() {
  const QString dir = qEnvironmentVariable("ROUTELESS_MASTER_DIR");
  if (!dir.isEmpty()) return dir;
  return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
         QStringLiteral("/routeless/master");
}

QString readMasterApiKey(const QString &stateDir, QString *error) {
  const QString path = stateDir + QStringLiteral("/master.json");
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("cannot read %1: %2 (has a master run with this state directory?)")
                 .arg(path, f.errorString());
    return {};
  }
  const QString key = QJsonDocument::fromJson(f.read(1024 * 1024))
                          .object()
                          .value(QLatin1String("apiKey"))
                          .toString();
  if (key.size() < 16) {
    *error = QStringLiteral("%1 holds no API key").arg(path);
    return {};
  }
  return key;
}

QString masterReportedVersion() {
  return QStringLiteral("v1.14.0-routeless.") + QStringLiteral(ROUTELESS_VERSION);
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
  const bool fresh = !QDir(m_config.stateDir).exists();
  if (!QDir().mkpath(m_config.stateDir)) {
    *error = QStringLiteral("cannot create state directory %1").arg(m_config.stateDir);
    return false;
  }
  // It holds the API key: only the owner may list or enter a directory we made.
  if (fresh)
    QFile::setPermissions(m_config.stateDir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
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
  m_http->setHeadCheck(
      [this](const HttpRequest &head, HttpResponse *refusal) { return checkHead(head, refusal); });
  m_http->setResponseHeaders([this](const HttpRequest &r) { return corsHeaders(r); });
  QHostAddress address =
      m_config.host.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(m_config.host);
  if (m_config.host == QLatin1String("localhost")) address = QHostAddress(QHostAddress::LocalHost);
  if (address.isNull()) {
    *error = QStringLiteral("master host must be an IP address, not \"%1\"").arg(m_config.host);
    return false;
  }
  if (!m_http->listen(address, m_config.port, tls, error)) return false;
  m_instanceLog.setLevel(nodepass::LogLevel(qMax(0, logLevelNames().indexOf(m_config.log))));
  m_uptime.start();
  m_healthTimer.start();
  qCInfo(lcMaster).noquote() << QStringLiteral(
                                    "Master started: %1:%2%3 (%4); routeless %5, reported as %6")
                                    .arg(m_config.host)
                                    .arg(port())
                                    .arg(basePath())
                                    .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                                    .arg(QStringLiteral(ROUTELESS_VERSION),
                                         masterReportedVersion());
  announceKeyFile(m_createdKey);
  for (const QString &id : std::as_const(m_order)) {
    Instance *inst = m_instances.value(id).get();
    if (inst->restart) startInstance(inst);
  }
  return true;
}

void MasterApi::announceKeyFile(bool created) const {
  // The key itself is never logged (logs end up in places the key must not); this says where
  // users copy it from.
  const QString dir = QDir(m_config.stateDir).absolutePath();
  const bool defaultDir = qEnvironmentVariableIsEmpty("ROUTELESS_MASTER_DIR") &&
                          QDir(defaultMasterStateDir()).absolutePath() == dir;
  qCInfo(lcMaster).noquote()
      << QStringLiteral("API key %1 %2 (mode 0600); print it with: routeless-node master-key%3")
             .arg(created ? QStringLiteral("created in") : QStringLiteral("kept in"),
                  QDir(dir).filePath(QStringLiteral("master.json")),
                  defaultDir ? QString() : QStringLiteral(" --dir ") + dir);
}

void MasterApi::shutdown() {
  if (m_shuttingDown || !m_http) return;
  m_shuttingDown = true;
  m_healthTimer.stop();
  emitEvent(QStringLiteral("shutdown"), nullptr);
  closeEventStreams();
  for (const auto &inst : std::as_const(m_instances))
    if (inst->runner) inst->runner->disconnect(this);
  save();               // traffic totals so far become the base of the next run
  m_instances.clear();  // each runner stops and joins its engine
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
    m_createdKey = true;
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
    inst->tcprx = quint64(qMax(0.0, c.value(QLatin1String("tcprx")).toDouble()));
    inst->tcptx = quint64(qMax(0.0, c.value(QLatin1String("tcptx")).toDouble()));
    inst->udprx = quint64(qMax(0.0, c.value(QLatin1String("udprx")).toDouble()));
    inst->udptx = quint64(qMax(0.0, c.value(QLatin1String("udptx")).toDouble()));
  }
  qCInfo(lcMaster).noquote() << "Master state loaded from" << stateFile() << "with"
                             << m_order.size() << "instances";
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
  attachRunner(inst.get());
  return inst.get();
}

namespace {
// Whether a server:// or client:// URL can run at all, with the parser's reason if not. The
// master checks before it stores (NodePass only finds out when its child process exits).
bool checkInstanceUrl(const QString &url, QString *why) {
  return nodepass::parseTunnelUrl(url, why).has_value();
}

nodepass::LogLevel nodepassLevel(tunnels::TunnelEngine::Level level) {
  switch (level) {
    case tunnels::TunnelEngine::Level::Debug:
      return nodepass::LogLevel::Debug;
    case tunnels::TunnelEngine::Level::Info:
      return nodepass::LogLevel::Info;
    case tunnels::TunnelEngine::Level::Warn:
      return nodepass::LogLevel::Warn;
    case tunnels::TunnelEngine::Level::Error:
      break;
  }
  return nodepass::LogLevel::Error;
}
}  // namespace

void MasterApi::attachRunner(Instance *inst) {
  // The instance runs in this process: nothing of its URL (and so of its key) reaches a
  // command line.
  inst->runner = std::make_unique<tunnels::TunnelRunner>(inst->id, inst->url);
  tunnels::TunnelRunner *r = inst->runner.get();
  connect(
      r, &tunnels::TunnelRunner::stateChanged, this,
      [this, inst](tunnels::TunnelState state, const QString &) { onRunnerState(inst, state); });
  connect(r, &tunnels::TunnelRunner::reported, this, [this, inst] {
    // NodePass: a CHECK_POINT brings an instance back from `error` and is sent as `update`.
    inst->lastReport.start();
    inst->status = QStringLiteral("running");
    emitEvent(QStringLiteral("update"), inst);
  });
  connect(r, &tunnels::TunnelRunner::logLine, this,
          [this, inst](tunnels::TunnelEngine::Level level, const QString &text) {
            onRunnerLog(inst, level, text);
          });
}

void MasterApi::onRunnerState(Instance *inst, tunnels::TunnelState state) {
  switch (state) {
    case tunnels::TunnelState::Stopped:
      return setStatus(inst, QStringLiteral("stopped"));
    case tunnels::TunnelState::Failed:
      // The runner restarts it with back-off (NodePass restarts failed instances hourly).
      return setStatus(inst, QStringLiteral("error"));
    case tunnels::TunnelState::Starting:
      // As a NodePass child process that has just started.
      return setStatus(inst, QStringLiteral("running"));
    case tunnels::TunnelState::Running:
      if (inst->status != QLatin1String("running")) setStatus(inst, QStringLiteral("running"));
      return;
    case tunnels::TunnelState::Waiting:
    case tunnels::TunnelState::Restarting:
      return;  // `error` stays until the next CHECK_POINT, as with NodePass
  }
}

void MasterApi::onRunnerLog(Instance *inst, tunnels::TunnelEngine::Level level,
                            const QString &text) {
  // NodePass's child output, as its master shows it: the instance's line with " [id]".
  if (text.contains(QLatin1String("Server error:")) ||
      text.contains(QLatin1String("Client error:"))) {
    if (inst->status != QLatin1String("error")) {
      inst->status = QStringLiteral("error");
      emitEvent(QStringLiteral("update"), inst);
    }
  }
  const nodepass::LogLevel npLevel = nodepassLevel(level);
  const QByteArray line = nodepass::Logger::formatLine(npLevel, text, m_logColour).trimmed();
  if (m_instanceLog.enabled(npLevel))
    fprintf(stderr, "%s [%s]\n", line.constData(), inst->id.toLatin1().constData());
  emitEvent(QStringLiteral("log"), inst, QString::fromUtf8(line));
}

void MasterApi::startInstance(Instance *inst) {
  if (inst->runner->isWanted()) return;
  qCInfo(lcMaster).noquote() << QStringLiteral("Instance starting: %1 [%2]")
                                    .arg(QUrl(inst->url).adjusted(QUrl::RemoveUserInfo).toString(),
                                         inst->id);
  inst->runner->start();
}

void MasterApi::stopInstance(Instance *inst) {
  if (inst->runner->isWanted())
    qCInfo(lcMaster).noquote() << QStringLiteral("Instance stopped [%1]").arg(inst->id);
  inst->runner->stop();
  setStatus(inst, QStringLiteral("stopped"));
}

void MasterApi::setStatus(Instance *inst, const QString &status) {
  if (inst->status == status) return;
  inst->status = status;
  emitEvent(QStringLiteral("update"), inst);
}

void MasterApi::checkHealth() {
  // NodePass: an instance whose CHECK_POINTs stop for three report intervals is in error.
  for (const auto &inst : std::as_const(m_instances)) {
    if (inst->status == QLatin1String("running") && inst->lastReport.isValid() &&
        inst->lastReport.elapsed() > kCheckPointTimeoutMs)
      setStatus(inst.get(), QStringLiteral("error"));
  }
}

QJsonObject MasterApi::instanceJson(const Instance &i) const {
  tunnels::TunnelStatus s;
  if (i.runner) s = i.runner->status();
  const bool live = i.status == QLatin1String("running");
  auto count = [](qint64 v) { return qMax<qint64>(0, v); };
  const qint64 udprx = count(s.udpRx), udptx = count(s.udpTx);
  return {{QStringLiteral("id"), i.id},
          {QStringLiteral("alias"), i.alias},
          {QStringLiteral("type"), i.type},
          {QStringLiteral("status"), i.status},
          {QStringLiteral("url"), i.url},
          {QStringLiteral("config"), i.config},
          {QStringLiteral("restart"), i.restart},
          {QStringLiteral("meta"), i.meta},
          {QStringLiteral("mode"), s.mode},
          // NodePass zeroes these while an instance is in error.
          {QStringLiteral("ping"), live ? count(s.pingMs) : 0},
          {QStringLiteral("pool"), live ? count(s.pool) : 0},
          {QStringLiteral("tcps"), live ? count(s.tcpConnections) : 0},
          {QStringLiteral("udps"), live ? count(s.udpConnections) : 0},
          {QStringLiteral("tcprx"), qint64(i.tcprx) + count(s.rxBytes) - udprx},
          {QStringLiteral("tcptx"), qint64(i.tcptx) + count(s.txBytes) - udptx},
          {QStringLiteral("udprx"), qint64(i.udprx) + udprx},
          {QStringLiteral("udptx"), qint64(i.udptx) + udptx}};
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
  HttpHeaders h = {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
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
  r.headers = {{"Content-Type", "application/json"}};
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

namespace {
// The API path of a request relative to the base path, or a null string when it is outside.
QString apiPath(const QString &base, const QString &path) {
  if (path != base && !path.startsWith(base + QLatin1Char('/'))) return QString();
  const QString rest = path.mid(base.size());
  return rest.isEmpty() ? QStringLiteral("/") : rest;
}

bool isPublic(const HttpRequest &request, const QString &path) {
  if (path.isNull() || request.method == "OPTIONS") return true;
  return request.method == "GET" &&
         (path == QLatin1String("/openapi.json") || path == QLatin1String("/docs"));
}
}  // namespace

bool MasterApi::listensOnLoopback() const {
  if (m_config.host == QLatin1String("localhost")) return true;
  const QHostAddress address(m_config.host);
  return !address.isNull() && address.isLoopback();
}

HttpServer::HeadVerdict MasterApi::checkHead(const HttpRequest &head, HttpResponse *refusal) const {
  // Where the request comes from is judged before what it asks for, on every path (a refused
  // page learns nothing, not even the API description).
  // DNS rebinding: a page whose name now resolves to 127.0.0.1 still sends its own name. (On
  // other addresses dashboards reach us by names we cannot know; the key is the boundary.)
  if (listensOnLoopback() && !net::isLoopbackHost(head.header("host"), port())) {
    *refusal = error(
        403, QStringLiteral("Forbidden: Host must be 127.0.0.1:%1 or localhost:%1").arg(port()));
    return HttpServer::HeadVerdict::Refuse;
  }
  // Browsers always send Origin on cross-site requests; dashboards' backends and scripts do
  // not. Only pages the user allowed by exact origin get in.
  qsizetype origins = 0;
  for (const auto &h : head.headers) origins += h.first == "origin" ? 1 : 0;
  if (origins > 0) {
    const auto origin = origins == 1 ? net::WebOrigin::parse(head.header("origin")) : std::nullopt;
    if (!origin || !m_config.allowedOrigins.contains(*origin)) {
      *refusal = error(403, QStringLiteral("Forbidden: browser origin not allowed (add it to the "
                                           "master URL as origin=scheme://host:port)"));
      return HttpServer::HeadVerdict::Refuse;
    }
  }
  if (isPublic(head, apiPath(basePath(), head.path))) return HttpServer::HeadVerdict::Public;
  const QByteArray key = head.header("x-api-key");
  if (key.isEmpty()) {
    *refusal = error(401, QStringLiteral("Unauthorized: API key required"));
    return HttpServer::HeadVerdict::Refuse;
  }
  if (!net::constantTimeEquals(key, m_apiKey.toLatin1())) {
    *refusal = error(401, QStringLiteral("Unauthorized: Invalid API key"));
    return HttpServer::HeadVerdict::Refuse;
  }
  return HttpServer::HeadVerdict::Authenticated;
}

HttpHeaders MasterApi::corsHeaders(const HttpRequest &request) const {
  // Only requests that passed checkHead() are answered with these, so an Origin here is allowed;
  // it is echoed (never "*") and caches are told the answer depends on it.
  const QByteArray origin = request.header("origin");
  if (origin.isEmpty()) return {};
  const auto parsed = net::WebOrigin::parse(origin);
  if (!parsed || !m_config.allowedOrigins.contains(*parsed)) return {};
  return {
      {"Access-Control-Allow-Origin", origin},
      {"Vary", "Origin"},
      {"Access-Control-Allow-Methods", "GET, PATCH, POST, PUT, DELETE, OPTIONS"},
      {"Access-Control-Allow-Headers", "Content-Type, Authorization, X-API-Key, Cache-Control"}};
}

void MasterApi::handle(const HttpRequest &request, HttpReply *reply) {
  // Only heads that passed checkHead() get here: public requests and ones with the key.
  const QString base = basePath();
  const QString path = apiPath(base, request.path);
  if (path.isNull())
    return reply->send(error(404, QStringLiteral("Not found: %1").arg(request.path.left(200))));
  if (request.method == "OPTIONS") return reply->send(json(200, QJsonObject()));
  if (path == QLatin1String("/openapi.json") && request.method == "GET") {
    HttpResponse r = json(200, masterOpenApi(base));
    return reply->send(r);
  }
  if (path == QLatin1String("/docs") && request.method == "GET") {
    HttpResponse r;
    r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    r.body = masterDocsHtml(base + QStringLiteral("/openapi.json"));
    return reply->send(r);
  }
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
  const QUrl parsed(url, QUrl::StrictMode);
  if (parsed.isValid() &&
      (parsed.scheme() == QLatin1String("server") || parsed.scheme() == QLatin1String("client")) &&
      !checkInstanceUrl(enhancedUrl(parsed, parsed.scheme()), &why))
    return reply->send(error(400, QStringLiteral("Invalid URL: %1").arg(why)));
  Instance *inst = addInstance(QString(), url, &why);
  if (!inst) return reply->send(error(400, why));
  inst->alias = alias;
  inst->restart = true;
  scheduleSave();
  emitEvent(QStringLiteral("create"), inst);
  reply->send(json(201, instanceJson(*inst)));
  startInstance(inst);
}

namespace {
// NodePass decodes PATCH bodies into Go strings, so `null` leaves a field as it was, and inside
// `meta` (which replaces peer and tags whole) it becomes "". NodePassDash sends
// `"alias": null` for a peer without a name.
bool stringOrNull(const QJsonValue &v) { return v.isString() || v.isNull(); }
}  // namespace

void MasterApi::patchInstance(const QString &id, const HttpRequest &request, HttpReply *reply) {
  QString why;
  const auto body = parseBody(request, &why);
  if (!body) return reply->send(error(400, why));
  Instance *inst = m_instances.value(id).get();
  const QJsonObject &b = *body;
  auto tooLong = [](const QJsonValue &v) { return v.toString().size() > kMaxStringLength; };
  // Validate everything before changing anything.
  const QJsonValue alias = b.value(QLatin1String("alias"));
  if (!alias.isUndefined() && (!stringOrNull(alias) || tooLong(alias)))
    return reply->send(error(
        400,
        QStringLiteral("alias must be a string of at most %1 characters").arg(kMaxStringLength)));
  const QJsonValue restart = b.value(QLatin1String("restart"));
  if (!restart.isUndefined() && !restart.isNull() && !restart.isBool())
    return reply->send(error(400, QStringLiteral("restart must be true or false")));
  const QJsonValue actionValue = b.value(QLatin1String("action"));
  const QString action = actionValue.toString();
  static const QStringList actions = {QStringLiteral("start"), QStringLiteral("stop"),
                                      QStringLiteral("restart"), QStringLiteral("reset")};
  if (!actionValue.isUndefined() && !actionValue.isNull() && !actions.contains(action))
    return reply->send(error(
        400,
        QStringLiteral("Invalid action: %1 (start, stop, restart or reset)").arg(action.left(64))));
  const QJsonValue meta = b.value(QLatin1String("meta"));
  const QJsonObject metaIn = meta.toObject();
  const QJsonValue peerIn = metaIn.value(QLatin1String("peer"));
  const QJsonValue tagsIn = metaIn.value(QLatin1String("tags"));
  if (!meta.isUndefined() && !meta.isNull()) {
    if (!meta.isObject()) return reply->send(error(400, QStringLiteral("meta must be an object")));
    if (!peerIn.isUndefined() && !peerIn.isNull() && !peerIn.isObject())
      return reply->send(error(400, QStringLiteral("meta.peer must be an object")));
    for (const char *k : {"sid", "type", "alias"}) {
      const QJsonValue v = peerIn.toObject().value(QLatin1String(k));
      if (!v.isUndefined() && (!stringOrNull(v) || tooLong(v)))
        return reply->send(
            error(400, QStringLiteral("meta.peer.%1 must be a string of at most %2 characters")
                           .arg(QLatin1String(k))
                           .arg(kMaxStringLength)));
    }
    if (!tagsIn.isUndefined() && !tagsIn.isNull() && !tagsIn.isObject())
      return reply->send(error(400, QStringLiteral("meta.tags must be an object")));
    const QJsonObject tags = tagsIn.toObject();
    for (auto it = tags.begin(); it != tags.end(); ++it)
      if (!stringOrNull(it.value()) || it.key().size() > kMaxStringLength || tooLong(it.value()))
        return reply->send(error(
            400, QStringLiteral("meta.tags must map strings to strings of at most %1 characters")
                     .arg(kMaxStringLength)));
  }

  if (alias.isString()) inst->alias = alias.toString();
  if (restart.isBool()) inst->restart = restart.toBool();
  if (peerIn.isObject()) {
    const QJsonObject in = peerIn.toObject();
    QJsonObject peer;
    for (const char *k : {"sid", "type", "alias"})
      peer.insert(QLatin1String(k), in.value(QLatin1String(k)).toString());
    inst->meta.insert(QStringLiteral("peer"), peer);
  }
  if (tagsIn.isObject()) {
    const QJsonObject in = tagsIn.toObject();
    QJsonObject tags;
    for (auto it = in.begin(); it != in.end(); ++it) tags.insert(it.key(), it.value().toString());
    inst->meta.insert(QStringLiteral("tags"), tags);
  }
  if (action == QLatin1String("start")) {
    startInstance(inst);
  } else if (action == QLatin1String("stop")) {
    stopInstance(inst);
  } else if (action == QLatin1String("restart")) {
    stopInstance(inst);
    startInstance(inst);
  } else if (action == QLatin1String("reset")) {
    inst->tcprx = inst->tcptx = inst->udprx = inst->udptx = 0;
    inst->runner->resetTraffic();
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
  if (text.isEmpty() || !url.isValid() || text.size() > 4096)
    return reply->send(error(400, QStringLiteral("Invalid URL format")));
  if (url.scheme() != QLatin1String("server") && url.scheme() != QLatin1String("client"))
    return reply->send(
        error(400, QStringLiteral("Invalid URL scheme: %1 (server or client)").arg(url.scheme())));
  const QString enhanced = enhancedUrl(url, url.scheme());
  if (enhanced == inst->url)
    return reply->send(error(409, QStringLiteral("Instance URL conflict: unchanged")));
  if (!checkInstanceUrl(enhanced, &why))
    return reply->send(error(400, QStringLiteral("Invalid URL: %1").arg(why)));
  const bool wasRunning = inst->runner->isWanted();
  // The traffic so far stays with the instance; the new URL gets a runner of its own.
  const QJsonObject before = instanceJson(*inst);
  inst->tcprx = quint64(before.value(QLatin1String("tcprx")).toInteger());
  inst->tcptx = quint64(before.value(QLatin1String("tcptx")).toInteger());
  inst->udprx = quint64(before.value(QLatin1String("udprx")).toInteger());
  inst->udptx = quint64(before.value(QLatin1String("udptx")).toInteger());
  inst->runner->disconnect(this);
  inst->runner.reset();
  inst->type = url.scheme();
  inst->url = enhanced;
  inst->config = fullConfig(QUrl(enhanced), inst->type);
  attachRunner(inst);
  inst->status = QStringLiteral("stopped");
  scheduleSave();
  emitEvent(QStringLiteral("update"), inst);
  reply->send(json(200, instanceJson(*inst)));
  if (wasRunning || inst->restart) startInstance(inst);
}

void MasterApi::deleteInstance(const QString &id, HttpReply *reply) {
  const auto inst = m_instances.take(id);
  m_order.removeAll(id);
  inst->runner->disconnect(this);
  inst->runner->stop();
  inst->status = QStringLiteral("stopped");
  emitEvent(QStringLiteral("delete"), inst.get());
  scheduleSave();
  reply->send(json(204, QJsonObject()));
  // `inst` is released here with its runner.
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
  // The OS's own figures (core/platform); -1 where an OS does not give one.
  const platform::SystemFigures f = platform::readSystemFigures();
  const int cpu = platform::cpuBusyPercent(m_lastFigures, f);
  m_lastFigures = f;
  auto used = [](qint64 total, qint64 left) {
    return total >= 0 && left >= 0 ? qMax<qint64>(0, total - left) : qint64(-1);
  };
  return {{QStringLiteral("mid"), m_masterId},
          {QStringLiteral("alias"), m_alias},
          {QStringLiteral("os"), QSysInfo::kernelType()},
          {QStringLiteral("arch"), goArch()},
          {QStringLiteral("cpu"), cpu},
          {QStringLiteral("mem_total"), qint64(f.memTotal)},
          {QStringLiteral("mem_used"), used(f.memTotal, f.memAvailable)},
          {QStringLiteral("swap_total"), qint64(f.swapTotal)},
          {QStringLiteral("swap_used"), used(f.swapTotal, f.swapFree)},
          {QStringLiteral("netrx"), qint64(f.netRx)},
          {QStringLiteral("nettx"), qint64(f.netTx)},
          {QStringLiteral("diskr"), qint64(f.diskRead)},
          {QStringLiteral("diskw"), qint64(f.diskWrite)},
          {QStringLiteral("sysup"), qint64(f.uptimeSeconds)},
          // Dashboards gate features on `ver` >= 1.10.0 (NodePassDash); ours is in `routeless`.
          {QStringLiteral("ver"), masterReportedVersion()},
          {QStringLiteral("routeless"), QStringLiteral(ROUTELESS_VERSION)},
          {QStringLiteral("name"), QHostInfo::localHostName()},
          {QStringLiteral("uptime"), m_uptime.elapsed() / 1000},
          {QStringLiteral("log"), m_config.log},
          {QStringLiteral("tls"), QString::number(m_config.tls)},
          {QStringLiteral("crt"), m_config.crt},
          {QStringLiteral("key"), m_config.key}};
}

void MasterApi::tcping(const HttpRequest &request, HttpReply *reply) {
  const QString target = request.query.queryItemValue(QStringLiteral("target"), QUrl::FullyDecoded);
  QString why;
  const std::optional<net::HostPort> hostPort = net::parseHostPort(target, {}, &why);
  if (!hostPort)
    return reply->send(
        error(400, QStringLiteral("Target address required as host:port (%1)").arg(why)));
  if (m_tcpingInFlight >= kMaxTcping)
    return reply->send(
        error(429, QStringLiteral("Too many concurrent tcping requests (max %1)").arg(kMaxTcping)));
  const QString host = hostPort->host;
  const quint16 port = hostPort->port;
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
  socket->connectToHost(host, port);
}

}  // namespace routeless::master
