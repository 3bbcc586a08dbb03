// Tests the agent's address literals (core/agent/sys/ipaddress.cpp): dotted quads exactly as
// Go's net.ParseIP takes them for IPv4 (no leading zeros beyond three digits, nothing
// trailing), RFC 4291 text for IPv6 and RFC 5952 output, and the resolver's answers that need
// no lookup; host:port text split as Go's net.SplitHostPort (proxy listens, HTTP targets,
// DNS upstreams).
#include <QtTest>

#include "agent/host/resolver.h"
#include "agent/sys/socket.h"

using namespace routeless::agent;

class TestIpAddress : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void ipv4_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("vip") << "127.0.42.101" << true;
    QTest::newRow("zeros") << "0.0.0.0" << true;
    QTest::newRow("max") << "255.255.255.255" << true;
    QTest::newRow("256") << "256.0.0.1" << false;
    QTest::newRow("three parts") << "127.0.1" << false;
    QTest::newRow("five parts") << "1.2.3.4.5" << false;
    QTest::newRow("trailing dot") << "1.2.3.4." << false;
    QTest::newRow("empty part") << "1..3.4" << false;
    QTest::newRow("four digits") << "0001.2.3.4" << false;
    QTest::newRow("sign") << "+1.2.3.4" << false;
    QTest::newRow("space") << "1.2.3.4 " << false;
    QTest::newRow("name") << "localhost" << false;
    QTest::newRow("empty") << "" << false;
  }
  void ipv4() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto ip = parseIpv4(text.toStdString());
    QCOMPARE(ip.has_value(), valid);
    if (valid) QCOMPARE(QString::fromStdString(formatIpv4(*ip)), text);
  }

  void ipv6_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");  // empty: invalid
    QTest::newRow("loopback") << "::1"
                              << "::1";
    QTest::newRow("any") << "::"
                         << "::";
    QTest::newRow("full") << "2001:0db8:0000:0000:0000:ff00:0042:8329"
                          << "2001:db8::ff00:42:8329";
    QTest::newRow("upper") << "FE80::1"
                           << "fe80::1";
    QTest::newRow("mapped") << "::ffff:127.0.0.1"
                            << "::ffff:7f00:1";
    QTest::newRow("first run wins") << "1:0:0:2:0:0:3:4"
                                    << "1::2:0:0:3:4";
    QTest::newRow("trailing gap") << "1::"
                                  << "1::";
    QTest::newRow("two gaps") << "1::2::3"
                              << "";
    QTest::newRow("nine groups") << "1:2:3:4:5:6:7:8:9"
                                 << "";
    QTest::newRow("seven groups") << "1:2:3:4:5:6:7"
                                  << "";
    QTest::newRow("five digits") << "12345::1"
                                 << "";
    QTest::newRow("lone colon") << ":1::2"
                                << "";
    QTest::newRow("trailing colon") << "1:2:3:4:5:6:7:"
                                    << "";
    QTest::newRow("zone") << "fe80::1%eth0"
                          << "";
    QTest::newRow("v4 in middle") << "1.2.3.4::1"
                                  << "";
  }
  void ipv6() {
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    const auto ip = IpAddress::parse(text.toStdString());
    QCOMPARE(ip.has_value(), !canonical.isEmpty());
    if (ip) {
      QCOMPARE(QString::fromStdString(ip->toString()), canonical);
      QVERIFY(*IpAddress::parse(ip->toString()) == *ip);
    }
  }

  void hostPort_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");  // -1: no port
    QTest::newRow("ip:port") << "127.0.0.1:8080" << true << "127.0.0.1" << 8080;
    QTest::newRow("name:port") << "hostb:80" << true << "hostb" << 80;
    QTest::newRow("host only") << "example.com" << true << "example.com" << -1;
    QTest::newRow("go's :port") << ":1080" << true << "" << 1080;
    QTest::newRow("v6 bracketed") << "[::1]:53" << true << "::1" << 53;
    QTest::newRow("v6 no port") << "[fe80::1]" << true << "fe80::1" << -1;
    QTest::newRow("port 0") << "127.0.0.1:0" << true << "127.0.0.1" << 0;
    QTest::newRow("max port") << "a:65535" << true << "a" << 65535;
    QTest::newRow("port too big") << "a:65536" << false << "" << -1;
    QTest::newRow("six digits") << "a:000080" << false << "" << -1;
    QTest::newRow("empty port") << "a:" << false << "" << -1;
    QTest::newRow("sign") << "a:+80" << false << "" << -1;
    QTest::newRow("trailing") << "a:80x" << false << "" << -1;
    QTest::newRow("bare v6") << "::1:53" << false << "" << -1;
    QTest::newRow("unclosed") << "[::1:53" << false << "" << -1;
    QTest::newRow("after bracket") << "[::1]x53" << false << "" << -1;
    QTest::newRow("bracket in host") << "a]b:1" << false << "" << -1;
  }
  void hostPort() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto parsed = splitHostPort(text.toStdString());
    QCOMPARE(parsed.has_value(), valid);
    if (!valid) return;
    QCOMPARE(QString::fromStdString(parsed->host), host);
    QCOMPARE(parsed->hasPort, port >= 0);
    if (port >= 0) QCOMPARE(int(parsed->port), port);
  }

  void immediateAnswers() {
    QCOMPARE(Resolver::immediateAnswer("10.1.2.3").size(), size_t(1));
    for (const char *name : {"localhost", "LOCALHOST.", "db.localhost"}) {
      const auto a = Resolver::immediateAnswer(name);
      QVERIFY2(!a.empty(), name);
      QCOMPARE(a.front().toString(), std::string("127.0.0.1"));  // IPv4 first, as Go dials
    }
    QVERIFY(Resolver::immediateAnswer("localhost.example").empty());
    QVERIFY(Resolver::immediateAnswer("notlocalhost").empty());
  }
};

QTEST_GUILESS_MAIN(TestIpAddress)
#include "tst_ipaddress.moc"
