#include "sockets.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <mutex>

#include "net/socketcalls.h"

// The platform-independent half of the socket helpers: what to do in which order, how errors
// read, and the conversion to Qt's types. The system calls are in socketcalls_posix.cpp /
// socketcalls_win.cpp, behind the Qt-free socketcalls.h.

namespace routeless::net {
namespace {

QString failureText(const char *what, int code) {
  return QStringLiteral("%1: %2").arg(QLatin1String(what), errorText(code));
}

// An IPv4 address (or one Qt can read as IPv4 without calling it IPv6), or an IPv6 address with
// its numeric scope (a link-local peer needs its interface; a number is all the kernel takes);
// invalid for anything else.
calls::Endpoint toEndpoint(const QHostAddress &address, quint16 port) {
  calls::Endpoint e;
  bool isV4 = false;
  const quint32 v4 = address.toIPv4Address(&isV4);
  if (address.protocol() == QAbstractSocket::IPv4Protocol ||
      (isV4 && address.protocol() != QAbstractSocket::IPv6Protocol)) {
    e.valid = true;
    for (int i = 0; i < 4; ++i) e.ip[i] = uint8_t(v4 >> (24 - 8 * i));
  } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
    e.valid = true;
    e.ipv6 = true;
    const Q_IPV6ADDR a = address.toIPv6Address();
    memcpy(e.ip, &a, 16);
    e.scope = address.scopeId().toUInt();
  }
  e.port = port;
  return e;
}

// An IPv4-mapped IPv6 address reads as the IPv4 address it carries.
SocketAddress fromEndpoint(const calls::Endpoint &e) {
  SocketAddress out;
  if (!e.valid) return out;
  if (e.ipv6) {
    const QHostAddress a(e.ip);
    bool isV4 = false;
    const quint32 v4 = a.toIPv4Address(&isV4);
    out.address = isV4 ? QHostAddress(v4) : a;
  } else {
    out.address = QHostAddress(quint32(e.ip[0]) << 24 | quint32(e.ip[1]) << 16 |
                               quint32(e.ip[2]) << 8 | quint32(e.ip[3]));
  }
  out.port = e.port;
  return out;
}

// 0, or the code of the failure described in *error.
int bindTo(int fd, const QHostAddress &address, quint16 port, QString *error) {
  const calls::Endpoint at = toEndpoint(address, port);
  if (!at.valid) {
    if (error) *error = QStringLiteral("bind: unsupported address %1").arg(address.toString());
    return -1;
  }
  const int code = calls::bindSocket(fd, at);
  if (code != 0 && error) {
    *error = failureText("bind", code) +
             QStringLiteral(" (%1 port %2)").arg(address.toString()).arg(port);
  }
  return code;
}

bool isIpv6(const QHostAddress &a) { return a.protocol() == QAbstractSocket::IPv6Protocol; }

int openOrFail(const QHostAddress &address, bool datagram, QString *error, int *errorCode) {
  const int fd = calls::openSocket(isIpv6(address), datagram);
  if (fd < 0) {
    const int code = calls::lastError();
    if (error) *error = failureText("socket", code);
    if (errorCode) *errorCode = code;
  }
  return fd;
}

int connectSocket(bool datagram, const QHostAddress &address, quint16 port,
                  const QHostAddress &source, QString *error, int *errorCode) {
  const int fd = openOrFail(address, datagram, error, errorCode);
  if (fd < 0) return -1;
  if (!source.isNull()) {
    if (const int code = bindTo(fd, source, 0, error); code != 0) {
      if (errorCode) *errorCode = code;
      closeFd(fd);
      return -1;
    }
  }
  const calls::Endpoint to = toEndpoint(address, port);
  if (!to.valid) {
    if (error) *error = QStringLiteral("connect: unsupported address %1").arg(address.toString());
    if (errorCode) *errorCode = -1;
    closeFd(fd);
    return -1;
  }
  const int code = calls::connectSocket(fd, to);
  if (code == 0) return fd;
  if (error) {
    *error = failureText("connect", code) +
             QStringLiteral(" (%1)").arg(SocketAddress{address, port}.toString());
  }
  if (errorCode) *errorCode = code;
  closeFd(fd);
  return -1;
}

quint16 kernelPort(bool datagram, const QHostAddress &address) {
  const int fd = calls::openSocket(isIpv6(address), datagram);
  if (fd < 0) return 0;
  quint16 port = 0;
  if (bindTo(fd, address, 0, nullptr) == 0) port = localAddress(fd).port;
  closeFd(fd);
  return port;
}

// Remembers the ports this process was handed lately: the kernel may give the same free port
// to two calls in a row (a test once got one port for both its tunnel and its target).
class RecentPorts {
 public:
  bool claim(quint16 port) {
    const std::lock_guard lock(mutex_);
    if (std::find(ports_.begin(), ports_.end(), port) != ports_.end()) return false;
    ports_.push_back(port);
    if (ports_.size() > kRemembered) ports_.pop_front();
    return true;
  }

 private:
  static constexpr size_t kRemembered = 512;
  std::mutex mutex_;
  std::deque<quint16> ports_;
};

quint16 freePort(bool datagram, const QHostAddress &address) {
  static RecentPorts recent;
  quint16 port = 0;
  for (int attempt = 0; attempt < 32; ++attempt) {
    port = kernelPort(datagram, address);
    if (port == 0 || recent.claim(port)) return port;
  }
  return port;
}

}  // namespace

QString SocketAddress::toString() const {
  if (address.protocol() == QAbstractSocket::IPv6Protocol)
    return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
  return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

int listenTcp(const QHostAddress &address, quint16 port, QString *error, int backlog) {
  const int fd = openOrFail(address, false, error, nullptr);
  if (fd < 0) return -1;
  calls::setReuseAddress(fd);
  if (bindTo(fd, address, port, error) != 0) {
    closeFd(fd);
    return -1;
  }
  if (const int code = calls::listenSocket(fd, backlog); code != 0) {
    if (error) *error = failureText("listen", code);
    closeFd(fd);
    return -1;
  }
  return fd;
}

int bindUdp(const QHostAddress &address, quint16 port, QString *error) {
  const int fd = openOrFail(address, true, error, nullptr);
  if (fd < 0) return -1;
  if (bindTo(fd, address, port, error) != 0) {
    closeFd(fd);
    return -1;
  }
  return fd;
}

int connectTcp(const QHostAddress &address, quint16 port, const QHostAddress &source,
               QString *error, int *errorCode) {
  return connectSocket(false, address, port, source, error, errorCode);
}

int connectUdp(const QHostAddress &address, quint16 port, const QHostAddress &source,
               QString *error) {
  return connectSocket(true, address, port, source, error, nullptr);
}

quint16 freeTcpPort(const QHostAddress &address) { return freePort(false, address); }
quint16 freeUdpPort(const QHostAddress &address) { return freePort(true, address); }

int acceptTcp(int listenFd, SocketAddress *peer) {
  calls::Endpoint from;
  const int fd = calls::acceptSocket(listenFd, &from);
  if (fd >= 0 && peer) *peer = fromEndpoint(from);
  return fd;
}

int pendingError(int fd) { return calls::pendingError(fd); }
SocketAddress peerAddress(int fd) { return fromEndpoint(calls::peerEndpoint(fd)); }
SocketAddress localAddress(int fd) { return fromEndpoint(calls::localEndpoint(fd)); }
void setKeepAlive(int fd, int periodSeconds) { calls::setKeepAlive(fd, periodSeconds); }
void setUdpBuffers(int fd, int bytes) { calls::setUdpBuffers(fd, bytes); }
void setNoDelay(int fd) { calls::setNoDelay(fd); }
void setStreamOptions(int fd) { calls::setStreamOptions(fd); }
void setResetOnClose(int fd) { calls::setResetOnClose(fd); }
qint64 bytesReadable(int fd) { return calls::bytesReadable(fd); }
void closeFd(int fd) { calls::closeSocket(fd); }

QByteArray errorName(int code) { return QByteArray::fromStdString(calls::errorName(code)); }
QString errorText(int code) { return QString::fromStdString(calls::errorText(code)); }

int toSockaddr(const QHostAddress &address, quint16 port, void *storage, unsigned *length) {
  *length = calls::toSockaddr(toEndpoint(address, port), storage);
  return *length > 0 ? 0 : -1;
}

SocketAddress fromSockaddr(const void *storage) {
  return fromEndpoint(calls::fromSockaddr(storage));
}

}  // namespace routeless::net
