// The cross-built agents (-DROUTELESS_AGENT_TARGETS=linux-arm64;windows-x86_64) run by our
// Linux manager: the arm64 agent under qemu-aarch64-static in a mesh with the native x86-64
// agent, and the Windows agent under Wine as a host of the mesh over pipes, HTTP through a
// forward each way the builds allow. Each test skips, saying why, when its build was not
// configured or its emulator is missing (CI configures both and has both).
#include <QtTest>

#include "testnet.h"

using namespace testnet;

namespace {

const QString kAgentsDir = QStringLiteral(ROUTELESS_AGENTS_DIR);

QByteArray readHead(const QString &path, qint64 n) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.read(n) : QByteArray();
}

quint16 le16(const QByteArray &b, qsizetype at) {
  return quint16(quint8(b[at])) | quint16(quint8(b[at + 1])) << 8;
}

// ELF64 little-endian: the machine, and whether any program header asks for an interpreter
// (a dynamically linked executable has PT_INTERP).
struct ElfFacts {
  bool ok = false;
  quint16 machine = 0;
  bool hasInterpreter = false;
};
ElfFacts elfFacts(const QString &path) {
  const QByteArray b = readHead(path, 1 << 16);
  ElfFacts e;
  if (b.size() < 64 ||
      !b.startsWith("\x7f"
                    "ELF") ||
      b[4] != 2 || b[5] != 1)
    return e;
  e.machine = le16(b, 18);
  const quint64 phoff = qFromLittleEndian<quint64>(b.constData() + 32);
  const quint16 phentsize = le16(b, 54), phnum = le16(b, 56);
  for (quint16 i = 0; i < phnum; ++i) {
    const quint64 at = phoff + quint64(i) * phentsize;
    if (at + 4 > quint64(b.size())) return e;
    if (qFromLittleEndian<quint32>(b.constData() + at) == 3) e.hasInterpreter = true;  // PT_INTERP
  }
  e.ok = true;
  return e;
}

QString wine64() {
  for (const QString &p :
       {QStringLiteral("/usr/lib/wine/wine64"), QStringLiteral("/usr/bin/wine64")})
    if (QFileInfo(p).isExecutable()) return p;
  return QStandardPaths::findExecutable(QStringLiteral("wine64"));
}

}  // namespace

class TestAgentCross : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_arm = kAgentsDir + QStringLiteral("/linux-arm64/routeless-agent");
  QString m_win = kAgentsDir + QStringLiteral("/windows-x86_64/routeless-agent.exe");
  QString m_native = QStringLiteral(ROUTELESS_AGENT_BIN);

  QString vip(int n) const { return QStringLiteral("127.79.%1.%2").arg(::getpid() % 250).arg(n); }

  QString writeFile(const QString &name, const QByteArray &text) {
    return testnet::writeFile(m_dir, name, text);
  }

  static QString yamlList(const QStringList &words) {
    QStringList q;
    for (const QString &w : words) q << QLatin1Char('"') + w + QLatin1Char('"');
    return QLatin1Char('[') + q.join(QStringLiteral(", ")) + QLatin1Char(']');
  }

  // A mesh of two hosts: `client` listens on the server's VIP (loopback mode); `server`
  // forwards 8080 to `httpPort` on its host. Both are run through our manager.
  std::unique_ptr<NodeProcess> startMesh(const QString &name, const QStringList &client,
                                         const QStringList &server, quint16 httpPort, int n) {
    const QByteArray yaml = QStringLiteral(
                                "hostTemplate:\n"
                                "  stateDir: {disable: true}\n"
                                "hosts:\n"
                                "  client:\n"
                                "    vip: \"%1\"\n"
                                "    cmd: %3\n"
                                "  server:\n"
                                "    vip: \"%2\"\n"
                                "    cmd: %4\n"
                                "    loopback: {disable: true}\n"
                                "    ports: [\"8080:127.0.0.1:%5\"]\n")
                                .arg(vip(2 * n), vip(2 * n + 1), yamlList(client), yamlList(server))
                                .arg(httpPort)
                                .toUtf8();
    return std::make_unique<NodeProcess>(
        QStringList{QStringLiteral("mesh"), writeFile(name + QStringLiteral(".yaml"), yaml)},
        m_dir.filePath(name + QStringLiteral(".log")));
  }

  // Why a test of that build cannot run here (empty: it can). QSKIP must be in the test
  // function itself: in a helper it only returns from the helper.
  QString armMissing() const {
    if (!QFileInfo::exists(m_arm))
      return QStringLiteral(
          "no linux-arm64 agent: configure with -DROUTELESS_AGENT_TARGETS=linux-arm64 (CI does)");
    if (QStandardPaths::findExecutable(QStringLiteral("qemu-aarch64-static")).isEmpty())
      return QStringLiteral(
          "qemu-aarch64-static not found (Debian's qemu-user-static; .ci/setup installs it)");
    return {};
  }
  QString windowsMissing() const {
    if (!QFileInfo::exists(m_win))
      return QStringLiteral(
          "no windows-x86_64 agent: configure with -DROUTELESS_AGENT_TARGETS=windows-x86_64");
    if (wine64().isEmpty())
      return QStringLiteral("wine64 not found (Debian's wine64; .ci/setup installs it)");
    return {};
  }

  // Wine keeps its prefix (C:, registry) in the build tree: creating one takes tens of seconds,
  // so it is made once and reused by later runs.
  QProcessEnvironment wineEnvironment() const {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("WINEPREFIX"), QStringLiteral(ROUTELESS_BINARY_DIR "/wine-prefix"));
    env.insert(QStringLiteral("WINEDEBUG"), QStringLiteral("-all"));
    return env;
  }

  // A wrapper the manifest names as cmd: it runs the Windows agent under Wine with the prefix.
  QString wineWrapper() {
    const QString path = m_dir.filePath(QStringLiteral("wine-agent.sh"));
    const QByteArray script =
        QStringLiteral(
            "#!/bin/sh\n"
            "WINEPREFIX='%1' WINEDEBUG=-all exec '%2' '%3' \"$@\"\n")
            .arg(QStringLiteral(ROUTELESS_BINARY_DIR "/wine-prefix"), wine64(), m_win)
            .toUtf8();
    writeFile(QStringLiteral("wine-agent.sh"), script);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void armBuildIsStaticAarch64() {
    if (const QString why = armMissing(); !why.isEmpty()) QSKIP(qPrintable(why));
    const ElfFacts e = elfFacts(m_arm);
    QVERIFY2(e.ok, qPrintable(m_arm));
    QCOMPARE(e.machine, quint16(183));  // EM_AARCH64
    QVERIFY2(!e.hasInterpreter, "the arm64 agent must be statically linked");
    QProcess p;
    p.start(QStringLiteral("qemu-aarch64-static"), {m_arm, QStringLiteral("--version")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(p.readAllStandardOutput().startsWith("routeless-agent version "), "no version line");
  }

  // The arm64 agent on each side of a forward, the other side the x86-64 agent.
  void armAndX86AgentsThroughOurManager_data() {
    QTest::addColumn<bool>("armServes");
    QTest::newRow("arm64 serves, x86-64 listens") << true;
    QTest::newRow("x86-64 serves, arm64 listens") << false;
  }
  void armAndX86AgentsThroughOurManager() {
    QFETCH(bool, armServes);
    if (const QString why = armMissing(); !why.isEmpty()) QSKIP(qPrintable(why));
    const QByteArray body = "served across architectures\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    const QStringList arm{QStringLiteral("qemu-aarch64-static"), m_arm};
    const QStringList x86{m_native};
    const int n = armServes ? 1 : 2;
    auto mesh = startMesh(QStringLiteral("arm%1").arg(n), armServes ? x86 : arm,
                          armServes ? arm : x86, http.port(), n);
    QVERIFY2(mesh->waitReady(vip(2 * n), 60000) && mesh->waitReady(vip(2 * n + 1), 60000),
             mesh->log().constData());
    const QByteArray server = vip(2 * n + 1).toUtf8();
    QCOMPARE(fetchHttpBody(server.constData(), 8080, 30000), body);
    for (int i = 0; i < 10; ++i) QCOMPARE(fetchHttpBody(server.constData(), 8080, 10000), body);

    // 4 MB with a digest back: every byte crossed both agents and the manager.
    TcpServer sink(hashSinkHandler);
    mesh.reset();
    auto bulk = startMesh(QStringLiteral("armbulk%1").arg(n), armServes ? x86 : arm,
                          armServes ? arm : x86, sink.port(), n + 10);
    QVERIFY2(
        bulk->waitReady(vip(2 * (n + 10)), 60000) && bulk->waitReady(vip(2 * (n + 10) + 1), 60000),
        bulk->log().constData());
    const QByteArray sinkVip = vip(2 * (n + 10) + 1).toUtf8();
    int fd = -1;
    for (int attempt = 0; attempt < 50 && fd < 0; ++attempt) {
      fd = connectTo(sinkVip.constData(), 8080);
      if (fd < 0) QThread::msleep(200);
    }
    QVERIFY(fd >= 0);
    const qint64 total = 4 << 20;
    PatternStream s(9);
    for (qint64 sent = 0; sent < total;) {
      const QByteArray chunk = s.next(qMin<qint64>(1 << 20, total - sent));
      QVERIFY(sendAll(fd, chunk.constData(), chunk.size()));
      sent += chunk.size();
    }
    ::shutdown(fd, SHUT_WR);
    const QByteArray digest = readAll(fd, 1 << 20, 120000);
    ::close(fd);
    QCOMPARE(digest, patternDigest(9, total));
  }

  void windowsBuildIsAStaticPe() {
    if (const QString why = windowsMissing(); !why.isEmpty()) QSKIP(qPrintable(why));
    const QByteArray b = readHead(m_win, 4096);
    QVERIFY(b.startsWith("MZ"));
    const quint32 pe = qFromLittleEndian<quint32>(b.constData() + 0x3c);
    QVERIFY(pe + 6 < quint32(b.size()));
    QCOMPARE(b.mid(pe, 4), QByteArray("PE\0\0", 4));
    QCOMPARE(le16(b, pe + 4), quint16(0x8664));  // IMAGE_FILE_MACHINE_AMD64
    // Nothing but system DLLs: no libstdc++, libgcc or winpthread DLL to ship beside it.
    QFile f(m_win);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray all = f.readAll().toLower();
    for (const char *dll : {"libstdc++-6.dll", "libgcc_s_seh-1.dll", "libwinpthread-1.dll"})
      QVERIFY2(!all.contains(dll), dll);
    QProcess p;
    p.setProcessEnvironment(wineEnvironment());
    p.start(wine64(), {m_win, QStringLiteral("--version")});
    QVERIFY(p.waitForFinished(240000));  // a first run creates the Wine prefix
    QVERIFY2(p.readAllStandardOutput().startsWith("routeless-agent version "),
             p.readAllStandardError().constData());
  }

  // The Windows agent as a host of a mesh run by our Linux manager over pipes: it dials the
  // forward's target with Winsock; the native agent listens on its VIP.
  void windowsAgentServesHttpThroughOurManager() {
    if (const QString why = windowsMissing(); !why.isEmpty()) QSKIP(qPrintable(why));
    const QByteArray body = "served by the Windows agent under Wine\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    auto mesh = startMesh(QStringLiteral("wine"), {m_native}, {wineWrapper()}, http.port(), 30);
    QVERIFY2(mesh->waitReady(vip(60), 240000) && mesh->waitReady(vip(61), 240000),
             mesh->log().constData());
    const QByteArray server = vip(61).toUtf8();
    QCOMPARE(fetchHttpBody(server.constData(), 8080, 30000), body);
    for (int i = 0; i < 10; ++i) QCOMPARE(fetchHttpBody(server.constData(), 8080, 10000), body);
  }
};

QTEST_GUILESS_MAIN(TestAgentCross)
#include "tst_agent_cross.moc"
