// Interop with the real NoRouter 0.6.5 binary ($ROUTELESS_PEER_NOROUTER, else
// ../shared/peers/norouter-0.6.5/norouter beside the source tree; every test skips and says so
// when it is absent): its manager with routeless-agent, routeless-node mesh with its agents,
// meshes that mix both kinds of agent under either manager, and our agent as the bastion that
// carries a NoRouter agent's SOCKS connection in routing mode. HTTP and bulk bytes end to end.
#include <unistd.h>

#include <QDir>
#include <QStandardPaths>
#include <QtTest>

#include "testnet.h"

using namespace testnet;

class TestNorouterInterop : public QObject {
  Q_OBJECT

 private:
  QString m_norouter;
  QTemporaryDir m_dir;
  int m_meshes = 0;

  // Distinct VIPs per process and mesh, so that parallel runs never bind the same addresses.
  QString vip(int n) const { return QStringLiteral("127.78.%1.%2").arg(::getpid() % 250).arg(n); }

  QString writeFile(const QString &name, const QByteArray &text) {
    return testnet::writeFile(m_dir, name, text);
  }

  QString program(const QString &kind) const {
    return kind == QLatin1String("ours") ? QStringLiteral(ROUTELESS_AGENT_BIN) : m_norouter;
  }

  std::unique_ptr<LoggedProcess> startManager(const QString &kind, const QString &manifest,
                                              const QString &log) {
    if (kind == QLatin1String("ours"))
      return std::make_unique<LoggedProcess>(QStringLiteral(ROUTELESS_NODE_BIN),
                                             QStringList{QStringLiteral("mesh"), manifest}, log);
    return std::make_unique<LoggedProcess>(m_norouter, QStringList{manifest}, log);
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_norouter = findNorouter();
    if (m_norouter.isEmpty())
      QSKIP("NoRouter 0.6.5 not found: set ROUTELESS_PEER_NOROUTER to its binary (CI has it)");
    QProcess v;
    v.start(m_norouter, {QStringLiteral("--version")});
    QVERIFY(v.waitForFinished(10000));
    QVERIFY2(v.readAllStandardOutput().contains("norouter version 0.6.5"),
             "the peer binary is not NoRouter 0.6.5");
  }

  void httpAndBulkThroughForward_data() {
    QTest::addColumn<QString>("manager");
    QTest::addColumn<QString>("client");  // the agent with loopback listeners
    QTest::addColumn<QString>("server");  // the agent with the forward
    for (const char *m : {"theirs", "ours"})
      for (const char *c : {"ours", "theirs"})
        for (const char *s : {"ours", "theirs"})
          QTest::newRow(qPrintable(QStringLiteral("%1 manager, %2 client agent, %3 server agent")
                                       .arg(QLatin1String(m), QLatin1String(c), QLatin1String(s))))
              << QString::fromLatin1(m) << QString::fromLatin1(c) << QString::fromLatin1(s);
  }
  void httpAndBulkThroughForward() {
    QFETCH(QString, manager);
    QFETCH(QString, client);
    QFETCH(QString, server);
    const QByteArray body = "served behind " + server.toUtf8() + " agent\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    TcpServer sink(hashSinkHandler);
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    const QByteArray yaml = QStringLiteral(
                                "hostTemplate:\n"
                                "  stateDir: {disable: true}\n"
                                "hosts:\n"
                                "  a:\n"
                                "    vip: \"%1\"\n"
                                "    cmd: [\"%3\"]\n"
                                "  b:\n"
                                "    vip: \"%2\"\n"
                                "    cmd: [\"%4\"]\n"
                                "    loopback: {disable: true}\n"
                                "    ports: [\"8080:127.0.0.1:%5\", \"8081:127.0.0.1:%6/tcp\"]\n")
                                .arg(vipA, vipB, program(client), program(server))
                                .arg(http.port())
                                .arg(sink.port())
                                .toUtf8();
    const QString manifest = writeFile(QStringLiteral("mesh%1.yaml").arg(n), yaml);
    auto mesh =
        startManager(manager, manifest, m_dir.filePath(QStringLiteral("mesh%1.log").arg(n)));
    QVERIFY2(mesh->waitReady(vipA) && mesh->waitReady(vipB), mesh->log().constData());

    QCOMPARE(fetchHttpBody(vipB.toUtf8().constData(), 8080, 15000), body);
    for (int i = 0; i < 20; ++i) QCOMPARE(httpGet(vipB.toUtf8().constData(), 8080), body);

    // 8 MB up with half-close, the digest back down the same connection.
    const qint64 total = 8 << 20;
    const int fd = connectTo(vipB.toUtf8().constData(), 8081);
    QVERIFY(fd >= 0);
    PatternStream s(77);
    for (qint64 sent = 0; sent < total;) {
      const QByteArray chunk = s.next(qMin<qint64>(1 << 20, total - sent));
      QVERIFY(sendAll(fd, chunk.constData(), chunk.size()));
      sent += chunk.size();
    }
    ::shutdown(fd, SHUT_WR);
    const QByteArray digest = readAll(fd);
    ::close(fd);
    QCOMPARE(digest, patternDigest(77, total));
    QVERIFY2(!mesh->log().contains("aborting"), mesh->log().constData());
  }

  void ourAgentIsTheBastion_data() {
    QTest::addColumn<QString>("manager");
    QTest::newRow("their manager") << QStringLiteral("theirs");
    QTest::newRow("our manager") << QStringLiteral("ours");
  }
  void ourAgentIsTheBastion() {
    // NoRouter's agent a serves SOCKS; a route sends 127.0.0.1/32 through b, our agent, which
    // answers the SYN from that address in routing mode and dials it on its host.
    QFETCH(QString, manager);
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
      QSKIP("needs curl (.ci/setup installs it)");
    const QByteArray body = "reached through our bastion\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    const quint16 socksPort = freePort();
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    const QByteArray yaml = QStringLiteral(
                                "hostTemplate:\n"
                                "  stateDir: {disable: true}\n"
                                "  loopback: {disable: true}\n"
                                "hosts:\n"
                                "  a:\n"
                                "    vip: \"%1\"\n"
                                "    cmd: [\"%3\"]\n"
                                "    socks: {listen: \"127.0.0.1:%5\"}\n"
                                "  b:\n"
                                "    vip: \"%2\"\n"
                                "    cmd: [\"%4\"]\n"
                                "routes:\n"
                                "  - via: b\n"
                                "    to: [\"127.0.0.1/32\"]\n")
                                .arg(vipA, vipB, m_norouter, QStringLiteral(ROUTELESS_AGENT_BIN))
                                .arg(socksPort)
                                .toUtf8();
    const QString manifest = writeFile(QStringLiteral("bastion%1.yaml").arg(n), yaml);
    auto mesh =
        startManager(manager, manifest, m_dir.filePath(QStringLiteral("bastion%1.log").arg(n)));
    QVERIFY2(mesh->waitReady(vipA) && mesh->waitReady(vipB), mesh->log().constData());
    QByteArray out;
    for (int attempt = 0; attempt < 30; ++attempt) {
      QProcess curl;
      curl.start(QStringLiteral("curl"),
                 {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("10"),
                  QStringLiteral("--socks5"), QStringLiteral("127.0.0.1:%1").arg(socksPort),
                  QStringLiteral("http://127.0.0.1:%1/").arg(http.port())});
      curl.waitForFinished(20000);
      out = curl.readAllStandardOutput() + curl.readAllStandardError();
      if (out == body) break;
      QThread::msleep(300);
    }
    QVERIFY2(out == body, out + "\n" + mesh->log());
  }

  // Our `zeroInstall` host key is one NoRouter 0.6.5 skips with a warning: the same manifest
  // runs under their manager when the agent is installed.
  void theirManagerIgnoresZeroInstall() {
    const QByteArray body = "zeroInstall ignored\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    const QByteArray yaml = QStringLiteral(
                                "hostTemplate:\n"
                                "  stateDir: {disable: true}\n"
                                "  zeroInstall: true\n"
                                "hosts:\n"
                                "  a:\n"
                                "    vip: \"%1\"\n"
                                "    cmd: [\"%3\"]\n"
                                "  b:\n"
                                "    vip: \"%2\"\n"
                                "    cmd: [\"%3\"]\n"
                                "    zeroInstall: true\n"
                                "    loopback: {disable: true}\n"
                                "    ports: [\"8080:127.0.0.1:%4\"]\n")
                                .arg(vipA, vipB, QStringLiteral(ROUTELESS_AGENT_BIN))
                                .arg(http.port())
                                .toUtf8();
    const QString manifest = writeFile(QStringLiteral("zero%1.yaml").arg(n), yaml);
    auto mesh = startManager(QStringLiteral("theirs"), manifest,
                             m_dir.filePath(QStringLiteral("zero%1.log").arg(n)));
    QVERIFY2(mesh->waitReady(vipA) && mesh->waitReady(vipB), mesh->log().constData());
    QVERIFY2(mesh->log().contains("unknown field \\\"zeroInstall\\\"") &&
                 mesh->log().contains("Ignoring."),
             mesh->log().constData());
    QCOMPARE(fetchHttpBody(vipB.toUtf8().constData(), 8080, 15000), body);
  }
};

QTEST_GUILESS_MAIN(TestNorouterInterop)
#include "tst_norouter_interop.moc"
