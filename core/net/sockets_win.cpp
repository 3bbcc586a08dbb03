// Windows sockets (Winsock 2) under sockets.cpp's shared logic. A SOCKET is kept in an int like
// the POSIX descriptors: Windows hands out small handle values, and Qt's notifiers take them.
#include <winsock2.h>
#include <ws2tcpip.h>
// After winsock2.h, whose types it uses.
#include <mstcpip.h>

#include "sockaddr_inl.h"
#include "sockets.h"
#include "sockets_sys.h"

namespace routeless::net {
namespace {

SOCKET toSocket(int fd) { return static_cast<SOCKET>(fd); }

// Winsock must be started before the first call; Qt only does it for its own socket engines.
void startWinsock() {
  static const bool started = [] {
    WSADATA data;
    return WSAStartup(MAKEWORD(2, 2), &data) == 0;
  }();
  Q_UNUSED(started);
}

void nonBlockingNoInherit(int fd) {
  u_long on = 1;
  ioctlsocket(toSocket(fd), FIONBIO, &on);
  SetHandleInformation(reinterpret_cast<HANDLE>(toSocket(fd)), HANDLE_FLAG_INHERIT, 0);
}

int setIntOption(int fd, int level, int name, int value) {
  return setsockopt(toSocket(fd), level, name, reinterpret_cast<const char *>(&value),
                    sizeof(value));
}

}  // namespace

namespace sys {

int lastError() { return WSAGetLastError(); }

int openSocket(bool ipv6, bool datagram) {
  startWinsock();
  const SOCKET s = WSASocketW(ipv6 ? AF_INET6 : AF_INET, datagram ? SOCK_DGRAM : SOCK_STREAM,
                              datagram ? IPPROTO_UDP : IPPROTO_TCP, nullptr, 0,
                              WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
  if (s == INVALID_SOCKET) return -1;
  const int fd = static_cast<int>(s);
  nonBlockingNoInherit(fd);
  return fd;
}

void setReuseAddress(int fd) {
  // Windows' SO_REUSEADDR lets another socket steal a bound port; exclusive use is the POSIX
  // meaning of a listener that can be restarted at once.
  setIntOption(fd, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1);
}

int bindSocket(int fd, const QHostAddress &address, quint16 port) {
  sockaddr_storage ss;
  unsigned len = 0;
  if (toSockaddr(address, port, &ss, &len) != 0) return kUnsupportedAddress;
  return bind(toSocket(fd), reinterpret_cast<sockaddr *>(&ss), int(len)) == 0 ? 0
                                                                              : WSAGetLastError();
}

int connectSocket(int fd, const QHostAddress &address, quint16 port) {
  sockaddr_storage ss;
  unsigned len = 0;
  if (toSockaddr(address, port, &ss, &len) != 0) return kUnsupportedAddress;
  if (connect(toSocket(fd), reinterpret_cast<sockaddr *>(&ss), int(len)) == 0) return 0;
  const int code = WSAGetLastError();
  return code == WSAEWOULDBLOCK ? 0 : code;
}

int listenSocket(int fd, int backlog) {
  return listen(toSocket(fd), backlog) == 0 ? 0 : WSAGetLastError();
}

}  // namespace sys

int acceptTcp(int listenFd, SocketAddress *peer) {
  sockaddr_storage ss;
  int len = sizeof(ss);
  const SOCKET s = accept(toSocket(listenFd), reinterpret_cast<sockaddr *>(&ss), &len);
  if (s == INVALID_SOCKET) return -1;
  const int fd = static_cast<int>(s);
  nonBlockingNoInherit(fd);
  if (peer) *peer = fromSockaddr(&ss);
  return fd;
}

int pendingError(int fd) {
  int err = 0;
  int len = sizeof(err);
  if (getsockopt(toSocket(fd), SOL_SOCKET, SO_ERROR, reinterpret_cast<char *>(&err), &len) != 0)
    return WSAGetLastError();
  return err;
}

SocketAddress peerAddress(int fd) {
  sockaddr_storage ss{};
  int len = sizeof(ss);
  if (getpeername(toSocket(fd), reinterpret_cast<sockaddr *>(&ss), &len) != 0) return {};
  return fromSockaddr(&ss);
}

SocketAddress localAddress(int fd) {
  sockaddr_storage ss{};
  int len = sizeof(ss);
  if (getsockname(toSocket(fd), reinterpret_cast<sockaddr *>(&ss), &len) != 0) return {};
  return fromSockaddr(&ss);
}

void setKeepAlive(int fd, int periodSeconds) {
  tcp_keepalive values{};
  values.onoff = 1;
  values.keepalivetime = ULONG(periodSeconds) * 1000;
  values.keepaliveinterval = ULONG(periodSeconds) * 1000;
  DWORD returned = 0;
  WSAIoctl(toSocket(fd), SIO_KEEPALIVE_VALS, &values, sizeof(values), nullptr, 0, &returned,
           nullptr, nullptr);
}

void setUdpBuffers(int fd, int bytes) {
  setIntOption(fd, SOL_SOCKET, SO_RCVBUF, bytes);
  setIntOption(fd, SOL_SOCKET, SO_SNDBUF, bytes);
}

void setNoDelay(int fd) { setIntOption(fd, IPPROTO_TCP, TCP_NODELAY, 1); }

void setStreamOptions(int fd) {
  nonBlockingNoInherit(fd);
  setNoDelay(fd);
}

void setResetOnClose(int fd) {
  linger l{1, 0};
  setsockopt(toSocket(fd), SOL_SOCKET, SO_LINGER, reinterpret_cast<const char *>(&l), sizeof(l));
}

qint64 bytesReadable(int fd) {
  u_long n = 0;
  if (fd < 0 || ioctlsocket(toSocket(fd), FIONREAD, &n) != 0) return 0;
  return qint64(n);
}

void closeFd(int fd) {
  if (fd >= 0) closesocket(toSocket(fd));
}

QByteArray errorName(int code) {
  switch (code) {
    case WSAECONNREFUSED:
      return "ECONNREFUSED";
    case WSAECONNRESET:
      return "ECONNRESET";
    case WSAESHUTDOWN:
      return "EPIPE";
    case WSAETIMEDOUT:
      return "ETIMEDOUT";
    case WSAEHOSTUNREACH:
      return "EHOSTUNREACH";
    case WSAENETUNREACH:
      return "ENETUNREACH";
    case WSAEADDRNOTAVAIL:
      return "EADDRNOTAVAIL";
    case WSAECONNABORTED:
      return "ECONNABORTED";
    case WSAEMFILE:
      return "EMFILE";
    case WSAENOBUFS:
      return "ENOBUFS";
    default:
      return "E" + QByteArray::number(code);
  }
}

QString errorText(int code) {
  wchar_t *text = nullptr;
  FormatMessageW(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, DWORD(code), 0, reinterpret_cast<LPWSTR>(&text), 0, nullptr);
  QString out =
      text ? QString::fromWCharArray(text).trimmed() : QStringLiteral("error %1").arg(code);
  if (text) LocalFree(text);
  return out;
}

}  // namespace routeless::net
