#include "sockets.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

namespace routeless::net {
namespace {

QString errnoText(const char *what, int err) {
  return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(strerror(err)));
}

int makeSocket(int family, int type) {
  return ::socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
}

bool bindTo(int fd, const QHostAddress &address, quint16 port, QString *error) {
  sockaddr_storage ss;
  unsigned len = 0;
  if (toSockaddr(address, port, &ss, &len) != 0) {
    if (error) *error = QStringLiteral("bind: unsupported address %1").arg(address.toString());
    return false;
  }
  if (::bind(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
    if (error)
      *error = errnoText("bind", errno) +
               QStringLiteral(" (%1 port %2)").arg(address.toString()).arg(port);
    return false;
  }
  return true;
}

int familyOf(const QHostAddress &a) {
  return a.protocol() == QAbstractSocket::IPv6Protocol ? AF_INET6 : AF_INET;
}

}  // namespace

QString SocketAddress::toString() const {
  if (address.protocol() == QAbstractSocket::IPv6Protocol)
    return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
  return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

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

int listenTcp(const QHostAddress &address, quint16 port, QString *error, int backlog) {
  const int fd = makeSocket(familyOf(address), SOCK_STREAM);
  if (fd < 0) {
    if (error) *error = errnoText("socket", errno);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (!bindTo(fd, address, port, error)) {
    ::close(fd);
    return -1;
  }
  if (::listen(fd, backlog) != 0) {
    if (error) *error = errnoText("listen", errno);
    ::close(fd);
    return -1;
  }
  return fd;
}

int bindUdp(const QHostAddress &address, quint16 port, QString *error) {
  const int fd = makeSocket(familyOf(address), SOCK_DGRAM);
  if (fd < 0) {
    if (error) *error = errnoText("socket", errno);
    return -1;
  }
  if (!bindTo(fd, address, port, error)) {
    ::close(fd);
    return -1;
  }
  return fd;
}

static int connectSocket(int type, const QHostAddress &address, quint16 port,
                         const QHostAddress &source, QString *error) {
  const int fd = makeSocket(familyOf(address), type);
  if (fd < 0) {
    if (error) *error = errnoText("socket", errno);
    return -1;
  }
  if (!source.isNull() && !bindTo(fd, source, 0, error)) {
    ::close(fd);
    return -1;
  }
  sockaddr_storage ss;
  unsigned len = 0;
  if (toSockaddr(address, port, &ss, &len) != 0) {
    if (error) *error = QStringLiteral("connect: unsupported address %1").arg(address.toString());
    ::close(fd);
    return -1;
  }
  if (::connect(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0 && errno != EINPROGRESS) {
    if (error)
      *error = errnoText("connect", errno) +
               QStringLiteral(" (%1)").arg(SocketAddress{address, port}.toString());
    ::close(fd);
    return -1;
  }
  return fd;
}

int connectTcp(const QHostAddress &address, quint16 port, const QHostAddress &source,
               QString *error) {
  return connectSocket(SOCK_STREAM, address, port, source, error);
}

int connectUdp(const QHostAddress &address, quint16 port, const QHostAddress &source,
               QString *error) {
  return connectSocket(SOCK_DGRAM, address, port, source, error);
}

int acceptTcp(int listenFd, SocketAddress *peer) {
  sockaddr_storage ss;
  socklen_t len = sizeof(ss);
  const int fd =
      ::accept4(listenFd, reinterpret_cast<sockaddr *>(&ss), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd >= 0 && peer) *peer = fromSockaddr(&ss);
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
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &periodSeconds, sizeof(periodSeconds));
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &periodSeconds, sizeof(periodSeconds));
}

void setNoDelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

void closeFd(int fd) {
  if (fd >= 0) ::close(fd);
}

static quint16 freePort(int type, const QHostAddress &address) {
  const int fd = makeSocket(familyOf(address), type);
  if (fd < 0) return 0;
  quint16 port = 0;
  if (bindTo(fd, address, 0, nullptr)) port = localAddress(fd).port;
  ::close(fd);
  return port;
}

quint16 freeTcpPort(const QHostAddress &address) { return freePort(SOCK_STREAM, address); }
quint16 freeUdpPort(const QHostAddress &address) { return freePort(SOCK_DGRAM, address); }

}  // namespace routeless::net

namespace routeless::net {

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

}  // namespace routeless::net
