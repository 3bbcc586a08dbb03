#pragma once
// Reading socket addresses into IpAddress, shared by socket_posix.cpp and socket_win.cpp: the
// structures are the same on both, only the headers that declare them differ, so each platform
// file includes its own system headers before this one. Never include it anywhere else.

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "agent/sys/socket.h"

namespace routeless::agent::sys::detail {

// An AF_INET or AF_INET6 address (and its port when `port` is given); false for other families.
inline bool readSockaddr(const sockaddr *sa, IpAddress *a, uint16_t *port = nullptr) {
  if (sa->sa_family == AF_INET) {
    const auto *in = reinterpret_cast<const sockaddr_in *>(sa);
    a->family = IpAddress::Family::V4;
    memcpy(a->bytes, &in->sin_addr, 4);
    if (port) *port = ntohs(in->sin_port);
    return true;
  }
  if (sa->sa_family == AF_INET6) {
    const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(sa);
    a->family = IpAddress::Family::V6;
    memcpy(a->bytes, &in6->sin6_addr, 16);
    if (port) *port = ntohs(in6->sin6_port);
    return true;
  }
  return false;
}

// The socket address of `a`:`port`; returns its length.
inline size_t writeSockaddr(const IpAddress &a, uint16_t port, sockaddr_storage *ss) {
  memset(ss, 0, sizeof *ss);
  if (a.family == IpAddress::Family::V4) {
    auto *in = reinterpret_cast<sockaddr_in *>(ss);
    in->sin_family = AF_INET;
    in->sin_port = htons(port);
    memcpy(&in->sin_addr, a.bytes, 4);
    return sizeof(sockaddr_in);
  }
  auto *in6 = reinterpret_cast<sockaddr_in6 *>(ss);
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons(port);
  memcpy(&in6->sin6_addr, a.bytes, 16);
  return sizeof(sockaddr_in6);
}

// "1.2.3.4:80" or "[::1]:80".
inline std::string endpointText(const IpAddress &a, uint16_t port) {
  return (a.family == IpAddress::Family::V6 ? "[" + a.toString() + "]" : a.toString()) + ":" +
         std::to_string(port);
}

// The addresses of a getaddrinfo answer, each once, IPv4 first (as Go's net.Dial does for
// "tcp" on most hosts).
inline bool collectAddresses(const addrinfo *result, std::vector<IpAddress> *addresses,
                             std::string *error) {
  for (const addrinfo *p = result; p; p = p->ai_next) {
    IpAddress a;
    if (!readSockaddr(p->ai_addr, &a)) continue;
    if (std::find(addresses->begin(), addresses->end(), a) == addresses->end())
      addresses->push_back(a);
  }
  std::stable_partition(addresses->begin(), addresses->end(),
                        [](const IpAddress &a) { return a.family == IpAddress::Family::V4; });
  if (addresses->empty() && error) *error = "no address";
  return !addresses->empty();
}

}  // namespace routeless::agent::sys::detail
