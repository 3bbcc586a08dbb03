// The NodePass-compatible master API end to end: a real `routeless-node master://...` process,
// QNetworkAccessManager as the HTTP client, instances run in the master's process (NodePass
// server/client pairs carrying real traffic to an echo target).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

#include "master/masterclient.h"
#include "mastertestkit.h"

using mastertest::freePort;
using mastertest::rawExchange;
using mastertest::Reply;

class TestMaster : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QProcess m_master;
  quint16 m_port = 0;
  QNetworkAccessManager m_nam;
  std::unique_ptr<testnet::TcpServer> m_echo;  // the target the instances' clients dial

  QString stateDir() const { return m_dir.filePath(QStringLiteral("state")); }
  QByteArray apiKey(const QString &dir = QString()) const {
    QFile f((dir.isEmpty() ? stateDir() : dir) + QStringLiteral("/master.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(QStringLiteral("apiKey"))
        .toString()
        .toLatin1();
  }
  QUrl url(const QString &path, const QString &scheme = QStringLiteral("http"),
           quint16 port = 0) const {
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/api/v1%3")
                    .arg(scheme)
                    .arg(port ? port : m_port)
                    .arg(path));
  }

  bool startMaster(const QString &query = QStringLiteral("log=info"), quint16 port = 0,
                   QProcess *p = nullptr, const QString &dir = QString()) {
    if (!p) p = &m_master;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ROUTELESS_MASTER_DIR"), dir.isEmpty() ? stateDir() : dir);
    // CHECK_POINTs (and so `update` events) every second instead of every five.
    env.insert(QStringLiteral("NP_REPORT_INTERVAL"), QStringLiteral("1s"));
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::SeparateChannels);
    const quint16 listenPort = port ? port : m_port;
    p->start(QStringLiteral(ROUTELESS_NODE_BIN),
             {QStringLiteral("master://127.0.0.1:%1/api?%2").arg(listenPort).arg(query)});
    if (!p->waitForStarted()) return false;
    for (int i = 0; i < 100; ++i) {
      QTcpSocket probe;
      probe.connectToHost(QHostAddress::LocalHost, listenPort);
      if (probe.waitForConnected(100)) return true;
      QTest::qWait(50);
    }
    return false;
  }

  QByteArray stopMaster(QProcess *p = nullptr) {
    if (!p) p = &m_master;
    p->terminate();
    if (!p->waitForFinished(10000)) p->kill();
    return p->readAllStandardError() + p->readAllStandardOutput();
  }

  // mastertest::call on this test's master ("-": its own key; empty: none).
  Reply call(const QByteArray &verb, const QUrl &u, const QByteArray &body = {},
             const QByteArray &key = QByteArray("-")) {
    mastertest::Master view;  // only for the kit's calls: same port and state directory
    view.port = m_port;
    view.stateDir = stateDir();
    return mastertest::call(m_nam, view, verb, u, body, key);
  }

  // A GET over HTTPS that trusts only `ca` and verifies the peer's name (no ignoreSslErrors).
  struct TlsReply {
    int status = 0;
    QJsonObject json;
    QSslCertificate peer;
    QString error;
  };
  TlsReply verifiedGet(const QUrl &u, const QSslCertificate &ca, const QByteArray &key) {
    m_nam.clearConnectionCache();  // a fresh handshake, not a connection call() left open
    QNetworkRequest req(u);
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setCaCertificates({ca});
    conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
    req.setSslConfiguration(conf);
    if (!key.isEmpty()) req.setRawHeader("X-API-Key", key);
    QNetworkReply *r = m_nam.get(req);
    QStringList sslErrors;
    connect(r, &QNetworkReply::sslErrors, this, [&](const QList<QSslError> &errors) {
      for (const QSslError &e : errors) sslErrors << e.errorString();
    });
    for (int i = 0; i < 1000 && !r->isFinished(); ++i) QTest::qWait(10);
    TlsReply out;
    out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.json = QJsonDocument::fromJson(r->readAll()).object();
    out.peer = r->sslConfiguration().peerCertificate();
    if (r->error() != QNetworkReply::NoError)
      out.error = r->errorString() + QLatin1Char(' ') + sslErrors.join(QStringLiteral("; "));
    r->deleteLater();
    return out;
  }

  // `openssl req` makes a self-signed certificate for 127.0.0.1 and its key (PEM, PKCS#8).
  static QString makeCertificate(const QString &dir, const QStringList &keyArgs) {
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + keyArgs +
                      QStringList{QStringLiteral("-nodes"), QStringLiteral("-days"),
                                  QStringLiteral("2"), QStringLiteral("-subj"),
                                  QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                                  QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"),
                                  QStringLiteral("-keyout"), dir + QStringLiteral("/master.key"),
                                  QStringLiteral("-out"), dir + QStringLiteral("/master.crt")});
    if (!openssl.waitForStarted(5000))
      return QStringLiteral("cannot run the openssl command (CI installs it): ") +
             openssl.errorString();
    if (!openssl.waitForFinished(20000) || openssl.exitCode() != 0)
      return QStringLiteral("openssl req failed: ") + QString::fromLocal8Bit(openssl.readAll());
    return QString();
  }

  QString createInstance(const QString &u, const QString &alias = QString()) {
    const Reply r = call(
        "POST", url(QStringLiteral("/instances")),
        QJsonDocument(QJsonObject{{QStringLiteral("url"), u}, {QStringLiteral("alias"), alias}})
            .toJson());
    if (r.status != 201) qWarning() << r.status << r.body;
    return r.json.object().value(QStringLiteral("id")).toString();
  }

  QJsonObject getInstance(const QString &id) {
    return call("GET", url(QStringLiteral("/instances/") + id)).json.object();
  }

 private Q_SLOTS:
  // A server and a client instance on this master, linked, with `bytes` echoed through them.
  mastertest::TunnelPair linkedPair(const QString &prefix, qsizetype bytes) {
    mastertest::Master view;  // only for the kit's calls: same port and state directory
    view.port = m_port;
    view.stateDir = stateDir();
    mastertest::TunnelPair p = mastertest::createPair(m_nam, view, m_echo->port(), prefix);
    if (bytes > 0 && !mastertest::echoThrough(p.userPort, bytes))
      qWarning() << "no echo through the tunnel pair" << prefix;
    return p;
  }

  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_echo = std::make_unique<testnet::TcpServer>(testnet::echoHandler);
    m_port = freePort();
    // One page is allowed (exactly this origin); browserOriginsAndHost tries others.
    QVERIFY(startMaster(QStringLiteral("log=info&origin=http://dash.example:3000")));
  }

  void cleanupTestCase() {
    const QByteArray log = stopMaster();
    QVERIFY2(!log.contains(apiKey()), "the API key never appears in the log");
  }

  void keyFileIsPrivate() {
    QFile f(stateDir() + QStringLiteral("/master.json"));
    QVERIFY(f.exists());
    QCOMPARE(f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                .match(QString::fromLatin1(apiKey()))
                .hasMatch());
  }

  void unauthorizedWithoutKey() {
    Reply r = call("GET", url(QStringLiteral("/instances")), {}, QByteArray());
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json.object().value(QStringLiteral("error")).toString(),
             QStringLiteral("Unauthorized: API key required"));
    QVERIFY(!r.headers.contains("access-control-allow-origin"));  // never "*"
    r = call("GET", url(QStringLiteral("/instances")), {},
             QByteArray("0123456789abcdef0123456789abcdef"));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json.object().value(QStringLiteral("error")).toString(),
             QStringLiteral("Unauthorized: Invalid API key"));
    for (const char *path : {"/events", "/info", "/tcping?target=127.0.0.1:1"})
      QCOMPARE(call("GET", url(QString::fromLatin1(path)), {}, QByteArray()).status, 401);
  }

  void publicEndpoints() {
    Reply r = call("GET", url(QStringLiteral("/openapi.json")), {}, QByteArray());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.object().value(QStringLiteral("openapi")).toString(), QStringLiteral("3.1.1"));
    QVERIFY(r.json.object()
                .value(QStringLiteral("paths"))
                .toObject()
                .contains(QStringLiteral("/instances/{id}")));
    r = call("GET", url(QStringLiteral("/docs")), {}, QByteArray());
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains("swagger-ui"));
    r = call("OPTIONS", url(QStringLiteral("/instances")), {}, QByteArray());
    QCOMPARE(r.status, 200);
    QCOMPARE(call("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/elsewhere").arg(m_port))).status,
             404);
  }

  // Issue 10: a browser page reaches 127.0.0.1 too. A request with an Origin is refused (403,
  // before its body is read) unless that exact origin was allowed with origin=; the answer to
  // an allowed page echoes its origin, never "*". A loopback master also refuses a Host that
  // is not a loopback name with its port (DNS rebinding).
  void browserOriginsAndHost() {
    const QByteArray key = apiKey();
    const QByteArray host = "127.0.0.1:" + QByteArray::number(m_port);
    auto request = [&](const QByteArray &method, const QByteArray &path, const QByteArray &extra,
                       const QByteArray &hostField, const QByteArray &body = {}) {
      QByteArray r = method + " /api/v1" + path + " HTTP/1.1\r\nHost: " + hostField +
                     "\r\nConnection: close\r\n" + extra;
      if (!body.isEmpty()) r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
      return rawExchange(m_port, r + "\r\n" + body);
    };
    const QByteArray withKey = "X-API-Key: " + key + "\r\n";
    auto headerOf = [](const QByteArray &response, const QByteArray &name) {
      for (const QByteArray &line : response.left(response.indexOf("\r\n\r\n")).split('\n'))
        if (line.toLower().startsWith(name.toLower() + ":"))
          return line.mid(name.size() + 1).trimmed();
      return QByteArray();
    };

    // No Origin (a dashboard's backend, a script): served, no CORS headers.
    QByteArray r = request("GET", "/info", withKey, host);
    QVERIFY2(r.startsWith("HTTP/1.1 200"), r.left(200).constData());
    QVERIFY(!r.toLower().contains("access-control-allow-origin"));
    // The allowed page, spelled as browsers do: its origin echoed, Vary: Origin.
    for (const QByteArray &origin :
         {QByteArray("http://dash.example:3000"), QByteArray("http://DASH.example:3000")}) {
      r = request("GET", "/info", withKey + "Origin: " + origin + "\r\n", host);
      QVERIFY2(r.startsWith("HTTP/1.1 200"), r.left(200).constData());
      QCOMPARE(headerOf(r, "Access-Control-Allow-Origin"), origin);
      QCOMPARE(headerOf(r, "Vary"), QByteArray("Origin"));
    }
    r = request("OPTIONS", "/instances", "Origin: http://dash.example:3000\r\n", host);
    QVERIFY2(r.startsWith("HTTP/1.1 200"), r.left(200).constData());
    QVERIFY(headerOf(r, "Access-Control-Allow-Headers").contains("X-API-Key"));

    // Any other page, even with the right key, on every path, and its preflight.
    const QList<QByteArray> hostile = {"http://dash.example:3000.attacker.example",
                                       "http://dash.example.attacker.example:3000",
                                       "http://dash.example",
                                       "https://dash.example:3000",
                                       "http://dash.example:3000/",
                                       "null",
                                       "http://localhost:" + QByteArray::number(m_port),
                                       "http://127.0.0.1.attacker.example"};
    for (const QByteArray &origin : hostile) {
      for (const char *path : {"/info", "/instances", "/openapi.json"}) {
        r = request("GET", path, withKey + "Origin: " + origin + "\r\n", host);
        QVERIFY2(r.startsWith("HTTP/1.1 403"),
                 (origin + " " + path + ": " + r.left(120)).constData());
        QVERIFY(!r.toLower().contains("access-control-allow-origin"));
      }
      r = request("OPTIONS", "/instances", "Origin: " + origin + "\r\n", host);
      QVERIFY2(r.startsWith("HTTP/1.1 403"), origin.constData());
    }
    r = request("GET", "/info",
                withKey + "Origin: http://dash.example:3000\r\nOrigin: http://x.example\r\n", host);
    QVERIFY2(r.startsWith("HTTP/1.1 403"), "two Origin fields");
    // What the attack would do: create an instance. Nothing is created.
    const int before = call("GET", url(QStringLiteral("/instances"))).json.array().size();
    r = request("POST", "/instances", withKey + "Origin: http://attacker.example\r\n", host,
                "{\"url\":\"server://k@:0/127.0.0.1:1\"}");
    QVERIFY2(r.startsWith("HTTP/1.1 403"), r.left(200).constData());
    QCOMPARE(call("GET", url(QStringLiteral("/instances"))).json.array().size(), before);

    // DNS rebinding: the page's own name in Host, or another port.
    for (const QByteArray &h :
         {QByteArray("attacker.example:") + QByteArray::number(m_port),
          QByteArray("127.0.0.1.attacker.example:") + QByteArray::number(m_port),
          QByteArray("127.0.0.1:") + QByteArray::number(quint16(m_port + 1)),
          QByteArray("127.0.0.1")}) {
      r = request("GET", "/info", withKey, h);
      QVERIFY2(r.startsWith("HTTP/1.1 403"), (h + ": " + r.left(120)).constData());
    }
    for (const QByteArray &h : {QByteArray("localhost:") + QByteArray::number(m_port),
                                QByteArray("127.0.0.2:") + QByteArray::number(m_port)}) {
      r = request("GET", "/info", withKey, h);
      QVERIFY2(r.startsWith("HTTP/1.1 200"), (h + ": " + r.left(120)).constData());
    }
  }

  void malformedJsonGets400WithMessage() {
    Reply r = call("POST", url(QStringLiteral("/instances")), "{\"url\": ");
    QCOMPARE(r.status, 400);
    QVERIFY2(r.json.object()
                 .value(QStringLiteral("error"))
                 .toString()
                 .startsWith(QStringLiteral("Invalid request body")),
             r.body);
    r = call("POST", url(QStringLiteral("/instances")), "[1]");
    QCOMPARE(r.status, 400);
    r = call("POST", url(QStringLiteral("/instances")), "{\"url\":\"http://127.0.0.1:1/x\"}");
    QCOMPARE(r.status, 400);
    QVERIFY(r.json.object()
                .value(QStringLiteral("error"))
                .toString()
                .contains(QStringLiteral("scheme")));
    r = call("PATCH", url(QStringLiteral("/instances/nothere")), "{}");
    QCOMPARE(r.status, 404);
  }

  void crud() {
    // A server and a client, both instances of this master, carry 64 KiB to the echo target.
    const mastertest::TunnelPair pair = linkedPair(QStringLiteral("crud"), 0);
    const QString id = pair.serverId;
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{8}$")).match(id).hasMatch());
    QJsonObject inst = getInstance(id);
    QCOMPARE(inst.value(QStringLiteral("alias")).toString(), QStringLiteral("crud-server"));
    QCOMPARE(inst.value(QStringLiteral("type")).toString(), QStringLiteral("server"));
    QCOMPARE(inst.value(QStringLiteral("restart")).toBool(), true);
    QVERIFY(inst.value(QStringLiteral("url")).toString().contains(QStringLiteral("log=info")));
    QVERIFY(inst.value(QStringLiteral("config")).toString().contains(QStringLiteral("max=1024")));
    for (const char *k : {"mode", "ping", "pool", "tcps", "udps", "tcprx", "tcptx", "udprx",
                          "udptx", "meta", "status"})
      QVERIFY2(inst.contains(QLatin1String(k)), k);
    QVERIFY(mastertest::echoThrough(pair.userPort, 64 * 1024));
    // Counters straight from the in-process engines.
    QTRY_VERIFY_WITH_TIMEOUT(getInstance(id).value(QStringLiteral("tcprx")).toInt() >= 64 * 1024,
                             5000);
    QVERIFY(getInstance(id).value(QStringLiteral("tcptx")).toInt() >= 64 * 1024);
    QVERIFY(getInstance(pair.clientId).value(QStringLiteral("tcprx")).toInt() >= 64 * 1024);
    QCOMPARE(getInstance(id).value(QStringLiteral("status")).toString(), QStringLiteral("running"));
    QCOMPARE(getInstance(id).value(QStringLiteral("mode")).toInt(), 1);
    QCOMPARE(getInstance(pair.clientId).value(QStringLiteral("mode")).toInt(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(getInstance(pair.clientId).value(QStringLiteral("pool")).toInt() >= 1,
                             5000);

    // The list never carries the API key.
    const Reply list = call("GET", url(QStringLiteral("/instances")));
    QCOMPARE(list.status, 200);
    QVERIFY(!list.body.contains(apiKey()));
    // The API key entry is listed as NodePass does, but blanked.
    QCOMPARE(list.json.array().at(0)[QStringLiteral("id")].toString(), QStringLiteral("********"));
    QCOMPARE(list.json.array().at(0)[QStringLiteral("url")].toString(), QString());
    bool listed = false;
    for (const QJsonValue &v : list.json.array())
      listed |= v[QStringLiteral("id")].toString() == id;
    QVERIFY(listed);

    Reply r = call("PATCH", url(QStringLiteral("/instances/") + id),
                   "{\"alias\":\"renamed\",\"restart\":false,\"meta\":{\"peer\":{\"sid\":\"s1\"},"
                   "\"tags\":{\"env\":\"test\"}}}");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.object().value(QStringLiteral("alias")).toString(), QStringLiteral("renamed"));
    QCOMPARE(r.json.object().value(QStringLiteral("restart")).toBool(), false);
    QCOMPARE(r.json.object()[QStringLiteral("meta")][QStringLiteral("tags")][QStringLiteral("env")]
                 .toString(),
             QStringLiteral("test"));
    QCOMPARE(r.json.object()[QStringLiteral("meta")][QStringLiteral("peer")][QStringLiteral("sid")]
                 .toString(),
             QStringLiteral("s1"));
    QCOMPARE(
        call("PATCH", url(QStringLiteral("/instances/") + id), "{\"action\":\"explode\"}").status,
        400);
    QCOMPARE(call("PATCH", url(QStringLiteral("/instances/") + id),
                  "{\"alias\":\"" + QByteArray(300, 'a') + "\"}")
                 .status,
             400);

    r = call("PATCH", url(QStringLiteral("/instances/") + id), "{\"action\":\"reset\"}");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.object().value(QStringLiteral("tcprx")).toInt(), 0);
    // Counting goes on from zero.
    QVERIFY(mastertest::echoThrough(pair.userPort, 1000));
    QTRY_VERIFY_WITH_TIMEOUT(getInstance(id).value(QStringLiteral("tcprx")).toInt() >= 1000, 5000);
    QVERIFY(getInstance(id).value(QStringLiteral("tcprx")).toInt() < 64 * 1024);

    QCOMPARE(call("PATCH", url(QStringLiteral("/instances/") + id), "{\"action\":\"stop\"}").status,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(getInstance(id).value(QStringLiteral("status")).toString(),
                              QStringLiteral("stopped"), 8000);
    // Stopped means stopped: nothing listens for users any more.
    QCOMPARE(testnet::connectTo("127.0.0.1", pair.userPort), -1);
    const int before = getInstance(id).value(QStringLiteral("tcprx")).toInt();
    QCOMPARE(
        call("PATCH", url(QStringLiteral("/instances/") + id), "{\"action\":\"start\"}").status,
        200);
    QTRY_COMPARE_WITH_TIMEOUT(getInstance(id).value(QStringLiteral("status")).toString(),
                              QStringLiteral("running"), 8000);
    QCOMPARE(
        call("PATCH", url(QStringLiteral("/instances/") + id), "{\"action\":\"restart\"}").status,
        200);
    QTRY_COMPARE_WITH_TIMEOUT(getInstance(id).value(QStringLiteral("status")).toString(),
                              QStringLiteral("running"), 8000);
    // Traffic is kept across the instance's restarts and carries on.
    QVERIFY(mastertest::echoThrough(pair.userPort, 2000));
    QTRY_VERIFY_WITH_TIMEOUT(
        getInstance(id).value(QStringLiteral("tcprx")).toInt() >= before + 2000, 5000);

    const QString sameUrl = getInstance(id).value(QStringLiteral("url")).toString();
    QCOMPARE(call("PUT", url(QStringLiteral("/instances/") + id),
                  QJsonDocument(QJsonObject{{QStringLiteral("url"), sameUrl}}).toJson())
                 .status,
             409);
    r = call("PUT", url(QStringLiteral("/instances/") + id),
             QStringLiteral("{\"url\":\"client://k@127.0.0.1:%1/127.0.0.1:%2?mode=2\"}")
                 .arg(freePort())
                 .arg(freePort())
                 .toLatin1());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.object().value(QStringLiteral("type")).toString(), QStringLiteral("client"));
    QVERIFY(r.json.object().value(QStringLiteral("tcprx")).toInt() >= before + 2000);

    QCOMPARE(call("DELETE", url(QStringLiteral("/instances/") + id)).status, 204);
    QCOMPARE(call("GET", url(QStringLiteral("/instances/") + id)).status, 404);
    QCOMPARE(call("DELETE", url(QStringLiteral("/instances/") + pair.clientId)).status, 204);
    QCOMPARE(call("DELETE", url(QStringLiteral("/instances/********"))).status, 403);
  }

  // NodePass checks a URL only when its child process fails; ours runs in process, so a URL
  // that cannot run is refused with the parser's reason before it is stored.
  void unusableTunnelUrlRefused() {
    Reply r = call("POST", url(QStringLiteral("/instances")),
                   "{\"url\":\"server://k@127.0.0.1:1/127.0.0.1:2?tls=7\"}");
    QCOMPARE(r.status, 400);
    QVERIFY2(
        r.json.object().value(QStringLiteral("error")).toString().contains(QStringLiteral("tls")),
        r.body.constData());
    r = call("POST", url(QStringLiteral("/instances")),
             "{\"url\":\"client://k@127.0.0.1:0/127.0.0.1:2\"}");
    QCOMPARE(r.status, 400);
    for (const QJsonValue &v : call("GET", url(QStringLiteral("/instances"))).json.array())
      QVERIFY(!v[QStringLiteral("url")].toString().contains(QStringLiteral("tls=7")));
  }

  // The pool transport and the PROXY version are part of an instance's URL: the master keeps
  // them in `url` and shows them in `config`, and refuses values NodePass has not got.
  void transportAndProxyCarried() {
    const QString u = QStringLiteral("server://k@127.0.0.1:%1/127.0.0.1:%2?tls=1&type=2&proxy=2")
                          .arg(mastertest::freePort())
                          .arg(m_echo->port());
    const QString id = createInstance(u, QStringLiteral("transport"));
    QVERIFY(!id.isEmpty());
    const QJsonObject inst = getInstance(id);
    const QString instUrl = inst.value(QStringLiteral("url")).toString();
    QVERIFY2(instUrl.contains(QStringLiteral("type=2")), qPrintable(instUrl));
    QVERIFY2(instUrl.contains(QStringLiteral("proxy=2")), qPrintable(instUrl));
    const QString config = inst.value(QStringLiteral("config")).toString();
    QVERIFY2(config.contains(QStringLiteral("type=2")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("proxy=2")), qPrintable(config));
    QCOMPARE(call("DELETE", url(QStringLiteral("/instances/") + id)).status, 204);
    for (const char *bad : {"type=4", "proxy=3"}) {
      const Reply r =
          call("POST", url(QStringLiteral("/instances")),
               QByteArray("{\"url\":\"server://k@127.0.0.1:1/127.0.0.1:2?") + bad + "\"}");
      QCOMPARE(r.status, 400);
      QVERIFY2(r.json.object()
                   .value(QStringLiteral("error"))
                   .toString()
                   .contains(QLatin1String(QByteArray(bad).left(QByteArray(bad).indexOf('=')))),
               r.body.constData());
    }
  }

  // NodePass semantics observed on v1.14.0: `meta.peer` is replaced whole and its null values
  // become ""; null `alias`, `restart`, `meta`, `peer` or `tags` leave the field as it was.
  void patchNullsAsNodePass() {
    const QString id = createInstance(QStringLiteral("client://k@127.0.0.1:%1/127.0.0.1:%2?mode=2")
                                          .arg(freePort())
                                          .arg(freePort()),
                                      QStringLiteral("nulls"));
    const QString path = QStringLiteral("/instances/") + id;
    Reply r = call("PATCH", url(path),
                   "{\"meta\":{\"peer\":{\"sid\":\"a\",\"type\":\"1\",\"alias\":\"x\"},"
                   "\"tags\":{\"k\":\"v\"}}}");
    QCOMPARE(r.status, 200);
    r = call("PATCH", url(path),
             "{\"meta\":{\"peer\":{\"sid\":\"b\",\"type\":\"0\",\"alias\":null}}}");
    QCOMPARE(r.status, 200);
    QJsonObject peer = r.json.object()[QStringLiteral("meta")][QStringLiteral("peer")].toObject();
    QCOMPARE(peer.value(QStringLiteral("sid")).toString(), QStringLiteral("b"));
    QCOMPARE(peer.value(QStringLiteral("type")).toString(), QStringLiteral("0"));
    QVERIFY(peer.value(QStringLiteral("alias")).isString());
    QCOMPARE(peer.value(QStringLiteral("alias")).toString(), QString());
    r = call("PATCH", url(path), "{\"meta\":{\"peer\":{\"sid\":\"c\"}}}");
    peer = r.json.object()[QStringLiteral("meta")][QStringLiteral("peer")].toObject();
    QCOMPARE(peer.value(QStringLiteral("type")).toString(), QString());  // replaced whole
    r = call("PATCH", url(path),
             "{\"alias\":null,\"restart\":null,\"meta\":{\"peer\":null,\"tags\":null}}");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.object().value(QStringLiteral("alias")).toString(), QStringLiteral("nulls"));
    QCOMPARE(r.json.object()[QStringLiteral("meta")][QStringLiteral("peer")][QStringLiteral("sid")]
                 .toString(),
             QStringLiteral("c"));
    QCOMPARE(r.json.object()[QStringLiteral("meta")][QStringLiteral("tags")][QStringLiteral("k")]
                 .toString(),
             QStringLiteral("v"));
    r = call("PATCH", url(path), "{\"meta\":{\"tags\":{\"n\":null}}}");
    QCOMPARE(r.json.object()[QStringLiteral("meta")][QStringLiteral("tags")].toObject(),
             QJsonObject({{QStringLiteral("n"), QString()}}));
    // Wrong types are still refused (NodePass ignores them silently).
    QCOMPARE(call("PATCH", url(path), "{\"meta\":{\"peer\":{\"sid\":5}}}").status, 400);
    QCOMPARE(call("PATCH", url(path), "{\"restart\":\"yes\"}").status, 400);
    QCOMPARE(call("DELETE", url(path)).status, 204);
  }

  // ps shows every process's argv to every local user: with instances running, no process on
  // the machine has a tunnel key or the API key on its command line.
  void noKeyOnAnyCommandLine() {
    const mastertest::TunnelPair pair = linkedPair(QStringLiteral("ps"), 1000);
    QTRY_COMPARE_WITH_TIMEOUT(getInstance(pair.clientId).value(QStringLiteral("status")).toString(),
                              QStringLiteral("running"), 5000);
    int scanned = 0;
    for (const QFileInfo &proc :
         QDir(QStringLiteral("/proc")).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
      bool numeric = false;
      proc.fileName().toLongLong(&numeric);
      if (!numeric) continue;
      QFile cmdline(proc.filePath() + QStringLiteral("/cmdline"));
      if (!cmdline.open(QIODevice::ReadOnly)) continue;  // the process has just ended
      const QByteArray argv = cmdline.readAll();
      ++scanned;
      QVERIFY2(!argv.contains(pair.key), qPrintable(proc.filePath()));
      QVERIFY2(!argv.contains(apiKey()), qPrintable(proc.filePath()));
    }
    QVERIFY(scanned > 1);
    // The master itself is one of them, and it is the one running the instances.
    QFile master(QStringLiteral("/proc/%1/cmdline").arg(m_master.processId()));
    QVERIFY(master.open(QIODevice::ReadOnly));
    QVERIFY(master.readAll().contains("master://"));
    for (const QString &id : {pair.serverId, pair.clientId})
      QCOMPARE(call("DELETE", url(QStringLiteral("/instances/") + id)).status, 204);
  }

  // NodePass pings at once when a tunnel's control channel is up, so its first CHECK_POINT (pool,
  // mode) reaches the master one round trip later, not one report interval later. With a 30 s
  // interval, an `update` carrying the mode within 15 s can only come from that first one. Its
  // pool may still be 0: the pool fills beside the control channel, and on a loaded machine the
  // pong can win that race (a CI run did), so only the field's presence is required.
  void firstCheckPointAtOnce() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    mastertest::Master slow;
    QVERIFY(slow.start(dir.path(), QStringLiteral("log=warn"), 0,
                       {{QStringLiteral("NP_REPORT_INTERVAL"), QStringLiteral("30s")}}));
    QNetworkRequest req(slow.url(QStringLiteral("/events")));
    req.setRawHeader("X-API-Key", slow.apiKey());
    QNetworkReply *stream = m_nam.get(req);
    QByteArray received;
    connect(stream, &QNetworkReply::readyRead, this, [&] { received += stream->readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"type\":\"initial\""), 5000);
    const mastertest::TunnelPair pair = mastertest::createPair(m_nam, slow, m_echo->port());
    auto reported = [&] {
      for (const QByteArray &line : received.split('\n')) {
        if (!line.startsWith("data: ")) continue;
        const QJsonObject e = QJsonDocument::fromJson(line.mid(6)).object();
        const QJsonObject i = e[QStringLiteral("instance")].toObject();
        if (e[QStringLiteral("type")].toString() == QLatin1String("update") &&
            i[QStringLiteral("id")].toString() == pair.clientId &&
            i.contains(QStringLiteral("pool")) && i[QStringLiteral("mode")].toInt() == 2)
          return true;
      }
      return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(reported(), 15000);
    stream->abort();
    stream->deleteLater();
    slow.stop();
  }

  // The key is never logged; the log says once where it is and how to print it.
  void keyFileAnnouncedAndPrintable() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString state = dir.filePath(QStringLiteral("fresh"));
    mastertest::Master m;
    QVERIFY(m.start(state));
    QTest::qWait(200);
    QByteArray log = m.stop();
    QVERIFY2(log.contains("API key created in " + state.toUtf8() + "/master.json"),
             log.constData());
    QVERIFY2(log.contains("routeless-node master-key --dir " + state.toUtf8()), log.constData());
    QVERIFY(!log.contains(m.apiKey()));
    QCOMPARE(QFile::permissions(state) & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                          QFileDevice::ExeGroup | QFileDevice::ExeOther),
             QFileDevice::Permissions());
    QVERIFY(m.start(state));
    log = m.stop();
    QVERIFY2(log.contains("API key kept in " + state.toUtf8()), log.constData());
    QVERIFY(!log.contains(m.apiKey()));

    QProcess printer;
    printer.start(QStringLiteral(ROUTELESS_NODE_BIN),
                  {QStringLiteral("master-key"), QStringLiteral("--dir"), state});
    QVERIFY(printer.waitForFinished(10000));
    QCOMPARE(printer.exitCode(), 0);
    QCOMPARE(printer.readAllStandardOutput().trimmed(), m.apiKey());
    // Through the environment as the master finds it, and a clear error where there is none.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ROUTELESS_MASTER_DIR"), state);
    printer.setProcessEnvironment(env);
    printer.start(QStringLiteral(ROUTELESS_NODE_BIN), {QStringLiteral("master-key")});
    QVERIFY(printer.waitForFinished(10000));
    QCOMPARE(printer.readAllStandardOutput().trimmed(), m.apiKey());
    printer.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    printer.start(QStringLiteral(ROUTELESS_NODE_BIN),
                  {QStringLiteral("master-key"), QStringLiteral("--dir"), dir.filePath("none")});
    QVERIFY(printer.waitForFinished(10000));
    QCOMPARE(printer.exitCode(), 1);
    QVERIFY(printer.readAllStandardError().contains("master.json"));
  }

  void infoAndTcping() {
    Reply r = call("GET", url(QStringLiteral("/info")));
    QCOMPARE(r.status, 200);
    const QJsonObject info = r.json.object();
    for (const char *k :
         {"mid",        "alias",     "os",     "arch",  "cpu",   "mem_total", "mem_used",
          "swap_total", "swap_used", "netrx",  "nettx", "diskr", "diskw",     "sysup",
          "ver",        "name",      "uptime", "log",   "tls",   "crt",       "key"})
      QVERIFY2(info.contains(QLatin1String(k)), k);
    QCOMPARE(info.value(QStringLiteral("tls")).toString(), QStringLiteral("0"));
    // A NodePass version with ours as its pre-release tag; ours also on its own.
    QCOMPARE(info.value(QStringLiteral("ver")).toString(),
             QStringLiteral("v1.14.0-routeless.") + QStringLiteral(ROUTELESS_VERSION));
    QCOMPARE(info.value(QStringLiteral("routeless")).toString(), QStringLiteral(ROUTELESS_VERSION));
    r = call("POST", url(QStringLiteral("/info")), "{\"alias\":\"box\"}");
    QCOMPARE(r.json.object().value(QStringLiteral("alias")).toString(), QStringLiteral("box"));
    r = call("GET", url(QStringLiteral("/tcping?target=127.0.0.1:%1").arg(m_port)));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.object().value(QStringLiteral("connected")).toBool(), true);
    QVERIFY(r.json.object().value(QStringLiteral("error")).isNull());
    r = call("GET", url(QStringLiteral("/tcping?target=127.0.0.1:%1").arg(freePort())));
    QCOMPARE(r.json.object().value(QStringLiteral("connected")).toBool(), false);
    QVERIFY(r.json.object().value(QStringLiteral("error")).isString());
    QCOMPARE(call("GET", url(QStringLiteral("/tcping"))).status, 400);
    // Targets are read by net::parseHostPort: a bracketed IPv6 address is dialled; an IPv6
    // address without brackets, a port out of range or a name no DNS name looks like is refused
    // with the parser's reason.
    r = call("GET", url(QStringLiteral("/tcping?target=%5B::1%5D:%1").arg(freePort())));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.object().value(QStringLiteral("target")).toString().left(5),
             QStringLiteral("[::1]"));
    for (const char *bad : {"::1:80", "127.0.0.1:65536", "127.0.0.1:", "bad%20host:80", ":80"}) {
      r = call("GET", url(QStringLiteral("/tcping?target=") + QLatin1String(bad)));
      QVERIFY2(r.status == 400, bad);
      QVERIFY2(r.json.object()
                   .value(QStringLiteral("error"))
                   .toString()
                   .contains(QLatin1String("host:port (")),
               bad);
    }
  }

  void sseEventsInOrder() {
    const QString existing = createInstance(
        QStringLiteral("server://k@127.0.0.1:%1/127.0.0.1:%2").arg(freePort()).arg(freePort()),
        QStringLiteral("pre"));
    QNetworkRequest req(url(QStringLiteral("/events")));
    req.setRawHeader("X-API-Key", apiKey());
    QNetworkReply *stream = m_nam.get(req);
    QByteArray received;
    connect(stream, &QNetworkReply::readyRead, this, [&] { received += stream->readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"type\":\"initial\""), 5000);
    QVERIFY(received.startsWith("retry: 3000\n\n"));
    QVERIFY(received.contains("\"id\":\"********\""));  // always one initial event, key blanked
    QCOMPARE(stream->header(QNetworkRequest::ContentTypeHeader).toString(),
             QStringLiteral("text/event-stream"));

    const QString id = createInstance(QStringLiteral("client://k@127.0.0.1:%1/127.0.0.1:%2?mode=2")
                                          .arg(freePort())
                                          .arg(freePort()),
                                      QStringLiteral("watched"));
    QCOMPARE(
        call("PATCH", url(QStringLiteral("/instances/") + id), "{\"alias\":\"watched2\"}").status,
        200);
    QCOMPARE(call("DELETE", url(QStringLiteral("/instances/") + id)).status, 204);
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("\"type\":\"delete\""), 5000);

    // Parse the events of `id` in arrival order.
    QStringList types;
    for (const QByteArray &block : received.split('\n')) {
      if (!block.startsWith("data: ")) continue;
      const QJsonObject e = QJsonDocument::fromJson(block.mid(6)).object();
      if (e[QStringLiteral("instance")][QStringLiteral("id")].toString() == id)
        types << e[QStringLiteral("type")].toString();
    }
    QVERIFY2(types.size() >= 3, qPrintable(types.join(QLatin1Char(','))));
    QCOMPARE(types.first(), QStringLiteral("create"));
    QCOMPARE(types.last(), QStringLiteral("delete"));
    QVERIFY(types.contains(QStringLiteral("update")));
    QVERIFY(received.contains("\"alias\":\"watched2\""));
    QVERIFY(received.contains("event: instance\ndata: "));
    QVERIFY(!received.contains(apiKey()));
    stream->abort();
    stream->deleteLater();
    QCOMPARE(call("DELETE", url(QStringLiteral("/instances/") + existing)).status, 204);
  }

  void restartRestoresInstances() {
    const mastertest::TunnelPair pair = linkedPair(QStringLiteral("keep"), 20000);
    const QString keep = pair.serverId;
    const QString idle = createInstance(
        QStringLiteral("server://k@127.0.0.1:%1/127.0.0.1:%2").arg(freePort()).arg(freePort()),
        QStringLiteral("idle"));
    QCOMPARE(call("PATCH", url(QStringLiteral("/instances/") + idle),
                  "{\"restart\":false,\"action\":\"stop\"}")
                 .status,
             200);
    QTRY_VERIFY_WITH_TIMEOUT(getInstance(keep).value(QStringLiteral("tcprx")).toInt() >= 20000,
                             5000);
    const QByteArray key = apiKey();
    stopMaster();
    QVERIFY(startMaster());
    QCOMPARE(apiKey(), key);
    const Reply list = call("GET", url(QStringLiteral("/instances")));
    QCOMPARE(list.status, 200);
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &v : list.json.array())
      byId.insert(v[QStringLiteral("id")].toString(), v.toObject());
    QVERIFY(byId.contains(keep));
    QVERIFY(byId.contains(idle));
    QCOMPARE(byId[keep].value(QStringLiteral("alias")).toString(), QStringLiteral("keep-server"));
    QCOMPARE(byId[idle].value(QStringLiteral("restart")).toBool(), false);
    // Traffic survives the restart.
    QVERIFY(byId[keep].value(QStringLiteral("tcprx")).toInt() >= 20000);
    // restart:true instances run again by themselves and link up; restart:false ones do not.
    QTRY_COMPARE_WITH_TIMEOUT(getInstance(keep).value(QStringLiteral("status")).toString(),
                              QStringLiteral("running"), 5000);
    QCOMPARE(getInstance(idle).value(QStringLiteral("status")).toString(),
             QStringLiteral("stopped"));
    QVERIFY(mastertest::echoThrough(pair.userPort, 3000));
    QTRY_VERIFY_WITH_TIMEOUT(getInstance(keep).value(QStringLiteral("tcprx")).toInt() >= 23000,
                             5000);
    for (const QString &id : {pair.serverId, pair.clientId, idle})
      QCOMPARE(call("DELETE", url(QStringLiteral("/instances/") + id)).status, 204);
  }

  void regenerateApiKey() {
    const QByteArray old = apiKey();
    const Reply r =
        call("PATCH", url(QStringLiteral("/instances/********")), "{\"action\":\"restart\"}");
    QCOMPARE(r.status, 200);
    const QByteArray fresh = r.json.object().value(QStringLiteral("url")).toString().toLatin1();
    QCOMPARE(fresh.size(), 32);
    QVERIFY(fresh != old);
    QCOMPARE(apiKey(), fresh);
    QCOMPARE(call("GET", url(QStringLiteral("/instances")), {}, old).status, 401);
    QCOMPARE(call("GET", url(QStringLiteral("/instances")), {}, fresh).status, 200);
  }

  // The dashboard side (core/master/masterclient): instances listed, then followed through
  // /events as someone else creates, changes and deletes them; actions by PATCH.
  void dashboardClientFollowsTheMaster() {
    using routeless::master::MasterClient;
    using routeless::master::MasterInstance;
    const QUrl base = routeless::master::masterApiBase(
        QStringLiteral("http://127.0.0.1:%1").arg(m_port), QStringLiteral("/api"));
    QCOMPARE(base.toString(), QStringLiteral("http://127.0.0.1:%1/api/v1").arg(m_port));
    MasterClient client(base, apiKey());
    auto find = [&client](const QString &id) -> std::optional<MasterInstance> {
      for (const MasterInstance &i : client.instances())
        if (i.id == id) return i;
      return std::nullopt;
    };
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(int(client.state()), int(MasterClient::State::Live), 5000);

    const mastertest::TunnelPair pair = linkedPair(QStringLiteral("dash"), 0);
    const QString id = pair.clientId;
    QTRY_VERIFY_WITH_TIMEOUT(find(id).has_value(), 5000);
    QCOMPARE(find(id)->alias, QStringLiteral("dash-client"));
    QCOMPARE(find(id)->type, QStringLiteral("client"));
    QVERIFY(mastertest::echoThrough(pair.userPort, 5000));
    QTRY_VERIFY_WITH_TIMEOUT(find(id)->tcprx >= 5000, 5000);  // CHECK_POINT -> update event
    for (const MasterInstance &i : client.instances()) QVERIFY(i.id != QLatin1String("********"));

    client.act(id, QStringLiteral("stop"));
    QTRY_COMPARE_WITH_TIMEOUT(find(id)->status, QStringLiteral("stopped"), 5000);
    client.act(id, QStringLiteral("start"));
    // The server lost this client and restarts after its 3 s cooldown; until the client links
    // again and reports, it is `error` (a "Client error:" line), as a NodePass master shows it.
    QTRY_COMPARE_WITH_TIMEOUT(find(id)->status, QStringLiteral("running"), 15000);
    QSignalSpy failed(&client, &MasterClient::actionFailed);
    client.act(QStringLiteral("deadbeef"), QStringLiteral("stop"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
    QVERIFY(failed[0][1].toString().contains(QLatin1String("404")));

    QCOMPARE(call("DELETE", url(QStringLiteral("/instances/") + id)).status, 204);
    QTRY_VERIFY_WITH_TIMEOUT(!find(id).has_value(), 5000);
    QCOMPARE(call("DELETE", url(QStringLiteral("/instances/") + pair.serverId)).status, 204);

    // A wrong key is reported (without the key) and retried later, never a crash.
    MasterClient wrong(base, QByteArray("not-the-key-0123"));
    wrong.start();
    QTRY_COMPARE_WITH_TIMEOUT(int(wrong.state()), int(MasterClient::State::Failed), 5000);
    QVERIFY2(wrong.lastError().contains(QLatin1String("401")), qPrintable(wrong.lastError()));
    QVERIFY(!wrong.lastError().contains(QLatin1String("not-the-key")));
    wrong.stop();

    // The master restarts: the client says so, then follows it again by itself.
    stopMaster();
    QTRY_COMPARE_WITH_TIMEOUT(int(client.state()), int(MasterClient::State::Failed), 5000);
    QVERIFY(startMaster());
    QTRY_COMPARE_WITH_TIMEOUT(int(client.state()), int(MasterClient::State::Live), 10000);
  }

  void dashboardClientTrustsTheFirstCertificate() {
    using routeless::master::MasterClient;
    const quint16 port = freePort();
    QProcess second;
    QVERIFY(startMaster(QStringLiteral("log=warn&tls=1"), port, &second));
    MasterClient client(
        routeless::master::masterApiBase(QStringLiteral("https://127.0.0.1:%1").arg(port),
                                         QStringLiteral("/api")),
        apiKey());
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(int(client.state()), int(MasterClient::State::Live), 5000);
    client.stop();
    stopMaster(&second);
  }

  void tlsModeOne() {
    QProcess second;
    const quint16 port = freePort();
    QVERIFY(startMaster(QStringLiteral("log=warn&tls=1"), port, &second));
    const Reply r = call("GET", url(QStringLiteral("/info"), QStringLiteral("https"), port));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.object().value(QStringLiteral("tls")).toString(), QStringLiteral("1"));
    stopMaster(&second);
  }

  void tlsModeTwo_data() {
    QTest::addColumn<QStringList>("keyArgs");
    QTest::newRow("ecdsa p-256") << QStringList{QStringLiteral("-newkey"), QStringLiteral("ec"),
                                                QStringLiteral("-pkeyopt"),
                                                QStringLiteral("ec_paramgen_curve:P-256")};
    QTest::newRow("rsa 2048") << QStringList{QStringLiteral("-newkey"), QStringLiteral("rsa:2048")};
  }
  void tlsModeTwo() {
    QFETCH(QStringList, keyArgs);
    QTemporaryDir certs;
    QVERIFY(certs.isValid());
    const QString made = makeCertificate(certs.path(), keyArgs);
    QVERIFY2(made.isEmpty(), qPrintable(made));
    const QString crt = certs.filePath(QStringLiteral("master.crt"));
    const QString key = certs.filePath(QStringLiteral("master.key"));
    QFile crtFile(crt);
    QVERIFY(crtFile.open(QIODevice::ReadOnly));
    const QSslCertificate fileCert(crtFile.readAll(), QSsl::Pem);
    QVERIFY(!fileCert.isNull());

    const QString state = certs.filePath(QStringLiteral("state"));
    auto query = [](const QString &crtPath, const QString &keyPath) {
      return QStringLiteral("log=info&tls=2&crt=%1&key=%2")
          .arg(QString::fromLatin1(QUrl::toPercentEncoding(crtPath)),
               QString::fromLatin1(QUrl::toPercentEncoding(keyPath)));
    };
    QProcess master;
    const quint16 port = freePort();
    QVERIFY2(startMaster(query(crt, key), port, &master, state), "the tls=2 master did not start");
    const QUrl info = url(QStringLiteral("/info"), QStringLiteral("https"), port);

    // Verified against the file's certificate as the only CA, name 127.0.0.1 checked.
    TlsReply r = verifiedGet(info, fileCert, apiKey(state));
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("tls")).toString(), QStringLiteral("2"));
    QCOMPARE(r.json.value(QStringLiteral("crt")).toString(), crt);
    QVERIFY2(
        r.peer.digest(QCryptographicHash::Sha256) == fileCert.digest(QCryptographicHash::Sha256),
        "the master serves the certificate from the crt file");
    r = verifiedGet(info, fileCert, QByteArray());
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
             QStringLiteral("Unauthorized: API key required"));
    const QByteArray log = stopMaster(&master);
    QVERIFY2(log.contains("(https)"), log.constData());

    // A crt path that cannot be read: as NodePass, a warning naming the file, then tls=1 with
    // an in-memory certificate (not the file's; the key file alone is no use).
    const QString missing = certs.filePath(QStringLiteral("no-such.crt"));
    QProcess fallback;
    const quint16 port2 = freePort();
    QVERIFY(startMaster(query(missing, key), port2, &fallback, state));
    const Reply plain = call("GET", url(QStringLiteral("/info"), QStringLiteral("https"), port2),
                             {}, apiKey(state));
    QCOMPARE(plain.status, 200);
    QCOMPARE(plain.json.object().value(QStringLiteral("tls")).toString(), QStringLiteral("1"));
    r = verifiedGet(url(QStringLiteral("/info"), QStringLiteral("https"), port2), fileCert,
                    apiKey(state));
    QVERIFY2(!r.error.isEmpty(), "the fallback certificate must not verify as the file's one");
    QVERIFY(r.peer.isNull() || r.peer.digest(QCryptographicHash::Sha256) !=
                                   fileCert.digest(QCryptographicHash::Sha256));
    const QByteArray fallbackLog = stopMaster(&fallback);
    QVERIFY2(fallbackLog.contains("cannot read crt file " + missing.toUtf8()) &&
                 fallbackLog.contains("falling back to tls=1"),
             fallbackLog.constData());

    // A key that is not the certificate's: also a load failure (every handshake would fail).
    QTemporaryDir other;
    QVERIFY(other.isValid());
    QVERIFY(makeCertificate(other.path(), keyArgs).isEmpty());
    const QString wrongKey = other.filePath(QStringLiteral("master.key"));
    QProcess mismatch;
    const quint16 port3 = freePort();
    QVERIFY(startMaster(query(crt, wrongKey), port3, &mismatch, state));
    QCOMPARE(
        call("GET", url(QStringLiteral("/info"), QStringLiteral("https"), port3), {}, apiKey(state))
            .status,
        200);
    const QByteArray mismatchLog = stopMaster(&mismatch);
    QVERIFY2(mismatchLog.contains("does not match the certificate in " + crt.toUtf8()),
             mismatchLog.constData());
  }
};

QTEST_GUILESS_MAIN(TestMaster)
#include "tst_master.moc"
