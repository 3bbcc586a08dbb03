// Tests core/mproxy/unpacker.cpp against every proxy-packer vector (valid ones under any
// chunking, malformed ones for the documented deliberate differences) and a randomised round
// trip through the encoder.
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include "core/mproxy/vectors.h"
#include "mproxy/jsonlines.h"
#include "mproxy/unpacker.h"

using namespace routeless::mproxy;
using namespace routeless::mproxy::testing;

namespace {

struct Event {
  FrameHeader header;
  QByteArray data;
  int afterChunk = -1;
  int pieces = 0;
};

// Records whole frames and checks that every piece is a view into the chunk being fed.
class RecordingSink final : public FrameSink {
 public:
  QList<Event> events;
  int chunkIndex = 0;
  QByteArrayView chunk;
  bool pieceOutsideChunk = false;
  bool open = false;

  void frameBegin(const FrameHeader &h) override {
    QVERIFY(!open);
    open = true;
    Event e;
    e.header = h;
    events << e;
  }
  void dataPiece(const FrameHeader &h, QByteArrayView piece) override {
    QVERIFY(open);
    QCOMPARE(h.dataLength, events.last().header.dataLength);
    if (piece.data() < chunk.data() || piece.data() + piece.size() > chunk.data() + chunk.size())
      pieceOutsideChunk = true;
    events.last().data += piece.toByteArray();
    ++events.last().pieces;
  }
  void frameEnd(const FrameHeader &) override {
    QVERIFY(open);
    open = false;
    events.last().afterChunk = chunkIndex;
  }
};

struct Outcome {
  QList<Event> events;
  bool failed = false;
  QString error;
  int failedAtChunk = -1;
  bool zeroCopy = true;
};

QList<DecodedEvent> asDecoded(const QList<Event> &events) {
  QList<DecodedEvent> out;
  for (const Event &e : events) {
    // The same text `mproxy decode` prints for the frame, read back.
    JsonLineWriter w;
    w.frameBegin(e.header);
    if (!e.data.isEmpty()) w.dataPiece(e.header, e.data);
    w.frameEnd(e.header);
    const QJsonObject line = QJsonDocument::fromJson(w.output()).object();
    DecodedEvent d;
    d.event = line[QLatin1String("event")].toString();
    d.tun = tunOfLine(line);
    d.dataHex = line[QLatin1String("data_hex")];
    d.afterChunk = e.afterChunk;
    out << d;
  }
  return out;
}

QJsonArray routed(const QList<Event> &events, const QStringList &handlers) {
  return routeLikeProxyPacker(asDecoded(events), handlers);
}

Outcome decodeChunks(const QList<QByteArray> &chunks) {
  FrameDecoder d;
  RecordingSink sink;
  Outcome o;
  for (int i = 0; i < chunks.size(); ++i) {
    sink.chunkIndex = i;
    sink.chunk = chunks[i];
    if (!d.feed(chunks[i], sink)) {
      o.failed = true;
      o.failedAtChunk = i;
      break;
    }
  }
  if (!o.failed && !d.finish()) {
    o.failed = true;
    o.failedAtChunk = int(chunks.size());
  }
  o.error = d.error();
  o.events = sink.events;
  o.zeroCopy = !sink.pieceOutsideChunk;
  return o;
}

#define COMPARE_EVENTS(actual, expected) QVERIFY(sameJson((actual), (expected)))

QList<QByteArray> splitRandomly(const QByteArray &all, QRandomGenerator &rng, int maxChunk) {
  QList<QByteArray> out;
  qsizetype at = 0;
  while (at < all.size()) {
    if (rng.bounded(10) == 0) out << QByteArray();  // empty chunks change nothing
    const qsizetype n = qMin<qsizetype>(all.size() - at, 1 + rng.bounded(maxChunk));
    out << all.mid(at, n);
    at += n;
  }
  return out;
}

}  // namespace

class TestUnpacker : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void validVectors_data();
  void validVectors();
  void badVectors_data();
  void badVectors();
  void fieldPresence();
  void utf8LikeNode();
  void oversizedFrame();
  void truncatedStream();
  void failStopsTheStream();
  void randomRoundTrip();
};

void TestUnpacker::validVectors_data() { addVectorRows("vectors-unpack.jsonl"); }

void TestUnpacker::validVectors() {
  QFETCH(QJsonObject, vector);
  QVERIFY(!vector.isEmpty());
  const QList<QByteArray> chunks = chunksOf(vector);
  const QStringList handlers = handlersOf(vector);
  const QJsonArray events = vector[QLatin1String("events")].toArray();

  // The vector's own chunking: same events, fired after the same chunk.
  Outcome o = decodeChunks(chunks);
  QVERIFY2(!o.failed, qPrintable(o.error));
  QVERIFY(o.zeroCopy);
  COMPARE_EVENTS(routed(o.events, handlers), expectedEvents(events, true));

  // Any other chunking gives the same events: all at once, byte by byte, random splits.
  const QByteArray all = chunks.join();
  const QJsonArray expected = expectedEvents(events, false);
  QList<QList<QByteArray>> variants;
  variants << QList<QByteArray>{all};
  QList<QByteArray> bytes;
  for (char c : all) bytes << QByteArray(1, c);
  variants << bytes;
  QRandomGenerator rng(42);
  for (int i = 0; i < 20; ++i) variants << splitRandomly(all, rng, 1 + i * 3);
  for (const auto &variant : variants) {
    o = decodeChunks(variant);
    QVERIFY2(!o.failed, qPrintable(o.error));
    QVERIFY(o.zeroCopy);
    COMPARE_EVENTS(withoutChunks(routed(o.events, handlers)), expected);
  }
  // Byte by byte, a body arrives as one piece per byte.
  o = decodeChunks(bytes);
  for (const Event &e : o.events) QCOMPARE(e.pieces, int(e.header.dataLength));
}

void TestUnpacker::badVectors_data() { addVectorRows("vectors-bad.jsonl"); }

// Each malformed vector: either proxy-packer's events exactly, or (documented in
// docs/mproxy.md) the JS events up to the point where it starts reading garbage and then
// a stream error, or, for error bodies that are not objects, an error event instead of a throw.
void TestUnpacker::badVectors() {
  QFETCH(QJsonObject, vector);
  QVERIFY(!vector.isEmpty());
  const Outcome o = decodeChunks(chunksOf(vector));
  const BadExpectation x = expectationForBad(vector);
  if (x.streamError.isEmpty()) {
    QVERIFY2(!o.failed, qPrintable(o.error));
  } else {
    QVERIFY2(o.failed, "the stream must end with an error");
    QVERIFY2(o.error.contains(x.streamError), qPrintable(o.error));
  }
  COMPARE_EVENTS(routed(o.events, handlersOf(vector)), x.events);
}

void TestUnpacker::fieldPresence() {
  // A control frame has 5 fields: serviceport and name are absent (null), the rest present.
  const Outcome o = decodeChunks({QByteArray::fromHex("fe0c2c2c2c302c636f6e74726f6c")});
  QVERIFY(!o.failed);
  QCOMPARE(o.events.size(), 1);
  const FrameHeader &h = o.events[0].header;
  QCOMPARE(h.kind, FrameKind::Control);
  QVERIFY(!h.tun.family.isNull() && h.tun.family.isEmpty());
  QVERIFY(!h.tun.port.isNull());
  QVERIFY(h.tun.serviceport.isNull());
  QVERIFY(h.tun.name.isNull());
  QCOMPARE(h.fieldCount, 5);
  QCOMPARE(h.id(), QStringLiteral(",,"));
}

void TestUnpacker::utf8LikeNode() {
  // WHATWG maximal-subpart replacement, as Node's Buffer#toString does.
  QCOMPARE(decodeUtf8Lossy("\xff\xc3(x"), QStringLiteral("\uFFFD\uFFFD(x"));
  QCOMPARE(decodeUtf8Lossy("\xed\xa0\x80"), QStringLiteral("\uFFFD\uFFFD\uFFFD"));  // surrogate
  QCOMPARE(decodeUtf8Lossy("\xe2\x82"), QStringLiteral("\uFFFD"));  // truncated 3-byte sequence
  QCOMPARE(decodeUtf8Lossy("\xf0\x9f\x9a\x80"), QString::fromUtf8("\xf0\x9f\x9a\x80"));
  QCOMPARE(decodeUtf8Lossy("\xc0\xaf"), QStringLiteral("\uFFFD\uFFFD"));  // overlong
  QCOMPARE(decodeUtf8Lossy(QByteArray("a\0b", 3)), QStringView(u"a\0b", 3).toString());
}

void TestUnpacker::oversizedFrame() {
  FrameDecoder d(1000);
  RecordingSink sink;
  QByteArray frame;
  Tun t{"IPv4", "1.2.3.4", "5", "tcp", "6", "n"};
  QVERIFY(appendFrame(frame, FrameKind::Message, t, QByteArray(1000, 'x')));
  QVERIFY(d.feed(frame, sink));
  QByteArray big;
  QVERIFY(appendHeader(big, FrameKind::Message, t, 1001));
  QVERIFY(!d.feed(big, sink));
  QVERIFY2(d.error().contains(QLatin1String("exceeds the limit of 1000")), qPrintable(d.error()));
  // A DATALEN with more digits than any qint64 is refused without overflowing.
  FrameDecoder e;
  QByteArray huge;
  t.port = QStringLiteral("99999999999999999999999999999999");
  const QByteArray h = "IPv4,1.2.3.4,5,99999999999999999999999999999999,tcp,6,n";
  huge.append(char(0xFE)).append(char(h.size())).append(h);
  QVERIFY(!e.feed(huge, sink));
  QVERIFY(e.error().contains(QLatin1String("exceeds")));
}

void TestUnpacker::truncatedStream() {
  for (int cut : {1, 2, 10, 30}) {
    FrameDecoder d;
    RecordingSink sink;
    QByteArray frame;
    QVERIFY(appendFrame(frame, FrameKind::Message, Tun{"IPv4", "1.2.3.4", "5", "", "", ""},
                        QByteArray(20, 'x')));
    QVERIFY(d.feed(frame.left(cut), sink));
    QVERIFY(!d.finish());
    QVERIFY(d.error().startsWith(QLatin1String("stream ended")));
  }
}

void TestUnpacker::failStopsTheStream() {
  class Stopper final : public FrameSink {
   public:
    FrameDecoder *d = nullptr;
    int begins = 0;
    void frameBegin(const FrameHeader &) override {
      ++begins;
      d->fail(QStringLiteral("stop"));
    }
    void dataPiece(const FrameHeader &, QByteArrayView) override { QFAIL("no data after fail"); }
    void frameEnd(const FrameHeader &) override { QFAIL("no end after fail"); }
  } sink;
  FrameDecoder d;
  sink.d = &d;
  QByteArray two;
  Tun t{"IPv4", "1.2.3.4", "5", "", "", ""};
  appendFrame(two, FrameKind::Message, t, "ab");
  appendFrame(two, FrameKind::Message, t, "cd");
  QVERIFY(!d.feed(two, sink));
  QCOMPARE(sink.begins, 1);
  QCOMPARE(d.error(), QStringLiteral("stop"));
  QVERIFY(!d.feed(two, sink));
  QCOMPARE(sink.begins, 1);
}

void TestUnpacker::randomRoundTrip() {
  QRandomGenerator rng(20240601);
  auto randomText = [&](int maxLen) {
    static const QString alphabet =
        QStringLiteral("abcXYZ019.-_:%[] \u00fc\u4f8b\U0001F680") + QChar(0);
    QString s;
    const int n = rng.bounded(maxLen + 1);
    for (int i = 0; i < n; ++i) {
      const int k = rng.bounded(alphabet.size());
      if (alphabet[k].isHighSurrogate()) {
        s += alphabet.mid(k, 2);
      } else if (alphabet[k].isLowSurrogate()) {
        s += QLatin1Char('z');
      } else {
        s += alphabet[k];
      }
    }
    return s;
  };
  const int rounds =
      qEnvironmentVariable("ROUTELESS_TEST_SCALE") == QLatin1String("small") ? 30 : 150;
  for (int round = 0; round < rounds; ++round) {
    struct Sent {
      FrameKind kind;
      Tun tun;
      QByteArray data;
    };
    QList<Sent> sent;
    QByteArray stream;
    const int frames = 1 + rng.bounded(40);
    for (int i = 0; i < frames; ++i) {
      Sent s;
      s.kind = FrameKind(rng.bounded(7));
      s.tun = Tun{randomText(6),  randomText(30), QString::number(rng.bounded(65536)),
                  randomText(10), randomText(5),  randomText(40)};
      if (s.kind == FrameKind::Message && kindOfService(s.tun.service) != FrameKind::Message)
        s.tun.service += QLatin1Char('x');
      const int size = rng.bounded(8) == 0 ? rng.bounded(200000) : rng.bounded(300);
      s.data.resize(size);
      rng.fillRange(reinterpret_cast<quint32 *>(s.data.data()), size / 4);
      const EmptyBody empty = rng.bounded(2) ? EmptyBody::Space : EmptyBody::AsIs;
      QString error;
      if (!appendFrame(stream, s.kind, s.tun, s.data, empty, &error)) {
        QVERIFY2(error.contains(QLatin1String("header is")), qPrintable(error));
        continue;
      }
      if (s.data.isEmpty() && empty == EmptyBody::Space) s.data = " ";
      sent << s;
    }
    const Outcome o = decodeChunks(splitRandomly(stream, rng, 1 + rng.bounded(70000)));
    QVERIFY2(!o.failed, qPrintable(o.error));
    QVERIFY(o.zeroCopy);
    QCOMPARE(o.events.size(), sent.size());
    for (int i = 0; i < sent.size(); ++i) {
      const FrameHeader &h = o.events[i].header;
      const Sent &s = sent[i];
      QCOMPARE(h.kind, s.kind);
      QCOMPARE(o.events[i].data, s.data);
      QCOMPARE(h.dataLength, qint64(s.data.size()));
      if (s.kind == FrameKind::Control) {
        QCOMPARE(h.tun.family, QString(QLatin1String("")));
        continue;
      }
      // The header went through UTF-8, so compare what UTF-8 can carry.
      auto viaUtf8 = [](const QString &x) { return QString::fromUtf8(x.toUtf8()); };
      QCOMPARE(h.tun.family, viaUtf8(s.tun.family));
      QCOMPARE(h.tun.address, viaUtf8(s.tun.address));
      QCOMPARE(h.tun.port, s.tun.port);
      QCOMPARE(h.tun.serviceport, viaUtf8(s.tun.serviceport));
      QCOMPARE(h.tun.name, viaUtf8(s.tun.name));
      if (s.kind == FrameKind::Message || s.kind == FrameKind::Connection)
        QCOMPARE(h.tun.service, viaUtf8(s.tun.service));
    }
  }
}

QTEST_GUILESS_MAIN(TestUnpacker)
#include "tst_unpacker.moc"
