// libFuzzer target: the tunnel handshake on both sides (request head parsed by the server,
// response parsed by the client) with arbitrary bytes; neither may crash or accept a bad token.
#include <cstddef>
#include <cstdint>

#include "nodepass/protocol.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  const QByteArray token = tunnelToken("k3y");
  HttpRequestHead head;
  QString error;
  if (parseRequestHead(input, &head, &error) == ParseStatus::Done) {
    const HandshakeVerdict v = answerHandshake(head, token, HandshakeConfig{});
    if (v.status == 200 && head.authorization != "Bearer " + token) __builtin_trap();
  }
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
