#pragma once
// Stream: one non-blocking TCP socket, optionally wrapped in OpenSSL TLS, driven by
// QSocketNotifiers on the thread that owns it. It must never block, buffer unboundedly, or be
// touched from another thread.
#include <openssl/ssl.h>

#include <QObject>
#include <QSocketNotifier>

#include "sockets.h"

namespace routeless::net {

class Stream final : public QObject {
  Q_OBJECT
 public:
  static constexpr qint64 WouldBlock = -1;
  static constexpr qint64 Failed = -2;

  // Takes ownership of `fd`. With `connecting`, the fd is an in-progress connect and ready()
  // (or failed()) follows.
  explicit Stream(int fd, bool connecting = false, QObject *parent = nullptr);
  ~Stream() override;

  // Starts TLS on the socket (after connect, if still connecting). Takes a reference on `ctx`.
  // With `verifyName` set, the peer certificate must match it (client side).
  void startTls(SSL_CTX *ctx, bool server, const QByteArray &serverName, bool verifyName);

  int fd() const { return fd_; }
  SSL *ssl() const { return ssl_; }
  bool isTls() const { return ssl_ != nullptr; }
  bool isReady() const { return state_ == State::Open; }
  bool isClosed() const { return state_ == State::Closed; }

  // >0 bytes, 0 at end of stream, WouldBlock (watch armed by the caller) or Failed.
  qint64 read(char *buf, qint64 max);
  qint64 peek(char *buf, qint64 max);
  qint64 write(const char *buf, qint64 len);
  // Bytes waiting inside TLS (decrypted or read ahead): no notifier will announce them.
  bool hasBufferedInput() const;
  void shutdownWrite();
  void close();

  void setReadWatch(bool on);
  void setWriteWatch(bool on);

  QString errorString() const { return error_; }
  SocketAddress peer() const { return peer_; }
  SocketAddress local() const;
  // DER of the peer's (client side) or own (server side) leaf certificate.
  QByteArray peerCertificateDer() const;

 Q_SIGNALS:
  void ready();
  void failed(const QString &reason);
  void readable();
  void writable();

 private:
  enum class State { Connecting, Handshaking, Open, Closed };
  void onReadActivity();
  void onWriteActivity();
  void finishConnect();
  void continueHandshake();
  void fail(const QString &reason);
  void updateNotifiers();
  qint64 sslResult(int ret, bool reading);

  int fd_ = -1;
  State state_ = State::Open;
  SSL *ssl_ = nullptr;
  bool tlsPending_ = false;
  bool userRead_ = false;
  bool userWrite_ = false;
  bool needReadForWrite_ = false;
  bool needWriteForRead_ = false;
  bool handshakeWantsRead_ = false;
  bool handshakeWantsWrite_ = false;
  QSocketNotifier *readNotifier_ = nullptr;
  QSocketNotifier *writeNotifier_ = nullptr;
  SocketAddress peer_;
  QString error_;
};

}  // namespace routeless::net
