#pragma once
// Helpers for the NodePass integration tests: routeless-node processes with log capture, and
// small blocking loopback servers/clients on their own threads (so bulk transfers do not share
// the test's event loop). Only 127.0.0.1 is ever used.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/evp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "net/sockets.h"

namespace nptest {

inline int scaleDiv() { return qgetenv("ROUTELESS_TEST_SCALE") == "small" ? 10 : 1; }

// A routeless-node process whose output (stdout+stderr) is collected.
class Node {
 public:
  explicit Node(const QString &url, const QStringList &extraEnv = {})
      : Node(QStringLiteral(ROUTELESS_NODE_BIN), url, extraEnv) {}
  // Any NodePass-compatible program (ours or the real NodePass binary).
  Node(const QString &program, const QString &url, const QStringList &extraEnv) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    for (const QString &kv : extraEnv) {
      const int eq = kv.indexOf(QLatin1Char('='));
      env.insert(kv.left(eq), kv.mid(eq + 1));
    }
    proc_.setProcessEnvironment(env);
    proc_.setProcessChannelMode(QProcess::MergedChannels);
    proc_.start(program, {url});
    proc_.waitForStarted(5000);
  }
  ~Node() { stop(); }
  QString log() {
    // Pull whatever the pipe holds now (QProcess only reads it while waiting or in an event loop).
    while (proc_.state() == QProcess::Running && proc_.waitForReadyRead(10)) {
      out_ += QString::fromUtf8(proc_.readAll());
    }
    out_ += QString::fromUtf8(proc_.readAll());
    return out_;
  }
  bool waitFor(const QString &pattern, int timeoutMs = 10000) {
    const QRegularExpression re(pattern);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
      if (re.match(log()).hasMatch()) return true;
      if (proc_.state() != QProcess::Running) return re.match(log()).hasMatch();
      proc_.waitForReadyRead(50);
    }
    return re.match(log()).hasMatch();
  }
  int count(const QString &pattern) { return int(log().count(QRegularExpression(pattern))); }
  bool running() const { return proc_.state() == QProcess::Running; }
  // SIGTERM and wait; returns the exit code (-1 if it had to be killed).
  int stop() {
    if (proc_.state() == QProcess::NotRunning) return proc_.exitCode();
    proc_.terminate();
    if (!proc_.waitForFinished(5000)) {
      proc_.kill();
      proc_.waitForFinished(2000);
      return -1;
    }
    log();
    return proc_.exitCode();
  }
  void kill() {
    proc_.kill();
    proc_.waitForFinished(2000);
  }

 private:
  QProcess proc_;
  QString out_;
};

inline quint16 freePort() { return routeless::net::freeTcpPort(); }

// Blocking client socket to 127.0.0.1:port; -1 on failure.
inline int dial(quint16 port, int timeoutMs = 3000) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(port);
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  if (::connect(fd, reinterpret_cast<sockaddr *>(&sin), sizeof(sin)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

inline void setTimeout(int fd, int ms) {
  timeval tv{ms / 1000, (ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

inline bool sendAll(int fd, const char *p, qint64 n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, p, size_t(n), MSG_NOSIGNAL);
    if (w <= 0) return false;
    p += w;
    n -= w;
  }
  return true;
}
inline bool sendAll(int fd, const QByteArray &b) { return sendAll(fd, b.constData(), b.size()); }

// Reads exactly n bytes (or until EOF/timeout).
inline QByteArray recvN(int fd, qint64 n) {
  QByteArray out;
  char buf[65536];
  while (out.size() < n) {
    const ssize_t r = ::recv(fd, buf, size_t(qMin<qint64>(sizeof(buf), n - out.size())), 0);
    if (r <= 0) break;
    out.append(buf, int(r));
  }
  return out;
}

inline QByteArray recvLine(int fd) {
  QByteArray out;
  char c;
  while (::recv(fd, &c, 1, 0) == 1) {
    out.append(c);
    if (c == '\n') break;
  }
  return out;
}

inline QByteArray recvUntil(int fd, const QByteArray &marker, int max = 65536) {
  QByteArray out;
  char c;
  while (out.size() < max && ::recv(fd, &c, 1, 0) == 1) {
    out.append(c);
    if (out.endsWith(marker)) break;
  }
  return out;
}

// SHA-256 through OpenSSL (several times faster than QCryptographicHash for bulk checks).
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  void addData(const char *p, qint64 n) { EVP_DigestUpdate(ctx_, p, size_t(n)); }
  QByteArray hex() {
    unsigned char md[32];
    unsigned len = 0;
    EVP_DigestFinal_ex(ctx_, md, &len);
    return QByteArray(reinterpret_cast<const char *>(md), int(len)).toHex();
  }

 private:
  EVP_MD_CTX *ctx_;
};

// Deterministic pseudo-random block used to generate bulk data quickly.
inline const QByteArray &pattern() {
  static const QByteArray block = [] {
    QByteArray b(1 << 20, Qt::Uninitialized);
    quint32 x = 2463534242u;
    for (qsizetype i = 0; i < b.size(); ++i) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      b[i] = char(x);
    }
    return b;
  }();
  return block;
}

// A blocking TCP server on 127.0.0.1 with one thread per connection.
class Server {
 public:
  using Handler = std::function<void(int fd)>;
  explicit Server(Handler handler, quint16 port = 0) : handler_(std::move(handler)) {
    QString err;
    fd_ = routeless::net::listenTcp(QHostAddress::LocalHost, port, &err);
    port_ = fd_ >= 0 ? routeless::net::localAddress(fd_).port : 0;
    thread_ = std::thread([this] { run(); });
  }
  ~Server() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto &t : workers_) t.join();
  }
  quint16 port() const { return port_; }
  int accepted() const { return accepted_.load(); }

 private:
  void run() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = routeless::net::acceptTcp(fd_, nullptr);
      if (c < 0) continue;
      int flags = 0;
      ::ioctl(c, FIONBIO, &flags);
      ++accepted_;
      setTimeout(c, 20000);
      std::lock_guard<std::mutex> lock(mutex_);
      workers_.emplace_back([this, c] {
        handler_(c);
        ::close(c);
      });
    }
  }
  Handler handler_;
  int fd_ = -1;
  quint16 port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::thread> workers_;
};

inline void echoHandler(int fd) {
  char buf[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) return;
    if (!sendAll(fd, buf, n)) return;
  }
}

inline void httpHandler(int fd) {
  const QByteArray req = recvUntil(fd, "\r\n\r\n");
  const QByteArray body = "hello from target: " + req.split(' ').value(1) + "\n";
  sendAll(fd,
          "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"
          "Content-Length: " +
              QByteArray::number(body.size()) + "\r\n\r\n" + body);
}

// "U<size>\n" + bytes -> replies the sha256 hex; "D<size>\n" -> sends `size` pattern bytes.
inline void bulkHandler(int fd) {
  const QByteArray line = recvLine(fd).trimmed();
  const qint64 size = line.mid(1).toLongLong();
  const QByteArray &pat = pattern();
  if (line.startsWith('U')) {
    Sha256 h;
    char buf[65536];
    qint64 got = 0;
    while (got < size) {
      const ssize_t n = ::recv(fd, buf, size_t(qMin<qint64>(sizeof(buf), size - got)), 0);
      if (n <= 0) break;
      h.addData(buf, n);
      got += n;
    }
    sendAll(fd, h.hex() + "\n");
  } else if (line.startsWith('D')) {
    qint64 left = size;
    while (left > 0) {
      const qint64 n = qMin<qint64>(left, pat.size());
      if (!sendAll(fd, pat.constData(), n)) return;
      left -= n;
    }
  }
}

inline QByteArray patternSha(qint64 size) {
  Sha256 h;
  const QByteArray &pat = pattern();
  qint64 left = size;
  while (left > 0) {
    const qint64 n = qMin<qint64>(left, pat.size());
    h.addData(pat.constData(), n);
    left -= n;
  }
  return h.hex();
}

// One HTTP GET through `port`; returns the whole response.
inline QByteArray httpGet(quint16 port, const QByteArray &path) {
  const int fd = dial(port);
  if (fd < 0) return {};
  sendAll(fd, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  QByteArray out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    out.append(buf, int(n));
  }
  ::close(fd);
  return out;
}

// Echo round trip of `payload`; true when the same bytes come back.
inline bool echoOnce(quint16 port, const QByteArray &payload) {
  const int fd = dial(port);
  if (fd < 0) return false;
  const bool ok = sendAll(fd, payload) && recvN(fd, payload.size()) == payload;
  ::close(fd);
  return ok;
}

// The NodePass v1.14.0 binary: ROUTELESS_PEER_NODEPASS, or shared/peers next to the source or
// vectors folder. Empty when absent (tests skip and say why).
inline QString nodePassBinary() {
  const QString env = qEnvironmentVariable("ROUTELESS_PEER_NODEPASS");
  QStringList candidates;
  if (!env.isEmpty()) candidates << env;
  candidates << QStringLiteral(ROUTELESS_SOURCE_DIR "/../shared/peers/nodepass-1.14.0/nodepass")
             << QStringLiteral(ROUTELESS_VECTORS_DIR "/../peers/nodepass-1.14.0/nodepass");
  for (const QString &c : candidates)
    if (QFileInfo(c).isExecutable()) return c;
  return {};
}

// A UDP echo server on 127.0.0.1 (port 0: any free one).
class UdpEcho {
 public:
  explicit UdpEcho(quint16 port = 0) {
    QString err;
    fd_ = routeless::net::bindUdp(QHostAddress::LocalHost, port, &err);
    routeless::net::setUdpBuffers(fd_, 8 << 20);
    port_ = routeless::net::localAddress(fd_).port;
    thread_ = std::thread([this] {
      char buf[65536];
      while (!stop_) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        const ssize_t n =
            ::recvfrom(fd_, buf, sizeof(buf), 0, reinterpret_cast<sockaddr *>(&ss), &len);
        if (n > 0) ::sendto(fd_, buf, size_t(n), 0, reinterpret_cast<sockaddr *>(&ss), len);
      }
    });
  }
  ~UdpEcho() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  quint16 port() const { return port_; }

 private:
  int fd_ = -1;
  quint16 port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Sends each datagram and waits for its echo; returns the echoes in order.
inline QList<QByteArray> udpRoundTrips(quint16 port, const QList<QByteArray> &datagrams) {
  QList<QByteArray> out;
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(port);
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::connect(fd, reinterpret_cast<sockaddr *>(&sin), sizeof(sin));
  setTimeout(fd, 3000);
  char buf[65536];
  for (const QByteArray &d : datagrams) {
    ::send(fd, d.constData(), size_t(d.size()), 0);
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    out << (n > 0 ? QByteArray(buf, int(n)) : QByteArray());
  }
  ::close(fd);
  return out;
}

}  // namespace nptest
