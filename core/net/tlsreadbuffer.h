#pragma once
// TlsReadBuffer: the read side of a TLS socket as OpenSSL sees it (a BIO). With OpenSSL's own
// read-ahead, one large recv() holds several records, and OpenSSL 3.0 moves what is left of the
// buffer to its front before each record (ssl3_read_n aligns every payload): a 64 KiB read cost
// its bytes copied about twice more in user space, and a 256 KiB buffer much more. This BIO
// makes one recv() into its own buffer and hands OpenSSL each record's header and body as it
// asks for them (read-ahead off), so each byte is copied once. Owned by the BIO, which the SSL
// object owns.
#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <cstddef>
#include <memory>

namespace routeless::net {

class TlsReadBuffer {
 public:
  // Bytes read from the socket at once; allocated on the first read.
  static constexpr std::size_t kCapacity = 128 * 1024;

  // Makes a buffer for `fd` (not owned) the read BIO of `ssl` and turns OpenSSL's read-ahead
  // off; valid until SSL_free(ssl). Null if OpenSSL could not make the BIO.
  static TlsReadBuffer *install(SSL *ssl, int fd);

  // Bytes read from the socket that OpenSSL has not asked for yet.
  std::size_t bufferedBytes() const { return end_ - begin_; }
  // True when a whole TLS record is buffered: OpenSSL can take it without a socket call.
  bool hasWholeRecord() const;

 private:
  explicit TlsReadBuffer(int fd) : fd_(fd) {}
  static int read(BIO *bio, char *data, int len);
  static long control(BIO *bio, int cmd, long num, void *ptr);
  // Refills the empty buffer from the socket: false with the BIO's retry or end-of-file state set.
  bool refill(BIO *bio);

  int fd_;
  std::unique_ptr<char[]> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool endOfFile_ = false;
};

}  // namespace routeless::net
