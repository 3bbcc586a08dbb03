// net::parseHostPort, one table: every shape it reads (names, IPv4, bracketed IPv6, and what the
// rules allow), every way it refuses (with the start of the error), and formatHostPort reading
// back to the same value.
#include <QtTest>

#include "net/hostport.h"

using namespace routeless::net;

namespace {

enum Rule : int {
  kAddressOnly = 1,
  kEmptyHost = 2,
  kPortOnly = 4,
  kPortZero = 8,
  kBareIpv6 = 16,
  kPortOptional = 32,
};

HostPortRules rulesFrom(int bits) {
  HostPortRules r;
  if (bits & kAddressOnly) r.host = HostPortRules::Host::Address;
  r.emptyHost = bits & kEmptyHost;
  r.portOnly = bits & kPortOnly;
  r.portZero = bits & kPortZero;
  r.bareIpv6 = bits & kBareIpv6;
  r.portOptional = bits & kPortOptional;
  return r;
}

}  // namespace

class TestHostPort : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void table_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rules");
    QTest::addColumn<QString>("host");   // expected host when it parses
    QTest::addColumn<int>("port");       // -1: refused
    QTest::addColumn<QString>("error");  // start of the error when refused
    auto ok = [](const char *row, const QString &text, int rules, const QString &host, int port) {
      QTest::newRow(row) << text << rules << host << port << QString();
    };
    auto bad = [](const char *row, const QString &text, int rules, const QString &error) {
      QTest::newRow(row) << text << rules << QString() << -1 << error;
    };
    ok("name", "db.internal:5432", 0, "db.internal", 5432);
    ok("name lowered, root dot dropped", "DB.Example.COM.:80", 0, "db.example.com", 80);
    ok("underscore and digits", "_srv-1.x9:1", 0, "_srv-1.x9", 1);
    ok("IPv4", "10.0.0.1:65535", 0, "10.0.0.1", 65535);
    ok("IPv4 zeros", "0.0.0.0:80", 0, "0.0.0.0", 80);
    ok("IPv6", "[::1]:80", 0, "::1", 80);
    ok("IPv6 canonical", "[2001:DB8:0:0::1]:443", 0, "2001:db8::1", 443);
    ok("IPv4-mapped IPv6", "[::ffff:1.2.3.4]:1", 0, "::ffff:1.2.3.4", 1);
    ok("address rule, IPv4", "127.0.0.1:1", kAddressOnly, "127.0.0.1", 1);
    ok("address rule, IPv6", "[fe80::1]:1", kAddressOnly, "fe80::1", 1);
    ok("empty host", ":8080", kEmptyHost, "", 8080);
    ok("port only", "8080", kEmptyHost | kPortOnly, "", 8080);
    ok("port zero", "h:0", kPortZero, "h", 0);
    ok("bare IPv6 (legacy)", "::1:443", kBareIpv6, "::1", 443);
    ok("bare IPv6, brackets still fine", "[::1]:443", kBareIpv6, "::1", 443);
    ok("host alone", "Ui.Example:8080", kPortOptional, "ui.example", 8080);
    ok("name without port", "Ui.Example", kPortOptional, "ui.example", 0);
    ok("IPv4 without port", "127.0.0.1", kPortOptional, "127.0.0.1", 0);
    ok("IPv6 without port", "[::1]", kPortOptional, "::1", 0);
    ok("port only wins over a host alone", "8080", kEmptyHost | kPortOnly | kPortOptional, "",
       8080);
    ok("longest label", QString(63, QLatin1Char('a')) + ".b:1", 0,
       QString(63, QLatin1Char('a')) + ".b", 1);

    bad("empty", "", 0, "empty");
    bad("no port", "db.internal", 0, "missing port");
    bad("IPv6 without port", "[::1]", 0, "missing port");
    bad("colon, no port", "h:", 0, "port missing after ':'");
    bad("port 0", "h:0", 0, "port \"0\" is invalid; valid: 1-65535");
    bad("port 65536", "h:65536", kPortZero, "port \"65536\" is invalid; valid: 0-65535");
    bad("port sign", "h:+80", 0, "port \"+80\"");
    bad("port hex", "h:0x50", 0, "port \"0x50\"");
    bad("port name", "h:http", 0, "port \"http\"");
    bad("port too long", "h:000080", 0, "port \"000080\"");
    bad("space", "h :80", 0, "white space");
    bad("tab", "h:\t80", 0, "white space");
    bad("newline", "h\n:80", 0, "white space");
    bad("empty host", ":80", 0, "missing host");
    bad("port only without the rule", "8080", kEmptyHost, "missing port");
    bad("bare IPv6", "::1:80", 0, "an IPv6 address needs brackets");
    bad("bare IPv6, not an address", "a:b:80", kBareIpv6, "an IPv6 address needs brackets");
    bad("unclosed bracket", "[::1:80", 0, "'[' without ']'");
    bad("IPv4 in brackets", "[10.0.0.1]:80", 0, "\"10.0.0.1\" in brackets is not an IPv6");
    bad("empty brackets", "[]:80", 0, "\"\" in brackets");
    bad("junk after bracket", "[::1]x:80", 0, "\"x:80\" after ']'");
    bad("IPv4 out of range", "1.2.3.256:80", 0, "\"1.2.3.256\" is not an IPv4 address");
    bad("IPv4 short", "1.2.3:80", 0, "\"1.2.3\" is not an IPv4 address");
    bad("IPv4 leading zero", "010.0.0.1:80", 0, "\"010.0.0.1\" is not an IPv4");
    bad("name with percent", "ho%20st:80", 0, "\"ho%20st\" is not a host name");
    bad("name with comma", "a,b:80", 0, "\"a,b\" is not a host name");
    bad("non-ASCII name", QStringLiteral("b\u00fccher.de:80"), 0, "\"b\\xfccher.de\"");
    bad("empty label", "a..b:80", 0, "\"a..b\" is not a host name");
    bad("label too long", QString(64, QLatin1Char('a')) + ":1", 0, "\"aaaa");
    bad("name too long", QString(254, QLatin1Char('a')) + ":1", 0, "\"aaaa");
    bad("optional port, empty port", "h:", kPortOptional, "port missing after ':'");
    bad("optional port, bad port", "h:65536", kPortOptional, "port \"65536\" is invalid");
    bad("optional port, IPv6 unbracketed", "::1", kPortOptional, "an IPv6 address needs brackets");
    bad("optional port, digits alone", "8080", kPortOptional, "\"8080\" is not an IPv4");
    bad("name under the address rule", "db:80", kAddressOnly, "\"db\" is not an IP address");
  }
  void table() {
    QFETCH(QString, text);
    QFETCH(int, rules);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, error);
    QString why;
    const std::optional<HostPort> hp = parseHostPort(text, rulesFrom(rules), &why);
    if (port < 0) {
      QVERIFY2(!hp, qPrintable(hp ? hp->host : QString()));
      QVERIFY2(why.startsWith(error), qPrintable(why));
      QVERIFY(!why.contains(QLatin1Char('\n')) && !why.contains(QLatin1Char('\t')));
      QVERIFY(!parseHostPort(text, rulesFrom(rules), nullptr));  // no error pointer is fine
      return;
    }
    QVERIFY2(hp, qPrintable(why));
    QCOMPARE(hp->host, host);
    QCOMPARE(int(hp->port), port);
    QCOMPARE(hp->address.isNull(), QHostAddress(host).isNull());
    // A port 0 is "none" only where the caller made the port optional and forbade 0.
    const bool alone = (rules & kPortOptional) && !(rules & kPortZero) && port == 0;
    QCOMPARE(hp->hasPort, !alone);
    // What formatHostPort writes (without ":0" for a host alone) reads back to the same value.
    QString written = formatHostPort(hp->host, hp->port);
    if (alone) written.chop(2);
    QCOMPARE(parseHostPort(written, rulesFrom(rules & ~kBareIpv6)), hp);
  }

  void formatting() {
    QCOMPARE(formatHostPort(QStringLiteral("db"), 5), QStringLiteral("db:5"));
    QCOMPARE(formatHostPort(QStringLiteral("::1"), 80), QStringLiteral("[::1]:80"));
    QCOMPARE(formatHostPort(QStringLiteral("[::1]"), 80), QStringLiteral("[::1]:80"));
    QCOMPARE(formatHostPort(QString(), 80), QStringLiteral(":80"));
  }
};

QTEST_GUILESS_MAIN(TestHostPort)
#include "tst_hostport.moc"
