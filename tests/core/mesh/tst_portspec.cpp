// Tests core/mesh/portspec.cpp: the one reader of a host's `ports` entries accepts exactly
// what NoRouter 0.6.5 accepts plus `/udp`, refuses the rest with a reason that quotes the
// input, and reads back what PortSpec::toString() writes.

#include <QtTest>

#include "mesh/portspec.h"

using namespace routeless::mesh;

class TestPortSpec : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void accepts_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("listen");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("connect");
    QTest::addColumn<QString>("proto");
    QTest::newRow("plain") << "8080:127.0.0.1:80" << 8080 << "127.0.0.1" << 80 << "tcp";
    QTest::newRow("tcp suffix") << "15201:127.0.0.1:5201/tcp" << 15201 << "127.0.0.1" << 5201
                                << "tcp";
    QTest::newRow("udp suffix") << "53:10.0.0.2:53/udp" << 53 << "10.0.0.2" << 53 << "udp";
    QTest::newRow("host name") << "80:web-1.lan:8080" << 80 << "web-1.lan" << 8080 << "tcp";
    QTest::newRow("underscore") << "80:my_db:5432" << 80 << "my_db" << 5432 << "tcp";
    QTest::newRow("bounds") << "1:h:65535" << 1 << "h" << 65535 << "tcp";
    QTest::newRow("leading zeros") << "00080:h:08080" << 80 << "h" << 8080 << "tcp";
  }
  void accepts() {
    QFETCH(QString, text);
    QString why;
    const auto p = parsePortSpec(text, &why);
    QVERIFY2(p, qPrintable(why));
    QTEST(int(p->listenPort), "listen");
    QTEST(p->connectHost, "host");
    QTEST(int(p->connectPort), "connect");
    QTEST(p->proto, "proto");
  }

  void refuses_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");  // part of the message
    QTest::newRow("empty") << ""
                           << "LISTENPORT:CONNECTHOST:CONNECTPORT";
    QTest::newRow("two parts") << "80:80"
                               << "LISTENPORT:CONNECTHOST:CONNECTPORT";
    QTest::newRow("listen address") << "127.0.0.1:80:10.0.0.1:80"
                                    << "LISTENPORT:CONNECTHOST:CONNECTPORT";
    QTest::newRow("ipv6 bare") << "80:::1:80"
                               << "IPv6";
    QTest::newRow("ipv6 bracketed") << "80:[::1]:80"
                                    << "IPv6";
    QTest::newRow("listen 0") << "0:h:80"
                              << "the listen port \"0\"";
    QTest::newRow("connect 0") << "80:h:0"
                               << "the connect port \"0\"";
    QTest::newRow("listen 65536") << "65536:h:80"
                                  << "the listen port \"65536\"";
    QTest::newRow("connect 70000") << "80:h:70000"
                                   << "1-65535";
    QTest::newRow("six digits") << "000080:h:80"
                                << "1-65535";
    QTest::newRow("sign") << "+80:h:80"
                          << "1-65535";
    QTest::newRow("spaces") << " 80:h:80"
                            << "1-65535";
    QTest::newRow("service name") << "http:h:80"
                                  << "1-65535";
    QTest::newRow("no host") << "80::80"
                             << "no connect host";
    QTest::newRow("bad ipv4") << "80:10.0.0.300:80"
                              << "neither an IPv4 address nor a host name";
    QTest::newRow("non-ascii host") << QString::fromUtf8("80:h\xc3\xa9:80") << "neither";
    QTest::newRow("sctp") << "80:h:80/sctp"
                          << "/tcp, /udp or none";
    QTest::newRow("upper case proto") << "80:h:80/TCP"
                                      << "/tcp, /udp or none";
    QTest::newRow("two suffixes") << "80:h:80/udp/tcp"
                                  << "/tcp, /udp or none";
    QTest::newRow("control byte") << QStringLiteral("80:h\x01:80") << "\\x01";
  }
  void refuses() {
    QFETCH(QString, text);
    QFETCH(QString, reason);
    QString why;
    QVERIFY(!parsePortSpec(text, &why));
    QVERIFY2(why.contains(reason), qPrintable(why));
    QVERIFY2(!why.contains(QChar(1)), "control bytes are escaped in the message");
    QVERIFY(!parsePortSpec(text));  // no error pointer: still refused, no crash
  }

  void roundTripsThroughToString() {
    for (const char *text : {"8080:127.0.0.1:80", "53:10.0.0.2:53/udp", "1:db.internal:65535"}) {
      const auto p = parsePortSpec(QLatin1String(text));
      QVERIFY(p);
      QCOMPARE(p->toString(), QLatin1String(text));
      QCOMPARE(parsePortSpec(p->toString()), p);
    }
    // "/tcp" is the default and is written without its suffix.
    QCOMPARE(parsePortSpec(QStringLiteral("80:h:80/tcp"))->toString(), QStringLiteral("80:h:80"));
  }
};

QTEST_GUILESS_MAIN(TestPortSpec)
#include "tst_portspec.moc"
