// SseDecoder: event-stream framing in any chunking, every line-end style, comments and other
// fields dropped, multi-line data joined, an oversized event refused.
#include <QRandomGenerator>
#include <QtTest>

#include "master/ssedecoder.h"

using routeless::master::SseDecoder;

namespace {
// What NodePass's master sends: a retry line, then `event: instance` + `data: {json}` blocks.
const QByteArray kStream =
    "retry: 3000\n\n"
    "event: instance\ndata: {\"type\":\"initial\",\"instance\":{\"id\":\"aaaa0001\"}}\n\n"
    ": keep-alive comment\n\n"
    "event: instance\ndata: {\"type\":\"update\",\"instance\":{\"id\":\"aaaa0001\"}}\n\n";
const QList<QByteArray> kEvents = {"{\"type\":\"initial\",\"instance\":{\"id\":\"aaaa0001\"}}",
                                   "{\"type\":\"update\",\"instance\":{\"id\":\"aaaa0001\"}}"};
}  // namespace

class TestSseDecoder : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void wholeStream() {
    SseDecoder d;
    QCOMPARE(d.feed(kStream), kEvents);
    QVERIFY(!d.failed());
  }

  void byteByByteAndRandomChunks() {
    SseDecoder one;
    QList<QByteArray> got;
    for (const char c : kStream) got += one.feed(QByteArrayView(&c, 1));
    QCOMPARE(got, kEvents);
    for (int round = 0; round < 200; ++round) {
      SseDecoder d;
      QList<QByteArray> events;
      qsizetype at = 0;
      while (at < kStream.size()) {
        const qsizetype n =
            qMin<qsizetype>(QRandomGenerator::global()->bounded(1, 12), kStream.size() - at);
        events += d.feed(QByteArrayView(kStream).sliced(at, n));
        at += n;
      }
      QCOMPARE(events, kEvents);
    }
  }

  void lineEndsAndFields() {
    SseDecoder d;
    // CRLF, lone CR, a CR split from its LF across two chunks, "data:" without a space,
    // multi-line data, an id field and a field without a colon.
    QList<QByteArray> got = d.feed("data:a\r\ndata: b\r\rid: 7\ndata\ndata: c\r");
    got += d.feed("\n\r\n");
    QCOMPARE(got, (QList<QByteArray>{"a\nb", "\nc"}));
    QCOMPARE(d.feed("event: x\n\n"), QList<QByteArray>());  // no data: no event
  }

  void oversizedEventFails() {
    SseDecoder d(64);
    QCOMPARE(d.feed("data: " + QByteArray(100, 'x')), QList<QByteArray>());
    QVERIFY(d.failed());
    QCOMPARE(d.feed("\n\ndata: ok\n\n"), QList<QByteArray>());  // stays failed
    d.reset();
    QCOMPARE(d.feed("data: ok\n\n"), QList<QByteArray>{"ok"});
  }
};

QTEST_GUILESS_MAIN(TestSseDecoder)
#include "tst_ssedecoder.moc"
