// libFuzzer target: any bytes as what a WebSocket client sends after the upgrade. The decoder
// must never crash nor hand out more than its limit, must give the same messages and the same
// verdict in any chunking, and must hand out text only as valid UTF-8.
#include <cstddef>
#include <cstdint>

#include "net/wsframes.h"

using namespace routeless::net;

namespace {
bool sameMessages(const QList<WsMessage> &a, const QList<WsMessage> &b) {
  if (a.size() != b.size()) return false;
  for (qsizetype i = 0; i < a.size(); ++i)
    if (a[i].opcode != b[i].opcode || a[i].payload != b[i].payload ||
        a[i].closeCode != b[i].closeCode)
      return false;
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
  constexpr qint64 kMax = 4096;
  WsFrameDecoder whole(kMax);
  QList<WsMessage> expected;
  const bool ok = whole.feed(input, &expected);
  if (ok == whole.failed()) __builtin_trap();
  if (whole.failed() && whole.errorCode() != wsclose::kProtocolError &&
      whole.errorCode() != wsclose::kInvalidPayload && whole.errorCode() != wsclose::kTooBig)
    __builtin_trap();
  for (const WsMessage &m : expected) {
    if (m.payload.size() > kMax) __builtin_trap();
    if (m.opcode == WsOpcode::Text && !isValidUtf8(m.payload)) __builtin_trap();
    if ((m.opcode == WsOpcode::Ping || m.opcode == WsOpcode::Pong) && m.payload.size() > 125)
      __builtin_trap();
  }
  WsFrameDecoder chunked(kMax);
  QList<WsMessage> got;
  qsizetype at = 0;
  bool chunkedOk = true;
  while (at < input.size() && chunkedOk) {
    const qsizetype n = qMin<qsizetype>(1 + (uint8_t(input[at]) % 11), input.size() - at);
    chunkedOk = chunked.feed(input.sliced(at, n), &got);
    at += n;
  }
  if (chunkedOk != ok || !sameMessages(got, expected) || chunked.errorCode() != whole.errorCode())
    __builtin_trap();
  return 0;
}
