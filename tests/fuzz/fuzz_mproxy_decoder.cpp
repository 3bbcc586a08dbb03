// libFuzzer target for core/mproxy/unpacker.cpp: any byte stream, fed whole and fed in pieces
// chosen by the input itself, must give exactly the same frames, pieces that add up to DATALEN
// and point into the chunk being fed, and the same verdict (error text included).
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "mproxy/unpacker.h"

using namespace routeless::mproxy;

namespace {

struct Recorder final : FrameSink {
  QByteArray log;  // a canonical trace of everything the decoder reported
  QByteArrayView chunk;
  qint64 got = 0;
  bool open = false;

  void frameBegin(const FrameHeader &h) override {
    if (open) abort();
    open = true;
    got = 0;
    log += "B" + QByteArray::number(int(h.kind)) + "|" + h.tun.family.toUtf8() + "|" +
           h.tun.address.toUtf8() + "|" + h.tun.port.toUtf8() + "|" + h.tun.service.toUtf8() + "|" +
           h.tun.serviceport.toUtf8() + "|" + h.tun.name.toUtf8() + "|" +
           QByteArray::number(h.dataLength) + "|" + QByteArray::number(h.fieldCount) + "\n";
    if (h.dataLength < 0 || h.fieldCount < 4) abort();
  }
  void dataPiece(const FrameHeader &h, QByteArrayView piece) override {
    if (!open || piece.isEmpty()) abort();
    if (piece.data() < chunk.data() || piece.data() + piece.size() > chunk.data() + chunk.size())
      abort();  // pieces are views into the chunk, never copies
    got += piece.size();
    if (got > h.dataLength) abort();
    log.append(piece.data(), piece.size());
  }
  void frameEnd(const FrameHeader &h) override {
    if (!open || got != h.dataLength) abort();
    open = false;
    log += "E\n";
  }
};

QByteArray run(const uint8_t *data, size_t size, uint32_t seed, bool whole) {
  FrameDecoder d(1 << 20);
  Recorder r;
  size_t at = 0;
  bool ok = true;
  while (at < size && ok) {
    size_t n = size - at;
    if (!whole) {
      seed = seed * 1103515245u + 12345u;
      n = 1 + (seed >> 16) % (seed & 0x100 ? 3 : 300);
      if (n > size - at) n = size - at;
    }
    r.chunk = QByteArrayView(reinterpret_cast<const char *>(data + at), qsizetype(n));
    ok = d.feed(r.chunk, r);
    at += n;
  }
  if (ok) ok = d.finish();
  if (!ok) {
    if (d.error().isEmpty()) abort();
    if (d.feed(QByteArrayView("\xfe", 1), r)) abort();  // a broken stream stays broken
    r.log += "X" + d.error().toUtf8();
  }
  return r.log;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  const uint32_t seed = data[0];
  const QByteArray whole = run(data + 1, size - 1, seed, true);
  const QByteArray pieces = run(data + 1, size - 1, seed, false);
  if (whole != pieces) abort();
  return 0;
}
