// Interop byte sequences of NodePass v1.14.0: bearer tokens, XOR+base64 control lines, the
// handshake request/response and the fingerprint format; plus malformed input handling.
#include <QTest>

#include "nodepass/protocol.h"

using namespace routeless::nodepass;

namespace {

// The request head as the server's handshake reads it; nullopt if the parser refuses it.
std::optional<routeless::net::HttpRequestHead> parsed(const QByteArray &request) {
  routeless::net::HttpRequestHeadParser parser(handshakeHeadLimits());
  if (parser.feed(request) != routeless::net::HttpRequestHeadParser::State::Done)
    return std::nullopt;
  return parser.takeHead();
}

}  // namespace

class TestProtocol : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void tokens() {
    QCOMPARE(tunnelToken("k3y"),
             QByteArray("6debfeadd8df80dd8b3762fd569962db0f3bfbbe252972c28341591bf823aa2c"));
    QCOMPARE(tunnelToken("e68be2b4"),
             QByteArray("8940572756af096447802f92b4c843ac61de93b80af9d37a85ed994508656d7e"));
  }

  void signalVectors_data() {
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("remote");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("ping") << "ping"
                          << ""
                          << "" << QByteArray("EBEYCEcQBF1bUREJAl0eSU4=\n");
    QTest::newRow("pong") << "pong"
                          << ""
                          << "" << QByteArray("EBEYCEcQBF1bUREJBF0eSU4=\n");
    QTest::newRow("tcp") << "tcp"
                         << "127.0.0.1:51576"
                         << "61700bb9"
                         << QByteArray(
                                "EBEYCEcQBF1bURENCENbRxELDl4WH1ZbURFIWQRXWx1JRQJDXgJMXAVbR"
                                "xEQDxFDSQVIXANJCVFASU4=\n");
  }
  void signalVectors() {
    QFETCH(QString, action);
    QFETCH(QString, remote);
    QFETCH(QString, id);
    QFETCH(QByteArray, line);
    const Signal s{action, remote, id, {}};
    QCOMPARE(encodeSignal(s, "k3y"), line);
    QString err;
    const auto back = decodeSignal(line, "k3y", &err);
    QVERIFY2(back, qPrintable(err));
    QCOMPARE(back->action, action);
    QCOMPARE(back->remote, remote);
    QCOMPARE(back->id, id);
  }

  void signalJsonOrder() {
    const Signal s{
        QStringLiteral("verify"), {}, QStringLiteral("0a0b0c0d"), QStringLiteral("sha256:AA:BB")};
    QCOMPARE(s.toJson(), QByteArray(R"({"action":"verify","id":"0a0b0c0d","fp":"sha256:AA:BB"})"));
  }

  void malformedSignals_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("empty") << QByteArray("\n");
    QTest::newRow("not base64") << QByteArray("!!!!\n");
    QTest::newRow("wrong key") << encodeSignal(Signal{QStringLiteral("ping"), {}, {}, {}}, "other");
    QTest::newRow("not json") << (xorWithKey("hello", "k3y").toBase64() + '\n');
    QTest::newRow("json array") << (xorWithKey("[1,2]", "k3y").toBase64() + '\n');
    QTest::newRow("no action") << (xorWithKey(R"({"id":"x"})", "k3y").toBase64() + '\n');
    QTest::newRow("binary") << QByteArray("\x00\xff\x10", 3);
  }
  void malformedSignals() {
    QFETCH(QByteArray, line);
    QString err;
    QVERIFY(!decodeSignal(line, "k3y", &err));
    QVERIFY(!err.isEmpty());
  }

  void handshakeRequest() {
    const QByteArray req = buildHandshakeRequest(QStringLiteral("none"), tunnelToken("k3y"));
    QCOMPARE(req, QByteArray("GET / HTTP/1.1\r\nHost: none\r\nUser-Agent: Go-http-client/1.1\r\n"
                             "Authorization: Bearer "
                             "6debfeadd8df80dd8b3762fd569962db0f3bfbbe252972c28341591bf823aa2c\r\n"
                             "Accept-Encoding: gzip\r\n\r\n"));
    const auto parsedHead = parsed(req);
    QVERIFY(parsedHead);
    const auto &head = *parsedHead;
    const HandshakeConfig cfg{QStringLiteral("-"), 1024, 0, 0};
    const HandshakeVerdict ok = answerHandshake(head, tunnelToken("k3y"), cfg);
    QCOMPARE(ok.status, 200);
    QVERIFY(
        ok.response.startsWith("HTTP/1.1 200 OK\r\nConnection: close\r\n"
                               "Content-Type: application/json\r\nDate: "));
    QVERIFY(
        ok.response.endsWith("Content-Length: 45\r\n\r\n"
                             "{\"flow\":\"-\",\"max\":1024,\"tls\":\"0\",\"type\":\"0\"}\n"));
    QCOMPARE(answerHandshake(head, tunnelToken("other"), cfg).status, 401);
  }

  void handshakeChecks_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    const QByteArray auth = "Host: none\r\nAuthorization: Bearer " + tunnelToken("k3y") + "\r\n";
    QTest::newRow("post") << ("POST / HTTP/1.1\r\n" + auth + "\r\n") << 405;
    QTest::newRow("path") << ("GET /x HTTP/1.1\r\n" + auth + "\r\n") << 404;
    QTest::newRow("query") << ("GET /?a=b HTTP/1.1\r\n" + auth + "\r\n") << 200;  // Go: path "/"
    QTest::newRow("no auth") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n") << 401;
    QTest::newRow("basic") << QByteArray(
                                  "GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Basic eA==\r\n\r\n")
                           << 401;
    QTest::newRow("lowercase header") << ("GET / HTTP/1.1\r\n" + auth.toLower() + "\r\n") << 401;
    QTest::newRow("lowercase method") << ("get / HTTP/1.1\r\n" + auth + "\r\n") << 405;
    QTest::newRow("ok") << ("GET / HTTP/1.1\r\n" + auth + "\r\n") << 200;
  }
  void handshakeChecks() {
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    const auto head = parsed(request);
    QVERIFY(head);
    QCOMPARE(answerHandshake(*head, tunnelToken("k3y"), HandshakeConfig{}).status, status);
  }

  void garbageRequests_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n");
    QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nnocolon\r\n\r\n");
    QTest::newRow("no host") << QByteArray("GET / HTTP/1.1\r\n\r\n");
    QTest::newRow("huge") << QByteArray("GET ") + QByteArray(kMaxHeadBytes + 10, 'a') + "\r\n";
  }
  void garbageRequests() {
    QFETCH(QByteArray, data);
    QVERIFY(!parsed(data));
  }

  void binaryProbesRefusedEarly() {
    QVERIFY(mayStartRequest(""));
    QVERIFY(mayStartRequest("GE"));
    QVERIFY(mayStartRequest("GET / HTTP/1.1\r\n"));
    QVERIFY(!mayStartRequest(QByteArray("\x16\x03\x01\x02\x00\x01", 6)));  // TLS ClientHello
    QVERIFY(!mayStartRequest("get / HTTP/1.1"));
    QVERIFY(!mayStartRequest(" GET"));
    QVERIFY(!mayStartRequest("ABCDEFGHIJKLMNOPQ"));
  }

  void handshakeResponse() {
    const QByteArray body = "{\"flow\":\"+\",\"max\":8,\"tls\":\"1\",\"type\":\"0\"}\n";
    const QByteArray resp =
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: "
        "application/json\r\nContent-Length: " +
        QByteArray::number(body.size()) + "\r\n\r\n" + body;
    int status = 0;
    HandshakeConfig cfg;
    QString err;
    QCOMPARE(parseHandshakeResponse(resp.left(resp.size() - 5), false, &status, &cfg, &err),
             ParseStatus::NeedMore);
    QCOMPARE(parseHandshakeResponse(resp, false, &status, &cfg, &err), ParseStatus::Done);
    QCOMPARE(status, 200);
    QCOMPARE(cfg.flow, QStringLiteral("+"));
    QCOMPARE(cfg.max, 8);
    QCOMPARE(cfg.tls, 1);
    QCOMPARE(cfg.type, 0);
    QCOMPARE(parseHandshakeResponse(httpErrorResponse(401), false, &status, &cfg, &err),
             ParseStatus::Done);
    QCOMPARE(status, 401);
    QCOMPARE(parseHandshakeResponse("HTTP/1.1 200 OK\r\n\r\n{\"flow\":\"x\"}", true, &status, &cfg,
                                    &err),
             ParseStatus::Invalid);
    QCOMPARE(parseHandshakeResponse("garbage", true, &status, &cfg, &err), ParseStatus::Invalid);
  }

  void keptAliveResponses() {
    // Two answers on one connection: the first by Content-Length, the rest stays.
    const QByteArray first = httpResponse(401, "text/plain; charset=utf-8",
                                          "Routeless-Tunnel: v=1\r\n", "Unauthorized\n", true);
    QVERIFY(!first.contains("Connection: close"));
    QVERIFY(first.contains("\r\nRouteless-Tunnel: v=1\r\nX-Content-Type-Options: nosniff\r\n"));
    const QByteArray wire = first + "HTTP/1.1 200 OK\r\n";
    HttpResponse r;
    qsizetype used = 0;
    QString err;
    QCOMPARE(parseHttpResponse(wire, false, &r, &used, &err), ParseStatus::Done);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.routeless, QByteArray("v=1"));
    QCOMPARE(r.body, QByteArray("Unauthorized\n"));
    QCOMPARE(used, first.size());
    QCOMPARE(httpErrorResponse(403).left(24), QByteArray("HTTP/1.1 403 Forbidden\r\n"));
  }

  void strictContentLength_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::newRow("sign") << QByteArray("Content-Length: +2");
    QTest::newRow("negative") << QByteArray("Content-Length: -2");
    QTest::newRow("text") << QByteArray("Content-Length: 2x");
    QTest::newRow("empty") << QByteArray("Content-Length:");
    QTest::newRow("twice") << QByteArray("Content-Length: 2\r\nContent-Length: 2");
    QTest::newRow("huge") << QByteArray("Content-Length: 99999999");
  }
  void strictContentLength() {
    QFETCH(QByteArray, head);
    HttpResponse r;
    QString err;
    QCOMPARE(
        parseHttpResponse("HTTP/1.1 200 OK\r\n" + head + "\r\n\r\n{}", false, &r, nullptr, &err),
        ParseStatus::Invalid);
    QVERIFY(!err.isEmpty());
  }

  // The head goes through parseHttpResponseHead, the one response-head reader: what it
  // refuses, the handshake refuses, with its reason.
  void malformedHeadIsRefused_data() {
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("bare LF") << QByteArray("HTTP/1.1 200 OK\nContent-Length: 2\n\r\n\r\n{}");
    QTest::newRow("line without colon")
        << QByteArray("HTTP/1.1 200 OK\r\nnot a header\r\nContent-Length: 2\r\n\r\n{}");
    QTest::newRow("status 700") << QByteArray("HTTP/1.1 700 Odd\r\nContent-Length: 2\r\n\r\n{}");
    QTest::newRow("control byte") << QByteArray(
        "HTTP/1.1 200 OK\r\nX-A: a\x01b\r\nContent-Length: 2\r\n\r\n{}");
  }
  void malformedHeadIsRefused() {
    QFETCH(QByteArray, wire);
    HttpResponse r;
    QString err;
    QCOMPARE(parseHttpResponse(wire, false, &r, nullptr, &err), ParseStatus::Invalid);
    QVERIFY2(err.startsWith(QStringLiteral("handshake: ")), qPrintable(err));
    // A head cut short by the peer's close is an error, not a wait.
    QCOMPARE(parseHttpResponse("HTTP/1.1 200 OK\r\n", false, &r, nullptr, &err),
             ParseStatus::NeedMore);
    QCOMPARE(parseHttpResponse("HTTP/1.1 200 OK\r\n", true, &r, nullptr, &err),
             ParseStatus::Invalid);
  }

  void signalFromJsonChecks() {
    QString err;
    const auto s = signalFromJson(R"({"action":"tcp","remote":"1.2.3.4:5","id":"0a0b0c0d"})", &err);
    QVERIFY2(s, qPrintable(err));
    QCOMPARE(s->remote, QStringLiteral("1.2.3.4:5"));
    QVERIFY(!signalFromJson("[]", &err));
    QVERIFY(!signalFromJson(R"({"id":"1"})", &err));
    QVERIFY(err.contains(QStringLiteral("without \"action\"")));
  }

  void fingerprintFormat() {
    const QString fp = certificateFingerprint(QByteArray("abc"));
    // sha256("abc") = ba7816bf...
    QVERIFY(fp.startsWith(QStringLiteral("sha256:BA:78:16:BF:")));
    QCOMPARE(fp.size(), 7 + 32 * 3 - 1);
  }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
