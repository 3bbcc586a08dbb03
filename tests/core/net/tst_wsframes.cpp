// WsFrameDecoder and the server frame writers: messages in any chunking, fragments with control
// frames between them, every protocol rule and limit refused with its close code (an unmasked
// frame, a 256 MB announcement refused on its 14-byte header), strict UTF-8, RFC 6455's accept
// key example.
#include <QRandomGenerator>
#include <QtEndian>
#include <QtTest>

#include "core/net/wsclientframes.h"
#include "net/wsframes.h"

using namespace routeless::net;
using wstest::clientFrame;

namespace {

QList<WsMessage> decodeAll(WsFrameDecoder &d, QByteArrayView bytes, bool *ok = nullptr) {
  QList<WsMessage> out;
  const bool r = d.feed(bytes, &out);
  if (ok) *ok = r;
  return out;
}

}  // namespace

class TestWsFrames : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void oneTextMessage() {
    WsFrameDecoder d(1024);
    bool ok = false;
    const auto m = decodeAll(d, clientFrame(0x1, "{\"opcode\":\"status\"}"), &ok);
    QVERIFY(ok);
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].opcode, WsOpcode::Text);
    QCOMPARE(m[0].payload, QByteArray("{\"opcode\":\"status\"}"));
  }

  void fragmentsWithControlFramesBetweenInAnyChunking() {
    const QByteArray big(70000, 'x');  // needs the 64-bit length form
    const QByteArray stream = clientFrame(0x1, "hel", false) + clientFrame(0x9, "p1") +
                              clientFrame(0x0, "lo ", false) + clientFrame(0x0, big) +
                              clientFrame(0x2, QByteArray(200, '\xff')) +
                              clientFrame(0x8,
                                          "\x03\xe8"
                                          "bye");
    for (int round = 0; round < 50; ++round) {
      WsFrameDecoder d(1 << 20);
      QList<WsMessage> out;
      qsizetype at = 0;
      while (at < stream.size()) {
        const qsizetype n =
            round == 0
                ? 1
                : qMin<qsizetype>(QRandomGenerator::global()->bounded(1, 300), stream.size() - at);
        QVERIFY(d.feed(QByteArrayView(stream).sliced(at, n), &out));
        at += n;
      }
      QCOMPARE(out.size(), 4);
      QCOMPARE(out[0].opcode, WsOpcode::Ping);
      QCOMPARE(out[0].payload, QByteArray("p1"));
      QCOMPARE(out[1].opcode, WsOpcode::Text);
      QCOMPARE(out[1].payload, "hello " + big);
      QCOMPARE(out[2].opcode, WsOpcode::Binary);
      QCOMPARE(out[2].payload, QByteArray(200, '\xff'));  // binary need not be UTF-8
      QCOMPARE(out[3].opcode, WsOpcode::Close);
      QCOMPARE(out[3].closeCode, quint16(1000));
      QCOMPARE(out[3].payload, QByteArray("bye"));
      QVERIFY(d.closed());
    }
  }

  void nothingAfterClose() {
    WsFrameDecoder d(1024);
    bool ok = false;
    const auto m = decodeAll(d, clientFrame(0x8, "") + clientFrame(0x1, "late"), &ok);
    QVERIFY(ok);
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].closeCode, wsclose::kNoStatus);
  }

  void refusals_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("unmasked") << clientFrame(0x1, "hi", true, false) << 1002
                              << QByteArray("masked");
    QTest::newRow("unmasked, header only")
        << QByteArray("\x81\x02", 2) << 1002 << QByteArray("masked");
    QTest::newRow("rsv1") << clientFrame(0x1, "hi", true, true, 0x40) << 1002
                          << QByteArray("reserved");
    QTest::newRow("opcode 3") << clientFrame(0x3, "hi") << 1002 << QByteArray("opcode");
    QTest::newRow("opcode 0xb") << clientFrame(0xb, "hi") << 1002 << QByteArray("opcode");
    QTest::newRow("lone continuation")
        << clientFrame(0x0, "hi") << 1002 << QByteArray("continuation");
    QTest::newRow("text inside text")
        << clientFrame(0x1, "a", false) + clientFrame(0x1, "b") << 1002 << QByteArray("inside");
    QTest::newRow("fragmented ping")
        << clientFrame(0x9, "a", false) << 1002 << QByteArray("fragmented");
    QTest::newRow("long ping") << clientFrame(0x9, QByteArray(126, 'a')) << 1002
                               << QByteArray("125");
    QTest::newRow("16-bit length for 5 bytes")
        << QByteArray("\x81\xfe\x00\x05\x00\x00\x00\x00hello", 13) << 1002
        << QByteArray("shortest");
    QTest::newRow("64-bit length for 5 bytes")
        << wstest::frameHeader(0x1, 5) << 1002 << QByteArray("shortest");
    QTest::newRow("64-bit length top bit")
        << wstest::frameHeader(0x1, 1ULL << 63) << 1002 << QByteArray("top bit");
    QTest::newRow("256 MB frame, header only")
        << wstest::frameHeader(0x1, 256ULL << 20) << 1009 << QByteArray("larger than 1048576");
    QByteArray fragments = clientFrame(0x1, QByteArray(65536, 'a'), false);
    for (int i = 0; i < 15; ++i) fragments += clientFrame(0x0, QByteArray(65536, 'a'), false);
    fragments += clientFrame(0x0, "a", false);  // one byte over 1 MiB
    QTest::newRow("fragments over 1 MiB") << fragments << 1009 << QByteArray("larger");
    QTest::newRow("invalid UTF-8 text")
        << clientFrame(0x1, "\xc0\xaf") << 1007 << QByteArray("UTF-8");
    QTest::newRow("UTF-8 split across fragments is fine, truncated is not")
        << clientFrame(0x1, "\xe2\x82", false) + clientFrame(0x0, "") << 1007
        << QByteArray("UTF-8");
    QTest::newRow("close of one byte")
        << clientFrame(0x8, "\x03") << 1002 << QByteArray("one byte");
    QTest::newRow("close code 1005")
        << clientFrame(0x8, "\x03\xed") << 1002 << QByteArray("close code");
    QTest::newRow("close code 999")
        << clientFrame(0x8, "\x03\xe7") << 1002 << QByteArray("close code");
    QTest::newRow("close reason not UTF-8")
        << clientFrame(0x8, "\x03\xe8\xff") << 1007 << QByteArray("UTF-8");
  }
  void refusals() {
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(QByteArray, reason);
    WsFrameDecoder d(1 << 20);
    bool ok = true;
    decodeAll(d, bytes, &ok);
    QVERIFY(!ok);
    QVERIFY(d.failed());
    QCOMPARE(int(d.errorCode()), code);
    QVERIFY2(d.errorReason().contains(reason), d.errorReason().constData());
    // Once failed, it takes nothing more.
    QVERIFY(!d.feed(clientFrame(0x1, "ok"), nullptr));
  }

  void utf8SplitAcrossFragmentsIsWhole() {
    WsFrameDecoder d(1024);
    bool ok = false;
    const auto m =
        decodeAll(d, clientFrame(0x1, "\xe2\x82", false) + clientFrame(0x0, "\xac"), &ok);
    QVERIFY(ok);
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].payload, QByteArray("\xe2\x82\xac"));
  }

  void exactlyAtTheLimit() {
    WsFrameDecoder d(1000);
    bool ok = false;
    QCOMPARE(decodeAll(d, clientFrame(0x2, QByteArray(1000, 'a')), &ok).size(), 1);
    QVERIFY(ok);
    decodeAll(d, clientFrame(0x2, QByteArray(1001, 'a')), &ok);
    QVERIFY(!ok);
    QCOMPARE(d.errorCode(), wsclose::kTooBig);
  }

  void serverFrames() {
    QCOMPARE(wsServerFrame(WsOpcode::Text, ""), QByteArray("\x81\x00", 2));
    QCOMPARE(wsServerFrame(WsOpcode::Text, QByteArray(125, 'a')).left(2), QByteArray("\x81\x7d"));
    QCOMPARE(wsServerFrame(WsOpcode::Text, QByteArray(126, 'a')).left(4),
             QByteArray("\x81\x7e\x00\x7e", 4));
    QCOMPARE(wsServerFrame(WsOpcode::Binary, QByteArray(65535, 'a')).left(4),
             QByteArray("\x82\x7e\xff\xff", 4));
    const QByteArray f = wsServerFrame(WsOpcode::Binary, QByteArray(65536, 'a'));
    QCOMPARE(f.left(10), QByteArray("\x82\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10));
    QCOMPARE(f.size(), 65536 + 10);
    // A close reason is cut to fit a control frame, never inside a UTF-8 character.
    const QByteArray euros = QByteArray("\xe2\x82\xac").repeated(60);  // 180 bytes
    const QByteArray close = wsCloseFrame(1009, euros);
    QCOMPARE(uchar(close[1]), uchar(2 + 123));
    QCOMPARE(close.mid(2, 2), QByteArray("\x03\xf1"));
    QVERIFY(isValidUtf8(close.mid(4)));
    QCOMPARE(close.size() - 4, 123);  // 41 whole characters
  }

  void acceptKeyFromRfc6455() {
    QCOMPARE(wsAcceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
  }

  void utf8_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("plain ascii text, long enough for words") << true;
    QTest::newRow("2-byte") << QByteArray("caf\xc3\xa9") << true;
    QTest::newRow("3-byte") << QByteArray("\xe2\x82\xac") << true;
    QTest::newRow("4-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
    QTest::newRow("overlong /") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("overlong 3") << QByteArray("\xe0\x80\xaf") << false;
    QTest::newRow("overlong 4") << QByteArray("\xf0\x80\x80\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("lone continuation") << QByteArray("a\x80") << false;
    QTest::newRow("truncated") << QByteArray("abcdefgh\xe2\x82") << false;
    QTest::newRow("bad continuation") << QByteArray("\xe2\x28\xa1") << false;
    QTest::newRow("0xff") << QByteArray("\xff") << false;
  }
  void utf8() {
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8(bytes), valid);
    // Agrees with Qt's decoder.
    QStringDecoder dec(QStringDecoder::Utf8, QStringConverter::Flag::Stateless);
    const QString s = dec.decode(bytes);
    QCOMPARE(!dec.hasError(), valid);
    Q_UNUSED(s);
  }
};

QTEST_GUILESS_MAIN(TestWsFrames)
#include "tst_wsframes.moc"
