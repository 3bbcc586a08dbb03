// UDP over the mesh (`/udp` ports, the agent's "udp" feature, agent/udp): `routeless-node mesh`
// with two Routeless agents and a UDP echo server behind one; 1,000 datagrams of random sizes
// (0 to 65,507 bytes) through the other host's VIP:port, each back whole; concurrent clients
// kept apart (one upstream socket each); an idle flow's socket closed; a forward to a dead port
// leaving the others working. Interop with the real NoRouter 0.6.5 (skipped, saying why,
// without it): its agent given our configure with UDP ports, a mixed mesh under our manager,
// and their manager's answer to a `/udp` manifest.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QtTest>
#include <random>
#include <set>

#include "agent/wire/frame.h"
#include "agent/wire/messages.h"
#include "testnet.h"

using namespace testnet;
namespace agent = routeless::agent;

namespace {

constexpr size_t kMaxDatagram = 65507;

int udpSocket(int bufferBytes = 4 << 20) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufferBytes, sizeof bufferBytes);
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bufferBytes, sizeof bufferBytes);
  return fd;
}

quint16 localPort(int fd) {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
  return ntohs(a.sin_port);
}

// A UDP echo server on 127.0.0.1 (any free port) on its own thread; it remembers the source
// ports it served (one per flow of the forward's agent).
class UdpEchoServer {
 public:
  UdpEchoServer() {
    m_fd = udpSocket();
    sockaddr_in a = address("127.0.0.1", 0);
    if (::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) qFatal("bind");
    m_port = localPort(m_fd);
    m_thread = std::thread([this] { run(); });
  }
  ~UdpEchoServer() {
    m_stop = true;
    m_thread.join();
    ::close(m_fd);
  }
  quint16 port() const { return m_port; }
  std::set<quint16> sources() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_sources;
  }

 private:
  void run() {
    std::vector<char> buffer(70000);
    while (!m_stop) {
      pollfd p{m_fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      sockaddr_in from{};
      socklen_t len = sizeof from;
      const ssize_t n = ::recvfrom(m_fd, buffer.data(), buffer.size(), 0,
                                   reinterpret_cast<sockaddr *>(&from), &len);
      if (n < 0) continue;
      {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_sources.insert(ntohs(from.sin_port));
      }
      ::sendto(m_fd, buffer.data(), size_t(n), 0, reinterpret_cast<sockaddr *>(&from), len);
    }
  }
  int m_fd = -1;
  quint16 m_port = 0;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
  std::mutex m_mutex;
  std::set<quint16> m_sources;
};

// A client socket connected to VIP:port.
int udpClient(const QString &ip, quint16 port) {
  const int fd = udpSocket();
  sockaddr_in a = address(ip.toUtf8().constData(), port);
  if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) return -1;
  return fd;
}

// Waits up to `timeoutMs` for one datagram; nullopt when none came.
std::optional<QByteArray> receiveOne(int fd, int timeoutMs) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeoutMs) <= 0) return std::nullopt;
  QByteArray buffer(70000, '\0');
  const ssize_t n = ::recv(fd, buffer.data(), size_t(buffer.size()), 0);
  if (n < 0) return std::nullopt;
  buffer.truncate(n);
  return buffer;
}

// Sends "ping" until it comes back (listeners start right after Ready), up to `timeoutMs`.
bool pingEventually(int fd, int timeoutMs) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    ::send(fd, "ping", 4, 0);
    const auto reply = receiveOne(fd, 300);
    if (reply && *reply == "ping") return true;
  }
  return false;
}

// The local UDP ports bound on 127.0.0.1 right now (Linux: /proc/net/udp).
std::set<quint16> boundLoopbackUdpPorts() {
  std::set<quint16> ports;
  QFile f(QStringLiteral("/proc/net/udp"));
  if (!f.open(QIODevice::ReadOnly)) return ports;
  for (const QByteArray &line : f.readAll().split('\n')) {
    const QList<QByteArray> cols = line.simplified().split(' ');
    if (cols.size() < 3 || !cols[1].startsWith("0100007F:")) continue;
    ports.insert(quint16(cols[1].mid(9).toUInt(nullptr, 16)));
  }
  return ports;
}

}  // namespace

class TestMeshUdp : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_norouter;
  int m_meshes = 0;

  QString vip(int n) const { return QStringLiteral("127.79.%1.%2").arg(::getpid() % 250).arg(n); }

  QString writeFile(const QString &name, const QByteArray &text) {
    return testnet::writeFile(m_dir, name, text);
  }

  // hostA (loopback: the clients' side) and hostB (loopback disabled) publishing `ports`.
  std::unique_ptr<NodeProcess> startTwoHosts(const QString &vipA, const QString &vipB,
                                             const QString &ports, const QString &name) {
    const QByteArray yaml = QStringLiteral(
                                "hostTemplate:\n"
                                "  stateDir: {disable: true}\n"
                                "hosts:\n"
                                "  hostA:\n"
                                "    vip: \"%1\"\n"
                                "  hostB:\n"
                                "    vip: \"%2\"\n"
                                "    loopback: {disable: true}\n"
                                "    ports: [%3]\n")
                                .arg(vipA, vipB, ports)
                                .toUtf8();
    return std::make_unique<NodeProcess>(
        QStringList{QStringLiteral("mesh"), writeFile(name + QStringLiteral(".yaml"), yaml)},
        m_dir.filePath(name + QStringLiteral(".log")));
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_norouter = findNorouter();
  }

  void thousandDatagramsKeepTheirBytesAndBoundaries() {
    UdpEchoServer echo;
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    auto mesh =
        startTwoHosts(vipA, vipB, QStringLiteral("\"5353:127.0.0.1:%1/udp\"").arg(echo.port()),
                      QStringLiteral("thousand"));
    QVERIFY2(mesh->waitReady(vipA) && mesh->waitReady(vipB), mesh->log().constData());
    const int fd = udpClient(vipB, 5353);
    QVERIFY(fd >= 0);
    QVERIFY2(pingEventually(fd, 15000), mesh->log().constData());

    // One at a time, each answered before the next: sizes 0 .. 65,507, both ends included.
    std::mt19937 rng(20261206);
    std::uniform_int_distribution<size_t> size(1, kMaxDatagram);
    for (int i = 0; i < 1000; ++i) {
      size_t len = size(rng);
      if (i == 0) len = 0;  // an empty datagram is carried as one (8-byte UDP header only)
      if (i == 1) len = kMaxDatagram;
      QByteArray d(qsizetype(len), Qt::Uninitialized);
      for (char &c : d) c = char(rng());
      QCOMPARE(::send(fd, d.constData(), size_t(d.size()), 0), ssize_t(d.size()));
      const auto reply = receiveOne(fd, 10000);
      QVERIFY2(reply, qPrintable(QStringLiteral("datagram %1 (%2 bytes) lost").arg(i).arg(len)));
      QCOMPARE(reply->size(), d.size());
      QVERIFY(*reply == d);
    }
    ::close(fd);
  }

  void concurrentClientsKeptApartAndIdleFlowsFreed() {
    // A short idle time for this mesh's agents, so that a flow is seen closed.
    qputenv("ROUTELESS_AGENT_UDP_IDLE_MS", "2000");
    UdpEchoServer echo;
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    auto mesh =
        startTwoHosts(vipA, vipB, QStringLiteral("\"5353:127.0.0.1:%1/udp\"").arg(echo.port()),
                      QStringLiteral("concurrent"));
    qunsetenv("ROUTELESS_AGENT_UDP_IDLE_MS");
    QVERIFY2(mesh->waitReady(vipA) && mesh->waitReady(vipB), mesh->log().constData());

    constexpr int kClients = 6;
    std::vector<int> fds;
    for (int c = 0; c < kClients; ++c) {
      fds.push_back(udpClient(vipB, 5353));
      QVERIFY(fds.back() >= 0);
    }
    QVERIFY2(pingEventually(fds[0], 15000), mesh->log().constData());
    // Every client has one datagram in flight at a time, all clients at once: each reply
    // must carry its own client's tag and sequence number.
    std::mt19937 rng(7);
    std::vector<int> next(kClients, 0);
    std::vector<QByteArray> inFlight(kClients);
    auto makeDatagram = [&](int c) {
      QByteArray d = QStringLiteral("client %1 #%2 ").arg(c).arg(next[size_t(c)]).toUtf8();
      d.append(QByteArray(qsizetype(rng() % 3000), char('a' + c)));
      return d;
    };
    for (int c = 0; c < kClients; ++c) {
      inFlight[size_t(c)] = makeDatagram(c);
      ::send(fds[size_t(c)], inFlight[size_t(c)].constData(), size_t(inFlight[size_t(c)].size()),
             0);
    }
    constexpr int kRounds = 100;
    int done = 0;
    QElapsedTimer t;
    t.start();
    while (done < kClients && t.elapsed() < 60000) {
      std::vector<pollfd> p;
      for (int fd : fds) p.push_back(pollfd{fd, POLLIN, 0});
      if (::poll(p.data(), p.size(), 1000) <= 0) {
        // A datagram lost under load: send it again (UDP), the check is on what comes back.
        for (int c = 0; c < kClients; ++c)
          if (next[size_t(c)] < kRounds)
            ::send(fds[size_t(c)], inFlight[size_t(c)].constData(),
                   size_t(inFlight[size_t(c)].size()), 0);
        continue;
      }
      for (int c = 0; c < kClients; ++c) {
        if (!(p[size_t(c)].revents & POLLIN)) continue;
        const auto reply = receiveOne(fds[size_t(c)], 0);
        QVERIFY(reply);
        if (*reply == "ping") continue;  // a late echo of the first ping
        QVERIFY2(*reply == inFlight[size_t(c)], reply->left(40).constData());
        if (++next[size_t(c)] == kRounds) {
          ++done;
          continue;
        }
        inFlight[size_t(c)] = makeDatagram(c);
        ::send(fds[size_t(c)], inFlight[size_t(c)].constData(), size_t(inFlight[size_t(c)].size()),
               0);
      }
    }
    QCOMPARE(done, kClients);
    // One flow, so one upstream socket on hostB, per client.
    const std::set<quint16> sources = echo.sources();
    QCOMPARE(int(sources.size()), kClients);
    for (int fd : fds) ::close(fd);
    QVERIFY(!sources.empty());
    const std::set<quint16> bound = boundLoopbackUdpPorts();
    QVERIFY(bound.count(*sources.begin()));

    // Idle for 2 s: hostB's agent closes those sockets (checked every 0.5 s; bound generous).
    QElapsedTimer idle;
    idle.start();
    bool freed = false;
    while (!freed && idle.elapsed() < 30000) {
      QThread::msleep(200);
      const std::set<quint16> now = boundLoopbackUdpPorts();
      freed = std::none_of(sources.begin(), sources.end(), [&](quint16 p) { return now.count(p); });
    }
    QVERIFY2(freed, "idle flows still hold their sockets");
  }

  void deadTargetDoesNotBreakOtherFlows() {
    UdpEchoServer echo;
    const int closedFd = udpSocket();
    sockaddr_in a = address("127.0.0.1", 0);
    QVERIFY(::bind(closedFd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
    const quint16 deadPort = localPort(closedFd);
    ::close(closedFd);  // nobody listens there any more
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    auto mesh = startTwoHosts(vipA, vipB,
                              QStringLiteral("\"5353:127.0.0.1:%1/udp\", \"5354:127.0.0.1:%2/udp\"")
                                  .arg(echo.port())
                                  .arg(deadPort),
                              QStringLiteral("dead"));
    QVERIFY2(mesh->waitReady(vipA) && mesh->waitReady(vipB), mesh->log().constData());
    const int live = udpClient(vipB, 5353);
    const int dead = udpClient(vipB, 5354);
    QVERIFY(live >= 0 && dead >= 0);
    QVERIFY2(pingEventually(live, 15000), mesh->log().constData());
    for (int i = 0; i < 50; ++i) {
      ::send(dead, "into the void", 13, 0);
      const QByteArray d = QByteArray::number(i).repeated(i + 1);
      ::send(live, d.constData(), size_t(d.size()), 0);
      const auto reply = receiveOne(live, 10000);
      QVERIFY(reply);
      QCOMPARE(*reply, d);
    }
    QVERIFY(!receiveOne(dead, 500));  // nothing comes back from a dead port
    ::close(live);
    ::close(dead);
    // Neither agent died nor was restarted: each was Ready once.
    QVERIFY(mesh->process().state() != QProcess::NotRunning);
    QVERIFY2(!mesh->log().contains("agent exited") && mesh->log().count("Ready: ") == 2,
             mesh->log().constData());
  }

  // NoRouter 0.6.5's agent fails a whole configure with "proto":"udp" in `forwards` or
  // `others` (then never reports ready); our encoder puts UDP ports in `udpForwards` /
  // `udpOthers`, which it ignores.
  void norouterAgentIgnoresOurUdpKeys() {
    if (m_norouter.isEmpty())
      QSKIP("NoRouter 0.6.5 not found: set ROUTELESS_PEER_NOROUTER to its binary (CI has it)");
    agent::ConfigureArgs args;
    args.me = vip(200).toStdString();
    args.forwards = {agent::Forward{5353, "127.0.0.1", 53, "udp"}};
    args.others = {agent::IpPortProto{vip(201).toStdString(), 5353, "udp"}};
    args.stateDirDisable = true;
    auto configureOnce = [&](const std::string &json) {
      QProcess p;
      p.start(m_norouter, {QStringLiteral("agent"), QStringLiteral("--automated")});
      if (!p.waitForStarted(10000)) return QByteArray("not started");
      const std::string frame = agent::encodeFrame(agent::FrameType::Json, json);
      p.write(frame.data(), qint64(frame.size()));
      QByteArray out;
      QElapsedTimer t;
      t.start();
      while (!out.contains("\"features\"") && t.elapsed() < 5000) {
        p.waitForReadyRead(200);
        out += p.readAllStandardOutput();
      }
      out += "\n" + p.readAllStandardError();
      p.kill();
      p.waitForFinished(5000);
      return out + p.readAllStandardError();
    };
    const std::string ours = agent::encodeConfigureRequest(1, args);
    QVERIFY(ours.find("\"udpForwards\"") != std::string::npos);
    const QByteArray accepted = configureOnce(ours);
    QVERIFY2(accepted.contains("\"features\"") && accepted.contains("\"request_id\":1"),
             accepted.constData());
    // The control: the same ports the way NoRouter's types would carry them.
    std::string legacy = ours;
    legacy.replace(legacy.find("\"udpForwards\""), 13, "\"forwards\"");
    legacy.replace(legacy.find("\"udpOthers\""), 11, "\"others\"");
    const QByteArray refused = configureOnce(legacy);
    QVERIFY2(!refused.contains("\"features\"") &&
                 refused.contains("expected proto be \\\"tcp\\\", got \\\"udp\\\""),
             refused.constData());
  }

  // Our manager, our agents a (loopback) and b (UDP), and NoRouter's agent c serving TCP: c
  // gets b's UDP port in `udpOthers`, ignores it and reports ready; TCP to c and UDP to b work.
  void mixedMeshWithNorouterAgent() {
    if (m_norouter.isEmpty())
      QSKIP("NoRouter 0.6.5 not found: set ROUTELESS_PEER_NOROUTER to its binary (CI has it)");
    UdpEchoServer echo;
    const QByteArray body = "served behind NoRouter's agent\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1), vipC = vip(150 + n);
    const QByteArray yaml =
        QStringLiteral(
            "hostTemplate:\n"
            "  stateDir: {disable: true}\n"
            "hosts:\n"
            "  a: {vip: \"%1\", cmd: [\"%4\"]}\n"
            "  b: {vip: \"%2\", cmd: [\"%4\"], loopback: {disable: true},\n"
            "      ports: [\"5353:127.0.0.1:%6/udp\"]}\n"
            "  c: {vip: \"%3\", cmd: [\"%5\"], loopback: {disable: true},\n"
            "      ports: [\"8080:127.0.0.1:%7\"]}\n")
            .arg(vipA, vipB, vipC, QStringLiteral(ROUTELESS_AGENT_BIN), m_norouter)
            .arg(echo.port())
            .arg(http.port())
            .toUtf8();
    NodeProcess mesh({QStringLiteral("mesh"), writeFile(QStringLiteral("mixed.yaml"), yaml)},
                     m_dir.filePath(QStringLiteral("mixed.log")));
    QVERIFY2(mesh.waitReady(vipA) && mesh.waitReady(vipB) && mesh.waitReady(vipC),
             mesh.log().constData());
    QCOMPARE(fetchHttpBody(vipC.toUtf8().constData(), 8080, 15000), body);
    const int fd = udpClient(vipB, 5353);
    QVERIFY(fd >= 0);
    QVERIFY2(pingEventually(fd, 15000), mesh.log().constData());
    for (int i = 0; i < 100; ++i) {
      const QByteArray d(qsizetype(100 * i), char(i));
      ::send(fd, d.constData(), size_t(d.size()), 0);
      const auto reply = receiveOne(fd, 10000);
      QVERIFY(reply);
      QCOMPARE(*reply, d);
    }
    ::close(fd);
    QVERIFY2(!mesh.log().contains("expected proto be"), mesh.log().constData());
  }

  // NoRouter 0.6.5's manager refuses a manifest with a `/udp` port outright (its parser knows
  // only tcp): a mesh with UDP ports needs our manager.
  void theirManagerRefusesUdpPorts() {
    if (m_norouter.isEmpty())
      QSKIP("NoRouter 0.6.5 not found: set ROUTELESS_PEER_NOROUTER to its binary (CI has it)");
    const QString manifest = writeFile(
        QStringLiteral("theirs.yaml"),
        QStringLiteral("hosts:\n"
                       "  a: {vip: \"%1\", cmd: [\"%3\"], ports: [\"5353:127.0.0.1:53/udp\"]}\n"
                       "  b: {vip: \"%2\", cmd: [\"%3\"]}\n")
            .arg(vip(240), vip(241), QStringLiteral(ROUTELESS_AGENT_BIN))
            .toUtf8());
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(m_norouter, {manifest});
    QVERIFY(p.waitForFinished(20000));
    const QByteArray out = p.readAll();
    QVERIFY2(p.exitCode() != 0, out.constData());
    QVERIFY2(out.contains("cannot parse \\\"forward\\\" address \\\"5353:127.0.0.1:53/udp\\\""),
             out.constData());
  }
};

QTEST_GUILESS_MAIN(TestMeshUdp)
#include "tst_mesh_udp.moc"
