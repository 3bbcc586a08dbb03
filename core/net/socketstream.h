#pragma once
// SocketStream: one non-blocking TCP socket, optionally wrapped in OpenSSL TLS, driven by
// QSocketNotifiers on the thread that owns it. It must never block, buffer unboundedly, or be
// touched from another thread. Its system calls go through net/socketcalls.h (one file per
// platform), so it has none of its own.
#include <openssl/ssl.h>

#include <QByteArrayView>
#include <QSocketNotifier>

#include "stream.h"

namespace routeless::net {
class TlsReadBuffer;
class TlsWriteBatch;
}  // namespace routeless::net

namespace routeless::net {

class SocketStream final : public Stream {
  Q_OBJECT
 public:
  // Takes ownership of `fd`. With `connecting`, the fd is an in-progress connect and ready()
  // (or failed()) follows.
  explicit SocketStream(int fd, bool connecting = false, QObject *parent = nullptr);
  ~SocketStream() override;

  // Starts TLS on the socket (after connect, if still connecting). Takes a reference on `ctx`.
  // With `verifyName` set, the peer certificate must match it (client side).
  // `alpn` (client side) is the protocol list in wire format, e.g. "\x02h2".
  void startTls(SSL_CTX *ctx, bool server, const QByteArray &serverName, bool verifyName,
                const QByteArray &alpn = QByteArray());

  int fd() const override { return fd_; }
  bool canMoveThread() const override { return true; }
  SSL *ssl() const { return ssl_; }
  bool isTls() const override { return ssl_ != nullptr; }
  bool isReady() const override { return state_ == State::Open; }
  bool isClosed() const override { return state_ == State::Closed; }

  qint64 read(char *buf, qint64 max) override;
  qint64 peek(char *buf, qint64 max) override;
  // With TLS, as with OpenSSL itself, a call answered WouldBlock must be repeated with the same
  // bytes (more may follow them): its records may already be sealed and queued for the socket.
  qint64 write(const char *buf, qint64 len) override;
  // Writes `parts` in order as far as the socket takes them now, in one system call: the bytes
  // written (possibly ending inside a part), WouldBlock or Failed. A queue of many small chunks
  // then costs one call instead of one per chunk; with TLS, up to kTlsBatch bytes of records.
  qint64 writeGather(const QByteArrayView *parts, int count);
  // Plaintext sealed per TLS write call: four full records, sent with one system call.
  static constexpr qint64 kTlsBatch = 64 * 1024;
  // Bytes waiting inside TLS (decrypted or read ahead): no notifier will announce them.
  bool hasBufferedInput() const override;
  void shutdownWrite() override;
  void close() override;

  void setReadWatch(bool on) override;
  void setWriteWatch(bool on) override;

  QString errorString() const override { return error_; }
  // The system error code behind the last Failed result or failed() (0 when TLS failed).
  int errorCode() const { return errorCode_; }
  SocketAddress peer() const override { return peer_; }
  SocketAddress local() const override;
  QByteArray peerCertificateDer() const override;
  QByteArray tlsExporter(const QByteArray &label, int length) const override;

 private:
  enum class State { Connecting, Handshaking, Open, Closed };
  void onReadActivity();
  void onWriteActivity();
  void finishConnect();
  void continueHandshake();
  void fail(const QString &reason);
  void updateNotifiers();
  qint64 sslResult(int ret, bool reading);
  qint64 writeTls(const QByteArrayView *parts, int count);
  // Sends the records sealed for `plaintext` bytes: that count once they are out, else WouldBlock
  // (they stay queued, the count in sealedUnsent_) or Failed.
  qint64 sendSealed(qint64 plaintext);
  // A socket call's result (calls::sendBytes and the like) as a Stream result; Failed keeps why.
  qint64 plainResult(int64_t n);

  int fd_ = -1;
  State state_ = State::Open;
  SSL *ssl_ = nullptr;
  TlsReadBuffer *readBuffer_ = nullptr;  // the read BIO of ssl_ (owned by it), null without TLS
  TlsWriteBatch *batch_ = nullptr;       // the write BIO of ssl_ (owned by it), null without TLS
  // Plaintext of the last TLS write whose records are still queued in batch_: the caller was
  // told WouldBlock and passes the same bytes again; the count is theirs once the queue is sent.
  qint64 sealedUnsent_ = 0;
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
  int errorCode_ = 0;
};

}  // namespace routeless::net
