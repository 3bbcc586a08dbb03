// TunnelModel: masked URLs only, unknown counters shown as unknown, per-row updates, ping.
#include <QSignalSpy>
#include <QtTest>

#include "tunnelmodel.h"

using namespace routeless::desktop;

namespace {
TunnelStatus tunnel(const QString &name, TunnelState state) {
  TunnelStatus t;
  t.name = name;
  t.role = QStringLiteral("server");
  t.maskedUrl = QStringLiteral("server://****@0.0.0.0:10101/127.0.0.1:80");
  t.target = QStringLiteral("127.0.0.1:80");
  t.state = state;
  return t;
}
}  // namespace

class TestTunnelModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void rolesAndUnknownCounters() {
    TunnelModel m(nullptr);
    m.applySnapshot({tunnel("a", TunnelState::Running), tunnel("b", TunnelState::Failed)});
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.runningCount(), 1);
    const QModelIndex a = m.index(0);
    QCOMPARE(a.data(TunnelModel::StateRole).toInt(), int(TunnelModel::Running));
    QCOMPARE(a.data(TunnelModel::StateTextRole).toString(), QStringLiteral("Running"));
    QVERIFY(a.data(TunnelModel::UrlRole).toString().contains(QLatin1String("****")));
    QCOMPARE(a.data(TunnelModel::PoolRole).toString(), QStringLiteral("—"));
    QCOMPARE(a.data(TunnelModel::PingRole).toString(), QStringLiteral("—"));
  }

  // The list shows each server's pool transport and PROXY header from its URL; a client takes
  // the server's transport in the handshake, so it says so instead of guessing.
  void transportAndProxy_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("proxy");
    QTest::newRow("tcp") << "server://****@:10101/127.0.0.1:80"
                         << "TCP"
                         << "";
    QTest::newRow("quic") << "server://****@:10101/127.0.0.1:80?tls=1&type=1"
                          << "QUIC"
                          << "";
    QTest::newRow("websocket v1") << "server://****@:10101/127.0.0.1:80?type=2&proxy=1"
                                  << "WebSocket"
                                  << "PROXY v1";
    QTest::newRow("http2 v2") << "server://****@:10101/127.0.0.1:80?tls=2&type=3&proxy=2"
                              << "HTTP/2"
                              << "PROXY v2";
    QTest::newRow("client") << "client://****@h.example:10101/127.0.0.1:80?proxy=2"
                            << "transport from the server"
                            << "PROXY v2";
    QTest::newRow("device") << "device://tok@relay.example:8443/laptop?target=*=127.0.0.1:80"
                            << ""
                            << "";
  }

  void transportAndProxy() {
    QFETCH(QString, url);
    QFETCH(QString, transport);
    QFETCH(QString, proxy);
    TunnelModel m(nullptr);
    TunnelStatus t = tunnel("a", TunnelState::Stopped);
    t.maskedUrl = url;
    m.applySnapshot({t});
    QCOMPARE(m.index(0).data(TunnelModel::TransportRole).toString(), transport);
    QCOMPARE(m.index(0).data(TunnelModel::ProxyRole).toString(), proxy);
    QCOMPARE(m.roleNames().value(TunnelModel::TransportRole), QByteArray("transport"));
  }

  void countersAndHistory() {
    TunnelModel m(nullptr);
    TunnelStatus t = tunnel("a", TunnelState::Running);
    t.pingMs = 3;
    t.pool = 64;
    t.tcpConnections = 2;
    t.udpConnections = 0;
    t.rxBytes = 100;
    t.txBytes = 50;
    m.applySnapshot({t});
    QCOMPARE(m.index(0).data(TunnelModel::PoolRole).toString(), QStringLiteral("64"));
    QCOMPARE(m.index(0).data(TunnelModel::TcpRole).toString(), QStringLiteral("2"));
    QCOMPARE(m.index(0).data(TunnelModel::PingRole).toString(), QStringLiteral("3 ms"));
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    t.rxBytes = 300;
    m.applySnapshot({t});
    QCOMPARE(changed.size(), 1);
    const QList<int> roles = changed[0][2].value<QList<int>>();
    QVERIFY(roles.contains(TunnelModel::RxRole));
    QVERIFY(!roles.contains(TunnelModel::StateRole));
    QCOMPARE(m.index(0).data(TunnelModel::HistoryRole).toList().size(), 1);
  }

  void ping() {
    TunnelModel m(nullptr);
    m.applySnapshot({tunnel("a", TunnelState::Running)});
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    m.setPing(0, 12);
    QCOMPARE(m.index(0).data(TunnelModel::PingRole).toString(), QStringLiteral("12 ms"));
    m.setPing(0, 12);
    QCOMPARE(changed.size(), 1);
    m.setPing(0, -1);
    QCOMPARE(m.index(0).data(TunnelModel::PingRole).toString(), QStringLiteral("unreachable"));
    m.setPing(5, 1);  // out of range: ignored
  }
};

QTEST_GUILESS_MAIN(TestTunnelModel)
#include "tst_tunnelmodel.moc"
