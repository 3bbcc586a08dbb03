#include "udpbridge.h"

#include <QSocketNotifier>
#include <QTimer>

#include "net/socketcalls.h"

namespace routeless::nodepass {

UdpBridge::UdpBridge(net::Stream *pool, int udpFd, bool ownsFd, net::SocketAddress peer,
                     Options options, QObject *parent)
    : QObject(parent),
      pool_(pool),
      fd_(udpFd),
      ownsFd_(ownsFd),
      peer_(std::move(peer)),
      options_(options),
      buffer_(new char[kBufferSize]) {
  pool_->setParent(this);
  if (!ownsFd_) {
    alignas(16) char storage[net::calls::kSockaddrBytes];  // as a sockaddr_storage
    unsigned len = 0;
    if (net::toSockaddr(peer_.address, peer_.port, storage, &len) == 0)
      peerSockaddr_ = QByteArray(storage, int(len));
  }
  connect(pool_, &net::Stream::readable, this, &UdpBridge::readPool);
  connect(pool_, &net::Stream::writable, this, &UdpBridge::flushPending);
  connect(pool_, &net::Stream::failed, this, [this](const QString &why) { finish(why); });
}

UdpBridge::~UdpBridge() {
  delete notifier_;
  if (ownsFd_) net::calls::closeSocket(fd_);
}

void UdpBridge::start() {
  activity_.start();
  idleTimer_ = new QTimer(this);
  idleTimer_->setInterval(qBound(50, options_.idleTimeoutMs / 4, 5000));
  connect(idleTimer_, &QTimer::timeout, this, [this] {
    if (activity_.elapsed() >= options_.idleTimeoutMs) finish(QStringLiteral("UDP idle timeout"));
  });
  idleTimer_->start();
  if (ownsFd_) {
    notifier_ = new QSocketNotifier(qintptr(fd_), QSocketNotifier::Read, this);
    connect(notifier_, &QSocketNotifier::activated, this, &UdpBridge::readUdp);
  }
  pool_->setReadWatch(true);
  readPool();
}

void UdpBridge::readPool() {
  while (!finished_) {
    const qint64 n = pool_->read(buffer_.get(), kBufferSize);
    if (n == net::Stream::WouldBlock) return;
    if (n == 0) return finish(QStringLiteral("EOF"));
    if (n < 0) return finish(pool_->errorString());
    activity_.restart();
    if (options_.framed)
      deframer_.feed(buffer_.get(), n, [this](const char *d, qint64 len) { toUser(d, len); });
    else
      toUser(buffer_.get(), n);
  }
}

void UdpBridge::toUser(const char *data, qint64 n) {
  if (options_.writeLimit) {
    if (options_.writeLimit->available() <= 0) return;  // over the rate: drop
    options_.writeLimit->consume(n);
  }
  const int64_t sent = ownsFd_ ? net::calls::sendBytes(fd_, data, size_t(n))
                               : net::calls::sendTo(fd_, data, size_t(n), peerSockaddr_.constData(),
                                                    unsigned(peerSockaddr_.size()));
  if (sent > 0 && options_.tx) options_.tx->fetch_add(quint64(sent), std::memory_order_relaxed);
}

void UdpBridge::readUdp() {
  char buf[65536];
  for (int i = 0; i < 64 && !finished_; ++i) {
    const int64_t n = net::calls::receiveBytes(fd_, buf, sizeof(buf));
    if (n < 0) return;  // EAGAIN, or ICMP errors such as ECONNREFUSED: keep the session
    fromUser(buf, n);
  }
}

void UdpBridge::fromUser(const char *data, qint64 len) {
  if (finished_) return;
  activity_.restart();
  if (options_.rx) options_.rx->fetch_add(quint64(len), std::memory_order_relaxed);
  if (options_.readLimit) {
    if (options_.readLimit->available() <= 0) return;  // over the rate: drop
    options_.readLimit->consume(len);
  }
  if (options_.framed) {
    if (len > kMaxFramedDatagram || pending_.size() + len + 2 > kMaxQueued) return;  // drop
    appendDatagramFrame(pending_, data, len);
    flushPending();
    if (!pending_.isEmpty()) pool_->setWriteWatch(true);
    return;
  }
  if (!pending_.isEmpty()) return;  // the stream is still busy with the previous datagram
  const qint64 n = pool_->write(data, len);
  if (n == net::Stream::WouldBlock) {
    pending_ = QByteArray(data, int(len));
  } else if (n < 0) {
    finish(pool_->errorString());
    return;
  } else if (n < len) {
    pending_ = QByteArray(data + n, int(len - n));
  }
  if (!pending_.isEmpty()) pool_->setWriteWatch(true);
}

void UdpBridge::flushPending() {
  while (!pending_.isEmpty() && !finished_) {
    const qint64 n = pool_->write(pending_.constData(), pending_.size());
    if (n == net::Stream::WouldBlock) return;
    if (n < 0) return finish(pool_->errorString());
    pending_.remove(0, n);
  }
  pool_->setWriteWatch(false);
}

void UdpBridge::finish(const QString &reason) {
  if (finished_) return;
  finished_ = true;
  if (idleTimer_) idleTimer_->stop();
  if (notifier_) notifier_->setEnabled(false);
  pool_->close();
  Q_EMIT finished(reason);
}

}  // namespace routeless::nodepass
