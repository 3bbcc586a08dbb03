#include "socketstream.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "socketcalls.h"
#include "tlsreadbuffer.h"
#include "tlswritebatch.h"

namespace routeless::net {
namespace {

QString sslErrorText() {
  const unsigned long e = ERR_get_error();
  if (!e) return QStringLiteral("TLS error");
  char buf[256];
  ERR_error_string_n(e, buf, sizeof(buf));
  ERR_clear_error();
  return QString::fromLatin1(buf);
}

QString systemErrorText(int code) { return QString::fromStdString(calls::errorText(code)); }

}  // namespace

SocketStream::SocketStream(int fd, bool connecting, QObject *parent) : Stream(parent), fd_(fd) {
  readNotifier_ = new QSocketNotifier(qintptr(fd_), QSocketNotifier::Read, this);
  writeNotifier_ = new QSocketNotifier(qintptr(fd_), QSocketNotifier::Write, this);
  readNotifier_->setEnabled(false);
  writeNotifier_->setEnabled(false);
  connect(readNotifier_, &QSocketNotifier::activated, this, &SocketStream::onReadActivity);
  connect(writeNotifier_, &QSocketNotifier::activated, this, &SocketStream::onWriteActivity);
  if (connecting) {
    state_ = State::Connecting;
  } else {
    peer_ = peerAddress(fd_);
  }
  updateNotifiers();
}

SocketStream::~SocketStream() { close(); }

void SocketStream::close() {
  if (state_ == State::Closed && fd_ < 0) return;
  state_ = State::Closed;
  delete readNotifier_;
  delete writeNotifier_;
  readNotifier_ = writeNotifier_ = nullptr;
  if (ssl_) {
    SSL_free(ssl_);
    ssl_ = nullptr;
    batch_ = nullptr;
    readBuffer_ = nullptr;
  }
  calls::closeSocket(fd_);
  fd_ = -1;
}

SocketAddress SocketStream::local() const { return localAddress(fd_); }

void SocketStream::startTls(SSL_CTX *ctx, bool server, const QByteArray &serverName,
                            bool verifyName, const QByteArray &alpn) {
  ERR_clear_error();
  ssl_ = SSL_new(ctx);
  if (!ssl_) {
    fail(QStringLiteral("TLS: SSL_new failed: %1").arg(sslErrorText()));
    return;
  }
  // Our own BIOs on both sides: records read once into a buffer, records written in batches.
  readBuffer_ = TlsReadBuffer::install(ssl_, fd_);
  batch_ = readBuffer_ ? TlsWriteBatch::install(ssl_, fd_) : nullptr;
  if (!batch_) {
    fail(QStringLiteral("TLS: no socket BIO: %1").arg(sslErrorText()));
    return;
  }
  SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (server) {
    SSL_set_accept_state(ssl_);
  } else {
    SSL_set_connect_state(ssl_);
    const bool ipLiteral = !QHostAddress(QString::fromLatin1(serverName)).isNull();
    if (!serverName.isEmpty() && serverName != "none" && !ipLiteral)
      SSL_set_tlsext_host_name(ssl_, serverName.constData());
    if (!alpn.isEmpty())
      SSL_set_alpn_protos(ssl_, reinterpret_cast<const unsigned char *>(alpn.constData()),
                          unsigned(alpn.size()));
    if (verifyName) {
      SSL_set_verify(ssl_, SSL_VERIFY_PEER, nullptr);
      // An IP literal is checked against the certificate's IP addresses, a name against its DNS
      // names.
      if (ipLiteral)
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), serverName.constData());
      else
        SSL_set1_host(ssl_, serverName.constData());
    }
  }
  tlsPending_ = true;
  if (state_ == State::Open) {
    state_ = State::Handshaking;
    continueHandshake();
  }
}

void SocketStream::finishConnect() {
  const int err = pendingError(fd_);
  if (err != 0) {
    errorCode_ = err;
    fail(QStringLiteral("connect: %1").arg(systemErrorText(err)));
    return;
  }
  peer_ = peerAddress(fd_);
  if (tlsPending_) {
    state_ = State::Handshaking;
    continueHandshake();
    return;
  }
  state_ = State::Open;
  updateNotifiers();
  Q_EMIT ready();
}

void SocketStream::continueHandshake() {
  ERR_clear_error();
  const int ret = SSL_do_handshake(ssl_);
  handshakeWantsRead_ = handshakeWantsWrite_ = false;
  if (ret == 1) {
    state_ = State::Open;
    tlsPending_ = false;
    updateNotifiers();
    Q_EMIT ready();
    return;
  }
  const int err = SSL_get_error(ssl_, ret);
  if (err == SSL_ERROR_WANT_READ)
    handshakeWantsRead_ = true;
  else if (err == SSL_ERROR_WANT_WRITE)
    handshakeWantsWrite_ = true;
  else {
    QString why = sslErrorText();
    const long verify = SSL_get_verify_result(ssl_);
    if (verify != X509_V_OK) why = QString::fromLatin1(X509_verify_cert_error_string(verify));
    fail(QStringLiteral("TLS handshake with %1: %2").arg(peer_.toString(), why));
    return;
  }
  updateNotifiers();
}

void SocketStream::fail(const QString &reason) {
  error_ = reason;
  const bool wasClosed = state_ == State::Closed;
  if (readNotifier_) readNotifier_->setEnabled(false);
  if (writeNotifier_) writeNotifier_->setEnabled(false);
  state_ = State::Closed;
  if (!wasClosed) Q_EMIT failed(reason);
}

void SocketStream::updateNotifiers() {
  if (!readNotifier_) return;
  bool r = false;
  bool w = false;
  switch (state_) {
    case State::Connecting:
      w = true;
      break;
    case State::Handshaking:
      r = handshakeWantsRead_;
      w = handshakeWantsWrite_;
      break;
    case State::Open:
      r = userRead_ || needReadForWrite_;
      w = userWrite_ || needWriteForRead_;
      break;
    case State::Closed:
      break;
  }
  if (readNotifier_->isEnabled() != r) readNotifier_->setEnabled(r);
  if (writeNotifier_->isEnabled() != w) writeNotifier_->setEnabled(w);
}

void SocketStream::setReadWatch(bool on) {
  if (userRead_ == on) return;
  userRead_ = on;
  updateNotifiers();
}

void SocketStream::setWriteWatch(bool on) {
  if (userWrite_ == on) return;
  userWrite_ = on;
  updateNotifiers();
}

void SocketStream::onReadActivity() {
  if (state_ == State::Handshaking) {
    continueHandshake();
    return;
  }
  if (state_ != State::Open) return;
  if (needReadForWrite_) {
    needReadForWrite_ = false;
    updateNotifiers();
    Q_EMIT writable();
  }
  if (userRead_ && state_ == State::Open) Q_EMIT readable();
}

void SocketStream::onWriteActivity() {
  if (state_ == State::Connecting) {
    finishConnect();
    return;
  }
  if (state_ == State::Handshaking) {
    continueHandshake();
    return;
  }
  if (state_ != State::Open) return;
  if (needWriteForRead_) {
    needWriteForRead_ = false;
    updateNotifiers();
    Q_EMIT readable();
  }
  if (userWrite_ && state_ == State::Open) Q_EMIT writable();
}

qint64 SocketStream::sslResult(int ret, bool reading) {
  const int err = SSL_get_error(ssl_, ret);
  switch (err) {
    case SSL_ERROR_WANT_READ:
      if (!reading) {
        needReadForWrite_ = true;
        updateNotifiers();
      }
      return WouldBlock;
    case SSL_ERROR_WANT_WRITE:
      if (reading) {
        needWriteForRead_ = true;
        updateNotifiers();
      }
      return WouldBlock;
    case SSL_ERROR_ZERO_RETURN:
      // The peer's close_notify: end of stream for a read. OpenSSL also reports it for a write
      // that failed after it (EPIPE once the peer hung up), and a write must never answer 0
      // (callers loop until the bytes are taken: a runtime thread spun there for good).
      if (reading) return 0;
      error_ = QStringLiteral("TLS: the peer closed the connection");
      return Failed;
    case SSL_ERROR_SYSCALL:
      errorCode_ = calls::lastError();
      if (reading && errorCode_ == 0) return 0;
      error_ = QStringLiteral("TLS: %1").arg(systemErrorText(errorCode_));
      return Failed;
    default:
      error_ = sslErrorText();
      return Failed;
  }
}

qint64 SocketStream::plainResult(int64_t n) {
  if (n >= 0) return qint64(n);
  if (n == calls::kWouldBlock) return WouldBlock;
  errorCode_ = calls::lastError();
  error_ = systemErrorText(errorCode_);
  return Failed;
}

qint64 SocketStream::read(char *buf, qint64 max) {
  if (state_ != State::Open) return state_ == State::Closed ? Failed : WouldBlock;
  if (ssl_) {
    ERR_clear_error();
    size_t n = 0;
    const int ret = SSL_read_ex(ssl_, buf, size_t(max), &n);
    if (ret != 1) return sslResult(ret, true);
    // One record is at most 16 KiB; go on with the whole records already buffered so the caller's
    // write on the plain side moves a whole buffer per syscall. No further socket reads happen
    // here.
    qint64 total = qint64(n);
    while (total < max && (SSL_has_pending(ssl_) == 1 || readBuffer_->hasWholeRecord())) {
      if (SSL_read_ex(ssl_, buf + total, size_t(max - total), &n) != 1) {
        ERR_clear_error();
        break;
      }
      total += qint64(n);
    }
    return total;
  }
  return plainResult(calls::receiveBytes(fd_, buf, size_t(max)));
}

qint64 SocketStream::peek(char *buf, qint64 max) {
  if (state_ != State::Open) return state_ == State::Closed ? Failed : WouldBlock;
  if (ssl_) {
    ERR_clear_error();
    size_t n = 0;
    const int ret = SSL_peek_ex(ssl_, buf, size_t(max), &n);
    if (ret == 1) return qint64(n);
    return sslResult(ret, true);
  }
  return plainResult(calls::peekBytes(fd_, buf, size_t(max)));
}

qint64 SocketStream::write(const char *buf, qint64 len) {
  if (state_ != State::Open) return state_ == State::Closed ? Failed : WouldBlock;
  if (len == 0) return 0;
  if (ssl_) {
    const QByteArrayView part(buf, len);
    return writeTls(&part, 1);
  }
  return plainResult(calls::sendBytes(fd_, buf, size_t(len)));
}

qint64 SocketStream::writeTls(const QByteArrayView *parts, int count) {
  if (sealedUnsent_ > 0) {
    // The caller repeats the call its records came from: hand them over once they are sent.
    qint64 offered = 0;
    for (int i = 0; i < count; ++i) offered += parts[i].size();
    if (offered < sealedUnsent_) {
      error_ = QStringLiteral("TLS: a write was repeated with fewer bytes than it sealed");
      return Failed;
    }
    return sendSealed(sealedUnsent_);
  }
  // Seal up to kTlsBatch bytes into records (SSL_write returns after each one), then send them
  // together.
  ERR_clear_error();
  qint64 total = 0;
  int ret = 1;
  batch_->setGathering(true);
  for (int i = 0; i < count && ret == 1 && total < kTlsBatch; ++i) {
    const char *p = parts[i].data();
    qint64 left = parts[i].size();
    while (left > 0 && total < kTlsBatch) {
      size_t n = 0;
      ret = SSL_write_ex(ssl_, p, size_t(qMin(left, kTlsBatch - total)), &n);
      if (ret != 1) break;
      p += n;
      left -= qint64(n);
      total += qint64(n);
    }
  }
  batch_->setGathering(false);
  if (total == 0) return ret == 1 ? 0 : sslResult(ret, false);
  ERR_clear_error();  // a later call reports whatever stopped this one early
  return sendSealed(total);
}

qint64 SocketStream::sendSealed(qint64 plaintext) {
  switch (batch_->flush()) {
    case TlsWriteBatch::Flush::Done:
      sealedUnsent_ = 0;
      return plaintext;
    case TlsWriteBatch::Flush::WouldBlock:
      sealedUnsent_ = plaintext;
      return WouldBlock;
    case TlsWriteBatch::Flush::Failed:
      break;
  }
  errorCode_ = batch_->errorCode();
  error_ = QStringLiteral("TLS: %1").arg(systemErrorText(errorCode_));
  return Failed;
}

qint64 SocketStream::writeGather(const QByteArrayView *parts, int count) {
  if (state_ != State::Open) return state_ == State::Closed ? Failed : WouldBlock;
  if (ssl_) return writeTls(parts, count);
  // 64 parts (calls::kMaxGatherParts) fill a socket buffer with the relay's chunks.
  calls::ConstBuffer bufs[calls::kMaxGatherParts];
  int used = 0;
  for (int i = 0; i < count && used < calls::kMaxGatherParts; ++i)
    if (!parts[i].isEmpty()) bufs[used++] = {parts[i].data(), size_t(parts[i].size())};
  return plainResult(calls::sendGather(fd_, bufs, used));
}

bool SocketStream::hasBufferedInput() const {
  return ssl_ && (SSL_has_pending(ssl_) == 1 || readBuffer_->bufferedBytes() > 0);
}

void SocketStream::shutdownWrite() {
  if (fd_ < 0) return;
  if (ssl_) {
    ERR_clear_error();
    SSL_shutdown(ssl_);
    ERR_clear_error();
  } else {
    calls::shutdownSend(fd_);
  }
}

QByteArray SocketStream::tlsExporter(const QByteArray &label, int length) const {
  if (!ssl_ || length <= 0) return {};
  QByteArray out(length, Qt::Uninitialized);
  if (SSL_export_keying_material(ssl_, reinterpret_cast<unsigned char *>(out.data()),
                                 size_t(length), label.constData(), size_t(label.size()), nullptr,
                                 0, 0) != 1)
    return {};
  return out;
}

QByteArray SocketStream::peerCertificateDer() const {
  if (!ssl_) return {};
  X509 *cert = SSL_get1_peer_certificate(ssl_);
  bool own = false;
  if (!cert) {
    cert = SSL_get_certificate(ssl_);
    own = true;
  }
  if (!cert) return {};
  unsigned char *der = nullptr;
  const int len = i2d_X509(cert, &der);
  QByteArray out;
  if (len > 0) out = QByteArray(reinterpret_cast<const char *>(der), len);
  OPENSSL_free(der);
  if (!own) X509_free(cert);
  return out;
}

}  // namespace routeless::net
