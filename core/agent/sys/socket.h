#pragma once
// Host-OS socket calls of the agent, one implementation per platform (socket_posix.cpp,
// socket_win.cpp): non-blocking TCP sockets with half-close, listeners, addresses and the
// system resolver. Plain functions over native handles; no policy, no buffering, no loop.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/loop/poller.h"

namespace routeless::agent {

// One piece of a gathered write; layout-compatible with POSIX iovec.
struct ConstBuffer {
  const void *data;
  size_t size;
};

// An IPv4 or IPv6 address (no port), in network byte order.
struct IpAddress {
  enum class Family : uint8_t { V4, V6 };
  Family family = Family::V4;
  uint8_t bytes[16] = {};

  static IpAddress v4(uint32_t hostOrder);
  // A literal ("127.0.0.1", "::1"); nullopt for anything else (names included).
  static std::optional<IpAddress> parse(std::string_view text);
  uint32_t v4HostOrder() const;
  std::string toString() const;
  bool operator==(const IpAddress &o) const;
};

// A dotted quad in host order ("127.0.42.101" -> 0x7F002A65); nullopt otherwise.
std::optional<uint32_t> parseIpv4(std::string_view text);
std::string formatIpv4(uint32_t hostOrder);

// "host", "host:port", "[v6]" or "[v6]:port" split as Go's net.SplitHostPort does, the one
// parser of this form in the agent (proxy listen addresses and targets, DNS upstreams). The host
// comes without brackets and may be empty (Go's ":port"); hasPort is false without a port.
// nullopt for an unclosed or misplaced bracket, a bare IPv6 address (it needs brackets), or a
// port that is not 1 to 5 digits up to 65535 (0 is the caller's to refuse).
struct HostPortText {
  std::string host;
  bool hasPort = false;
  uint16_t port = 0;
};
std::optional<HostPortText> splitHostPort(std::string_view text);

namespace sys {

// Results of receive()/send(): >= 0 is a byte count (0 from receive is the end of stream).
inline constexpr long kWouldBlock = -1;
inline constexpr long kFailed = -2;

// Once per process (Winsock start-up); harmless to call again.
void initSockets();

// A non-blocking TCP socket, close-on-exec, Nagle off, no SIGPIPE; kInvalidHandle on error.
NativeHandle openTcp(IpAddress::Family family, std::string *error);
enum class ConnectStatus { Connected, InProgress, Failed };
ConnectStatus startConnect(NativeHandle s, const IpAddress &address, uint16_t port,
                           std::string *error);
// The outcome of a connect in progress once the socket reports writable or hang-up: true when
// connected, else false with the reason in *error.
bool finishConnect(NativeHandle s, std::string *error);

// A listening socket (SO_REUSEADDR, non-blocking). *addressMissing is set when the address
// does not exist on this host (127.0.42.x on macOS/BSD without an lo0 alias).
NativeHandle listenTcp(const IpAddress &address, uint16_t port, int backlog, std::string *error,
                       bool *addressMissing);
// One accepted connection, configured as openTcp's; kInvalidHandle with *wouldBlock when
// none is pending, or with *error for a real failure.
NativeHandle acceptTcp(NativeHandle listener, bool *wouldBlock, std::string *error);

long receive(NativeHandle s, char *buffer, size_t size, std::string *error);
// Gathered send of up to 64 buffers; a count of bytes (0 when the socket buffer is full).
long send(NativeHandle s, const ConstBuffer *buffers, int count, std::string *error);
void shutdownWrite(NativeHandle s);
void closeSocket(NativeHandle s);
// Closes with an RST (SO_LINGER 0), to pass a reset on.
void resetSocket(NativeHandle s);
// "ip:port" of the peer, or "" if unknown.
std::string peerName(NativeHandle s);

// The system resolver (getaddrinfo), blocking: call it from a worker thread. IPv4 first.
bool lookupHost(const std::string &name, std::vector<IpAddress> *addresses, std::string *error);
// Static glibc builds: resolve with the resolver built into libc only ("files dns"), never
// with NSS modules loaded from the host, whose glibc may differ. No-op elsewhere.
void useBuiltinResolverOnly();

}  // namespace sys
}  // namespace routeless::agent
