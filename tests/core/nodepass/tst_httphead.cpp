// HTTP heads of the WebSocket upgrade: requests and responses, header lookups, limits.
#include <QTest>

#include "nodepass/httphead.h"

using namespace routeless::nodepass;

class TestHttpHead : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void request() {
    const QByteArray raw =
        "GET / HTTP/1.1\r\nHost: example\r\nConnection: keep-alive, Upgrade\r\n"
        "Upgrade: websocket\r\nSec-WebSocket-Key: abc==\r\n\r\nFRAMEBYTES";
    HttpHead h;
    QString error;
    QCOMPARE(parseHttpHead(raw, false, &h, &error), HeadStatus::Done);
    QCOMPARE(h.method, QByteArray("GET"));
    QCOMPARE(h.target, QByteArray("/"));
    QCOMPARE(h.header("sec-websocket-key"), QByteArray("abc=="));
    QVERIFY(h.headerHasToken("connection", "upgrade"));
    QVERIFY(!h.headerHasToken("connection", "close"));
    QCOMPARE(raw.mid(h.headLength), QByteArray("FRAMEBYTES"));
  }

  void response() {
    HttpHead h;
    QString error;
    QCOMPARE(parseHttpHead("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", true,
                           &h, &error),
             HeadStatus::Done);
    QCOMPARE(h.status, 101);
    QCOMPARE(h.reason, QByteArray("Switching Protocols"));
    QCOMPARE(parseHttpHead("HTTP/1.1 503 Service Unavailable\r\n", true, &h, &error),
             HeadStatus::NeedMore);
  }

  void invalid_data() {
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("response");
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << false;
    QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << false;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n") << false;
    QTest::newRow("space in name") << QByteArray("GET / HTTP/1.1\r\nHo st: x\r\n\r\n") << false;
    QTest::newRow("control char") << QByteArray("GET / HTTP/1.1\r\nHost: a\x01\r\n\r\n") << false;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: a\r\n\r\n") << false;
    QTest::newRow("status text") << QByteArray("HTTP/1.1 abc OK\r\n\r\n") << true;
    QTest::newRow("status range") << QByteArray("HTTP/1.1 999 OK\r\n\r\n") << true;
    QTest::newRow("not http") << QByteArray("SSH-2.0 x\r\n\r\n") << true;
    QTest::newRow("too long") << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(9000, 'a')
                              << false;
    QByteArray many = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 70; ++i) many += "H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("too many headers") << many + "\r\n" << false;
  }
  void invalid() {
    QFETCH(QByteArray, raw);
    QFETCH(bool, response);
    HttpHead h;
    QString error;
    QCOMPARE(parseHttpHead(raw, response, &h, &error), HeadStatus::Invalid);
    QVERIFY(!error.isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestHttpHead)
#include "tst_httphead.moc"
