// routeless-node server and client against each other on loopback: both data-flow directions
// with tls=0/1/2, client single-end mode, automatic mode selection, UDP echo and large
// transfers checked with sha256 both ways.
#include <QFile>
#include <QTemporaryDir>

#include "nodepass/tlscontext.h"
#include "tst_nodepass_support.h"

using namespace nptest;

namespace {

struct Tunnel {
  std::unique_ptr<Node> server;
  std::unique_ptr<Node> client;
  quint16 userPort = 0;  // where users connect
};

// flow "-": server listens for users (mode=1), client dials `targetPort`.
// flow "+": client listens for users, server dials `targetPort` (mode=2).
Tunnel startTunnel(const QString &flow, int tls, quint16 targetPort, const QString &certDir = {},
                   const QString &extra = {}) {
  Tunnel t;
  const quint16 tunnelPort = freePort();
  t.userPort = freePort();
  QString serverQuery = QStringLiteral("tls=%1").arg(tls);
  QString clientQuery = QStringLiteral("mode=2&min=8");
  QStringList clientEnv;
  if (tls == 2) {
    serverQuery += QStringLiteral("&crt=%1/cert.pem&key=%1/key.pem").arg(certDir);
    clientQuery += QStringLiteral("&sni=localhost");
    clientEnv << QStringLiteral("SSL_CERT_FILE=%1/cert.pem").arg(certDir);
  }
  serverQuery += extra;
  clientQuery += extra;
  const quint16 serverTarget = flow == QLatin1String("-") ? t.userPort : targetPort;
  const quint16 clientTarget = flow == QLatin1String("-") ? targetPort : t.userPort;
  t.server =
      std::make_unique<Node>(QStringLiteral("server://k3y@127.0.0.1:%1/127.0.0.1:%2?mode=%3&%4")
                                 .arg(tunnelPort)
                                 .arg(serverTarget)
                                 .arg(flow == QLatin1String("-") ? 1 : 2)
                                 .arg(serverQuery),
                             QStringList{QStringLiteral("NP_REPORT_INTERVAL=1s")});
  t.server->waitFor(QStringLiteral("Pending tunnel handshake"), 5000);
  t.client =
      std::make_unique<Node>(QStringLiteral("client://k3y@127.0.0.1:%1/127.0.0.1:%2?%3")
                                 .arg(tunnelPort)
                                 .arg(clientTarget)
                                 .arg(clientQuery),
                             clientEnv + QStringList{QStringLiteral("NP_REPORT_INTERVAL=1s")});
  return t;
}

bool waitReady(Tunnel &t, int tls) {
  const QString marker = tls ? QStringLiteral("TLS certificate fingerprint verified")
                             : QStringLiteral("Marking tunnel handshake as complete");
  if (!t.server->waitFor(marker) || !t.client->waitFor(marker)) return false;
  // The listening side opens for users right after; give the pool a moment to fill.
  QTest::qWait(200);
  return true;
}

quint64 lastCheckpointValue(Node &n, const QString &field) {
  const auto matches = QRegularExpression(QStringLiteral("CHECK_POINT\\|.*%1=(\\d+)").arg(field))
                           .globalMatch(n.log());
  quint64 v = 0;
  for (auto it = matches; it.hasNext();) v = it.next().captured(1).toULongLong();
  return v;
}

}  // namespace

class TestNodePassModes : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(certDir_.isValid());
    QByteArray cert, key;
    QVERIFY(routeless::nodepass::generateSelfSignedPem(QStringLiteral("localhost"), &cert, &key));
    QFile c(certDir_.filePath(QStringLiteral("cert.pem")));
    QFile k(certDir_.filePath(QStringLiteral("key.pem")));
    QVERIFY(c.open(QIODevice::WriteOnly) && k.open(QIODevice::WriteOnly));
    c.write(cert);
    k.write(key);
  }

  void httpThroughTunnel_data() {
    QTest::addColumn<QString>("flow");
    QTest::addColumn<int>("tls");
    for (const char *flow : {"-", "+"})
      for (int tls : {0, 1, 2})
        QTest::addRow("flow%s tls=%d", flow, tls) << QString::fromLatin1(flow) << tls;
  }
  void httpThroughTunnel() {
    QFETCH(QString, flow);
    QFETCH(int, tls);
    Server http(httpHandler);
    Tunnel t = startTunnel(flow, tls, http.port(), certDir_.path());
    QVERIFY2(waitReady(t, tls), qPrintable(t.server->log() + t.client->log()));
    QCOMPARE(t.server->count(
                 QStringLiteral("Sending tunnel config: FLOW=\\%1\\|MAX=1024\\|TLS=%2\\|TYPE=0")
                     .arg(flow)
                     .arg(tls)),
             1);
    QVERIFY(t.client->waitFor(QStringLiteral("Loading tunnel config: FLOW=\\%1").arg(flow)));
    if (tls == 2) QVERIFY(t.server->waitFor(QStringLiteral("TLS code-2: localhost with TLS 1.3")));
    if (tls == 1) QVERIFY(t.server->waitFor(QStringLiteral("TLS code-1: RAM cert with TLS 1.3")));
    for (int i = 0; i < 3; ++i) {
      const QByteArray path = "/page" + QByteArray::number(i);
      const QByteArray resp = httpGet(t.userPort, path);
      QVERIFY2(resp.startsWith("HTTP/1.1 200 OK"), resp.constData());
      QVERIFY2(resp.endsWith("hello from target: " + path + "\n"), resp.constData());
    }
    QVERIFY(t.server->waitFor(QStringLiteral("Exchange complete: EOF")));
    // Counters reach the CHECK_POINT line (user-side bytes on the listening side).
    Node &listening = flow == QLatin1String("-") ? *t.server : *t.client;
    QVERIFY(listening.waitFor(QStringLiteral("CHECK_POINT\\|MODE=\\d\\|PING=\\d+ms\\|POOL=\\d+\\|"
                                             "TCPS=0\\|UDPS=0\\|TCPRX=[1-9]"),
                              4000));
    QCOMPARE(t.server->stop(), 0);
    QCOMPARE(t.client->stop(), 0);
    QVERIFY(t.server->log().contains(QStringLiteral("Server shutdown complete")));
    QVERIFY(t.client->log().contains(QStringLiteral("Client shutdown complete")));
    QVERIFY(!t.server->log().contains(QStringLiteral("k3y")));
    QVERIFY(!t.client->log().contains(QStringLiteral("k3y")));
  }

  void clientSingleEnd() {
    Server echo(echoHandler);
    UdpEcho udp;
    const quint16 port = freePort();
    // Same port number for TCP and UDP targets: use the UDP echo's port for a second target.
    Node client(
        QStringLiteral("client://k3y@127.0.0.1:%1/127.0.0.1:%2?mode=1").arg(port).arg(echo.port()),
        {QStringLiteral("NP_REPORT_INTERVAL=300ms")});
    QVERIFY(client.waitFor(QStringLiteral("Client started")));
    QDeadlineTimer d(3000);
    bool ok = false;
    while (!ok && !d.hasExpired()) ok = echoOnce(port, "single-end forwarding");
    QVERIFY2(ok, qPrintable(client.log()));
    QVERIFY(client.waitFor(QStringLiteral("CHECK_POINT\\|MODE=1\\|PING=\\d+ms\\|POOL=0"), 3000));
    QVERIFY(!client.log().contains(QStringLiteral("Pending tunnel handshake")));
  }

  void autoModes() {
    Server echo(echoHandler);
    // Server mode 0: target port free -> it listens there (flow "-").
    {
      const quint16 tunnel = freePort();
      Node server(
          QStringLiteral("server://k@127.0.0.1:%1/127.0.0.1:%2").arg(tunnel).arg(freePort()));
      QVERIFY(server.waitFor(QStringLiteral("Pending tunnel handshake")));
      Node client(
          QStringLiteral("client://k@127.0.0.1:%1/127.0.0.1:%2").arg(tunnel).arg(echo.port()));
      // Client mode 0: the tunnel address is taken by the server -> tunnel client (mode 2).
      QVERIFY(client.waitFor(QStringLiteral("Loading tunnel config: FLOW=-\\|")));
    }
    // Server mode 0: target port busy (our echo server) -> it dials it (flow "+").
    {
      const quint16 tunnel = freePort();
      Node server(
          QStringLiteral("server://k@127.0.0.1:%1/127.0.0.1:%2").arg(tunnel).arg(echo.port()));
      QVERIFY(server.waitFor(QStringLiteral("Pending tunnel handshake")));
      const quint16 user = freePort();
      Node client(QStringLiteral("client://k@127.0.0.1:%1/127.0.0.1:%2").arg(tunnel).arg(user));
      QVERIFY(client.waitFor(QStringLiteral("Loading tunnel config: FLOW=\\+\\|")));
      QVERIFY(client.waitFor(QStringLiteral("Marking tunnel handshake as complete")));
      QTest::qWait(200);
      QVERIFY(echoOnce(user, "forward mode picked automatically"));
    }
    // mode=1 forced on a server whose target port is busy: it must fail, not switch.
    {
      Node server(QStringLiteral("server://k@127.0.0.1:%1/127.0.0.1:%2?mode=1")
                      .arg(freePort())
                      .arg(echo.port()));
      QVERIFY(server.waitFor(QStringLiteral("Server error: mode=1 needs to listen")));
      QTRY_VERIFY_WITH_TIMEOUT(!server.running(), 3000);
      QCOMPARE(server.stop(), 1);
    }
  }

  void udpEcho_data() {
    QTest::addColumn<QString>("flow");
    QTest::addColumn<int>("tls");
    QTest::newRow("flow- tls=0") << "-" << 0;
    QTest::newRow("flow+ tls=0") << "+" << 0;
    QTest::newRow("flow- tls=1") << "-" << 1;
  }
  void udpEcho() {
    QFETCH(QString, flow);
    QFETCH(int, tls);
    UdpEcho echo;
    Tunnel t = startTunnel(flow, tls, echo.port());
    QVERIFY2(waitReady(t, tls), qPrintable(t.server->log() + t.client->log()));
    const QList<QByteArray> datagrams{"first", "second datagram", QByteArray(1200, 'x')};
    QCOMPARE(udpRoundTrips(t.userPort, datagrams), datagrams);
    Node &listening = flow == QLatin1String("-") ? *t.server : *t.client;
    QVERIFY(listening.waitFor(QStringLiteral("Starting UDP exchange")));
    QVERIFY(listening.waitFor(QStringLiteral("CHECK_POINT\\|.*UDPS=1\\|.*UDPRX=[1-9]"), 4000));
  }

  void largeTransfer_data() {
    QTest::addColumn<QString>("flow");
    QTest::addColumn<int>("tls");
    QTest::addColumn<qint64>("size");
    const qint64 mb = 1 << 20;
    QTest::newRow("flow- tls=0 500MB") << "-" << 0 << 500 * mb / scaleDiv();
    QTest::newRow("flow+ tls=0 200MB") << "+" << 0 << 200 * mb / scaleDiv();
    QTest::newRow("flow- tls=1 150MB") << "-" << 1 << 150 * mb / scaleDiv();
  }
  void largeTransfer() {
    QFETCH(QString, flow);
    QFETCH(int, tls);
    QFETCH(qint64, size);
    Server bulk(bulkHandler);
    Tunnel t = startTunnel(flow, tls, bulk.port());
    QVERIFY2(waitReady(t, tls), qPrintable(t.server->log() + t.client->log()));
    const QByteArray expected = patternSha(size);
    // Upload: user -> tunnel -> target, which answers the sha256 of what it received.
    {
      const int fd = dial(t.userPort);
      QVERIFY(fd >= 0);
      setTimeout(fd, 60000);
      QVERIFY(sendAll(fd, "U" + QByteArray::number(size) + "\n"));
      qint64 left = size;
      const QByteArray &pat = pattern();
      while (left > 0) {
        const qint64 n = qMin<qint64>(left, pat.size());
        QVERIFY(sendAll(fd, pat.constData(), n));
        left -= n;
      }
      QCOMPARE(recvLine(fd).trimmed(), expected);
      ::close(fd);
    }
    // Download: target -> tunnel -> user.
    {
      const int fd = dial(t.userPort);
      QVERIFY(fd >= 0);
      setTimeout(fd, 60000);
      QVERIFY(sendAll(fd, "D" + QByteArray::number(size) + "\n"));
      Sha256 h;
      qint64 got = 0;
      char buf[65536];
      while (got < size) {
        const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
        if (n <= 0) break;
        h.addData(buf, n);
        got += n;
      }
      ::close(fd);
      QCOMPARE(got, size);
      QCOMPARE(h.hex(), expected);
    }
    Node &listening = flow == QLatin1String("-") ? *t.server : *t.client;
    QVERIFY(listening.waitFor(QStringLiteral("CHECK_POINT\\|.*TCPS=0\\|"), 4000));
    QTRY_VERIFY_WITH_TIMEOUT(
        lastCheckpointValue(listening, QStringLiteral("TCPRX")) >= quint64(size) &&
            lastCheckpointValue(listening, QStringLiteral("TCPTX")) >= quint64(size),
        4000);
  }

 private:
  QTemporaryDir certDir_;
};

QTEST_GUILESS_MAIN(TestNodePassModes)
#include "tst_nodepass_modes.moc"
