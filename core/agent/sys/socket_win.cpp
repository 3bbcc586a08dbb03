// Windows sockets (Winsock 2).
#include <winsock2.h>
#include <ws2tcpip.h>

#include <algorithm>
#include <cstring>

#include "agent/sys/sockaddr_inl.h"
#include "agent/sys/socket.h"

namespace routeless::agent::sys {
namespace {

std::string wsaText(const char *what, int code) {
  char *text = nullptr;
  FormatMessageA(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, DWORD(code), 0, reinterpret_cast<LPSTR>(&text), 0, nullptr);
  std::string out =
      std::string(what) + ": " + (text ? text : "error") + " (" + std::to_string(code) + ")";
  if (text) LocalFree(text);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

int toSockaddr(const IpAddress &a, uint16_t port, sockaddr_storage *ss) {
  return int(detail::writeSockaddr(a, port, ss));
}

void configure(SOCKET s) {
  u_long on = 1;
  ioctlsocket(s, FIONBIO, &on);
  SetHandleInformation(reinterpret_cast<HANDLE>(s), HANDLE_FLAG_INHERIT, 0);
  BOOL one = TRUE;
  setsockopt(s, IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char *>(&one), sizeof one);
}

SOCKET newSocket(IpAddress::Family family) {
  return WSASocketW(family == IpAddress::Family::V4 ? AF_INET : AF_INET6, SOCK_STREAM, IPPROTO_TCP,
                    nullptr, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
}

}  // namespace

void initSockets() {
  static const bool started = [] {
    WSADATA data;
    return WSAStartup(MAKEWORD(2, 2), &data) == 0;
  }();
  (void)started;
}

NativeHandle openTcp(IpAddress::Family family, std::string *error) {
  initSockets();
  const SOCKET s = newSocket(family);
  if (s == INVALID_SOCKET) {
    if (error) *error = wsaText("socket", WSAGetLastError());
    return kInvalidHandle;
  }
  configure(s);
  return NativeHandle(s);
}

ConnectStatus startConnect(NativeHandle s, const IpAddress &address, uint16_t port,
                           std::string *error) {
  sockaddr_storage ss;
  const int len = toSockaddr(address, port, &ss);
  if (::connect(SOCKET(s), reinterpret_cast<sockaddr *>(&ss), len) == 0)
    return ConnectStatus::Connected;
  const int e = WSAGetLastError();
  if (e == WSAEWOULDBLOCK || e == WSAEINPROGRESS) return ConnectStatus::InProgress;
  if (error) *error = wsaText("connect", e);
  return ConnectStatus::Failed;
}

bool finishConnect(NativeHandle s, std::string *error) {
  int err = 0;
  int len = sizeof err;
  if (getsockopt(SOCKET(s), SOL_SOCKET, SO_ERROR, reinterpret_cast<char *>(&err), &len) != 0)
    err = WSAGetLastError();
  if (err == 0) return true;
  if (error) *error = wsaText("connect", err);
  return false;
}

NativeHandle listenTcp(const IpAddress &address, uint16_t port, int backlog, std::string *error,
                       bool *addressMissing) {
  initSockets();
  if (addressMissing) *addressMissing = false;
  const SOCKET s = newSocket(address.family);
  if (s == INVALID_SOCKET) {
    if (error) *error = wsaText("socket", WSAGetLastError());
    return kInvalidHandle;
  }
  // Windows' SO_REUSEADDR would let another process steal the port: exclusive use instead.
  BOOL one = TRUE;
  setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, reinterpret_cast<const char *>(&one), sizeof one);
  u_long on = 1;
  ioctlsocket(s, FIONBIO, &on);
  sockaddr_storage ss;
  const int len = toSockaddr(address, port, &ss);
  if (::bind(s, reinterpret_cast<sockaddr *>(&ss), len) != 0 || ::listen(s, backlog) != 0) {
    const int e = WSAGetLastError();
    if (addressMissing) *addressMissing = e == WSAEADDRNOTAVAIL;
    if (error) *error = wsaText("listen", e);
    closesocket(s);
    return kInvalidHandle;
  }
  return NativeHandle(s);
}

NativeHandle acceptTcp(NativeHandle listener, bool *wouldBlock, std::string *error) {
  *wouldBlock = false;
  const SOCKET s = ::accept(SOCKET(listener), nullptr, nullptr);
  if (s != INVALID_SOCKET) {
    configure(s);
    return NativeHandle(s);
  }
  const int e = WSAGetLastError();
  if (e == WSAEWOULDBLOCK)
    *wouldBlock = true;
  else if (error)
    *error = wsaText("accept", e);
  return kInvalidHandle;
}

long receive(NativeHandle s, char *buffer, size_t size, std::string *error) {
  const int n = ::recv(SOCKET(s), buffer, int(std::min<size_t>(size, 1 << 30)), 0);
  if (n >= 0) return long(n);
  const int e = WSAGetLastError();
  if (e == WSAEWOULDBLOCK) return kWouldBlock;
  if (error) *error = wsaText("read", e);
  return kFailed;
}

long send(NativeHandle s, const ConstBuffer *buffers, int count, std::string *error) {
  WSABUF bufs[64];
  const int n = std::min(count, 64);
  for (int i = 0; i < n; ++i) {
    bufs[i].buf = const_cast<char *>(static_cast<const char *>(buffers[i].data));
    bufs[i].len = ULONG(buffers[i].size);
  }
  DWORD sent = 0;
  if (WSASend(SOCKET(s), bufs, DWORD(n), &sent, 0, nullptr, nullptr) == 0) return long(sent);
  const int e = WSAGetLastError();
  if (e == WSAEWOULDBLOCK) return 0;
  if (error) *error = wsaText("write", e);
  return kFailed;
}

void shutdownWrite(NativeHandle s) { ::shutdown(SOCKET(s), SD_SEND); }

void closeSocket(NativeHandle s) { closesocket(SOCKET(s)); }

void resetSocket(NativeHandle s) {
  linger l{};
  l.l_onoff = 1;
  l.l_linger = 0;
  setsockopt(SOCKET(s), SOL_SOCKET, SO_LINGER, reinterpret_cast<const char *>(&l), sizeof l);
  closesocket(SOCKET(s));
}

std::string peerName(NativeHandle s) {
  sockaddr_storage ss;
  int len = sizeof ss;
  if (getpeername(SOCKET(s), reinterpret_cast<sockaddr *>(&ss), &len) != 0) return std::string();
  IpAddress a;
  uint16_t port = 0;
  if (!detail::readSockaddr(reinterpret_cast<const sockaddr *>(&ss), &a, &port))
    return std::string();
  return detail::endpointText(a, port);
}

bool lookupHost(const std::string &name, std::vector<IpAddress> *addresses, std::string *error) {
  initSockets();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo *result = nullptr;
  const int rc = getaddrinfo(name.c_str(), nullptr, &hints, &result);
  if (rc != 0) {
    if (error) *error = wsaText("getaddrinfo", rc);
    return false;
  }
  const bool found = detail::collectAddresses(result, addresses, error);
  freeaddrinfo(result);
  return found;
}

void useBuiltinResolverOnly() {}

}  // namespace routeless::agent::sys
