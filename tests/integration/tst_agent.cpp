// Real `routeless-agent agent --automated` processes (the static agent; one test runs
// `routeless-node agent`, the same library), with this test acting as a minimal NoRouter
// manager: it configures them and switches L3 frames between them by destination address. A POSIX
// backend server and blocking clients run on threads of their own so that half-close can be
// observed exactly (QTcpSocket closes both ways on EOF).
#include <QCryptographicHash>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "agent/wire/frame.h"
#include "agent/wire/messages.h"

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace routeless;

namespace {

bool smallScale() { return qgetenv("ROUTELESS_TEST_SCALE") == "small"; }

// ---- checksums, independently of the code under test ---------------------------------------

quint16 onesSum(const uchar *p, int len, quint32 sum = 0) {
  for (int i = 0; i + 1 < len; i += 2) sum += quint32(p[i] << 8 | p[i + 1]);
  if (len & 1) sum += quint32(p[len - 1] << 8);
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return quint16(sum);
}

// True when the IPv4 header checksum and the TCP checksum of `packet` are both valid.
bool checksumsValid(QByteArrayView packet, QString *why) {
  const auto *ip = reinterpret_cast<const uchar *>(packet.data());
  const int ihl = (ip[0] & 0x0F) * 4;
  const int total = ip[2] << 8 | ip[3];
  if (total != packet.size() || ihl < 20 || ihl > total) {
    *why = QStringLiteral("bad lengths: total %1, frame %2").arg(total).arg(packet.size());
    return false;
  }
  if (onesSum(ip, ihl) != 0xFFFF) {
    *why = QStringLiteral("bad IPv4 header checksum");
    return false;
  }
  if (ip[9] != 6) return true;
  const int tcpLength = total - ihl;
  quint32 pseudo = quint32(ip[12] << 8 | ip[13]) + quint32(ip[14] << 8 | ip[15]) +
                   quint32(ip[16] << 8 | ip[17]) + quint32(ip[18] << 8 | ip[19]) + 6u +
                   quint32(tcpLength);
  if (onesSum(ip + ihl, tcpLength, pseudo) != 0xFFFF) {
    *why = QStringLiteral("bad TCP checksum");
    return false;
  }
  return true;
}

// ---- deterministic payloads ------------------------------------------------------------------

QByteArray pseudoRandom(qint64 size, quint64 seed) {
  QByteArray out(size, Qt::Uninitialized);
  quint64 x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (qint64 i = 0; i < size; i += 8) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    memcpy(out.data() + i, &x, size_t(qMin<qint64>(8, size - i)));
  }
  return out;
}

// ---- POSIX helpers (blocking, for threads) -----------------------------------------------------

#ifdef Q_OS_UNIX
bool writeAll(int fd, const char *p, qint64 n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, p, size_t(n), MSG_NOSIGNAL);
    if (w <= 0) return false;
    p += w;
    n -= w;
  }
  return true;
}

bool readExactly(int fd, char *p, qint64 n) {
  while (n > 0) {
    const ssize_t r = ::recv(fd, p, size_t(n), 0);
    if (r <= 0) return false;
    p += r;
    n -= r;
  }
  return true;
}

// Backend behind the forward. The first byte picks a mode:
//  'E': echo every byte until EOF, then close.
//  'H': 8-byte big-endian reply size R, then a payload until EOF (the client's half-close);
//       answers sha256(payload) followed by R pseudo-random bytes (seed R), then closes.
class Backend {
 public:
  Backend() {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    ::listen(m_fd, 256);
    socklen_t len = sizeof a;
    getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len);
    m_port = ntohs(a.sin_port);
    m_thread = std::thread([this] { acceptLoop(); });
  }
  ~Backend() {
    m_stop = true;
    m_thread.join();
    for (auto &t : m_workers) t.join();
    ::close(m_fd);
  }
  quint16 port() const { return m_port; }
  int connections() const { return m_connections.load(); }

 private:
  void acceptLoop() {
    while (!m_stop) {
      pollfd p{m_fd, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = ::accept(m_fd, nullptr, nullptr);
      if (c < 0) continue;
      ++m_connections;
      m_workers.emplace_back([c] { serve(c); });
    }
  }
  static void serve(int fd) {
    char mode = 0;
    if (readExactly(fd, &mode, 1)) {
      if (mode == 'E') {
        char buf[65536];
        for (;;) {
          const ssize_t r = ::recv(fd, buf, sizeof buf, 0);
          if (r <= 0 || !writeAll(fd, buf, r)) break;
        }
      } else if (mode == 'H') {
        uchar sizeBytes[8];
        if (readExactly(fd, reinterpret_cast<char *>(sizeBytes), 8)) {
          quint64 reply = 0;
          for (uchar b : sizeBytes) reply = reply << 8 | b;
          QCryptographicHash hash(QCryptographicHash::Sha256);
          std::vector<char> buf(256 * 1024);
          ssize_t r;
          while ((r = ::recv(fd, buf.data(), buf.size(), 0)) > 0)
            hash.addData(QByteArrayView(buf.data(), r));
          if (r == 0) {
            const QByteArray digest = hash.result();
            const QByteArray body = pseudoRandom(qint64(reply), reply);
            if (writeAll(fd, digest.constData(), digest.size()))
              writeAll(fd, body.constData(), body.size());
          }
        }
      }
    }
    ::close(fd);
  }

  int m_fd = -1;
  quint16 m_port = 0;
  std::atomic<bool> m_stop{false};
  std::atomic<int> m_connections{0};
  std::thread m_thread;
  std::vector<std::thread> m_workers;
};

// One blocking client exchange: connect, send `request`, shut down the write side, then read
// until the server closes. `connected` is false if the connection could not be made.
struct Exchange {
  bool connected = false;
  bool sent = false;
  QByteArray received;
};

Exchange exchange(quint32 ip, quint16 port, const QByteArray &request) {
  Exchange ex;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(ip);
  a.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
    ::close(fd);
    return ex;
  }
  ex.connected = true;
  ex.sent = writeAll(fd, request.constData(), request.size());
  ::shutdown(fd, SHUT_WR);
  std::vector<char> buf(256 * 1024);
  ssize_t r;
  while ((r = ::recv(fd, buf.data(), buf.size(), 0)) > 0) ex.received.append(buf.data(), r);
  ::close(fd);
  return ex;
}

QByteArray hashRequest(const QByteArray &payload, quint64 replySize) {
  QByteArray req(1 + 8, Qt::Uninitialized);
  req[0] = 'H';
  for (int i = 0; i < 8; ++i) req[1 + i] = char(replySize >> (56 - 8 * i));
  return req + payload;
}

bool checkHashReply(const QByteArray &payload, quint64 replySize, const QByteArray &received,
                    QString *why) {
  const QByteArray digest = QCryptographicHash::hash(payload, QCryptographicHash::Sha256);
  if (received.size() != 32 + qint64(replySize)) {
    *why =
        QStringLiteral("received %1 bytes, expected %2").arg(received.size()).arg(32 + replySize);
    return false;
  }
  if (received.left(32) != digest) {
    *why = QStringLiteral("the server saw different bytes than were sent (sha256 mismatch)");
    return false;
  }
  if (QCryptographicHash::hash(received.mid(32), QCryptographicHash::Sha256) !=
      QCryptographicHash::hash(pseudoRandom(qint64(replySize), replySize),
                               QCryptographicHash::Sha256)) {
    *why = QStringLiteral("the reply arrived altered (sha256 mismatch)");
    return false;
  }
  return true;
}
#endif

// ---- the agents and the switch -------------------------------------------------------------

quint32 ipOf(const QString &s) { return QHostAddress(s).toIPv4Address(); }

// Sanitizer reports printed by any agent (an ASan/UBSan build): cleanupTestCase fails on them.
int g_sanitizerReports = 0;

class AgentUnderTest : public QObject {
  Q_OBJECT
 public:
  explicit AgentUnderTest(const QString &vip) : vip(vip) {
    connect(&process, &QProcess::readyReadStandardOutput, this, &AgentUnderTest::onStdout);
    connect(&process, &QProcess::readyReadStandardError, this,
            [this] { stderrText += process.readAllStandardError(); });
  }
  ~AgentUnderTest() override {
    if (process.state() != QProcess::NotRunning) {
      process.closeWriteChannel();
      if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(2000);
      }
    }
    stderrText += process.readAllStandardError();
    if (stderrText.contains("Sanitizer") || stderrText.contains("runtime error:")) {
      ++g_sanitizerReports;
      qWarning("agent %s:\n%s", qPrintable(vip), stderrText.constData());
    }
  }
  void start(const QStringList &extra = {}, const QString &program = ROUTELESS_AGENT_BIN) {
    process.start(program,
                  QStringList{QStringLiteral("agent"), QStringLiteral("--automated")} + extra);
  }
  void startCommand(const QString &program, const QStringList &args) {
    process.start(program, args);
  }
  void send(agent::FrameType type, std::string_view payload) {
    const std::string frame = agent::encodeFrame(type, payload);
    process.write(frame.data(), qint64(frame.size()));
  }
  void sendL3(QByteArrayView packet) {
    send(agent::FrameType::L3, std::string_view(packet.data(), size_t(packet.size())));
  }
  void configure(qint64 id, const agent::ConfigureArgs &args) {
    send(agent::FrameType::Json, agent::encodeConfigureRequest(id, args));
  }

  QString vip;
  QProcess process;
  agent::FrameDecoder decoder;
  QList<QByteArray> json;  // JSON payloads in arrival order
  int framesSeen = 0;
  int firstJsonIndex = -1;  // index of the first JSON frame among all frames
  QByteArray stderrText;
  std::function<void(QByteArrayView)> onL3;

 private:
  void onStdout() {
    const QByteArray chunk = process.readAllStandardOutput();
    const std::string_view bytes(chunk.constData(), size_t(chunk.size()));
    const bool ok = decoder.feed(bytes, [this](const agent::FrameDecoder::Frame &f) {
      const QByteArrayView payload(f.payload.data(), qsizetype(f.payload.size()));
      if (f.type == quint16(agent::FrameType::Json)) {
        if (firstJsonIndex < 0) firstJsonIndex = framesSeen;
        json.append(payload.toByteArray());
      } else if (f.type == quint16(agent::FrameType::L3) && onL3) {
        onL3(payload);
      }
      ++framesSeen;
    });
    if (!ok)
      qWarning("agent %s wrote a broken frame stream: %s", qPrintable(vip),
               decoder.error().c_str());
  }
};

// A minimal manager: frames go to the agent whose VIP is the destination, otherwise to the
// default (a bastion), exactly as NoRouter's router does. Checks checksums as they pass.
class Switch {
 public:
  // Every test declares its switch after its agents, so the switch goes first; an agent's
  // destructor then still reads its last frames, which must not reach this switch.
  ~Switch() {
    for (const auto &[ip, agent] : m_agents) agent->onL3 = nullptr;
  }
  void add(AgentUnderTest *agent) {
    m_agents[ipOf(agent->vip)] = agent;
    agent->onL3 = [this](QByteArrayView packet) { forward(packet); };
  }
  void setDefault(AgentUnderTest *agent) { m_default = agent; }
  int checked = 0;
  int bad = 0;
  int forwarded = 0;
  QString firstBad;
  std::set<quint32> sources;  // source addresses seen

 private:
  void forward(QByteArrayView packet) {
    // Verify all of the first 5000 packets, then one in 16.
    if (forwarded < 5000 || forwarded % 16 == 0) {
      QString why;
      ++checked;
      if (!checksumsValid(packet, &why)) {
        if (!bad++) firstBad = why;
      }
    }
    ++forwarded;
    const auto *p = reinterpret_cast<const uchar *>(packet.data());
    const quint32 dst = quint32(p[16]) << 24 | quint32(p[17]) << 16 | quint32(p[18]) << 8 | p[19];
    sources.insert(quint32(p[12]) << 24 | quint32(p[13]) << 16 | quint32(p[14]) << 8 | p[15]);
    auto it = m_agents.find(dst);
    AgentUnderTest *to = it != m_agents.end() ? it->second : m_default;
    if (to) to->sendL3(packet);
  }
  std::map<quint32, AgentUnderTest *> m_agents;
  AgentUnderTest *m_default = nullptr;
};

// Two agents: A (loopback on, others = B's forward) and B (loopback off, forward to the backend).
struct Mesh {
  std::unique_ptr<AgentUnderTest> a, b;
  Switch sw;
  quint16 listenPort = 0;
};

int g_meshCounter = 0;

// False for a dynamically linked routeless-agent (sanitizer builds).
bool agentIsStatic() {
  QProcess file;
  file.start(QStringLiteral("file"), {QStringLiteral("-L"), QStringLiteral(ROUTELESS_AGENT_BIN)});
  return file.waitForFinished(10000) && file.readAllStandardOutput().contains("statically linked");
}

quint16 freeListenPort(const QHostAddress &address) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    const quint16 port = quint16(20000 + QRandomGenerator::global()->bounded(40000));
    QTcpServer probe;
    if (probe.listen(address, port)) return port;
  }
  return 0;
}

}  // namespace

class TestAgent : public QObject {
  Q_OBJECT

 private:
  // Distinct VIPs for every mesh (127.77.<pid-derived>.<n>) so that parallel test runs on one
  // machine do not bind the same addresses.
  static QString vipFor(int n) {
    return QStringLiteral("127.77.%1.%2").arg(QCoreApplication::applicationPid() % 250).arg(n);
  }

  static agent::ConfigureArgs argsA(const QString &me, const QString &other, quint16 port) {
    agent::ConfigureArgs a;
    a.me = me.toStdString();
    a.others = {agent::IpPortProto{other.toStdString(), port, "tcp"}};
    a.hostnameMap = {{"hostA", me.toStdString()}, {"hostB", other.toStdString()}};
    a.stateDirDisable = true;  // keep $HOME clean; stateDirFiles covers it
    return a;
  }
  static agent::ConfigureArgs argsB(const QString &me, quint16 port, const QString &connectIp,
                                    quint16 connectPort) {
    agent::ConfigureArgs b;
    b.me = me.toStdString();
    b.forwards = {agent::Forward{port, connectIp.toStdString(), connectPort, "tcp"}};
    b.loopbackDisable = true;
    b.stateDirDisable = true;
    return b;
  }

  // `programA` runs agent A (the one with loopback listeners); B is always routeless-agent.
  std::unique_ptr<Mesh> makeMesh(quint16 backendPort,
                                 const QString &programA = QStringLiteral(ROUTELESS_AGENT_BIN)) {
    auto mesh = std::make_unique<Mesh>();
    const int n = ++g_meshCounter;
    const QString vipA = vipFor(2 * n), vipB = vipFor(2 * n + 1);
    mesh->listenPort = freeListenPort(QHostAddress(vipB));
    mesh->a = std::make_unique<AgentUnderTest>(vipA);
    mesh->b = std::make_unique<AgentUnderTest>(vipB);
    mesh->sw.add(mesh->a.get());
    mesh->sw.add(mesh->b.get());
    mesh->a->start({}, programA);
    mesh->b->start();
    mesh->a->configure(11, argsA(vipA, vipB, mesh->listenPort));
    mesh->b->configure(12, argsB(vipB, mesh->listenPort, QStringLiteral("127.0.0.1"), backendPort));
    return mesh;
  }

  // Fails the current test when either agent has not answered its configure request.
  static void waitConfigured(Mesh &mesh) {
    QTRY_VERIFY_WITH_TIMEOUT(!mesh.a->json.isEmpty() && !mesh.b->json.isEmpty(), 10000);
  }

  template <typename F>
  static auto inThread(F &&f) {
    // Runs a blocking client on a thread while this thread keeps switching frames.
    using R = decltype(f());
    auto result = std::make_shared<R>();
    auto done = std::make_shared<std::atomic<bool>>(false);
    std::thread t([f = std::forward<F>(f), result, done]() mutable {
      *result = f();
      done->store(true);
    });
    t.detach();
    return std::make_pair(result, done);
  }

#ifdef Q_OS_UNIX
  std::unique_ptr<Backend> m_backend;
  std::unique_ptr<Mesh> m_mesh;  // shared by the data tests
#endif

 private Q_SLOTS:
  void initTestCase() {
#ifndef Q_OS_UNIX
    QSKIP("the agent integration test drives POSIX sockets; it runs on Linux and macOS CI");
#else
    if (!QHostAddress(vipFor(1)).isLoopback() || !QTcpServer().listen(QHostAddress(vipFor(1)), 0))
      QSKIP("this host cannot bind 127.77.x.x (only Linux routes all of 127/8 to lo)");
    m_backend = std::make_unique<Backend>();
    m_mesh = makeMesh(m_backend->port());
    waitConfigured(*m_mesh);
#endif
  }

  void cleanupTestCase() {
#ifdef Q_OS_UNIX
    if (m_mesh) {
      QCOMPARE(m_mesh->sw.bad, 0);
      m_mesh.reset();
    }
    m_backend.reset();
#endif
    QCOMPARE(g_sanitizerReports, 0);
  }

#ifdef Q_OS_UNIX
  void configureResultIsFirstFrame() {
    for (AgentUnderTest *agent : {m_mesh->a.get(), m_mesh->b.get()}) {
      QCOMPARE(agent->firstJsonIndex, 0);
      QCOMPARE(agent->json.size(), 1);
      const QJsonObject env = QJsonDocument::fromJson(agent->json.first()).object();
      QCOMPARE(env.value("type").toString(), QStringLiteral("result"));
      const QJsonObject body = env.value("body").toObject();
      QCOMPARE(body.value("op").toString(), QStringLiteral("configure"));
      QCOMPARE(body.value("request_id").toInt(), agent == m_mesh->a.get() ? 11 : 12);
      QVERIFY(!body.contains("error"));
      const QJsonObject data = body.value("data").toObject();
      QCOMPARE(data.value("version").toString(), QStringLiteral("0.6.5"));
      const QStringList features = data.value("features").toVariant().toStringList();
      QVERIFY(features.contains("tcp"));
      QVERIFY(features.contains("loopback.disable"));
      QStringList advertised;
      for (const std::string &f : agent::agentFeatures()) advertised << QString::fromStdString(f);
      QCOMPARE(features, advertised);
      // The exact bytes a NoRouter manager expects (Go's encoding/json layout).
      agent::ConfigureResult expected;
      expected.requestId = body.value("request_id").toInt();
      expected.features = agent::agentFeatures();
      expected.version = "0.6.5";
      QCOMPARE(agent->json.first(),
               QByteArray::fromStdString(agent::encodeConfigureResult(expected)));
    }
  }

  void bytesRoundTrip() {
    const quint32 ip = ipOf(m_mesh->b->vip);
    const quint16 port = m_mesh->listenPort;
    auto [result, done] = inThread([=] { return exchange(ip, port, QByteArray("Ehello, mesh")); });
    QTRY_VERIFY_WITH_TIMEOUT(done->load(), 20000);
    QVERIFY(result->connected);
    QCOMPARE(result->received, QByteArray("hello, mesh"));
  }

  void bulkTransferBothWays() {
    const qint64 size = smallScale() ? 4 << 20 : 48 << 20;
    const QByteArray payload = pseudoRandom(size, 99);
    const quint64 replySize = quint64(size) + 12345;
    const quint32 ip = ipOf(m_mesh->b->vip);
    const quint16 port = m_mesh->listenPort;
    QElapsedTimer timer;
    timer.start();
    auto [result, done] =
        inThread([=] { return exchange(ip, port, hashRequest(payload, replySize)); });
    QTRY_VERIFY_WITH_TIMEOUT(done->load(), 120000);
    const double seconds = double(timer.elapsed()) / 1000.0;
    QVERIFY(result->connected && result->sent);
    QString why;
    QVERIFY2(checkHashReply(payload, replySize, result->received, &why), qPrintable(why));
    qInfo("%lld MB each way through two agents and this test's switch in %.2f s", size >> 20,
          seconds);
    QVERIFY2(m_mesh->sw.bad == 0, qPrintable(m_mesh->sw.firstBad));
    QVERIFY(m_mesh->sw.checked > 100);
  }

  void halfCloseKeepsTheReplyPath() {
    // The client shuts down its write side first; the reply (sent only after the server saw
    // EOF) must still arrive through both agents.
    const QByteArray payload("request body");
    const quint32 ip = ipOf(m_mesh->b->vip);
    const quint16 port = m_mesh->listenPort;
    auto [result, done] = inThread([=] { return exchange(ip, port, hashRequest(payload, 1000)); });
    QTRY_VERIFY_WITH_TIMEOUT(done->load(), 20000);
    QString why;
    QVERIFY2(checkHashReply(payload, 1000, result->received, &why), qPrintable(why));
  }

  void fiftyConcurrentConnections() {
    const int count = 50;
    const qint64 size = smallScale() ? 64 << 10 : 512 << 10;
    const quint32 ip = ipOf(m_mesh->b->vip);
    const quint16 port = m_mesh->listenPort;
    std::vector<std::shared_ptr<Exchange>> results;
    std::vector<std::shared_ptr<std::atomic<bool>>> dones;
    for (int i = 0; i < count; ++i) {
      auto [r, d] = inThread([=] {
        return exchange(ip, port, hashRequest(pseudoRandom(size, quint64(i)), quint64(size + i)));
      });
      results.push_back(r);
      dones.push_back(d);
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(dones.begin(), dones.end(), [](auto &d) { return d->load(); }), 120000);
    for (int i = 0; i < count; ++i) {
      QString why;
      QVERIFY2(checkHashReply(pseudoRandom(size, quint64(i)), quint64(size + i),
                              results[size_t(i)]->received, &why),
               qPrintable(QStringLiteral("connection %1: %2").arg(i).arg(why)));
    }
  }

  void secondConfigureChangesOnlyWhatOthersPublish() {
    // The "reconfigure" extension: a second request that changes only the other hosts' part
    // is answered (the agent keeps running and carrying traffic); one that changes this host's
    // own settings is refused with an error result, so a manager knows to restart it.
    AgentUnderTest *a = m_mesh->a.get();
    agent::ConfigureArgs same = argsA(a->vip, m_mesh->b->vip, m_mesh->listenPort);
    same.hostnameMap["hostC"] = "127.0.99.3";
    a->configure(99, same);
    QTRY_COMPARE_WITH_TIMEOUT(a->json.size(), 2, 10000);
    QVERIFY(a->json[1].contains("\"request_id\":99"));
    QVERIFY(!a->json[1].contains("\"error\""));
    agent::ConfigureArgs own = same;
    own.loopbackDisable = true;
    a->configure(100, own);
    QTRY_COMPARE_WITH_TIMEOUT(a->json.size(), 3, 10000);
    QVERIFY(a->json[2].contains("\"request_id\":100"));
    QVERIFY(a->json[2].contains("\"error\""));
    QVERIFY(a->stderrText.contains("own settings need a new agent"));
    // And the agent still carries traffic.
    const quint32 ip = ipOf(m_mesh->b->vip);
    const quint16 port = m_mesh->listenPort;
    auto [result, done] = inThread([=] { return exchange(ip, port, QByteArray("Estill here")); });
    QTRY_VERIFY_WITH_TIMEOUT(done->load(), 20000);
    QCOMPARE(result->received, QByteArray("still here"));
  }

  void secondConfigureStopsAndStartsOneForward() {
    // The "reconfigure.forwards" extension: a request without one of this host's ports closes
    // that port alone; a connection through a port that stays keeps going; the port comes
    // back with the next request that has it.
    AgentUnderTest agent(vipFor(230));
    const quint16 one = freeListenPort(QHostAddress(agent.vip));
    quint16 two = freeListenPort(QHostAddress(agent.vip));
    while (two == one) two = freeListenPort(QHostAddress(agent.vip));
    agent.start();
    agent::ConfigureArgs both;
    both.me = agent.vip.toStdString();
    both.forwards = {agent::Forward{one, "127.0.0.1", m_backend->port(), "tcp"}, agent::Forward {
                       two,
                       "127.0.0.1",
                       m_backend->port(),
                       "tcp"
                     }};
    both.stateDirDisable = true;
    agent.configure(7, both);
    QTRY_COMPARE_WITH_TIMEOUT(agent.json.size(), 1, 10000);
    QVERIFY(agent.json[0].contains("\"reconfigure.forwards\""));
    const quint32 ip = ipOf(agent.vip);
    const int held = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(ip);
    a.sin_port = htons(two);
    QCOMPARE(::connect(held, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
    char echoed[6] = {};
    QVERIFY(writeAll(held, "Ebefore", 7));
    QVERIFY(readExactly(held, echoed, 6));
    QCOMPARE(QByteArray(echoed, 6), QByteArray("before"));

    agent::ConfigureArgs onlyTwo = both;
    onlyTwo.forwards.erase(onlyTwo.forwards.begin());
    agent.configure(8, onlyTwo);
    QTRY_COMPARE_WITH_TIMEOUT(agent.json.size(), 2, 10000);
    QVERIFY(agent.json[1].contains("\"request_id\":8"));
    QVERIFY2(!agent.json[1].contains("\"error\""), agent.json[1].constData());
    QVERIFY(!exchange(ip, one, QByteArray("Egone")).connected);
    QVERIFY(writeAll(held, "after!", 6));
    QVERIFY(readExactly(held, echoed, 6));
    QCOMPARE(QByteArray(echoed, 6), QByteArray("after!"));
    ::close(held);
    QCOMPARE(exchange(ip, two, QByteArray("Estill")).received, QByteArray("still"));

    agent.configure(9, both);
    QTRY_COMPARE_WITH_TIMEOUT(agent.json.size(), 3, 10000);
    QVERIFY2(!agent.json[2].contains("\"error\""), agent.json[2].constData());
    QCOMPARE(exchange(ip, one, QByteArray("Eback")).received, QByteArray("back"));
  }

  void localForwardSkipsTheStack() {
    // With loopback on, an agent's own forward is also a host listener on its VIP that
    // relays straight to the target (NoRouter's GoLocalForward), half-close included.
    AgentUnderTest agent(vipFor(205));
    const quint16 port = freeListenPort(QHostAddress(agent.vip));
    agent.start();
    agent::ConfigureArgs args;
    args.me = agent.vip.toStdString();
    args.forwards = {agent::Forward { port, "localhost", m_backend->port(), "tcp" }};
    args.stateDirDisable = true;
    agent.configure(7, args);
    QTRY_VERIFY_WITH_TIMEOUT(agent.json.size() == 1, 10000);
    const QByteArray payload = pseudoRandom(3 << 20, 5);
    const quint32 ip = ipOf(agent.vip);
    auto [result, done] = inThread([=] { return exchange(ip, port, hashRequest(payload, 77777)); });
    QTRY_VERIFY_WITH_TIMEOUT(done->load(), 60000);
    QString why;
    QVERIFY2(checkHashReply(payload, 77777, result->received, &why), qPrintable(why));
    QCOMPARE(agent.framesSeen, 1);  // the result only: nothing went through the stack
  }

  void dialFailureClosesTheAcceptedConnection() {
    // B forwards to a port nobody listens on: A's listener accepts, then the connection
    // closes without data (NoRouter: "Empty reply from server").
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 deadPort = probe.serverPort();
    probe.close();
    auto mesh = makeMesh(deadPort);
    waitConfigured(*mesh);
    if (QTest::currentTestFailed()) return;
    const quint32 ip = ipOf(mesh->b->vip);
    const quint16 port = mesh->listenPort;
    auto [result, done] = inThread([=] { return exchange(ip, port, QByteArray("Ehello")); });
    QTRY_VERIFY_WITH_TIMEOUT(done->load(), 20000);
    QVERIFY(result->connected);
    QVERIFY(result->received.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(mesh->b->stderrText.contains("connect to 127.0.0.1"), 5000);
  }
#endif

#ifdef Q_OS_LINUX
  void routingModeAnswersForForeignAddresses() {
    // B is a bastion in a network namespace of its own (unshare -n) where a socat echo server
    // listens on T:P. A publishes T:P as an "other", so A's stack dials a foreign address;
    // the switch sends what it cannot place to B (as a manager's route would), and B answers
    // from the spoofed address T and dials T:P on its own host network.
    for (const char *tool : {"unshare", "socat", "ip"})
      if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
        QSKIP(
            qPrintable(QStringLiteral("routing mode needs %1 (.ci/setup installs it)").arg(tool)));
    if (QProcess::execute(QStringLiteral("unshare"),
                          {QStringLiteral("-n"), QStringLiteral("true")}) != 0)
      QSKIP("creating a network namespace needs root (CI runs as root)");
    const QString target = vipFor(250);
    const quint16 port = freeListenPort(QHostAddress(target));
    AgentUnderTest a(vipFor(240)), b(vipFor(241));
    Switch sw;
    sw.add(&a);
    sw.add(&b);
    sw.setDefault(&b);
    a.start();
    b.startCommand(
        QStringLiteral("unshare"),
        {QStringLiteral("-n"), QStringLiteral("sh"), QStringLiteral("-c"),
         QStringLiteral("ip link set lo up && { socat TCP-LISTEN:$1,bind=$2,fork,reuseaddr "
                        "EXEC:cat & s=$!; sleep 0.3; \"$0\" agent --automated; r=$?; kill $s; "
                        "exit $r; }"),
         QStringLiteral(ROUTELESS_AGENT_BIN), QString::number(port), target});
    agent::ConfigureArgs argsForA;
    argsForA.me = a.vip.toStdString();
    argsForA.others = {agent::IpPortProto { target.toStdString(), port, "tcp" }};
    argsForA.stateDirDisable = true;
    a.configure(1, argsForA);
    agent::ConfigureArgs argsForB;
    argsForB.me = b.vip.toStdString();
    argsForB.loopbackDisable = true;
    argsForB.stateDirDisable = true;
    b.configure(2, argsForB);
    QTRY_VERIFY_WITH_TIMEOUT(a.json.size() == 1 && b.json.size() == 1, 10000);
    QTest::qWait(300);  // socat is listening by now
    const quint32 ip = ipOf(target);
    auto [result, done] =
        inThread([=] { return exchange(ip, port, QByteArray("via the bastion")); });
    if (!QTest::qWaitFor([&] { return done->load(); }, 20000))
      qWarning("A:\n%s\nB:\n%s", a.stderrText.constData(), b.stderrText.constData());
    QVERIFY(done->load());
    QVERIFY(result->connected);
    QCOMPARE(result->received, QByteArray("via the bastion"));
    QVERIFY2(sw.sources.count(ip), "the bastion never answered from the spoofed address");
    QCOMPARE(sw.bad, 0);
  }
#endif

  void namesResolveInABareRoot() {
    // The static agent alone in a chroot (no shared library, no NSS module, a hosts file
    // without localhost, an nsswitch.conf that names modules which do not exist there) and a
    // network namespace with a DNS server of this test's own: forwards whose connect_ip is
    // `localhost`, a hosts-file name, a DNS name, and a name nobody knows.
    for (const char *tool : {"unshare", "chroot", "socat", "ip", "python3"})
      if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
        QSKIP(qPrintable(QStringLiteral("needs %1 (.ci/setup installs it)").arg(tool)));
    if (QProcess::execute(QStringLiteral("unshare"),
                          {QStringLiteral("-n"), QStringLiteral("true")}) != 0)
      QSKIP("creating a network namespace needs root (CI runs as root)");
    if (!agentIsStatic())
      QSKIP("the bare root needs a static routeless-agent; sanitizer builds link it dynamically");
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("etc")));
    QVERIFY(QFile::copy(QStringLiteral(ROUTELESS_AGENT_BIN), root.filePath("routeless-agent")));
    auto write = [&](const QString &name, const QByteArray &text) {
      QFile f(root.filePath(name));
      return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
    };
    QVERIFY(write("etc/hosts", "127.0.0.1 files-name.test\n"));
    QVERIFY(write("etc/resolv.conf", "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n"));
    QVERIFY(write("etc/nsswitch.conf",
                  "hosts: files mdns4_minimal [NOTFOUND=return] dns myhostname\n"));
    const QString ready = root.filePath(QStringLiteral("dns.ready"));

    AgentUnderTest a(vipFor(220)), b(vipFor(221));
    Switch sw;
    sw.add(&a);
    sw.add(&b);
    const quint16 backendPort = quint16(20000 + QRandomGenerator::global()->bounded(30000));
    const QStringList names = {QStringLiteral("localhost"), QStringLiteral("files-name.test"),
                               QStringLiteral("dns-name.test"),
                               QStringLiteral("missing-name.test")};
    QList<quint16> ports;
    agent::ConfigureArgs argsForA, argsForB;
    argsForA.me = a.vip.toStdString();
    argsForA.stateDirDisable = true;
    argsForB.me = b.vip.toStdString();
    argsForB.loopbackDisable = true;
    argsForB.stateDirDisable = true;
    for (const QString &name : names) {
      quint16 port = 0;
      do port = freeListenPort(QHostAddress(b.vip));
      while (ports.contains(port));
      ports << port;
      argsForA.others.push_back({b.vip.toStdString(), port, "tcp"});
      argsForB.forwards.push_back({port, name.toStdString(), backendPort, "tcp"});
    }
    a.start();
    b.startCommand(
        QStringLiteral("unshare"),
        {QStringLiteral("-n"), QStringLiteral("sh"), QStringLiteral("-c"),
         QStringLiteral("ip link set lo up || exit 1; "
                        "socat TCP-LISTEN:$1,bind=127.0.0.1,fork,reuseaddr EXEC:cat & s=$!; "
                        "python3 \"$2\" 127.0.0.1 \"$3\" dns-name.test=127.0.0.1 & d=$!; "
                        "n=0; while [ ! -e \"$3\" ] && [ $n -lt 400 ]; do sleep 0.05; "
                        "n=$((n+1)); done; "
                        "chroot \"$0\" /routeless-agent agent --automated; r=$?; "
                        "kill $s $d; exit $r"),
         root.path(), QString::number(backendPort),
         QStringLiteral(ROUTELESS_SOURCE_DIR "/tests/integration/fakedns.py"), ready});
    a.configure(1, argsForA);
    b.configure(2, argsForB);
    QTRY_VERIFY_WITH_TIMEOUT(a.json.size() == 1 && b.json.size() == 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), 30000);
    for (int i = 0; i < names.size(); ++i) {
      const QByteArray request = "hello " + names[i].toUtf8();
      const quint32 ip = ipOf(b.vip);
      const quint16 port = ports[i];
      auto [result, done] = inThread([=] { return exchange(ip, port, request); });
      if (!QTest::qWaitFor([&] { return done->load(); }, 30000))
        qWarning("A:\n%s\nB:\n%s", a.stderrText.constData(), b.stderrText.constData());
      QVERIFY(done->load());
      QVERIFY(result->connected);
      if (names[i] == QLatin1String("missing-name.test")) {
        // Accepted, then closed: the name resolves nowhere.
        QVERIFY(result->received.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(b.stderrText.contains("cannot resolve missing-name.test"), 10000);
      } else {
        QVERIFY2(result->received == request,
                 qPrintable(names[i] + QStringLiteral(": ") + QString::fromUtf8(b.stderrText)));
      }
    }
    QCOMPARE(sw.bad, 0);
  }

  void exitsWhenStdinCloses() {
    AgentUnderTest agent(vipFor(200));
    agent.start();
    QVERIFY(agent.process.waitForStarted());
    agent.configure(1, argsB(agent.vip, 1, "127.0.0.1", 1));
    QTRY_VERIFY_WITH_TIMEOUT(agent.json.size() == 1, 10000);
    agent.process.closeWriteChannel();
    QVERIFY(agent.process.waitForFinished(10000));
    QCOMPARE(agent.process.exitCode(), 1);
    agent.stderrText += agent.process.readAllStandardError();
    QVERIFY2(agent.stderrText.contains("EOF"), agent.stderrText.constData());
  }

  void exitsOnGarbage() {
    AgentUnderTest agent(vipFor(201));
    agent.start();
    QVERIFY(agent.process.waitForStarted());
    agent.process.write("GET / HTTP/1.1\r\n\r\n");
    QVERIFY(agent.process.waitForFinished(10000));
    QCOMPARE(agent.process.exitCode(), 1);
    agent.stderrText += agent.process.readAllStandardError();
    QVERIFY2(agent.stderrText.contains("bad frame magic"), agent.stderrText.constData());
    QVERIFY(agent.process.readAllStandardOutput().isEmpty());
  }

  void nodeAgentRunsTheSameLibrary() {
    // `routeless-node agent` is the same agent: one of each carries bytes both ways.
    auto mesh = makeMesh(m_backend->port(), QStringLiteral(ROUTELESS_NODE_BIN));
    waitConfigured(*mesh);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(mesh->a->json.first(),
             mesh->b->json.first().replace("\"request_id\":12", "\"request_id\":11"));
    const QByteArray payload = pseudoRandom(1 << 20, 3);
    const quint32 ip = ipOf(mesh->b->vip);
    const quint16 port = mesh->listenPort;
    auto [result, done] = inThread([=] { return exchange(ip, port, hashRequest(payload, 4321)); });
    QTRY_VERIFY_WITH_TIMEOUT(done->load(), 30000);
    QString why;
    QVERIFY2(checkHashReply(payload, 4321, result->received, &why), qPrintable(why));
  }

  void staticBinary() {
    // routeless-agent needs nothing but the kernel (sanitizer builds link it dynamically,
    // as ASan cannot be linked statically).
    if (QStandardPaths::findExecutable(QStringLiteral("file")).isEmpty())
      QSKIP("`file` is not installed");
    QProcess file;
    file.start(QStringLiteral("file"), {QStringLiteral("-L"), QStringLiteral(ROUTELESS_AGENT_BIN)});
    QVERIFY(file.waitForFinished(10000));
    const QByteArray kind = file.readAllStandardOutput();
    if (!kind.contains("statically linked")) {
      QProcess ldd;
      ldd.start(QStringLiteral("ldd"), {QStringLiteral(ROUTELESS_AGENT_BIN)});
      ldd.waitForFinished(10000);
      const QByteArray libs = ldd.readAllStandardOutput();
      if (libs.contains("libasan") || libs.contains("libubsan"))
        QSKIP("a sanitizer build links routeless-agent dynamically");
      QFAIL(kind + libs);
    }
    QProcess ldd;
    ldd.start(QStringLiteral("ldd"), {QStringLiteral(ROUTELESS_AGENT_BIN)});
    QVERIFY(ldd.waitForFinished(10000));
    QVERIFY2((ldd.readAllStandardOutput() + ldd.readAllStandardError()).contains("not a dynamic"),
             "ldd finds shared libraries in routeless-agent");
  }

  void norouterArgv() {
    // NoRouter's flags: -v/--version, --help, `--debug` before the subcommand, the manager's
    // `agent --automated` appended to the command.
    for (const QString &flag : {QStringLiteral("--version"), QStringLiteral("-v")}) {
      QProcess p;
      p.start(QStringLiteral(ROUTELESS_AGENT_BIN), {flag});
      QVERIFY(p.waitForFinished(10000));
      QCOMPARE(p.exitCode(), 0);
      QVERIFY(p.readAllStandardOutput().startsWith("routeless-agent version "));
    }
    QProcess help;
    help.start(QStringLiteral(ROUTELESS_AGENT_BIN),
               {QStringLiteral("agent"), QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(10000));
    QCOMPARE(help.exitCode(), 0);
    QVERIFY(help.readAllStandardOutput().contains("agent --automated"));
    QProcess manager;  // a manifest, as `norouter FILE` would take it: not this program's job
    manager.start(QStringLiteral(ROUTELESS_AGENT_BIN), {QStringLiteral("mesh.yaml")});
    QVERIFY(manager.waitForFinished(10000));
    QCOMPARE(manager.exitCode(), 2);
    QVERIFY(manager.readAllStandardError().contains("routeless-node mesh"));
    QProcess badFlag;
    badFlag.start(QStringLiteral(ROUTELESS_AGENT_BIN),
                  {QStringLiteral("agent"), QStringLiteral("--automated"), QStringLiteral("--x")});
    QVERIFY(badFlag.waitForFinished(10000));
    QCOMPARE(badFlag.exitCode(), 1);
    QVERIFY(badFlag.readAllStandardError().contains("flag provided but not defined: --x"));

    AgentUnderTest agent(vipFor(209));
    agent.process.start(
        QStringLiteral(ROUTELESS_AGENT_BIN),
        {QStringLiteral("--debug"), QStringLiteral("agent"), QStringLiteral("--automated")});
    agent.configure(4, argsB(agent.vip, 1, "127.0.0.1", 1));
    QTRY_VERIFY_WITH_TIMEOUT(agent.json.size() == 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(agent.stderrText.contains("level=debug"), 10000);
  }

  void debugInitConfig() {
    // NoRouter's hidden --debug-init-config configures without a manager: no result frame
    // is written, and traffic flows at once.
    AgentUnderTest agent(vipFor(210));
    const QByteArray args = QStringLiteral(R"({"me":"%1","loopback":{"disable":true},)"
                                           R"("stateDir":{"disable":true}})")
                                .arg(agent.vip)
                                .toUtf8();
    agent.start({QStringLiteral("--debug-init-config"), QString::fromUtf8(args)});
    QVERIFY(agent.process.waitForStarted());
    QByteArray syn(40, '\0');
    syn[0] = 0x45;
    syn[3] = 40;
    agent.sendL3(syn);
    QTest::qWait(300);
    QCOMPARE(agent.process.state(), QProcess::Running);
    QVERIFY(agent.json.isEmpty());
    QVERIFY(!agent.stderrText.contains("before configuration"));

    QProcess bad;
    bad.start(QStringLiteral(ROUTELESS_AGENT_BIN),
              {QStringLiteral("agent"), QStringLiteral("--automated"),
               QStringLiteral("--debug-init-config"), QStringLiteral("{\"me\":7}")});
    QVERIFY(bad.waitForFinished(10000));
    QCOMPARE(bad.exitCode(), 1);
    QVERIFY(bad.readAllStandardError().contains("--debug-init-config: configure args: me"));
  }

  void refusesManualLaunch() {
    QProcess p;
    p.start(QStringLiteral(ROUTELESS_AGENT_BIN), {QStringLiteral("agent")});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains("do not launch agent manually"));
    QVERIFY(p.readAllStandardOutput().isEmpty());
  }

  void dropsL3BeforeConfigureAndIgnoresBadJson() {
    AgentUnderTest agent(vipFor(202));
    agent.start({QStringLiteral("--debug")});
    QVERIFY(agent.process.waitForStarted());
    QByteArray syn(40, '\0');
    syn[0] = 0x45;
    syn[3] = 40;
    agent.sendL3(syn);
    agent.send(agent::FrameType::Json, std::string_view("{not json"));
    agent.configure(5, argsB(agent.vip, 1, "127.0.0.1", 1));
    QTRY_VERIFY_WITH_TIMEOUT(agent.json.size() == 1, 10000);
    QCOMPARE(agent.firstJsonIndex, 0);
    QVERIFY(agent.stderrText.contains("received L3 before configuration"));
    QVERIFY(agent.stderrText.contains("failed to call onRecvJSON"));
    QCOMPARE(agent.process.state(), QProcess::Running);
  }

  void stateDirFiles() {
    // hosts and hostaliases in the state directory; `${VAR}` is expanded on the agent.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    AgentUnderTest agent(vipFor(206));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ROUTELESS_TEST_STATE"), tmp.path());
    env.remove(QStringLiteral("HOSTALIASES"));
    agent.process.setProcessEnvironment(env);
    agent.start();
    agent::ConfigureArgs args;
    args.me = agent.vip.toStdString();
    args.loopbackDisable = true;
    args.hostnameMap = {{"hostA", agent.vip.toStdString()}, {"b.example.test", "127.0.42.102"}};
    args.stateDirPath = "${ROUTELESS_TEST_STATE}/agent";
    agent.configure(8, args);
    QTRY_VERIFY_WITH_TIMEOUT(agent.json.size() == 1, 10000);
    QFile hosts(tmp.path() + QStringLiteral("/agent/hosts"));
    QVERIFY(hosts.open(QIODevice::ReadOnly));
    const QByteArray h = hosts.readAll();
    QVERIFY2(h.contains("# <Added-by-NoRouter>\n127.0.42.102 b.example.test\n" +
                        agent.vip.toUtf8() + " hostA\n# </Added-by-NoRouter>\n"),
             h.constData());
    QFile aliases(tmp.path() + QStringLiteral("/agent/hostaliases"));
    QVERIFY(aliases.open(QIODevice::ReadOnly));
    QCOMPARE(aliases.readAll(), "hostA " + agent.vip.toUtf8() + ".nip.io\n");
    QVERIFY(QFile::exists(tmp.path() + QStringLiteral("/agent/README.md")));
  }

  void udpPortsAreCarriedOtherProtocolsRejected() {
    // "/udp" ports are carried (the "udp" feature, agent/udp; tst_mesh_udp has the datagrams).
    // Anything else fails the configure, as in NoRouter.
    AgentUnderTest agent(vipFor(207));
    agent.start();
    agent::ConfigureArgs args = argsB(agent.vip, 5353, QStringLiteral("127.0.0.1"), 53);
    args.forwards.front().proto = "udp";
    agent.configure(9, args);
    QTRY_VERIFY_WITH_TIMEOUT(agent.json.size() == 1, 10000);
    QVERIFY(!agent.stderrText.contains("ignored"));
    QVERIFY(agent.json.front().contains("\"udp\""));

    AgentUnderTest other(vipFor(208));
    other.start();
    args = argsB(other.vip, 5353, QStringLiteral("127.0.0.1"), 53);
    args.forwards.front().proto = "sctp";
    other.configure(10, args);
    QTRY_VERIFY_WITH_TIMEOUT(other.stderrText.contains("expected proto be \\\"tcp\\\""), 10000);
    QVERIFY(other.json.isEmpty());
  }

  void failedBindMeansNoResult() {
    // The host port is taken: configure fails as NoRouter's does (an error, no result).
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress(vipFor(204)), 0));
    AgentUnderTest agent(vipFor(203));
    agent.start();
    agent::ConfigureArgs args;
    args.me = agent.vip.toStdString();
    args.others = {agent::IpPortProto{vipFor(204).toStdString(), taken.serverPort(), "tcp"}};
    args.stateDirDisable = true;
    agent.configure(3, args);
    QTRY_VERIFY_WITH_TIMEOUT(agent.stderrText.contains("failed to listen on"), 10000);
    QTest::qWait(200);
    QVERIFY(agent.json.isEmpty());
    QCOMPARE(agent.process.state(), QProcess::Running);
  }
};

QTEST_GUILESS_MAIN(TestAgent)
#include "tst_agent.moc"
