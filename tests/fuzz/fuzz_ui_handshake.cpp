// libFuzzer target: any bytes as a UI protocol upgrade request, through the HTTP head parser
// and the handshake judgement. Never a crash; only the statuses the protocol names; a 101 only
// for a request that carries the right token and, if it has an Origin, an allowed one (judged
// again with another token or no allowed origin, it must not pass); refusals well-formed.
#include <cstddef>
#include <cstdint>

#include "control/uihandshake.h"
#include "net/httphead.h"

using namespace routeless;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  net::HttpRequestHeadParser parser;
  if (parser.feed(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size))) !=
      net::HttpRequestHeadParser::State::Done)
    return 0;
  const net::HttpRequestHead &head = parser.head();
  control::UiAccessPolicy policy;
  policy.token = "0123456789abcdef0123456789abcdef";
  policy.port = 5333;
  policy.allowedOrigins.append(*control::WebOrigin::parse("http://localhost:8080"));
  const control::UiHandshakeVerdict v = control::judgeUiHandshake(head, policy);
  switch (v.status) {
    case 101:
    case 400:
    case 401:
    case 403:
    case 405:
    case 426:
      break;
    default:
      __builtin_trap();
  }
  if (v.reason.isEmpty() || v.reason.contains('\r') || v.reason.contains('\n')) __builtin_trap();
  const QByteArray response = control::uiHandshakeResponse(v);
  if (!response.startsWith("HTTP/1.1 " + QByteArray::number(v.status) + ' ') ||
      !response.contains("\r\n\r\n"))
    __builtin_trap();
  if (v.status == 101) {
    if (v.acceptKey.size() != 28) __builtin_trap();
    control::UiAccessPolicy other = policy;
    other.token = "fedcba9876543210fedcba9876543210";
    if (control::judgeUiHandshake(head, other).status == 101) __builtin_trap();
    other = policy;
    other.token.clear();
    if (control::judgeUiHandshake(head, other).status == 101) __builtin_trap();
    other = policy;
    other.allowedOrigins.clear();
    if (head.hasField("origin") && control::judgeUiHandshake(head, other).status == 101)
      __builtin_trap();
    other = policy;
    other.port = 5334;
    if (control::judgeUiHandshake(head, other).status == 101) __builtin_trap();
  }
  return 0;
}
