#pragma once
// The host's DNS servers, one implementation per platform (nameservers_posix.cpp,
// nameservers_win.cpp), for the agent's built-in DNS to forward to. No policy, no I/O beyond
// reading the system's list.
#include <vector>

#include "agent/sys/socket.h"

namespace routeless::agent::sys {

// The host's DNS servers (port 53): /etc/resolv.conf's nameserver lines on POSIX (IPv4 and
// IPv6), the adapters' IPv4 DNS servers on Windows. At most 8; empty when none are known.
std::vector<IpAddress> systemNameServers();

}  // namespace routeless::agent::sys
