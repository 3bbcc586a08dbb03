// HTTP response heads read by the WebSocket pool client and the handshake client: status line,
// header lookups, limits, and each malformed form refused.
#include <QTest>

#include "nodepass/httpresponsehead.h"

using namespace routeless::nodepass;

class TestHttpResponseHead : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void switching() {
    const QByteArray raw =
        QByteArray(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n") +
        QByteArray("\x82\x04\x00\x00\x00\x00", 6);
    HttpResponseHead h;
    QString error;
    QCOMPARE(parseHttpResponseHead(raw, &h, &error), HeadStatus::Done);
    QCOMPARE(h.status, 101);
    QCOMPARE(h.reason, QByteArray("Switching Protocols"));
    QCOMPARE(h.header("sec-websocket-accept"), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    QCOMPARE(raw.mid(h.headLength), QByteArray("\x82\x04\x00\x00\x00\x00", 6));
  }

  void needMore() {
    HttpResponseHead h;
    QString error;
    QCOMPARE(parseHttpResponseHead("HTTP/1.1 503 Service Unavailable\r\n", &h, &error),
             HeadStatus::NeedMore);
  }

  void invalid_data() {
    QTest::addColumn<QByteArray>("raw");
    QTest::newRow("status text") << QByteArray("HTTP/1.1 abc OK\r\n\r\n");
    QTest::newRow("status range") << QByteArray("HTTP/1.1 999 OK\r\n\r\n");
    QTest::newRow("not http") << QByteArray("SSH-2.0 x\r\n\r\n");
    QTest::newRow("no colon") << QByteArray("HTTP/1.1 200 OK\r\nHost\r\n\r\n");
    QTest::newRow("space in name") << QByteArray("HTTP/1.1 200 OK\r\nHo st: x\r\n\r\n");
    QTest::newRow("control char") << QByteArray("HTTP/1.1 200 OK\r\nX: a\x01\r\n\r\n");
    QTest::newRow("bare LF") << QByteArray("HTTP/1.1 200 OK\nX: a\r\n\r\n");
    QTest::newRow("too long") << QByteArray("HTTP/1.1 200 OK\r\nX: ") + QByteArray(9000, 'a');
    QByteArray many = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 70; ++i) many += "H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("too many headers") << many + "\r\n";
  }
  void invalid() {
    QFETCH(QByteArray, raw);
    HttpResponseHead h;
    QString error;
    QCOMPARE(parseHttpResponseHead(raw, &h, &error), HeadStatus::Invalid);
    QVERIFY(!error.isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestHttpResponseHead)
#include "tst_httpresponsehead.moc"
