// Router: the manager's destination table (VIP, learned, CIDR with last match winning).
#include <QtTest>

#include "mesh/router.h"

using routeless::mesh::Router;

class TestRouter : public QObject {
  Q_OBJECT
 private:
  static quint32 ip(const char *s) { return *Router::parseIpv4(QString::fromLatin1(s)); }

 private Q_SLOTS:
  void parsesAndFormatsIpv4() {
    QCOMPARE(Router::formatIpv4(ip("127.0.42.101")), QStringLiteral("127.0.42.101"));
    QVERIFY(!Router::parseIpv4(QStringLiteral("127.0.42")));
    QVERIFY(!Router::parseIpv4(QStringLiteral("127.0.42.256")));
    QVERIFY(!Router::parseIpv4(QStringLiteral("a.b.c.d")));
    QVERIFY(!Router::parseIpv4(QStringLiteral("1..2.3")));
  }

  void vipRoutesToItself() {
    Router r;
    r.addVip(ip("127.0.42.101"));
    r.addVip(ip("127.0.42.102"));
    QCOMPARE(*r.route(ip("127.0.42.102")), ip("127.0.42.102"));
    QVERIFY(!r.route(ip("127.0.42.103")));
  }

  void lastCidrWins() {
    Router r;
    r.addVip(ip("127.0.42.101"));
    r.addVip(ip("127.0.42.102"));
    QVERIFY(r.addCidrRoute(QStringLiteral("10.0.0.0/8"), ip("127.0.42.101")));
    QVERIFY(r.addCidrRoute(QStringLiteral("10.1.0.0/16"), ip("127.0.42.102")));
    QVERIFY(r.addCidrRoute(QStringLiteral("0.0.0.0/0"), ip("127.0.42.101")));
    // The default route is listed last, so it wins over the more specific ones (as NoRouter).
    QCOMPARE(*r.route(ip("10.1.2.3")), ip("127.0.42.101"));
    Router r2;
    QVERIFY(r2.addCidrRoute(QStringLiteral("10.0.0.0/8"), ip("127.0.42.101")));
    QVERIFY(r2.addCidrRoute(QStringLiteral("10.1.0.0/16"), ip("127.0.42.102")));
    QCOMPARE(*r2.route(ip("10.1.2.3")), ip("127.0.42.102"));
    QCOMPARE(*r2.route(ip("10.2.0.1")), ip("127.0.42.101"));
    QVERIFY(!r2.route(ip("11.0.0.1")));
  }

  void vipBeatsLearnedBeatsCidr() {
    Router r;
    r.addVip(ip("127.0.42.101"));
    r.addVip(ip("127.0.42.102"));
    QVERIFY(r.addCidrRoute(QStringLiteral("127.0.0.1/32"), ip("127.0.42.101")));
    r.learn(ip("127.0.0.1"), ip("127.0.42.102"));
    QCOMPARE(*r.route(ip("127.0.0.1")), ip("127.0.42.102"));
    r.learn(ip("127.0.42.101"), ip("127.0.42.102"));
    QCOMPARE(*r.route(ip("127.0.42.101")), ip("127.0.42.101"));
  }

  void learnedIsBoundedLru() {
    Router r;
    for (quint32 i = 0; i < Router::kLearnedCapacity; ++i) r.learn(0x0A000000 + i, 1);
    QVERIFY(r.route(0x0A000000));  // touch the oldest: it becomes the newest
    r.learn(0x0B000000, 2);        // evicts the least recently used, 10.0.0.1
    QVERIFY(r.route(0x0A000000));
    QVERIFY(!r.route(0x0A000001));
    QCOMPARE(*r.route(0x0B000000), quint32(2));
  }

  void rejectsMalformedCidr() {
    Router r;
    QString error;
    QVERIFY(!r.addCidrRoute(QStringLiteral("10.0.0.0/33"), 1, &error));
    QVERIFY(error.contains(QStringLiteral("10.0.0.0/33")));
    QVERIFY(!r.addCidrRoute(QStringLiteral("10.0.0.0"), 1));
    QVERIFY(!r.addCidrRoute(QStringLiteral("x/8"), 1));
  }

  void destinationOfPacket() {
    QByteArray p(20, '\0');
    p[0] = char(0x45);
    p[16] = 127;
    p[17] = 0;
    p[18] = 42;
    p[19] = 102;
    QCOMPARE(*routeless::mesh::ipv4Destination(p.constData(), p.size()), ip("127.0.42.102"));
    QVERIFY(!routeless::mesh::ipv4Destination(p.constData(), 19));
    p[0] = char(0x60);
    QVERIFY(!routeless::mesh::ipv4Destination(p.constData(), p.size()));
  }

  void tableListsEveryKind() {
    Router r;
    r.addVip(ip("127.0.42.101"));
    r.learn(ip("192.168.1.5"), ip("127.0.42.101"));
    QVERIFY(r.addCidrRoute(QStringLiteral("10.0.0.0/8"), ip("127.0.42.101")));
    const auto t = r.table();
    QCOMPARE(t.size(), 3);
    QCOMPARE(t[0].kind, QStringLiteral("vip"));
    QCOMPARE(t[1].destination, QStringLiteral("192.168.1.5"));
    QCOMPARE(t[2].destination, QStringLiteral("10.0.0.0/8"));
  }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
