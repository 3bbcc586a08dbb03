// libFuzzer target for core/agent/dns/dnsmessage.cpp: any bytes as a query (header, question,
// compression pointers), as a reply to read A records from, and as a DNS-over-TCP stream.
// Whatever parses must re-encode into a reply that parses again.
#include <cstddef>
#include <cstdint>
#include <string>

#include "agent/dns/dnsmessage.h"

using namespace routeless::agent::dns;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string input(reinterpret_cast<const char *>(data), size);
  std::string error;
  if (const auto query = parseQuery(input, &error)) {
    const std::string reply = encodeAReply(*query, {0x7F002A01, 0x0A000001});
    if (query->question && query->question->wireName.size() > kMaxName) __builtin_trap();
    const auto addresses = parseAReply(reply, query->header.id, &error);
    if (query->question && (!addresses || addresses->size() != 2)) __builtin_trap();
    (void)encodeFormErr(query->header);
  }
  if (size >= 2) (void)parseAReply(input, uint16_t((data[0] << 8) | data[1]), &error);
  TcpMessageReader reader;
  const size_t half = size / 2;
  if (reader.append(input.data(), half) && reader.append(input.data() + half, size - half)) {
    while (const auto message = reader.next()) {
      const auto framed = frameForTcp(*message);
      if (!framed || framed->size() != message->size() + 2) __builtin_trap();
    }
  }
  return 0;
}
