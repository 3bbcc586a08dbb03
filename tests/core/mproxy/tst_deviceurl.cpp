// Table tests for device:// URLs (core/mproxy/deviceurl.h): every accepted form with the
// DeviceConfig it gives, every refused form with a one-line error that names the part at
// fault and never the token, the canonical form round trip, and the --target / --keepalive
// syntax the URL shares with `routeless-node relay-device`.
#include <QTest>

#include "mproxy/deviceurl.h"

using namespace routeless::mproxy;

Q_DECLARE_METATYPE(routeless::mproxy::DeviceConfig)

namespace {

const QByteArray kToken = "s3cr3tT0k";

QStringList targetTexts(const QList<DeviceTarget> &targets) {
  QStringList texts;
  for (const DeviceTarget &t : targets) texts << deviceTargetText(t);
  return texts;
}

// The fields a device:// URL carries, compared one by one so a failure says which.
void compareUrlFields(const DeviceConfig &actual, const DeviceConfig &expected) {
  QCOMPARE(actual.relayUrl, expected.relayUrl);
  QCOMPARE(actual.token, expected.token);
  QCOMPARE(actual.name, expected.name);
  QCOMPARE(actual.targets, expected.targets);
  QCOMPARE(actual.caFile, expected.caFile);
  QCOMPARE(actual.limits.keepaliveMs, expected.limits.keepaliveMs);
}

DeviceConfig makeConfig(const QString &relay, const QByteArray &token, const QString &name,
                        const QList<DeviceTarget> &targets, const QString &ca = {},
                        int keepaliveMs = MuxLimits().keepaliveMs) {
  DeviceConfig c;
  c.relayUrl = QUrl(relay);
  c.token = token;
  c.name = name;
  c.targets = targets;
  c.caFile = ca;
  c.limits.keepaliveMs = keepaliveMs;
  return c;
}

}  // namespace

class TestDeviceUrl : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void valid_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("relay");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("targets");
    QTest::addColumn<QString>("ca");
    QTest::addColumn<int>("keepaliveMs");

    QTest::newRow("minimal") << "device://s3cr3tT0k@relay.example.com:8443/dev1?target=*=127.0.0.1:"
                                "8080"
                             << "ws://relay.example.com:8443" << kToken << "dev1"
                             << QStringList{"*=127.0.0.1:8080"} << QString() << 15000;
    QTest::newRow("host names lower-cased")
        << "device://s3cr3tT0k@Relay.Example.COM:80/Dev_1.x-y?target=Web.Example.COM=localhost:80"
        << "ws://relay.example.com:80" << kToken << "Dev_1.x-y"
        << QStringList{"web.example.com=localhost:80"} << QString() << 15000;
    QTest::newRow("IPv6 relay and target")
        << "device://s3cr3tT0k@[::1]:9000/d?target=443=[::1]:8443"
        << "ws://[::1]:9000" << kToken << "d" << QStringList{"443=[::1]:8443"} << QString()
        << 15000;
    QTest::newRow("IPv6 relay compressed")
        << "device://s3cr3tT0k@[0:0:0:0:0:0:0:1]:9000/d?target=*=h:1"
        << "ws://[::1]:9000" << kToken << "d" << QStringList{"*=h:1"} << QString() << 15000;
    QTest::newRow("tls and ca") << "device://s3cr3tT0k@10.0.0.1:443/edge?target=*.example.com=127."
                                   "0.0.1:443&tls=1&ca=/etc/routeless/ca%20file.pem"
                                << "wss://10.0.0.1:443" << kToken << "edge"
                                << QStringList{"*.example.com=127.0.0.1:443"}
                                << "/etc/routeless/ca file.pem" << 15000;
    QTest::newRow("tls=0") << "device://s3cr3tT0k@h:1/n?tls=0&target=*=h:2"
                           << "ws://h:1" << kToken << "n" << QStringList{"*=h:2"} << QString()
                           << 15000;
    QTest::newRow("plus is literal")
        << "device://s3cr3tT0k@h:1/n?target=*=h:2&tls=1&ca=/opt/c++/ca."
           "pem"
        << "wss://h:1" << kToken << "n" << QStringList{"*=h:2"} << "/opt/c++/ca.pem" << 15000;
    QTest::newRow("several targets, raw and encoded '='")
        << "device://s3cr3tT0k@h:1/n?target=a.example=127.0.0.1:1&target=%2A=127.0.0.1:2&target="
           "80%3D127.0.0.1%3A9"
        << "ws://h:1" << kToken << "n"
        << QStringList{"a.example=127.0.0.1:1", "*=127.0.0.1:2", "80=127.0.0.1:9"} << QString()
        << 15000;
    QTest::newRow("keepalive fraction")
        << "device://s3cr3tT0k@h:1/n?target=*=h:2&keepalive=1.5"
        << "ws://h:1" << kToken << "n" << QStringList{"*=h:2"} << QString() << 1500;
    QTest::newRow("keepalive whole")
        << "device://s3cr3tT0k@h:1/n?keepalive=3600&target=*=h:2"
        << "ws://h:1" << kToken << "n" << QStringList{"*=h:2"} << QString() << 3600000;
    QTest::newRow("percent-encoded token")
        << "device://a%40b%2Fc%3A%25@h:1/n?target=*=h:2"
        << "ws://h:1" << QByteArray("a@b/c:%") << "n" << QStringList{"*=h:2"} << QString() << 15000;
    QTest::newRow("raw '@' and ':' in token")
        << "device://a@b:c@h:1/n?target=*=h:2"
        << "ws://h:1" << QByteArray("a@b:c") << "n" << QStringList{"*=h:2"} << QString() << 15000;
    QTest::newRow("white space around")
        << "  device://s3cr3tT0k@h:65535/n?target=*=h:2\n"
        << "ws://h:65535" << kToken << "n" << QStringList{"*=h:2"} << QString() << 15000;
  }

  void valid() {
    QFETCH(QString, url);
    QFETCH(QString, relay);
    QFETCH(QByteArray, token);
    QFETCH(QString, name);
    QFETCH(QStringList, targets);
    QFETCH(QString, ca);
    QFETCH(int, keepaliveMs);
    QVERIFY(isDeviceUrl(url));
    QString error;
    const std::optional<DeviceConfig> c = parseDeviceUrl(url, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->relayUrl.toString(), relay);
    QCOMPARE(c->token, token);
    QCOMPARE(c->name, name);
    QCOMPARE(targetTexts(c->targets), targets);
    QCOMPARE(c->caFile, ca);
    QCOMPARE(c->limits.keepaliveMs, keepaliveMs);
    QCOMPARE(c->verbose, false);
    // The canonical form reads back to the same configuration and is a fixed point.
    const QString canonical = deviceUrl(*c);
    const std::optional<DeviceConfig> again = parseDeviceUrl(canonical, &error);
    QVERIFY2(again, qPrintable(canonical + QStringLiteral(": ") + error));
    compareUrlFields(*again, *c);
    QCOMPARE(deviceUrl(*again), canonical);
  }

  void canonicalForm() {
    const auto c = parseDeviceUrl(
        QStringLiteral("  device://a%40b@[::1]:8443/n?keepalive=2.50&ca=/x%20y/ca.pem&tls=1&"
                       "target=WWW.x=[::1]:80&target=*=h:2 "),
        nullptr);
    QVERIFY(c);
    QCOMPARE(deviceUrl(*c), QStringLiteral("device://a%40b@[::1]:8443/n?target=www.x=[::1]:80&"
                                           "target=*=h:2&tls=1&ca=/x%20y/ca.pem&keepalive=2.5"));
  }

  void invalid_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("part");  // the error must start with this

    const QString base = QStringLiteral("device://s3cr3tT0k@relay.example:8443/dev");
    const QString target = QStringLiteral("?target=*=127.0.0.1:80");
    QTest::newRow("empty") << ""
                           << "URL: missing scheme";
    QTest::newRow("no scheme") << "s3cr3tT0k@relay.example:8443/dev"
                               << "URL: missing scheme";
    QTest::newRow("one slash") << "device:/s3cr3tT0k@h:1/n?target=*=h:1"
                               << "URL: missing scheme";
    QTest::newRow("other scheme") << "server://s3cr3tT0k@h:1/n?target=*=h:1"
                                  << "scheme \"server\"";
    QTest::newRow("upper-case scheme") << "Device://s3cr3tT0k@h:1/n?target=*=h:1"
                                       << "scheme \"Device\"";
    QTest::newRow("fragment") << base + target + "#x"
                              << "URL: '#'";
    QTest::newRow("raw '#' in token") << "device://s3cr3t#T0k@h:1/n?target=*=h:1"
                                      << "URL: '#'";
    QTest::newRow("no token") << "device://relay.example:8443/dev" + target << "token: missing";
    QTest::newRow("empty token") << "device://@relay.example:8443/dev" + target << "token: missing";
    QTest::newRow("raw '?' in token") << "device://s3cr3t?T0k@h:1/n?target=*=h:1"
                                      << "token: missing";
    QTest::newRow("space in token") << "device://s3cr3t%20T0k@h:1/n" + target << "token:";
    QTest::newRow("control in token") << "device://s3cr3t%0AT0k@h:1/n" + target << "token:";
    QTest::newRow("no address") << "device://s3cr3tT0k@/dev" + target << "relay address:";
    QTest::newRow("no port") << "device://s3cr3tT0k@relay.example/dev" + target
                             << "relay address \"relay.example\": missing port";
    QTest::newRow("empty port") << "device://s3cr3tT0k@relay.example:/dev" + target
                                << "relay address \"relay.example:\": port";
    QTest::newRow("port 0") << "device://s3cr3tT0k@h:0/dev" + target << "relay address \"h:0\"";
    QTest::newRow("port 65536") << "device://s3cr3tT0k@h:65536/dev" + target
                                << "relay address \"h:65536\"";
    QTest::newRow("port +80") << "device://s3cr3tT0k@h:+80/dev" + target
                              << "relay address \"h:+80\"";
    QTest::newRow("port text") << "device://s3cr3tT0k@h:http/dev" + target
                               << "relay address \"h:http\"";
    QTest::newRow("bad host") << "device://s3cr3tT0k@ho%20st:80/dev" + target
                              << "relay address \"ho%20st:80\"";
    QTest::newRow("host QUrl drops") << "device://s3cr3tT0k@a-.b:80/dev" + target
                                     << "relay address \"a-.b:80\": not a host a URL can hold";
    QTest::newRow("empty host") << "device://s3cr3tT0k@:80/dev" + target << "relay address \":80\"";
    QTest::newRow("bare IPv6") << "device://s3cr3tT0k@::1:80/dev" + target
                               << "relay address \"::1:80\": an IPv6 address needs brackets";
    QTest::newRow("unclosed bracket")
        << "device://s3cr3tT0k@[::1:80/dev" + target << "relay address \"[::1:80\"";
    QTest::newRow("IPv4 in brackets")
        << "device://s3cr3tT0k@[10.0.0.1]:80/dev" + target << "relay address \"[10.0.0.1]:80\"";
    QTest::newRow("IPv6 without port")
        << "device://s3cr3tT0k@[::1]/dev" + target << "relay address \"[::1]\": missing port";
    QTest::newRow("no path") << "device://s3cr3tT0k@h:1" + target << "name: missing";
    QTest::newRow("empty name") << "device://s3cr3tT0k@h:1/" + target << "name: missing";
    QTest::newRow("name with slash") << "device://s3cr3tT0k@h:1/a/b" + target << "name \"a/b\"";
    QTest::newRow("name with escape")
        << "device://s3cr3tT0k@h:1/a%20b" + target << "name \"a%20b\"";
    QTest::newRow("name too long")
        << "device://s3cr3tT0k@h:1/" + QString(65, QLatin1Char('n')) + target << "name \"nnnn";
    QTest::newRow("no query") << base << "target: missing";
    QTest::newRow("empty query") << base + "?"
                                 << "target: missing";
    QTest::newRow("no target") << base + "?tls=1"
                               << "target: missing";
    QTest::newRow("empty target") << base + "?target="
                                  << "query parameter target: empty value";
    QTest::newRow("target without value") << base + "?target"
                                          << "query parameter target: empty";
    QTest::newRow("target shape") << base + "?target=nonsense"
                                  << "target \"nonsense\": expected KEY=HOST:PORT where KEY is a "
                                     "host name, *.suffix, a port number or *";
    QTest::newRow("target no port") << base + "?target=x=h"
                                    << "target \"x=h\": expected";
    QTest::newRow("target no key") << base + "?target==h:1"
                                   << "target \"=h:1\": expected";
    QTest::newRow("target port 0") << base + "?target=x=h:0"
                                   << "target \"x=h:0\": port \"0\"";
    QTest::newRow("target port big") << base + "?target=x=h:70000"
                                     << "target \"x=h:70000\": port";
    QTest::newRow("target no host") << base + "?target=x=:80"
                                    << "target \"x=:80\": missing host";
    QTest::newRow("target host not a name") << base + "?target=*=odd%26host%3Dx:80"
                                            << "target \"*=odd&host=x:80\": \"odd&host=x\" is not";
    QTest::newRow("target host in brackets, not IPv6")
        << base + "?target=*=[name]:80"
        << "target \"*=[name]:80\": \"name\" in brackets";
    QTest::newRow("target bad key") << base + "?target=a%20b=h:80"
                                    << "target \"a b=h:80\": KEY \"a b\"";
    QTest::newRow("control character shown escaped") << base + "?target=a%0A=h:1"
                                                     << "target \"a\\x0a=h:1\": KEY \"a\\x0a\"";
    QTest::newRow("raw newline in name")
        << "device://s3cr3tT0k@h:1/a\nb" + target << "name \"a\\x0ab\"";
    QTest::newRow("target empty suffix") << base + "?target=*.=h:80"
                                         << "target \"*.=h:80\": KEY \"*.\"";
    QTest::newRow("target comma key") << base + "?target=a,b=h:80"
                                      << "target \"a,b=h:80\": KEY \"a,b\"";
    QTest::newRow("second target bad") << base + target + "&target=y"
                                       << "target \"y\"";
    QTest::newRow("tls 2") << base + target + "&tls=2"
                           << "tls \"2\": invalid; valid: 0";
    QTest::newRow("tls yes") << base + target + "&tls=yes"
                             << "tls \"yes\"";
    QTest::newRow("tls empty") << base + target + "&tls="
                               << "query parameter tls: empty value";
    QTest::newRow("tls no value") << base + target + "&tls"
                                  << "query parameter tls: empty value";
    QTest::newRow("tls twice") << base + target + "&tls=1&tls=1"
                               << "query parameter tls: given twice";
    QTest::newRow("tls twice, differing") << base + target + "&tls=0&tls=1"
                                          << "query parameter tls: given twice";
    QTest::newRow("ca without tls") << base + target + "&ca=/x.pem"
                                    << "ca \"/x.pem\": only allowed with tls=1";
    QTest::newRow("ca with tls=0") << base + target + "&tls=0&ca=/x.pem"
                                   << "ca \"/x.pem\"";
    QTest::newRow("ca twice") << base + target + "&tls=1&ca=/a&ca=/b"
                              << "query parameter ca: given twice";
    QTest::newRow("ca empty") << base + target + "&tls=1&ca="
                              << "query parameter ca: empty";
    QTest::newRow("keepalive 0") << base + target + "&keepalive=0"
                                 << "keepalive \"0\": invalid; valid: seconds";
    QTest::newRow("keepalive negative") << base + target + "&keepalive=-1"
                                        << "keepalive \"-1\"";
    QTest::newRow("keepalive too long") << base + target + "&keepalive=3601"
                                        << "keepalive \"3601\"";
    QTest::newRow("keepalive text") << base + target + "&keepalive=15s"
                                    << "keepalive \"15s\"";
    QTest::newRow("keepalive nan") << base + target + "&keepalive=nan"
                                   << "keepalive \"nan\"";
    QTest::newRow("keepalive inf") << base + target + "&keepalive=inf"
                                   << "keepalive \"inf\"";
    QTest::newRow("keepalive below 1 ms") << base + target + "&keepalive=0.0001"
                                          << "keepalive \"0.0001\"";
    QTest::newRow("keepalive twice") << base + target + "&keepalive=5&keepalive=5"
                                     << "query parameter keepalive: given twice";
    QTest::newRow("unknown parameter") << base + target + "&token=x"
                                       << "query parameter \"token\": unknown; valid: target, "
                                          "tls, ca, keepalive";
    QTest::newRow("upper-case parameter") << base + "?TARGET=*=h:1"
                                          << "query parameter \"TARGET\": unknown";
    QTest::newRow("empty item") << base + target + "&&tls=1"
                                << "query: empty parameter";
    QTest::newRow("trailing &") << base + target + "&"
                                << "query: empty parameter";
    QTest::newRow("leading &") << base + "?&" + target.mid(1) << "query: empty parameter";
  }

  void invalid() {
    QFETCH(QString, url);
    QFETCH(QString, part);
    QString error;
    QVERIFY(!parseDeviceUrl(url, &error));
    QVERIFY2(error.startsWith(part), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("s3cr3t")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("T0k")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    QVERIFY(!parseDeviceUrl(url, nullptr));  // a null error pointer is allowed
  }

  void roundTrip_data() {
    QTest::addColumn<DeviceConfig>("config");
    const QList<DeviceTarget> one{{QStringLiteral("*"), QStringLiteral("127.0.0.1"), 80}};
    QTest::newRow("plain") << makeConfig("ws://relay.example:8443", kToken, "dev", one);
    QTest::newRow("default port ws") << makeConfig("ws://relay.example", kToken, "dev", one);
    QTest::newRow("IPv6 wss with ca")
        << makeConfig("wss://[2001:db8::1]:443", kToken, "d.e_v-1", one,
                      QStringLiteral("/etc/a b/c&d=e#f%g+h.pem"));
    QTest::newRow("odd token bytes")
        << makeConfig("ws://h:1", QByteArray("%01@/?#&=+:\xc3\xa9\xff~"), "n", one);
    QTest::newRow("keepalive 1 ms") << makeConfig("ws://h:1", kToken, "n", one, {}, 1);
    QTest::newRow("keepalive 0.29 s") << makeConfig("ws://h:1", kToken, "n", one, {}, 290);
    QTest::newRow("keepalive 1 h") << makeConfig("ws://h:1", kToken, "n", one, {}, 3600000);
    QTest::newRow("many targets") << makeConfig(
        "wss://h:1", kToken, "n",
        {{QStringLiteral("www.example.com"), QStringLiteral("::1"), 8443},
         {QStringLiteral("*.example.com"), QStringLiteral("backend.local"), 443},
         {QStringLiteral("8080"), QStringLiteral("10.0.0.2"), 80},
         {QStringLiteral("*"), QStringLiteral("_svc-1.internal"), 65535},
         {QStringLiteral("*"), QStringLiteral("::ffff:10.0.0.1"), 1}});
  }

  void roundTrip() {
    QFETCH(DeviceConfig, config);
    const QString url = deviceUrl(config);
    QVERIFY(isDeviceUrl(url));
    QString error;
    const std::optional<DeviceConfig> parsed = parseDeviceUrl(url, &error);
    QVERIFY2(parsed, qPrintable(error));
    if (config.relayUrl.port() < 0)  // the canonical form always names the port
      config.relayUrl.setPort(config.relayUrl.scheme() == QLatin1String("wss") ? 443 : 80);
    compareUrlFields(*parsed, config);
  }

  void isDeviceUrlChecksOnlyTheScheme() {
    QVERIFY(isDeviceUrl(QStringLiteral("device://")));
    QVERIFY(isDeviceUrl(QStringLiteral("  device://anything at all")));
    QVERIFY(!isDeviceUrl(QStringLiteral("Device://t@h:1/n")));
    QVERIFY(!isDeviceUrl(QStringLiteral("server://k@:1/h:2")));
    QVERIFY(!isDeviceUrl(QStringLiteral("device:")));
    QVERIFY(!isDeviceUrl(QString()));
  }

  // The --target syntax, exactly as relay-device has always read it.
  void target_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");  // empty: refused
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("port key") << "80=127.0.0.1:9"
                              << "80"
                              << "127.0.0.1" << 9;
    QTest::newRow("name key lowered") << "WWW.Example.com.=h:1"
                                      << "www.example.com"
                                      << "h" << 1;
    QTest::newRow("suffix key") << "*.Example.com=[::1]:443"
                                << "*.example.com"
                                << "::1" << 443;
    QTest::newRow("bare IPv6 host") << "*=::1:443"
                                    << "*"
                                    << "::1" << 443;
    QTest::newRow("any") << "*=localhost:65535"
                         << "*"
                         << "localhost" << 65535;
    QTest::newRow("no '='") << "nonsense"
                            << ""
                            << "" << 0;
    QTest::newRow("empty key") << "=h:1"
                               << ""
                               << "" << 0;
    QTest::newRow("no port") << "k=h"
                             << ""
                             << "" << 0;
    QTest::newRow("port 0") << "k=h:0"
                            << ""
                            << "" << 0;
    QTest::newRow("port too big") << "k=h:65536"
                                  << ""
                                  << "" << 0;
    QTest::newRow("empty host") << "k=[]:1"
                                << ""
                                << "" << 0;
    QTest::newRow("bad key") << "k!=h:1"
                             << ""
                             << "" << 0;
    QTest::newRow("star in the middle") << "a.*.b=h:1"
                                        << ""
                                        << "" << 0;
  }

  void target() {
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(QString, host);
    QFETCH(int, port);
    QString error;
    const std::optional<DeviceTarget> t = parseDeviceTarget(text, &error);
    if (key.isEmpty()) {
      QVERIFY(!t);
      QVERIFY2(error.startsWith(QStringLiteral("target \"%1\": ").arg(text)), qPrintable(error));
      return;
    }
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->key, key);
    QCOMPARE(t->host, host);
    QCOMPARE(int(t->port), port);
    QCOMPARE(parseDeviceTarget(deviceTargetText(*t), nullptr), t);
  }

  void keepalive() {
    QCOMPARE(parseKeepaliveSeconds(QStringLiteral("15")), std::optional<int>(15000));
    QCOMPARE(parseKeepaliveSeconds(QStringLiteral("0.5")), std::optional<int>(500));
    QCOMPARE(parseKeepaliveSeconds(QStringLiteral("0.29")), std::optional<int>(290));
    QCOMPARE(parseKeepaliveSeconds(QStringLiteral("3600")), std::optional<int>(3600000));
    for (const char *bad : {"", "0", "-1", "3600.5", "nan", "inf", "0.0004", "1s", "x"})
      QVERIFY2(!parseKeepaliveSeconds(QString::fromLatin1(bad)), bad);
  }
};

QTEST_GUILESS_MAIN(TestDeviceUrl)
#include "tst_deviceurl.moc"
