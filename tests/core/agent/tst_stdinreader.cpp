// Tests core/agent/stdinreader.cpp: stdin cut into frames whatever the read sizes, frames
// handed out in place (a frame cut by a read moves whole into the next buffer), buffers reused
// only once lwIP let go of them, and NoRouter's words for every way stdin ends.
#include <QtTest>
#include <deque>
#include <set>

#include "agent/stdinreader.h"
#include "agent/wire/frame.h"

using namespace routeless::agent;

namespace {

std::string frame(uint16_t type, const std::string &payload) {
  std::string out(kFrameHeaderSize, '\0');
  writeFrameHeader(out.data(), type, uint32_t(payload.size()));
  return out + payload;
}

std::string packet(size_t size, char fill) {
  std::string p(size, fill);
  p[0] = 0x45;
  return p;
}

// A scripted stdin: each read returns at most the next step's byte count of the stream.
struct ScriptedStdin {
  std::string stream;
  std::deque<size_t> steps;
  size_t at = 0;
  long read(char *buffer, size_t size, std::string *) {
    if (at == stream.size()) return 0;
    size_t n = steps.empty() ? stream.size() - at : steps.front();
    if (!steps.empty()) steps.pop_front();
    n = std::min({n, size, stream.size() - at});
    memcpy(buffer, stream.data() + at, n);
    at += n;
    return long(n);
  }
};

struct Outcome {
  std::vector<std::pair<uint16_t, std::string>> frames;
  size_t copies = 0;
  std::string end;
};

Outcome readAll(ScriptedStdin &in) {
  FrameReader reader;
  Outcome out;
  for (int guard = 0; guard < (1 << 24); ++guard) {
    InputBatch batch;
    const bool more = reader.readOnce(
        [&](char *b, size_t s, std::string *e) { return in.read(b, s, e); }, &batch, &out.end);
    for (const auto &f : batch.frames) {
      out.frames.emplace_back(f.type, std::string(f.data, f.size));
      if (f.inChunk) {
        // In place: the frame lies inside the batch's own buffer.
        const char *begin = batch.chunk->data();
        if (f.data < begin || f.data + f.size > begin + batch.chunk->size()) qFatal("not in place");
      }
    }
    out.copies += batch.copies.size();
    if (!more) break;
  }
  return out;
}

}  // namespace

class TestStdinReader : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void framesInPlaceWhateverTheReads_data() {
    QTest::addColumn<int>("step");
    for (int step : {1, 3, 7, 8, 9, 100, 4096, 65536, 1 << 20})
      QTest::newRow(qPrintable(QString::number(step))) << step;
  }
  void framesInPlaceWhateverTheReads() {
    QFETCH(int, step);
    ScriptedStdin in;
    std::vector<std::string> payloads;
    for (int i = 0; i < 40; ++i) {
      const bool json = i % 7 == 0;
      payloads.push_back(json ? std::string("{\"n\":") + std::to_string(i) + "}"
                              : packet(size_t(20 + (i * 7919) % 65000), char('a' + i % 26)));
      in.stream += frame(json ? 2 : 1, payloads.back());
    }
    for (size_t i = 0; i < in.stream.size(); i += size_t(step)) in.steps.push_back(size_t(step));
    const Outcome out = readAll(in);
    QVERIFY2(out.end == "failed to call receiver.Recv: EOF", out.end.c_str());
    QCOMPARE(out.frames.size(), payloads.size());
    for (size_t i = 0; i < payloads.size(); ++i) {
      QCOMPARE(out.frames[i].second.size(), payloads[i].size());
      QVERIFY(out.frames[i].second == payloads[i]);
      QCOMPARE(out.frames[i].first, uint16_t(i % 7 == 0 ? 2 : 1));
    }
    // Every frame was handed over in place, none copied.
    QCOMPARE(out.copies, size_t(0));
  }

  void heldFramesAreNeverOverwritten() {
    // lwIP holds packets for a while: while a batch is held, no later read may land on its
    // bytes. Released buffers come back to the pool.
    ScriptedStdin in;
    for (int i = 0; i < 50; ++i) in.stream += frame(1, packet(60000, char('A' + i % 26)));
    for (int i = 0; i < 200; ++i) in.steps.push_back(size_t(20000 + (i * 7777) % 50000));
    FrameReader reader;
    auto read = [&](char *p, size_t s, std::string *e) { return in.read(p, s, e); };
    std::vector<InputBatch> held;
    std::string end;
    std::set<const void *> buffers;
    int frames = 0;
    while (frames < 50) {
      InputBatch b;
      QVERIFY(reader.readOnce(read, &b, &end));
      buffers.insert(b.chunk.get());
      frames += int(b.frames.size());
      held.push_back(std::move(b));
    }
    QCOMPARE(frames, 50);
    int checked = 0;
    for (const InputBatch &b : held)
      for (const auto &f : b.frames) {
        QCOMPARE(f.size, uint32_t(60000));
        QVERIFY(std::string(f.data + 1, 59999) == std::string(59999, char('A' + checked % 26)));
        ++checked;
      }
    held.clear();
    in.stream += frame(1, packet(100, 'y'));
    InputBatch again;
    QVERIFY(reader.readOnce(read, &again, &end));
    QCOMPARE(again.frames.size(), size_t(1));
    QVERIFY(buffers.count(again.chunk.get()));  // a pooled buffer came back
  }

  void endsInNoRoutersWords() {
    ScriptedStdin truncated;
    truncated.stream = frame(2, "{}") + frame(1, packet(100, 'z')).substr(0, 50);
    Outcome out = readAll(truncated);
    QCOMPARE(out.frames.size(), size_t(1));
    QCOMPARE(out.end,
             std::string("failed to call receiver.Recv: unexpected EOF (50 bytes of an incomplete "
                         "frame)"));

    ScriptedStdin garbage;
    garbage.stream = frame(2, "{}") + "GET / HTTP/1.1\r\n";
    out = readAll(garbage);
    QCOMPARE(out.frames.size(), size_t(1));  // the good frame before the break still counts
    QVERIFY2(out.end.find("bad frame magic 0x47 at stream offset 10") != std::string::npos,
             out.end.c_str());

    ScriptedStdin shortL3;
    shortL3.stream = frame(1, "tiny");
    out = readAll(shortL3);
    QVERIFY(out.frames.empty());
    QVERIFY2(out.end.find("carries 4 bytes") != std::string::npos, out.end.c_str());

    FrameReader reader;
    InputBatch b;
    std::string end;
    QVERIFY(!reader.readOnce(
        [](char *, size_t, std::string *e) {
          *e = "read: Input/output error";
          return -1L;
        },
        &b, &end));
    QCOMPARE(end, std::string("failed to call receiver.Recv: read: Input/output error"));
  }
};

QTEST_GUILESS_MAIN(TestStdinReader)
#include "tst_stdinreader.moc"
