// libFuzzer target: any bytes as an HTTP request head. The parser must never crash, never take
// more than its limits, give the same verdict in any chunking, and hand out only what its rules
// allow (lower-case token names, values without CR, LF or NUL, one Host, a digits-only length).
#include <cstddef>
#include <cstdint>

#include "net/httphead.h"

using routeless::net::HttpHeadLimits;
using routeless::net::HttpRequestHeadParser;
using State = HttpRequestHeadParser::State;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
  const HttpHeadLimits limits{256, 1024, 16};
  HttpRequestHeadParser whole(limits);
  qsizetype used = 0;
  const State s = whole.feed(input, &used);
  if (used > input.size() || whole.headBytes() > limits.maxHeadBytes) __builtin_trap();
  if (s == State::Failed && (whole.errorStatus() < 400 || whole.errorText().isEmpty()))
    __builtin_trap();
  if (s == State::Done) {
    const auto &h = whole.head();
    if (h.method.isEmpty() || h.target.isEmpty() || h.fields.size() > limits.maxFields)
      __builtin_trap();
    if (h.fieldCount("host") > 1) __builtin_trap();
    for (const auto &[name, value] : h.fields) {
      if (name.isEmpty() || name != name.toLower()) __builtin_trap();
      if (value.contains('\r') || value.contains('\n') || value.contains('\0')) __builtin_trap();
    }
  }
  // The same bytes in chunks whose sizes come from the input itself.
  HttpRequestHeadParser chunked(limits);
  qsizetype at = 0;
  State c = State::NeedMore;
  while (at < input.size() && c == State::NeedMore) {
    const qsizetype n = qMin<qsizetype>(1 + (uint8_t(input[at]) % 13), input.size() - at);
    qsizetype took = 0;
    c = chunked.feed(input.sliced(at, n), &took);
    at += took;
  }
  if (c != s || chunked.headBytes() != whole.headBytes()) __builtin_trap();
  if (s == State::Done && chunked.head().fields != whole.head().fields) __builtin_trap();
  if (s == State::Failed && chunked.errorStatus() != whole.errorStatus()) __builtin_trap();
  return 0;
}
