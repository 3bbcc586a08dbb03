// Tests core/agent/wire/frame.cpp against the real NoRouter captures: every stream decodes
// into exactly the frames the capture listings show, however it is chunked, re-encodes to
// the same bytes, and every way a stream can be broken is reported with its offset.

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QtTest>

#include "agent/wire/frame.h"
#include "core/agent/agenttestkit.h"
#include "core/agent/vectorfiles.h"

using namespace routeless;
using routeless::agent::FrameDecoder;
using routeless::agenttest::bytes;
using routeless::agenttest::view;

namespace {

struct Decoded {
  quint16 type;
  QByteArray payload;
};

struct Outcome {
  QList<Decoded> frames;
  bool ok = true;        // every feed() returned true
  bool finished = true;  // finish() returned true
  QString error;
};

// Feeds `stream` cut at `cuts` (ascending offsets) and finishes.
Outcome decode(const QByteArray &stream, const QList<qsizetype> &cuts = {}) {
  FrameDecoder d;
  Outcome out;
  auto sink = [&](const FrameDecoder::Frame &f) {
    out.frames.append(Decoded{f.type, bytes(f.payload)});
  };
  qsizetype at = 0;
  for (qsizetype cut : cuts) {
    if (!d.feed(view(stream).substr(size_t(at), size_t(cut - at)), sink)) out.ok = false;
    at = cut;
  }
  if (!d.feed(view(stream).substr(size_t(at)), sink)) out.ok = false;
  out.finished = d.finish();
  out.error = QString::fromStdString(d.error());
  return out;
}

QList<qsizetype> everyByte(qsizetype size) {
  QList<qsizetype> cuts;
  for (qsizetype i = 1; i < size; ++i) cuts.append(i);
  return cuts;
}

QList<qsizetype> randomCuts(qsizetype size, quint32 seed) {
  QRandomGenerator rng(seed);
  QList<qsizetype> cuts;
  qsizetype at = 0;
  while (true) {
    // Mostly small steps (inside headers), sometimes large ones (across frames).
    const qsizetype step = rng.bounded(4) == 0 ? 1 + rng.bounded(400) : 1 + rng.bounded(9);
    at += step;
    if (at >= size) break;
    cuts.append(at);
  }
  return cuts;
}

QByteArray frame(quint16 type, const QByteArray &payload) {
  QByteArray out(agent::kFrameHeaderSize, '\0');
  agent::writeFrameHeader(out.data(), type, quint32(payload.size()));
  return out + payload;
}

QByteArray ipv4Packet(int size) {  // a plausible-looking IPv4 packet of `size` bytes
  QByteArray p(size, '\x5a');
  if (size >= 4) {
    p[0] = '\x45';
    p[2] = char((size >> 8) & 0xFF);
    p[3] = char(size & 0xFF);
  }
  return p;
}

const QStringList kStreams = {QStringLiteral("a2m-A"), QStringLiteral("a2m-B"),
                              QStringLiteral("m2a-A"), QStringLiteral("m2a-B")};

QString ipv4At(const QByteArray &p, int offset) {
  return QStringLiteral("%1.%2.%3.%4")
      .arg(uchar(p[offset]))
      .arg(uchar(p[offset + 1]))
      .arg(uchar(p[offset + 2]))
      .arg(uchar(p[offset + 3]));
}

}  // namespace

class TestFrame : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void vectorsPresent() {
    for (const QString &s : kStreams) {
      QVERIFY2(!testvectors::readFile(s + QStringLiteral(".bin")).isEmpty(), qPrintable(s));
      QVERIFY2(!testvectors::readListing(s + QStringLiteral(".decoded.txt")).isEmpty(),
               qPrintable(s));
      QVERIFY2(!testvectors::readFramesHex(s + QStringLiteral(".frames-hex.txt")).isEmpty(),
               qPrintable(s));
    }
    QCOMPARE(testvectors::files(QStringLiteral("[0-9][0-9]_*.hex")).size(), 9);
  }

  void captureStreams_data() {
    QTest::addColumn<QString>("stream");
    QTest::addColumn<int>("chunking");  // 0 whole, 1 byte at a time, >1 random seed
    for (const QString &s : kStreams) {
      QTest::newRow(qPrintable(s + QStringLiteral(" whole"))) << s << 0;
      QTest::newRow(qPrintable(s + QStringLiteral(" byte by byte"))) << s << 1;
      for (int seed = 2; seed < 12; ++seed)
        QTest::newRow(qPrintable(s + QStringLiteral(" random %1").arg(seed))) << s << seed;
    }
  }
  void captureStreams() {
    QFETCH(QString, stream);
    QFETCH(int, chunking);
    const QByteArray bin = testvectors::readFile(stream + QStringLiteral(".bin"));
    const auto listing = testvectors::readListing(stream + QStringLiteral(".decoded.txt"));
    const auto hexFrames = testvectors::readFramesHex(stream + QStringLiteral(".frames-hex.txt"));
    QVERIFY(!bin.isEmpty());

    const QList<qsizetype> cuts = chunking == 0   ? QList<qsizetype>()
                                  : chunking == 1 ? everyByte(bin.size())
                                                  : randomCuts(bin.size(), quint32(chunking));
    const Outcome out = decode(bin, cuts);
    QVERIFY2(out.ok && out.finished, qPrintable(out.error));
    QCOMPARE(out.frames.size(), listing.size());
    QCOMPARE(out.frames.size(), hexFrames.size());

    qint64 offset = 0;
    QByteArray reencoded;
    for (qsizetype i = 0; i < out.frames.size(); ++i) {
      const Decoded &f = out.frames[i];
      const auto &l = listing[i];
      QCOMPARE(l.index, int(i));
      QCOMPARE(l.offset, offset);
      QCOMPARE(l.len24, quint32(f.payload.size() + 4));
      QCOMPARE(l.frameSize, qint64(f.payload.size() + qsizetype(agent::kFrameHeaderSize)));
      QCOMPARE(l.type, f.type);
      QCOMPARE(l.reserved, quint16(0));
      const QByteArray encoded =
          bytes(agent::encodeFrame(agent::FrameType(f.type), view(f.payload)));
      QCOMPARE(encoded, hexFrames[i].bytes);
      QCOMPARE(encoded, bin.mid(offset, encoded.size()));
      if (f.type == quint16(agent::FrameType::Json)) {
        QVERIFY(l.rest.startsWith(QStringLiteral("JSON ")));
        QCOMPARE(QString::fromUtf8(f.payload), l.rest.mid(5));
      } else {
        QCOMPARE(f.type, quint16(agent::FrameType::L3));
        // "L3   IPv4 ihl=20 tot=60 ... 127.0.42.101 -> 127.0.42.102 | TCP ..."
        static const QRegularExpression re(
            QStringLiteral(R"(tot=(\d+) .* ([\d.]+) -> ([\d.]+) \|)"));
        const auto m = re.match(l.rest);
        QVERIFY2(m.hasMatch(), qPrintable(l.rest));
        QCOMPARE(m.captured(1).toInt(), int(f.payload.size()));
        QCOMPARE(ipv4At(f.payload, 12), m.captured(2));
        QCOMPARE(ipv4At(f.payload, 16), m.captured(3));
      }
      reencoded += encoded;
      offset += encoded.size();
    }
    QCOMPARE(reencoded, bin);
  }

  // Every NN_*.hex is one whole frame, equal to the frame SELECTED.md says it was cut from.
  void selectedFrames() {
    const QString selected =
        QString::fromUtf8(testvectors::readFile(QStringLiteral("SELECTED.md")));
    QVERIFY(!selected.isEmpty());
    const QStringList hexFiles = testvectors::files(QStringLiteral("[0-9][0-9]_*.hex"));
    QVERIFY(!hexFiles.isEmpty());
    for (const QString &name : hexFiles) {
      const QByteArray frameBytes = testvectors::fromHexText(testvectors::readFile(name));
      const Outcome out = decode(frameBytes);
      QVERIFY2(out.ok && out.finished, qPrintable(name + QStringLiteral(": ") + out.error));
      QCOMPARE(out.frames.size(), 1);
      QCOMPARE(bytes(agent::encodeFrame(agent::FrameType(out.frames[0].type),
                                        view(out.frames[0].payload))),
               frameBytes);

      const QRegularExpression re(
          QRegularExpression::escape(name) +
          QStringLiteral(R"(` \((\d+) bytes, from `([\w-]+)\.bin` frame #(\d+)\))"));
      const auto m = re.match(selected);
      QVERIFY2(m.hasMatch(), qPrintable(name + QStringLiteral(" is not described in SELECTED.md")));
      QCOMPARE(m.captured(1).toInt(), int(frameBytes.size()));
      const Outcome whole = decode(testvectors::readFile(m.captured(2) + QStringLiteral(".bin")));
      const int index = m.captured(3).toInt();
      QVERIFY(index < whole.frames.size());
      QCOMPARE(whole.frames[index].type, out.frames[0].type);
      QCOMPARE(whole.frames[index].payload, out.frames[0].payload);
    }
  }

  void encoderHeader() {
    char h[agent::kFrameHeaderSize];
    agent::writeFrameHeader(h, 1, 60);
    QCOMPARE(QByteArray(h, 8), QByteArray::fromHex("4200004000010000"));
    agent::writeFrameHeader(h, 2, 0xFFFFFF - 4);
    QCOMPARE(QByteArray(h, 8), QByteArray::fromHex("42ffffff00020000"));
    std::string out = "x";
    agent::appendFrame(out, agent::FrameType::Json, "{}");
    QCOMPARE(bytes(out), QByteArray("x") + QByteArray::fromHex("4200000600020000") + "{}");
  }

  void l3SizeLimits_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("valid");
    QTest::newRow("0") << 0 << false;
    QTest::newRow("19") << 19 << false;
    QTest::newRow("20") << 20 << true;
    QTest::newRow("1500") << 1500 << true;
    QTest::newRow("65535") << 65535 << true;
    QTest::newRow("65536") << 65536 << false;
  }
  void l3SizeLimits() {
    QFETCH(int, size);
    QFETCH(bool, valid);
    const QByteArray lead = frame(1, ipv4Packet(40));
    const QByteArray stream = lead + frame(1, ipv4Packet(size));
    for (const bool byteByByte : {false, true}) {
      const Outcome out =
          decode(stream, byteByByte ? everyByte(stream.size()) : QList<qsizetype>());
      if (valid) {
        QVERIFY2(out.ok && out.finished, qPrintable(out.error));
        QCOMPARE(out.frames.size(), 2);
        QCOMPARE(out.frames[1].payload.size(), qsizetype(size));
      } else {
        QVERIFY(!out.ok);
        QCOMPARE(out.frames.size(), 1);
        QVERIFY2(out.error.contains(QStringLiteral("offset %1").arg(lead.size())),
                 qPrintable(out.error));
        QVERIFY2(out.error.contains(QString::number(size)), qPrintable(out.error));
      }
    }
  }

  void badMagic_data() {
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("framesBefore");
    QTest::newRow("first byte") << QByteArray::fromHex("4300000800010000") << 0 << 0;
    QTest::newRow("lone wrong byte") << QByteArray("\x00", 1) << 0 << 0;
    QTest::newRow("text") << QByteArray("hello\n") << 0 << 0;
    const QByteArray good = frame(2, "{}");
    QTest::newRow("after a frame") << good + QByteArray::fromHex("00") << int(good.size()) << 1;
    QTest::newRow("after two frames")
        << good + frame(1, ipv4Packet(20)) + QByteArray::fromHex("4142434445464748")
        << int(good.size() + 28) << 2;
  }
  void badMagic() {
    QFETCH(QByteArray, stream);
    QFETCH(int, offset);
    QFETCH(int, framesBefore);
    for (const bool byteByByte : {false, true}) {
      const Outcome out =
          decode(stream, byteByByte ? everyByte(stream.size()) : QList<qsizetype>());
      QVERIFY(!out.ok);
      QVERIFY(!out.finished);
      QCOMPARE(out.frames.size(), framesBefore);
      QVERIFY2(out.error.contains(QStringLiteral("magic")), qPrintable(out.error));
      QVERIFY2(out.error.contains(QStringLiteral("offset %1").arg(offset)), qPrintable(out.error));
    }
  }

  void lengthBelowHeader_data() {
    QTest::addColumn<int>("len");
    for (int len = 0; len < 4; ++len) QTest::newRow(qPrintable(QString::number(len))) << len;
  }
  void lengthBelowHeader() {
    QFETCH(int, len);
    const QByteArray good = frame(2, "{}");
    QByteArray bad = QByteArray::fromHex("42000000000200000000");
    bad[3] = char(len);
    const QByteArray stream = good + bad.left(5);  // the length is known after 4 bytes
    // Found by fuzz_frame: fed in pieces, the length was only checked once 8 bytes were in.
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
      const Outcome out = decode(stream, cut ? QList<qsizetype>{cut} : QList<qsizetype>());
      QVERIFY2(!out.ok, "the bad length must fail the feed, not wait for finish()");
      QCOMPARE(out.frames.size(), 1);
      QVERIFY2(out.error.contains(QStringLiteral("length %1").arg(len)), qPrintable(out.error));
      QVERIFY2(out.error.contains(QStringLiteral("offset %1").arg(good.size())),
               qPrintable(out.error));
    }
  }

  // Every two-piece split of a stream gives the frames the whole stream gives.
  void everyTwoPieceSplit() {
    const QByteArray stream = frame(0, QByteArray()) + frame(2, "{}") + frame(9, QByteArray()) +
                              frame(1, ipv4Packet(20)) + frame(2, QByteArray());
    const Outcome whole = decode(stream);
    QVERIFY(whole.ok && whole.finished);
    QCOMPARE(whole.frames.size(), 5);
    for (qsizetype cut = 1; cut < stream.size(); ++cut) {
      const Outcome split = decode(stream, {cut});
      QVERIFY2(split.ok && split.finished, qPrintable(split.error));
      QCOMPARE(split.frames.size(), whole.frames.size());
      for (qsizetype i = 0; i < whole.frames.size(); ++i) {
        QCOMPARE(split.frames[i].type, whole.frames[i].type);
        QCOMPARE(split.frames[i].payload, whole.frames[i].payload);
      }
    }
  }

  void deadAfterError() {
    FrameDecoder d;
    int frames = 0;
    auto sink = [&](const FrameDecoder::Frame &) { ++frames; };
    QVERIFY(!d.feed("\x13", sink));
    const std::string error = d.error();
    QVERIFY(d.failed());
    // No resynchronisation: a valid frame after the error is never delivered.
    QVERIFY(!d.feed(view(frame(2, "{}")), sink));
    QCOMPARE(frames, 0);
    QVERIFY(!d.finish());
    QCOMPARE(d.error(), error);
  }

  void truncatedAtFinish_data() {
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("frames");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("partial");
    const QByteArray good = frame(2, "{\"a\":1}");
    QTest::newRow("magic only") << QByteArray("\x42", 1) << 0 << 0 << 1;
    QTest::newRow("half a header") << good + good.left(5) << 1 << int(good.size()) << 5;
    QTest::newRow("header only") << good + good.left(8) << 1 << int(good.size()) << 8;
    QTest::newRow("payload cut") << good + good.left(good.size() - 1) << 1 << int(good.size())
                                 << int(good.size() - 1);
    // A 16 MiB JSON frame is legal; its header alone is accepted and then found cut.
    QTest::newRow("largest length") << QByteArray::fromHex("42ffffff00020000") + "{" << 0 << 0 << 9;
  }
  void truncatedAtFinish() {
    QFETCH(QByteArray, stream);
    QFETCH(int, frames);
    QFETCH(int, offset);
    QFETCH(int, partial);
    for (const bool byteByByte : {false, true}) {
      const Outcome out =
          decode(stream, byteByByte ? everyByte(stream.size()) : QList<qsizetype>());
      QVERIFY2(out.ok, qPrintable(out.error));  // nothing wrong until the stream ends
      QVERIFY(!out.finished);
      QCOMPARE(out.frames.size(), frames);
      QVERIFY2(out.error.contains(QStringLiteral("offset %1").arg(offset)), qPrintable(out.error));
      QVERIFY2(out.error.contains(QStringLiteral("%1 bytes").arg(partial)), qPrintable(out.error));
    }
  }

  void emptyStreamIsFine() {
    const Outcome out = decode(QByteArray());
    QVERIFY(out.ok && out.finished);
    QVERIFY(out.frames.isEmpty());
  }

  void unknownTypesPassThrough() {
    const QByteArray stream = frame(7, "seven") + frame(0, QByteArray()) + frame(2, QByteArray()) +
                              frame(0xFFFF, QByteArray(3, 'x')) + frame(1, ipv4Packet(20));
    for (const bool byteByByte : {false, true}) {
      const Outcome out =
          decode(stream, byteByByte ? everyByte(stream.size()) : QList<qsizetype>());
      QVERIFY2(out.ok && out.finished, qPrintable(out.error));
      QCOMPARE(out.frames.size(), 5);
      QCOMPARE(out.frames[0].type, quint16(7));
      QCOMPARE(out.frames[0].payload, QByteArray("seven"));
      QCOMPARE(out.frames[1].type, quint16(0));
      QVERIFY(out.frames[1].payload.isEmpty());
      QCOMPARE(out.frames[2].type, quint16(2));  // an empty JSON frame is framing-valid
      QCOMPARE(out.frames[3].type, quint16(0xFFFF));
      QCOMPARE(out.frames[4].type, quint16(1));
    }
  }

  void reservedFieldIgnored() {
    QByteArray f = frame(2, "{}");
    f[6] = '\x12';
    f[7] = '\x34';
    const Outcome out = decode(f);
    QVERIFY(out.ok && out.finished);
    QCOMPARE(out.frames.size(), 1);
    QCOMPARE(out.frames[0].payload, QByteArray("{}"));
  }

  void counters() {
    FrameDecoder d;
    const QByteArray stream = frame(2, "{}") + frame(2, "[]") + frame(2, "{}").left(9);
    QVERIFY(d.feed(view(stream), [](const FrameDecoder::Frame &) {}));
    QCOMPARE(d.framesDecoded(), quint64(2));
    QCOMPARE(d.buffered(), size_t(9));
  }
};

QTEST_GUILESS_MAIN(TestFrame)
#include "tst_frame.moc"
