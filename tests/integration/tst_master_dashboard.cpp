// Our master as NodePassDash v4.0.5 sees it: its own requests (internal/nodepass/client.go:
// resty with X-API-Key, JSON bodies, the shapes of nodepass.md section 6) replayed against a real
// `routeless-node master://...`, the replies checked field by field against the Go structs it
// decodes them into, and its version gates re-implemented faithfully from its source (Go:
// internal/api/sse.go compareVersion and data.go compareVersionForData; JS:
// tunnels/create compareVersions and system-stats-charts isVersionGreaterOrEqual).
// The same replay runs against the real NodePass v1.14.0 master as tst_master_dashboard_nodepass
// when its binary is there ($ROUTELESS_PEER_NODEPASS or ../shared/peers/nodepass-1.14.0/nodepass),
// so that the expectations themselves are NodePass's; that entry is skipped, saying why, without.
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "mastertestkit.h"

using namespace mastertest;

namespace nodepassdash {

// fmt.Sscanf(part, "%d", &n): optional spaces, an optional sign, decimal digits; n stays 0
// when there are none. Trailing bytes are ignored.
long long goSscanfInt(const QString &part) {
  qsizetype i = 0;
  while (i < part.size() && part[i].isSpace()) ++i;
  bool negative = false;
  if (i < part.size() && (part[i] == QLatin1Char('+') || part[i] == QLatin1Char('-')))
    negative = part[i++] == QLatin1Char('-');
  long long n = 0;
  bool any = false;
  while (i < part.size() && part[i] >= QLatin1Char('0') && part[i] <= QLatin1Char('9')) {
    n = n * 10 + (part[i++].unicode() - '0');
    any = true;
  }
  return any ? (negative ? -n : n) : 0;
}

// Go compareVersion(actual, required): actual >= required (sse.go, "can add master";
// data.go compareVersionForData is the same code, "low_version" on import).
bool goCompareVersion(QString actual, QString required) {
  if (actual.startsWith(QLatin1Char('v'))) actual.remove(0, 1);
  if (required.startsWith(QLatin1Char('v'))) required.remove(0, 1);
  QStringList a = actual.split(QLatin1Char('.'));
  QStringList r = required.split(QLatin1Char('.'));
  while (a.size() < r.size()) a << QStringLiteral("0");
  while (r.size() < a.size()) r << QStringLiteral("0");
  for (qsizetype i = 0; i < a.size(); ++i) {
    const long long x = goSscanfInt(a[i]), y = goSscanfInt(r[i]);
    if (x > y) return true;
    if (x < y) return false;
  }
  return true;
}

// JS Number(s) for the strings a version splits into: whitespace-trimmed, "" is 0, a whole
// decimal literal is its value, anything else NaN.
double jsNumber(const QString &s) {
  const QString t = s.trimmed();
  if (t.isEmpty()) return 0;
  static const QRegularExpression decimal(
      QStringLiteral("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$"));
  if (!decimal.match(t).hasMatch()) return std::nan("");
  return t.toDouble();
}

// JS parseInt(s, 10): leading whitespace, an optional sign, the leading digits; NaN without.
double jsParseInt(const QString &s) {
  const QString t = s.trimmed();
  const long long n = goSscanfInt(t);
  qsizetype i = (t.startsWith(QLatin1Char('+')) || t.startsWith(QLatin1Char('-'))) ? 1 : 0;
  if (i >= t.size() || !t[i].isDigit()) return std::nan("");
  return double(n);
}

// `x || 0` for a number.
double orZero(double x) { return std::isnan(x) || x == 0 ? 0 : x; }

// compareVersions(v1, v2) of pages/tunnels/create and simple-create-tunnel-modal: -1, 0 or 1;
// the tunnel password field needs >= "1.4.0".
int jsCompareVersions(const QString &v1, const QString &v2) {
  if (v1.isEmpty() || v2.isEmpty()) return 0;
  auto parts = [](QString v) {
    if (v.startsWith(QLatin1Char('v'))) v.remove(0, 1);
    QList<double> out;
    for (const QString &p : v.split(QLatin1Char('.'))) out << jsNumber(p);
    return out;
  };
  const QList<double> a = parts(v1), b = parts(v2);
  for (qsizetype i = 0; i < qMax(a.size(), b.size()); ++i) {
    const double x = i < a.size() ? orZero(a[i]) : 0, y = i < b.size() ? orZero(b[i]) : 0;
    if (x > y) return 1;
    if (x < y) return -1;
  }
  return 0;
}

// isVersionGreaterOrEqual(version, target) of system-stats-charts: the system panel needs a
// Linux master >= "1.6.0".
bool jsVersionGreaterOrEqual(const QString &version, const QString &target) {
  if (version.isEmpty()) return false;
  auto parts = [](QString v) {
    if (v.startsWith(QLatin1Char('v'))) v.remove(0, 1);
    QList<double> out;
    for (const QString &p : v.split(QLatin1Char('.'))) out << orZero(jsParseInt(p));
    return out;
  };
  const QList<double> a = parts(version), b = parts(target);
  for (qsizetype i = 0; i < qMax(a.size(), b.size()); ++i) {
    const double x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x > y) return true;
    if (x < y) return false;
  }
  return true;
}

// Every gate NodePassDash v4.0.5 puts on a master's `ver`.
bool passesEveryGate(const QString &ver, const QString &os) {
  return goCompareVersion(ver, QStringLiteral("1.10.0")) &&       // add master, import
         jsCompareVersions(ver, QStringLiteral("1.4.0")) >= 0 &&  // tunnel password
         os.toLower() == QLatin1String("linux") &&
         jsVersionGreaterOrEqual(ver, QStringLiteral("1.6.0"));  // system panel
}

}  // namespace nodepassdash

namespace {

// Go's encoding/json into the named field types: a JSON number with a fraction or exponent does
// not decode into int64, a string field must be a string (or null), a bool a bool.
enum class GoType { String, Int, Bool, Object };

void expectFields(const QByteArray &raw, const QJsonObject &o,
                  const QList<QPair<const char *, GoType>> &fields, const char *what) {
  for (const auto &[name, type] : fields) {
    const QJsonValue v = o.value(QLatin1String(name));
    const QByteArray where = QByteArray(what) + '.' + name;
    QVERIFY2(!v.isUndefined(), where.constData());
    switch (type) {
      case GoType::String:
        QVERIFY2(v.isString(), where.constData());
        break;
      case GoType::Bool:
        QVERIFY2(v.isBool(), where.constData());
        break;
      case GoType::Object:
        QVERIFY2(v.isObject(), where.constData());
        break;
      case GoType::Int: {
        QVERIFY2(v.isDouble(), where.constData());
        // Written as an integer literal, as Go needs for int64.
        const QRegularExpression literal(QStringLiteral("\"%1\":(-?\\d+)[,}]").arg(name));
        QVERIFY2(literal.match(QString::fromUtf8(raw)).hasMatch(), where.constData());
        break;
      }
    }
  }
}

// InstanceResult (client.go), plus Meta{Peer{SID,Type,Alias},Tags}.
void expectInstance(const QByteArray &raw, const QJsonObject &i) {
  expectFields(raw, i,
               {{"id", GoType::String},
                {"type", GoType::String},
                {"status", GoType::String},
                {"url", GoType::String},
                {"tcprx", GoType::Int},
                {"tcptx", GoType::Int},
                {"udprx", GoType::Int},
                {"udptx", GoType::Int},
                {"pool", GoType::Int},
                {"ping", GoType::Int},
                {"alias", GoType::String},
                {"restart", GoType::Bool},
                {"tcps", GoType::Int},
                {"udps", GoType::Int},
                {"mode", GoType::Int},
                {"meta", GoType::Object},
                {"config", GoType::String}},
               "instance");
  const QJsonObject peer = i[QStringLiteral("meta")][QStringLiteral("peer")].toObject();
  for (const char *k : {"sid", "type", "alias"})
    QVERIFY2(peer.value(QLatin1String(k)).isString(), k);
  QVERIFY(i[QStringLiteral("meta")][QStringLiteral("tags")].isObject());
}

}  // namespace

QString nodepassBinary() {
  const QString env = qEnvironmentVariable("ROUTELESS_PEER_NODEPASS");
  if (!env.isEmpty()) return env;
  return QStringLiteral(ROUTELESS_SOURCE_DIR) +
         QStringLiteral("/../shared/peers/nodepass-1.14.0/nodepass");
}

class TestMasterDashboard : public QObject {
  Q_OBJECT

 public:
  enum class Peer { Routeless, NodePass };
  explicit TestMasterDashboard(Peer peer) : m_peer(peer) {}

 private:
  const Peer m_peer;
  QTemporaryDir m_dir;
  Master m_master;  // for NodePass: only its port and key are used
  QProcess m_nodepass;
  QByteArray m_nodepassKey;
  QNetworkAccessManager m_nam;
  std::unique_ptr<testnet::TcpServer> m_echo;

  bool ours() const { return m_peer == Peer::Routeless; }

  // NodePass v1.14.0 as a master: a copy of the binary in a temporary folder (it keeps its state
  // next to itself), its key read from its log (NodePass logs it; we do not).
  QString startNodePass() {
    const QString binary = nodepassBinary();
    if (!QFileInfo(binary).isExecutable())
      return QStringLiteral("no NodePass v1.14.0 binary at %1 (set ROUTELESS_PEER_NODEPASS)")
          .arg(binary);
    const QString copy = m_dir.filePath(QStringLiteral("nodepass"));
    if (!QFile::copy(binary, copy)) return QStringLiteral("cannot copy %1").arg(binary);
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    m_master.port = freePort();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NP_REPORT_INTERVAL"), QStringLiteral("1s"));
    m_nodepass.setProcessEnvironment(env);
    m_nodepass.setProcessChannelMode(QProcess::MergedChannels);
    m_nodepass.start(copy,
                     {QStringLiteral("master://127.0.0.1:%1/api?log=info").arg(m_master.port)});
    QByteArray log;
    QElapsedTimer clock;
    clock.start();
    const QRegularExpression created(QStringLiteral("API Key created: ([0-9a-f]{32})"));
    while (clock.elapsed() < 10000) {
      m_nodepass.waitForReadyRead(100);
      log += m_nodepass.readAll();
      const auto match = created.match(QString::fromUtf8(log));
      if (match.hasMatch()) {
        m_nodepassKey = match.captured(1).toLatin1();
        // It logs before its listener is up.
        for (int i = 0; i < 100; ++i) {
          QTcpSocket probe;
          probe.connectToHost(QHostAddress::LocalHost, m_master.port);
          if (probe.waitForConnected(100)) return QString();
          QTest::qWait(50);
        }
        return QStringLiteral("NodePass does not listen on %1").arg(m_master.port);
      }
    }
    return QStringLiteral("NodePass did not start: ") + QString::fromUtf8(log.right(500));
  }

  QByteArray key() const { return ours() ? m_master.apiKey() : m_nodepassKey; }

  // resty as NodePassDash configures it: X-API-Key, JSON body when there is one.
  Reply dash(const QByteArray &method, const QString &path, const QByteArray &body = {}) {
    return call(m_nam, m_master, method, m_master.url(path), body, key(),
                {{"User-Agent", "go-resty/2.16.5 (https://github.com/go-resty/resty)"},
                 {"Accept", "application/json"}});
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_echo = std::make_unique<testnet::TcpServer>(testnet::echoHandler);
    if (!ours()) {
      const QString why = startNodePass();
      if (!why.isEmpty()) QSKIP(qPrintable(why));
      return;
    }
    QVERIFY(m_master.start(m_dir.filePath(QStringLiteral("state")), QStringLiteral("log=warn"), 0,
                           {{QStringLiteral("NP_REPORT_INTERVAL"), QStringLiteral("1s")}}));
  }
  void cleanupTestCase() {
    if (ours()) {
      m_master.stop();
    } else if (m_nodepass.state() != QProcess::NotRunning) {
      m_nodepass.terminate();
      if (!m_nodepass.waitForFinished(10000)) m_nodepass.kill();
    }
  }

  // The gates themselves, so that a broken re-implementation cannot pass everything.
  void versionGatesAsNodePassDash_data() {
    QTest::addColumn<QString>("ver");
    QTest::addColumn<bool>("passes");
    QTest::newRow("NodePass 1.14.0") << QStringLiteral("v1.14.0") << true;
    QTest::newRow("ours") << QStringLiteral("v1.14.0-routeless.0.1.0") << true;
    QTest::newRow("ours, later") << QStringLiteral("v1.14.0-routeless.2.10.3") << true;
    QTest::newRow("NodePass 1.9.0") << QStringLiteral("v1.9.0") << false;
    QTest::newRow("our old ver") << QStringLiteral("routeless-0.1.0") << false;
    QTest::newRow("empty") << QString() << false;
  }
  void versionGatesAsNodePassDash() {
    QFETCH(QString, ver);
    QFETCH(bool, passes);
    QCOMPARE(nodepassdash::passesEveryGate(ver, QStringLiteral("linux")), passes);
  }

  void infoPassesTheVersionGates() {
    const Reply r = dash("GET", QStringLiteral("/info"));
    QCOMPARE(r.status, 200);
    const QJsonObject info = r.object();
    // EndpointInfoResult (client.go).
    expectFields(
        r.body, info,
        {{"os", GoType::String},      {"arch", GoType::String},   {"ver", GoType::String},
         {"name", GoType::String},    {"log", GoType::String},    {"tls", GoType::String},
         {"crt", GoType::String},     {"key", GoType::String},    {"cpu", GoType::Int},
         {"mem_used", GoType::Int},   {"mem_total", GoType::Int}, {"swap_used", GoType::Int},
         {"swap_total", GoType::Int}, {"diskr", GoType::Int},     {"diskw", GoType::Int},
         {"netrx", GoType::Int},      {"nettx", GoType::Int},     {"sysup", GoType::Int},
         {"uptime", GoType::Int},     {"alias", GoType::String}},
        "info");
    const QString ver = info.value(QStringLiteral("ver")).toString();
    QVERIFY2(nodepassdash::goCompareVersion(ver, QStringLiteral("1.10.0")), qPrintable(ver));
    QVERIFY2(nodepassdash::passesEveryGate(ver, info.value(QStringLiteral("os")).toString()),
             qPrintable(ver));
    if (ours())
      QCOMPARE(info.value(QStringLiteral("routeless")).toString(),
               QStringLiteral(ROUTELESS_VERSION));
  }

  // The SSE check of "add master" (sse.go): 200 and exactly this Content-Type.
  void eventsAsTheAddMasterCheck() {
    QNetworkRequest req(m_master.url(QStringLiteral("/events")));
    req.setRawHeader("X-API-Key", key());
    req.setRawHeader("Accept", "text/event-stream");
    QNetworkReply *r = m_nam.get(req);
    QTRY_VERIFY_WITH_TIMEOUT(r->bytesAvailable() > 0, 5000);
    QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QByteArray ct = r->rawHeader("Content-Type");
    QVERIFY2(ct == "text/event-stream" || ct == "text/event-stream; charset=utf-8", ct.constData());
    QVERIFY(r->readAll().startsWith("retry: 3000\n\n"));
    r->abort();
    r->deleteLater();
  }

  // TestConnection, CreateInstance, GetInstances, GetInstance, the PATCH family, UpdateInstance,
  // TCPing, DeleteInstance: in the order the dashboard uses them for a tunnel's life.
  void tunnelLifeAsTheDashboardDrivesIt() {
    QCOMPARE(dash("GET", QStringLiteral("/instances")).status, 200);  // TestConnection

    const quint16 tunnel = freePort(), user = freePort();
    // CreateInstance: {"url": commandLine}, no alias.
    Reply r = dash("POST", QStringLiteral("/instances"),
                   QStringLiteral("{\"url\":\"server://dash@127.0.0.1:%1/127.0.0.1:%2?mode=1\"}")
                       .arg(tunnel)
                       .arg(user)
                       .toLatin1());
    QCOMPARE(r.status, 201);
    expectInstance(r.body, r.object());
    const QString server = r.object().value(QStringLiteral("id")).toString();
    r = dash("POST", QStringLiteral("/instances"),
             QStringLiteral("{\"url\":\"client://dash@127.0.0.1:%1/127.0.0.1:%2?mode=2\"}")
                 .arg(tunnel)
                 .arg(m_echo->port())
                 .toLatin1());
    QCOMPARE(r.status, 201);
    const QString client = r.object().value(QStringLiteral("id")).toString();

    // GetInstances: an array of InstanceResult with the API key entry among them (NodePass
    // lists in no particular order).
    r = dash("GET", QStringLiteral("/instances"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.isArray());
    QStringList ids;
    for (const QJsonValue &v : r.json.array()) {
      expectInstance(r.body, v.toObject());
      ids << v[QStringLiteral("id")].toString();
    }
    QVERIFY(ids.contains(QStringLiteral("********")));
    QVERIFY(ids.contains(server) && ids.contains(client));

    QVERIFY(echoThrough(user, 4096));
    QTRY_VERIFY_WITH_TIMEOUT(dash("GET", QStringLiteral("/instances/") + server)
                                     .object()[QStringLiteral("tcprx")]
                                     .toInt() >= 4096,
                             5000);
    r = dash("GET", QStringLiteral("/instances/") + server);
    expectInstance(r.body, r.object());
    QCOMPARE(r.object().value(QStringLiteral("status")).toString(), QStringLiteral("running"));

    // RenameInstance, SetRestartInstance, UpdateInstanceTags, UpdateInstancePeers (a service
    // without a name sends "alias": null), ResetTraffic, ControlInstance.
    const QString path = QStringLiteral("/instances/") + server;
    r = dash("PATCH", path, "{\"alias\":\"web\"}");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(QStringLiteral("alias")).toString(), QStringLiteral("web"));
    r = dash("PATCH", path, "{\"restart\":false}");
    QCOMPARE(r.object().value(QStringLiteral("restart")).toBool(), false);
    r = dash("PATCH", path, "{\"meta\":{\"tags\":{\"team\":\"a\",\"env\":\"prod\"}}}");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object()[QStringLiteral("meta")][QStringLiteral("tags")][QStringLiteral("env")]
                 .toString(),
             QStringLiteral("prod"));
    r = dash("PATCH", path, "{\"meta\":{\"peer\":{\"sid\":\"7\",\"type\":\"0\",\"alias\":null}}}");
    QCOMPARE(r.status, 200);
    expectInstance(r.body, r.object());
    QCOMPARE(r.object()[QStringLiteral("meta")][QStringLiteral("peer")][QStringLiteral("sid")]
                 .toString(),
             QStringLiteral("7"));
    QCOMPARE(r.object()[QStringLiteral("meta")][QStringLiteral("peer")][QStringLiteral("alias")]
                 .toString(),
             QString());
    r = dash("PATCH", path, "{\"action\":\"reset\"}");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(QStringLiteral("tcprx")).toInt(), 0);
    for (const char *action : {"stop", "start", "restart"}) {
      r = dash("PATCH", path, QByteArray("{\"action\":\"") + action + "\"}");
      QCOMPARE(r.status, 200);
      expectInstance(r.body, r.object());
    }
    QTRY_COMPARE_WITH_TIMEOUT(dash("GET", path).object().value(QStringLiteral("status")).toString(),
                              QStringLiteral("running"), 5000);

    // UpdateInstance: PUT {"url": ...}.
    r = dash("PUT", QStringLiteral("/instances/") + client,
             QStringLiteral("{\"url\":\"client://dash@127.0.0.1:%1/127.0.0.1:%2?mode=2&min=8\"}")
                 .arg(tunnel)
                 .arg(m_echo->port())
                 .toLatin1());
    QCOMPARE(r.status, 200);
    expectInstance(r.body, r.object());
    QVERIFY(r.object().value(QStringLiteral("url")).toString().contains(QStringLiteral("min=8")));

    // TCPing: {target, connected, latency, error}; error null when connected.
    r = dash("GET", QStringLiteral("/tcping?target=127.0.0.1:%1").arg(m_echo->port()));
    QCOMPARE(r.status, 200);
    expectFields(
        r.body, r.object(),
        {{"target", GoType::String}, {"connected", GoType::Bool}, {"latency", GoType::Int}},
        "tcping");
    QVERIFY(r.object().value(QStringLiteral("connected")).toBool());
    QVERIFY(r.object().value(QStringLiteral("error")).isNull());

    // DeleteInstance: any 2xx.
    QCOMPARE(dash("DELETE", QStringLiteral("/instances/") + server).status, 204);
    QCOMPARE(dash("DELETE", QStringLiteral("/instances/") + client).status, 204);
    QCOMPARE(dash("GET", QStringLiteral("/instances/") + server).status, 404);
  }

  // What the dashboard's SSE consumer parses: "event: instance" then one "data: {json}" line,
  // type/time/instance, for every instance including the API key entry, then live events.
  void eventStreamAsTheDashboardReadsIt() {
    QNetworkRequest req(m_master.url(QStringLiteral("/events")));
    req.setRawHeader("X-API-Key", key());
    QNetworkReply *stream = m_nam.get(req);
    QByteArray received;
    connect(stream, &QNetworkReply::readyRead, this, [&] { received += stream->readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"type\":\"initial\""), 5000);
    const QString id =
        dash("POST", QStringLiteral("/instances"),
             QStringLiteral("{\"url\":\"client://dash@127.0.0.1:%1/127.0.0.1:%2?mode=2\"}")
                 .arg(freePort())
                 .arg(freePort())
                 .toLatin1())
            .object()
            .value(QStringLiteral("id"))
            .toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(dash("DELETE", QStringLiteral("/instances/") + id).status, 204);
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"type\":\"delete\""), 5000);
    int events = 0;
    for (const QByteArray &block : received.split('\n')) {
      if (!block.startsWith("data: ")) continue;
      ++events;
      const QJsonObject e = QJsonDocument::fromJson(block.mid(6)).object();
      QVERIFY2(!e.isEmpty(), block.constData());
      QVERIFY(e.value(QStringLiteral("type")).isString());
      // RFC 3339 (NodePass writes nanoseconds, we write milliseconds).
      static const QRegularExpression rfc3339(QStringLiteral(
          "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$"));
      QVERIFY2(rfc3339.match(e.value(QStringLiteral("time")).toString()).hasMatch(),
               block.constData());
      QVERIFY(e.value(QStringLiteral("instance")).isObject());
      expectInstance(QJsonDocument(e.value(QStringLiteral("instance")).toObject())
                         .toJson(QJsonDocument::Compact),
                     e.value(QStringLiteral("instance")).toObject());
    }
    QVERIFY(events >= 3);
    QCOMPARE(received.count("event: instance\n"), events);
    stream->abort();
    stream->deleteLater();
  }
};

// One run per CTest entry: against our master, or (tst_master_dashboard_nodepass, which sets
// ROUTELESS_DASHBOARD_PEER=nodepass) against NodePass's, so a missing NodePass binary skips only
// that entry.
int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  const bool nodepass = qgetenv("ROUTELESS_DASHBOARD_PEER") == "nodepass";
  TestMasterDashboard test(nodepass ? TestMasterDashboard::Peer::NodePass
                                    : TestMasterDashboard::Peer::Routeless);
  return QTest::qExec(&test, argc, argv);
}

#include "tst_master_dashboard.moc"
