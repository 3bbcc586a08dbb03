#pragma once
// VirtualStream: the common half of a Stream carried inside another protocol (a QUIC or HTTP/2
// stream, a WebSocket): an inbound buffer the transport fills, level-triggered readable/writable
// emulated with one queued notification, end of stream and errors. It must never emit from
// inside a call the owner made (always queued) nor hold more input than the transport granted.
#include <QByteArray>

#include "stream.h"

namespace routeless::net {

class VirtualStream : public Stream {
  Q_OBJECT
 public:
  explicit VirtualStream(QObject *parent = nullptr);
  ~VirtualStream() override;

  bool isTls() const override { return true; }
  bool isReady() const override { return !closed_; }
  bool isClosed() const override { return closed_; }
  qint64 read(char *buf, qint64 max) override;
  qint64 peek(char *buf, qint64 max) override;
  qint64 write(const char *buf, qint64 len) override;
  bool hasBufferedInput() const override { return available() > 0; }
  void shutdownWrite() override;
  void close() override;
  void setReadWatch(bool on) override;
  void setWriteWatch(bool on) override;
  QString errorString() const override { return error_; }

  qint64 available() const { return inbox_.size() - inboxOffset_; }
  bool writeShut() const { return writeShut_; }
  bool peerEnded() const { return peerEof_; }

 protected:
  // Transport side. Bytes from the peer, in order.
  void deliver(const char *data, qint64 len);
  void deliverEof();
  // The carrier failed or the peer reset the stream: reads and writes fail from now on.
  void deliverError(const QString &reason);
  // The transport can take bytes again.
  void notifyWritable() { schedule(); }

  // How many bytes sendBytes() would take now (0 = WouldBlock).
  virtual qint64 sendCapacity() const = 0;
  // Queues bytes for the peer (called with len <= sendCapacity()); false on a fatal error.
  virtual bool sendBytes(const char *data, qint64 len) = 0;
  virtual void sendEof() = 0;
  // Both directions end now; called once, from close() or the destructor.
  virtual void abortStream() = 0;
  // The owner read `n` bytes: flow-control credit for the peer.
  virtual void consumed(qint64 n) { Q_UNUSED(n); }

  // For the destructor of a subclass: run abortStream() while the subclass still exists.
  void closeFromDestructor();

 private:
  void schedule();
  void dispatch();

  QByteArray inbox_;
  qint64 inboxOffset_ = 0;
  bool peerEof_ = false;
  bool failed_ = false;
  bool closed_ = false;
  bool writeShut_ = false;
  bool aborted_ = false;
  bool readWatch_ = false;
  bool writeWatch_ = false;
  bool scheduled_ = false;
  QString error_;
};

}  // namespace routeless::net
