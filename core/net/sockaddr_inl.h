#pragma once
// sockaddr <-> QHostAddress conversion shared by sockets_posix.cpp and sockets_win.cpp: the
// structures are the same on both, only the headers that declare them differ, so each platform
// file includes its own system headers before this one. Never include it anywhere else.
#include <cstring>

#include "sockets.h"

namespace routeless::net {

int toSockaddr(const QHostAddress &address, quint16 port, void *storage, unsigned *length) {
  memset(storage, 0, sizeof(sockaddr_storage));
  bool isV4 = false;
  const quint32 v4 = address.toIPv4Address(&isV4);
  if (address.protocol() == QAbstractSocket::IPv4Protocol ||
      (isV4 && address.protocol() != QAbstractSocket::IPv6Protocol)) {
    auto *sin = static_cast<sockaddr_in *>(storage);
    sin->sin_family = AF_INET;
    sin->sin_port = htons(port);
    sin->sin_addr.s_addr = htonl(v4);
    *length = sizeof(sockaddr_in);
    return 0;
  }
  if (address.protocol() == QAbstractSocket::IPv6Protocol) {
    auto *sin6 = static_cast<sockaddr_in6 *>(storage);
    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons(port);
    const Q_IPV6ADDR a = address.toIPv6Address();
    memcpy(&sin6->sin6_addr, &a, 16);
    // A link-local peer needs its interface; a numeric scope is all the kernel takes here.
    sin6->sin6_scope_id = address.scopeId().toUInt();
    *length = sizeof(sockaddr_in6);
    return 0;
  }
  return -1;
}

SocketAddress fromSockaddr(const void *storage) {
  SocketAddress out;
  const auto *sa = static_cast<const sockaddr *>(storage);
  if (sa->sa_family == AF_INET) {
    const auto *sin = static_cast<const sockaddr_in *>(storage);
    out.address = QHostAddress(ntohl(sin->sin_addr.s_addr));
    out.port = ntohs(sin->sin_port);
  } else if (sa->sa_family == AF_INET6) {
    const auto *sin6 = static_cast<const sockaddr_in6 *>(storage);
    QHostAddress a(reinterpret_cast<const quint8 *>(&sin6->sin6_addr));
    bool isV4 = false;
    const quint32 v4 = a.toIPv4Address(&isV4);
    out.address = isV4 ? QHostAddress(v4) : a;
    out.port = ntohs(sin6->sin6_port);
  }
  return out;
}

}  // namespace routeless::net
