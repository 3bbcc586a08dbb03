// libFuzzer target: the WebSocket pool's frame decoder. Arbitrary bytes, cut at arbitrary points,
// must never crash it; and payloads framed by appendWsFrame (masked or not) must come back
// byte for byte whatever the chunking.
#include <cstddef>
#include <cstdint>

#include "nodepass/wsframe.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  const bool fromClient = data[0] & 1;
  const size_t step = 1 + (data[1] % 64);
  const char *p = reinterpret_cast<const char *>(data + 2);
  const qint64 n = qint64(size - 2);

  // 1. Raw bytes as frames.
  {
    WsFrameDecoder d(fromClient);
    qint64 delivered = 0;
    WsFrameDecoder::Handler h;
    h.data = [&](const char *, qint64 len) { delivered += len; };
    h.control = [](int opcode, const QByteArray &payload) {
      if (payload.size() > 125 || (opcode != kWsClose && opcode != kWsPing && opcode != kWsPong))
        __builtin_trap();
    };
    for (qint64 at = 0; at < n; at += qint64(step))
      if (!d.feed(p + at, qMin<qint64>(qint64(step), n - at), h)) break;
    if (delivered > n) __builtin_trap();
  }

  // 2. The input as payloads of frames of varying sizes, decoded in chunks: exact round trip.
  {
    QByteArray wire;
    const unsigned char mask[4] = {data[0], data[1], 0x5a, 0xa5};
    QByteArray expected;
    for (qint64 at = 0; at < n;) {
      const qint64 len = qMin<qint64>(n - at, 1 + (static_cast<unsigned char>(p[at]) * 3));
      appendWsFrame(wire, kWsBinary, p + at, len, fromClient ? mask : nullptr);
      expected.append(p + at, len);
      at += len;
      if (static_cast<unsigned char>(p[at - 1]) % 7 == 0)
        appendWsFrame(wire, kWsPing, "pp", 2, fromClient ? mask : nullptr);
    }
    WsFrameDecoder d(fromClient);
    QByteArray got;
    WsFrameDecoder::Handler h;
    h.data = [&](const char *d2, qint64 len) { got.append(d2, len); };
    for (qint64 at = 0; at < wire.size(); at += qint64(step))
      if (!d.feed(wire.constData() + at, qMin<qint64>(qint64(step), wire.size() - at), h))
        __builtin_trap();
    if (got != expected) __builtin_trap();
  }
  return 0;
}
