// `routeless-node mesh FILE` end to end: real agent processes on loopback, a forward, bulk data
// both ways with sha256, concurrency, half-close, a killed agent coming back, a garbage agent.
#include <signal.h>

#include <QtTest>

#include "testnet.h"

using namespace testnet;

class TestMesh : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;

  QString writeManifest(const QString &name, const QByteArray &yaml) {
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write manifest");
    f.write(yaml);
    return path;
  }

  // A two-host mesh: `a` runs loopback listeners, `b` forwards 8080 to `port` on 127.0.0.1.
  QByteArray twoHosts(const QString &prefix, quint16 port, const QByteArray &extraHosts = {}) {
    return QStringLiteral(
               "hosts:\n"
               "  hostA:\n"
               "    vip: \"%1.101\"\n"
               "  hostB:\n"
               "    vip: \"%1.102\"\n"
               "    loopback: {disable: true}\n"
               "    ports: [\"8080:127.0.0.1:%2\"]\n")
               .arg(prefix)
               .arg(port)
               .toUtf8() +
           extraHosts;
  }

  std::unique_ptr<NodeProcess> startMesh(const QString &manifest, const QString &logName) {
    auto mesh = std::make_unique<NodeProcess>(
        QStringList{QStringLiteral("mesh"), QStringLiteral("--status-interval"),
                    QStringLiteral("1"), manifest},
        m_dir.filePath(logName));
    return mesh;
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void httpThroughForward() {
    const QByteArray body = "hello from behind hostB\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    auto mesh =
        startMesh(writeManifest("http.yaml", twoHosts("127.0.42", http.port())), "http.log");
    QVERIFY2(mesh->waitReady("127.0.42.101") && mesh->waitReady("127.0.42.102"), mesh->log());
    QCOMPARE(fetchHttpBody("127.0.42.102", 8080, 5000), body);
    // A thousand-request burst of short connections, all answered.
    for (int i = 0; i < 50; ++i) QCOMPARE(httpGet("127.0.42.102", 8080), body);
  }

  void bulkBothWaysWithSha256() {
    const qint64 total = smallScale() ? (20ll << 20) : (200ll << 20);
    const quint32 seed = 4242;
    TcpServer sink(hashSinkHandler);
    TcpServer source([&](int fd) { sourceHandler(fd, seed, total); });
    const QByteArray extra = QStringLiteral(
                                 "  hostC:\n"
                                 "    vip: \"127.0.42.113\"\n"
                                 "    loopback: {disable: true}\n"
                                 "    ports: [\"9090:127.0.0.1:%1\"]\n")
                                 .arg(source.port())
                                 .toUtf8();
    auto mesh = startMesh(
        writeManifest(
            "bulk.yaml",
            twoHosts("127.0.42", sink.port()).replace("127.0.42.10", "127.0.42.11") + extra),
        "bulk.log");
    QVERIFY2(mesh->waitReady("127.0.42.111") && mesh->waitReady("127.0.42.112") &&
                 mesh->waitReady("127.0.42.113"),
             mesh->log());
    QThread::msleep(300);

    // Upload: client -> A's listener -> mesh -> B -> sink; half-close, then read the digest.
    const int up = connectTo("127.0.42.112", 8080);
    QVERIFY(up >= 0);
    PatternStream s(seed);
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (qint64 sent = 0; sent < total;) {
      const QByteArray chunk = s.next(qMin<qint64>(1 << 20, total - sent));
      h.addData(chunk);
      QVERIFY(sendAll(up, chunk.constData(), chunk.size()));
      sent += chunk.size();
    }
    ::shutdown(up, SHUT_WR);
    QCOMPARE(readAll(up, 64, 60000), h.result().toHex());
    ::close(up);

    // Download: source behind hostC -> mesh -> A's listener -> client.
    const int down = connectTo("127.0.42.113", 9090);
    QVERIFY(down >= 0);
    QCryptographicHash hd(QCryptographicHash::Sha256);
    qint64 received = 0;
    char buf[1 << 16];
    for (;;) {
      const ssize_t n = ::recv(down, buf, sizeof buf, 0);
      if (n <= 0) break;
      hd.addData(QByteArrayView(buf, n));
      received += n;
    }
    ::close(down);
    QCOMPARE(received, total);
    QCOMPARE(hd.result().toHex(), patternDigest(seed, total));
  }

  void hundredConcurrentConnections() {
    TcpServer echo(echoHandler);
    auto mesh = startMesh(
        writeManifest("conc.yaml",
                      twoHosts("127.0.42", echo.port()).replace("127.0.42.10", "127.0.42.12")),
        "conc.log");
    QVERIFY2(mesh->waitReady("127.0.42.121") && mesh->waitReady("127.0.42.122"), mesh->log());
    QThread::msleep(300);
    constexpr int kClients = 100;
    std::atomic<int> good{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i) {
      clients.emplace_back([i, &good] {
        const int fd = connectTo("127.0.42.122", 8080);
        if (fd < 0) return;
        PatternStream s{quint32(i)};
        const QByteArray payload = s.next(64 * 1024 + i);
        std::thread writer([&] {
          sendAll(fd, payload.constData(), payload.size());
          ::shutdown(fd, SHUT_WR);  // half-close: the echo still comes back
        });
        const QByteArray back = readAll(fd, payload.size() + 1);
        writer.join();
        ::close(fd);
        if (back == payload) ++good;
      });
    }
    for (auto &t : clients) t.join();
    QCOMPARE(good.load(), kClients);
  }

  void killedAgentComesBack() {
    const QByteArray body = "still here\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    auto mesh = startMesh(
        writeManifest("kill.yaml",
                      twoHosts("127.0.42", http.port()).replace("127.0.42.10", "127.0.42.13")),
        "kill.log");
    QVERIFY2(mesh->waitReady("127.0.42.131") && mesh->waitReady("127.0.42.132"), mesh->log());
    QCOMPARE(fetchHttpBody("127.0.42.132", 8080, 5000), body);
    const auto m = mesh->waitForLog(
        QStringLiteral("status hostB\\(127\\.0\\.42\\.132\\): ready pid=(\\d+)"), 5000);
    QVERIFY2(m.hasMatch(), mesh->log());
    const qint64 before = mesh->log().size();
    QVERIFY(::kill(pid_t(m.captured(1).toLongLong()), SIGKILL) == 0);
    // The manager notices at once and restarts after the first back-off step; how long the
    // machine then takes to start a process is not this test's business (bench/ measures
    // speed), so the waits below are generous.
    QVERIFY2(mesh->waitForLog(QStringLiteral("hostB\\(127\\.0\\.42\\.132\\): agent (died|exited)"),
                              30000, before)
                 .hasMatch(),
             mesh->log());
    QVERIFY2(mesh->waitForLog(QStringLiteral("hostB\\(127\\.0\\.42\\.132\\): restarting in 250 ms"),
                              30000, before)
                 .hasMatch(),
             mesh->log());
    QVERIFY2(
        mesh->waitForLog(QStringLiteral("Ready: 127\\.0\\.42\\.132"), 30000, before).hasMatch(),
        mesh->log());
    QCOMPARE(fetchHttpBody("127.0.42.132", 8080, 30000), body);
  }

  void garbageAgentIsReportedOthersKeepWorking() {
    const QByteArray body = "unaffected\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    // The garbage host's command ignores the appended `agent --automated` and writes junk.
    const QByteArray garbage =
        "  junk:\n"
        "    vip: \"127.0.42.149\"\n"
        "    loopback: {disable: true}\n"
        "    cmd: [\"sh\", \"-c\", \"printf 'this is not a frame'; sleep 30\"]\n";
    auto mesh = startMesh(
        writeManifest(
            "junk.yaml",
            twoHosts("127.0.42", http.port()).replace("127.0.42.10", "127.0.42.14") + garbage),
        "junk.log");
    QVERIFY2(mesh->waitReady("127.0.42.141") && mesh->waitReady("127.0.42.142"), mesh->log());
    QVERIFY2(mesh->waitForLog(QStringLiteral("junk\\(127\\.0\\.42\\.149\\): broken stdout stream: "
                                             "bad frame magic"),
                              5000)
                 .hasMatch(),
             mesh->log());
    QCOMPARE(fetchHttpBody("127.0.42.142", 8080, 5000), body);
  }

  void sigtermStopsEveryAgent() {
    TcpServer http([](int fd) { httpHandler(fd, "x"); });
    auto mesh = startMesh(
        writeManifest("term.yaml",
                      twoHosts("127.0.42", http.port()).replace("127.0.42.10", "127.0.42.15")),
        "term.log");
    QVERIFY2(mesh->waitReady("127.0.42.151") && mesh->waitReady("127.0.42.152"), mesh->log());
    const auto m = mesh->waitForLog(
        QStringLiteral("status hostA\\(127\\.0\\.42\\.151\\): ready pid=(\\d+)"), 5000);
    QVERIFY(m.hasMatch());
    const pid_t agent = pid_t(m.captured(1).toLongLong());
    mesh->process().terminate();
    QVERIFY(mesh->process().waitForFinished(8000));
    QCOMPARE(mesh->process().exitCode(), 0);
    QVERIFY2(::kill(agent, 0) != 0, "the agent process must be gone after the manager stops");
  }

  void badManifestIsReported() {
    auto mesh =
        startMesh(writeManifest("bad.yaml", "hosts:\n  a:\n    vip: \"not-an-ip\"\n"), "bad.log");
    QVERIFY(mesh->process().waitForFinished(5000));
    QCOMPARE(mesh->process().exitCode(), 1);
    const QByteArray log = mesh->log();
    QVERIFY2(log.contains("bad.yaml:3") && log.contains("vip"), log);
  }
};

QTEST_GUILESS_MAIN(TestMesh)
#include "tst_mesh.moc"
