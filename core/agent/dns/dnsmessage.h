#pragma once
// The small DNS codec the agent needs (RFC 1035): a query's header and single question, A
// answers written as NoRouter's built-in DNS writes them, A records read back from a reply,
// and everything else carried as opaque bytes with only the ID rewritten. It never resolves
// anything and never accepts a name longer than DNS allows or a compression pointer loop.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace routeless::agent::dns {

inline constexpr size_t kHeaderSize = 12;
inline constexpr size_t kMaxUdpMessage = 512;    // RFC 1035 4.2.1, no EDNS
inline constexpr size_t kMaxTcpMessage = 65535;  // the 2-byte length prefix
inline constexpr size_t kMaxLabel = 63;
inline constexpr size_t kMaxName = 255;  // wire form, root label included
inline constexpr uint16_t kTypeA = 1;
inline constexpr uint16_t kClassIn = 1;
inline constexpr uint16_t kFlagResponse = 0x8000;
inline constexpr uint16_t kFlagTruncated = 0x0200;
inline constexpr uint16_t kFlagRecursionDesired = 0x0100;
inline constexpr uint16_t kFlagCheckingDisabled = 0x0010;
inline constexpr uint8_t kRcodeFormErr = 1;

struct Header {
  uint16_t id = 0;
  uint16_t flags = 0;
  uint16_t qdCount = 0;
  uint16_t anCount = 0;
  uint16_t nsCount = 0;
  uint16_t arCount = 0;
  bool isResponse() const { return flags & kFlagResponse; }
  uint8_t opcode() const { return uint8_t((flags >> 11) & 0x0F); }
  uint8_t rcode() const { return uint8_t(flags & 0x0F); }
};

struct Question {
  std::string wireName;     // uncompressed wire form, case kept, root label included
  std::string name;         // dotted, lower case, no trailing dot ("" for the root)
  bool nameIsPlain = true;  // false when a label holds a '.', which the dotted form cannot say
  uint16_t type = 0;
  uint16_t qclass = 0;
};

// A query as far as the agent looks at it: the header and the first question.
struct Query {
  Header header;
  std::optional<Question> question;  // absent when qdCount is 0
};

std::optional<Header> parseHeader(std::string_view message);
// Reads the header and the first question; nullopt with *error for anything malformed.
std::optional<Query> parseQuery(std::string_view message, std::string *error);

// A name read at `offset` (compression pointers followed, loops and overlong names refused):
// the dotted lower-case form, its uncompressed wire form, and where the name ends in place.
bool readName(std::string_view message, size_t offset, std::string *dotted, std::string *wire,
              size_t *end, bool *plain, std::string *error);
// "a.b" -> the wire form; nullopt for empty labels or labels/names that are too long.
std::optional<std::string> encodeName(std::string_view dotted);

// NoRouter's reply (miekg/dns SetReply): QR set, opcode, RD and CD copied, RCODE 0, the
// question echoed, one A record per address with the question's name uncompressed and TTL 0.
// An empty `addresses` gives the empty NOERROR reply. Addresses are host order.
std::string encodeAReply(const Query &query, const std::vector<uint32_t> &addresses,
                         uint32_t ttl = 0);
// A FORMERR reply to a message whose header could be read: no question echoed.
std::string encodeFormErr(const Header &header);
// An A/IN query with RD set, as dig sends it (no EDNS).
std::string encodeAQuery(uint16_t id, std::string_view dotted);

// The A records of a reply to query `id`; nullopt with *error when it is not a reply to it,
// is malformed, or carries an error RCODE. An empty vector is a reply with no A record.
std::optional<std::vector<uint32_t>> parseAReply(std::string_view message, uint16_t id,
                                                 std::string *error);

// Rewrites the ID of a message in place (pass-through of upstream replies).
void setId(std::string &message, uint16_t id);

// DNS over TCP: messages with a 2-byte big-endian length prefix, read from a byte stream.
class TcpMessageReader {
 public:
  // Appends bytes; false once the stream is broken (a zero length, more than `maxBuffered`
  // bytes buffered), after which the connection must be closed.
  bool append(const char *data, size_t size);
  // The next whole message, if one is complete.
  std::optional<std::string> next();
  size_t buffered() const { return m_buffer.size() - m_offset; }
  bool broken() const { return m_broken; }
  static constexpr size_t kMaxBuffered = 2 * (kMaxTcpMessage + 2);

 private:
  std::string m_buffer;
  size_t m_offset = 0;
  bool m_broken = false;
};
// The 2-byte length prefix and the message; nullopt when it does not fit in 65535 bytes.
std::optional<std::string> frameForTcp(std::string_view message);

}  // namespace routeless::agent::dns
