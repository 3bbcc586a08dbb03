#pragma once
// What the integration tests share: small blocking TCP servers and clients (POSIX sockets and
// threads, so they run independently of any Qt event loop), HTTP GETs and curl, free ports,
// the NoRouter peer binary's lookup, and processes (routeless-node, NoRouter's manager) whose
// log a test polls for "Ready: VIP". One copy of each here, none in the tests.
// Test-only code: it favours clarity over speed and never listens beyond loopback.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
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

#include "net/sockets.h"

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

// One HTTP/1.0 GET of / on ip:port; the body, or empty when no 200 came back.
inline QByteArray httpGet(const char *ip, quint16 port, int timeoutMs = 10000) {
  const int fd = connectTo(ip, port);
  if (fd < 0) return {};
  const QByteArray req = "GET / HTTP/1.0\r\nHost: test\r\n\r\n";
  sendAll(fd, req.constData(), req.size());
  const QByteArray reply = readAll(fd, 1 << 20, timeoutMs);
  ::close(fd);
  const qsizetype split = reply.indexOf("\r\n\r\n");
  if (!reply.startsWith("HTTP/1.0 200") || split < 0) return {};
  return reply.mid(split + 4);
}

// The GET again until a 200 arrives or `timeoutMs` passes (listeners come up right after
// Ready); the body, or empty.
inline QByteArray fetchHttpBody(const char *ip, quint16 port, int timeoutMs) {
  QElapsedTimer t;
  t.start();
  do {
    const QByteArray body = httpGet(ip, port);
    if (!body.isEmpty()) return body;
    QThread::msleep(200);
  } while (t.elapsed() < timeoutMs);
  return {};
}

// A program (routeless-node, NoRouter's manager) run with its combined output in a file the
// test can poll; terminated, then killed, when it goes.
class LoggedProcess {
 public:
  LoggedProcess(const QString &program, const QStringList &args, const QString &logPath)
      : m_logPath(logPath) {
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(logPath);
    m_process.start(program, args);
  }
  ~LoggedProcess() { stop(); }
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
  // Waits until the log holds `text`.
  bool waitForText(const QByteArray &text, int timeoutMs = 30000) const {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
      if (log().contains(text)) return true;
      QThread::msleep(50);
    }
    return false;
  }
  // A mesh manager's (ours or NoRouter's) "Ready: VIP" line for one host.
  bool waitReady(const QString &vip, int timeoutMs = 30000) {
    // Not a longer address that starts with the same digits (.10 and .101).
    return waitForLog(QStringLiteral("Ready: %1(?![0-9])").arg(QRegularExpression::escape(vip)),
                      timeoutMs)
        .hasMatch();
  }
  QProcess &process() { return m_process; }

 private:
  QString m_logPath;
  QProcess m_process;
};

// routeless-node with `args`.
class NodeProcess : public LoggedProcess {
 public:
  NodeProcess(const QStringList &args, const QString &logPath)
      : LoggedProcess(QStringLiteral(ROUTELESS_NODE_BIN), args, logPath) {}
};

// The real NoRouter 0.6.5 for interop rows: $ROUTELESS_PEER_NOROUTER, else the copy beside the
// source tree; empty when neither is there (the caller skips and says so).
inline QString findNorouter() {
  QStringList candidates;
  if (qEnvironmentVariableIsSet("ROUTELESS_PEER_NOROUTER"))
    candidates << qEnvironmentVariable("ROUTELESS_PEER_NOROUTER");
  candidates << QStringLiteral(ROUTELESS_SOURCE_DIR "/../shared/peers/norouter-0.6.5/norouter")
             << QStringLiteral("/work/shared/peers/norouter-0.6.5/norouter");
  for (const QString &c : candidates)
    if (QFileInfo(c).isExecutable()) return QFileInfo(c).absoluteFilePath();
  return QString();
}

// A TCP port nobody listens on at 127.0.0.1 right now (the kernel's pick for port 0).
inline quint16 freePort() { return routeless::net::freeTcpPort(); }

// Writes `text` to `name` in `dir` and returns its path; a test cannot go on without it.
inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text) {
  const QString path = dir.filePath(name);
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
    qFatal("cannot write %s", qPrintable(path));
  return path;
}

// curl's output (body, or its error) for `args`, at most 15 s a transfer.
inline QByteArray curl(const QStringList &args) {
  QProcess p;
  p.start(QStringLiteral("curl"),
          QStringList{QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("15")} +
              args);
  p.waitForFinished(30000);
  return p.readAllStandardOutput() + p.readAllStandardError();
}

// curl again while the mesh comes up (listeners are made right after Ready), until `want`.
inline QByteArray curlEventually(const QStringList &args, const QByteArray &want,
                                 int attempts = 40) {
  QByteArray out;
  for (int i = 0; i < attempts; ++i) {
    out = curl(args);
    if (out == want) break;
    QThread::msleep(250);
  }
  return out;
}

}  // namespace testnet
