// Tests the HTTP proxy's request head parser (core/agent/proxy/httpproxyhead.h): absolute-form
// targets and their ports, CONNECT's authority form, the origin-form head with hop-by-hop
// fields removed, and the refusals (malformed lines, https URLs, oversized heads).
#include <QtTest>

#include "agent/proxy/httpproxyhead.h"
#include "agenttestkit.h"

using namespace routeless::agent;
using Status = HttpProxyHead::Status;

class TestHttpProxyHead : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void plain() {
    const std::string in =
        "GET http://hostB:8080/a/b?c=d#frag HTTP/1.1\r\nHost: hostB:8080\r\nUser-Agent: curl\r\n"
        "Proxy-Connection: Keep-Alive\r\nProxy-Authorization: Basic eA==\r\nConnection: X-Hop, "
        "keep-alive\r\nX-Hop: 1\r\nKeep-Alive: 5\r\nAccept: */*\r\n\r\nBODY";
    HttpProxyHead h;
    QCOMPARE(int(h.parse(in.substr(0, 20)).status), int(Status::NeedMore));
    const auto r = h.parse(in);
    QCOMPARE(int(r.status), int(Status::Done));
    QCOMPARE(in.substr(r.consumed), std::string("BODY"));
    QCOMPARE(h.host, std::string("hostB"));
    QCOMPARE(h.port, uint16_t(8080));
    QVERIFY(!h.isConnect());
    QCOMPARE(h.originHead(), std::string("GET /a/b?c=d HTTP/1.1\r\nHost: hostB:8080\r\nUser-Agent: "
                                         "curl\r\nAccept: */*\r\nConnection: close\r\n\r\n"));
  }

  void targets_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("path");
    QTest::newRow("default port") << "http://example.org"
                                  << "example.org" << 80 << "/";
    QTest::newRow("query only") << "http://example.org?x"
                                << "example.org" << 80 << "/?x";
    QTest::newRow("upper scheme") << "HTTP://Example.org:81/"
                                  << "Example.org" << 81 << "/";
    QTest::newRow("ipv4") << "http://127.0.42.102:8080/x"
                          << "127.0.42.102" << 8080 << "/x";
    QTest::newRow("ipv6") << "http://[::1]:8080/x"
                          << "::1" << 8080 << "/x";
  }
  void targets() {
    QFETCH(QString, target);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, path);
    HttpProxyHead h;
    const auto r = h.parse("GET " + target.toStdString() + " HTTP/1.1\r\n\r\n");
    QCOMPARE(int(r.status), int(Status::Done));
    QCOMPARE(QString::fromStdString(h.host), host);
    QCOMPARE(int(h.port), port);
    QCOMPARE(QString::fromStdString(h.originTarget), path);
    // No Host field: one is added from the URL.
    QVERIFY(h.originHead().find("\r\nHost: ") != std::string::npos);
  }

  void connect() {
    HttpProxyHead h;
    const std::string in = "CONNECT hostB:443 HTTP/1.1\r\nHost: hostB:443\r\n\r\n\x16\x03";
    const auto r = h.parse(in);
    QCOMPARE(int(r.status), int(Status::Done));
    QVERIFY(h.isConnect());
    QCOMPARE(h.host, std::string("hostB"));
    QCOMPARE(h.port, uint16_t(443));
    QCOMPARE(in.substr(r.consumed), std::string("\x16\x03"));
  }

  void refusals_data() {
    QTest::addColumn<QString>("head");
    QTest::addColumn<int>("status");
    QTest::newRow("origin form") << "GET /x HTTP/1.1\r\n\r\n" << 400;
    // A browser page reaching the proxy's port (DNS rebinding, or fetch to 127.0.0.1) can only
    // send origin-form requests: the proxy never takes a target from Host, so it is refused.
    QTest::newRow("browser through rebinding")
        << "GET /admin HTTP/1.1\r\nHost: hostb:8080\r\nOrigin: http://attacker.example\r\n\r\n"
        << 400;
    QTest::newRow("https url") << "GET https://a/ HTTP/1.1\r\n\r\n" << 400;
    QTest::newRow("connect no port") << "CONNECT hostB HTTP/1.1\r\n\r\n" << 400;
    QTest::newRow("port too big") << "CONNECT hostB:65536 HTTP/1.1\r\n\r\n" << 400;
    QTest::newRow("port zero") << "GET http://a:0/ HTTP/1.1\r\n\r\n" << 400;
    QTest::newRow("userinfo") << "GET http://u:p@a/ HTTP/1.1\r\n\r\n" << 400;
    QTest::newRow("version") << "GET http://a/ HTTP/2.0\r\n\r\n" << 400;
    QTest::newRow("extra space") << "GET  http://a/ HTTP/1.1\r\n\r\n" << 400;
    QTest::newRow("no colon") << "GET http://a/ HTTP/1.1\r\nBad\r\n\r\n" << 400;
    QTest::newRow("space in name") << "GET http://a/ HTTP/1.1\r\nBad Name: x\r\n\r\n" << 400;
    QTest::newRow("bare lf") << "GET http://a/ HTTP/1.1\r\nA: b\nC: d\r\n\r\n" << 400;
    QTest::newRow("empty host") << "GET http:///x HTTP/1.1\r\n\r\n" << 400;
    // Found by fuzz_http_proxy_head: a bare LF inside the target reached the origin head.
    QTest::newRow("lf in target") << "GET http://h/a\n\rb HTTP/1.1\r\n\r\n" << 400;
    QTest::newRow("cr in value") << "GET http://h/ HTTP/1.1\r\nA: b\rc\r\n\r\n" << 400;
    QTest::newRow("nul in value") << QString::fromLatin1(
                                         "GET http://h/ HTTP/1.1\r\nA: b\0c\r\n\r\n", 34)
                                  << 400;
  }
  void refusals() {
    QFETCH(QString, head);
    QFETCH(int, status);
    HttpProxyHead h;
    const auto r = h.parse(head.toStdString());
    QCOMPARE(int(r.status), int(Status::Failed));
    QCOMPARE(r.httpStatus, status);
    QVERIFY(!r.error.empty());
  }

  void limits() {
    HttpProxyHead h;
    // An endless head is refused once it passes the limit, without waiting for its end.
    std::string big = "GET http://a/ HTTP/1.1\r\nX: " + std::string(HttpProxyHead::kMaxHead, 'x');
    auto r = h.parse(big);
    QCOMPARE(int(r.status), int(Status::Failed));
    QCOMPARE(r.httpStatus, 431);
    std::string many = "GET http://a/ HTTP/1.1\r\n";
    for (int i = 0; i <= int(HttpProxyHead::kMaxFields); ++i) many += "X: 1\r\n";
    r = h.parse(many + "\r\n");
    QCOMPARE(int(r.status), int(Status::Failed));
    QCOMPARE(r.httpStatus, 431);
  }
};

QTEST_APPLESS_MAIN(TestHttpProxyHead)
#include "tst_httpproxyhead.moc"
