// TunnelController: NodePass servers/clients and M-PROXY device links run in this process on
// worker threads; states say whether a tunnel carries traffic; counters come from the engines;
// failures restart with back-off; a refused token and a bad URL do not.
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include "apptestkit.h"
#include "mproxy/relayruntime.h"
#include "tunnelcontroller.h"

using namespace routeless;
using namespace routeless::desktop;

namespace {
bool waitForState(TunnelController &c, int row, TunnelState state, int ms) {
  QElapsedTimer clock;
  clock.start();
  while (clock.elapsed() < ms) {
    const auto s = c.snapshot();
    if (row < s.size() && s[row].state == state) return true;
    QTest::qWait(50);
  }
  return false;
}

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

// Sends `payload` to 127.0.0.1:port and waits for it to come back whole.
bool echoesThrough(quint16 port, const QByteArray &payload) {
  QTcpSocket s;
  s.connectToHost(QHostAddress::LocalHost, port);
  if (!s.waitForConnected(3000)) return false;
  s.write(payload);
  QByteArray got;
  QElapsedTimer clock;
  clock.start();
  while (got.size() < payload.size() && clock.elapsed() < 5000) {
    QTest::qWait(10);
    got += s.readAll();
  }
  return got == payload;
}
}  // namespace

class TestTunnelController : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void backoff() {
    QCOMPARE(TunnelController::backoffMs(0), 1000);
    QCOMPARE(TunnelController::backoffMs(1), 2000);
    QCOMPARE(TunnelController::backoffMs(20), 30000);
  }

  void serverAndClientCarryTrafficInProcess() {
    EchoServer echo;
    const quint16 tunnel = freePort(), user = freePort();
    const QString key = QStringLiteral("s3cret");
    QList<TunnelState> serverStates;  // before the controller: it reports Stopped as it goes
    TunnelController c;
    c.setTunnels({{QStringLiteral("srv"),
                   QStringLiteral("server://%1@127.0.0.1:%2/127.0.0.1:%3?mode=1&log=warn")
                       .arg(key)
                       .arg(tunnel)
                       .arg(user),
                   true},
                  {QStringLiteral("cli"),
                   QStringLiteral("client://%1@127.0.0.1:%2/127.0.0.1:%3?mode=2&min=4&log=warn")
                       .arg(key)
                       .arg(tunnel)
                       .arg(echo.serverPort()),
                   true}});
    QCOMPARE(c.snapshot().size(), 2);
    QVERIFY(!c.snapshot()[0].maskedUrl.contains(key));
    QCOMPARE(c.snapshot()[0].role, QStringLiteral("server"));
    QCOMPARE(c.snapshot()[1].role, QStringLiteral("client"));
    QCOMPARE(c.snapshot()[1].target, QStringLiteral("127.0.0.1:%1").arg(echo.serverPort()));
    QVERIFY(c.snapshot()[0].waitingIsIdle);
    QVERIFY(!c.snapshot()[1].waitingIsIdle);

    // The server alone listens and waits: up, but not linked. Every state it reports is
    // recorded, so "Running only once its client exists" needs no sleep.
    connect(&c, &TunnelController::stateChanged, this,
            [&](int index, const QString &, TunnelState state, const QString &) {
              if (index == 0) serverStates << state;
            });
    c.startTunnel(0);
    QVERIFY(waitForState(c, 0, TunnelState::Waiting, 3000));
    QCoreApplication::processEvents();  // every state queued before the client starts
    const qsizetype aloneStates = serverStates.size();
    QVERIFY(!serverStates.contains(TunnelState::Running));

    c.startTunnel(1);
    QVERIFY(waitForState(c, 1, TunnelState::Running, 8000));
    QVERIFY(waitForState(c, 0, TunnelState::Running, 8000));
    QTRY_VERIFY(serverStates.indexOf(TunnelState::Running) >= aloneStates);
    QTRY_VERIFY_WITH_TIMEOUT(c.snapshot()[1].pool >= 1, 5000);

    const QByteArray payload(200 * 1024, 'x');
    QVERIFY(echoesThrough(user, payload));
    // Counters come from the engine's atomics, without log parsing.
    QTRY_VERIFY_WITH_TIMEOUT(c.snapshot()[0].rxBytes >= payload.size(), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(c.snapshot()[0].txBytes >= payload.size(), 3000);
    QVERIFY(c.snapshot()[1].rxBytes >= payload.size());
    QVERIFY(c.snapshot()[0].uptimeMs > 0);

    // The server goes away: the client says so and keeps trying, then links again.
    c.stopTunnel(0);
    QCOMPARE(c.snapshot()[0].state, TunnelState::Stopped);
    QVERIFY(waitForState(c, 1, TunnelState::Waiting, 8000));
    QVERIFY(!c.snapshot()[1].lastError.isEmpty());
    c.startTunnel(0);
    QVERIFY(waitForState(c, 1, TunnelState::Running, 15000));
    QVERIFY(echoesThrough(user, QByteArray("again")));

    c.stopAll();
    QCOMPARE(c.snapshot()[0].state, TunnelState::Stopped);
    QCOMPARE(c.snapshot()[1].state, TunnelState::Stopped);
  }

  void wrongKeyIsShownNotHidden() {
    const quint16 tunnel = freePort(), user = freePort();
    QList<TunnelState> clientStates;  // before the controller: it reports Stopped as it goes
    TunnelController c;
    c.setTunnels(
        {{QStringLiteral("srv"),
          QStringLiteral("server://right@127.0.0.1:%1/127.0.0.1:%2?mode=1&log=warn")
              .arg(tunnel)
              .arg(user),
          true},
         {QStringLiteral("cli"),
          QStringLiteral("client://n0tTheKey@127.0.0.1:%1/127.0.0.1:9?mode=2&log=warn").arg(tunnel),
          true}});
    connect(&c, &TunnelController::stateChanged, this,
            [&](int index, const QString &, TunnelState state, const QString &) {
              if (index == 1) clientStates << state;
            });
    c.startAutostart();
    // The refusal shows as the client's error while it keeps waiting; it never carried traffic.
    QTRY_VERIFY_WITH_TIMEOUT(!c.snapshot()[1].lastError.isEmpty(), 8000);
    QCOMPARE(c.snapshot()[1].state, TunnelState::Waiting);
    QVERIFY(!clientStates.contains(TunnelState::Running));
    QVERIFY(!c.snapshot()[1].lastError.contains(QLatin1String("n0tTheKey")));
  }

  void bindFailureIsRestartedWithBackoff() {
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost));
    TunnelController c;
    c.setTunnels({{QStringLiteral("busy"),
                   QStringLiteral("server://k@127.0.0.1:%1/127.0.0.1:%2?mode=1")
                       .arg(squatter.serverPort())
                       .arg(freePort()),
                   true}});
    c.startTunnel(0);
    QVERIFY(waitForState(c, 0, TunnelState::Failed, 3000));
    QVERIFY(!c.snapshot()[0].lastError.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(c.snapshot()[0].restarts >= 2, 6000);
    c.stopTunnel(0);
    QCOMPARE(c.snapshot()[0].state, TunnelState::Stopped);
  }

  void badUrlFailsOnceWithItsReason() {
    TunnelController c;
    c.setTunnels({{QStringLiteral("bad"), QStringLiteral("client://k@127.0.0.1:0/x"), true}});
    c.startTunnel(0);
    QVERIFY(waitForState(c, 0, TunnelState::Failed, 1000));
    QVERIFY(!c.snapshot()[0].lastError.isEmpty());
    QTest::qWait(1500);
    QCOMPARE(c.snapshot()[0].restarts, 0);
  }

  void deviceLinkServesRelayClients() {
    EchoServer target;
    mproxy::RelayConfig rc;
    rc.tokens << mproxy::RelayToken{QByteArray("dev-token"), QString()};
    mproxy::RelayListener listener;
    listener.device = QStringLiteral("laptop");
    rc.listeners << listener;
    mproxy::RelayRuntime relay(rc);
    QString error;
    QVERIFY2(relay.start(&error), qPrintable(error));
    const quint16 linkPort = relay.linkPort();
    const quint16 publicPort = relay.listenerPorts().value(0);

    TunnelController c;
    c.setTunnels({{QStringLiteral("dev"),
                   QStringLiteral("device://dev-token@127.0.0.1:%1/laptop?target=*=127.0.0.1:%2")
                       .arg(linkPort)
                       .arg(target.serverPort()),
                   true}});
    QCOMPARE(c.snapshot()[0].role, QStringLiteral("device"));
    QVERIFY(!c.snapshot()[0].maskedUrl.contains(QLatin1String("dev-token")));
    QCOMPARE(c.snapshot()[0].target, QStringLiteral("127.0.0.1:%1").arg(target.serverPort()));
    c.startAutostart();
    QVERIFY(waitForState(c, 0, TunnelState::Running, 8000));
    QVERIFY(echoesThrough(publicPort, QByteArray(64 * 1024, 'd')));
    QTRY_VERIFY_WITH_TIMEOUT(c.snapshot()[0].rxBytes >= 64 * 1024, 3000);
    QVERIFY(c.snapshot()[0].txBytes >= 64 * 1024);
    c.stopAll();
    QCOMPARE(c.snapshot()[0].state, TunnelState::Stopped);
  }

  void refusedTokenIsNotRetried() {
    mproxy::RelayConfig rc;
    rc.tokens << mproxy::RelayToken{QByteArray("right"), QString()};
    mproxy::RelayRuntime relay(rc);
    QString error;
    QVERIFY2(relay.start(&error), qPrintable(error));
    TunnelController c;
    c.setTunnels({{QStringLiteral("dev"),
                   QStringLiteral("device://wrong@127.0.0.1:%1/laptop?target=*=127.0.0.1:9")
                       .arg(relay.linkPort()),
                   true}});
    c.startTunnel(0);
    QVERIFY(waitForState(c, 0, TunnelState::Failed, 8000));
    QVERIFY(!c.snapshot()[0].lastError.isEmpty());
    QVERIFY(!c.snapshot()[0].lastError.contains(QLatin1String("wrong")));
    QTest::qWait(1500);
    QCOMPARE(c.snapshot()[0].restarts, 0);
    QCOMPARE(c.snapshot()[0].state, TunnelState::Failed);
  }
};

QTEST_GUILESS_MAIN(TestTunnelController)
#include "tst_tunnelcontroller.moc"
