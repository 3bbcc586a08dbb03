// POSIX sockets (Linux, macOS, BSD) under sockets.cpp's shared logic.
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sockaddr_inl.h"
#include "sockets.h"
#include "sockets_sys.h"

namespace routeless::net {
namespace {

// macOS/BSD have no MSG_NOSIGNAL on every call site (SocketStream, Pump): the socket option
// keeps a write to a reset peer from killing the process there.
void noSigpipe(int fd) {
#ifdef SO_NOSIGPIPE
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof(one));
#else
  Q_UNUSED(fd);
#endif
}

// For systems without SOCK_NONBLOCK/SOCK_CLOEXEC at creation (macOS) and adopted descriptors.
void nonBlockingNoInherit(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

}  // namespace

namespace sys {

int lastError() { return errno; }

int openSocket(bool ipv6, bool datagram) {
  const int type = datagram ? SOCK_DGRAM : SOCK_STREAM;
#ifdef SOCK_CLOEXEC  // atomic: a child started by another thread meanwhile never inherits it
  const int fd = ::socket(ipv6 ? AF_INET6 : AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
#else
  const int fd = ::socket(ipv6 ? AF_INET6 : AF_INET, type, 0);
  if (fd < 0) return -1;
  nonBlockingNoInherit(fd);
#endif
  noSigpipe(fd);
  return fd;
}

void setReuseAddress(int fd) {
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
}

int bindSocket(int fd, const QHostAddress &address, quint16 port) {
  sockaddr_storage ss;
  unsigned len = 0;
  if (toSockaddr(address, port, &ss, &len) != 0) return kUnsupportedAddress;
  return ::bind(fd, reinterpret_cast<sockaddr *>(&ss), len) == 0 ? 0 : errno;
}

int connectSocket(int fd, const QHostAddress &address, quint16 port) {
  sockaddr_storage ss;
  unsigned len = 0;
  if (toSockaddr(address, port, &ss, &len) != 0) return kUnsupportedAddress;
  if (::connect(fd, reinterpret_cast<sockaddr *>(&ss), len) == 0 || errno == EINPROGRESS) return 0;
  return errno;
}

int listenSocket(int fd, int backlog) { return ::listen(fd, backlog) == 0 ? 0 : errno; }

}  // namespace sys

int acceptTcp(int listenFd, SocketAddress *peer) {
  sockaddr_storage ss;
  socklen_t len = sizeof(ss);
#ifdef SOCK_CLOEXEC
  const int fd =
      ::accept4(listenFd, reinterpret_cast<sockaddr *>(&ss), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) return -1;
#else
  const int fd = ::accept(listenFd, reinterpret_cast<sockaddr *>(&ss), &len);
  if (fd < 0) return -1;
  nonBlockingNoInherit(fd);
#endif
  noSigpipe(fd);
  if (peer) *peer = fromSockaddr(&ss);
  return fd;
}

int pendingError(int fd) {
  int err = 0;
  socklen_t len = sizeof(err);
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) return errno;
  return err;
}

SocketAddress peerAddress(int fd) {
  sockaddr_storage ss;
  socklen_t len = sizeof(ss);
  memset(&ss, 0, sizeof(ss));
  if (::getpeername(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0) return {};
  return fromSockaddr(&ss);
}

SocketAddress localAddress(int fd) {
  sockaddr_storage ss;
  socklen_t len = sizeof(ss);
  memset(&ss, 0, sizeof(ss));
  if (::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0) return {};
  return fromSockaddr(&ss);
}

void setKeepAlive(int fd, int periodSeconds) {
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
#ifdef TCP_KEEPIDLE
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &periodSeconds, sizeof(periodSeconds));
#else  // macOS spells the idle time TCP_KEEPALIVE
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPALIVE, &periodSeconds, sizeof(periodSeconds));
#endif
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &periodSeconds, sizeof(periodSeconds));
}

void setUdpBuffers(int fd, int bytes) {
  for (int opt : {SO_RCVBUF, SO_SNDBUF}) {
#ifdef SO_RCVBUFFORCE
    // Allowed with CAP_NET_ADMIN; otherwise the plain option, capped by rmem_max/wmem_max.
    const int force = opt == SO_RCVBUF ? SO_RCVBUFFORCE : SO_SNDBUFFORCE;
    if (::setsockopt(fd, SOL_SOCKET, force, &bytes, sizeof(bytes)) == 0) continue;
#endif
    ::setsockopt(fd, SOL_SOCKET, opt, &bytes, sizeof(bytes));
  }
}

void setNoDelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

void setStreamOptions(int fd) {
  nonBlockingNoInherit(fd);
  noSigpipe(fd);
  setNoDelay(fd);
}

void setResetOnClose(int fd) {
  linger l{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
}

qint64 bytesReadable(int fd) {
  int n = 0;
  if (fd < 0 || ::ioctl(fd, FIONREAD, &n) != 0) return 0;
  return n;
}

void closeFd(int fd) {
  if (fd >= 0) ::close(fd);
}

QByteArray errorName(int code) {
  switch (code) {
    case ECONNREFUSED:
      return "ECONNREFUSED";
    case ECONNRESET:
      return "ECONNRESET";
    case EPIPE:
      return "EPIPE";
    case ETIMEDOUT:
      return "ETIMEDOUT";
    case EHOSTUNREACH:
      return "EHOSTUNREACH";
    case ENETUNREACH:
      return "ENETUNREACH";
    case EADDRNOTAVAIL:
      return "EADDRNOTAVAIL";
    case ECONNABORTED:
      return "ECONNABORTED";
    case EMFILE:
      return "EMFILE";
    case ENOBUFS:
      return "ENOBUFS";
    default:
      return "E" + QByteArray::number(code);
  }
}

QString errorText(int code) { return QString::fromLocal8Bit(strerror(code)); }

}  // namespace routeless::net
