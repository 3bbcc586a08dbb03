#pragma once
// Host-OS UDP socket calls of the agent, one implementation per platform (udp_posix.cpp,
// udp_win.cpp): non-blocking datagram sockets, bound or connected, sent and received one
// datagram at a time. Plain functions over native handles; no policy, no loop.

#include <cstddef>
#include <cstdint>
#include <string>

#include "agent/sys/socket.h"

namespace routeless::agent::sys {

// A non-blocking UDP socket, close-on-exec, bound to address:port (port 0: any free one).
// *addressMissing is set when the address does not exist on this host (as listenTcp).
NativeHandle bindUdp(const IpAddress &address, uint16_t port, std::string *error,
                     bool *addressMissing = nullptr);
// A non-blocking UDP socket connected to address:port (an ephemeral local port); it only
// receives from that peer. Errors the peer reports (ICMP port unreachable) never close it.
NativeHandle connectUdp(const IpAddress &address, uint16_t port, std::string *error);

// One datagram into `buffer` (a datagram larger than `size` is cut; use 65536 bytes). Returns
// its size (0 is an empty datagram, not an end of stream), kWouldBlock, or kFailed with
// *error. `from`/`fromPort` may be null. A refused earlier send (ICMP) reads as kFailed with
// *refused set; the socket stays usable.
long receiveDatagram(NativeHandle s, char *buffer, size_t size, IpAddress *from, uint16_t *fromPort,
                     std::string *error, bool *refused = nullptr);
// Sends one datagram, to `to`:`port`, or to the connected peer when `to` is null. Returns the
// size sent, kWouldBlock (the socket buffer is full: UDP drops it) or kFailed with *error.
long sendDatagram(NativeHandle s, const char *data, size_t size, const IpAddress *to, uint16_t port,
                  std::string *error);

// The local port a socket is bound to (0 when unknown).
uint16_t localPort(NativeHandle s);

}  // namespace routeless::agent::sys
