// Datagram framing between Routeless ends: the handshake offer/answer NodePass ignores, and
// frames that keep their boundaries through any chunking.
#include <QTest>

#include "net/httphead.h"
#include "nodepass/datagramframing.h"
#include "nodepass/protocol.h"

using namespace routeless::nodepass;

class TestDatagramFraming : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void offerAndAnswer() {
    const QByteArray request = buildHandshakeRequest(QStringLiteral("none"), tunnelToken("k"));
    QVERIFY(!offersDatagrams(request));
    const QByteArray offered = withDatagramOffer(request);
    QVERIFY(offersDatagrams(offered));
    // The request stays what NodePass expects: same start line, same token.
    routeless::net::HttpRequestHeadParser parser;
    QCOMPARE(parser.feed(offered), routeless::net::HttpRequestHeadParser::State::Done);
    const routeless::net::HttpRequestHead head = parser.takeHead();
    QCOMPARE(head.method, QByteArray("GET"));
    QCOMPARE(head.field("authorization"), "Bearer " + tunnelToken("k"));
    QString error;
    const HandshakeVerdict v =
        answerHandshake(head, tunnelToken("k"), HandshakeConfig{QStringLiteral("-"), 1024, 1, 2});
    QCOMPARE(v.status, 200);
    QVERIFY(!answersDatagrams(v.response));
    const QByteArray answered = withDatagramAnswer(v.response);
    QVERIFY(answersDatagrams(answered));
    int status = 0;
    HandshakeConfig config;
    QCOMPARE(parseHandshakeResponse(answered, false, &status, &config, &error), ParseStatus::Done);
    QCOMPARE(status, 200);
    QCOMPARE(config.type, 2);
    QCOMPARE(config.flow, QStringLiteral("-"));
  }

  void framesKeepBoundaries() {
    QList<QByteArray> sent;
    QByteArray wire;
    for (int n : {1, 0, 1400, 65535, 7, 300}) {
      QByteArray d(n, char('a' + n % 26));
      sent << d;
      appendDatagramFrame(wire, d.constData(), d.size());
    }
    for (int step : {1, 2, 3, 1000, 70000}) {
      DatagramDeframer d;
      QList<QByteArray> got;
      for (qsizetype at = 0; at < wire.size(); at += step)
        d.feed(wire.constData() + at, qMin<qsizetype>(step, wire.size() - at),
               [&](const char *p, qint64 n) { got << QByteArray(p, n); });
      QCOMPARE(got, sent);
      QCOMPARE(d.pendingBytes(), 0);
    }
  }

  void partialFrameWaits() {
    DatagramDeframer d;
    int count = 0;
    d.feed("\x00\x05hel", 5, [&](const char *, qint64) { ++count; });
    QCOMPARE(count, 0);
    QCOMPARE(d.pendingBytes(), 5);
    d.feed("lo", 2, [&](const char *p, qint64 n) {
      ++count;
      QCOMPARE(QByteArray(p, n), QByteArray("hello"));
    });
    QCOMPARE(count, 1);
  }
};

QTEST_GUILESS_MAIN(TestDatagramFraming)
#include "tst_datagramframing.moc"
