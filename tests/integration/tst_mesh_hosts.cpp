// The mesh across real host boundaries: agents in separate network namespaces (the service is
// reachable only through the mesh), and an agent launched over ssh to an sshd the test starts.
// Both need root (CI runs as root); without it they skip and say so.
#include <signal.h>
#include <unistd.h>

#include <QStandardPaths>
#include <QTcpServer>
#include <QtTest>

#include "testnet.h"

using namespace testnet;

class TestMeshHosts : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QStringList m_namespaces;

  static int run(const QStringList &argv, QByteArray *output = nullptr, int timeoutMs = 15000) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(argv.first(), argv.mid(1));
    if (!p.waitForFinished(timeoutMs)) {
      p.kill();
      p.waitForFinished();
      return -1;
    }
    if (output) *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  }

  QString writeFile(const QString &name, const QByteArray &content) {
    return testnet::writeFile(m_dir, name, content);
  }

  static QString tool(const QString &name) { return QStandardPaths::findExecutable(name); }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void cleanupTestCase() {
    for (const QString &ns : m_namespaces)
      run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("delete"), ns});
  }

  void agentsInSeparateNetworkNamespaces() {
    if (::geteuid() != 0) QSKIP("network namespaces need root; run the suite as root (CI does)");
    if (tool(QStringLiteral("ip")).isEmpty() || tool(QStringLiteral("python3")).isEmpty() ||
        tool(QStringLiteral("curl")).isEmpty())
      QSKIP("needs ip (iproute2), python3 and curl; .ci/setup installs them");
    const QString suffix = QString::number(::getpid());
    const QString nsA = QStringLiteral("rlA") + suffix, nsB = QStringLiteral("rlB") + suffix;
    for (const QString &ns : {nsA, nsB}) {
      // `ip netns add` can race with another process setting up /run/netns: retry briefly.
      QByteArray out;
      int rc = -1;
      for (int attempt = 0; attempt < 5 && rc != 0; ++attempt) {
        run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("delete"), ns});
        rc = run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("add"), ns}, &out);
        if (rc != 0) QThread::msleep(200);
      }
      QVERIFY2(rc == 0, out.constData());
      m_namespaces << ns;
      QCOMPARE(run({QStringLiteral("ip"), QStringLiteral("-n"), ns, QStringLiteral("link"),
                    QStringLiteral("set"), QStringLiteral("lo"), QStringLiteral("up")}),
               0);
    }
    // An HTTP server that exists only inside namespace B.
    QDir(m_dir.path()).mkpath(QStringLiteral("www"));
    writeFile(QStringLiteral("www/hello.txt"), "served inside namespace B\n");
    const quint16 port = quint16(20000 + (::getpid() % 20000));
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(QStringLiteral("ip"),
                 {QStringLiteral("netns"), QStringLiteral("exec"), nsB, QStringLiteral("python3"),
                  QStringLiteral("-m"), QStringLiteral("http.server"), QString::number(port),
                  QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                  QStringLiteral("--directory"), m_dir.filePath(QStringLiteral("www"))});
    QVERIFY(server.waitForStarted());
    auto stopServer = qScopeGuard([&] {
      server.kill();
      server.waitForFinished();
    });

    const QString node = QStringLiteral(ROUTELESS_NODE_BIN);
    const QByteArray manifest = QStringLiteral(
                                    "hosts:\n"
                                    "  nsa:\n"
                                    "    vip: \"127.0.42.161\"\n"
                                    "    cmd: [\"ip\", \"netns\", \"exec\", \"%1\", \"%3\"]\n"
                                    "  nsb:\n"
                                    "    vip: \"127.0.42.162\"\n"
                                    "    cmd: [\"ip\", \"netns\", \"exec\", \"%2\", \"%3\"]\n"
                                    "    loopback: {disable: true}\n"
                                    "    ports: [\"8080:127.0.0.1:%4\"]\n")
                                    .arg(nsA, nsB, node)
                                    .arg(port)
                                    .toUtf8();
    NodeProcess mesh({QStringLiteral("mesh"), writeFile(QStringLiteral("netns.yaml"), manifest)},
                     m_dir.filePath(QStringLiteral("netns.log")));
    QVERIFY2(mesh.waitReady(QStringLiteral("127.0.42.161")) &&
                 mesh.waitReady(QStringLiteral("127.0.42.162")),
             mesh.log());

    const QString url = QStringLiteral("http://127.0.42.162:8080/hello.txt");
    QByteArray out;
    bool ok = false;
    for (int i = 0; i < 50 && !ok; ++i) {
      ok = run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), nsA,
                QStringLiteral("curl"), QStringLiteral("-sS"), QStringLiteral("--max-time"),
                QStringLiteral("5"), url},
               &out) == 0 &&
           out == "served inside namespace B\n";
      if (!ok) QThread::msleep(200);
    }
    QVERIFY2(ok, out + "\n" + mesh.log());
    // Without the mesh, namespace A cannot reach the server at all.
    QVERIFY(run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), nsA,
                 QStringLiteral("curl"), QStringLiteral("-sS"), QStringLiteral("--max-time"),
                 QStringLiteral("2"), QStringLiteral("http://127.0.0.1:%1/hello.txt").arg(port)}) !=
            0);
  }

  // With zeroInstall the agent is not named on the far side: the manager probes through ssh,
  // uploads the agent into a HOME of the test's own (never root's real one) and starts it.
  void agentLaunchedOverSsh_data() {
    QTest::addColumn<bool>("zeroInstall");
    QTest::newRow("agent named in cmd") << false;
    QTest::newRow("zero-install") << true;
  }
  void agentLaunchedOverSsh() {
    QFETCH(bool, zeroInstall);
    if (::geteuid() != 0) QSKIP("starting a private sshd as root needs root; CI runs as root");
    if (!QFile::exists(QStringLiteral("/usr/sbin/sshd")) || tool(QStringLiteral("ssh")).isEmpty() ||
        tool(QStringLiteral("ssh-keygen")).isEmpty())
      QSKIP("needs openssh-server and openssh-client; .ci/setup installs them");
    const QString row = zeroInstall ? QStringLiteral("-zero") : QString();  // fresh keys per row
    const QString hostKey = m_dir.filePath(QStringLiteral("host_key") + row);
    const QString userKey = m_dir.filePath(QStringLiteral("user_key") + row);
    for (const QString &k : {hostKey, userKey})
      QCOMPARE(run({QStringLiteral("ssh-keygen"), QStringLiteral("-q"), QStringLiteral("-t"),
                    QStringLiteral("ed25519"), QStringLiteral("-N"), QString(),
                    QStringLiteral("-f"), k}),
               0);
    QFile pub(userKey + QStringLiteral(".pub"));
    QVERIFY(pub.open(QIODevice::ReadOnly));
    const QString authorized = writeFile(QStringLiteral("authorized_keys") + row, pub.readAll());
    // The port is one the kernel just handed out; another test can still take it before sshd
    // binds, so a refused bind starts sshd again on a fresh port.
    QDir().mkpath(QStringLiteral("/run/sshd"));
    QProcess sshd;
    sshd.setProcessChannelMode(QProcess::MergedChannels);
    auto stopSshd = qScopeGuard([&] {
      sshd.terminate();
      if (!sshd.waitForFinished(3000)) sshd.kill();
    });
    quint16 sshPort = 0;
    QByteArray sshdLog;
    for (int attempt = 0; attempt < 5 && !sshdLog.contains("Server listening"); ++attempt) {
      if (sshd.state() != QProcess::NotRunning) {
        sshd.kill();
        sshd.waitForFinished();
      }
      {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        sshPort = probe.serverPort();
      }
      const QString config = writeFile(
          QStringLiteral("sshd_config") + row,
          QStringLiteral("Port %1\nListenAddress 127.0.0.1\nHostKey %2\nAuthorizedKeysFile %3\n"
                         "PermitRootLogin yes\nUsePAM no\nStrictModes no\nPidFile %4\n"
                         "PasswordAuthentication no\n")
              .arg(sshPort)
              .arg(hostKey, authorized, m_dir.filePath(QStringLiteral("sshd.pid")))
              .toUtf8());
      sshd.start(QStringLiteral("/usr/sbin/sshd"),
                 {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), config});
      QVERIFY(sshd.waitForStarted());
      sshdLog.clear();
      for (int i = 0;
           i < 100 && !sshdLog.contains("Server listening") && !sshdLog.contains("Cannot bind");
           ++i) {
        sshd.waitForReadyRead(100);
        sshdLog += sshd.readAll();
      }
    }
    QVERIFY2(sshdLog.contains("Server listening"), sshdLog);

    const QString home = m_dir.filePath(QStringLiteral("ssh-home"));
    QDir().mkpath(home);
    const QByteArray body = "reached through an agent started by ssh\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    const QByteArray manifest =
        QStringLiteral(
            "hosts:\n"
            "  local:\n"
            "    vip: \"127.0.42.171\"\n"
            "  remote:\n"
            "    vip: \"127.0.42.172\"\n"
            "    cmd: \"ssh -p %1 -i %2 -o StrictHostKeyChecking=no -o "
            "UserKnownHostsFile=/dev/null "
            "-o BatchMode=yes -o LogLevel=ERROR root@127.0.0.1 -- %3\"\n"
            "    loopback: {disable: true}\n"
            "    ports: [\"8080:127.0.0.1:%4\"]\n")
            .arg(sshPort)
            .arg(userKey, zeroInstall ? QStringLiteral("env HOME=") + home +
                                            QStringLiteral(" routeless-agent-not-on-path")
                                      : QStringLiteral(ROUTELESS_NODE_BIN))
            .arg(http.port())
            .toUtf8() +
        (zeroInstall ? QByteArray("    zeroInstall: true\n") : QByteArray());
    const QString name = zeroInstall ? QStringLiteral("ssh-zero") : QStringLiteral("ssh");
    NodeProcess mesh({QStringLiteral("mesh"), writeFile(name + QStringLiteral(".yaml"), manifest)},
                     m_dir.filePath(name + QStringLiteral(".log")));
    QVERIFY2(mesh.waitReady(QStringLiteral("127.0.42.171")) &&
                 mesh.waitReady(QStringLiteral("127.0.42.172")),
             mesh.log() + sshdLog + sshd.readAll());
    QByteArray reply;
    for (int i = 0; i < 50; ++i) {
      const int fd = connectTo("127.0.42.172", 8080);
      if (fd >= 0) {
        sendAll(fd, "GET / HTTP/1.0\r\n\r\n", 18);
        reply = readAll(fd);
        ::close(fd);
        if (reply.endsWith(body)) break;
      }
      QThread::msleep(200);
    }
    QVERIFY2(reply.endsWith(body), reply + mesh.log());
    if (zeroInstall) {
      QVERIFY2(mesh.log().contains("agent uploaded: " + home.toUtf8() +
                                   "/.cache/routeless/routeless-agent-"),
               mesh.log());
      QCOMPARE(QDir(home + QStringLiteral("/.cache/routeless")).entryList(QDir::Files).size(), 1);
    }
  }
};

QTEST_GUILESS_MAIN(TestMeshHosts)
#include "tst_mesh_hosts.moc"
