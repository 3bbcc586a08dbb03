// libFuzzer target: the tunnel handshake on both sides (request head parsed by the server,
// response parsed by the client) with arbitrary bytes; neither may crash or accept a bad token.
#include <cstddef>
#include <cstdint>

#include "nodepass/protocol.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  const QByteArray token = tunnelToken("k3y");
  QString error;
  routeless::net::HttpRequestHeadParser parser(handshakeHeadLimits());
  if (parser.feed(input) == routeless::net::HttpRequestHeadParser::State::Done) {
    const HandshakeVerdict v = answerHandshake(parser.head(), token, HandshakeConfig{});
    if (v.status == 200 && parser.head().field("authorization") != "Bearer " + token)
      __builtin_trap();
  }
  (void)mayStartRequest(input);
  HttpResponse response;
  qsizetype consumed = -1;
  if (parseHttpResponse(input, false, &response, &consumed, &error) == ParseStatus::Done &&
      (consumed < 0 || consumed > input.size() || response.body.size() > kMaxBodyBytes))
    __builtin_trap();
  int status = 0;
  HandshakeConfig config;
  (void)parseHandshakeResponse(input, false, &status, &config, &error);
  (void)parseHandshakeResponse(input, true, &status, &config, &error);
  return 0;
}
