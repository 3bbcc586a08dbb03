// The UI protocol's upgrade judgement: what a native client with the token gets (101, with
// Routeless-UIv1 as the only subprotocol), and what a browser page, a DNS-rebinding page, a
// client without or with a wrong token, or a malformed upgrade gets instead, before any
// upgrade. Origins are parsed, never prefix-matched.
#include <QtTest>

#include "control/envelope.h"
#include "control/uihandshake.h"
#include "net/httphead.h"

using namespace routeless::control;
using routeless::net::HttpRequestHeadParser;

namespace {

const QByteArray kToken = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
constexpr quint16 kPort = 5333;

struct Request {
  QByteArray method = "GET";
  QByteArray version = "HTTP/1.1";
  QByteArray host = "127.0.0.1:5333";
  QList<QByteArray> extra;  // whole field lines
  QByteArray protocols = "Routeless-UIv1";
  QByteArray authorization = "Bearer " + kToken;
  QByteArray upgrade = "websocket";
  QByteArray wsVersion = "13";
  QByteArray key = "dGhlIHNhbXBsZSBub25jZQ==";

  QByteArray text() const {
    QByteArray r = method + " / " + version + "\r\nHost: " + host + "\r\nUpgrade: " + upgrade +
                   "\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: " + key +
                   "\r\nSec-WebSocket-Version: " + wsVersion + "\r\n";
    if (!protocols.isEmpty()) r += "Sec-WebSocket-Protocol: " + protocols + "\r\n";
    if (!authorization.isEmpty()) r += "Authorization: " + authorization + "\r\n";
    for (const QByteArray &line : extra) r += line + "\r\n";
    return r + "\r\n";
  }
};

UiAccessPolicy policy(QList<QByteArray> origins = {}) {
  UiAccessPolicy p;
  p.token = kToken;
  p.port = kPort;
  for (const QByteArray &o : origins) p.allowedOrigins.append(*WebOrigin::parse(o));
  return p;
}

UiHandshakeVerdict judge(const Request &r, const UiAccessPolicy &p = policy()) {
  HttpRequestHeadParser parser;
  if (parser.feed(r.text()) != HttpRequestHeadParser::State::Done) {
    UiHandshakeVerdict v;
    v.status = parser.errorStatus();
    v.reason = parser.errorText();
    return v;
  }
  return judgeUiHandshake(parser.head(), p);
}

}  // namespace

class TestUiHandshake : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void nativeClientWithTheToken() {
    const UiHandshakeVerdict v = judge(Request());
    QCOMPARE(v.status, 101);
    QCOMPARE(v.acceptKey, QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    const QByteArray response = uiHandshakeResponse(v);
    QVERIFY(response.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
    QVERIFY(response.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    QVERIFY(response.contains("\r\nSec-WebSocket-Protocol: Routeless-UIv1\r\n"));
    QVERIFY(response.endsWith("\r\n\r\n"));
  }

  void tokenAsSubprotocolIsNeverEchoed() {
    Request r;
    r.authorization.clear();
    r.protocols = "Routeless-UIv1, routeless-auth." + kToken;
    const UiHandshakeVerdict v = judge(r);
    QCOMPARE(v.status, 101);
    const QByteArray response = uiHandshakeResponse(v);
    QCOMPARE(response.count("Sec-WebSocket-Protocol"), 1);
    QVERIFY(!response.contains(kToken));
    QVERIFY(!response.contains("routeless-auth"));
    // Both forms at once, both right: fine. Order of the subprotocols does not matter.
    r.authorization = "bearer " + kToken;
    r.protocols = "routeless-auth." + kToken + ", Routeless-UIv1";
    QCOMPARE(judge(r).status, 101);
  }

  void verdicts_data() {
    QTest::addColumn<QByteArray>("what");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reasonPart");
    QTest::newRow("no token") << QByteArray("no token") << 401 << QByteArray("no token");
    QTest::newRow("wrong token") << QByteArray("wrong token") << 401 << QByteArray("wrong token");
    QTest::newRow("short token") << QByteArray("short token") << 401 << QByteArray("wrong token");
    QTest::newRow("wrong subprotocol token, right header")
        << QByteArray("mixed") << 401 << QByteArray("wrong token");
    QTest::newRow("basic auth") << QByteArray("basic") << 401 << QByteArray("Bearer");
    QTest::newRow("origin prefix trick") << QByteArray("origin http://localhost.attacker.example")
                                         << 403 << QByteArray("not allowed");
    QTest::newRow("origin ip prefix trick")
        << QByteArray("origin http://127.0.0.1.x.example") << 403 << QByteArray("not allowed");
    QTest::newRow("origin loopback, not allowed")
        << QByteArray("origin http://127.0.0.1:5333") << 403 << QByteArray("not allowed");
    QTest::newRow("origin null") << QByteArray("origin null") << 403 << QByteArray("opaque");
    QTest::newRow("origin port mismatch")
        << QByteArray("allowed origin http://localhost:1") << 403 << QByteArray("not allowed");
    QTest::newRow("origin scheme mismatch")
        << QByteArray("allowed origin https://localhost:8080") << 403 << QByteArray("not allowed");
    QTest::newRow("origin with path")
        << QByteArray("allowed origin http://localhost:8080/") << 403 << QByteArray("malformed");
    QTest::newRow("two origins") << QByteArray("two origins") << 403 << QByteArray("more than one");
    QTest::newRow("allowed origin")
        << QByteArray("allowed origin http://localhost:8080") << 101 << QByteArray("accepted");
    QTest::newRow("allowed origin, other case")
        << QByteArray("allowed origin HTTP://LocalHost:8080") << 101 << QByteArray("accepted");
    QTest::newRow("allowed origin without a token")
        << QByteArray("allowed origin, no token") << 401 << QByteArray("no token");
    QTest::newRow("rebinding host")
        << QByteArray("host attacker.example:5333") << 403 << QByteArray("Host must be");
    QTest::newRow("rebinding host, loopback-looking")
        << QByteArray("host 127.0.0.1.nip.io:5333") << 403 << QByteArray("Host must be");
    QTest::newRow("host without port")
        << QByteArray("host 127.0.0.1") << 403 << QByteArray("Host must be");
    QTest::newRow("host other port")
        << QByteArray("host 127.0.0.1:5334") << 403 << QByteArray("Host must be");
    QTest::newRow("host short form")
        << QByteArray("host 127.1:5333") << 403 << QByteArray("Host must be");
    QTest::newRow("host leading zero")
        << QByteArray("host 127.0.0.01:5333") << 403 << QByteArray("Host must be");
    QTest::newRow("host 10.0.0.1")
        << QByteArray("host 10.0.0.1:5333") << 403 << QByteArray("Host must be");
    QTest::newRow("host localhost")
        << QByteArray("host localhost:5333") << 101 << QByteArray("accepted");
    QTest::newRow("host LOCALHOST")
        << QByteArray("host LOCALHOST:5333") << 101 << QByteArray("accepted");
    QTest::newRow("host 127.45.0.9")
        << QByteArray("host 127.45.0.9:5333") << 101 << QByteArray("accepted");
    QTest::newRow("host [::1]") << QByteArray("host [::1]:5333") << 101 << QByteArray("accepted");
    QTest::newRow("host [::2]") << QByteArray("host [::2]:5333") << 403
                                << QByteArray("Host must be");
    QTest::newRow("POST") << QByteArray("method POST") << 405 << QByteArray("GET only");
    QTest::newRow("HTTP/1.0") << QByteArray("version HTTP/1.0") << 400 << QByteArray("HTTP/1.1");
    QTest::newRow("no upgrade") << QByteArray("upgrade h2c") << 400
                                << QByteArray("not a WebSocket");
    QTest::newRow("version 8") << QByteArray("ws version 8") << 426 << QByteArray("13");
    QTest::newRow("short key") << QByteArray("key c2hvcnQ=") << 400 << QByteArray("Key");
    QTest::newRow("no subprotocol")
        << QByteArray("no subprotocol") << 400 << QByteArray("Routeless-UIv1");
    QTest::newRow("older subprotocol")
        << QByteArray("subprotocol Routeless-UI") << 400 << QByteArray("Routeless-UIv1");
    QTest::newRow("server without a token")
        << QByteArray("server without token") << 401 << QByteArray("no token configured");
  }
  void verdicts() {
    QFETCH(QByteArray, what);
    QFETCH(int, status);
    QFETCH(QByteArray, reasonPart);
    Request r;
    UiAccessPolicy p = policy({"http://localhost:8080"});
    const QByteArray arg = what.mid(what.lastIndexOf(' ') + 1);
    if (what == "no token") r.authorization.clear();
    if (what == "wrong token") r.authorization = "Bearer " + QByteArray(kToken).replace('0', '1');
    if (what == "short token") r.authorization = "Bearer " + kToken.left(63);
    if (what == "mixed") r.protocols = "Routeless-UIv1, routeless-auth.x" + kToken.mid(1);
    if (what == "basic") r.authorization = "Basic " + kToken.toBase64();
    if (what.startsWith("origin ") || what.startsWith("allowed origin "))
      r.extra.append("Origin: " + arg);
    if (what == "two origins")
      r.extra += {"Origin: http://localhost:8080", "Origin: http://localhost:8080"};
    if (what == "allowed origin, no token") {
      r.extra.append("Origin: http://localhost:8080");
      r.authorization.clear();
    }
    if (what.startsWith("host ")) r.host = arg;
    if (what.startsWith("method ")) r.method = arg;
    if (what.startsWith("version ")) r.version = arg;
    if (what.startsWith("upgrade ")) r.upgrade = arg;
    if (what.startsWith("ws version ")) r.wsVersion = arg;
    if (what.startsWith("key ")) r.key = arg;
    if (what == "no subprotocol") r.protocols.clear();
    if (what.startsWith("subprotocol ")) r.protocols = arg;
    if (what == "server without token") p.token.clear();
    const UiHandshakeVerdict v = judge(r, p);
    QCOMPARE(v.status, status);
    QVERIFY2(v.reason.contains(reasonPart), v.reason.constData());
    // Nothing secret in what is logged or sent back.
    QVERIFY(!v.reason.contains(kToken));
    QVERIFY(!v.reason.contains(kToken.mid(1)));
    const QByteArray response = uiHandshakeResponse(v);
    QVERIFY(!response.contains(kToken.mid(1)));
    if (status != 101) {
      QVERIFY(response.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '));
      QVERIFY(response.contains("\r\nConnection: close\r\n"));
      QVERIFY(!response.contains("Sec-WebSocket-Accept"));
    }
    if (status == 401) QVERIFY(response.contains("\r\nWWW-Authenticate: Bearer"));
    if (status == 426) QVERIFY(response.contains("\r\nSec-WebSocket-Version: 13\r\n"));
  }

  void origins_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("normal");  // empty: refused
    QTest::newRow("http") << QByteArray("http://localhost:8080")
                          << QByteArray("http://localhost:8080");
    QTest::newRow("default port dropped")
        << QByteArray("HTTPS://UI.Example:443") << QByteArray("https://ui.example");
    QTest::newRow("ipv6") << QByteArray("http://[::1]:3000") << QByteArray("http://[::1]:3000");
    QTest::newRow("extension") << QByteArray("chrome-extension://abcdef")
                               << QByteArray("chrome-extension://abcdef");
    QTest::newRow("null") << QByteArray("null") << QByteArray();
    QTest::newRow("path") << QByteArray("http://localhost/") << QByteArray();
    QTest::newRow("user info") << QByteArray("http://a@localhost") << QByteArray();
    QTest::newRow("query") << QByteArray("http://localhost?x") << QByteArray();
    QTest::newRow("empty host") << QByteArray("http://") << QByteArray();
    QTest::newRow("port 0") << QByteArray("http://localhost:0") << QByteArray();
    QTest::newRow("port too big") << QByteArray("http://localhost:65536") << QByteArray();
    QTest::newRow("empty port") << QByteArray("http://localhost:") << QByteArray();
    QTest::newRow("no scheme") << QByteArray("localhost:8080") << QByteArray();
    QTest::newRow("space") << QByteArray("http://local host") << QByteArray();
    // The authority goes through net::parseHostPort, with the port optional.
    QTest::newRow("ipv6 without port") << QByteArray("http://[::1]") << QByteArray("http://[::1]");
    QTest::newRow("ipv6 canonical")
        << QByteArray("http://[0:0:0::1]:3000") << QByteArray("http://[::1]:3000");
    QTest::newRow("ipv6 unbracketed") << QByteArray("http://::1") << QByteArray();
    QTest::newRow("ipv6 unclosed") << QByteArray("http://[::1:3000") << QByteArray();
    QTest::newRow("ipv6 zone") << QByteArray("http://[fe80::1%eth0]") << QByteArray();
    QTest::newRow("ipv4 in brackets") << QByteArray("http://[127.0.0.1]") << QByteArray();
    QTest::newRow("missing port") << QByteArray("http://UI.example")
                                  << QByteArray("http://ui.example");
    QTest::newRow("missing port, no default") << QByteArray("foo://h") << QByteArray("foo://h");
    QTest::newRow("port with a letter") << QByteArray("http://h:80a") << QByteArray();
    QTest::newRow("port with a sign") << QByteArray("http://h:+80") << QByteArray();
    QTest::newRow("port of six digits") << QByteArray("http://h:000080") << QByteArray();
    QTest::newRow("trailing dot kept")
        << QByteArray("http://UI.Example.:8080") << QByteArray("http://ui.example.:8080");
    QTest::newRow("two trailing dots") << QByteArray("http://ui.example..") << QByteArray();
  }
  void origins() {
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, normal);
    const auto o = WebOrigin::parse(text);
    QCOMPARE(bool(o), !normal.isEmpty());
    if (o) QCOMPARE(o->toString(), normal);
    // The same origin written with its default port is equal.
    QCOMPARE(*WebOrigin::parse("http://localhost"), *WebOrigin::parse("http://localhost:80"));
    QVERIFY(!(*WebOrigin::parse("http://localhost") == *WebOrigin::parse("https://localhost")));
    // A browser's "ui.example." is another origin than "ui.example".
    QVERIFY(!(*WebOrigin::parse("http://ui.example.") == *WebOrigin::parse("http://ui.example")));
  }

  void loopbackHosts_data() {
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("localhost") << QByteArray("localhost:5333") << 5333 << true;
    QTest::newRow("127.1.2.3") << QByteArray("127.1.2.3:5333") << 5333 << true;
    QTest::newRow("[::1]") << QByteArray("[::1]:5333") << 5333 << true;
    QTest::newRow("[::1] spelled out") << QByteArray("[0:0:0:0:0:0:0:1]:5333") << 5333 << true;
    QTest::newRow("no port means 80") << QByteArray("[::1]") << 80 << true;
    QTest::newRow("no port, not 80") << QByteArray("localhost") << 5333 << false;
    QTest::newRow("other port") << QByteArray("[::1]:5334") << 5333 << false;
    QTest::newRow("empty port") << QByteArray("[::1]:") << 80 << false;
    QTest::newRow("port too big") << QByteArray("localhost:65616") << 80 << false;
    QTest::newRow("port with junk") << QByteArray("localhost:5333x") << 5333 << false;
    QTest::newRow("unbracketed ::1") << QByteArray("::1:5333") << 5333 << false;
    QTest::newRow("unclosed bracket") << QByteArray("[::1:5333") << 5333 << false;
    QTest::newRow("mapped IPv4 loopback") << QByteArray("[::ffff:127.0.0.1]:5333") << 5333 << false;
    QTest::newRow("localhost.") << QByteArray("localhost.:5333") << 5333 << false;
    QTest::newRow("127.0.0.1.") << QByteArray("127.0.0.1.:5333") << 5333 << false;
    QTest::newRow("localhost subdomain") << QByteArray("a.localhost:5333") << 5333 << false;
    QTest::newRow("short IPv4") << QByteArray("127.1:5333") << 5333 << false;
    QTest::newRow("empty") << QByteArray("") << 80 << false;
  }
  void loopbackHosts() {
    QFETCH(QByteArray, host);
    QFETCH(int, port);
    QFETCH(bool, loopback);
    QCOMPARE(isLoopbackHost(host, quint16(port)), loopback);
  }

  void originLists() {
    QByteArray error;
    const auto list = parseOriginList(" http://localhost:8080 ,https://ui.example,,", &error);
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QVERIFY(!parseOriginList("http://localhost:8080, localhost:9", &error));
    QVERIFY2(error.contains("localhost:9"), error.constData());
    QVERIFY(parseOriginList("", &error)->isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestUiHandshake)
#include "tst_uihandshake.moc"
