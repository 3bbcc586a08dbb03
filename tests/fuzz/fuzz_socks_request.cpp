// libFuzzer target for agent::SocksHandshake (Qt-free). The first input byte chooses the piece
// size; the rest is fed as a client would send it, replies consumed as the proxy does. Fed
// whole and fed in pieces, the handshake must end the same way with the same target, never
// consume more than it was given, and answer only with replies of a valid SOCKS shape.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "agent/proxy/sockshandshake.h"

using routeless::agent::SocksHandshake;

namespace {

struct Outcome {
  SocksHandshake::Status status = SocksHandshake::Status::NeedMore;
  std::string replies;
  std::string host;
  uint16_t port = 0;
  size_t payloadStart = 0;  // where the bytes after the handshake begin in the input
};

Outcome run(std::string_view input, size_t piece) {
  SocksHandshake h;
  Outcome o;
  std::string buffer;
  size_t consumedTotal = 0;
  for (size_t i = 0; i < input.size(); i += piece) {
    buffer.append(input.substr(i, piece));
    for (;;) {
      const SocksHandshake::Step s = h.feed(buffer);
      if (s.consumed > buffer.size()) std::abort();
      o.status = s.status;
      if (s.status == SocksHandshake::Status::Reply) {
        if (s.reply.size() != 2 || s.reply[0] != 5) std::abort();
        o.replies += s.reply;
        buffer.erase(0, s.consumed);
        consumedTotal += s.consumed;
        continue;
      }
      if (s.status == SocksHandshake::Status::Failed) {
        if (!s.reply.empty() && s.reply.size() != 2 && s.reply.size() != 8 && s.reply.size() != 10)
          std::abort();
        if (s.error.empty()) std::abort();
        o.replies += s.reply;
        return o;
      }
      if (s.status == SocksHandshake::Status::Done) {
        if (h.host().empty() || h.host().size() > 255 || h.port() == 0) std::abort();
        o.host = h.host();
        o.port = h.port();
        o.payloadStart = consumedTotal + s.consumed;
        return o;
      }
      break;
    }
    if (buffer.size() > SocksHandshake::kMaxHandshake + piece) return o;  // the proxy gives up
  }
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  const size_t piece = size_t(data[0] % 16) + 1;
  const std::string_view input(reinterpret_cast<const char *>(data) + 1, size - 1);
  if (input.size() > 4 * SocksHandshake::kMaxHandshake) return 0;
  const Outcome whole = run(input, input.size() ? input.size() : 1);
  const Outcome pieces = run(input, piece);
  if (whole.status == SocksHandshake::Status::Done ||
      pieces.status == SocksHandshake::Status::Done) {
    if (whole.status != pieces.status || whole.host != pieces.host || whole.port != pieces.port ||
        whole.payloadStart != pieces.payloadStart || whole.replies != pieces.replies)
      std::abort();
  }
  return 0;
}
