// DemoResponderWorker's probes read their "host:port" targets with net::parseHostPort: a
// bracketed IPv6 target is fetched like an IPv4 one, and a target that is not HOST:PORT fails
// its probe instead of connecting somewhere else.
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include "demoresponder.h"

using namespace routeless::desktop;

namespace {

// Answers every request with an empty 200, as the demo responder does, on `address`.
class OkServer : public QTcpServer {
 public:
  bool start(const QHostAddress &address) {
    connect(this, &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket *s = nextPendingConnection()) {
        connect(s, &QTcpSocket::readyRead, s, [s] {
          if (!s->readAll().contains("\r\n\r\n")) return;
          s->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
          s->disconnectFromHost();
        });
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
      }
    });
    return listen(address, 0);
  }
};

// The first result of each probe target, as (ok) by target index.
QHash<int, bool> firstResults(const QSignalSpy &spy) {
  QHash<int, bool> out;
  for (const QList<QVariant> &call : spy)
    if (!out.contains(call[0].toInt())) out.insert(call[0].toInt(), call[1].toBool());
  return out;
}

}  // namespace

class TestDemoResponder : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void probesReadTargetsAsHostPort() {
    OkServer v4;
    QVERIFY(v4.start(QHostAddress::LocalHost));
    OkServer v6;
    const bool haveV6 = v6.start(QHostAddress::LocalHostIPv6);
    QStringList probes{QStringLiteral("127.0.0.1:%1").arg(v4.serverPort()),
                       QStringLiteral("127.0.0.1"),  // no port: refused, never connected
                       QStringLiteral("127.0.0.1:99999")};
    if (haveV6) probes << QStringLiteral("[::1]:%1").arg(v6.serverPort());

    DemoResponderWorker worker;
    QSignalSpy probed(&worker, &DemoResponderWorker::probed);
    worker.start(0, probes);
    QTRY_VERIFY_WITH_TIMEOUT(firstResults(probed).size() == probes.size(), 20000);
    const QHash<int, bool> results = firstResults(probed);
    QCOMPARE(results.value(0), true);
    QCOMPARE(results.value(1), false);
    QCOMPARE(results.value(2), false);
    if (haveV6) QCOMPARE(results.value(3), true);
    worker.stop();
    if (!haveV6) QSKIP("no IPv6 loopback here: the bracketed [::1] target was not tried");
  }
};

QTEST_GUILESS_MAIN(TestDemoResponder)
#include "tst_demoresponder.moc"
