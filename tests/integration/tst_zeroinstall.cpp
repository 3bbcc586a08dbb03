// Zero-install end to end: a "bare host" (a root directory holding only busybox-static,
// entered with `unshare -r --root`, nothing of Routeless in it) gets the agent uploaded by
// `routeless-node mesh` through the host's command, serves HTTP through a forward, is not
// uploaded to again on a restart ("cached"), and a cut upload is caught (retried once, then
// reported with the host's name). Missing sh and an OS/arch without a build are reported too.
// The bare host runs this machine's arch (x86-64 in CI); the build is the native one.
#include <QtTest>

#include "mesh/agentbuilds.h"
#include "mesh/agentinstaller.h"
#include "testnet.h"

using namespace testnet;
using routeless::mesh::AgentBuild;
using routeless::mesh::AgentInstaller;

namespace {

// Runs `sh -c script` with HOME set, stdin `input`; returns stdout.
QByteArray runSh(const QString &script, const QString &home, const QByteArray &input = {},
                 int *exitCode = nullptr) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("HOME"), home);
  env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
  p.setProcessEnvironment(env);
  p.start(QStringLiteral("sh"), {QStringLiteral("-c"), script});
  p.write(input);
  p.closeWriteChannel();
  p.waitForFinished(30000);
  if (exitCode) *exitCode = p.exitCode();
  return p.readAllStandardOutput();
}

}  // namespace

class TestZeroInstall : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  int m_meshes = 0;

  QString vip(int n) const { return QStringLiteral("127.80.%1.%2").arg(::getpid() % 250).arg(n); }

  QString writeFile(const QString &path, const QByteArray &text, bool executable = false) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) qFatal("cannot write");
    f.close();
    if (executable)
      QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
  }

  // A root with /bin/busybox and its applets as links, and an empty /home/bare.
  QString bareHost(const QString &name) {
    const QString root = m_dir.filePath(name);
    QDir().mkpath(root + QStringLiteral("/bin"));
    QDir().mkpath(root + QStringLiteral("/home/bare"));
    if (!QFile::copy(m_busybox, root + QStringLiteral("/bin/busybox")))
      qFatal("cannot copy busybox");
    for (const char *applet :
         {"sh", "cat", "mkdir", "chmod", "mv", "rm", "wc", "uname", "env", "sha256sum", "head"})
      QFile::link(QStringLiteral("busybox"),
                  root + QStringLiteral("/bin/") + QLatin1String(applet));
    return root;
  }

  static QString yamlList(const QStringList &words) {
    QStringList q;
    for (const QString &w : words) q << QLatin1Char('"') + w + QLatin1Char('"');
    return QLatin1Char('[') + q.join(QStringLiteral(", ")) + QLatin1Char(']');
  }

  // The command that reaches the bare host, ending in the agent's name as NoRouter wants it.
  static QStringList enter(const QString &root) {
    return {QStringLiteral("unshare"),         QStringLiteral("-r"),
            QStringLiteral("--root=") + root,  QStringLiteral("env"),
            QStringLiteral("HOME=/home/bare"), QStringLiteral("routeless-agent")};
  }

  struct Mesh {
    QString manifest;
    QString client, server;  // VIPs
  };
  Mesh writeMesh(const QStringList &serverCmd, quint16 httpPort) {
    const int n = ++m_meshes;
    Mesh m{m_dir.filePath(QStringLiteral("mesh%1.yaml").arg(n)), vip(2 * n), vip(2 * n + 1)};
    writeFile(m.manifest,
              QStringLiteral("hostTemplate:\n"
                             "  stateDir: {disable: true}\n"
                             "hosts:\n"
                             "  client:\n"
                             "    vip: \"%1\"\n"
                             "    cmd: [\"%3\"]\n"
                             "  bare:\n"
                             "    vip: \"%2\"\n"
                             "    cmd: %4\n"
                             "    zeroInstall: true\n"
                             "    loopback: {disable: true}\n"
                             "    ports: [\"8080:127.0.0.1:%5\"]\n")
                  .arg(m.client, m.server, QStringLiteral(ROUTELESS_AGENT_BIN), yamlList(serverCmd))
                  .arg(httpPort)
                  .toUtf8());
    return m;
  }
  std::unique_ptr<NodeProcess> run(const Mesh &m, const QString &log) {
    return std::make_unique<NodeProcess>(
        QStringList{QStringLiteral("mesh"), QStringLiteral("--status-interval"),
                    QStringLiteral("1"), m.manifest},
        m_dir.filePath(log));
  }
  static QStringList cachedFiles(const QString &root) {
    return QDir(root + QStringLiteral("/home/bare/.cache/routeless"))
        .entryList(QDir::Files | QDir::Hidden | QDir::System);
  }

  QString m_busybox;
  QByteArray m_agentBytes;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_busybox = QStringLiteral("/bin/busybox");
    if (!QFileInfo(m_busybox).isExecutable())
      QSKIP("busybox-static not found at /bin/busybox (.ci/setup installs it)");
    QProcess probe;  // unprivileged user namespaces are needed for `unshare -r --root`
    probe.start(QStringLiteral("unshare"), {QStringLiteral("-r"), QStringLiteral("true")});
    if (!probe.waitForFinished(10000) || probe.exitCode() != 0)
      QSKIP("`unshare -r` is not allowed here (user namespaces disabled); CI allows it");
    QFile agent(QStringLiteral(ROUTELESS_AGENTS_DIR "/linux-x86_64/routeless-agent"));
    QVERIFY2(agent.open(QIODevice::ReadOnly), "no native agent under share/routeless/agents");
    m_agentBytes = agent.readAll();
  }

  // The probe and upload scripts, run by this machine's sh against an empty HOME.
  void scriptsProbeUploadAndRefuseShortCopies() {
    QTemporaryDir home;
    const QByteArray bytes = QByteArray(100000, 'x') + "tail";
    AgentBuild b{QStringLiteral("linux-x86_64"), QString(),
                 QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex(), bytes.size()};
    const QString probe = AgentInstaller::probeScript(QStringLiteral("no-such-agent-xyz"), {b});
    QByteArray out = runSh(probe, home.path());
    QVERIFY2(out.startsWith("routeless-probe 1\nuname "), out.constData());
    QVERIFY(out.contains("\ncache " + home.path().toUtf8() + "/.cache/routeless\n"));
    QVERIFY(!out.contains("\ncached "));
    QVERIFY(!out.contains("\npath "));
    QVERIFY(out.endsWith("routeless-probe end\n"));

    int exitCode = -1;
    out = runSh(AgentInstaller::uploadScript(b), home.path(), bytes.left(5000), &exitCode);
    QCOMPARE(out, QByteArray("upload-short 5000\n"));
    QVERIFY(exitCode != 0);
    QCOMPARE(QDir(home.filePath(QStringLiteral(".cache/routeless")))
                 .entryList(QDir::Files | QDir::Hidden),
             QStringList());
    QByteArray corrupt = bytes;
    corrupt[10] = 'y';
    out = runSh(AgentInstaller::uploadScript(b), home.path(), corrupt, &exitCode);
    if (!QStandardPaths::findExecutable(QStringLiteral("sha256sum")).isEmpty())
      QCOMPARE(out, QByteArray("upload-corrupt\n"));

    out = runSh(AgentInstaller::uploadScript(b), home.path(), bytes, &exitCode);
    const QString installed =
        home.filePath(QStringLiteral(".cache/routeless/")) + QString::fromLatin1(b.cacheName());
    QCOMPARE(out, "upload-ok " + installed.toUtf8() + "\n");
    QCOMPARE(exitCode, 0);
    QVERIFY(QFileInfo(installed).isExecutable());
    out = runSh(probe, home.path());
    QVERIFY2(out.contains("\ncached " + b.cacheName() + "\n"), out.constData());

    // An agent on PATH is reported; a name that is not a plain word is never put in a script.
    QVERIFY(runSh(AgentInstaller::probeScript(QStringLiteral("sh"), {b}), home.path())
                .contains("\npath "));
    QVERIFY(!AgentInstaller::probeScript(QStringLiteral("x;reboot"), {b}).contains("reboot"));
  }

  void bareHostGetsTheAgentThenUsesTheCache() {
    const QString root = bareHost(QStringLiteral("bare1"));
    const QByteArray body = "served from a bare host\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    const Mesh m = writeMesh(enter(root), http.port());
    {
      auto mesh = run(m, QStringLiteral("first.log"));
      QVERIFY2(mesh->waitReady(m.client, 60000) && mesh->waitReady(m.server, 60000),
               mesh->log().constData());
      QVERIFY2(mesh->log().contains("agent uploaded: /home/bare/.cache/routeless/routeless-agent-"),
               mesh->log().constData());
      QCOMPARE(fetchHttpBody(m.server.toUtf8().constData(), 8080, 20000), body);
      QVERIFY2(mesh->waitForLog(QStringLiteral("agent=uploaded/linux-x86_64 0\\.6\\.5"), 10000)
                   .hasMatch(),
               mesh->log().constData());
    }
    // The host holds one file, named by the hash of the bytes it holds, and no leftovers.
    const QStringList files = cachedFiles(root);
    QVERIFY2(files.size() == 1, qPrintable(files.join(QLatin1Char(' '))));
    QFile copy(root + QStringLiteral("/home/bare/.cache/routeless/") + files.first());
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QVERIFY(copy.readAll() == m_agentBytes);
    QCOMPARE(
        files.first(),
        QStringLiteral("routeless-agent-") +
            QCryptographicHash::hash(m_agentBytes, QCryptographicHash::Sha256).toHex().left(16));
    QVERIFY(QFileInfo(copy).isExecutable());

    auto again = run(m, QStringLiteral("second.log"));
    QVERIFY2(again->waitReady(m.server, 60000), again->log().constData());
    QVERIFY2(again->log().contains("agent cached: /home/bare/.cache/routeless/routeless-agent-"),
             again->log().constData());
    QVERIFY(!again->log().contains("agent uploaded"));
    QCOMPARE(fetchHttpBody(m.server.toUtf8().constData(), 8080, 20000), body);
  }

  // A transport that cuts the upload's stdin to 100,000 bytes, once or every time.
  void cutUploadIsCaught_data() {
    QTest::addColumn<bool>("always");
    QTest::newRow("cut once: retried") << false;
    QTest::newRow("cut every time: reported") << true;
  }
  void cutUploadIsCaught() {
    QFETCH(bool, always);
    const QString root =
        bareHost(always ? QStringLiteral("cut-always") : QStringLiteral("cut-once"));
    const QString mark = root + QStringLiteral(".cut");
    const QString cutter =
        writeFile(root + QStringLiteral(".sh"),
                  QStringLiteral("#!/bin/sh\n"
                                 "case \"$*\" in\n"
                                 "  *upload-ok*)\n"
                                 "    if [ %1 = 1 ] || [ ! -e '%2' ]; then\n"
                                 "      : > '%2'; head -c 100000 | \"$@\"; exit $?\n"
                                 "    fi ;;\n"
                                 "esac\n"
                                 "exec \"$@\"\n")
                      .arg(always ? 1 : 0)
                      .arg(mark)
                      .toUtf8(),
                  true);
    const QByteArray body = "after a cut upload\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    const Mesh m = writeMesh(QStringList{cutter} + enter(root), http.port());
    auto mesh = run(m, always ? QStringLiteral("cut-always.log") : QStringLiteral("cut-once.log"));
    if (!always) {
      QVERIFY2(mesh->waitReady(m.server, 60000), mesh->log().constData());
      QVERIFY(QFileInfo::exists(mark));
      QVERIFY2(mesh->log().contains("agent uploaded"), mesh->log().constData());
      QCOMPARE(fetchHttpBody(m.server.toUtf8().constData(), 8080, 20000), body);
      return;
    }
    const auto failed = mesh->waitForLog(
        QStringLiteral("bare\\(%1\\): bare: the upload was cut: 100000 of %2 bytes arrived "
                       "\\(tried twice")
            .arg(QRegularExpression::escape(m.server))
            .arg(m_agentBytes.size()),
        60000);
    QVERIFY2(failed.hasMatch(), mesh->log().constData());
    QVERIFY2(mesh->waitForLog(QStringLiteral("status bare\\(%1\\): failed")
                                  .arg(QRegularExpression::escape(m.server)),
                              10000)
                 .hasMatch(),
             mesh->log().constData());
    QVERIFY(!mesh->log().contains("Ready: " + m.server.toUtf8()));
    QCOMPARE(cachedFiles(root), QStringList());  // nothing runnable, no temporary left
  }

  // A manager whose only build is for another arch (a fake linux-arm64 file) names both.
  void noBuildForTheHostsArch() {
    const QString root = bareHost(QStringLiteral("other-arch"));
    const QString builds = m_dir.filePath(QStringLiteral("arm-only"));
    QDir().mkpath(builds + QStringLiteral("/linux-arm64"));
    writeFile(builds + QStringLiteral("/linux-arm64/routeless-agent"), "not for this host", true);
    TcpServer http([](int fd) { httpHandler(fd, "x"); });
    const Mesh m = writeMesh(enter(root), http.port());
    qputenv("ROUTELESS_AGENTS_DIR", builds.toUtf8());
    auto mesh = run(m, QStringLiteral("other-arch.log"));
    qunsetenv("ROUTELESS_AGENTS_DIR");
    QVERIFY2(mesh->waitForLog(QStringLiteral("bare: no agent build for linux-x86_64 "
                                             "\\(`uname -sm`: \"Linux x86_64\"\\); this manager "
                                             "has linux-arm64 in "),
                              60000)
                 .hasMatch(),
             mesh->log().constData());
    QCOMPARE(cachedFiles(root), QStringList());
  }

  void shMissingOnTheHost() {
    const QString root = m_dir.filePath(QStringLiteral("empty"));
    QDir().mkpath(root);
    TcpServer http([](int fd) { httpHandler(fd, "x"); });
    const Mesh m = writeMesh({QStringLiteral("unshare"), QStringLiteral("-r"),
                              QStringLiteral("--root=") + root, QStringLiteral("routeless-agent")},
                             http.port());
    auto mesh = run(m, QStringLiteral("nosh.log"));
    QVERIFY2(
        mesh->waitForLog(QStringLiteral("bare: `sh` is missing on the host \\(exit 127"), 60000)
            .hasMatch(),
        mesh->log().constData());
  }
};

QTEST_GUILESS_MAIN(TestZeroInstall)
#include "tst_zeroinstall.moc"
