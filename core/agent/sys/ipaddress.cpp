// The platform-independent half of sys/socket.h: address parsing and formatting.
#include <cstdio>

#include "agent/sys/socket.h"

namespace routeless::agent {

std::optional<uint32_t> parseIpv4(std::string_view text) {
  uint32_t ip = 0;
  int parts = 0;
  size_t i = 0;
  while (parts < 4) {
    uint32_t v = 0;
    size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 4) {
      v = v * 10 + uint32_t(text[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || digits > 3 || v > 255) return std::nullopt;
    ip = (ip << 8) | v;
    ++parts;
    if (parts < 4) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != text.size()) return std::nullopt;
  return ip;
}

std::string formatIpv4(uint32_t ip) {
  char text[16];
  snprintf(text, sizeof text, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xFF, (ip >> 8) & 0xFF,
           ip & 0xFF);
  return text;
}

IpAddress IpAddress::v4(uint32_t hostOrder) {
  IpAddress a;
  a.family = Family::V4;
  a.bytes[0] = uint8_t(hostOrder >> 24);
  a.bytes[1] = uint8_t(hostOrder >> 16);
  a.bytes[2] = uint8_t(hostOrder >> 8);
  a.bytes[3] = uint8_t(hostOrder);
  return a;
}

uint32_t IpAddress::v4HostOrder() const {
  return (uint32_t(bytes[0]) << 24) | (uint32_t(bytes[1]) << 16) | (uint32_t(bytes[2]) << 8) |
         bytes[3];
}

bool IpAddress::operator==(const IpAddress &o) const {
  const size_t n = family == Family::V4 ? 4 : 16;
  if (family != o.family) return false;
  for (size_t i = 0; i < n; ++i)
    if (bytes[i] != o.bytes[i]) return false;
  return true;
}

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 4291 text form: groups of 1-4 hex digits, at most one "::", an optional trailing
// dotted quad. No zone ids.
std::optional<IpAddress> parseIpv6(std::string_view t) {
  uint16_t head[8], tail[8];
  int nHead = 0, nTail = 0;
  bool gap = false;
  size_t i = 0;
  if (t.size() >= 2 && t[0] == ':' && t[1] == ':') {
    gap = true;
    i = 2;
  } else if (!t.empty() && t[0] == ':') {
    return std::nullopt;
  }
  while (i < t.size()) {
    uint16_t *groups = gap ? tail : head;
    int &n = gap ? nTail : nHead;
    if (nHead + nTail >= 8) return std::nullopt;
    // A trailing IPv4 part takes two groups.
    const size_t nextColon = t.find(':', i);
    const std::string_view piece =
        t.substr(i, nextColon == std::string_view::npos ? std::string_view::npos : nextColon - i);
    if (piece.find('.') != std::string_view::npos) {
      if (nextColon != std::string_view::npos || nHead + nTail > 6) return std::nullopt;
      const auto v4 = parseIpv4(piece);
      if (!v4) return std::nullopt;
      groups[n++] = uint16_t(*v4 >> 16);
      groups[n++] = uint16_t(*v4 & 0xFFFF);
      i = t.size();
      break;
    }
    if (piece.empty() || piece.size() > 4) return std::nullopt;
    uint16_t v = 0;
    for (char c : piece) {
      const int h = hexValue(c);
      if (h < 0) return std::nullopt;
      v = uint16_t((v << 4) | h);
    }
    groups[n++] = v;
    i += piece.size();
    if (i == t.size()) break;
    ++i;  // the ':'
    if (i < t.size() && t[i] == ':') {
      if (gap) return std::nullopt;
      gap = true;
      ++i;
    } else if (i == t.size()) {
      return std::nullopt;  // a single trailing ':'
    }
  }
  if (gap ? nHead + nTail > 7 : nHead != 8) return std::nullopt;
  IpAddress a;
  a.family = IpAddress::Family::V6;
  uint16_t all[8] = {};
  for (int k = 0; k < nHead; ++k) all[k] = head[k];
  for (int k = 0; k < nTail; ++k) all[8 - nTail + k] = tail[k];
  for (int k = 0; k < 8; ++k) {
    a.bytes[2 * k] = uint8_t(all[k] >> 8);
    a.bytes[2 * k + 1] = uint8_t(all[k]);
  }
  return a;
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (const auto v4 = parseIpv4(text)) return IpAddress::v4(*v4);
  if (text.find(':') != std::string_view::npos) return parseIpv6(text);
  return std::nullopt;
}

std::string IpAddress::toString() const {
  if (family == Family::V4) return formatIpv4(v4HostOrder());
  // RFC 5952: lower case, the longest run of two or more zero groups shortened to "::".
  uint16_t g[8];
  for (int k = 0; k < 8; ++k) g[k] = uint16_t((bytes[2 * k] << 8) | bytes[2 * k + 1]);
  int bestAt = -1, bestLen = 1;
  for (int k = 0; k < 8;) {
    if (g[k] != 0) {
      ++k;
      continue;
    }
    int len = 0;
    while (k + len < 8 && g[k + len] == 0) ++len;
    if (len > bestLen) {
      bestAt = k;
      bestLen = len;
    }
    k += len;
  }
  std::string out;
  char part[8];
  for (int k = 0; k < 8; ++k) {
    if (k == bestAt) {
      out += "::";
      k += bestLen - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    snprintf(part, sizeof part, "%x", g[k]);
    out += part;
  }
  return out;
}

std::optional<HostPortText> splitHostPort(std::string_view text) {
  HostPortText out;
  std::string_view host = text;
  std::string_view port;
  bool colon = false;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = text.substr(1, close - 1);
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      colon = true;
      port = rest.substr(1);
    }
  } else {
    const size_t at = text.rfind(':');
    if (at != std::string_view::npos) {
      colon = true;
      host = text.substr(0, at);
      port = text.substr(at + 1);
    }
    if (host.find(':') != std::string_view::npos) return std::nullopt;
  }
  if (host.find_first_of("[]") != std::string_view::npos) return std::nullopt;
  if (colon) {
    if (port.empty() || port.size() > 5) return std::nullopt;
    uint32_t value = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + uint32_t(c - '0');
    }
    if (value > 65535) return std::nullopt;
    out.hasPort = true;
    out.port = uint16_t(value);
  }
  out.host.assign(host);
  return out;
}

}  // namespace routeless::agent
