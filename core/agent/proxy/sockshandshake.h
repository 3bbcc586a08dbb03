#pragma once
// The client side of a SOCKS 4, 4a or 5 handshake read from bytes (no I/O): no authentication,
// CONNECT only, IPv4 addresses and domain names; it says what to answer at each step. It
// never accepts a target it did not fully read, and bounds every field (names <= 255 bytes).

#include <cstdint>
#include <string>
#include <string_view>

namespace routeless::agent {

class SocksHandshake {
 public:
  enum class Status {
    NeedMore,  // nothing decided; feed more bytes
    Reply,     // send `reply`, drop `consumed` bytes, feed the rest (SOCKS5's method choice)
    Done,      // target() is known; drop `consumed` bytes (what follows is payload)
    Failed,    // send `reply` (may be empty) and close; `error` says why
  };
  struct Step {
    Status status = Status::NeedMore;
    size_t consumed = 0;
    std::string reply;
    std::string error;
  };
  // SOCKS5 reply codes (RFC 1928 §6).
  static constexpr uint8_t kGeneralFailure = 0x01;
  static constexpr uint8_t kHostUnreachable = 0x04;
  static constexpr uint8_t kCommandNotSupported = 0x07;
  static constexpr uint8_t kAddressTypeNotSupported = 0x08;
  // The largest handshake the parser reads before deciding (SOCKS4's user id included).
  static constexpr size_t kMaxHandshake = 1024;

  // `data` is every byte received and not consumed yet.
  Step feed(std::string_view data);

  int version() const { return m_version; }
  const std::string &host() const { return m_host; }  // a dotted quad or a name
  uint16_t port() const { return m_port; }
  // What to send once the target is connected, or when it could not be reached.
  std::string successReply() const;
  std::string failureReply(uint8_t socks5Code = kHostUnreachable) const;

 private:
  Step feed4(std::string_view data);
  Step feed5Request(std::string_view data);

  int m_version = 0;
  bool m_methodChosen = false;
  std::string m_host;
  uint16_t m_port = 0;
};

}  // namespace routeless::agent
