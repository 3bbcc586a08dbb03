// libFuzzer target: a hostile server's text/event-stream. The decoder must never crash or
// grow past its limit, and how the bytes are chunked must not change the events it returns.
#include <cstddef>
#include <cstdint>

#include "master/ssedecoder.h"

using routeless::master::SseDecoder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
  SseDecoder whole(4096);
  const QList<QByteArray> expected = whole.feed(input);
  for (const QByteArray &e : expected)
    if (e.size() > 4096) __builtin_trap();
  // The same bytes in chunks whose sizes come from the input itself.
  SseDecoder chunked(4096);
  QList<QByteArray> got;
  qsizetype at = 0;
  while (at < input.size()) {
    const qsizetype n = qMin<qsizetype>(1 + (uint8_t(input[at]) % 7), input.size() - at);
    got += chunked.feed(input.sliced(at, n));
    at += n;
  }
  if (got != expected || chunked.failed() != whole.failed()) __builtin_trap();
  return 0;
}
