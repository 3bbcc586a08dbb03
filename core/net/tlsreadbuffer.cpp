#include "tlsreadbuffer.h"

#include <cstring>

#include "socketcalls.h"
#include "tlsbio.h"

namespace routeless::net {
namespace {

constexpr std::size_t kRecordHeader = 5;  // type, version (2), length (2)

}  // namespace

TlsReadBuffer *TlsReadBuffer::install(SSL *ssl, int fd) {
  // One method for the process, made on first use (a thread-safe static), never freed.
  static BIO_METHOD *const method =
      tlsbio::makeMethod("routeless tls read", &TlsReadBuffer::read, nullptr,
                         &TlsReadBuffer::control, &tlsbio::deleteData<TlsReadBuffer>);
  auto *buffer = new TlsReadBuffer(fd);
  BIO *bio = tlsbio::newOwning(method, buffer);
  if (!bio) return nullptr;
  SSL_set0_rbio(ssl, bio);  // the SSL object owns the BIO, the BIO owns the buffer
  // OpenSSL asks for a header, then a body: each comes out of this buffer.
  SSL_set_read_ahead(ssl, 0);
  return buffer;
}

bool TlsReadBuffer::hasWholeRecord() const {
  if (bufferedBytes() < kRecordHeader) return false;
  const auto *h = reinterpret_cast<const unsigned char *>(buffer_.get() + begin_);
  const std::size_t body = std::size_t(h[3]) << 8 | h[4];
  return bufferedBytes() >= kRecordHeader + body;
}

bool TlsReadBuffer::refill(BIO *bio) {
  // Not zeroed: the pages a small handshake read never touches stay out of memory.
  if (!buffer_) buffer_ = std::make_unique_for_overwrite<char[]>(kCapacity);
  begin_ = end_ = 0;
  const int64_t n = calls::receiveBytes(fd_, buffer_.get(), kCapacity);
  if (n > 0) {
    end_ = std::size_t(n);
    return true;
  }
  if (n == 0)
    endOfFile_ = true;  // OpenSSL asks BIO_eof() to tell the peer's hang-up from an error
  else if (n == calls::kWouldBlock)
    BIO_set_retry_read(bio);
  return false;  // on failure the socket's error stays in lastError(), as with a socket BIO
}

int TlsReadBuffer::read(BIO *bio, char *data, int len) {
  BIO_clear_retry_flags(bio);
  auto *self = static_cast<TlsReadBuffer *>(BIO_get_data(bio));
  if (len <= 0) return 0;
  if (self->bufferedBytes() == 0 && !self->refill(bio)) return self->endOfFile_ ? 0 : -1;
  const std::size_t n = std::min(self->bufferedBytes(), std::size_t(len));
  std::memcpy(data, self->buffer_.get() + self->begin_, n);
  self->begin_ += n;
  return int(n);
}

long TlsReadBuffer::control(BIO *bio, int cmd, long num, void *ptr) {
  (void)num;
  (void)ptr;
  auto *self = static_cast<TlsReadBuffer *>(BIO_get_data(bio));
  switch (cmd) {
    case BIO_CTRL_EOF:
      return self->endOfFile_ ? 1 : 0;
    case BIO_CTRL_PENDING:
      return long(self->bufferedBytes());
    case BIO_CTRL_FLUSH:
      return 1;
    default:
      return 0;  // as OpenSSL's socket BIO for what it does not know (no kTLS here)
  }
}

}  // namespace routeless::net
