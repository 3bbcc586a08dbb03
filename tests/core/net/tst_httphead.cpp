// HttpRequestHeadParser: well-formed heads in any chunking, the body left alone, and every
// ambiguity a lenient parser behind us could read differently refused with its status.
#include <QRandomGenerator>
#include <QtTest>

#include "net/httphead.h"

using routeless::net::HttpHeadLimits;
using routeless::net::HttpRequestHead;
using routeless::net::HttpRequestHeadParser;
using State = HttpRequestHeadParser::State;

namespace {

const QByteArray kUpgrade =
    "GET /ui?x=1 HTTP/1.1\r\n"
    "Host: 127.0.0.1:5333\r\n"
    "Upgrade: websocket\r\n"
    "Connection: keep-alive, Upgrade\r\n"
    "Sec-WebSocket-Protocol: Routeless-UIv1, routeless-auth.abc\r\n"
    "Sec-WebSocket-Protocol: other\r\n"
    "X-Spaces:   padded value \t \r\n"
    "X-Empty:\r\n"
    "\r\n";

}  // namespace

class TestHttpHead : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void wellFormedHead() {
    HttpRequestHeadParser p;
    qsizetype used = -1;
    QCOMPARE(p.feed(kUpgrade + "BODY", &used), State::Done);
    QCOMPARE(used, kUpgrade.size());  // the body is not taken
    QCOMPARE(p.headBytes(), kUpgrade.size());
    const HttpRequestHead &h = p.head();
    QCOMPARE(h.method, QByteArray("GET"));
    QCOMPARE(h.target, QByteArray("/ui?x=1"));
    QCOMPARE(h.version, QByteArray("HTTP/1.1"));
    QCOMPARE(h.fields.size(), 7);
    QCOMPARE(h.fields.at(0).first, QByteArray("host"));  // lower-cased
    QCOMPARE(h.field("host"), QByteArray("127.0.0.1:5333"));
    QCOMPARE(h.field("x-spaces"), QByteArray("padded value"));
    QVERIFY(h.hasField("x-empty"));
    QCOMPARE(h.field("x-empty"), QByteArray());
    QCOMPARE(h.field("missing"), QByteArray());
    QCOMPARE(h.fieldCount("sec-websocket-protocol"), 2);
    QCOMPARE(h.listElements("sec-websocket-protocol"),
             (QList<QByteArray>{"Routeless-UIv1", "routeless-auth.abc", "other"}));
    QVERIFY(h.listHasToken("connection", "upgrade"));
    QVERIFY(h.listHasToken("upgrade", "WebSocket"));
    QVERIFY(!h.listHasToken("connection", "close"));
    QVERIFY(!h.contentLength);
    // Done stays Done and takes nothing more.
    QCOMPARE(p.feed("more", &used), State::Done);
    QCOMPARE(used, 0);
  }

  void anyChunkingGivesTheSameHead() {
    HttpRequestHeadParser whole;
    QCOMPARE(whole.feed(kUpgrade), State::Done);
    for (int round = 0; round < 200; ++round) {
      HttpRequestHeadParser p;
      qsizetype at = 0;
      State s = State::NeedMore;
      while (at < kUpgrade.size()) {
        const qsizetype n =
            qMin<qsizetype>(QRandomGenerator::global()->bounded(1, 9), kUpgrade.size() - at);
        qsizetype used = 0;
        s = p.feed(QByteArrayView(kUpgrade).sliced(at, n), &used);
        QCOMPARE(used, n);
        at += n;
        if (at < kUpgrade.size()) QCOMPARE(s, State::NeedMore);
      }
      QCOMPARE(s, State::Done);
      QCOMPARE(p.head().fields, whole.head().fields);
      QCOMPARE(p.head().target, whole.head().target);
    }
  }

  void contentLengthAndLeadingEmptyLine() {
    HttpRequestHeadParser p;
    QCOMPARE(p.feed("\r\nPOST /api HTTP/1.0\r\nContent-Length: 0012\r\n\r\n"), State::Done);
    QCOMPARE(*p.head().contentLength, qint64(12));
    QCOMPARE(p.head().version, QByteArray("HTTP/1.0"));  // 1.0 needs no Host
    p.reset();
    QCOMPARE(p.feed("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), State::Done);
    QVERIFY(!p.head().contentLength);
  }

  void refusals_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");
    const QByteArray ok = "GET / HTTP/1.1\r\nHost: a\r\n";
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: a\r\n\r\n") << 400;
    QTest::newRow("bare LF in fields") << ok + "X: 1\n\r\n" << 400;
    QTest::newRow("bare CR") << ok + "X: a\rb\r\n\r\n" << 400;
    QTest::newRow("NUL in value") << ok + QByteArray("X: a\0b\r\n\r\n", 10) << 400;
    QTest::newRow("NUL in target") << QByteArray("GET /\0 HTTP/1.1\r\nHost: a\r\n\r\n", 28) << 400;
    QTest::newRow("obs-fold") << ok + "X: a\r\n b\r\n\r\n" << 400;
    QTest::newRow("tab fold") << ok + "X: a\r\n\tb\r\n\r\n" << 400;
    QTest::newRow("space before colon") << ok + "X : a\r\n\r\n" << 400;
    QTest::newRow("no colon") << ok + "X\r\n\r\n" << 400;
    QTest::newRow("empty name") << ok + ": a\r\n\r\n" << 400;
    QTest::newRow("control char") << ok + "X: a\x01\r\n\r\n" << 400;
    QTest::newRow("DEL") << ok + "X: a\x7f\r\n\r\n" << 400;
    QTest::newRow("two Host") << ok + "Host: b\r\n\r\n" << 400;
    QTest::newRow("two Host, case") << ok + "HOST: a\r\n\r\n" << 400;
    QTest::newRow("no Host in 1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two Content-Length") << ok + "Content-Length: 1\r\nContent-Length: 1\r\n\r\n"
                                        << 400;
    QTest::newRow("Content-Length list") << ok + "Content-Length: 1, 1\r\n\r\n" << 400;
    QTest::newRow("Content-Length sign") << ok + "Content-Length: +1\r\n\r\n" << 400;
    QTest::newRow("Content-Length hex") << ok + "Content-Length: 0x10\r\n\r\n" << 400;
    QTest::newRow("Content-Length empty") << ok + "Content-Length:\r\n\r\n" << 400;
    QTest::newRow("Content-Length huge") << ok + "Content-Length: 1234567890123456789\r\n\r\n"
                                         << 400;
    QTest::newRow("CL and TE") << ok + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                               << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("lower version") << QByteArray("GET / http/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << 505;
    QTest::newRow("HTTP/1.2") << QByteArray("GET / HTTP/1.2\r\nHost: a\r\n\r\n") << 505;
    QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("non-ASCII target")
        << QByteArray("GET /\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("long request line")
        << "GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n"
        << 414;
    QTest::newRow("long field") << ok + "X: " + QByteArray(9000, 'a') + "\r\n\r\n" << 431;
    QByteArray many = ok;
    for (int i = 0; i < 100; ++i) many += "X" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("too many fields") << many + "\r\n" << 431;
    QByteArray big = ok;
    for (int i = 0; i < 40; ++i)
      big += "X" + QByteArray::number(i) + ": " + QByteArray(500, 'v') + "\r\n";
    QTest::newRow("head too large") << big + "\r\n" << 431;
  }
  void refusals() {
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    HttpRequestHeadParser p;
    QCOMPARE(p.feed(head), State::Failed);
    QCOMPARE(p.errorStatus(), status);
    QVERIFY(!p.errorText().isEmpty());
    // Byte by byte: the same verdict.
    HttpRequestHeadParser q;
    State s = State::NeedMore;
    for (qsizetype i = 0; i < head.size() && s == State::NeedMore; ++i)
      s = q.feed(QByteArrayView(head).sliced(i, 1));
    QCOMPARE(s, State::Failed);
    QCOMPARE(q.errorStatus(), status);
  }

  void limitsAreEnforcedBeforeTheLineEnds() {
    // A line that never ends is refused once it passes the limit, not buffered forever.
    HttpRequestHeadParser p(HttpHeadLimits{100, 1000, 10});
    QCOMPARE(p.feed("GET /" + QByteArray(50, 'a')), State::NeedMore);
    QCOMPARE(p.feed(QByteArray(60, 'a')), State::Failed);
    QCOMPARE(p.errorStatus(), 414);
    HttpRequestHeadParser q(HttpHeadLimits{100, 200, 100});
    QCOMPARE(q.feed("GET / HTTP/1.1\r\nHost: a\r\n"), State::NeedMore);
    State s = State::NeedMore;
    for (int i = 0; i < 20 && s == State::NeedMore; ++i) s = q.feed("X: 12345\r\n");
    QCOMPARE(s, State::Failed);
    QCOMPARE(q.errorStatus(), 431);
    QVERIFY(q.headBytes() <= 200);
  }

  void errorTextsNeverEchoInput() {
    const QByteArray secret = "s3cr3t-t0ken-value";
    for (const QByteArray &head :
         {"GET / HTTP/1.1\r\nAuthorization: Bearer " + secret + "\x01\r\n\r\n",
          "GET /" + secret + " HTTP/9.9\r\n\r\n",
          "GET / HTTP/1.1\r\nX-" + secret + " : v\r\n\r\n"}) {
      HttpRequestHeadParser p;
      QCOMPARE(p.feed(head), State::Failed);
      QVERIFY(!p.errorText().contains(secret));
    }
  }
};

QTEST_GUILESS_MAIN(TestHttpHead)
#include "tst_httphead.moc"
