// libFuzzer target: the HTTP response-head parser of the WebSocket pool client and of the
// datagram-framing answer in the tunnel handshake; nothing may crash or read past the input, and
// a parsed head never claims more bytes than it was given.
#include <cstddef>
#include <cstdint>

#include "nodepass/datagramframing.h"
#include "nodepass/httpresponsehead.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  HttpResponseHead head;
  QString error;
  if (parseHttpResponseHead(input, &head, &error) == HeadStatus::Done) {
    if (head.headLength > input.size() || head.headLength > kMaxResponseHeadBytes) __builtin_trap();
    if (head.headers.size() > kMaxResponseHeaders) __builtin_trap();
    if (head.status < 100 || head.status > 599) __builtin_trap();
    (void)head.header("Sec-WebSocket-Accept");
    // Adding the datagram answer keeps it a valid head and makes it detectable.
    // (when the added line still fits the limits)
    // Only for a head as a server writes it (every line ends in CRLF, no bare CR or LF, the
    // head ends at the first blank line) and without the header at all: one sent empty stays
    // the first match, and the lenient parser may end a malformed head elsewhere.
    bool clean = head.headLength == input.indexOf("\r\n\r\n") + 4;
    for (qsizetype i = 0; clean && i < head.headLength; ++i) {
      if (input[i] == '\r') clean = i + 1 < head.headLength && input[i + 1] == '\n';
      if (input[i] == '\n') clean = i > 0 && input[i - 1] == '\r';
    }
    bool named = !clean;
    for (const auto &[name, value] : head.headers)
      named = named || name.compare(QByteArray(kDatagramHeader), Qt::CaseInsensitive) == 0;
    if (!named && head.headers.size() < kMaxResponseHeaders &&
        head.headLength + 64 < kMaxResponseHeadBytes &&
        !answersDatagrams(withDatagramAnswer(input)))
      __builtin_trap();
  }
  (void)answersDatagrams(input);
  (void)offersDatagrams(input);
  return 0;
}
