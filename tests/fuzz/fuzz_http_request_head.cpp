// libFuzzer target: the bytes a hostile client sends to the master's HTTP server, through the
// same two steps the server takes (find where the head ends, then parse it strictly). Neither may
// crash, a found head must lie within the limits, and an accepted head must hold only what the
// parser promises (an upper-case method, an origin-form target, token header names, values
// without CR/LF/NUL, a non-negative length).
#include <cstddef>
#include <cstdint>

#include "master/requesthead.h"

using namespace routeless::master;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
  const RequestHeadLimits limits{256, 1024, 16};
  const RequestHeadBoundary boundary = findRequestHead(input, limits);
  if (boundary.status != 0 && boundary.status != 414 && boundary.status != 431) __builtin_trap();
  if (boundary.end < 0 || boundary.end > qMin(input.size(), maxRequestHeadBytes(limits)))
    __builtin_trap();
  // Parse the found head, or the whole input as if it were one.
  const QByteArrayView head =
      boundary.end > 0 ? input.first(boundary.end - 4) : input.first(qMin<qsizetype>(size, 2048));
  HttpRequest r;
  const RequestHeadResult res = parseRequestHead(head, limits, &r);
  if (res.status != 0) {
    if (res.reason.isEmpty() || !r.method.isEmpty()) __builtin_trap();
    return 0;
  }
  if (r.method.isEmpty() || !r.target.startsWith('/') || r.contentLength < 0) __builtin_trap();
  for (char c : r.method)
    if (c < 'A' || c > 'Z') __builtin_trap();
  if (r.version != "HTTP/1.1" && r.version != "HTTP/1.0") __builtin_trap();
  int lengths = 0;
  for (const auto &h : r.headers) {
    if (h.first.isEmpty() || h.first != h.first.toLower()) __builtin_trap();
    if (h.second.contains('\r') || h.second.contains('\n') || h.second.contains('\0'))
      __builtin_trap();
    lengths += h.first == "content-length" ? 1 : 0;
    if (h.first == "transfer-encoding") __builtin_trap();
  }
  if (lengths > 1 || r.headers.size() > limits.maxHeaders) __builtin_trap();
  return 0;
}
