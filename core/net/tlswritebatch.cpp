#include "tlswritebatch.h"

#include "socketcalls.h"
#include "tlsbio.h"

namespace routeless::net {

TlsWriteBatch *TlsWriteBatch::install(SSL *ssl, int fd) {
  // One method for the process, made on first use (a thread-safe static), never freed.
  static BIO_METHOD *const method =
      tlsbio::makeMethod("routeless tls batch", nullptr, &TlsWriteBatch::write,
                         &TlsWriteBatch::control, &tlsbio::deleteData<TlsWriteBatch>);
  auto *batch = new TlsWriteBatch(fd);
  BIO *bio = tlsbio::newOwning(method, batch);
  if (!bio) return nullptr;
  SSL_set0_wbio(ssl, bio);  // the SSL object owns the BIO, the BIO owns the batch
  return batch;
}

TlsWriteBatch::Flush TlsWriteBatch::flush() {
  while (sent_ < queue_.size()) {
    const int64_t n = calls::sendBytes(fd_, queue_.data() + sent_, queue_.size() - sent_);
    if (n == calls::kWouldBlock) return Flush::WouldBlock;
    if (n < 0) {
      error_ = calls::lastError();
      return Flush::Failed;
    }
    sent_ += std::size_t(n);
  }
  queue_.clear();  // keeps its capacity: a busy connection does not allocate per write
  sent_ = 0;
  return Flush::Done;
}

int TlsWriteBatch::write(BIO *bio, const char *data, int len) {
  BIO_clear_retry_flags(bio);
  auto *self = static_cast<TlsWriteBatch *>(BIO_get_data(bio));
  if (len <= 0) return 0;
  if (self->gathering_) {
    self->queue_.append(data, std::size_t(len));
    return len;
  }
  // Nothing overtakes a queued record.
  switch (self->flush()) {
    case Flush::Done:
      break;
    case Flush::WouldBlock:
      BIO_set_retry_write(bio);
      return -1;
    case Flush::Failed:
      return -1;
  }
  const int64_t n = calls::sendBytes(self->fd_, data, std::size_t(len));
  if (n >= 0) return int(n);
  if (n == calls::kWouldBlock)
    BIO_set_retry_write(bio);
  else
    self->error_ = calls::lastError();
  return -1;
}

long TlsWriteBatch::control(BIO *bio, int cmd, long num, void *ptr) {
  (void)num;
  (void)ptr;
  auto *self = static_cast<TlsWriteBatch *>(BIO_get_data(bio));
  switch (cmd) {
    case BIO_CTRL_FLUSH:
      BIO_clear_retry_flags(bio);
      switch (self->flush()) {
        case Flush::Done:
          return 1;
        case Flush::WouldBlock:
          BIO_set_retry_write(bio);
          return -1;
        case Flush::Failed:
          return -1;
      }
      return -1;
    case BIO_CTRL_WPENDING:
      return long(self->queuedBytes());
    default:
      return 0;  // as OpenSSL's socket BIO for what it does not know (no kTLS here)
  }
}

}  // namespace routeless::net
