#include "virtualstream.h"

#include <string.h>

namespace routeless::net {

VirtualStream::VirtualStream(QObject *parent) : Stream(parent) {}

VirtualStream::~VirtualStream() = default;

void VirtualStream::closeFromDestructor() {
  if (aborted_) return;
  aborted_ = true;
  closed_ = true;
  abortStream();
}

qint64 VirtualStream::read(char *buf, qint64 max) {
  if (closed_) return Failed;
  const qint64 have = available();
  if (have > 0) {
    const qint64 n = qMin(have, max);
    memcpy(buf, inbox_.constData() + inboxOffset_, size_t(n));
    inboxOffset_ += n;
    if (inboxOffset_ == inbox_.size()) {
      // resize, not clear: the allocation stays for the next bytes (no malloc/free, and no
      // page faults for a multi-megabyte buffer, per delivery).
      inbox_.resize(0);
      inboxOffset_ = 0;
    } else if (inboxOffset_ > (1 << 20) && inboxOffset_ * 2 > inbox_.size()) {
      inbox_.remove(0, inboxOffset_);
      inboxOffset_ = 0;
    }
    consumed(n);
    return n;
  }
  if (failed_) return Failed;
  if (peerEof_) return 0;
  return WouldBlock;
}

qint64 VirtualStream::peek(char *buf, qint64 max) {
  if (closed_) return Failed;
  const qint64 have = available();
  if (have > 0) {
    const qint64 n = qMin(have, max);
    memcpy(buf, inbox_.constData() + inboxOffset_, size_t(n));
    return n;
  }
  if (failed_) return Failed;
  if (peerEof_) return 0;
  return WouldBlock;
}

qint64 VirtualStream::write(const char *buf, qint64 len) {
  if (closed_ || failed_ || writeShut_) {
    if (error_.isEmpty()) error_ = QStringLiteral("stream closed");
    return Failed;
  }
  if (len == 0) return 0;
  const qint64 room = sendCapacity();
  if (room <= 0) return WouldBlock;
  const qint64 n = qMin(room, len);
  if (!sendBytes(buf, n)) {
    if (error_.isEmpty()) error_ = QStringLiteral("stream write failed");
    return Failed;
  }
  return n;
}

void VirtualStream::shutdownWrite() {
  if (writeShut_ || closed_ || failed_) return;
  writeShut_ = true;
  sendEof();
}

void VirtualStream::close() {
  if (closed_) return;
  closed_ = true;
  readWatch_ = writeWatch_ = false;
  if (!aborted_) {
    aborted_ = true;
    abortStream();
  }
}

void VirtualStream::setReadWatch(bool on) {
  readWatch_ = on;
  if (on) schedule();
}

void VirtualStream::setWriteWatch(bool on) {
  writeWatch_ = on;
  if (on) schedule();
}

void VirtualStream::deliver(const char *data, qint64 len) {
  if (len <= 0 || closed_) return;
  inbox_.append(data, len);
  schedule();
}

void VirtualStream::deliverEof() {
  if (peerEof_) return;
  peerEof_ = true;
  schedule();
}

void VirtualStream::deliverError(const QString &reason) {
  if (failed_ || closed_) return;
  failed_ = true;
  error_ = reason;
  schedule();
  // Like a socket error: the owner hears about it even without a watch armed.
  QMetaObject::invokeMethod(
      this,
      [this, reason] {
        if (!closed_) Q_EMIT failed(reason);
      },
      Qt::QueuedConnection);
}

void VirtualStream::schedule() {
  if (scheduled_ || closed_) return;
  scheduled_ = true;
  QMetaObject::invokeMethod(this, &VirtualStream::dispatch, Qt::QueuedConnection);
}

void VirtualStream::dispatch() {
  scheduled_ = false;
  if (closed_) return;
  if (readWatch_ && (available() > 0 || peerEof_ || failed_)) Q_EMIT readable();
  if (closed_) return;
  if (writeWatch_ && (failed_ || sendCapacity() > 0)) Q_EMIT writable();
  if (closed_) return;
  // Level-triggered, as a socket notifier: an owner that left input unread (or room unused)
  // with its watch on hears again on the next turn of the loop.
  if ((readWatch_ && (available() > 0 || peerEof_ || failed_)) ||
      (writeWatch_ && (failed_ || sendCapacity() > 0)))
    schedule();
}

}  // namespace routeless::net
