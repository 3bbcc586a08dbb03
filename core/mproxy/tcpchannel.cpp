#include "mproxy/tcpchannel.h"

#include <QHostInfo>
#include <QTcpServer>

#include "net/socketstream.h"

namespace routeless::mproxy {
namespace {

using net::Stream;

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

TcpChannel::~TcpChannel() { closeStream(); }

TcpChannel *TcpChannel::adopt(qintptr fd, QObject *parent) {
  auto *c = new TcpChannel(parent);
  net::setStreamOptions(int(fd));
  c->attach(new net::SocketStream(int(fd), /*connecting=*/false, c));
  c->m_connected = true;
  const net::SocketAddress peer = c->m_stream->peer();
  c->m_peer = peer.address;
  c->m_peerPort = peer.port;
  c->m_localPort = c->m_stream->local().port;
  c->m_stream->setReadWatch(c->m_readEnabled);
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

void TcpChannel::attach(net::SocketStream *stream) {
  m_stream = stream;
  connect(stream, &Stream::ready, this, &TcpChannel::onStreamReady);
  connect(stream, &Stream::failed, this, &TcpChannel::onStreamFailed);
  connect(stream, &Stream::readable, this, &TcpChannel::readable);
  connect(stream, &Stream::writable, this, &TcpChannel::flushQueue);
}

void TcpChannel::startConnect(const QList<QHostAddress> &addresses, quint16 port) {
  m_candidates = addresses;
  while (!m_candidates.isEmpty()) {
    m_peer = m_candidates.takeFirst();
    int code = 0;
    const int fd = net::connectTcp(m_peer, port, QHostAddress(), nullptr, &code);
    if (fd >= 0) {
      net::setNoDelay(fd);
      // Writable = the connect finished, one way or another: ready() or failed() follows.
      attach(new net::SocketStream(fd, /*connecting=*/true, this));
      return;
    }
    if (m_candidates.isEmpty()) {
      fail(code, "connect");
      return;
    }
  }
}

void TcpChannel::onStreamReady() {
  m_connected = true;
  m_localPort = m_stream->local().port;
  m_stream->setReadWatch(m_readEnabled);
  m_stream->setWriteWatch(!m_queue.empty());
  Q_EMIT connected();
  if (m_stream && !m_queue.empty())
    flushQueue();
  else if (m_stream)
    finishShutdownIfDrained();
}

void TcpChannel::onStreamFailed() {
  // Only a connect in progress fails through the signal; reads and writes report in place.
  const int code = m_stream->errorCode();
  if (!m_connected && !m_candidates.isEmpty()) {
    // Next address: keep what is queued for it.
    m_stream->disconnect(this);
    m_stream->close();
    m_stream->deleteLater();
    m_stream = nullptr;
    startConnect(m_candidates, m_peerPort);
    return;
  }
  fail(code, m_connected ? "read" : "connect");
}

qint64 TcpChannel::read(char *buf, qint64 max) {
  if (!m_stream || m_readEof) return -1;
  const qint64 n = m_stream->read(buf, max);
  if (n > 0) return n;
  if (n == 0) {
    m_readEof = true;
    m_stream->setReadWatch(false);
    return -1;
  }
  if (n == Stream::WouldBlock) return 0;
  fail(m_stream->errorCode(), "read");
  return -1;
}

qint64 TcpChannel::peek(char *buf, qint64 max) {
  if (!m_stream) return -1;
  const qint64 n = m_stream->peek(buf, max);
  if (n >= 0) return n;
  return n == Stream::WouldBlock ? 0 : -1;
}

qint64 TcpChannel::bytesAvailable() const {
  return m_stream ? net::bytesReadable(m_stream->fd()) : 0;
}

void TcpChannel::setReadEnabled(bool enabled) {
  if (enabled == m_readEnabled) return;  // called per read: no event-dispatcher churn
  m_readEnabled = enabled;
  if (m_stream && m_connected && !m_readEof) m_stream->setReadWatch(enabled);
}

void TcpChannel::write(QByteArrayView data) {
  // While dialling (no stream yet) bytes are queued and go out once connected.
  if (m_closed || m_shutdownWanted || data.isEmpty()) return;
  if (m_connected && m_queue.empty()) {
    // Straight to the kernel: no copy unless it cannot take everything now.
    while (!data.isEmpty()) {
      const qint64 n = m_stream->write(data.data(), data.size());
      if (n > 0) {
        data = data.sliced(n);
        continue;
      }
      if (n == Stream::Failed) {
        fail(m_stream->errorCode(), "write");
        return;
      }
      break;  // would block
    }
    if (data.isEmpty()) return;
  }
  m_queue.emplace_back(data.data(), data.size());
  m_queued += data.size();
  if (m_connected && m_stream) m_stream->setWriteWatch(true);
}

void TcpChannel::flushQueue() {
  // One gathered send for up to kParts queued chunks: the device's target and the relay's client
  // receive one chunk per M-PROXY frame, so a full socket leaves many small ones queued.
  constexpr int kParts = 64;
  qint64 written = 0;
  while (!m_queue.empty()) {
    QByteArrayView parts[kParts];
    int count = 0;
    for (auto it = m_queue.begin(); it != m_queue.end() && count < kParts; ++it, ++count)
      parts[count] = QByteArrayView(*it).sliced(count == 0 ? m_headOffset : 0);
    const qint64 n = m_stream->writeGather(parts, count);
    if (n == Stream::Failed) {
      fail(m_stream->errorCode(), "write");
      return;
    }
    if (n <= 0) break;  // would block
    written += n;
    m_queued -= n;
    qint64 left = n;
    while (left > 0) {
      const qint64 inHead = m_queue.front().size() - m_headOffset;
      if (left < inHead) {
        m_headOffset += left;
        break;
      }
      left -= inHead;
      m_queue.pop_front();
      m_headOffset = 0;
    }
  }
  if (m_queue.empty()) m_stream->setWriteWatch(false);
  if (written > 0) Q_EMIT wrote(m_queued);
  if (m_stream) finishShutdownIfDrained();
}

void TcpChannel::shutdownWrite() {
  m_shutdownWanted = true;
  finishShutdownIfDrained();
}

void TcpChannel::finishShutdownIfDrained() {
  if (!m_shutdownWanted || m_shutdownSent || !m_connected || !m_queue.empty() || !m_stream) return;
  m_shutdownSent = true;
  m_stream->shutdownWrite();
  Q_EMIT writeShutDone();
}

void TcpChannel::abort() {
  if (!m_stream) return;
  net::setResetOnClose(m_stream->fd());
  closeStream();
}

void TcpChannel::close() { closeStream(); }

void TcpChannel::fail(int err, const char *during) {
  const QByteArray code = net::errorName(err);
  QString message;
  if (qstrcmp(during, "connect") == 0)
    message = QStringLiteral("connect %1 %2").arg(QLatin1String(code), peerLabel());
  else
    message = QStringLiteral("%1 %2 (%3)")
                  .arg(QLatin1String(during), QLatin1String(code), net::errorText(err));
  closeStream();
  Q_EMIT failed(code, message);
}

void TcpChannel::closeStream() {
  m_closed = true;
  if (m_stream) {
    // The stream may be the one emitting right now: closed at once, deleted once it returns.
    m_stream->disconnect(this);
    m_stream->close();
    m_stream->deleteLater();
    m_stream = nullptr;
  }
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
