// TunnelRunner (core/tunnels): one tunnel kept running in this process. Traffic is counted
// across engine restarts and can be reset; the engine's CHECK_POINTs reach the owner as
// `reported`; a URL that cannot run fails once with its reason.
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include "net/sockets.h"
#include "tunnels/tunnelrunner.h"

using namespace routeless;
using namespace routeless::tunnels;

namespace {

// Echoes every byte back; lives on the test's thread.
class EchoServer : public QTcpServer {
 public:
  EchoServer() {
    listen(QHostAddress::LocalHost);
    connect(this, &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket *c = nextPendingConnection()) {
        connect(c, &QTcpSocket::readyRead, c, [c] { c->write(c->readAll()); });
        connect(c, &QTcpSocket::disconnected, c, &QObject::deleteLater);
      }
    });
  }
};

// Sends `size` bytes to 127.0.0.1:port and waits for them to come back; retries while the
// tunnel links up (a session opened too early is closed).
bool echoesThrough(quint16 port, qsizetype size) {
  const QByteArray payload(size, 'r');
  for (int attempt = 0; attempt < 40; ++attempt) {
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(2000)) {
      QTest::qWait(200);
      continue;
    }
    s.write(payload);
    QByteArray got;
    QElapsedTimer clock;
    clock.start();
    while (got.size() < payload.size() && clock.elapsed() < 3000 &&
           s.state() == QAbstractSocket::ConnectedState) {
      QTest::qWait(10);
      got += s.readAll();
    }
    if (got == payload) return true;
    QTest::qWait(200);
  }
  return false;
}

bool waitForState(const TunnelRunner &r, TunnelState state, int ms) {
  QElapsedTimer clock;
  clock.start();
  while (clock.elapsed() < ms) {
    if (r.state() == state) return true;
    QTest::qWait(20);
  }
  return false;
}

}  // namespace

class TestTunnelRunner : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void trafficKeptAcrossRestartsAndReset() {
    EchoServer echo;
    const quint16 tunnel = net::freeTcpPort(), user = net::freeTcpPort();
    TunnelRunner server(QStringLiteral("srv"),
                        QStringLiteral("server://k@127.0.0.1:%1/127.0.0.1:%2?mode=1&log=warn")
                            .arg(tunnel)
                            .arg(user));
    TunnelRunner client(QStringLiteral("cli"),
                        QStringLiteral("client://k@127.0.0.1:%1/127.0.0.1:%2?mode=2&min=2&log=warn")
                            .arg(tunnel)
                            .arg(echo.serverPort()));
    QCOMPARE(server.status().rxBytes, -1);  // never ran: nothing to count yet
    QSignalSpy reported(&client, &TunnelRunner::reported);
    QSignalSpy states(&server, &TunnelRunner::stateChanged);
    server.start();
    client.start();
    QVERIFY(waitForState(server, TunnelState::Running, 8000));
    QVERIFY(states.size() >= 2);  // Starting, Waiting, Running
    QCOMPARE(states.first().at(0).value<TunnelState>(), TunnelState::Starting);
    QTRY_VERIFY_WITH_TIMEOUT(reported.size() >= 1, 8000);
    QCOMPARE(client.status().mode, 2);
    QCOMPARE(server.status().mode, 1);

    QVERIFY(echoesThrough(user, 10000));
    QTRY_VERIFY_WITH_TIMEOUT(server.status().rxBytes >= 10000, 3000);
    const qint64 first = server.status().rxBytes;

    // A new engine behind the same runner: the count goes on.
    server.restart();
    QCOMPARE(server.status().rxBytes, first);
    QVERIFY(waitForState(server, TunnelState::Running, 15000));
    QVERIFY(echoesThrough(user, 5000));
    QTRY_VERIFY_WITH_TIMEOUT(server.status().rxBytes >= first + 5000, 3000);

    // Stopped, it still shows what it carried.
    server.stop();
    QCOMPARE(server.state(), TunnelState::Stopped);
    QVERIFY(server.status().rxBytes >= first + 5000);
    server.resetTraffic();
    QCOMPARE(server.status().rxBytes, 0);
    QCOMPARE(server.status().txBytes, 0);
    server.start();
    QVERIFY(waitForState(server, TunnelState::Running, 15000));
    QVERIFY(echoesThrough(user, 3000));
    QTRY_VERIFY_WITH_TIMEOUT(server.status().rxBytes >= 3000, 3000);
    QVERIFY(server.status().rxBytes < first);

    // Reset while running: from zero, the engine carries on.
    client.resetTraffic();
    QVERIFY(client.status().rxBytes < 1000);
    QVERIFY(echoesThrough(user, 2000));
    QTRY_VERIFY_WITH_TIMEOUT(client.status().rxBytes >= 2000, 3000);
  }

  void unusableUrlFailsOnceWithItsReason() {
    TunnelRunner r(QStringLiteral("bad"), QStringLiteral("server://k@127.0.0.1:1/x:1?tls=9"));
    QSignalSpy states(&r, &TunnelRunner::stateChanged);
    r.start();
    QCOMPARE(r.state(), TunnelState::Failed);
    QVERIFY(r.status().lastError.contains(QLatin1String("tls")));
    QTest::qWait(1500);  // past the first back-off
    QCOMPARE(r.status().restarts, 0);
    QCOMPARE(r.state(), TunnelState::Failed);
    r.stop();
    QCOMPARE(r.state(), TunnelState::Stopped);
  }
};

QTEST_GUILESS_MAIN(TestTunnelRunner)
#include "tst_tunnelrunner.moc"
