// libFuzzer target: the HTTP head parser of the WebSocket upgrade (requests and responses) and
// the datagram-framing offer/answer detection built on it; nothing may crash or read past the
// input, and a parsed head never claims more bytes than it was given.
#include <cstddef>
#include <cstdint>

#include "nodepass/datagramframing.h"
#include "nodepass/httphead.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  for (bool response : {false, true}) {
    HttpHead head;
    QString error;
    if (parseHttpHead(input, response, &head, &error) == HeadStatus::Done) {
      if (head.headLength > input.size() || head.headLength > kMaxHttpHeadBytes) __builtin_trap();
      if (head.headers.size() > kMaxHttpHeaders) __builtin_trap();
      (void)head.header("Sec-WebSocket-Key");
      (void)head.headerHasToken("Connection", "upgrade");
    }
  }
  (void)offersDatagrams(input);
  (void)answersDatagrams(input);
  // Adding the offer to a head keeps it parseable as before and makes it detectable.
  HttpHead before;
  QString error;
  if (parseHttpHead(input, false, &before, &error) == HeadStatus::Done &&
      before.header(kDatagramHeader).isEmpty()) {
    if (!offersDatagrams(withDatagramOffer(input))) __builtin_trap();
  }
  return 0;
}
