#include "netstack/hostsocket.h"

#include <QHostInfo>
#include <algorithm>
#include <cerrno>
#include <cstring>

#ifdef Q_OS_WIN
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#endif

namespace routeless::netstack {
namespace {

#ifdef Q_OS_WIN
using native_t = SOCKET;
int lastError() { return WSAGetLastError(); }
bool wouldBlock(int e) { return e == WSAEWOULDBLOCK; }
bool inProgress(int e) { return e == WSAEWOULDBLOCK || e == WSAEINPROGRESS; }
QString errorText(int e) { return QStringLiteral("Windows socket error %1").arg(e); }
void ensureWinsock() {
  static const bool ok = [] {
    WSADATA data;
    return WSAStartup(MAKEWORD(2, 2), &data) == 0;
  }();
  Q_UNUSED(ok);
}
#else
using native_t = int;
int lastError() { return errno; }
bool wouldBlock(int e) { return e == EAGAIN || e == EWOULDBLOCK; }
bool inProgress(int e) { return e == EINPROGRESS; }
QString errorText(int e) { return QString::fromLocal8Bit(strerror(e)); }
void ensureWinsock() {}
#endif

bool setNonBlocking(qintptr fd) {
#ifdef Q_OS_WIN
  u_long on = 1;
  return ioctlsocket(native_t(fd), FIONBIO, &on) == 0;
#else
  const int flags = fcntl(int(fd), F_GETFL);
  return flags != -1 && fcntl(int(fd), F_SETFL, flags | O_NONBLOCK) == 0;
#endif
}

void closeFd(qintptr fd) {
#ifdef Q_OS_WIN
  closesocket(native_t(fd));
#else
  ::close(int(fd));
#endif
}

// QHostAddress -> sockaddr; returns the length used, 0 if the protocol is unsupported.
socklen_t toSockaddr(const QHostAddress &a, quint16 port, sockaddr_storage *ss) {
  memset(ss, 0, sizeof *ss);
  if (a.protocol() == QAbstractSocket::IPv4Protocol) {
    auto *in = reinterpret_cast<sockaddr_in *>(ss);
    in->sin_family = AF_INET;
    in->sin_port = htons(port);
    in->sin_addr.s_addr = htonl(a.toIPv4Address());
    return sizeof(sockaddr_in);
  }
  if (a.protocol() == QAbstractSocket::IPv6Protocol) {
    auto *in6 = reinterpret_cast<sockaddr_in6 *>(ss);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(port);
    const Q_IPV6ADDR bytes = a.toIPv6Address();
    memcpy(&in6->sin6_addr, bytes.c, 16);
    in6->sin6_scope_id = a.scopeId().toUInt();
    return sizeof(sockaddr_in6);
  }
  return 0;
}

}  // namespace

HostSocket::HostSocket(QObject *parent) : QObject(parent) { ensureWinsock(); }

HostSocket::~HostSocket() { close(); }

void HostSocket::setSocketOptions(qintptr fd) {
  int one = 1;
  // Bridges write whole buffers; Nagle would only add latency to request/response traffic.
  setsockopt(native_t(fd), IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char *>(&one),
             sizeof one);
#ifdef SO_NOSIGPIPE
  setsockopt(native_t(fd), SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
}

bool HostSocket::adopt(qintptr fd) {
  close();
  if (!setNonBlocking(fd)) {
    setErrorFromErrno("cannot make the accepted socket non-blocking");
    closeFd(fd);
    return false;
  }
  setSocketOptions(fd);
  m_fd = fd;
  m_connected = true;
  setNotifiers();
  return true;
}

void HostSocket::connectToHost(const QString &host, quint16 port) {
  close();
  m_port = port;
  m_target = QStringLiteral("%1:%2").arg(host).arg(port);
  m_connecting = true;
  QHostAddress literal;
  if (literal.setAddress(host)) {
    m_addresses = {literal};
    // Connect from the event loop, so that the caller's signal connections are in place.
    QMetaObject::invokeMethod(this, &HostSocket::tryNextAddress, Qt::QueuedConnection);
    return;
  }
  QHostInfo::lookupHost(host, this, [this](const QHostInfo &info) {
    if (!m_connecting) return;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
      m_connecting = false;
      m_error = QStringLiteral("cannot resolve %1: %2").arg(m_target, info.errorString());
      Q_EMIT connectFailed(m_error);
      return;
    }
    m_addresses = info.addresses();
    // Prefer IPv4, as Go's net.Dial does for "tcp" on most hosts.
    std::stable_partition(m_addresses.begin(), m_addresses.end(), [](const QHostAddress &a) {
      return a.protocol() == QAbstractSocket::IPv4Protocol;
    });
    tryNextAddress();
  });
}

void HostSocket::tryNextAddress() {
  if (!m_connecting) return;
  while (!m_addresses.isEmpty()) {
    const QHostAddress addr = m_addresses.takeFirst();
    sockaddr_storage ss;
    const socklen_t len = toSockaddr(addr, m_port, &ss);
    if (!len) continue;
    const native_t fd = ::socket(ss.ss_family, SOCK_STREAM, IPPROTO_TCP);
#ifdef Q_OS_WIN
    if (fd == INVALID_SOCKET) {
#else
    if (fd < 0) {
#endif
      setErrorFromErrno("socket()");
      continue;
    }
#ifndef Q_OS_WIN
    fcntl(fd, F_SETFD, FD_CLOEXEC);
#endif
    setNonBlocking(qintptr(fd));
    setSocketOptions(qintptr(fd));
    if (::connect(fd, reinterpret_cast<sockaddr *>(&ss), len) == 0) {
      m_fd = qintptr(fd);
      m_connecting = false;
      m_connected = true;
      setNotifiers();
      Q_EMIT connected();
      return;
    }
    const int e = lastError();
    if (inProgress(e)) {
      m_fd = qintptr(fd);
      m_writeNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Write);
      connect(m_writeNotifier.get(), &QSocketNotifier::activated, this,
              &HostSocket::onConnectProgress);
#ifdef Q_OS_WIN
      m_exceptionNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Exception);
      connect(m_exceptionNotifier.get(), &QSocketNotifier::activated, this,
              &HostSocket::onConnectProgress);
#endif
      return;
    }
    m_error = QStringLiteral("connect to %1: %2").arg(m_target, errorText(e));
    closeFd(qintptr(fd));
  }
  m_connecting = false;
  if (m_error.isEmpty()) m_error = QStringLiteral("no usable address for %1").arg(m_target);
  Q_EMIT connectFailed(m_error);
}

void HostSocket::onConnectProgress() {
  int err = 0;
  socklen_t len = sizeof err;
  getsockopt(native_t(m_fd), SOL_SOCKET, SO_ERROR, reinterpret_cast<char *>(&err), &len);
  dropNotifiers();
  if (err != 0) {
    m_error = QStringLiteral("connect to %1: %2").arg(m_target, errorText(err));
    closeFd(m_fd);
    m_fd = -1;
    if (!m_addresses.isEmpty()) {
      tryNextAddress();
      return;
    }
    m_connecting = false;
    Q_EMIT connectFailed(m_error);
    return;
  }
  m_connecting = false;
  m_connected = true;
  setNotifiers();
  Q_EMIT connected();
}

void HostSocket::setNotifiers() {
  m_readNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
  m_writeNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Write);
  m_readNotifier->setEnabled(m_wantRead);
  m_writeNotifier->setEnabled(m_wantWrite);
  connect(m_readNotifier.get(), &QSocketNotifier::activated, this, &HostSocket::readable);
  connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, &HostSocket::writable);
}

void HostSocket::dropNotifiers() {
  m_readNotifier.reset();
  m_writeNotifier.reset();
  m_exceptionNotifier.reset();
}

void HostSocket::setReadNotifications(bool on) {
  m_wantRead = on;
  if (m_connected && m_readNotifier && m_readNotifier->isEnabled() != on)
    m_readNotifier->setEnabled(on);
}

void HostSocket::setWriteNotifications(bool on) {
  m_wantWrite = on;
  if (m_connected && m_writeNotifier && m_writeNotifier->isEnabled() != on)
    m_writeNotifier->setEnabled(on);
}

qint64 HostSocket::read(char *buffer, qint64 max) {
  if (m_fd == -1) return Error;
  for (;;) {
#ifdef Q_OS_WIN
    const int n = ::recv(native_t(m_fd), buffer, int(qMin<qint64>(max, INT_MAX)), 0);
#else
    const ssize_t n = ::recv(int(m_fd), buffer, size_t(max), 0);
#endif
    if (n >= 0) return qint64(n);
    const int e = lastError();
#ifndef Q_OS_WIN
    if (e == EINTR) continue;
#endif
    if (wouldBlock(e)) return WouldBlock;
    m_error = QStringLiteral("read: %1").arg(errorText(e));
    return Error;
  }
}

qint64 HostSocket::write(const ConstBuffer *buffers, int count) {
  if (m_fd == -1) return Error;
  for (;;) {
#ifdef Q_OS_WIN
    WSABUF bufs[64];
    const int n = qMin(count, 64);
    for (int i = 0; i < n; ++i) {
      bufs[i].buf = const_cast<char *>(static_cast<const char *>(buffers[i].data));
      bufs[i].len = ULONG(buffers[i].size);
    }
    DWORD sent = 0;
    if (WSASend(native_t(m_fd), bufs, DWORD(n), &sent, 0, nullptr, nullptr) == 0) return sent;
#else
    iovec iov[64];
    const int n = qMin(count, 64);
    for (int i = 0; i < n; ++i) {
      iov[i].iov_base = const_cast<void *>(buffers[i].data);
      iov[i].iov_len = buffers[i].size;
    }
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = decltype(msg.msg_iovlen)(n);
#ifdef MSG_NOSIGNAL
    const ssize_t sent = ::sendmsg(int(m_fd), &msg, MSG_NOSIGNAL);
#else
    const ssize_t sent = ::sendmsg(int(m_fd), &msg, 0);
#endif
    if (sent >= 0) return qint64(sent);
#endif
    const int e = lastError();
#ifndef Q_OS_WIN
    if (e == EINTR) continue;
#endif
    if (wouldBlock(e)) return 0;
    m_error = QStringLiteral("write: %1").arg(errorText(e));
    return Error;
  }
}

void HostSocket::shutdownWrite() {
  if (m_fd == -1) return;
#ifdef Q_OS_WIN
  ::shutdown(native_t(m_fd), SD_SEND);
#else
  ::shutdown(int(m_fd), SHUT_WR);
#endif
}

void HostSocket::close() {
  m_connecting = false;
  m_connected = false;
  dropNotifiers();
  if (m_fd != -1) {
    closeFd(m_fd);
    m_fd = -1;
  }
}

void HostSocket::abort() {
  if (m_fd != -1) {
    linger l{};
    l.l_onoff = 1;
    l.l_linger = 0;
    setsockopt(native_t(m_fd), SOL_SOCKET, SO_LINGER, reinterpret_cast<const char *>(&l), sizeof l);
  }
  close();
}

QString HostSocket::peerName() const {
  if (!m_target.isEmpty()) return m_target;
  if (m_fd == -1) return QString();
  sockaddr_storage ss;
  socklen_t len = sizeof ss;
  if (getpeername(native_t(m_fd), reinterpret_cast<sockaddr *>(&ss), &len) != 0) return QString();
  QHostAddress a(reinterpret_cast<sockaddr *>(&ss));
  const quint16 port = ss.ss_family == AF_INET
                           ? ntohs(reinterpret_cast<sockaddr_in *>(&ss)->sin_port)
                           : ntohs(reinterpret_cast<sockaddr_in6 *>(&ss)->sin6_port);
  return QStringLiteral("%1:%2").arg(a.toString()).arg(port);
}

void HostSocket::setErrorFromErrno(const char *what) {
  m_error = QStringLiteral("%1: %2").arg(QLatin1String(what), errorText(lastError()));
}

HostListener::HostListener(Handler handler, QObject *parent)
    : QTcpServer(parent), m_handler(std::move(handler)) {}

bool HostListener::listenOn(const QHostAddress &address, quint16 port, QString *error) {
  if (listen(address, port)) return true;
  if (error) {
    QString why = QStringLiteral("failed to listen on \"%1:%2\": %3")
                      .arg(address.toString())
                      .arg(port)
                      .arg(errorString());
    if (serverError() == QAbstractSocket::SocketAddressNotAvailableError) {
      why += QStringLiteral(
                 "; hint: this host has no %1 on its loopback interface: try running `sudo "
                 "ifconfig lo0 alias %1` (macOS/BSD), or set loopback.disable and use the "
                 "HTTP/SOCKS proxy instead")
                 .arg(address.toString());
    }
    *error = why;
  }
  return false;
}

void HostListener::incomingConnection(qintptr fd) {
  if (m_handler)
    m_handler(fd);
  else
    closeFd(fd);
}

void closeNativeSocket(qintptr fd) { closeFd(fd); }

}  // namespace routeless::netstack
