#pragma once
// TlsWriteBatch: the write side of a TLS socket as OpenSSL sees it (a BIO). OpenSSL hands its
// write BIO one record at a time, so a 64 KiB write cost four send() calls and four TCP pushes.
// While gathering, this BIO keeps the records of one SocketStream write and flush() sends them
// with one call; outside a batch (handshake, alerts, a key update) it sends each record at once,
// after anything still queued, so nothing ever overtakes a queued record. Records the socket did
// not take stay queued until flush() succeeds. Owned by the BIO, which the SSL object owns.
#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <cstddef>
#include <string>

namespace routeless::net {

class TlsWriteBatch {
 public:
  enum class Flush { Done, WouldBlock, Failed };

  // Makes a batch for `fd` (not owned) the write BIO of `ssl`; valid until SSL_free(ssl).
  // Null if OpenSSL could not make the BIO (the socket BIO stays then).
  static TlsWriteBatch *install(SSL *ssl, int fd);

  // While on, records are queued instead of sent.
  void setGathering(bool on) { gathering_ = on; }
  // Sends what is queued, as far as the socket takes it now.
  Flush flush();
  bool hasQueued() const { return sent_ < queue_.size(); }
  std::size_t queuedBytes() const { return queue_.size() - sent_; }
  // The system error code behind the last Failed.
  int errorCode() const { return error_; }

 private:
  explicit TlsWriteBatch(int fd) : fd_(fd) {}
  static int write(BIO *bio, const char *data, int len);
  static long control(BIO *bio, int cmd, long num, void *ptr);

  int fd_;
  bool gathering_ = false;
  std::string queue_;
  std::size_t sent_ = 0;
  int error_ = 0;
};

}  // namespace routeless::net
