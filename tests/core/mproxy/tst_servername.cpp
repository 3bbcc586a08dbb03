// Tests core/mproxy/servername.cpp: SNI from a ClientHello (also split across records and
// chunks), HTTP Host, and names that must never reach an M-PROXY header.
#include <QTest>

#include "core/mproxy/vectors.h"
#include "mproxy/servername.h"

using namespace routeless::mproxy;

namespace {

// The ClientHello proxy-packer's README and tests use (server name pokemap.hellabit.com).
QByteArray readmeClientHello() {
  for (const QJsonObject &v : testing::loadVectors("vectors-pack.jsonl"))
    if (v[QLatin1String("name")] == QLatin1String("readme-sni-example"))
      return QByteArray::fromHex(v[QLatin1String("data_hex")].toString().toLatin1());
  return {};
}

}  // namespace

class TestServerName : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void tlsClientHello();
  void tlsSplitAcrossRecords();
  void http_data();
  void http();
  void otherProtocols();
  void normalize();
  void wildcard();
};

void TestServerName::tlsClientHello() {
  const QByteArray hello = readmeClientHello();
  QCOMPARE(hello.size(), 199);
  const ServerNameSniff s = sniffServerName(hello);
  QCOMPARE(s.status, ServerNameSniff::Done);
  QCOMPARE(s.protocol, QStringLiteral("tls"));
  QCOMPARE(s.name, QStringLiteral("pokemap.hellabit.com"));
  // Any prefix is "need more", never a wrong answer.
  for (int n = 1; n < hello.size(); ++n)
    QCOMPARE(sniffServerName(hello.left(n)).status, ServerNameSniff::NeedMore);
  // A ClientHello without extensions has no name.
  QByteArray bare = hello.left(5 + 4 + 2 + 32 + 1);  // ... session_id length 0
  bare += QByteArray::fromHex("0002c02f0100");       // one suite, null compression
  bare[3] = char((bare.size() - 5) >> 8);
  bare[4] = char((bare.size() - 5) & 0xFF);
  bare[6] = 0;
  bare[7] = char((bare.size() - 9) >> 8);
  bare[8] = char((bare.size() - 9) & 0xFF);
  const ServerNameSniff b = sniffServerName(bare);
  QCOMPARE(b.status, ServerNameSniff::Done);
  QVERIFY(b.name.isEmpty());
}

void TestServerName::tlsSplitAcrossRecords() {
  const QByteArray hello = readmeClientHello();
  const QByteArray handshake = hello.mid(5);
  auto record = [](const QByteArray &payload) {
    QByteArray r("\x16\x03\x01", 3);
    r.append(char(payload.size() >> 8)).append(char(payload.size() & 0xFF));
    return r + payload;
  };
  const QByteArray split = record(handshake.left(60)) + record(handshake.mid(60));
  const ServerNameSniff s = sniffServerName(split);
  QCOMPARE(s.status, ServerNameSniff::Done);
  QCOMPARE(s.name, QStringLiteral("pokemap.hellabit.com"));
  QCOMPARE(sniffServerName(split.left(70)).status, ServerNameSniff::NeedMore);
}

void TestServerName::http_data() {
  QTest::addColumn<QByteArray>("head");
  QTest::addColumn<QString>("name");
  QTest::newRow("plain") << QByteArray("GET / HTTP/1.1\r\nHost: A.Test\r\n\r\n") << "a.test";
  QTest::newRow("port") << QByteArray(
                               "POST /x HTTP/1.1\r\nUser-Agent: t\r\nhost:a.test:8080\r\n\r\n")
                        << "a.test";
  QTest::newRow("v6") << QByteArray("GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n") << "::1";
  QTest::newRow("bare lf") << QByteArray("GET / HTTP/1.0\nHost: b.test.\n\n") << "b.test";
  QTest::newRow("no host") << QByteArray("GET / HTTP/1.0\r\n\r\n") << "";
  QTest::newRow("comma") << QByteArray("GET / HTTP/1.1\r\nHost: a,end\r\n\r\n") << "";
  QTest::newRow("space") << QByteArray("GET / HTTP/1.1\r\nHost: a b\r\n\r\n") << "";
  // Through net::parseHostPort: the port is optional, an IPv6 address needs its brackets.
  QTest::newRow("v6 no port") << QByteArray("GET / HTTP/1.1\r\nHost: [2001:DB8::1]\r\n\r\n")
                              << "2001:db8::1";
  QTest::newRow("v4 port") << QByteArray("GET / HTTP/1.1\r\nHost: 10.0.0.1:80\r\n\r\n")
                           << "10.0.0.1";
  QTest::newRow("bare v6") << QByteArray("GET / HTTP/1.1\r\nHost: ::1:80\r\n\r\n") << "";
  QTest::newRow("bad port") << QByteArray("GET / HTTP/1.1\r\nHost: a.test:x\r\n\r\n") << "";
  QTest::newRow("unclosed") << QByteArray("GET / HTTP/1.1\r\nHost: [::1\r\n\r\n") << "";
}

void TestServerName::http() {
  QFETCH(QByteArray, head);
  QFETCH(QString, name);
  const ServerNameSniff s = sniffServerName(head);
  QCOMPARE(s.status, ServerNameSniff::Done);
  QCOMPARE(s.protocol, QStringLiteral("http"));
  QCOMPARE(s.name, name);
  // Before the Host line is complete the answer is "need more".
  const qsizetype hostLine = head.toLower().indexOf("host:");
  if (hostLine > 0)
    QCOMPARE(sniffServerName(head.left(hostLine + 3)).status, ServerNameSniff::NeedMore);
}

void TestServerName::otherProtocols() {
  QCOMPARE(sniffServerName("SSH-2.0-OpenSSH\r\n").protocol, QStringLiteral("tcp"));
  QCOMPARE(sniffServerName(QByteArray("\x00\x01", 2)).protocol, QStringLiteral("tcp"));
  QCOMPARE(sniffServerName("GE").status, ServerNameSniff::NeedMore);
  QCOMPARE(sniffServerName("GETTINGVERYLONGMETHODNAME ").protocol, QStringLiteral("tcp"));
  QCOMPARE(sniffServerName(QByteArray()).status, ServerNameSniff::NeedMore);
  // A TLS record that is not a handshake, or garbage lengths: TLS without a name.
  QCOMPARE(sniffServerName(QByteArray::fromHex("1603010000")).name, QString());
  QCOMPARE(sniffServerName(QByteArray::fromHex("16030100050200000100")).status,
           ServerNameSniff::Done);
}

void TestServerName::normalize() {
  QCOMPARE(normalizeHostName(u"Example.COM."), QStringLiteral("example.com"));
  QCOMPARE(normalizeHostName(u"a_b-1.test"), QStringLiteral("a_b-1.test"));
  QVERIFY(normalizeHostName(u"a,b").isEmpty());
  QVERIFY(normalizeHostName(u"b\u00fccher.test").isEmpty());
  QVERIFY(normalizeHostName(u"").isEmpty());
  QVERIFY(normalizeHostName(u"a..").isEmpty());
  QVERIFY(normalizeHostName(u"a..b").isEmpty());
  QVERIFY(normalizeHostName(u".a").isEmpty());
  QVERIFY(normalizeHostName(QString(64, QLatin1Char('a'))).isEmpty());
  QCOMPARE(normalizeHostName(QString(63, QLatin1Char('a'))), QString(63, QLatin1Char('a')));
  QVERIFY(normalizeHostName(QString(254, QLatin1Char('a'))).isEmpty());
}

void TestServerName::wildcard() {
  QVERIFY(hostNameMatches(u"*.example.com", u"a.example.com"));
  QVERIFY(hostNameMatches(u"*.example.com", u"a.b.example.com"));
  QVERIFY(!hostNameMatches(u"*.example.com", u"example.com"));
  QVERIFY(!hostNameMatches(u"*.example.com", u"badexample.com"));
  QVERIFY(hostNameMatches(u"a.test", u"a.test"));
  QVERIFY(!hostNameMatches(u"a.test", u"b.a.test"));
}

QTEST_GUILESS_MAIN(TestServerName)
#include "tst_servername.moc"
