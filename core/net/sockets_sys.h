#pragma once
// The socket calls that differ between POSIX and Windows, one implementation per platform
// (sockets_posix.cpp, sockets_win.cpp) under the shared logic of sockets.cpp. Raw calls that
// return a system error code; they must never log, block, or hold policy (that is sockets.cpp's).
#include <QHostAddress>

namespace routeless::net::sys {

// bindSocket()/connectSocket() for an address that is neither IPv4 nor IPv6.
inline constexpr int kUnsupportedAddress = -1;

// The error code of the last failed call on this thread (errno, WSAGetLastError()).
int lastError();
// A non-blocking socket that child processes do not inherit; -1 with lastError() on failure.
int openSocket(bool ipv6, bool datagram);
void setReuseAddress(int fd);
// 0, a system error code, or kUnsupportedAddress.
int bindSocket(int fd, const QHostAddress &address, quint16 port);
// 0 when connected or still connecting (the socket becomes writable), else as bindSocket().
int connectSocket(int fd, const QHostAddress &address, quint16 port);
// 0 or a system error code.
int listenSocket(int fd, int backlog);

}  // namespace routeless::net::sys
