// Windows UDP sockets (Winsock 2).
#include <mswsock.h>
#include <winsock2.h>
#include <ws2tcpip.h>

#include <cstring>

#include "agent/sys/sockaddr_inl.h"
#include "agent/sys/udp.h"

namespace routeless::agent::sys {
namespace {

constexpr int kSocketBufferBytes = 1 << 20;

std::string wsaError(const char *what, int code) {
  return std::string(what) + ": Winsock error " + std::to_string(code);
}

SOCKET openUdp(IpAddress::Family family, std::string *error) {
  initSockets();
  const SOCKET s =
      WSASocketW(family == IpAddress::Family::V4 ? AF_INET : AF_INET6, SOCK_DGRAM, IPPROTO_UDP,
                 nullptr, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
  if (s == INVALID_SOCKET) {
    if (error) *error = wsaError("socket", WSAGetLastError());
    return s;
  }
  u_long on = 1;
  ioctlsocket(s, FIONBIO, &on);
  // Without this, an ICMP port unreachable makes every later recvfrom fail with WSAECONNRESET.
  BOOL off = FALSE;
  DWORD returned = 0;
  WSAIoctl(s, SIO_UDP_CONNRESET, &off, sizeof off, nullptr, 0, &returned, nullptr, nullptr);
  int bytes = kSocketBufferBytes;
  setsockopt(s, SOL_SOCKET, SO_RCVBUF, reinterpret_cast<const char *>(&bytes), sizeof bytes);
  setsockopt(s, SOL_SOCKET, SO_SNDBUF, reinterpret_cast<const char *>(&bytes), sizeof bytes);
  return s;
}

}  // namespace

NativeHandle bindUdp(const IpAddress &address, uint16_t port, std::string *error,
                     bool *addressMissing) {
  if (addressMissing) *addressMissing = false;
  const SOCKET s = openUdp(address.family, error);
  if (s == INVALID_SOCKET) return kInvalidHandle;
  sockaddr_storage ss;
  const int len = int(detail::writeSockaddr(address, port, &ss));
  if (::bind(s, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
    const int e = WSAGetLastError();
    if (addressMissing) *addressMissing = e == WSAEADDRNOTAVAIL;
    if (error) *error = wsaError("bind", e);
    closesocket(s);
    return kInvalidHandle;
  }
  return NativeHandle(s);
}

NativeHandle connectUdp(const IpAddress &address, uint16_t port, std::string *error) {
  const SOCKET s = openUdp(address.family, error);
  if (s == INVALID_SOCKET) return kInvalidHandle;
  sockaddr_storage ss;
  const int len = int(detail::writeSockaddr(address, port, &ss));
  if (::connect(s, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
    if (error) *error = wsaError("connect", WSAGetLastError());
    closesocket(s);
    return kInvalidHandle;
  }
  return NativeHandle(s);
}

long receiveDatagram(NativeHandle s, char *buffer, size_t size, IpAddress *from, uint16_t *fromPort,
                     std::string *error, bool *refused) {
  if (refused) *refused = false;
  sockaddr_storage ss;
  int len = sizeof ss;
  const int n =
      ::recvfrom(SOCKET(s), buffer, int(size), 0, reinterpret_cast<sockaddr *>(&ss), &len);
  if (n >= 0) {
    if (from) {
      IpAddress a;
      uint16_t p = 0;
      if (!detail::readSockaddr(reinterpret_cast<const sockaddr *>(&ss), &a, &p)) p = 0;
      *from = a;
      if (fromPort) *fromPort = p;
    }
    return n;
  }
  const int e = WSAGetLastError();
  if (e == WSAEWOULDBLOCK) return kWouldBlock;
  if (e == WSAEMSGSIZE) return long(size);  // cut, as POSIX does
  if (refused) *refused = e == WSAECONNRESET || e == WSAECONNREFUSED;
  if (error) *error = wsaError("recv", e);
  return kFailed;
}

long sendDatagram(NativeHandle s, const char *data, size_t size, const IpAddress *to, uint16_t port,
                  std::string *error) {
  sockaddr_storage ss;
  int len = 0;
  if (to) len = int(detail::writeSockaddr(*to, port, &ss));
  const int n = ::sendto(SOCKET(s), data, int(size), 0,
                         to ? reinterpret_cast<sockaddr *>(&ss) : nullptr, len);
  if (n >= 0) return n;
  const int e = WSAGetLastError();
  if (e == WSAEWOULDBLOCK || e == WSAENOBUFS) return kWouldBlock;
  if (error) *error = wsaError("send", e);
  return kFailed;
}

uint16_t localPort(NativeHandle s) {
  sockaddr_storage ss;
  int len = sizeof ss;
  if (::getsockname(SOCKET(s), reinterpret_cast<sockaddr *>(&ss), &len) != 0) return 0;
  IpAddress a;
  uint16_t port = 0;
  return detail::readSockaddr(reinterpret_cast<const sockaddr *>(&ss), &a, &port) ? port : 0;
}

}  // namespace routeless::agent::sys
