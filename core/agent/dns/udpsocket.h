#pragma once
// Host-OS UDP sockets for the DNS parts of the agent, one implementation per platform
// (udpsocket_posix.cpp, udpsocket_win.cpp): non-blocking, close-on-exec datagram sockets,
// bound or connected, and the host's name servers. Plain functions; no loop, no policy.
#include <cstdint>
#include <string>
#include <vector>

#include "agent/sys/socket.h"

namespace routeless::agent::sys {

// A non-blocking UDP socket bound to address:port (port 0: any); kInvalidHandle with *error.
NativeHandle bindUdp(const IpAddress &address, uint16_t port, std::string *error);
// A non-blocking UDP socket connected to address:port (replies from anyone else are dropped
// by the OS; an ICMP unreachable shows as an error on the next receive).
NativeHandle connectUdp(const IpAddress &address, uint16_t port, std::string *error);
// One datagram: its size (truncated to `size`), kWouldBlock, or kFailed with *error.
long receiveFrom(NativeHandle s, char *buffer, size_t size, IpAddress *from, uint16_t *fromPort,
                 std::string *error);
long sendTo(NativeHandle s, const char *data, size_t size, const IpAddress &to, uint16_t port,
            std::string *error);
// On a connected socket.
long sendDatagram(NativeHandle s, const char *data, size_t size, std::string *error);

// The host's DNS servers (IPv4 and IPv6, port 53): /etc/resolv.conf's nameserver lines on
// POSIX, the adapters' DNS servers on Windows. Empty when none are known.
std::vector<IpAddress> systemNameServers();

}  // namespace routeless::agent::sys
