// Windows sockets (Winsock 2) behind socketcalls.h. A SOCKET is kept in an int like the POSIX
// descriptors: Windows hands out small handle values, and Qt's notifiers take them.
#include <winsock2.h>
#include <ws2tcpip.h>
// After winsock2.h, whose types it uses.
#include <mstcpip.h>

#include <cstring>

#include "net/socketcalls.h"

namespace routeless::net::calls {
namespace {

static_assert(sizeof(sockaddr_storage) <= kSockaddrBytes);

SOCKET toSocket(int fd) { return static_cast<SOCKET>(fd); }

// Winsock must be started before the first call; Qt only does it for its own socket engines.
void startWinsock() {
  static const bool started = [] {
    WSADATA data;
    return WSAStartup(MAKEWORD(2, 2), &data) == 0;
  }();
  (void)started;
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

Endpoint endpointOf(int(WSAAPI *call)(SOCKET, sockaddr *, int *), int fd) {
  sockaddr_storage ss{};
  int len = sizeof(ss);
  if (call(toSocket(fd), reinterpret_cast<sockaddr *>(&ss), &len) != 0) return {};
  return fromSockaddr(&ss);
}

// One call moves at most INT_MAX bytes; the caller sends or reads the rest next time.
int callLength(size_t len) { return len > 0x7fffffff ? 0x7fffffff : int(len); }

// A Winsock byte count, or kWouldBlock / kFailed (WSAGetLastError() says why).
int64_t byteResult(int n) {
  if (n != SOCKET_ERROR) return n;
  return WSAGetLastError() == WSAEWOULDBLOCK ? kWouldBlock : kFailed;
}

}  // namespace

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

int bindSocket(int fd, const Endpoint &at) {
  sockaddr_storage ss;
  const unsigned len = toSockaddr(at, &ss);
  if (len == 0) return WSAEAFNOSUPPORT;
  return bind(toSocket(fd), reinterpret_cast<sockaddr *>(&ss), int(len)) == 0 ? 0
                                                                              : WSAGetLastError();
}

int connectSocket(int fd, const Endpoint &to) {
  sockaddr_storage ss;
  const unsigned len = toSockaddr(to, &ss);
  if (len == 0) return WSAEAFNOSUPPORT;
  if (connect(toSocket(fd), reinterpret_cast<sockaddr *>(&ss), int(len)) == 0) return 0;
  const int code = WSAGetLastError();
  return code == WSAEWOULDBLOCK ? 0 : code;
}

int listenSocket(int fd, int backlog) {
  return listen(toSocket(fd), backlog) == 0 ? 0 : WSAGetLastError();
}

int acceptSocket(int listenFd, Endpoint *peer) {
  sockaddr_storage ss{};
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

Endpoint peerEndpoint(int fd) { return endpointOf(getpeername, fd); }
Endpoint localEndpoint(int fd) { return endpointOf(getsockname, fd); }

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

int64_t bytesReadable(int fd) {
  u_long n = 0;
  if (fd < 0 || ioctlsocket(toSocket(fd), FIONREAD, &n) != 0) return 0;
  return int64_t(n);
}

void closeSocket(int fd) {
  if (fd >= 0) closesocket(toSocket(fd));
}

int64_t sendBytes(int fd, const void *data, size_t len) {
  return byteResult(send(toSocket(fd), static_cast<const char *>(data), callLength(len), 0));
}

int64_t receiveBytes(int fd, void *data, size_t len) {
  return byteResult(recv(toSocket(fd), static_cast<char *>(data), callLength(len), 0));
}

int64_t sendTo(int fd, const void *data, size_t len, const void *to, unsigned toLength) {
  return byteResult(sendto(toSocket(fd), static_cast<const char *>(data), callLength(len), 0,
                           static_cast<const sockaddr *>(to), int(toLength)));
}

int64_t peekBytes(int fd, void *data, size_t len) {
  return byteResult(recv(toSocket(fd), static_cast<char *>(data), callLength(len), MSG_PEEK));
}

int64_t sendGather(int fd, const ConstBuffer *parts, int count) {
  WSABUF bufs[kMaxGatherParts];
  DWORD used = 0;
  for (int i = 0; i < count && used < DWORD(kMaxGatherParts); ++i) {
    if (parts[i].len == 0) continue;
    // A WSABUF holds at most 4 GiB - 1: a larger part goes in pieces, the rest next time.
    bufs[used].len = parts[i].len > 0xffffffffu ? 0xffffffffu : ULONG(parts[i].len);
    bufs[used].buf = static_cast<char *>(const_cast<void *>(parts[i].data));
    ++used;
    if (parts[i].len > 0xffffffffu) break;
  }
  if (used == 0) return 0;
  DWORD sent = 0;
  if (WSASend(toSocket(fd), bufs, used, &sent, 0, nullptr, nullptr) == 0) return int64_t(sent);
  return byteResult(SOCKET_ERROR);
}

void shutdownSend(int fd) {
  if (fd >= 0) shutdown(toSocket(fd), SD_SEND);
}

int waitReady(int fd, bool forWrite, int timeoutMs) {
  WSAPOLLFD p{};
  p.fd = toSocket(fd);
  p.events = forWrite ? POLLWRNORM : POLLRDNORM;
  const int n = WSAPoll(&p, 1, timeoutMs);
  return n == SOCKET_ERROR ? -1 : (n > 0 ? 1 : 0);
}

#include "net/sockaddrcodec.inc"

std::string errorName(int code) {
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
      return "E" + std::to_string(code);
  }
}

std::string errorText(int code) {
  wchar_t *text = nullptr;
  FormatMessageW(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, DWORD(code), 0, reinterpret_cast<LPWSTR>(&text), 0, nullptr);
  if (!text) return "error " + std::to_string(code);
  const int bytes = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
  std::string out(bytes > 0 ? size_t(bytes) : 0, '\0');
  if (bytes > 0) WideCharToMultiByte(CP_UTF8, 0, text, -1, out.data(), bytes, nullptr, nullptr);
  LocalFree(text);
  // Without the terminating NUL and the line break FormatMessage ends its text with.
  while (!out.empty() && (out.back() == '\0' || out.back() == '\r' || out.back() == '\n' ||
                          out.back() == ' ' || out.back() == '\t'))
    out.pop_back();
  out.erase(0, out.find_first_not_of(" \t\r\n"));
  if (out.empty()) return "error " + std::to_string(code);
  return out;
}

}  // namespace routeless::net::calls
