// The UI protocol end to end: a real `routeless-node daemon` process, the engine it launches and
// real QWebSocket clients on 127.0.0.1; and the attacks on it (issue 10): browser pages from
// hostile origins, DNS rebinding, missing or wrong tokens, a 256 MB message, unmasked frames,
// 500 idle sockets, a FIFO to import, a connection cap; the token never in a log.
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include "control/envelope.h"
#include "control/uiclient.h"
#include "control/uitoken.h"
#include "testnet.h"
#include "uiattack.h"

using namespace routeless::control;

namespace {

const char kManifest[] =
    "hosts:\n"
    "  alpha:\n"
    "    vip: \"127.0.42.100\"\n"
    "    ports: [\"18080:127.0.0.1:80\"]\n"
    "  beta:\n"
    "    cmd: \"ssh nobody@beta.invalid -- routeless-node\"\n"
    "    vip: \"127.0.42.101\"\n"
    "    ports: [\"18081:127.0.0.1:81\", \"5353:127.0.0.1:53/udp\"]\n"
    "routes:\n"
    "  - via: beta\n"
    "    to: [\"192.168.95.0/24\"]\n";

// Two local agents (no `cmd`: the node runs `routeless-node agent` itself). meshA listens on
// the other hosts' VIPs (loopback), meshB has loopback off and forwards 18182 to `port`.
// 127.0.42.181/182 are used by no other test.
QString liveMeshManifest(quint16 port) {
  return QStringLiteral(
             "hosts:\n"
             "  meshA:\n"
             "    vip: \"127.0.42.181\"\n"
             "  meshB:\n"
             "    vip: \"127.0.42.182\"\n"
             "    loopback: {disable: true}\n"
             "    ports: [\"18182:127.0.0.1:%1\"]\n")
      .arg(port);
}

qint64 hostBytes(const QJsonObject &traffic) {
  qint64 sum = 0;
  for (const QJsonValue &h : traffic.value(QStringLiteral("hosts")).toArray())
    sum +=
        qint64(h[QStringLiteral("bytesIn")].toDouble() + h[QStringLiteral("bytesOut")].toDouble());
  return sum;
}

// Peak resident memory of a process, in KiB (VmHWM).
qint64 peakRssKb(qint64 pid) {
  QFile status(QStringLiteral("/proc/%1/status").arg(pid));
  if (!status.open(QIODevice::ReadOnly)) return -1;
  for (const QByteArray &line : status.readAll().split('\n'))
    if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').first().toLongLong();
  return -1;
}

mode_t modeOf(const QString &path) {
  struct stat st {};
  if (::stat(QFile::encodeName(path).constData(), &st) != 0) return mode_t(-1);
  return st.st_mode & 07777;
}

// A process that still runs (a zombie has exited: its parent only has to reap it).
bool processAlive(qint64 pid) {
  QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
  if (!stat.open(QIODevice::ReadOnly)) return false;
  const QByteArray line = stat.readAll();
  const qsizetype paren = line.lastIndexOf(')');
  return paren < 0 || line.mid(paren + 2, 1) != "Z";
}

}  // namespace

class TestControl : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QProcess m_daemon;
  QProcessEnvironment m_env;
  QByteArray m_daemonLog;  // the daemon's stderr, the node's log included
  QString m_tokenFile;
  QByteArray m_token;
  quint16 m_port = 0;
  static constexpr char kAllowedOrigin[] = "http://localhost:8080";

  std::unique_ptr<UiClient> connectUi(quint16 port = 0) {
    auto c = std::make_unique<UiClient>();
    c->setToken(m_token);
    QString error;
    if (!c->connectTo(port ? port : m_port, 5000, &error)) qWarning() << error;
    return c;
  }

  Envelope transact(UiClient &c, const QString &opcode, const QJsonObject &payload = {}) {
    QString error;
    const auto r = c.transact(opcode, payload, 15000, &error);
    if (!r) {
      qWarning() << error;
      return Envelope::failure(Envelope::request(opcode, 0, {}), errc::kTimeout, error);
    }
    return *r;
  }

  // Starts the node through the daemon (idempotent) and returns its pid.
  qint64 ensureNode() {
    auto c = connectUi();
    const Envelope r = transact(*c, QStringLiteral("start"));
    if (r.payload) return qint64(r.payload->value(QStringLiteral("newProcessId")).toDouble());
    if (r.error && r.error->code == errc::kNodeAlreadyRunning) {
      c->setFollowRedirects(true);
      const Envelope s = transact(*c, QStringLiteral("status"));
      return qint64(s.payload.value_or(QJsonObject()).value(QStringLiteral("pid")).toDouble());
    }
    qWarning() << "start failed:" << (r.error ? r.error->message : QString());
    return 0;
  }

  // The running node's UI port (starting it if needed).
  quint16 nodePort() {
    if (ensureNode() <= 0) return 0;
    auto c = connectUi();
    const Envelope s = transact(*c, QStringLiteral("status"));
    return quint16(s.payload.value_or(QJsonObject()).value(QStringLiteral("uiPort")).toInt());
  }

  QProcess *startCtl(const QStringList &args) {
    auto *ctl = new QProcess(this);
    ctl->setProcessEnvironment(m_env);
    ctl->start(QStringLiteral(ROUTELESS_NODE_BIN), QStringList{QStringLiteral("ctl")} + args);
    return ctl;
  }

  void stopNode() {
    auto c = connectUi();
    QString error;
    c->transact(QStringLiteral("shutdown"), {}, 3000, &error);
    // Wait until the daemon reports it stopped.
    for (int i = 0; i < 50; ++i) {
      auto d = connectUi();
      d->setFollowRedirects(false);
      const Envelope r =
          transact(*d, QStringLiteral("setup"), {{QStringLiteral("values"), QJsonArray()}});
      if (r.payload && !r.payload->value(QStringLiteral("running")).toBool()) return;
      QTest::qWait(100);
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QFile m(m_dir.filePath(QStringLiteral("mesh.yaml")));
    QVERIFY(m.open(QIODevice::WriteOnly));
    m.write(kManifest);
    m.close();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    // The token file goes to the default place under this config home: never the user's own.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.remove(QStringLiteral("ROUTELESS_UI_TOKEN_FILE"));
    env.remove(QStringLiteral("ROUTELESS_UI_ALLOW_ORIGIN"));
    // Debug output of the UI server and the daemon too, for secretNeverInLogs.
    env.insert(QStringLiteral("QT_LOGGING_RULES"),
               QStringLiteral("*.debug=false\nrouteless.control.*.debug=true"));
    m_env = env;
    m_tokenFile = m_dir.filePath(QStringLiteral("config/routeless/ui-token"));
    m_daemon.setProcessEnvironment(env);
    connect(&m_daemon, &QProcess::readyReadStandardError, this, [this] {
      const QByteArray chunk = m_daemon.readAllStandardError();
      m_daemonLog += chunk;
      fwrite(chunk.constData(), 1, size_t(chunk.size()), stderr);
    });
    m_port = testnet::freePort();
    m_daemon.start(QStringLiteral(ROUTELESS_NODE_BIN),
                   {QStringLiteral("daemon"), QStringLiteral("--ui-port"), QString::number(m_port),
                    QStringLiteral("--ui-allow-origin"), QString::fromLatin1(kAllowedOrigin)});
    QVERIFY(m_daemon.waitForStarted());
    bool up = false;
    for (int i = 0; i < 100 && !up; ++i) {
      QTcpSocket probe;
      probe.connectToHost(QHostAddress::LocalHost, m_port);
      up = probe.waitForConnected(100);
      if (!up) QTest::qWait(50);
    }
    QVERIFY2(up, "the daemon did not start listening");
    QString error;
    const auto token = UiTokenFile::read(m_tokenFile, &error);
    QVERIFY2(token, qPrintable(error));
    m_token = *token;
  }

  void cleanupTestCase() {
    m_daemon.terminate();
    if (!m_daemon.waitForFinished(8000)) m_daemon.kill();
    QCOMPARE(m_daemon.exitStatus(), QProcess::NormalExit);
  }

  void refusesMissingOrWrongSubprotocol_data() {
    QTest::addColumn<QStringList>("offered");
    QTest::newRow("none") << QStringList();
    QTest::newRow("older name") << QStringList{QStringLiteral("Routeless-UI")};
    QTest::newRow("other") << QStringList{QStringLiteral("MASQNode-UIv2")};
  }
  void refusesMissingOrWrongSubprotocol() {
    QFETCH(QStringList, offered);
    QWebSocket ws;
    QWebSocketHandshakeOptions o;
    o.setSubprotocols(offered);
    QSignalSpy connected(&ws, &QWebSocket::connected);
    QSignalSpy disconnected(&ws, &QWebSocket::disconnected);
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_port)));
    request.setRawHeader("Authorization", "Bearer " + m_token);
    ws.open(request, o);
    QTRY_VERIFY_WITH_TIMEOUT(disconnected.count() > 0, 5000);
    QCOMPARE(connected.count(), 0);

    // And at the HTTP level: a 400, never a 101.
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(raw.waitForConnected(2000));
    raw.write(uiattack::upgradeRequest(m_port, {uiattack::bearer(m_token)},
                                       offered.join(QStringLiteral(", ")).toLatin1()));
    QTRY_VERIFY_WITH_TIMEOUT(
        raw.bytesAvailable() > 0 || raw.state() != QAbstractSocket::ConnectedState, 3000);
    const QByteArray answer = raw.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
  }

  void acceptsAndEchoesSubprotocol() {
    QWebSocket ws;
    QWebSocketHandshakeOptions o;
    // The token as a subprotocol value, as a script without header control would send it.
    o.setSubprotocols({QStringLiteral("chat"), QString::fromLatin1(kUiSubprotocol),
                       QStringLiteral("routeless-auth.") + QString::fromLatin1(m_token)});
    QSignalSpy connected(&ws, &QWebSocket::connected);
    ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_port)), o);
    QTRY_VERIFY_WITH_TIMEOUT(connected.count() == 1, 5000);
    QCOMPARE(ws.subprotocol(), QString::fromLatin1(kUiSubprotocol));

    const QByteArray answer =
        uiattack::handshake(m_port, uiattack::upgradeRequest(m_port, {uiattack::bearer(m_token)}));
    QVERIFY2(answer.startsWith("HTTP/1.1 101"), answer.constData());
    QVERIFY2(answer.contains("\r\nSec-WebSocket-Protocol: Routeless-UIv1\r\n"), answer.constData());
    // Only Routeless-UIv1 comes back, never the token.
    const QByteArray both = uiattack::handshake(
        m_port, uiattack::upgradeRequest(m_port, {}, "Routeless-UIv1, routeless-auth." + m_token));
    QVERIFY2(both.startsWith("HTTP/1.1 101"), both.constData());
    QCOMPARE(both.count("Sec-WebSocket-Protocol"), 1);
    QVERIFY(!both.contains(m_token));
  }

  void unmarshalTableOnTheWire_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expect");  // "unmarshalError" or "errorReply"
    QTest::newRow("not json") << QByteArray("booga") << QStringLiteral("unmarshalError");
    QTest::newRow("root array") << QByteArray("[]") << QStringLiteral("unmarshalError");
    QTest::newRow("no opcode") << QByteArray("{\"contextId\": 1, \"payload\": {}}")
                               << QStringLiteral("unmarshalError");
    QTest::newRow("opcode not string")
        << QByteArray("{\"opcode\": 1, \"contextId\": 1, \"payload\": {}}")
        << QStringLiteral("unmarshalError");
    QTest::newRow("negative contextId")
        << QByteArray("{\"opcode\": \"status\", \"contextId\": -1, \"payload\": {}}")
        << QStringLiteral("unmarshalError");
    QTest::newRow("float contextId")
        << QByteArray("{\"opcode\": \"status\", \"contextId\": 2.5, \"payload\": {}}")
        << QStringLiteral("unmarshalError");
    QTest::newRow("payload null")
        << QByteArray("{\"opcode\": \"status\", \"contextId\": 41, \"payload\": null}")
        << QStringLiteral("errorReply");
    QTest::newRow("payload array")
        << QByteArray("{\"opcode\": \"status\", \"contextId\": 41, \"payload\": []}")
        << QStringLiteral("errorReply");
    QTest::newRow("error not object")
        << QByteArray("{\"opcode\": \"status\", \"contextId\": 41, \"error\": 1}")
        << QStringLiteral("errorReply");
    QTest::newRow("error without code")
        << QByteArray(
               "{\"opcode\": \"status\", \"contextId\": 41, \"error\": {\"message\": \"x\"}}")
        << QStringLiteral("errorReply");
    QTest::newRow("neither") << QByteArray("{\"opcode\": \"setup\", \"contextId\": 41}")
                             << QStringLiteral("errorReply");
    QTest::newRow("neither, no contextId")
        << QByteArray("{\"opcode\": \"shutdown\"}") << QStringLiteral("unmarshalError");
    QTest::newRow("payload null, no contextId")
        << QByteArray("{\"opcode\": \"status\", \"payload\": null}")
        << QStringLiteral("unmarshalError");
  }
  void unmarshalTableOnTheWire() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expect);
    auto c = connectUi();
    QVERIFY(c->isConnected());
    QSignalSpy got(c.get(), &UiClient::messageReceived);
    c->sendRawText(QString::fromUtf8(text));
    QTRY_VERIFY_WITH_TIMEOUT(got.count() >= 1, 5000);
    const auto e = got.first().first().value<Envelope>();
    if (expect == QLatin1String("unmarshalError")) {
      QCOMPARE(e.opcode, QStringLiteral("unmarshalError"));
      QVERIFY(!e.contextId);
      QCOMPARE(e.payload->value(QStringLiteral("badData")).toString(), QString::fromUtf8(text));
      QVERIFY(!e.payload->value(QStringLiteral("message")).toString().isEmpty());
    } else {
      QCOMPARE(*e.contextId, quint64(41));
      QVERIFY(e.error);
      QCOMPARE(e.error->code, errc::kUnmarshal);
    }
    // The connection survives and still answers.
    QVERIFY(c->isConnected());
    c->setFollowRedirects(false);
    const Envelope r =
        transact(*c, QStringLiteral("setup"), {{QStringLiteral("values"), QJsonArray()}});
    QVERIFY(r.payload);
  }

  void contextIdEchoAnd64BitCodes_data() {
    QTest::addColumn<quint64>("contextId");
    QTest::newRow("0") << quint64(0);
    QTest::newRow("2^53+1") << quint64((1ULL << 53) + 1);
    QTest::newRow("2^64-1") << ~quint64(0);
  }
  void contextIdEchoAnd64BitCodes() {
    QFETCH(quint64, contextId);
    stopNode();
    auto c = connectUi();
    c->setNextContextId(contextId);
    const Envelope r = transact(*c, QStringLiteral("descriptor"));
    QCOMPARE(*r.contextId, contextId);
    QVERIFY(r.error);
    QCOMPARE(r.error->code, errc::kNodeNotRunning);  // 0x8000000000000002
    QCOMPARE(r.error->message,
             QStringLiteral("Cannot handle descriptor request: Node is not running"));
  }

  void fireAndForgetWhileStoppedIsUndelivered() {
    stopNode();
    auto c = connectUi();
    c->sendRawText(QStringLiteral("{\"opcode\": \"crash\", \"payload\": {}}"));
    const auto e = c->waitForBroadcast(QStringLiteral("undelivered"), 5000);
    QVERIFY(e);
    QCOMPARE(e->payload->value(QStringLiteral("opcode")).toString(), QStringLiteral("crash"));
  }

  void setupBroadcastsToOtherUis() {
    stopNode();
    auto a = connectUi();
    auto b = connectUi();
    const Envelope r = transact(
        *a, QStringLiteral("setup"),
        {{QStringLiteral("values"),
          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("traffic-interval")},
                                 {QStringLiteral("value"), QStringLiteral("300")}}}}});
    QVERIFY(r.payload);
    const auto seen = b->waitForBroadcast(QStringLiteral("setup"), 3000);
    QVERIFY2(seen, "the other UI gets the setup broadcast");
    QVERIFY(!a->waitForBroadcast(QStringLiteral("setup"), 300));  // not the requester
  }

  void setupFrozenWhileRunning() {
    stopNode();
    auto c = connectUi();
    c->setFollowRedirects(false);
    auto set = [&](const QString &name, const QString &value) {
      return transact(
          *c, QStringLiteral("setup"),
          {{QStringLiteral("values"), QJsonArray{QJsonObject{{QStringLiteral("name"), name},
                                                             {QStringLiteral("value"), value}}}}});
    };
    Envelope r = set(QStringLiteral("autostart"), QStringLiteral("false"));
    QCOMPARE(r.payload->value(QStringLiteral("running")).toBool(), false);
    r = set(QStringLiteral("log-level"), QStringLiteral("warn"));
    const Envelope started = transact(*c, QStringLiteral("start"));
    QVERIFY2(started.payload, started.error ? qPrintable(started.error->message) : "");
    QVERIFY(started.payload->value(QStringLiteral("redirectUiPort")).toInt() > 0);
    QVERIFY(started.payload->value(QStringLiteral("newProcessId")).toInt() > 0);
    r = set(QStringLiteral("log-level"), QStringLiteral("debug"));
    QCOMPARE(r.payload->value(QStringLiteral("running")).toBool(), true);
    bool found = false;
    for (const QJsonValue &v : r.payload->value(QStringLiteral("values")).toArray()) {
      if (v[QStringLiteral("name")] == QStringLiteral("log-level")) {
        found = true;
        QCOMPARE(v[QStringLiteral("value")].toString(), QStringLiteral("warn"));
        QCOMPARE(v[QStringLiteral("status")].toString(), QStringLiteral("Set"));
      }
    }
    QVERIFY(found);
    const Envelope again = transact(*c, QStringLiteral("start"));
    QVERIFY(again.error);
    QCOMPARE(again.error->code, errc::kNodeAlreadyRunning);
  }

  void redirectIsSentAndFollowed() {
    const qint64 pid = ensureNode();
    QVERIFY(pid > 0);
    // Without following: the raw redirect, contextId exact.
    auto raw = connectUi();
    raw->setFollowRedirects(false);
    raw->sendRawText(QStringLiteral(
        "{\"opcode\": \"status\", \"contextId\": 18446744073709551615, \"payload\": {\"x\": 1}}"));
    const auto redirect = raw->waitForBroadcast(QStringLiteral("redirect"), 5000);
    QVERIFY(redirect);
    QCOMPARE(redirect->payload->value(QStringLiteral("opcode")).toString(),
             QStringLiteral("status"));
    QVERIFY(redirect->payload->value(QStringLiteral("port")).toInt() > 0);
    QCOMPARE(QJsonDocument::fromJson(
                 redirect->payload->value(QStringLiteral("payload")).toString().toUtf8())
                 .object()
                 .value(QStringLiteral("x"))
                 .toInt(),
             1);
    // Following: the answer comes from the node, with the same contextId.
    auto c = connectUi();
    c->setNextContextId(1ULL << 60);
    const Envelope r = transact(*c, QStringLiteral("status"));
    QVERIFY2(r.payload, r.error ? qPrintable(r.error->message) : "");
    QCOMPARE(*r.contextId, 1ULL << 60);
    QCOMPARE(qint64(r.payload->value(QStringLiteral("pid")).toDouble()), pid);
    QVERIFY(c->currentPort() != m_port);
  }

  void ctlFollowsRedirectAndPrintsJson() {
    QVERIFY(ensureNode() > 0);
    QProcess ctl;
    ctl.setProcessEnvironment(m_env);
    ctl.start(QStringLiteral(ROUTELESS_NODE_BIN),
              {QStringLiteral("ctl"), QStringLiteral("--ui-port"), QString::number(m_port),
               QStringLiteral("status")});
    QVERIFY(ctl.waitForFinished(20000));
    QCOMPARE(ctl.exitCode(), 0);
    const UnmarshalResult r = unmarshal(ctl.readAllStandardOutput().trimmed());
    QCOMPARE(int(r.severity), int(UnmarshalSeverity::None));
    QCOMPARE(r.envelope.payload->value(QStringLiteral("state")).toString(),
             QStringLiteral("running"));
  }

  void ctlWithoutDaemonFailsClearly() {
    QProcess ctl;
    ctl.setProcessEnvironment(m_env);
    ctl.start(QStringLiteral(ROUTELESS_NODE_BIN),
              {QStringLiteral("ctl"), QStringLiteral("--ui-port"),
               QString::number(testnet::freePort()), QStringLiteral("status")});
    QVERIFY(ctl.waitForFinished(20000));
    QCOMPARE(ctl.exitCode(), 1);
    QVERIFY(ctl.readAllStandardError().contains("routeless-node daemon"));
  }

  void nodeOpcodes() {
    QVERIFY(ensureNode() > 0);
    auto c = connectUi();
    // Mesh profile: hosts, forwards, routes, export.
    Envelope r = transact(*c, QStringLiteral("profileImport"),
                          {{QStringLiteral("path"), m_dir.filePath(QStringLiteral("mesh.yaml"))}});
    QVERIFY2(r.payload, r.error ? qPrintable(r.error->message) : "");
    QCOMPARE(r.payload->value(QStringLiteral("hosts")).toInt(), 2);
    r = transact(*c, QStringLiteral("hosts"));
    QCOMPARE(r.payload->value(QStringLiteral("hosts")).toArray().size(), 2);
    QCOMPARE(
        r.payload->value(QStringLiteral("hosts")).toArray().at(1)[QStringLiteral("vip")].toString(),
        QStringLiteral("127.0.42.101"));
    r = transact(*c, QStringLiteral("forwards"));
    QCOMPARE(r.payload->value(QStringLiteral("forwards")).toArray().size(), 3);
    r = transact(*c, QStringLiteral("routes"));
    QCOMPARE(r.payload->value(QStringLiteral("configured"))
                 .toArray()
                 .at(0)[QStringLiteral("via")]
                 .toString(),
             QStringLiteral("beta"));
    r = transact(*c, QStringLiteral("profileExport"),
                 {{QStringLiteral("format"), QStringLiteral("norouter")}});
    QVERIFY(r.payload->value(QStringLiteral("text"))
                .toString()
                .contains(QStringLiteral("127.0.42.101")));
    r = transact(*c, QStringLiteral("profileImport"),
                 {{QStringLiteral("text"), QStringLiteral("hosts: [")}});
    QVERIFY(r.error);
    QCOMPARE(r.error->code, errc::kProfile);

    // Tunnels run in the node's process: a server and a client carrying traffic to an echo
    // target, counters from the engines.
    testnet::TcpServer echo(testnet::echoHandler);
    const quint16 tunnelPort = testnet::freePort(), userPort = testnet::freePort();
    const QString serverUrl =
        QStringLiteral("server://k@127.0.0.1:%1/127.0.0.1:%2?mode=1").arg(tunnelPort).arg(userPort);
    r = transact(*c, QStringLiteral("tunnelCreate"),
                 {{QStringLiteral("name"), QStringLiteral("t1")},
                  {QStringLiteral("url"), serverUrl},
                  {QStringLiteral("start"), true}});
    QVERIFY2(r.payload, r.error ? qPrintable(r.error->message) : "");
    const QString id = r.payload->value(QStringLiteral("tunnel"))[QStringLiteral("id")].toString();
    QVERIFY(!id.isEmpty());
    r = transact(
        *c, QStringLiteral("tunnelCreate"),
        {{QStringLiteral("name"), QStringLiteral("t2")},
         {QStringLiteral("url"), QStringLiteral("client://k@127.0.0.1:%1/127.0.0.1:%2?mode=2")
                                     .arg(tunnelPort)
                                     .arg(echo.port())},
         {QStringLiteral("start"), true}});
    QVERIFY2(r.payload, r.error ? qPrintable(r.error->message) : "");
    const QString clientId =
        r.payload->value(QStringLiteral("tunnel"))[QStringLiteral("id")].toString();
    const auto state = c->waitForBroadcast(QStringLiteral("stateChanged"), 5000);
    QVERIFY(state);
    const auto traffic = c->waitForBroadcast(QStringLiteral("traffic"), 5000);
    QVERIFY(traffic);
    QVERIFY(c->waitForBroadcast(QStringLiteral("logBroadcast"), 5000));
    const QByteArray payload(50000, 'p');
    bool echoed = false;
    for (int attempt = 0; attempt < 50 && !echoed; ++attempt) {
      const int fd = testnet::connectTo("127.0.0.1", userPort);
      if (fd >= 0) {
        testnet::sendAll(fd, payload.constData(), payload.size());
        echoed = testnet::readAll(fd, payload.size(), 3000) == payload;
        ::close(fd);
      }
      if (!echoed) QTest::qWait(200);
    }
    QVERIFY2(echoed, "nothing came back through the node's tunnels");
    QTRY_VERIFY_WITH_TIMEOUT(transact(*c, QStringLiteral("tunnelList"))
                                     .payload->value(QStringLiteral("tunnels"))
                                     .toArray()
                                     .at(0)[QStringLiteral("tcprx")]
                                     .toInt() >= payload.size(),
                             5000);
    // No tunnel of the node is a process of its own, so its key is on no command line.
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
      QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
      if (cmdline.open(QIODevice::ReadOnly))
        QVERIFY2(!cmdline.readAll().contains("client://k@"), qPrintable(pid));
    }
    r = transact(*c, QStringLiteral("tunnelDelete"), {{QStringLiteral("id"), clientId}});
    QVERIFY(r.payload);
    r = transact(*c, QStringLiteral("tunnelStop"), {{QStringLiteral("id"), id}});
    QVERIFY(r.payload);
    QTRY_COMPARE_WITH_TIMEOUT(transact(*c, QStringLiteral("tunnelList"))
                                  .payload->value(QStringLiteral("tunnels"))
                                  .toArray()
                                  .at(0)[QStringLiteral("status")]
                                  .toString(),
                              QStringLiteral("stopped"), 8000);
    // By default an export leaves the key out and says so; asked for, it is all there.
    r = transact(*c, QStringLiteral("profileExport"),
                 {{QStringLiteral("format"), QStringLiteral("nodepass")}});
    const QString redacted = r.payload->value(QStringLiteral("text")).toString();
    QVERIFY2(!redacted.contains(QStringLiteral("k@")), qPrintable(redacted));
    QVERIFY2(redacted.contains(QStringLiteral("its key")), qPrintable(redacted));
    r = transact(*c, QStringLiteral("profileExport"),
                 {{QStringLiteral("format"), QStringLiteral("nodepass")},
                  {QStringLiteral("secrets"), true},
                  {QStringLiteral("localPaths"), true}});
    QCOMPARE(r.payload->value(QStringLiteral("text")).toString().trimmed(), serverUrl);
    r = transact(*c, QStringLiteral("tunnelDelete"), {{QStringLiteral("id"), id}});
    QVERIFY(r.payload);
    r = transact(*c, QStringLiteral("tunnelStart"), {{QStringLiteral("id"), id}});
    QCOMPARE(r.error->code, errc::kNotFound);
    r = transact(*c, QStringLiteral("tunnelCreate"),
                 {{QStringLiteral("url"), QStringLiteral("http://x")}});
    QCOMPARE(r.error->code, errc::kBadRequest);
    r = transact(*c, QStringLiteral("noSuchOpcode"));
    QCOMPARE(r.error->code, errc::kUnknownOpcode);
  }

  void meshThroughLiveNode() {
    QVERIFY(ensureNode() > 0);
    auto c = connectUi();
    const QByteArray body = "hello through the node's mesh\n";
    testnet::TcpServer http([&](int fd) { testnet::httpHandler(fd, body); });
    const QString manifest = liveMeshManifest(http.port());

    Envelope r = transact(*c, QStringLiteral("profileImport"),
                          {{QStringLiteral("text"), manifest},
                           {QStringLiteral("format"), QStringLiteral("norouter")},
                           {QStringLiteral("start"), true}});
    QVERIFY2(r.payload, r.error ? qPrintable(r.error->message) : "no reply");
    QCOMPARE(r.payload->value(QStringLiteral("hosts")).toInt(), 2);

    // Both agents come up (the node launches `routeless-node agent --automated` for them).
    QJsonArray hosts;
    QElapsedTimer t;
    t.start();
    auto allReady = [&] {
      const Envelope h = transact(*c, QStringLiteral("hosts"));
      hosts = h.payload.value_or(QJsonObject()).value(QStringLiteral("hosts")).toArray();
      if (hosts.size() != 2) return false;
      for (const QJsonValue &v : hosts)
        if (v[QStringLiteral("state")].toString() != QLatin1String("ready")) return false;
      return true;
    };
    while (!allReady() && t.elapsed() < 15000) QTest::qWait(100);
    QVERIFY2(allReady(),
             qPrintable(QStringLiteral("hosts not ready within 15 s: ") +
                        QString::fromUtf8(QJsonDocument(hosts).toJson(QJsonDocument::Compact))));
    QList<qint64> pids;
    for (const QJsonValue &v : hosts) {
      const qint64 pid = qint64(v[QStringLiteral("pid")].toDouble());
      QVERIFY2(pid > 0 && processAlive(pid),
               qPrintable(QStringLiteral("host %1 reports no live agent pid (%2)")
                              .arg(v[QStringLiteral("name")].toString())
                              .arg(pid)));
      pids << pid;
    }

    // End to end: client -> meshA's listener on 127.0.42.182:18182 -> mesh -> meshB -> server.
    c->takeBroadcasts();
    const auto before = c->waitForBroadcast(QStringLiteral("traffic"), 5000);
    QVERIFY2(before, "no traffic broadcast while the mesh runs");
    const qint64 bytesBefore = hostBytes(*before->payload);
    QByteArray got;
    for (t.restart(); got.isEmpty() && t.elapsed() < 5000; QTest::qWait(100))
      got = testnet::httpGet("127.0.42.182", 18182, 3000);
    QVERIFY2(
        got == body,
        qPrintable(QStringLiteral("through the forward: expected \"%1\", got \"%2\"")
                       .arg(QString::fromUtf8(body.trimmed()), QString::fromUtf8(got.trimmed()))));
    for (int i = 0; i < 5; ++i) QCOMPARE(testnet::httpGet("127.0.42.182", 18182, 3000), body);
    QCOMPARE(http.accepted() >= 6, true);

    // The traffic broadcasts carry both hosts and their counters move.
    qint64 bytesAfter = bytesBefore;
    QJsonObject last;
    for (t.restart(); bytesAfter <= bytesBefore && t.elapsed() < 5000;) {
      const auto e = c->waitForBroadcast(QStringLiteral("traffic"), 2000);
      if (!e) continue;
      last = *e->payload;
      bytesAfter = hostBytes(last);
    }
    QVERIFY2(bytesAfter > bytesBefore,
             qPrintable(
                 QStringLiteral("host counters did not move (%1 -> %2): %3")
                     .arg(bytesBefore)
                     .arg(bytesAfter)
                     .arg(QString::fromUtf8(QJsonDocument(last).toJson(QJsonDocument::Compact)))));
    QCOMPARE(last.value(QStringLiteral("hosts")).toArray().size(), 2);

    // meshStop: the agents exit and the forward stops answering.
    r = transact(*c, QStringLiteral("meshStop"));
    QVERIFY2(r.payload, r.error ? qPrintable(r.error->message) : "no reply");
    QTRY_VERIFY2_WITH_TIMEOUT(!transact(*c, QStringLiteral("hosts"))
                                   .payload.value_or(QJsonObject())
                                   .value(QStringLiteral("running"))
                                   .toBool(true),
                              "the mesh still runs 8 s after meshStop", 8000);
    for (const qint64 pid : std::as_const(pids))
      QTRY_VERIFY2_WITH_TIMEOUT(
          !processAlive(pid),
          qPrintable(QStringLiteral("agent %1 still runs after meshStop").arg(pid)), 5000);
    const int fd = testnet::connectTo("127.0.42.182", 18182);
    if (fd >= 0) ::close(fd);
    QVERIFY2(fd < 0, "the forward still accepts connections after meshStop");

    // The manifest comes back out.
    r = transact(*c, QStringLiteral("profileExport"),
                 {{QStringLiteral("format"), QStringLiteral("norouter")}});
    QVERIFY2(r.payload, r.error ? qPrintable(r.error->message) : "no reply");
    const QString exported = r.payload->value(QStringLiteral("text")).toString();
    for (const QString &part :
         {QStringLiteral("meshA"), QStringLiteral("meshB"), QStringLiteral("127.0.42.181"),
          QStringLiteral("127.0.42.182"), QStringLiteral("18182:127.0.0.1:%1").arg(http.port())})
      QVERIFY2(exported.contains(part),
               qPrintable(QStringLiteral("export lacks \"%1\":\n%2").arg(part, exported)));
  }

  void twoUisReceiveBroadcasts() {
    QVERIFY(ensureNode() > 0);
    auto probe = connectUi();
    const Envelope s = transact(*probe, QStringLiteral("status"));
    const quint16 nodePort = quint16(s.payload->value(QStringLiteral("uiPort")).toInt());
    QVERIFY(nodePort > 0);
    auto a = connectUi(nodePort);
    auto b = connectUi(nodePort);
    QVERIFY(a->waitForBroadcast(QStringLiteral("traffic"), 3000));
    QVERIFY(b->waitForBroadcast(QStringLiteral("traffic"), 3000));
  }

  void crashedBroadcastAfterKill() {
    const qint64 pid = ensureNode();
    QVERIFY(pid > 0);
    auto a = connectUi();
    auto b = connectUi();
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    const auto ea = a->waitForBroadcast(QStringLiteral("crashed"), 5000);
    const auto eb = b->waitForBroadcast(QStringLiteral("crashed"), 5000);
    QVERIFY(ea);
    QVERIFY(eb);
    QCOMPARE(qint64(ea->payload->value(QStringLiteral("processId")).toDouble()), pid);
    QVERIFY(ea->payload->contains(QStringLiteral("crashReason")));
    // The daemon can start it again.
    QVERIFY(ensureNode() > 0);
    QVERIFY(ensureNode() != pid);
  }

  void clientFallsBackToDaemonAfterShutdown() {
    QVERIFY(ensureNode() > 0);
    auto c = connectUi();
    const Envelope s = transact(*c, QStringLiteral("status"));  // now on the node
    QVERIFY(s.payload);
    QVERIFY(c->currentPort() != m_port);
    QString error;
    c->transact(QStringLiteral("shutdown"), {}, 5000, &error);
    QTRY_COMPARE_WITH_TIMEOUT(c->currentPort(), m_port, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(c->isConnected(), 5000);
    // Back on the daemon, which now answers by itself.
    c->setFollowRedirects(false);
    const Envelope r =
        transact(*c, QStringLiteral("setup"), {{QStringLiteral("values"), QJsonArray()}});
    QVERIFY(r.payload);
  }

  // ---- Issue 10: only the user's own programs drive the engine ----

  void tokenFileIsPrivate() {
    QCOMPARE(modeOf(m_tokenFile), mode_t(0600));
    QCOMPARE(modeOf(QFileInfo(m_tokenFile).absolutePath()), mode_t(0700));
    QCOMPARE(m_token.size(), 64);
    // The node got the file's path on its command line, never the token.
    QVERIFY(ensureNode() > 0);
    const QList<qint64> pids = {m_daemon.processId(), ensureNode()};
    for (const qint64 pid : pids) {
      QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
      QVERIFY(cmdline.open(QIODevice::ReadOnly));
      const QByteArray argv = cmdline.readAll();
      QVERIFY2(!argv.contains(m_token), argv.constData());
      if (pid != m_daemon.processId()) QVERIFY(argv.contains(QFile::encodeName(m_tokenFile)));
    }
  }

  void browserAttackIsRefusedBeforeTheUpgrade_data() {
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("onNode");  // the daemon's port or the node's
    for (const bool node : {false, true}) {
      const char *where = node ? "node" : "daemon";
      QTest::addRow("%s, prefix trick", where)
          << QByteArray("http://localhost.attacker.example") << node;
      QTest::addRow("%s, ip prefix trick", where)
          << QByteArray("http://127.0.0.1.x.example") << node;
      QTest::addRow("%s, null", where) << QByteArray("null") << node;
      QTest::addRow("%s, allowed host, other port", where)
          << QByteArray("http://localhost:1") << node;
    }
  }
  void browserAttackIsRefusedBeforeTheUpgrade() {
    QFETCH(QByteArray, origin);
    QFETCH(bool, onNode);
    const quint16 node = nodePort();
    QVERIFY(node > 0);
    auto c = connectUi(node);
    const Envelope before = transact(*c, QStringLiteral("profileExport"),
                                     {{QStringLiteral("format"), QStringLiteral("norouter")}});
    QVERIFY(before.payload);
    const QString pwned = m_dir.filePath(QStringLiteral("pwned-%1").arg(QTest::currentDataTag()))
                              .replace(QLatin1Char(' '), QLatin1Char('_'))
                              .remove(QLatin1Char(','));
    const quint16 port = onNode ? node : m_port;
    // What a page can do: no token (it does not know it), its own Origin, and the attack's
    // frames right behind the request. Even a stolen token does not help a page.
    for (const bool withToken : {false, true}) {
      QList<QByteArray> fields = {"Origin: " + origin};
      if (withToken) fields.append(uiattack::bearer(m_token));
      const QByteArray answer = uiattack::exchange(
          port, uiattack::upgradeRequest(port, fields) + uiattack::attackFrames(pwned));
      QVERIFY2(answer.startsWith("HTTP/1.1 403 Forbidden\r\n"), answer.constData());
      QVERIFY(!answer.contains("Sec-WebSocket-Accept"));
    }
    // Nothing was imported, nothing ran.
    const Envelope after = transact(*c, QStringLiteral("profileExport"),
                                    {{QStringLiteral("format"), QStringLiteral("norouter")}});
    QCOMPARE(after.payload->value(QStringLiteral("text")),
             before.payload->value(QStringLiteral("text")));
    QTest::qWait(300);
    QVERIFY2(!QFile::exists(pwned), "the attack's command ran");
  }

  void theSameFramesWorkForAnAllowedOriginWithTheToken() {
    // The control experiment: the attack's payload is effective once a connection is let in,
    // so the refusals above are what stopped it.
    const quint16 node = nodePort();
    QVERIFY(node > 0);
    const QString ran = m_dir.filePath(QStringLiteral("ran-with-token"));
    const QByteArray answer = uiattack::exchange(
        node,
        uiattack::upgradeRequest(
            node, {QByteArray("Origin: ") + kAllowedOrigin, uiattack::bearer(m_token)}) +
            uiattack::attackFrames(ran) + uiattack::clientFrame(0x8, "\x03\xe8"),
        3000);
    QVERIFY2(answer.startsWith("HTTP/1.1 101"), answer.constData());
    QTRY_VERIFY2_WITH_TIMEOUT(QFile::exists(ran), "the allowed client's import did not run", 10000);
    auto c = connectUi(node);
    QVERIFY(transact(*c, QStringLiteral("meshStop")).payload);
    // And a QWebSocket with that exact Origin works end to end on the daemon too.
    QWebSocket ws(QString::fromLatin1(kAllowedOrigin));
    QWebSocketHandshakeOptions o;
    o.setSubprotocols({QString::fromLatin1(kUiSubprotocol)});
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_port)));
    request.setRawHeader("Authorization", "Bearer " + m_token);
    QSignalSpy connected(&ws, &QWebSocket::connected);
    QSignalSpy text(&ws, &QWebSocket::textMessageReceived);
    ws.open(request, o);
    QTRY_VERIFY_WITH_TIMEOUT(connected.count() == 1, 5000);
    ws.sendTextMessage(QStringLiteral("{\"opcode\":\"status\",\"contextId\":7,\"payload\":{}}"));
    QTRY_VERIFY_WITH_TIMEOUT(text.count() >= 1, 5000);
    QVERIFY(text.first().first().toString().contains(QLatin1String("redirect")));
  }

  void missingOrWrongTokenIs401_data() {
    QTest::addColumn<QList<QByteArray>>("fields");
    QTest::addColumn<QByteArray>("protocols");
    const QByteArray wrong = QByteArray(m_token).replace('a', 'b').replace('0', '1');
    QTest::newRow("none") << QList<QByteArray>{} << QByteArray("Routeless-UIv1");
    QTest::newRow("wrong bearer") << QList<QByteArray>{uiattack::bearer(wrong)}
                                  << QByteArray("Routeless-UIv1");
    QTest::newRow("wrong subprotocol")
        << QList<QByteArray>{} << "Routeless-UIv1, routeless-auth." + wrong;
    QTest::newRow("right bearer, wrong subprotocol") << QList<QByteArray>{uiattack::bearer(m_token)}
                                                     << "Routeless-UIv1, routeless-auth." + wrong;
    QTest::newRow("truncated") << QList<QByteArray>{uiattack::bearer(m_token.left(32))}
                               << QByteArray("Routeless-UIv1");
  }
  void missingOrWrongTokenIs401() {
    QFETCH(QList<QByteArray>, fields);
    QFETCH(QByteArray, protocols);
    const quint16 node = nodePort();
    for (const quint16 port : {m_port, node}) {
      const QByteArray answer = uiattack::exchange(
          port, uiattack::upgradeRequest(port, fields, protocols) +
                    uiattack::clientFrame(0x1, "{\"opcode\":\"shutdown\",\"payload\":{}}"));
      QVERIFY2(answer.startsWith("HTTP/1.1 401 Unauthorized\r\n"), answer.constData());
      QVERIFY(answer.contains("\r\nWWW-Authenticate: Bearer"));
    }
    // Still up: the shutdown behind the refused request was never read.
    auto c = connectUi(node);
    QVERIFY(transact(*c, QStringLiteral("status")).payload);
  }

  void clientsWithAWrongTokenFileGetAClearError() {
    const QString other = m_dir.filePath(QStringLiteral("other/ui-token"));
    QString error;
    QVERIFY(UiTokenFile::loadOrCreate(other, &error));
    QProcess ctl;
    ctl.setProcessEnvironment(m_env);
    ctl.start(QStringLiteral(ROUTELESS_NODE_BIN),
              {QStringLiteral("ctl"), QStringLiteral("--ui-port"), QString::number(m_port),
               QStringLiteral("--ui-token-file"), other, QStringLiteral("status")});
    QVERIFY(ctl.waitForFinished(20000));
    QCOMPARE(ctl.exitCode(), 1);
    const QByteArray err = ctl.readAllStandardError();
    QVERIFY2(err.contains("401"), err.constData());
    // A client without any token file is told where to find one.
    QProcess none;
    none.setProcessEnvironment(m_env);
    none.start(QStringLiteral(ROUTELESS_NODE_BIN),
               {QStringLiteral("ctl"), QStringLiteral("--ui-port"), QString::number(m_port),
                QStringLiteral("--ui-token-file"), m_dir.filePath(QStringLiteral("missing")),
                QStringLiteral("status")});
    QVERIFY(none.waitForFinished(20000));
    QCOMPARE(none.exitCode(), 1);
    QVERIFY(none.readAllStandardError().contains("does not exist"));
  }

  void rebindingHostIsRefused_data() {
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("attacker name") << QByteArray("attacker.example:%1");
    QTest::newRow("loopback-looking name") << QByteArray("127.0.0.1.nip.io:%1");
    QTest::newRow("no port") << QByteArray("127.0.0.1");
    QTest::newRow("other port") << QByteArray("localhost:1");
  }
  void rebindingHostIsRefused() {
    QFETCH(QByteArray, host);
    const quint16 node = nodePort();
    for (const quint16 port : {m_port, node}) {
      const QByteArray answer = uiattack::exchange(
          port, uiattack::upgradeRequest(port, {uiattack::bearer(m_token)}, "Routeless-UIv1",
                                         QByteArray(host).replace("%1", QByteArray::number(port))));
      QVERIFY2(answer.startsWith("HTTP/1.1 403 Forbidden\r\n"), answer.constData());
      QVERIFY(answer.contains("Host must be"));
    }
    // The loopback names themselves are fine.
    for (const QByteArray &ok : {QByteArray("localhost:"), QByteArray("127.0.0.1:")}) {
      const QByteArray answer = uiattack::handshake(
          node, uiattack::upgradeRequest(node, {uiattack::bearer(m_token)}, "Routeless-UIv1",
                                         ok + QByteArray::number(node)));
      QVERIFY2(answer.startsWith("HTTP/1.1 101"), answer.constData());
    }
  }

  void unmaskedFramesAreRefused() {
    const quint16 node = nodePort();
    const QByteArray answer = uiattack::exchange(
        node, uiattack::upgradeRequest(node, {uiattack::bearer(m_token)}) +
                  uiattack::clientFrame(
                      0x1, "{\"opcode\":\"status\",\"contextId\":1,\"payload\":{}}", true, false));
    QVERIFY2(answer.startsWith("HTTP/1.1 101"), answer.constData());
    int code = 0;
    QByteArray reason;
    QVERIFY2(uiattack::closeFrame(answer, &code, &reason), answer.constData());
    QCOMPARE(code, 1002);
    QVERIFY2(reason.contains("masked"), reason.constData());
    QVERIFY2(!answer.contains("\"opcode\":\"status\""), "an unmasked request was answered");
    auto c = connectUi(node);
    QVERIFY(transact(*c, QStringLiteral("status")).payload);
  }

  void hugeMessageIsCutOffWhileOthersAreAnswered_data() {
    QTest::addColumn<bool>("fragmented");
    QTest::newRow("one 256 MB frame") << false;
    QTest::newRow("256 MB in 64 KiB fragments") << true;
  }
  void hugeMessageIsCutOffWhileOthersAreAnswered() {
    QFETCH(bool, fragmented);
    const quint16 node = nodePort();
    QVERIFY(node > 0);
    const qint64 pid = ensureNode();
    auto ui = connectUi(node);
    QVERIFY(transact(*ui, QStringLiteral("status")).payload);
    const qint64 peakBefore = peakRssKb(pid);
    constexpr qint64 kTotal = 256LL << 20;
    std::atomic<qint64> sent{0};
    std::atomic<bool> done{false};
    QByteArray answer;
    std::thread attacker([&] {
      const int fd = testnet::connectTo("127.0.0.1", node);
      const QByteArray hello = uiattack::upgradeRequest(node, {uiattack::bearer(m_token)});
      testnet::sendAll(fd, hello.constData(), hello.size());
      const QByteArray chunk(64 * 1024, 'a');
      bool ok = fragmented ||
                testnet::sendAll(fd, uiattack::frameHeader(0x1, kTotal, true).constData(), 14);
      for (qint64 at = 0; ok && at < kTotal; at += chunk.size()) {
        if (fragmented) {
          const QByteArray h = uiattack::frameHeader(at == 0 ? 0x1 : 0x0, quint64(chunk.size()),
                                                     at + chunk.size() >= kTotal);
          ok = testnet::sendAll(fd, h.constData(), h.size());
        }
        ok = ok && testnet::sendAll(fd, chunk.constData(), chunk.size());
        if (ok) sent = at + chunk.size();
      }
      answer = testnet::readAll(fd, 1 << 20, 3000);
      ::close(fd);
      done = true;
    });
    // Another UI keeps getting answers while the attack runs.
    qint64 slowest = 0;
    int answered = 0;
    QElapsedTimer clock;
    clock.start();
    while (!done && clock.elapsed() < 60000) {
      QElapsedTimer t;
      t.start();
      QString error;
      const auto r = ui->transact(QStringLiteral("status"), {}, 5000, &error);
      QVERIFY2(r && r->payload, qPrintable(error));
      slowest = qMax(slowest, t.elapsed());
      ++answered;
    }
    attacker.join();
    QVERIFY2(done, "the attacker was still sending after 60 s");
    qInfo("attacker sent %lld bytes before the cut; %d status answers, slowest %lld ms",
          qint64(sent), answered, slowest);
    QVERIFY2(sent < 64LL << 20, "far more than the limit was accepted before the cut");
    int code = 0;
    QByteArray reason;
    QVERIFY2(uiattack::closeFrame(answer, &code, &reason), answer.left(200).constData());
    QCOMPARE(code, 1009);
    QVERIFY2(reason.contains("larger than 1048576 bytes"), reason.constData());
    QVERIFY(answered > 0);
    QVERIFY2(slowest < 100, qPrintable(QStringLiteral("a status took %1 ms").arg(slowest)));
    // Nothing like 256 MB was buffered.
    const qint64 peakAfter = peakRssKb(pid);
    QVERIFY2(peakAfter - peakBefore < 64 * 1024,
             qPrintable(
                 QStringLiteral("peak RSS grew from %1 to %2 KiB").arg(peakBefore).arg(peakAfter)));
    QVERIFY(transact(*ui, QStringLiteral("status")).payload);
  }

  void idleSocketsDoNotKeepAUiOut() {
    // 500 connections that never finish (or never start) their handshake.
    std::vector<int> idle;
    for (int i = 0; i < 500; ++i) {
      const int fd = testnet::connectTo("127.0.0.1", m_port);
      if (fd < 0) continue;
      if (i % 2) testnet::sendAll(fd, "GET / HTTP/1.1\r\nHost: 1", 24);
      idle.push_back(fd);
    }
    QVERIFY(idle.size() >= 490);
    QElapsedTimer clock;
    clock.start();
    auto c = std::make_unique<UiClient>();
    c->setToken(m_token);
    c->setFollowRedirects(false);
    QString error;
    QVERIFY2(c->connectTo(m_port, 10000, &error), qPrintable(error));
    const Envelope r =
        transact(*c, QStringLiteral("setup"), {{QStringLiteral("values"), QJsonArray()}});
    QVERIFY(r.payload);
    qInfo("a real UI got in after 500 idle sockets in %lld ms", clock.elapsed());
    QVERIFY(clock.elapsed() < 5000);
    // Every idle one is closed by the handshake deadline (or evicted before).
    auto closedCount = [&] {
      int closed = 0;
      for (const int fd : idle) {
        char b[256];
        const ssize_t n = ::recv(fd, b, sizeof b, MSG_DONTWAIT | MSG_PEEK);
        if (n == 0 || (n > 0 && QByteArray(b, int(n)).startsWith("HTTP/1.1 408")) ||
            (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
          ++closed;
      }
      return closed;
    };
    QTRY_COMPARE_WITH_TIMEOUT(closedCount(), int(idle.size()), 20000);
    for (const int fd : idle) ::close(fd);
    QVERIFY(
        transact(*c, QStringLiteral("setup"), {{QStringLiteral("values"), QJsonArray()}}).payload);
  }

  void connectionCapIsEnforced() {
    const quint16 node = nodePort();
    QTest::qWait(300);  // UIs of earlier tests are gone from the count
    auto first = connectUi(node);
    const Envelope s = transact(*first, QStringLiteral("status"));
    const int already = s.payload->value(QStringLiteral("clients")).toInt();
    QVERIFY(already >= 1 && already <= 64);
    std::vector<std::unique_ptr<UiClient>> more;
    for (int i = already; i < 64; ++i) {
      more.push_back(connectUi(node));
      QVERIFY(more.back()->isConnected());
    }
    UiClient over;
    over.setToken(m_token);
    QString error;
    QVERIFY(!over.connectTo(node, 5000, &error));
    QVERIFY2(error.contains(QLatin1String("503")), qPrintable(error));
    const QByteArray answer =
        uiattack::exchange(node, uiattack::upgradeRequest(node, {uiattack::bearer(m_token)}));
    QVERIFY2(answer.startsWith("HTTP/1.1 503"), answer.constData());
    QVERIFY(answer.contains("too many UI connections (limit 64)"));
    // Everyone inside is still served; one leaving makes room.
    QVERIFY(transact(*more.back(), QStringLiteral("status")).payload);
    more.pop_back();
    QTRY_VERIFY_WITH_TIMEOUT(over.connectTo(node, 2000, &error), 10000);
  }

  void fifoPathIsRefusedAtOnce() {
    const quint16 node = nodePort();
    const QString fifo = m_dir.filePath(QStringLiteral("profile.fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    auto c = connectUi(node);
    QElapsedTimer clock;
    clock.start();
    const Envelope r =
        transact(*c, QStringLiteral("profileImport"), {{QStringLiteral("path"), fifo}});
    QVERIFY(r.error);
    QCOMPARE(r.error->code, errc::kProfile);
    QVERIFY2(r.error->message.contains(QLatin1String("not a regular file")),
             qPrintable(r.error->message));
    QVERIFY2(clock.elapsed() < 3000, "the FIFO was waited on");
    QVERIFY(transact(*c, QStringLiteral("status")).payload);
    // A device and an oversized text are refused the same way.
    Envelope d =
        transact(*c, QStringLiteral("profileImport"), {{QStringLiteral("path"), "/dev/zero"}});
    QVERIFY(d.error && d.error->message.contains(QLatin1String("not a regular file")));
    const QString big = m_dir.filePath(QStringLiteral("big.yaml"));
    QFile f(big);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(2 * 1024 * 1024, '#'));
    f.close();
    d = transact(*c, QStringLiteral("profileImport"), {{QStringLiteral("path"), big}});
    QVERIFY(d.error && d.error->message.contains(QLatin1String("larger than")));
  }

  // Last: everything above has been logged by now.
  void secretNeverInLogs() {
    // A refused and an accepted handshake of its own, whatever ran before.
    const QByteArray wrong = QByteArray(m_token).replace('a', 'c').replace('1', '2');
    QVERIFY(uiattack::exchange(m_port, uiattack::upgradeRequest(m_port, {uiattack::bearer(wrong)}))
                .startsWith("HTTP/1.1 401"));
    QVERIFY(uiattack::handshake(
                m_port,
                uiattack::upgradeRequest(m_port, {}, "Routeless-UIv1, routeless-auth." + m_token))
                .startsWith("HTTP/1.1 101"));
    QTRY_VERIFY_WITH_TIMEOUT(m_daemonLog.contains("401 wrong token"), 5000);
    QVERIFY2(!m_daemonLog.contains(m_token), "the token appears in the daemon's or node's log");
    QVERIFY(!m_daemonLog.contains(m_token.left(16)));
    QVERIFY2(!m_daemonLog.contains(wrong.left(16)), "a presented credential was logged");
  }
};

QTEST_GUILESS_MAIN(TestControl)
#include "tst_control.moc"
