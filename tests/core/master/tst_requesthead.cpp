// The master's request-head parser: what it accepts, what it refuses with which status, and
// where it finds the end of a head.
#include <QTest>

#include "master/requesthead.h"

using namespace routeless::master;

class TestRequestHead : public QObject {
  Q_OBJECT

  RequestHeadLimits m_limits{64, 256, 8};

 private Q_SLOTS:
  void acceptsAPlainHead() {
    HttpRequest r;
    const RequestHeadResult res = parseRequestHead(
        "POST /api/v1/a%20b?q=1&x=y HTTP/1.1\r\nHost: x\r\nX-API-Key:  k1 \r\n"
        "Content-Length: 12\r\nConnection: close",
        m_limits, &r);
    QCOMPARE(res.status, 0);
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, QStringLiteral("/api/v1/a b"));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("x")), QStringLiteral("y"));
    QCOMPARE(r.version, QByteArray("HTTP/1.1"));
    QCOMPARE(r.header("x-api-key"), QByteArray("k1"));  // names lower-cased, values trimmed
    QCOMPARE(r.contentLength, 12);
    QCOMPARE(r.headers.size(), 4);
  }

  void noContentLengthMeansNoBody() {
    HttpRequest r;
    QCOMPARE(parseRequestHead("GET / HTTP/1.0", m_limits, &r).status, 0);
    QCOMPARE(r.contentLength, 0);
  }

  void hugeLengthsSaturate() {
    HttpRequest r;
    QCOMPARE(parseRequestHead("PUT / HTTP/1.1\r\nContent-Length: 999999999999999999999999999",
                              m_limits, &r)
                 .status,
             0);
    QCOMPARE(r.contentLength, HttpRequest::kUnboundedLength);
    QCOMPARE(parseRequestHead("PUT / HTTP/1.1\r\nContent-Length: 00000000000000000000000000007",
                              m_limits, &r)
                 .status,
             0);
    QCOMPARE(r.contentLength, 7);
  }

  void refuses_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");
    QTest::newRow("two content-lengths") << QByteArray(
                                                "POST / HTTP/1.1\r\nContent-Length: 1\r\n"
                                                "content-length: 1")
                                         << 400;
    QTest::newRow("length list") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1,1") << 400;
    QTest::newRow("signed length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: +1") << 400;
    QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1") << 400;
    QTest::newRow("empty length") << QByteArray("POST / HTTP/1.1\r\nContent-Length:") << 400;
    QTest::newRow("spaced digits") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1 2") << 400;
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked") << 501;
    QTest::newRow("version") << QByteArray("GET / HTTP/2.0") << 505;
    QTest::newRow("lower-case method") << QByteArray("get / HTTP/1.1") << 400;
    QTest::newRow("absolute form") << QByteArray("GET http://x/ HTTP/1.1") << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1") << 400;
    QTest::newRow("no version") << QByteArray("GET /") << 400;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: x") << 400;
    QTest::newRow("bare CR in value") << QByteArray("GET / HTTP/1.1\r\nHost: x\ry: z") << 400;
    QTest::newRow("NUL") << QByteArray("GET / HTTP/1.1\r\nHost: x\0y", 25) << 400;
    QTest::newRow("folding") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n y") << 400;
    QTest::newRow("space in name") << QByteArray("GET / HTTP/1.1\r\nHo st: x") << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x") << 400;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost") << 400;
    QTest::newRow("empty name") << QByteArray("GET / HTTP/1.1\r\n: x") << 400;
    QTest::newRow("control in value") << QByteArray("GET / HTTP/1.1\r\nX: a\x01") << 400;
    QTest::newRow("control in target") << QByteArray("GET /\x7f HTTP/1.1") << 400;
    QTest::newRow("long line") << "GET /" + QByteArray(80, 'a') + " HTTP/1.1" << 414;
    QTest::newRow("many fields") << "GET / HTTP/1.1" + QByteArray("\r\nA: 1").repeated(9) << 431;
    QTest::newRow("big fields") << "GET / HTTP/1.1\r\nA: " + QByteArray(300, 'b') << 431;
  }
  void refuses() {
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    HttpRequest r;
    r.method = "UNTOUCHED";
    const RequestHeadResult res = parseRequestHead(head, m_limits, &r);
    QCOMPARE(res.status, status);
    QVERIFY(!res.reason.isEmpty());
    QCOMPARE(r.method, QByteArray("UNTOUCHED"));  // nothing half-parsed is handed out
  }

  void findsTheEndOfAHead() {
    RequestHeadBoundary b = findRequestHead("GET / HTTP/1.1\r\nHost: x\r\n\r\nBODY", m_limits);
    QCOMPARE(b.status, 0);
    QCOMPARE(b.end, qsizetype(27));
    b = findRequestHead("GET / HTTP/1.1\r\nHost: x\r\n", m_limits);
    QCOMPARE(b.status, 0);
    QCOMPARE(b.end, qsizetype(0));  // more to come
    b = findRequestHead("GET /" + QByteArray(100, 'a'), m_limits);
    QCOMPARE(b.status, 414);  // no line end in sight and already too long
    b = findRequestHead("GET / HTTP/1.1\r\nA: " + QByteArray(400, 'b'), m_limits);
    QCOMPARE(b.status, 431);
    QCOMPARE(maxRequestHeadBytes(m_limits), qsizetype(64 + 2 + 256 + 4));
  }
};

QTEST_GUILESS_MAIN(TestRequestHead)
#include "tst_requesthead.moc"
