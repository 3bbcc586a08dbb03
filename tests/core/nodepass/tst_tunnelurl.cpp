// Table tests for the NodePass v1.14.0 URL parser: every parameter with its default, explicit
// values, Go's "present but <= 0" quirks and every invalid form with its one-line error.
#include <QTest>

#include "nodepass/tunnelurl.h"

using namespace routeless::nodepass;

class TestTunnelUrl : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void serverDefaults() {
    QString err;
    const auto u = parseTunnelUrl(QStringLiteral("server://k3y@:10101/127.0.0.1:8080"), &err);
    QVERIFY2(u, qPrintable(err));
    QCOMPARE(u->role, Role::Server);
    QCOMPARE(u->key, QStringLiteral("k3y"));
    QVERIFY(!u->keyDerived);
    QCOMPARE(u->tunnel.host, QString());
    QCOMPARE(u->tunnel.port, quint16(10101));
    QCOMPARE(u->targets.size(), 1);
    QCOMPARE(u->targets[0].toString(), QStringLiteral("127.0.0.1:8080"));
    QCOMPARE(u->log, LogLevel::Info);
    QCOMPARE(u->tls, 0);
    QCOMPARE(u->mode, 0);
    QCOMPARE(u->type, 0);
    QCOMPARE(u->dnsTtlMs, qint64(300000));
    QCOMPARE(u->maxPool, 1024);
    QCOMPARE(u->minPool, 64);
    QCOMPARE(u->dial, QStringLiteral("auto"));
    QVERIFY(u->dialAddress.isNull());
    QCOMPARE(u->readTimeoutMs, qint64(0));
    QCOMPARE(u->rateMbps, qint64(0));
    QCOMPARE(u->slot, 65536);
    QVERIFY(u->proxy == 0 && !u->notcp && !u->noudp);
    QCOMPARE(u->block, QStringLiteral("0"));
    QCOMPARE(u->auth, AuthPolicy::Auto);
    QCOMPARE(u->describe(),
             QStringLiteral("server://****@:10101/127.0.0.1:8080?dns=5m0s&max=1024&mode=0&type=0&"
                            "dial=auto&read=0s&rate=0&slot=65536&proxy=0&block=0&notcp=0&noudp=0&"
                            "auth=auto"));
  }

  void clientDefaults() {
    QString err;
    const auto u =
        parseTunnelUrl(QStringLiteral("client://k3y@server.example:10101/127.0.0.1:80"), &err);
    QVERIFY2(u, qPrintable(err));
    QCOMPARE(u->role, Role::Client);
    QCOMPARE(u->sni, QStringLiteral("server.example"));
    QCOMPARE(u->minPool, 64);
    QCOMPARE(u->describe(),
             QStringLiteral("client://****@server.example:10101/127.0.0.1:80?dns=5m0s&"
                            "sni=server.example&min=64&mode=0&dial=auto&read=0s&rate=0&"
                            "slot=65536&proxy=0&block=0&notcp=0&noudp=0&auth=auto"));
    const auto strict = parseTunnelUrl(
        QStringLiteral("client://k3y@server.example:10101/127.0.0.1:80?auth=strict"), &err);
    QVERIFY2(strict, qPrintable(err));
    QVERIFY(strict->describe().endsWith(QStringLiteral("&noudp=0&auth=strict")));
    const auto ip = parseTunnelUrl(QStringLiteral("client://k@10.0.0.1:10101/127.0.0.1:80"), &err);
    QVERIFY(ip);
    QCOMPARE(ip->sni, QStringLiteral("none"));
  }

  void keyDerivedFromPort_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("key");
    QTest::newRow("no userinfo") << "server://:10101/127.0.0.1:8080"
                                 << "e68be2b4";
    QTest::newRow("empty user") << "server://@:10101/127.0.0.1:8080"
                                << "e68be2b4";
    QTest::newRow("password only") << "client://:pw@127.0.0.1:10101/127.0.0.1:80"
                                   << "e68be2b4";
    QTest::newRow("password ignored") << "client://abc:pw@127.0.0.1:10101/127.0.0.1:80"
                                      << "abc";
    QTest::newRow("percent-encoded") << "server://a%40b@:10101/127.0.0.1:8080"
                                     << "a@b";
  }
  void keyDerivedFromPort() {
    QFETCH(QString, url);
    QFETCH(QString, key);
    QString err;
    const auto u = parseTunnelUrl(url, &err);
    QVERIFY2(u, qPrintable(err));
    QCOMPARE(u->key, key);
    QCOMPARE(keyFromPort(QStringLiteral("10101")), QStringLiteral("e68be2b4"));
  }

  void severalTargets() {
    QString err;
    const auto u = parseTunnelUrl(
        QStringLiteral("client://k@h:1/127.0.0.1:80, localhost:81 ,,[::1]:82?mode=1"), &err);
    QVERIFY2(u, qPrintable(err));
    QCOMPARE(u->targets.size(), 3);
    QCOMPARE(u->targets[0].toString(), QStringLiteral("127.0.0.1:80"));
    QCOMPARE(u->targets[1].toString(), QStringLiteral("localhost:81"));
    QCOMPARE(u->targets[2].toString(), QStringLiteral("[::1]:82"));
    QCOMPARE(u->targets[2].host, QStringLiteral("::1"));
  }

  // The tunnel and target addresses go through net::parseHostPort (the one host:port reader):
  // every form the URL's own reader took before still reads the same, and the bare IPv6 and
  // out-of-range forms it refused are still refused.
  void hostPortForms_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("ipv4") << "10.0.0.1:80"
                          << "10.0.0.1" << 80;
    QTest::newRow("name") << "db.internal:5432"
                          << "db.internal" << 5432;
    QTest::newRow("underscore") << "my_host-1:1"
                                << "my_host-1" << 1;
    QTest::newRow("empty host") << ":65535"
                                << "" << 65535;
    QTest::newRow("ipv6") << "[::1]:82"
                          << "::1" << 82;
    QTest::newRow("ipv6 full") << "[2001:db8::5]:443"
                               << "2001:db8::5" << 443;
    QTest::newRow("bad ipv6") << "::1:80"
                              << "" << -1;
    QTest::newRow("port 0") << "h:0"
                            << "" << -1;
    QTest::newRow("port big") << "h:65536"
                              << "" << -1;
    QTest::newRow("port sign") << "h:+80"
                               << "" << -1;
    QTest::newRow("no port") << "h"
                             << "" << -1;
    QTest::newRow("unclosed") << "[::1:80"
                              << "" << -1;
    QTest::newRow("v4 in brackets") << "[10.0.0.1]:80"
                                    << "" << -1;
  }
  void hostPortForms() {
    QFETCH(QString, address);
    QFETCH(QString, host);
    QFETCH(int, port);
    for (const QString &url : {QStringLiteral("server://k@%1/127.0.0.2:7").arg(address),
                               QStringLiteral("client://k@h:7/%1").arg(address)}) {
      QString err;
      const auto u = parseTunnelUrl(url, &err);
      if (port < 0) {
        QVERIFY2(!u, qPrintable(url));
        QVERIFY2(err.contains(QLatin1String("address \"") + address), qPrintable(err));
        continue;
      }
      QVERIFY2(u, qPrintable(url + QLatin1String(": ") + err));
      const HostPort &hp = url.startsWith(QLatin1String("server")) ? u->tunnel : u->targets[0];
      QCOMPARE(hp.host, host);
      QCOMPARE(hp.port, quint16(port));
      QCOMPARE(hp.toString(), address);
    }
  }

  void parameters_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    // server-side parameters
    QTest::newRow("log none") << "log=none"
                              << "log"
                              << "0";
    QTest::newRow("log debug") << "log=debug"
                               << "log"
                               << "1";
    QTest::newRow("log warn") << "log=warn"
                              << "log"
                              << "3";
    QTest::newRow("log error") << "log=error"
                               << "log"
                               << "4";
    QTest::newRow("log event") << "log=event"
                               << "log"
                               << "5";
    QTest::newRow("tls 1") << "tls=1"
                           << "tls"
                           << "1";
    QTest::newRow("tls 2") << "tls=2&crt=/a.crt&key=/a.key"
                           << "crt"
                           << "/a.crt";
    QTest::newRow("tls 2 key") << "tls=2&crt=/a.crt&key=/a.key"
                               << "keyPath"
                               << "/a.key";
    QTest::newRow("mode 1") << "mode=1"
                            << "mode"
                            << "1";
    QTest::newRow("mode 2") << "mode=2"
                            << "mode"
                            << "2";
    QTest::newRow("type 0") << "type=0"
                            << "type"
                            << "0";
    QTest::newRow("dns 30s") << "dns=30s"
                             << "dns"
                             << "30000";
    QTest::newRow("dns 1h30m") << "dns=1h30m"
                               << "dns"
                               << "5400000";
    QTest::newRow("dns 1.5s") << "dns=1.5s"
                              << "dns"
                              << "1500";
    QTest::newRow("dns 0 (no cache)") << "dns=0"
                                      << "dns"
                                      << "0";
    QTest::newRow("max 8") << "max=8"
                           << "max"
                           << "8";
    QTest::newRow("max 0 kept") << "max=0"
                                << "max"
                                << "0";
    QTest::newRow("max negative") << "max=-3"
                                  << "max"
                                  << "0";
    QTest::newRow("dial ip") << "dial=127.0.0.1"
                             << "dial"
                             << "127.0.0.1";
    QTest::newRow("dial auto") << "dial=auto"
                               << "dial"
                               << "auto";
    QTest::newRow("read 10s") << "read=10s"
                              << "read"
                              << "10000";
    QTest::newRow("rate 100") << "rate=100"
                              << "rate"
                              << "100";
    QTest::newRow("rate 0") << "rate=0"
                            << "rate"
                            << "0";
    QTest::newRow("slot 10") << "slot=10"
                             << "slot"
                             << "10";
    QTest::newRow("slot 0 unlimited") << "slot=0"
                                      << "slot"
                                      << "0";
    QTest::newRow("proxy 1") << "proxy=1"
                             << "proxy"
                             << "1";
    QTest::newRow("proxy 2") << "proxy=2"
                             << "proxy"
                             << "2";
    QTest::newRow("type 1") << "type=1"
                            << "type"
                            << "1";
    QTest::newRow("type 3") << "type=3"
                            << "type"
                            << "3";
    QTest::newRow("block 123") << "block=123"
                               << "block"
                               << "socks,http,tls";
    QTest::newRow("block 2") << "block=2"
                             << "block"
                             << "http";
    QTest::newRow("block 0") << "block=0"
                             << "block"
                             << "";
    QTest::newRow("notcp") << "notcp=1"
                           << "notcp"
                           << "1";
    QTest::newRow("noudp") << "noudp=1"
                           << "noudp"
                           << "1";
    QTest::newRow("unknown ignored") << "foo=bar&log=warn"
                                     << "log"
                                     << "3";
    QTest::newRow("first value wins") << "log=warn&log=error"
                                      << "log"
                                      << "3";
    QTest::newRow("min ignored on server") << "min=5"
                                           << "min"
                                           << "64";
    QTest::newRow("auth auto") << "auth=auto"
                               << "auth"
                               << "auto";
    QTest::newRow("auth strict") << "auth=strict"
                                 << "auth"
                                 << "strict";
  }
  void parameters() {
    QFETCH(QString, query);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QString err;
    const auto u =
        parseTunnelUrl(QStringLiteral("server://k@:10101/127.0.0.1:8080?") + query, &err);
    QVERIFY2(u, qPrintable(err));
    QCOMPARE(actual(*u, field), expected);
  }

  void clientParameters_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    QTest::newRow("min 4") << "min=4"
                           << "min"
                           << "4";
    QTest::newRow("min 0 -> 1") << "min=0"
                                << "min"
                                << "1";
    QTest::newRow("sni") << "sni=example.org"
                         << "sni"
                         << "example.org";
    QTest::newRow("tls ignored") << "tls=1"
                                 << "tls"
                                 << "0";
    QTest::newRow("max ignored") << "max=5"
                                 << "max"
                                 << "1024";
    QTest::newRow("type ignored") << "type=3"
                                  << "type"
                                  << "0";
    QTest::newRow("mode 1") << "mode=1"
                            << "mode"
                            << "1";
    QTest::newRow("auth strict") << "auth=strict"
                                 << "auth"
                                 << "strict";
  }
  void clientParameters() {
    QFETCH(QString, query);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QString err;
    const auto u =
        parseTunnelUrl(QStringLiteral("client://k@127.0.0.1:10101/127.0.0.1:8080?") + query, &err);
    QVERIFY2(u, qPrintable(err));
    QCOMPARE(actual(*u, field), expected);
  }

  void invalid_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no scheme") << "k@:1/127.0.0.1:2"
                               << "scheme";
    QTest::newRow("bad scheme") << "http://k@:1/127.0.0.1:2"
                                << "scheme \"http\"";
    QTest::newRow("no tunnel") << "server://k@/127.0.0.1:2"
                               << "tunnel address";
    QTest::newRow("no port") << "server://k@host/127.0.0.1:2"
                             << "missing port";
    QTest::newRow("port 0") << "server://k@:0/127.0.0.1:2"
                            << "1-65535";
    QTest::newRow("port big") << "server://k@:70000/127.0.0.1:2"
                              << "1-65535";
    QTest::newRow("port text") << "server://k@:abc/127.0.0.1:2"
                               << "port \"abc\"";
    QTest::newRow("bare ipv6") << "server://k@::1:10/127.0.0.1:2"
                               << "needs brackets";
    QTest::newRow("bad ipv6") << "server://k@[zz]:10/127.0.0.1:2"
                              << "not an IPv6";
    QTest::newRow("unclosed ipv6") << "server://k@[::1:10/127.0.0.1:2"
                                   << "'[' without ']'";
    QTest::newRow("no target") << "server://k@:10101"
                               << "target address: missing";
    QTest::newRow("empty targets") << "server://k@:10101/ , ,"
                                   << "target address: missing";
    QTest::newRow("target no port") << "client://k@h:1/127.0.0.1"
                                    << "target address";
    QTest::newRow("target bad char") << "client://k@h:1/a b:80"
                                     << "white space";
    QTest::newRow("target bad name") << "client://k@h:1/a!b:80"
                                     << "is not a host name";
    QTest::newRow("loop loopback") << "server://k@:10101/127.0.0.1:10101"
                                   << "would loop";
    QTest::newRow("loop unspecified") << "server://k@:10101/10.0.0.1:10101"
                                      << "would loop";
    QTest::newRow("log") << "server://k@:1/127.0.0.1:2?log=verbose"
                         << "log=\"verbose\"";
    QTest::newRow("tls") << "server://k@:1/127.0.0.1:2?tls=3"
                         << "valid: 0, 1, 2";
    QTest::newRow("mode") << "server://k@:1/127.0.0.1:2?mode=x"
                          << "mode=\"x\"";
    QTest::newRow("type bad") << "server://k@:1/127.0.0.1:2?type=9"
                              << "type=\"9\"";
    QTest::newRow("dns") << "server://k@:1/127.0.0.1:2?dns=5x"
                         << "not a duration";
    QTest::newRow("dns neg") << "server://k@:1/127.0.0.1:2?dns=-5s"
                             << "dns=\"-5s\"";
    QTest::newRow("read") << "server://k@:1/127.0.0.1:2?read=soon"
                          << "read=\"soon\"";
    QTest::newRow("min") << "client://k@h:1/127.0.0.1:2?min=lots"
                         << "min=\"lots\"";
    QTest::newRow("max") << "server://k@:1/127.0.0.1:2?max=1e3"
                         << "max=\"1e3\"";
    QTest::newRow("rate") << "server://k@:1/127.0.0.1:2?rate=fast"
                          << "not an integer";
    QTest::newRow("slot") << "server://k@:1/127.0.0.1:2?slot="
                          << "slot=\"\"";
    QTest::newRow("dial") << "server://k@:1/127.0.0.1:2?dial=eth0"
                          << "auto or a local IP";
    QTest::newRow("proxy") << "server://k@:1/127.0.0.1:2?proxy=3"
                           << "valid: 0, 1, 2";
    QTest::newRow("notcp") << "server://k@:1/127.0.0.1:2?notcp=yes"
                           << "notcp=\"yes\"";
    QTest::newRow("noudp") << "server://k@:1/127.0.0.1:2?noudp=true"
                           << "noudp=\"true\"";
    QTest::newRow("block") << "server://k@:1/127.0.0.1:2?block=14"
                           << "digits 0-3";
    QTest::newRow("auth") << "server://k@:1/127.0.0.1:2?auth=hardened"
                          << "auth=\"hardened\": invalid; valid: auto, strict";
    QTest::newRow("auth empty") << "client://k@h:1/127.0.0.1:2?auth="
                                << "valid: auto, strict";
    QTest::newRow("auth case") << "client://k@h:1/127.0.0.1:2?auth=Strict"
                               << "auth=\"Strict\"";
  }
  void invalid() {
    QFETCH(QString, url);
    QFETCH(QString, mentions);
    QString err;
    const auto u = parseTunnelUrl(url, &err);
    QVERIFY2(!u, qPrintable(url));
    QVERIFY2(err.contains(mentions), qPrintable(err));
    QVERIFY2(!err.contains(QLatin1Char('\n')), "errors are one line");
  }

  void master() {
    QString err;
    auto u = parseTunnelUrl(QStringLiteral("master://:9090?log=debug&tls=1"), &err);
    QVERIFY2(u, qPrintable(err));
    QCOMPARE(u->role, Role::Master);
    QCOMPARE(u->apiPrefix, QStringLiteral("/api"));
    QCOMPARE(u->tls, 1);
    u = parseTunnelUrl(QStringLiteral("master://127.0.0.1:9090/admin/"), &err);
    QVERIFY2(u, qPrintable(err));
    QCOMPARE(u->apiPrefix, QStringLiteral("/admin"));
  }

  void textRoundTrip_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("text");  // what tunnelUrlText writes
    QTest::newRow("server defaults") << "server://k@:10101/127.0.0.1:8080"
                                     << "server://k@:10101/127.0.0.1:8080";
    QTest::newRow("key from the port") << "server://:10101/127.0.0.1:8080"
                                       << "server://:10101/127.0.0.1:8080";
    QTest::newRow("server options")
        << "server://k@0.0.0.0:10101/127.0.0.1:8080?tls=1&log=debug&max=20&mode=2&dns=30s"
        << "server://k@0.0.0.0:10101/127.0.0.1:8080?log=debug&tls=1&mode=2&dns=30s&max=20";
    QTest::newRow("explicit tls 0 stays") << "server://k@:1/127.0.0.1:2?tls=0"
                                          << "server://k@:1/127.0.0.1:2?tls=0";
    QTest::newRow("client, min only on clients")
        << "client://k@relay.example:10101/127.0.0.1:80,127.0.0.1:81?min=8&max=99&sni=other"
        << "client://k@relay.example:10101/127.0.0.1:80,127.0.0.1:81?sni=other&min=8";
    QTest::newRow("key with reserved characters") << "client://a%40b%2Fc%3Ad@[::1]:10101/[::1]:80"
                                                  << "client://a%40b%2Fc%3Ad@[::1]:10101/[::1]:80";
    QTest::newRow("switches") << "server://k@:1/h.example:2?proxy=1&notcp=1&block=13&rate=5"
                              << "server://k@:1/h.example:2?rate=5&proxy=1&notcp=1&block=13";
    // proxy=2 (PROXY v2) must come back as 2, not as the v1 switch.
    QTest::newRow("proxy v2") << "client://k@h.example:1/127.0.0.1:2?proxy=2"
                              << "client://k@h.example:1/127.0.0.1:2?proxy=2";
    QTest::newRow("transports") << "server://k@:1/127.0.0.1:2?type=3&tls=2&proxy=2"
                                << "server://k@:1/127.0.0.1:2?tls=2&type=3&proxy=2";
    QTest::newRow("master prefix") << "master://:9090/admin?tls=2&crt=/a b.crt"
                                   << "master://:9090/admin?tls=2&crt=/a%20b.crt";
    QTest::newRow("master root prefix") << "master://:9090//"
                                        << "master://:9090//";
  }

  void textRoundTrip() {
    QFETCH(QString, url);
    QFETCH(QString, text);
    QString err;
    const auto u = parseTunnelUrl(url, &err);
    QVERIFY2(u, qPrintable(err));
    QCOMPARE(tunnelUrlText(*u), text);
    const auto back = parseTunnelUrl(tunnelUrlText(*u), &err);
    QVERIFY2(back, qPrintable(err));
    QVERIFY(*back == *u);
    QCOMPARE(back->key, u->key);
  }

  void goDurations_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("formatted");
    QTest::newRow("0") << "0" << qint64(0) << "0s";
    QTest::newRow("300ms") << "300ms" << qint64(300) << "300ms";
    QTest::newRow("5m") << "5m" << qint64(300000) << "5m0s";
    QTest::newRow("1h") << "1h" << qint64(3600000) << "1h0m0s";
    QTest::newRow("90s") << "90s" << qint64(90000) << "1m30s";
    QTest::newRow("1.5s") << "1.5s" << qint64(1500) << "1.5s";
    QTest::newRow("2h3m4s") << "2h3m4s" << qint64(7384000) << "2h3m4s";
  }
  void goDurations() {
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    QFETCH(QString, formatted);
    const auto parsed = parseGoDurationMs(text);
    QVERIFY(parsed);
    QCOMPARE(*parsed, ms);
    QCOMPARE(formatGoDuration(ms), formatted);
    QVERIFY(!parseGoDurationMs(QStringLiteral("5")));
    QVERIFY(!parseGoDurationMs(QStringLiteral("s")));
    QVERIFY(!parseGoDurationMs(QStringLiteral("1d")));
  }

 private:
  static QString actual(const TunnelUrl &u, const QString &field) {
    if (field == QLatin1String("log")) return QString::number(int(u.log));
    if (field == QLatin1String("tls")) return QString::number(u.tls);
    if (field == QLatin1String("crt")) return u.crtPath;
    if (field == QLatin1String("keyPath")) return u.keyPath;
    if (field == QLatin1String("mode")) return QString::number(u.mode);
    if (field == QLatin1String("type")) return QString::number(u.type);
    if (field == QLatin1String("dns")) return QString::number(u.dnsTtlMs);
    if (field == QLatin1String("max")) return QString::number(u.maxPool);
    if (field == QLatin1String("min")) return QString::number(u.minPool);
    if (field == QLatin1String("dial")) return u.dial;
    if (field == QLatin1String("read")) return QString::number(u.readTimeoutMs);
    if (field == QLatin1String("rate")) return QString::number(u.rateMbps);
    if (field == QLatin1String("slot")) return QString::number(u.slot);
    if (field == QLatin1String("proxy")) return QString::number(u.proxy);
    if (field == QLatin1String("type")) return QString::number(u.type);
    if (field == QLatin1String("notcp")) return QString::number(u.notcp);
    if (field == QLatin1String("noudp")) return QString::number(u.noudp);
    if (field == QLatin1String("sni")) return u.sni;
    if (field == QLatin1String("auth"))
      return u.auth == AuthPolicy::Strict ? QStringLiteral("strict") : QStringLiteral("auto");
    if (field == QLatin1String("block")) {
      QStringList b;
      if (u.blockSocks) b << QStringLiteral("socks");
      if (u.blockHttp) b << QStringLiteral("http");
      if (u.blockTls) b << QStringLiteral("tls");
      return b.join(QLatin1Char(','));
    }
    return QStringLiteral("?");
  }
};

QTEST_GUILESS_MAIN(TestTunnelUrl)
#include "tst_tunnelurl.moc"
