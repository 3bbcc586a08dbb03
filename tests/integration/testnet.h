#pragma once
// Small blocking TCP servers and clients for integration tests (POSIX sockets and threads, so
// they run independently of any Qt event loop), plus helpers to run routeless-node processes.
// Test-only code: it favours clarity over speed and never listens beyond loopback.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace testnet {

inline bool smallScale() { return qgetenv("ROUTELESS_TEST_SCALE") == "small"; }

inline sockaddr_in address(const char *ip, quint16 port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, ip, &a.sin_addr);
  return a;
}

// A listening socket on 127.0.0.1 (or `ip`) serving each connection on its own thread.
class TcpServer {
 public:
  using Handler = std::function<void(int fd)>;
  explicit TcpServer(Handler handler, const char *ip = "127.0.0.1")
      : m_handler(std::move(handler)) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a = address(ip, 0);
    if (::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(m_fd, 512) != 0)
      qFatal("test server: cannot listen on %s", ip);
    socklen_t len = sizeof a;
    getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len);
    m_port = ntohs(a.sin_port);
    m_acceptor = std::thread([this] { acceptLoop(); });
  }
  ~TcpServer() {
    m_stop = true;
    ::shutdown(m_fd, SHUT_RDWR);
    ::close(m_fd);
    m_acceptor.join();
    std::lock_guard lock(m_mutex);
    for (auto &t : m_workers) t.join();
  }
  quint16 port() const { return m_port; }
  int accepted() const { return m_accepted; }

 private:
  void acceptLoop() {
    while (!m_stop) {
      const int c = ::accept(m_fd, nullptr, nullptr);
      if (c < 0) {
        if (m_stop) return;
        continue;
      }
      ++m_accepted;
      std::lock_guard lock(m_mutex);
      m_workers.emplace_back([this, c] {
        m_handler(c);
        ::close(c);
      });
    }
  }
  Handler m_handler;
  int m_fd = -1;
  quint16 m_port = 0;
  std::atomic<bool> m_stop{false};
  std::atomic<int> m_accepted{0};
  std::thread m_acceptor;
  std::mutex m_mutex;
  std::vector<std::thread> m_workers;
};

inline bool sendAll(int fd, const char *data, qsizetype size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size_t(size), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= n;
  }
  return true;
}

// Reads until EOF (or error, or `limit` bytes); returns what arrived.
inline QByteArray readAll(int fd, qsizetype limit = 1 << 30, int timeoutMs = 30000) {
  QByteArray out;
  char buf[65536];
  while (out.size() < limit) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0) break;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, n);
  }
  return out;
}

// Connects with a timeout; returns -1 on failure.
inline int connectTo(const char *ip, quint16 port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = address(ip, port);
  if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  return fd;
}

// Handlers for TcpServer.
inline void echoHandler(int fd) {
  char buf[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    if (!sendAll(fd, buf, n)) return;
  }
  ::shutdown(fd, SHUT_WR);  // half-close answered with our own FIN
}

inline void httpHandler(int fd, const QByteArray &body) {
  QByteArray request;
  char buf[4096];
  while (!request.contains("\r\n\r\n")) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    request.append(buf, n);
  }
  const QByteArray head = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n";
  sendAll(fd, head.constData(), head.size());
  sendAll(fd, body.constData(), body.size());
}

// Reads everything until the client half-closes, then answers with the hex SHA-256.
inline void hashSinkHandler(int fd) {
  QCryptographicHash h(QCryptographicHash::Sha256);
  char buf[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    h.addData(QByteArrayView(buf, n));
  }
  const QByteArray hex = h.result().toHex();
  sendAll(fd, hex.constData(), hex.size());
}

// Deterministic pseudo-random bytes: the same (seed, size) always gives the same stream.
class PatternStream {
 public:
  explicit PatternStream(quint32 seed) : m_rng(seed) {}
  QByteArray next(qsizetype n) {
    QByteArray b(n, Qt::Uninitialized);
    auto *w = reinterpret_cast<quint32 *>(b.data());
    for (qsizetype i = 0; i < n / 4; ++i) w[i] = m_rng.generate();
    for (qsizetype i = (n / 4) * 4; i < n; ++i) b[i] = char(m_rng.generate());
    return b;
  }

 private:
  QRandomGenerator m_rng;
};

// Sends `total` pattern bytes then closes; the expected digest is sha256 of PatternStream(seed).
inline void sourceHandler(int fd, quint32 seed, qint64 total) {
  PatternStream s(seed);
  for (qint64 sent = 0; sent < total;) {
    const QByteArray chunk = s.next(qMin<qint64>(1 << 20, total - sent));
    if (!sendAll(fd, chunk.constData(), chunk.size())) return;
    sent += chunk.size();
  }
}

inline QByteArray patternDigest(quint32 seed, qint64 total) {
  PatternStream s(seed);
  QCryptographicHash h(QCryptographicHash::Sha256);
  for (qint64 done = 0; done < total;) {
    const QByteArray chunk = s.next(qMin<qint64>(1 << 20, total - done));
    h.addData(chunk);
    done += chunk.size();
  }
  return h.result().toHex();
}

// One HTTP/1.0 GET of / on ip:port, retried until a 200 arrives or `timeoutMs` passes; the
// body, or empty.
inline QByteArray fetchHttpBody(const char *ip, quint16 port, int timeoutMs) {
  QElapsedTimer t;
  t.start();
  do {
    const int fd = connectTo(ip, port);
    if (fd >= 0) {
      const QByteArray req = "GET / HTTP/1.0\r\nHost: test\r\n\r\n";
      sendAll(fd, req.constData(), req.size());
      const QByteArray reply = readAll(fd, 1 << 20, 10000);
      ::close(fd);
      const qsizetype split = reply.indexOf("\r\n\r\n");
      if (reply.startsWith("HTTP/1.0 200") && split >= 0) return reply.mid(split + 4);
    }
    QThread::msleep(200);
  } while (t.elapsed() < timeoutMs);
  return {};
}

// routeless-node run with its combined output in a file the test can poll.
class NodeProcess {
 public:
  NodeProcess(const QStringList &args, const QString &logPath) : m_logPath(logPath) {
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(logPath);
    m_process.start(QStringLiteral(ROUTELESS_NODE_BIN), args);
  }
  ~NodeProcess() { stop(); }
  void stop() {
    if (m_process.state() == QProcess::NotRunning) return;
    m_process.terminate();
    if (!m_process.waitForFinished(8000)) {
      m_process.kill();
      m_process.waitForFinished(2000);
    }
  }
  QByteArray log() const {
    QFile f(m_logPath);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
  }
  // Waits until the log matches `pattern` (searched from `from`); returns the match or empty.
  QRegularExpressionMatch waitForLog(const QString &pattern, int timeoutMs, qsizetype from = 0) {
    const QRegularExpression re(pattern);
    QElapsedTimer t;
    t.start();
    for (;;) {
      const QString text = QString::fromUtf8(log());
      auto m = re.match(text, from);
      if (m.hasMatch() || t.elapsed() > timeoutMs) return m;
      QThread::msleep(50);
    }
  }
  QProcess &process() { return m_process; }

 private:
  QString m_logPath;
  QProcess m_process;
};

}  // namespace testnet
