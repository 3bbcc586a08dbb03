// The agent's built-in DNS on VIP:10053 end to end: `routeless-node mesh` with two Routeless
// agents answers a hostnameMap name over TCP (NoRouter's) and UDP (our extension), through
// the host listeners of loopback mode, with TTL 0 and NoRouter's flags; other names go to the
// host's resolvers (a fake one here) and come back with the client's ID; a dead upstream
// gives the empty NOERROR reply. MeshDnsClient asks a real agent's DNS through frames. With
// the real NoRouter 0.6.5 (skipped, saying so, when absent): its DNS and ours answer with the
// same bytes, and our agent behind its manager answers. writeEtcHosts in a mount namespace.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QtTest>

#include "agent/dns/dnsmessage.h"
#include "agent/dns/meshdnsclient.h"
#include "agent/loop/eventloop.h"
#include "agent/stack/netstack.h"
#include "agent/wire/frame.h"
#include "agent/wire/messages.h"
#include "testnet.h"

using namespace testnet;
namespace agent = routeless::agent;

namespace {

constexpr quint16 kDnsPort = 10053;

// An A/IN query with RD set, written by hand (not with the codec under test).
QByteArray aQuery(quint16 id, const QByteArray &name, quint16 flags = 0x0100) {
  QByteArray q;
  auto put16 = [&q](quint16 v) {
    q.append(char(v >> 8));
    q.append(char(v & 0xFF));
  };
  put16(id);
  put16(flags);
  put16(1);
  put16(0);
  put16(0);
  put16(0);
  for (const QByteArray &label : name.split('.')) {
    q.append(char(label.size()));
    q.append(label);
  }
  q.append('\0');
  put16(1);
  put16(1);
  return q;
}

// NoRouter's answer to aQuery(id, name): flags 0x8100, the question, one A record with the
// name uncompressed and TTL 0.
QByteArray expectedAnswer(quint16 id, const QByteArray &name, const QByteArray &ipv4) {
  const QByteArray q = aQuery(id, name);
  QByteArray a = q;
  a[2] = char(0x81);
  a[3] = char(0x00);
  a[7] = 1;  // ANCOUNT
  a += q.mid(12, q.size() - 12 - 4);
  a += QByteArray::fromHex("00010001000000000004");
  for (const QByteArray &part : ipv4.split('.')) a.append(char(part.toInt()));
  return a;
}

// Exactly `size` bytes (testnet's readAll may read past them), or fewer on EOF or timeout.
QByteArray readExactly(int fd, qsizetype size, int timeoutMs = 10000) {
  QByteArray out;
  char buf[65536];
  while (out.size() < size) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0) break;
    const ssize_t n = ::recv(fd, buf, size_t(std::min<qsizetype>(size - out.size(), 65536)), 0);
    if (n <= 0) break;
    out.append(buf, n);
  }
  return out;
}

// One query over TCP (2-byte length prefix); retried until `timeoutMs` (listeners come up
// right after Ready). Returns the reply or empty.
QByteArray tcpQuery(const char *ip, const QByteArray &query, int timeoutMs = 10000) {
  QElapsedTimer t;
  t.start();
  do {
    const int fd = connectTo(ip, kDnsPort);
    if (fd >= 0) {
      QByteArray framed;
      framed.append(char(query.size() >> 8));
      framed.append(char(query.size() & 0xFF));
      framed += query;
      sendAll(fd, framed.constData(), framed.size());
      const QByteArray head = readExactly(fd, 2, 8000);
      QByteArray reply;
      if (head.size() == 2) {
        const int size = (uchar(head[0]) << 8) | uchar(head[1]);
        reply = readExactly(fd, size, 8000);
      }
      ::close(fd);
      if (!reply.isEmpty()) return reply;
    }
    QThread::msleep(100);
  } while (t.elapsed() < timeoutMs);
  return {};
}

// One query over UDP, resent every 500 ms until `timeoutMs`.
QByteArray udpQuery(const char *ip, const QByteArray &query, int timeoutMs = 10000) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  timeval tv{0, 500 * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const sockaddr_in to = address(ip, kDnsPort);
  QElapsedTimer t;
  t.start();
  QByteArray reply;
  do {
    ::sendto(fd, query.constData(), size_t(query.size()), 0,
             reinterpret_cast<const sockaddr *>(&to), sizeof to);
    char buffer[4096];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      reply = QByteArray(buffer, int(n));
      break;
    }
  } while (t.elapsed() < timeoutMs);
  ::close(fd);
  return reply;
}

QByteArray withoutId(QByteArray m) { return m.size() >= 2 ? m.mid(2) : m; }

// Frames from the in-process stack go to the agent's stdin.
class PipeSink : public agent::PacketSink {
 public:
  explicit PipeSink(int fd) : m_fd(fd) {}
  void sendPacket(agent::OutgoingPacket packet) override {
    agent::ConstBuffer buffers[16];
    const int n = packet.buffers(buffers, 16);
    std::string payload;
    for (int i = 0; i < n; ++i)
      payload.append(static_cast<const char *>(buffers[i].data), buffers[i].size);
    const std::string frame = agent::encodeFrame(agent::FrameType::L3, payload);
    if (::write(m_fd, frame.data(), frame.size()) != ssize_t(frame.size())) m_failed = true;
  }
  bool failed() const { return m_failed; }

 private:
  int m_fd;
  bool m_failed = false;
};

}  // namespace

class TestMeshDns : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

  QString writeManifest(const QString &name, const QByteArray &yaml) {
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write manifest");
    f.write(yaml);
    return path;
  }

  std::unique_ptr<NodeProcess> startMesh(const QString &manifest, const QString &logName) {
    return std::make_unique<NodeProcess>(QStringList{QStringLiteral("mesh"), manifest},
                                         m_dir.filePath(logName));
  }

  // ha (loopback listeners on every VIP:10053) and hb (loopback off, an alias).
  QByteArray twoHosts(const char *prefix) {
    return QStringLiteral(
               "hosts:\n"
               "  ha:\n"
               "    vip: \"%1.101\"\n"
               "  hb:\n"
               "    vip: \"%1.102\"\n"
               "    loopback: {disable: true}\n"
               "    aliases: [\"b.Example.test\"]\n")
        .arg(QLatin1String(prefix))
        .toUtf8();
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }
  void cleanup() { qunsetenv("ROUTELESS_AGENT_TEST_DNS_UPSTREAM"); }

  void hostnameMapOverTcpAndUdp() {
    // Nothing may leave for the host's resolvers in this test: a dead upstream.
    qputenv("ROUTELESS_AGENT_TEST_DNS_UPSTREAM", "127.0.0.1:1");
    auto mesh = startMesh(writeManifest("names.yaml", twoHosts("127.0.153")), "names.log");
    QVERIFY2(mesh->waitReady("127.0.153.101") && mesh->waitReady("127.0.153.102"), mesh->log());
    // TCP to the other host's DNS, the name in odd case: the case comes back as asked.
    QCOMPARE(tcpQuery("127.0.153.102", aQuery(0x1234, "B.example.TEST")),
             expectedAnswer(0x1234, "B.example.TEST", "127.0.153.102"));
    // TCP to the own VIP (through the manager and back), UDP to both.
    QCOMPARE(tcpQuery("127.0.153.101", aQuery(0x2345, "hb")),
             expectedAnswer(0x2345, "hb", "127.0.153.102"));
    QCOMPARE(udpQuery("127.0.153.101", aQuery(0x3456, "HA")),
             expectedAnswer(0x3456, "HA", "127.0.153.101"));
    QCOMPARE(udpQuery("127.0.153.102", aQuery(0x4567, "B.EXAMPLE.test")),
             expectedAnswer(0x4567, "B.EXAMPLE.test", "127.0.153.102"));
    // One connection, ten queries written at once: ten answers in order.
    const int fd = connectTo("127.0.153.102", kDnsPort);
    QVERIFY(fd >= 0);
    QByteArray burst, expected;
    for (int i = 0; i < 10; ++i) {
      const QByteArray q = aQuery(quint16(100 + i), "hb");
      burst.append(char(0)).append(char(q.size())).append(q);
      const QByteArray a = expectedAnswer(quint16(100 + i), "hb", "127.0.153.102");
      expected.append(char(0)).append(char(a.size())).append(a);
    }
    QVERIFY(sendAll(fd, burst.constData(), burst.size()));
    QCOMPARE(readExactly(fd, expected.size()), expected);
    // Garbage that still has a header: FORMERR, and the connection goes on working.
    const QByteArray bad = QByteArray::fromHex("beef01000001000000000000c00c00010001");
    QByteArray framedBad;
    framedBad.append(char(0)).append(char(bad.size())).append(bad);
    QVERIFY(sendAll(fd, framedBad.constData(), framedBad.size()));
    QCOMPARE(readExactly(fd, 14).toHex(), QByteArray("000cbeef81010000000000000000"));
    ::close(fd);
  }

  void forwardedToTheHostResolvers() {
    // fakedns.py serves on port 53 only; a loopback address of our own keeps it apart.
    QProcess fake;
    const QString ready = m_dir.filePath("fakedns.ready");
    fake.setProcessChannelMode(QProcess::MergedChannels);
    fake.start(QStringLiteral("python3"),
               {QStringLiteral(ROUTELESS_SOURCE_DIR "/tests/integration/fakedns.py"),
                QStringLiteral("127.0.153.53"), ready, QStringLiteral("up.example=10.1.2.3")});
    QElapsedTimer t;
    t.start();
    while (!QFile::exists(ready) && fake.state() != QProcess::NotRunning && t.elapsed() < 10000)
      QThread::msleep(50);
    if (!QFile::exists(ready)) {
      const QByteArray why = fake.readAll();
      fake.kill();
      fake.waitForFinished();
      QSKIP(
          qPrintable("cannot run the fake upstream on 127.0.153.53:53 (needs root or "
                     "CAP_NET_BIND_SERVICE): " +
                     QString::fromUtf8(why.trimmed())));
    }
    qputenv("ROUTELESS_AGENT_TEST_DNS_UPSTREAM", "127.0.153.53:53");
    auto mesh = startMesh(writeManifest("upstream.yaml", twoHosts("127.0.153")), "upstream.log");
    QVERIFY2(mesh->waitReady("127.0.153.101") && mesh->waitReady("127.0.153.102"), mesh->log());
    // The upstream's own reply (TTL 5, compressed answer), with the client's ID.
    QByteArray expected = aQuery(0x5151, "up.example");
    expected[2] = char(0x81);
    expected[3] = char(0x80);
    expected[7] = 1;
    expected += QByteArray::fromHex("c00c00010001000000050004") + QByteArray::fromHex("0a010203");
    QCOMPARE(tcpQuery("127.0.153.102", aQuery(0x5151, "up.example")), expected);
    expected[0] = char(0x61);
    QCOMPARE(udpQuery("127.0.153.101", aQuery(0x6151, "up.example")), expected);
    // NXDOMAIN passes through as the upstream said it.
    const QByteArray nx = udpQuery("127.0.153.102", aQuery(0x7777, "missing.example"));
    QCOMPARE(nx.left(4).toHex(), QByteArray("77778183"));
    fake.kill();
    fake.waitForFinished();
  }

  void deadUpstreamGivesEmptyNoError() {
    qputenv("ROUTELESS_AGENT_TEST_DNS_UPSTREAM", "127.0.0.1:1,127.0.0.1:2");
    auto mesh = startMesh(writeManifest("dead.yaml", twoHosts("127.0.153")), "dead.log");
    QVERIFY2(mesh->waitReady("127.0.153.101") && mesh->waitReady("127.0.153.102"), mesh->log());
    QByteArray expected = aQuery(0x0A0A, "nowhere.example");
    expected[2] = char(0x81);
    expected[3] = char(0x00);
    QCOMPARE(tcpQuery("127.0.153.102", aQuery(0x0A0A, "nowhere.example")), expected);
    expected[0] = char(0x0B);
    QCOMPARE(udpQuery("127.0.153.101", aQuery(0x0B0A, "nowhere.example")), expected);
  }

  // This test process is the manager and a second agent (its own stack on .111); the real
  // agent on .112 answers MeshDnsClient's query through L3 frames.
  void meshDnsClientAsksAnotherAgent() {
    int toAgent[2], fromAgent[2];
    QVERIFY(::pipe(toAgent) == 0 && ::pipe(fromAgent) == 0);
    const QByteArray logPath = m_dir.filePath("client-agent.log").toUtf8();
    const pid_t pid = ::fork();
    QVERIFY(pid >= 0);
    if (pid == 0) {
      ::dup2(toAgent[0], 0);
      ::dup2(fromAgent[1], 1);
      // Only its stdin and stdout ends: the test's end of stdin must be the last one open.
      ::close(toAgent[0]);
      ::close(toAgent[1]);
      ::close(fromAgent[0]);
      ::close(fromAgent[1]);
      const int log = ::open(logPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(log, 2);
      ::setenv("ROUTELESS_AGENT_TEST_DNS_UPSTREAM", "127.0.0.1:1", 1);
      ::execl(ROUTELESS_AGENT_BIN, "routeless-agent", "agent", "--automated", nullptr);
      ::_exit(127);
    }
    ::close(toAgent[0]);
    ::close(fromAgent[1]);
    agent::ConfigureArgs args;
    args.me = "127.0.153.112";
    args.hostnameMap = {{"ha", "127.0.153.111"}, {"hb", "127.0.153.112"}};
    args.loopbackDisable = true;
    args.stateDirDisable = true;
    const std::string configure =
        agent::encodeFrame(agent::FrameType::Json, agent::encodeConfigureRequest(1, args));
    QVERIFY(::write(toAgent[1], configure.data(), configure.size()) == ssize_t(configure.size()));

    agent::EventLoop loop;
    PipeSink sink(toAgent[1]);
    agent::NetStack stack(&sink);
    std::string error;
    QVERIFY2(stack.start(0x7F00996F, &error), error.c_str());  // 127.0.153.111
    loop.addPrepareHook([&stack] { return stack.checkTimeouts(); });
    agent::FrameDecoder decoder;
    loop.watch(fromAgent[0], agent::kReadable, [&](unsigned) {
      char buffer[65536];
      const ssize_t n = ::read(fromAgent[0], buffer, sizeof buffer);
      if (n <= 0) return loop.quit(2);
      decoder.feed(std::string_view(buffer, size_t(n)), [&](const agent::FrameDecoder::Frame &f) {
        if (f.type == uint16_t(agent::FrameType::L3))
          stack.input(f.payload.data(), f.payload.size());
      });
    });
    agent::MeshDnsClient client(loop, stack);
    std::vector<uint32_t> found;
    std::string foundError = "no answer", missingError;
    bool calledInside = true;
    int answers = 0;
    client.queryA(0x7F009970, "HB", [&](std::vector<uint32_t> a, std::string e) {
      found = std::move(a);
      foundError = std::move(e);
      if (++answers == 2) loop.quit(0);
    });
    // A name nobody knows: the agent's upstream is dead, so an empty NOERROR, so an error.
    client.queryA(0x7F009970, "nobody.example", [&](std::vector<uint32_t>, std::string e) {
      missingError = std::move(e);
      if (++answers == 2) loop.quit(0);
    });
    calledInside = answers > 0;
    loop.startTimer(20000, [&loop] { loop.quit(1); });
    const int status = loop.run();
    ::close(toAgent[1]);
    ::close(fromAgent[0]);
    int childStatus = 0;
    for (int i = 0; i < 100 && ::waitpid(pid, &childStatus, WNOHANG) == 0; ++i) QThread::msleep(50);
    if (::waitpid(pid, &childStatus, WNOHANG) == 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &childStatus, 0);
      QFAIL("the agent did not exit on stdin EOF");
    }
    QVERIFY(!calledInside);
    QFile log(QString::fromUtf8(logPath));
    log.open(QIODevice::ReadOnly);
    QVERIFY2(status == 0, log.readAll().constData());
    QVERIFY2(foundError.empty(), foundError.c_str());
    QCOMPARE(found, std::vector<uint32_t>{0x7F009970});
    QVERIFY2(missingError.find("no A record for nobody.example") != std::string::npos,
             missingError.c_str());
  }

  void sameBytesAsNoRouter() {
    const QString norouter = findNorouter();
    if (norouter.isEmpty())
      QSKIP("NoRouter 0.6.5 not found: set ROUTELESS_PEER_NOROUTER to its binary (CI has it)");
    // Their manager; nr is their own agent (loopback on), rl is ours behind their manager.
    const QByteArray yaml = QStringLiteral(
                                "hosts:\n"
                                "  nr:\n"
                                "    vip: \"127.0.154.101\"\n"
                                "  rl:\n"
                                "    cmd: [\"%1\"]\n"
                                "    vip: \"127.0.154.102\"\n"
                                "    loopback: {disable: true}\n"
                                "    aliases: [\"Alias.Example.test\"]\n")
                                .arg(QStringLiteral(ROUTELESS_AGENT_BIN))
                                .toUtf8();
    LoggedProcess manager(norouter, {writeManifest("interop.yaml", yaml)},
                          m_dir.filePath("nr.log"));
    QVERIFY2(manager.waitReady("127.0.154.101") && manager.waitReady("127.0.154.102"),
             manager.log().constData());
    for (const QByteArray &name :
         {QByteArray("rl"), QByteArray("NR"), QByteArray("alias.example.TEST")}) {
      const QByteArray theirs = tcpQuery("127.0.154.101", aQuery(0x0101, name));
      const QByteArray ours = tcpQuery("127.0.154.102", aQuery(0x0202, name));
      QVERIFY2(!theirs.isEmpty() && !ours.isEmpty(), manager.log().constData());
      QCOMPARE(withoutId(ours).toHex(), withoutId(theirs).toHex());
      // With dig's flags (RD and AD): both drop AD.
      QCOMPARE(withoutId(tcpQuery("127.0.154.102", aQuery(0x0303, name, 0x0120))).toHex(),
               withoutId(tcpQuery("127.0.154.101", aQuery(0x0404, name, 0x0120))).toHex());
    }
  }

  void writeEtcHostsInMountNamespace() {
    if (::geteuid() != 0) QSKIP("writeEtcHosts needs root for a mount namespace (CI runs as root)");
    QProcess probe;
    probe.start(QStringLiteral("unshare"),
                {QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"),
                 QStringLiteral("mount --bind /tmp /mnt")});
    if (!probe.waitForFinished(10000) || probe.exitCode() != 0)
      QSKIP(qPrintable("unshare -m with a bind mount is not allowed here: " +
                       QString::fromUtf8(probe.readAllStandardError().trimmed())));
    // Inside the agent's namespace /etc is a directory of ours and /etc/hosts a file bind
    // mount over it, as in a container: the atomic rename fails there and the agent rewrites
    // the file in place.
    QDir etc(m_dir.filePath("etc"));
    QVERIFY(etc.mkpath(QStringLiteral(".")));
    const QByteArray original = "127.0.0.1 localhost\n::1 ip6-localhost\n";
    for (const char *name : {"hosts", "hosts.mounted"}) {
      QFile f(etc.filePath(QLatin1String(name)));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(original);
    }
    const QString script = QStringLiteral(
                               "mount --bind '%1' /etc && mount --bind '%1/hosts.mounted' "
                               "/etc/hosts && exec '%2' agent --automated")
                               .arg(etc.path(), QStringLiteral(ROUTELESS_AGENT_BIN));
    const QByteArray yaml = QStringLiteral(
                                "hosts:\n"
                                "  ha:\n"
                                "    vip: \"127.0.155.101\"\n"
                                "    loopback: {disable: true}\n"
                                "  hb:\n"
                                "    cmd: [\"unshare\", \"-m\", \"sh\", \"-c\", \"%1\"]\n"
                                "    vip: \"127.0.155.102\"\n"
                                "    loopback: {disable: true}\n"
                                "    writeEtcHosts: true\n"
                                "    stateDir: {disable: true}\n")
                                .arg(script)
                                .toUtf8();
    auto mesh = startMesh(writeManifest("etchosts.yaml", yaml), "etchosts.log");
    QVERIFY2(mesh->waitReady("127.0.155.102"), mesh->log());
    auto read = [&etc](const char *name) {
      QFile f(etc.filePath(QLatin1String(name)));
      return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    };
    const QByteArray block =
        "# <Added-by-NoRouter>\n127.0.155.101 ha\n127.0.155.102 hb\n"
        "# </Added-by-NoRouter>\n";
    QTRY_COMPARE_WITH_TIMEOUT(read("hosts.mounted"), original + block, 10000);
    QCOMPARE(read("hosts.bak.norouter"), original);
    QCOMPARE(read("hosts"), original);  // the directory's own file, hidden by the mount
    mesh->stop();                       // stdin EOF for the agents: a clean stop
    QCOMPARE(read("hosts.mounted"), original);
    QVERIFY2(!mesh->log().contains("failed to write the mesh names"), mesh->log());

    // SIGTERM (stdin still open) is a clean stop too: the block goes.
    QProcess agentProcess;
    agentProcess.setStandardErrorFile(m_dir.filePath("sigterm-agent.log"));
    agentProcess.start(QStringLiteral("unshare"),
                       {QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"), script});
    QVERIFY(agentProcess.waitForStarted());
    routeless::agent::ConfigureArgs args;
    args.me = "127.0.155.102";
    args.hostnameMap = {{"solo", "127.0.155.102"}};
    args.loopbackDisable = true;
    args.stateDirDisable = true;
    args.writeEtcHosts = true;
    const std::string frame =
        agent::encodeFrame(agent::FrameType::Json, agent::encodeConfigureRequest(1, args));
    agentProcess.write(frame.data(), qint64(frame.size()));
    QTRY_COMPARE_WITH_TIMEOUT(
        read("hosts.mounted"),
        original + "# <Added-by-NoRouter>\n127.0.155.102 solo\n# </Added-by-NoRouter>\n", 10000);
    agentProcess.terminate();
    QVERIFY(agentProcess.waitForFinished(10000));
    QCOMPARE(agentProcess.exitStatus(), QProcess::NormalExit);
    QCOMPARE(read("hosts.mounted"), original);
  }
};

QTEST_GUILESS_MAIN(TestMeshDns)
#include "tst_mesh_dns.moc"
