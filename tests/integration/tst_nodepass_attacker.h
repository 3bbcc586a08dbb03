#pragma once
// What the tunnel attack tests need on top of tst_nodepass_support.h: the real NodePass binary,
// a blocking TLS client for an attacker's pool connections, and a relay on the wire between a
// tunnel client and its server that records, replays or terminates TLS (a man in the middle).
// Test code only; never used by the product.
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <QFileInfo>

#include "nodepass/tlscontext.h"
#include "tst_nodepass_support.h"

namespace nptest {

// A NodePass process (its output has colour codes; match message text only).
class NodePass {
 public:
  NodePass(const QString &binary, const QString &url, const QStringList &extraEnv = {}) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : extraEnv) {
      const int eq = kv.indexOf(QLatin1Char('='));
      env.insert(kv.left(eq), kv.mid(eq + 1));
    }
    proc_.setProcessEnvironment(env);
    proc_.setProcessChannelMode(QProcess::MergedChannels);
    proc_.start(binary, {url});
    proc_.waitForStarted(5000);
  }
  ~NodePass() {
    proc_.terminate();
    if (!proc_.waitForFinished(5000)) {
      proc_.kill();
      proc_.waitForFinished(2000);
    }
  }
  QString log() {
    while (proc_.state() == QProcess::Running && proc_.waitForReadyRead(10))
      out_ += QString::fromUtf8(proc_.readAll());
    out_ += QString::fromUtf8(proc_.readAll());
    return out_;
  }
  bool waitFor(const QString &pattern, int timeoutMs = 15000) {
    const QRegularExpression re(pattern);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
      if (re.match(log()).hasMatch()) return true;
      proc_.waitForReadyRead(50);
    }
    return re.match(log()).hasMatch();
  }
  int count(const QString &pattern) { return int(log().count(QRegularExpression(pattern))); }

 private:
  QProcess proc_;
  QString out_;
};

// A blocking TLS 1.3 client on an already connected socket, verifying nothing (what NodePass's
// pool does with tls=1, and what an attacker does).
class TlsClient {
 public:
  explicit TlsClient(int fd) {
    ctx_ = routeless::nodepass::makeClientTlsContext(false);
    ssl_ = SSL_new(ctx_);
    SSL_set_fd(ssl_, fd);
    ok_ = SSL_connect(ssl_) == 1;
  }
  ~TlsClient() {
    SSL_free(ssl_);
    SSL_CTX_free(ctx_);
  }
  bool ok() const { return ok_; }
  bool send(const QByteArray &b) {
    return SSL_write(ssl_, b.constData(), int(b.size())) == int(b.size());
  }
  // Up to n bytes, waiting for them until the socket's receive timeout; short on EOF.
  QByteArray recv(qint64 n) {
    QByteArray out;
    char buf[16384];
    while (out.size() < n) {
      const int r = SSL_read(ssl_, buf, int(qMin<qint64>(sizeof(buf), n - out.size())));
      if (r <= 0) break;
      out.append(buf, r);
    }
    return out;
  }

 private:
  SSL_CTX *ctx_ = nullptr;
  SSL *ssl_ = nullptr;
  bool ok_ = false;
};

// Sits between a tunnel client and its server. Every accepted connection is relayed to the
// server; the client->server bytes of each connection are recorded in order. With
// `mitmFromConnection` >= 0, connections from that index on have TLS terminated on both sides
// (the relay's own certificate towards the client) and the plaintext relayed.
class WireRelay {
 public:
  WireRelay(quint16 serverPort, int mitmFromConnection = -1)
      : serverPort_(serverPort), mitmFrom_(mitmFromConnection) {
    QByteArray cert, key;
    routeless::nodepass::generateSelfSignedPem(QStringLiteral("relay"), &cert, &key);
    serverCtx_ = SSL_CTX_new(TLS_server_method());
    BIO *cb = BIO_new_mem_buf(cert.constData(), int(cert.size()));
    BIO *kb = BIO_new_mem_buf(key.constData(), int(key.size()));
    X509 *x = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
    EVP_PKEY *k = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
    SSL_CTX_use_certificate(serverCtx_, x);
    SSL_CTX_use_PrivateKey(serverCtx_, k);
    X509_free(x);
    EVP_PKEY_free(k);
    BIO_free(cb);
    BIO_free(kb);
    clientCtx_ = routeless::nodepass::makeClientTlsContext(false);
    QString err;
    fd_ = routeless::net::listenTcp(QHostAddress::LocalHost, 0, &err);
    port_ = routeless::net::localAddress(fd_).port;
    thread_ = std::thread([this] { run(); });
  }
  ~WireRelay() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto &t : workers_) t.join();
    SSL_CTX_free(serverCtx_);
    SSL_CTX_free(clientCtx_);
  }
  quint16 port() const { return port_; }
  // Client->server bytes of connection i (in accept order).
  QByteArray recorded(int i) {
    std::lock_guard<std::mutex> lock(mutex_);
    return i < int(upstream_.size()) ? upstream_[size_t(i)] : QByteArray();
  }
  int connections() {
    std::lock_guard<std::mutex> lock(mutex_);
    return int(upstream_.size());
  }
  // Server->client bytes of connection i (plaintext when the relay terminates TLS).
  QByteArray downstream(int i) {
    std::lock_guard<std::mutex> lock(mutex_);
    return i < int(downstream_.size()) ? downstream_[size_t(i)] : QByteArray();
  }
  // Every byte the relay could read in either direction, all connections together.
  QByteArray everythingSeen() {
    std::lock_guard<std::mutex> lock(mutex_);
    QByteArray all;
    for (size_t i = 0; i < upstream_.size(); ++i) all += upstream_[i] + downstream_[i];
    return all;
  }
  // The latest pool connection whose server greeting starts with the control ID 00000000
  // (a handshake connection a NodePass server mistook for a pool connection does not count).
  int controlConnection() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = downstream_.size(); i-- > 0;)
      if (downstream_[i].startsWith(QByteArray(4, '\0')) && !upstream_[i].startsWith("GET "))
        return int(i);
    return -1;
  }
  // Sends `bytes` to the client on connection i as if the server had sent them.
  void injectDownstream(int i, const QByteArray &bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (i >= 0 && i < int(inject_.size())) inject_[size_t(i)] += bytes;
  }
  // Refuses new connections from now on (the client loses its server).
  void cutOff() { refuse_ = true; }

 private:
  // One side of a relayed connection: a socket, with or without TLS.
  struct Side {
    int fd = -1;
    SSL *ssl = nullptr;
    // >0 bytes, 0 EOF, -1 nothing now, -2 error.
    int read(char *buf, int n) {
      if (!ssl) {
        const ssize_t r = ::recv(fd, buf, size_t(n), MSG_DONTWAIT);
        if (r < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? -1 : -2;
        return int(r);
      }
      const int r = SSL_read(ssl, buf, n);
      if (r > 0) return r;
      const int e = SSL_get_error(ssl, r);
      if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return -1;
      return e == SSL_ERROR_ZERO_RETURN ? 0 : -2;
    }
    bool writeAll(const char *p, int n) {
      while (n > 0) {
        int w;
        if (ssl) {
          w = SSL_write(ssl, p, n);
          if (w <= 0) {
            const int e = SSL_get_error(ssl, w);
            if (e != SSL_ERROR_WANT_WRITE && e != SSL_ERROR_WANT_READ) return false;
            pollfd pf{fd, POLLOUT, 0};
            ::poll(&pf, 1, 50);
            continue;
          }
        } else {
          w = int(::send(fd, p, size_t(n), MSG_NOSIGNAL));
          if (w < 0) {
            if (errno != EAGAIN) return false;
            pollfd pf{fd, POLLOUT, 0};
            ::poll(&pf, 1, 50);
            continue;
          }
        }
        p += w;
        n -= w;
      }
      return true;
    }
  };

  static bool handshake(SSL *ssl, int fd, bool accept) {
    for (int i = 0; i < 200; ++i) {
      const int r = accept ? SSL_accept(ssl) : SSL_connect(ssl);
      if (r == 1) return true;
      const int e = SSL_get_error(ssl, r);
      if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) return false;
      pollfd pf{fd, short(e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT), 0};
      ::poll(&pf, 1, 50);
    }
    return false;
  }

  void run() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = routeless::net::acceptTcp(fd_, nullptr);
      if (c < 0) continue;
      if (refuse_) {
        ::close(c);
        continue;
      }
      const int s = dial(serverPort_);
      if (s < 0) {
        ::close(c);
        continue;
      }
      ::fcntl(c, F_SETFL, ::fcntl(c, F_GETFL) | O_NONBLOCK);
      ::fcntl(s, F_SETFL, ::fcntl(s, F_GETFL) | O_NONBLOCK);
      std::lock_guard<std::mutex> lock(mutex_);
      const int index = int(upstream_.size());
      upstream_.emplace_back();
      downstream_.emplace_back();
      inject_.emplace_back();
      workers_.emplace_back([this, c, s, index] { relay(c, s, index); });
    }
  }

  void relay(int c, int s, int index) {
    Side client{c, nullptr};
    Side server{s, nullptr};
    const bool mitm = mitmFrom_ >= 0 && index >= mitmFrom_;
    if (mitm) {
      client.ssl = SSL_new(serverCtx_);
      SSL_set_fd(client.ssl, c);
      server.ssl = SSL_new(clientCtx_);
      SSL_set_fd(server.ssl, s);
      if (!handshake(client.ssl, c, true) || !handshake(server.ssl, s, false)) {
        SSL_free(client.ssl);
        SSL_free(server.ssl);
        ::close(c);
        ::close(s);
        return;
      }
    }
    char buf[16384];
    bool open = true;
    while (open && !stop_) {
      QByteArray injected;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        injected = std::exchange(inject_[size_t(index)], QByteArray());
      }
      if (!injected.isEmpty() && !client.writeAll(injected.constData(), int(injected.size())))
        break;
      pollfd pf[2] = {{c, POLLIN, 0}, {s, POLLIN, 0}};
      const bool pending =
          (client.ssl && SSL_pending(client.ssl)) || (server.ssl && SSL_pending(server.ssl));
      if (!pending && ::poll(pf, 2, 50) <= 0) continue;
      for (int dir = 0; dir < 2 && open; ++dir) {
        Side &from = dir == 0 ? client : server;
        Side &to = dir == 0 ? server : client;
        for (;;) {
          const int n = from.read(buf, sizeof(buf));
          if (n == -1) break;
          if (n <= 0) {
            open = false;
            break;
          }
          {
            std::lock_guard<std::mutex> lock(mutex_);
            (dir == 0 ? upstream_ : downstream_)[size_t(index)].append(buf, n);
          }
          if (!to.writeAll(buf, n)) {
            open = false;
            break;
          }
        }
      }
    }
    if (client.ssl) SSL_free(client.ssl);
    if (server.ssl) SSL_free(server.ssl);
    ::close(c);
    ::close(s);
  }

  quint16 serverPort_;
  int mitmFrom_;
  SSL_CTX *serverCtx_ = nullptr;
  SSL_CTX *clientCtx_ = nullptr;
  int fd_ = -1;
  quint16 port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> refuse_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::thread> workers_;
  std::vector<QByteArray> upstream_;
  std::vector<QByteArray> downstream_;
  std::vector<QByteArray> inject_;
};

// Key bytes recovered from one NodePass control line whose plaintext is known: the XOR of the
// decoded line with that plaintext repeats the key.
inline QByteArray keyFromKnownPlaintext(const QByteArray &line, const QByteArray &plaintext) {
  const QByteArray decoded = QByteArray::fromBase64(line.trimmed());
  QByteArray stream;
  for (qsizetype i = 0; i < qMin(decoded.size(), plaintext.size()); ++i)
    stream.append(char(decoded[i] ^ plaintext[i]));
  // The shortest period of the key stream is the key.
  for (qsizetype len = 1; len <= stream.size() / 2; ++len) {
    bool periodic = true;
    for (qsizetype i = len; i < stream.size() && periodic; ++i)
      periodic = stream[i] == stream[i - len];
    if (periodic) return stream.left(len);
  }
  return stream;
}

}  // namespace nptest
