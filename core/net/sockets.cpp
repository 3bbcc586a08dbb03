#include "sockets.h"

#include <algorithm>
#include <deque>
#include <mutex>

#include "sockets_sys.h"

// The platform-independent half of the socket helpers: what to do in which order and how errors
// read. The calls themselves are in sockets_posix.cpp / sockets_win.cpp.

namespace routeless::net {
namespace {

QString failureText(const char *what, int code) {
  return QStringLiteral("%1: %2").arg(QLatin1String(what), errorText(code));
}

// 0, or the code of the failure described in *error.
int bindTo(int fd, const QHostAddress &address, quint16 port, QString *error) {
  const int code = sys::bindSocket(fd, address, port);
  if (code == sys::kUnsupportedAddress) {
    if (error) *error = QStringLiteral("bind: unsupported address %1").arg(address.toString());
  } else if (code != 0 && error) {
    *error = failureText("bind", code) +
             QStringLiteral(" (%1 port %2)").arg(address.toString()).arg(port);
  }
  return code;
}

bool isIpv6(const QHostAddress &a) { return a.protocol() == QAbstractSocket::IPv6Protocol; }

int openOrFail(const QHostAddress &address, bool datagram, QString *error, int *errorCode) {
  const int fd = sys::openSocket(isIpv6(address), datagram);
  if (fd < 0) {
    const int code = sys::lastError();
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
  const int code = sys::connectSocket(fd, address, port);
  if (code == 0) return fd;
  if (code == sys::kUnsupportedAddress) {
    if (error) *error = QStringLiteral("connect: unsupported address %1").arg(address.toString());
  } else if (error) {
    *error = failureText("connect", code) +
             QStringLiteral(" (%1)").arg(SocketAddress{address, port}.toString());
  }
  if (errorCode) *errorCode = code;
  closeFd(fd);
  return -1;
}

quint16 kernelPort(bool datagram, const QHostAddress &address) {
  const int fd = sys::openSocket(isIpv6(address), datagram);
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
  sys::setReuseAddress(fd);
  if (bindTo(fd, address, port, error) != 0) {
    closeFd(fd);
    return -1;
  }
  if (const int code = sys::listenSocket(fd, backlog); code != 0) {
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

}  // namespace routeless::net
