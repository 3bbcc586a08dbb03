#include "agent/proxy/sockshandshake.h"

namespace routeless::agent {
namespace {

uint8_t byteAt(std::string_view d, size_t i) { return static_cast<uint8_t>(d[i]); }
uint16_t be16(std::string_view d, size_t i) {
  return uint16_t((byteAt(d, i) << 8) | byteAt(d, i + 1));
}

std::string dottedQuad(std::string_view d, size_t i) {
  return std::to_string(byteAt(d, i)) + "." + std::to_string(byteAt(d, i + 1)) + "." +
         std::to_string(byteAt(d, i + 2)) + "." + std::to_string(byteAt(d, i + 3));
}

SocksHandshake::Step failed(std::string reply, std::string error) {
  SocksHandshake::Step s;
  s.status = SocksHandshake::Status::Failed;
  s.reply = std::move(reply);
  s.error = std::move(error);
  return s;
}

// A name as a SOCKS client may send it: printable ASCII without spaces, nothing empty.
bool plausibleName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      return false;
  return true;
}

std::string socks5Reply(uint8_t code) {
  // BND.ADDR/BND.PORT: 0.0.0.0:0, as the proxy does not expose its outgoing address.
  return std::string("\x05", 1) + char(code) + std::string("\x00\x01\x00\x00\x00\x00\x00\x00", 8);
}

}  // namespace

SocksHandshake::Step SocksHandshake::feed(std::string_view data) {
  if (data.empty()) return {};
  if (m_version == 0) {
    const uint8_t v = byteAt(data, 0);
    if (v != 4 && v != 5)
      return failed({}, "not a SOCKS 4 or 5 client (first byte " + std::to_string(v) + ")");
    m_version = v;
  }
  if (m_version == 4) return feed4(data);
  if (!m_methodChosen) {
    if (data.size() < 2) return {};
    const size_t n = byteAt(data, 1);
    if (n == 0) return failed(std::string("\x05\xff", 2), "SOCKS5 client offers no method");
    if (data.size() < 2 + n) return {};
    bool noAuth = false;
    for (size_t i = 0; i < n; ++i) noAuth |= byteAt(data, 2 + i) == 0x00;
    if (!noAuth)
      return failed(std::string("\x05\xff", 2),
                    "SOCKS5 client does not offer \"no authentication\", the only method served");
    m_methodChosen = true;
    Step s;
    s.status = Status::Reply;
    s.consumed = 2 + n;
    s.reply = std::string("\x05\x00", 2);
    return s;
  }
  return feed5Request(data);
}

SocksHandshake::Step SocksHandshake::feed4(std::string_view data) {
  // VN CD DSTPORT(2) DSTIP(4) USERID NUL [HOSTNAME NUL]
  if (data.size() < 9) {
    if (data.size() > kMaxHandshake) return failed({}, "SOCKS4 request too long");
    return {};
  }
  const uint8_t cd = byteAt(data, 1);
  const size_t userEnd = data.find('\0', 8);
  if (userEnd == std::string_view::npos) {
    if (data.size() - 8 > 255)
      return failed(failureReply(), "SOCKS4 user id longer than 255 bytes");
    return {};
  }
  if (userEnd - 8 > 255) return failed(failureReply(), "SOCKS4 user id longer than 255 bytes");
  size_t end = userEnd + 1;
  m_port = be16(data, 2);
  // SOCKS4a: 0.0.0.x with x != 0 means a name follows the user id.
  if (byteAt(data, 4) == 0 && byteAt(data, 5) == 0 && byteAt(data, 6) == 0 &&
      byteAt(data, 7) != 0) {
    const size_t nameEnd = data.find('\0', end);
    if (nameEnd == std::string_view::npos) {
      if (data.size() - end > 255)
        return failed(failureReply(), "SOCKS4a host name longer than 255 bytes");
      return {};
    }
    if (nameEnd - end > 255)
      return failed(failureReply(), "SOCKS4a host name longer than 255 bytes");
    m_host.assign(data.substr(end, nameEnd - end));
    end = nameEnd + 1;
    if (!plausibleName(m_host)) return failed(failureReply(), "SOCKS4a host name is not a name");
  } else {
    m_host = dottedQuad(data, 4);
  }
  if (cd != 0x01)
    return failed(failureReply(),
                  "SOCKS4 command " + std::to_string(cd) + " not supported (CONNECT only)");
  if (m_port == 0) return failed(failureReply(), "SOCKS4 request for port 0");
  Step s;
  s.status = Status::Done;
  s.consumed = end;
  return s;
}

SocksHandshake::Step SocksHandshake::feed5Request(std::string_view data) {
  // VER CMD RSV ATYP DST.ADDR DST.PORT
  if (data.size() < 5) return {};
  if (byteAt(data, 0) != 5)
    return failed(socks5Reply(kGeneralFailure),
                  "SOCKS5 request with version " + std::to_string(byteAt(data, 0)));
  const uint8_t cmd = byteAt(data, 1);
  const uint8_t atyp = byteAt(data, 3);
  size_t need = 0;
  if (atyp == 0x01) {
    need = 4 + 4 + 2;
  } else if (atyp == 0x03) {
    need = 4 + 1 + size_t(byteAt(data, 4)) + 2;
  } else if (atyp == 0x04) {
    return failed(socks5Reply(kAddressTypeNotSupported),
                  "SOCKS5 IPv6 destinations are not supported");
  } else {
    return failed(socks5Reply(kAddressTypeNotSupported),
                  "SOCKS5 address type " + std::to_string(atyp) + " unknown");
  }
  if (cmd != 0x01)
    return failed(socks5Reply(kCommandNotSupported),
                  "SOCKS5 command " + std::to_string(cmd) + " not supported (CONNECT only)");
  if (data.size() < need) return {};
  if (atyp == 0x01) {
    m_host = dottedQuad(data, 4);
  } else {
    m_host.assign(data.substr(5, byteAt(data, 4)));
    if (!plausibleName(m_host))
      return failed(socks5Reply(kGeneralFailure), "SOCKS5 host name is not a name");
  }
  m_port = be16(data, need - 2);
  if (m_port == 0) return failed(socks5Reply(kGeneralFailure), "SOCKS5 request for port 0");
  Step s;
  s.status = Status::Done;
  s.consumed = need;
  return s;
}

std::string SocksHandshake::successReply() const {
  if (m_version == 4) return std::string("\x00\x5a\x00\x00\x00\x00\x00\x00", 8);
  return socks5Reply(0x00);
}

std::string SocksHandshake::failureReply(uint8_t socks5Code) const {
  if (m_version == 4) return std::string("\x00\x5b\x00\x00\x00\x00\x00\x00", 8);
  return socks5Reply(socks5Code);
}

}  // namespace routeless::agent
