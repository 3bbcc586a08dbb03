#pragma once
// Stream: one reliable byte stream as the engines see it (a TCP socket, a TLS session, one slot
// of a QUIC, WebSocket or HTTP/2 connection), non-blocking and driven by signals on its owner's
// thread. It must never block the caller nor be touched from another thread.
#include <QObject>

#include "sockets.h"

namespace routeless::net {

class Stream : public QObject {
  Q_OBJECT
 public:
  static constexpr qint64 WouldBlock = -1;
  static constexpr qint64 Failed = -2;

  using QObject::QObject;
  ~Stream() override = default;

  // The socket for fast paths that need one (splice, socket options); -1 when the stream is
  // carried inside another protocol.
  virtual int fd() const { return -1; }
  // True when the stream owns everything it uses (its socket, its children), so that it may move
  // to another thread with its pump; false when it is carried by a shared connection.
  virtual bool canMoveThread() const { return false; }
  // True when the bytes are wrapped (TLS or another protocol): no splice() possible.
  virtual bool isTls() const = 0;
  virtual bool isReady() const = 0;
  virtual bool isClosed() const = 0;

  // >0 bytes, 0 at end of stream, WouldBlock (watch armed by the caller) or Failed.
  virtual qint64 read(char *buf, qint64 max) = 0;
  virtual qint64 peek(char *buf, qint64 max) = 0;
  virtual qint64 write(const char *buf, qint64 len) = 0;
  // Bytes already received that no socket notifier will announce.
  virtual bool hasBufferedInput() const { return false; }
  // Ends our direction (the peer reads end of stream); reading goes on.
  virtual void shutdownWrite() = 0;
  // Ends both directions at once (a reset where the transport has one).
  virtual void close() = 0;

  // Level-triggered: while on, readable()/writable() keep coming as long as the condition holds.
  virtual void setReadWatch(bool on) = 0;
  virtual void setWriteWatch(bool on) = 0;

  virtual QString errorString() const = 0;
  virtual SocketAddress peer() const = 0;
  virtual SocketAddress local() const = 0;
  // DER of the peer's (client side) or own (server side) leaf certificate; empty without TLS.
  virtual QByteArray peerCertificateDer() const { return {}; }
  // RFC 5705/8446 keying material of the TLS session under this stream (`length` bytes for
  // `label`, no context); empty without TLS. Streams sharing one session share the value.
  virtual QByteArray tlsExporter(const QByteArray &label, int length) const {
    Q_UNUSED(label);
    Q_UNUSED(length);
    return {};
  }

 Q_SIGNALS:
  void ready();
  void failed(const QString &reason);
  void readable();
  void writable();
};

}  // namespace routeless::net
