#include "agent/dns/dnsmessage.h"

namespace routeless::agent::dns {
namespace {

uint16_t be16(std::string_view m, size_t at) {
  return uint16_t((uint8_t(m[at]) << 8) | uint8_t(m[at + 1]));
}
void put16(std::string &out, uint16_t v) {
  out.push_back(char(v >> 8));
  out.push_back(char(v & 0xFF));
}
void put32(std::string &out, uint32_t v) {
  put16(out, uint16_t(v >> 16));
  put16(out, uint16_t(v & 0xFFFF));
}
void putHeader(std::string &out, const Header &h) {
  put16(out, h.id);
  put16(out, h.flags);
  put16(out, h.qdCount);
  put16(out, h.anCount);
  put16(out, h.nsCount);
  put16(out, h.arCount);
}
char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

// Skips one resource record at *at; false when it runs past the end.
bool skipRecord(std::string_view m, size_t *at, uint16_t *type, uint16_t *rclass,
                std::string_view *rdata, std::string *error) {
  std::string dotted, wire;
  size_t end = 0;
  bool plain = true;
  if (!readName(m, *at, &dotted, &wire, &end, &plain, error)) return false;
  if (end + 10 > m.size()) {
    *error = "record header past the end of the message";
    return false;
  }
  *type = be16(m, end);
  *rclass = be16(m, end + 2);
  const uint16_t length = be16(m, end + 8);
  if (end + 10 + length > m.size()) {
    *error = "record data past the end of the message";
    return false;
  }
  *rdata = m.substr(end + 10, length);
  *at = end + 10 + length;
  return true;
}

}  // namespace

std::optional<Header> parseHeader(std::string_view m) {
  if (m.size() < kHeaderSize) return std::nullopt;
  Header h;
  h.id = be16(m, 0);
  h.flags = be16(m, 2);
  h.qdCount = be16(m, 4);
  h.anCount = be16(m, 6);
  h.nsCount = be16(m, 8);
  h.arCount = be16(m, 10);
  return h;
}

bool readName(std::string_view m, size_t offset, std::string *dotted, std::string *wire,
              size_t *end, bool *plain, std::string *error) {
  dotted->clear();
  wire->clear();
  *plain = true;
  size_t at = offset;
  bool jumped = false;
  // Every pointer must go strictly backwards: no loop can form, and the walk ends.
  size_t lowestJump = offset;
  for (;;) {
    if (at >= m.size()) {
      *error = "name runs past the end of the message";
      return false;
    }
    const uint8_t length = uint8_t(m[at]);
    if ((length & 0xC0) == 0xC0) {
      if (at + 1 >= m.size()) {
        *error = "compression pointer runs past the end of the message";
        return false;
      }
      const size_t target = size_t(((length & 0x3F) << 8) | uint8_t(m[at + 1]));
      if (target >= lowestJump) {
        *error = "compression pointer does not point backwards (a loop)";
        return false;
      }
      if (!jumped) *end = at + 2;
      jumped = true;
      lowestJump = target;
      at = target;
      continue;
    }
    if (length & 0xC0) {
      *error = "unsupported label type";
      return false;
    }
    if (length == 0) {
      wire->push_back('\0');
      if (!jumped) *end = at + 1;
      if (wire->size() > kMaxName) {
        *error = "name longer than 255 bytes";
        return false;
      }
      return true;
    }
    if (at + 1 + length > m.size()) {
      *error = "label runs past the end of the message";
      return false;
    }
    if (wire->size() + 1 + length + 1 > kMaxName) {
      *error = "name longer than 255 bytes";
      return false;
    }
    const std::string_view label = m.substr(at + 1, length);
    wire->push_back(char(length));
    wire->append(label);
    if (!dotted->empty()) dotted->push_back('.');
    for (char c : label) {
      if (c == '.') *plain = false;
      dotted->push_back(lower(c));
    }
    at += 1 + length;
  }
}

std::optional<Query> parseQuery(std::string_view m, std::string *error) {
  const auto header = parseHeader(m);
  if (!header) {
    *error = "shorter than a DNS header";
    return std::nullopt;
  }
  Query q;
  q.header = *header;
  if (header->qdCount == 0) return q;
  Question question;
  size_t end = 0;
  if (!readName(m, kHeaderSize, &question.name, &question.wireName, &end, &question.nameIsPlain,
                error))
    return std::nullopt;
  if (end + 4 > m.size()) {
    *error = "question runs past the end of the message";
    return std::nullopt;
  }
  question.type = be16(m, end);
  question.qclass = be16(m, end + 2);
  q.question = std::move(question);
  return q;
}

std::optional<std::string> encodeName(std::string_view dotted) {
  if (!dotted.empty() && dotted.back() == '.') dotted.remove_suffix(1);
  std::string wire;
  size_t start = 0;
  while (!dotted.empty() && start <= dotted.size()) {
    const size_t dot = dotted.find('.', start);
    const size_t stop = dot == std::string_view::npos ? dotted.size() : dot;
    const size_t length = stop - start;
    if (length == 0 || length > kMaxLabel) return std::nullopt;
    wire.push_back(char(length));
    wire.append(dotted.substr(start, length));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  wire.push_back('\0');
  if (wire.size() > kMaxName) return std::nullopt;
  return wire;
}

std::string encodeAReply(const Query &query, const std::vector<uint32_t> &addresses, uint32_t ttl) {
  Header h;
  h.id = query.header.id;
  h.flags = uint16_t(kFlagResponse | (query.header.flags & 0x7800) |
                     (query.header.flags & (kFlagRecursionDesired | kFlagCheckingDisabled)));
  h.qdCount = query.question ? 1 : 0;
  h.anCount = query.question ? uint16_t(addresses.size()) : 0;
  std::string out;
  putHeader(out, h);
  if (!query.question) return out;
  const Question &question = *query.question;
  out += question.wireName;
  put16(out, question.type);
  put16(out, question.qclass);
  for (uint32_t address : addresses) {
    out += question.wireName;
    put16(out, kTypeA);
    put16(out, kClassIn);
    put32(out, ttl);
    put16(out, 4);
    put32(out, address);
  }
  return out;
}

std::string encodeFormErr(const Header &header) {
  Header h;
  h.id = header.id;
  h.flags = uint16_t(kFlagResponse | (header.flags & 0x7800) |
                     (header.flags & kFlagRecursionDesired) | kRcodeFormErr);
  std::string out;
  putHeader(out, h);
  return out;
}

std::string encodeAQuery(uint16_t id, std::string_view dotted) {
  const auto name = encodeName(dotted);
  if (!name) return std::string();
  Header h;
  h.id = id;
  h.flags = kFlagRecursionDesired;
  h.qdCount = 1;
  std::string out;
  putHeader(out, h);
  out += *name;
  put16(out, kTypeA);
  put16(out, kClassIn);
  return out;
}

std::optional<std::vector<uint32_t>> parseAReply(std::string_view m, uint16_t id,
                                                 std::string *error) {
  const auto header = parseHeader(m);
  if (!header) {
    *error = "reply shorter than a DNS header";
    return std::nullopt;
  }
  if (!header->isResponse() || header->id != id) {
    *error = "not a reply to this query";
    return std::nullopt;
  }
  if (header->rcode() != 0) {
    *error = "DNS error (RCODE " + std::to_string(header->rcode()) + ")";
    return std::nullopt;
  }
  size_t at = kHeaderSize;
  for (uint16_t i = 0; i < header->qdCount; ++i) {
    std::string dotted, wire;
    size_t end = 0;
    bool plain = true;
    if (!readName(m, at, &dotted, &wire, &end, &plain, error)) return std::nullopt;
    if (end + 4 > m.size()) {
      *error = "question runs past the end of the message";
      return std::nullopt;
    }
    at = end + 4;
  }
  std::vector<uint32_t> addresses;
  for (uint16_t i = 0; i < header->anCount; ++i) {
    uint16_t type = 0, rclass = 0;
    std::string_view rdata;
    if (!skipRecord(m, &at, &type, &rclass, &rdata, error)) return std::nullopt;
    if (type == kTypeA && rclass == kClassIn && rdata.size() == 4)
      addresses.push_back((uint32_t(be16(rdata, 0)) << 16) | be16(rdata, 2));
  }
  return addresses;
}

void setId(std::string &message, uint16_t id) {
  if (message.size() < 2) return;
  message[0] = char(id >> 8);
  message[1] = char(id & 0xFF);
}

bool TcpMessageReader::append(const char *data, size_t size) {
  if (m_broken) return false;
  if (m_offset > 0 && m_offset == m_buffer.size()) {
    m_buffer.clear();
    m_offset = 0;
  }
  if (buffered() + size > kMaxBuffered) {
    m_broken = true;
    return false;
  }
  m_buffer.append(data, size);
  return true;
}

std::optional<std::string> TcpMessageReader::next() {
  if (m_broken || buffered() < 2) return std::nullopt;
  const size_t length = be16(m_buffer, m_offset);
  if (length == 0) {
    m_broken = true;
    return std::nullopt;
  }
  if (buffered() < 2 + length) return std::nullopt;
  std::string message = m_buffer.substr(m_offset + 2, length);
  m_offset += 2 + length;
  if (m_offset > 65536) {  // keep the buffer from growing with a long-lived connection
    m_buffer.erase(0, m_offset);
    m_offset = 0;
  }
  return message;
}

std::optional<std::string> frameForTcp(std::string_view message) {
  if (message.empty() || message.size() > kMaxTcpMessage) return std::nullopt;
  std::string out;
  out.reserve(2 + message.size());
  put16(out, uint16_t(message.size()));
  out.append(message);
  return out;
}

}  // namespace routeless::agent::dns
