#include "mproxy/tcpchannel.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <QHostInfo>
#include <QSocketNotifier>
#include <QTcpServer>
#include <cerrno>
#include <cstring>

namespace routeless::mproxy {
namespace {

#ifdef MSG_NOSIGNAL
constexpr int kSendFlags = MSG_NOSIGNAL;
#else
constexpr int kSendFlags = 0;  // SO_NOSIGPIPE is set on the socket instead
#endif

// Node's names for the errors a client or target socket meets.
QByteArray errnoCode(int err) {
  switch (err) {
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
      return "E" + QByteArray::number(err);
  }
}

void setSocketOptions(int fd) {
  const int flags = fcntl(fd, F_GETFL, 0);
  fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef SO_NOSIGPIPE
  setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
}

bool addressOf(const sockaddr_storage &ss, QHostAddress *addr, quint16 *port) {
  if (ss.ss_family == AF_INET) {
    const auto *in = reinterpret_cast<const sockaddr_in *>(&ss);
    *port = ntohs(in->sin_port);
  } else if (ss.ss_family == AF_INET6) {
    const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&ss);
    *port = ntohs(in6->sin6_port);
  } else {
    return false;
  }
  addr->setAddress(reinterpret_cast<const sockaddr *>(&ss));
  return true;
}

// A QTcpServer that gives away the accepted descriptor instead of wrapping it.
class FdServer final : public QTcpServer {
 public:
  explicit FdServer(TcpListener *owner) : QTcpServer(owner), m_owner(owner) {}

 protected:
  void incomingConnection(qintptr fd) override { Q_EMIT m_owner->accepted(fd); }

 private:
  TcpListener *m_owner;
};

}  // namespace

TcpChannel::TcpChannel(QObject *parent) : QObject(parent) {}

TcpChannel::~TcpChannel() { closeFd(); }

TcpChannel *TcpChannel::adopt(qintptr fd, QObject *parent) {
  auto *c = new TcpChannel(parent);
  c->attach(int(fd));
  c->m_connected = true;
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (getpeername(int(fd), reinterpret_cast<sockaddr *>(&ss), &len) == 0)
    addressOf(ss, &c->m_peer, &c->m_peerPort);
  len = sizeof ss;
  QHostAddress local;
  if (getsockname(int(fd), reinterpret_cast<sockaddr *>(&ss), &len) == 0)
    addressOf(ss, &local, &c->m_localPort);
  return c;
}

TcpChannel *TcpChannel::dial(const QString &host, quint16 port, QObject *parent) {
  auto *c = new TcpChannel(parent);
  c->m_peerName = host;
  c->m_peerPort = port;
  QHostAddress literal;
  if (literal.setAddress(host)) {
    QMetaObject::invokeMethod(
        c, [c, literal, port] { c->startConnect({literal}, port); }, Qt::QueuedConnection);
  } else {
    QHostInfo::lookupHost(host, c, [c, port](const QHostInfo &info) {
      if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        Q_EMIT c->failed("ENOTFOUND",
                         QStringLiteral("getaddrinfo ENOTFOUND %1").arg(c->m_peerName));
        return;
      }
      c->startConnect(info.addresses(), port);
    });
  }
  return c;
}

QString TcpChannel::peerLabel() const {
  const QString host = m_peerName.isEmpty() ? m_peer.toString() : m_peerName;
  return QStringLiteral("%1:%2").arg(host).arg(m_peerPort);
}

void TcpChannel::attach(int fd) {
  m_fd = fd;
  setSocketOptions(fd);
  m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
  connect(m_readNotifier, &QSocketNotifier::activated, this, &TcpChannel::onReadActivated);
  m_readNotifier->setEnabled(m_readEnabled);
  m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
  connect(m_writeNotifier, &QSocketNotifier::activated, this, &TcpChannel::onWriteActivated);
  m_writeNotifier->setEnabled(false);
}

void TcpChannel::startConnect(const QList<QHostAddress> &addresses, quint16 port) {
  m_candidates = addresses;
  while (!m_candidates.isEmpty()) {
    const QHostAddress addr = m_candidates.takeFirst();
    m_peer = addr;
    sockaddr_storage ss{};
    socklen_t len = 0;
    if (addr.protocol() == QAbstractSocket::IPv4Protocol) {
      auto *in = reinterpret_cast<sockaddr_in *>(&ss);
      in->sin_family = AF_INET;
      in->sin_port = htons(port);
      in->sin_addr.s_addr = htonl(addr.toIPv4Address());
      len = sizeof(sockaddr_in);
    } else {
      auto *in6 = reinterpret_cast<sockaddr_in6 *>(&ss);
      in6->sin6_family = AF_INET6;
      in6->sin6_port = htons(port);
      const Q_IPV6ADDR a = addr.toIPv6Address();
      memcpy(&in6->sin6_addr, &a, sizeof a);
      in6->sin6_scope_id = addr.scopeId().toUInt();
      len = sizeof(sockaddr_in6);
    }
    const int fd = ::socket(ss.ss_family, SOCK_STREAM, 0);
    if (fd < 0) {
      fail(errno, "connect");
      return;
    }
    setSocketOptions(fd);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&ss), len) == 0 || errno == EINPROGRESS) {
      attach(fd);
      m_writeNotifier->setEnabled(true);  // writable = the connect finished, one way or another
      m_readNotifier->setEnabled(false);
      return;
    }
    const int err = errno;
    ::close(fd);
    if (m_candidates.isEmpty()) {
      fail(err, "connect");
      return;
    }
  }
}

qint64 TcpChannel::read(char *buf, qint64 max) {
  if (m_fd < 0 || m_readEof) return -1;
  while (true) {
    const ssize_t n = ::recv(m_fd, buf, size_t(max), 0);
    if (n > 0) return n;
    if (n == 0) {
      m_readEof = true;
      m_readNotifier->setEnabled(false);
      return -1;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    fail(errno, "read");
    return -1;
  }
}

qint64 TcpChannel::peek(char *buf, qint64 max) {
  if (m_fd < 0) return -1;
  const ssize_t n = ::recv(m_fd, buf, size_t(max), MSG_PEEK);
  if (n >= 0) return n;
  return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : -1;
}

qint64 TcpChannel::bytesAvailable() const {
  int n = 0;
  if (m_fd < 0 || ::ioctl(m_fd, FIONREAD, &n) != 0) return 0;
  return n;
}

void TcpChannel::setReadEnabled(bool enabled) {
  if (enabled == m_readEnabled) return;  // called per read: no event-dispatcher churn
  m_readEnabled = enabled;
  if (m_readNotifier && m_connected && !m_readEof) m_readNotifier->setEnabled(enabled);
}

void TcpChannel::write(QByteArrayView data) {
  // While dialling (no descriptor yet) bytes are queued and go out once connected.
  if (m_closed || m_shutdownWanted || data.isEmpty()) return;
  if (m_connected && m_queue.empty()) {
    // Straight to the kernel: no copy unless it cannot take everything now.
    while (!data.isEmpty()) {
      const ssize_t n = ::send(m_fd, data.data(), size_t(data.size()), kSendFlags);
      if (n > 0) {
        data = data.sliced(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      fail(errno, "write");
      return;
    }
    if (data.isEmpty()) return;
  }
  m_queue.emplace_back(data.data(), data.size());
  m_queued += data.size();
  if (m_connected && m_writeNotifier) m_writeNotifier->setEnabled(true);
}

void TcpChannel::flushQueue() {
  qint64 written = 0;
  while (!m_queue.empty()) {
    iovec iov[16];
    int count = 0;
    for (auto it = m_queue.begin(); it != m_queue.end() && count < 16; ++it, ++count) {
      const qsizetype skip = count == 0 ? m_headOffset : 0;
      iov[count].iov_base = const_cast<char *>(it->constData()) + skip;
      iov[count].iov_len = size_t(it->size() - skip);
    }
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = count;
    const ssize_t n = ::sendmsg(m_fd, &msg, kSendFlags);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      fail(errno, "write");
      return;
    }
    written += n;
    m_queued -= n;
    qsizetype left = n;
    while (left > 0) {
      const qsizetype inHead = m_queue.front().size() - m_headOffset;
      if (left >= inHead) {
        left -= inHead;
        m_queue.pop_front();
        m_headOffset = 0;
      } else {
        m_headOffset += left;
        left = 0;
      }
    }
  }
  if (m_queue.empty()) m_writeNotifier->setEnabled(false);
  if (written > 0) Q_EMIT wrote(m_queued);
  if (m_fd >= 0) finishShutdownIfDrained();
}

void TcpChannel::shutdownWrite() {
  m_shutdownWanted = true;
  finishShutdownIfDrained();
}

void TcpChannel::finishShutdownIfDrained() {
  if (!m_shutdownWanted || m_shutdownSent || !m_connected || !m_queue.empty() || m_fd < 0) return;
  m_shutdownSent = true;
  ::shutdown(m_fd, SHUT_WR);
  Q_EMIT writeShutDone();
}

void TcpChannel::abort() {
  if (m_fd < 0) return;
  linger l{1, 0};  // close with RST
  setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  closeFd();
}

void TcpChannel::close() { closeFd(); }

void TcpChannel::onReadActivated() { Q_EMIT readable(); }

void TcpChannel::onWriteActivated() {
  if (!m_connected) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
      if (!m_candidates.isEmpty()) {
        // Next address: keep what is queued for it.
        delete m_readNotifier;
        m_readNotifier = nullptr;
        delete m_writeNotifier;
        m_writeNotifier = nullptr;
        ::close(m_fd);
        m_fd = -1;
        startConnect(m_candidates, m_peerPort);
        return;
      }
      fail(err, "connect");
      return;
    }
    m_connected = true;
    sockaddr_storage ss{};
    socklen_t slen = sizeof ss;
    QHostAddress local;
    if (getsockname(m_fd, reinterpret_cast<sockaddr *>(&ss), &slen) == 0)
      addressOf(ss, &local, &m_localPort);
    m_writeNotifier->setEnabled(!m_queue.empty());
    m_readNotifier->setEnabled(m_readEnabled);
    Q_EMIT connected();
    if (m_fd >= 0 && !m_queue.empty())
      flushQueue();
    else if (m_fd >= 0)
      finishShutdownIfDrained();
    return;
  }
  flushQueue();
}

void TcpChannel::fail(int err, const char *during) {
  const QByteArray code = errnoCode(err);
  QString message;
  if (qstrcmp(during, "connect") == 0)
    message = QStringLiteral("connect %1 %2").arg(QLatin1String(code), peerLabel());
  else
    message =
        QStringLiteral("%1 %2 (%3)")
            .arg(QLatin1String(during), QLatin1String(code), QString::fromLocal8Bit(strerror(err)));
  closeFd();
  Q_EMIT failed(code, message);
}

void TcpChannel::closeFd() {
  m_closed = true;
  delete m_readNotifier;
  m_readNotifier = nullptr;
  delete m_writeNotifier;
  m_writeNotifier = nullptr;
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
  m_queue.clear();
  m_queued = 0;
  m_headOffset = 0;
}

TcpListener::TcpListener(QObject *parent) : QObject(parent), m_server(new FdServer(this)) {}

TcpListener::~TcpListener() = default;

bool TcpListener::listen(const QHostAddress &address, quint16 port) {
  return m_server->listen(address, port);
}

QString TcpListener::errorString() const { return m_server->errorString(); }

quint16 TcpListener::serverPort() const { return m_server->serverPort(); }

void TcpListener::close() { m_server->close(); }

}  // namespace routeless::mproxy
