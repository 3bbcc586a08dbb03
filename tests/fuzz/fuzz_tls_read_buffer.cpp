// libFuzzer target: TlsReadBuffer, the BIO that hands OpenSSL a TLS peer's bytes. Arbitrary bytes
// from the socket, taken in arbitrary request sizes, must come out whole and in order, and
// hasWholeRecord() must agree with the record header it looks at; the same bytes fed to a real
// OpenSSL client as the server's side of a handshake must end in an error or a wait, never a
// crash or a loop.
#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "net/tlsreadbuffer.h"
#include "net/tlswritebatch.h"

using routeless::net::TlsReadBuffer;
using routeless::net::TlsWriteBatch;

namespace {

SSL_CTX *clientContext() {
  static SSL_CTX *const ctx = [] {
    SSL_CTX *c = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(c, SSL_VERIFY_NONE, nullptr);
    return c;
  }();
  return ctx;
}

// A socket pair whose first end holds `data` followed by the end of the stream.
bool loadedPair(const uint8_t *data, size_t size, int fds[2]) {
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0) return false;
  size_t off = 0;
  while (off < size) {
    const ssize_t n = ::send(fds[1], data + off, size - off, 0);
    if (n <= 0) break;
    off += size_t(n);
  }
  ::shutdown(fds[1], SHUT_WR);
  return off == size;
}

bool wholeRecordAt(const std::string &rest) {
  if (rest.size() < 5) return false;
  const size_t body = size_t(uint8_t(rest[3])) << 8 | uint8_t(rest[4]);
  return rest.size() >= 5 + body;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 64 * 1024) return 0;
  const unsigned step = data[0];  // request sizes cycle through 1 .. 256 and a large one
  int fds[2];
  if (!loadedPair(data, size, fds)) __builtin_trap();

  // The BIO alone: every byte out once, in order; hasWholeRecord() as the header says.
  SSL *ssl = SSL_new(clientContext());
  TlsReadBuffer *buffer = TlsReadBuffer::install(ssl, fds[0]);
  if (!buffer) __builtin_trap();
  BIO *rbio = SSL_get_rbio(ssl);
  std::string got;
  char out[20000];
  for (unsigned i = 0;; ++i) {
    const int want = (i % 4 == 3) ? int(sizeof(out)) : int(1 + (step * (i + 1)) % 256);
    const int n = BIO_read(rbio, out, want);
    if (n <= 0) break;
    if (n > want) __builtin_trap();
    got.append(out, size_t(n));
    const std::string rest(reinterpret_cast<const char *>(data) + got.size(),
                           buffer->bufferedBytes());
    if (got.size() + buffer->bufferedBytes() > size) __builtin_trap();
    if (buffer->hasWholeRecord() != wholeRecordAt(rest)) __builtin_trap();
  }
  if (got.size() != size || std::memcmp(got.data(), data, size) != 0) __builtin_trap();
  if (BIO_eof(rbio) != 1) __builtin_trap();
  SSL_free(ssl);
  ::close(fds[0]);
  ::close(fds[1]);

  // The same bytes as a server's answer to a real client's handshake.
  if (!loadedPair(data, size, fds)) __builtin_trap();
  ssl = SSL_new(clientContext());
  if (!TlsReadBuffer::install(ssl, fds[0]) || !TlsWriteBatch::install(ssl, fds[0]))
    __builtin_trap();
  SSL_set_connect_state(ssl);
  for (int round = 0; round < 64; ++round) {
    const int ret = SSL_do_handshake(ssl);
    if (ret == 1) break;
    const int err = SSL_get_error(ssl, ret);
    if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) break;
    if (round == 63) __builtin_trap();  // the end of the stream must stop it
  }
  SSL_free(ssl);
  ::close(fds[0]);
  ::close(fds[1]);
  return 0;
}
