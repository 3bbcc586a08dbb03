// PROXY protocol headers (proxy=1 and proxy=2): v1 text as NodePass writes it, v2 binary bytes
// checked against the specification's layout, and the v2 reader on good and bad input.
#include <QTest>

#include "nodepass/proxyheader.h"

using namespace routeless::nodepass;

class TestProxyHeader : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void v1() {
    QCOMPARE(proxyV1Header(QHostAddress(QStringLiteral("192.0.2.1")), 51000,
                           QHostAddress(QStringLiteral("127.0.0.1")), 80),
             QByteArray("PROXY TCP4 192.0.2.1 127.0.0.1 51000 80\r\n"));
    QCOMPARE(proxyV1Header(QHostAddress(QStringLiteral("2001:db8::1")), 1,
                           QHostAddress(QStringLiteral("::1")), 2),
             QByteArray("PROXY TCP6 2001:db8::1 ::1 1 2\r\n"));
  }

  void v2Ipv4Bytes() {
    const QByteArray h =
        proxyV2Header(ProxyTransport::Tcp, QHostAddress(QStringLiteral("192.0.2.1")), 51000,
                      QHostAddress(QStringLiteral("127.0.0.1")), 80);
    QCOMPARE(h.toHex(),
             QByteArray("0d0a0d0a000d0a515549540a"  // signature
                        "21"                        // v2, PROXY
                        "11"                        // INET, STREAM
                        "000c"                      // 12 bytes of addresses
                        "c0000201"
                        "7f000001"
                        "c738"
                        "0050"));
    const QByteArray u = proxyV2Header(ProxyTransport::Udp, QHostAddress(QStringLiteral("1.2.3.4")),
                                       5, QHostAddress(QStringLiteral("5.6.7.8")), 6);
    QCOMPARE(quint8(u[13]), quint8(0x12));
  }

  void v2Ipv6AndMixed() {
    const QByteArray h =
        proxyV2Header(ProxyTransport::Tcp, QHostAddress(QStringLiteral("2001:db8::1")), 443,
                      QHostAddress(QStringLiteral("127.0.0.1")), 8080);
    QCOMPARE(h.size(), 16 + 36);
    QCOMPARE(quint8(h[13]), quint8(0x21));
    ProxyV2Info info;
    QString error;
    QCOMPARE(parseProxyV2(h + "payload", &info, &error), ProxyParse::Done);
    QCOMPARE(info.headerLength, 52);
    QCOMPARE(info.src, QHostAddress(QStringLiteral("2001:db8::1")));
    QCOMPARE(info.dst.toIPv6Address()[15], quint8(1));  // ::ffff:127.0.0.1
    QCOMPARE(info.dst.toString(), QStringLiteral("::ffff:127.0.0.1"));
    QCOMPARE(info.srcPort, quint16(443));
    QCOMPARE(info.dstPort, quint16(8080));
  }

  void readerNeedsMoreAndRefusesGarbage() {
    const QByteArray h =
        proxyV2Header(ProxyTransport::Tcp, QHostAddress(QStringLiteral("10.0.0.1")), 1,
                      QHostAddress(QStringLiteral("10.0.0.2")), 2);
    ProxyV2Info info;
    QString error;
    for (int n = 0; n < h.size(); ++n)
      QCOMPARE(parseProxyV2(h.left(n), &info, &error), ProxyParse::NeedMore);
    QCOMPARE(parseProxyV2("PROXY TCP4 1.2.3.4", &info, &error), ProxyParse::Invalid);
    QByteArray badVersion = h;
    badVersion[12] = char(0x11);
    QCOMPARE(parseProxyV2(badVersion, &info, &error), ProxyParse::Invalid);
    QVERIFY(error.contains(QStringLiteral("version")));
    QByteArray shortBlock = h;
    shortBlock[15] = char(4);  // IPv4 family with 4 bytes of addresses
    QCOMPARE(parseProxyV2(shortBlock.left(20), &info, &error), ProxyParse::Invalid);
    QByteArray local = h.left(16);
    local[12] = char(0x20);
    local[13] = char(0x00);
    local[14] = local[15] = char(0);
    QCOMPARE(parseProxyV2(local, &info, &error), ProxyParse::Done);
    QVERIFY(info.local);
  }

  void splitHostPortForms() {
    QHostAddress a;
    quint16 p = 0;
    QVERIFY(splitHostPort(QStringLiteral("1.2.3.4:80"), &a, &p));
    QCOMPARE(a, QHostAddress(QStringLiteral("1.2.3.4")));
    QCOMPARE(p, quint16(80));
    QVERIFY(splitHostPort(QStringLiteral("[::1]:443"), &a, &p));
    QCOMPARE(a, QHostAddress(QStringLiteral("::1")));
    QVERIFY(!splitHostPort(QStringLiteral("host:80"), &a, &p));
    QVERIFY(!splitHostPort(QStringLiteral("1.2.3.4:99999"), &a, &p));
    QVERIFY(!splitHostPort(QStringLiteral("1.2.3.4"), &a, &p));
    // Read by net::parseHostPort: digits only, no leading-zero IPv4 parts, bare IPv6 as legacy.
    QVERIFY(!splitHostPort(QStringLiteral("1.2.3.4:+80"), &a, &p));
    QVERIFY(!splitHostPort(QStringLiteral("01.2.3.4:80"), &a, &p));
    QVERIFY(splitHostPort(QStringLiteral("::1:8080"), &a, &p));
    QCOMPARE(a, QHostAddress(QStringLiteral("::1")));
    QCOMPARE(p, quint16(8080));
  }
};

QTEST_GUILESS_MAIN(TestProxyHeader)
#include "tst_proxyheader.moc"
