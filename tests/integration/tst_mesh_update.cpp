// MeshManager::updatePlan with real agents: adding, editing and removing a host while the mesh
// runs restarts only that host (a change of its ports alone not even that host); the other
// agents keep their process (same PID) and are
// reconfigured in place, so a local agent starts or stops listening for the changed host's
// ports at once. Bytes are checked end to end through the forwards.
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include "agent/wire/messages.h"
#include "mesh/manifest.h"
#include "mesh/meshmanager.h"
#include "mesh/meshplan.h"
#include "net/sockets.h"

using namespace routeless;

namespace {

// An echo server on 127.0.0.1 served by this thread's event loop (the test spins it).
class Echo : public QTcpServer {
 public:
  Echo() {
    connect(this, &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket *s = nextPendingConnection()) {
        connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
      }
    });
    listen(QHostAddress::LocalHost);
  }
};

}  // namespace

class TestMeshUpdate : public QObject {
  Q_OBJECT

  Echo m_echoB, m_echoC;
  QString m_net;  // "127.0.N": a /24 of loopback no other test of this run uses
  std::unique_ptr<mesh::MeshManager> m_manager;

  // hosta runs `aCommand` when given (e.g. NoRouter's own agent).
  QByteArray manifestYaml(bool withC, quint16 cPort, const QString &bCommandExtra = {},
                          const QString &aCommand = {}) {
    QString yaml = QStringLiteral(
                       "hosts:\n"
                       "  hosta:\n"
                       "    vip: \"%1.1\"\n"
                       "    stateDir: {disable: true}\n"
                       "  hostb:\n"
                       "    vip: \"%1.2\"\n"
                       "    loopback: {disable: true}\n"
                       "    stateDir: {disable: true}\n"
                       "    ports: [\"8080:127.0.0.1:%2\"]\n")
                       .arg(m_net)
                       .arg(m_echoB.serverPort());
    if (!aCommand.isEmpty()) {
      yaml.replace(QStringLiteral("  hostb:\n"),
                   QStringLiteral("    cmd: [\"%1\"]\n  hostb:\n").arg(aCommand));
    }
    if (!bCommandExtra.isEmpty())
      yaml += QStringLiteral("    cmd: [\"env\", \"%1\", \"%2\"]\n")
                  .arg(bCommandExtra, QStringLiteral(ROUTELESS_NODE_BIN));
    if (withC)
      yaml += QStringLiteral(
                  "  hostc:\n"
                  "    vip: \"%1.3\"\n"
                  "    loopback: {disable: true}\n"
                  "    stateDir: {disable: true}\n"
                  "    ports: [\"%2:127.0.0.1:%3\"]\n")
                  .arg(m_net)
                  .arg(cPort)
                  .arg(m_echoC.serverPort());
    return yaml.toUtf8();
  }

  mesh::MeshPlan plan(const QByteArray &yaml) {
    const auto parsed = mesh::parseManifest(yaml, QStringLiteral("test.yaml"));
    if (const auto *e = std::get_if<mesh::ManifestError>(&parsed))
      qFatal("%s", qPrintable(e->toString()));
    return mesh::planFromManifest(std::get<mesh::Manifest>(parsed),
                                  QStringLiteral(ROUTELESS_NODE_BIN));
  }

  QHash<QString, mesh::HostStatus> hosts() const {
    QHash<QString, mesh::HostStatus> out;
    for (const auto &h : m_manager->snapshot().hosts) out.insert(h.name, h);
    return out;
  }

  bool allReady(int count) const {
    const auto h = hosts();
    if (h.size() != count) return false;
    for (const auto &s : h)
      if (s.state != mesh::HostState::Ready) return false;
    return true;
  }

  // Sends bytes to ip:port and waits for the echo.
  static bool echoes(const QString &ip, quint16 port) {
    QTcpSocket s;
    s.connectToHost(ip, port);
    QElapsedTimer t;
    t.start();
    while (s.state() != QAbstractSocket::ConnectedState && t.elapsed() < 5000) {
      if (s.state() == QAbstractSocket::UnconnectedState) return false;
      QTest::qWait(20);
    }
    const QByteArray payload = "ping " + QByteArray::number(port);
    s.write(payload);
    QByteArray got;
    while (got.size() < payload.size() && t.elapsed() < 10000) {
      QTest::qWait(20);
      got += s.readAll();
      if (s.state() == QAbstractSocket::UnconnectedState) break;
    }
    return got == payload;
  }

  static bool refused(const QString &ip, quint16 port) {
    QTcpSocket s;
    s.connectToHost(ip, port);
    QElapsedTimer t;
    t.start();
    while (s.state() != QAbstractSocket::UnconnectedState && t.elapsed() < 3000) QTest::qWait(20);
    return s.state() == QAbstractSocket::UnconnectedState &&
           s.error() == QAbstractSocket::ConnectionRefusedError;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_echoB.isListening() && m_echoC.isListening());
    m_net = QStringLiteral("127.0.%1").arg(QRandomGenerator::global()->bounded(100, 250));
  }

  void addEditRemoveRestartOnlyThatHost() {
    m_manager = std::make_unique<mesh::MeshManager>();
    const mesh::MeshPlan first = plan(manifestYaml(false, 0));
    m_manager->setPlan(first.hosts, first.routes);
    m_manager->start();
    QTRY_VERIFY_WITH_TIMEOUT(allReady(2), 20000);
    const qint64 pidA = hosts().value(QStringLiteral("hosta")).pid;
    const qint64 pidB = hosts().value(QStringLiteral("hostb")).pid;
    QVERIFY(pidA > 0 && pidB > 0);
    QVERIFY(echoes(m_net + QStringLiteral(".2"), 8080));
    QVERIFY(refused(m_net + QStringLiteral(".3"), 8081));

    // Add hostc: only it starts; hosta listens for its port without a restart.
    const mesh::MeshPlan added = plan(manifestYaml(true, 8081));
    m_manager->updatePlan(added.hosts, added.routes);
    QTRY_VERIFY_WITH_TIMEOUT(allReady(3), 20000);
    QCOMPARE(hosts().value(QStringLiteral("hosta")).pid, pidA);
    QCOMPARE(hosts().value(QStringLiteral("hostb")).pid, pidB);
    QCOMPARE(hosts().value(QStringLiteral("hosta")).restarts, 0);
    QTRY_VERIFY_WITH_TIMEOUT(echoes(m_net + QStringLiteral(".3"), 8081), 10000);
    QVERIFY(echoes(m_net + QStringLiteral(".2"), 8080));
    const qint64 pidC = hosts().value(QStringLiteral("hostc")).pid;

    // Edit hostc's port: its agent moves the forward in place ("reconfigure.forwards"), hosta
    // moves its listener, hostb keeps running; nobody restarts.
    const mesh::MeshPlan edited = plan(manifestYaml(true, 8082));
    m_manager->updatePlan(edited.hosts, edited.routes);
    QTRY_VERIFY_WITH_TIMEOUT(echoes(m_net + QStringLiteral(".3"), 8082), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(refused(m_net + QStringLiteral(".3"), 8081), 5000);
    QVERIFY(allReady(3));
    QCOMPARE(hosts().value(QStringLiteral("hostc")).pid, pidC);
    QCOMPARE(hosts().value(QStringLiteral("hosta")).pid, pidA);
    QCOMPARE(hosts().value(QStringLiteral("hostb")).pid, pidB);

    // Remove hostc: the others stay, its port is no longer listened on.
    m_manager->updatePlan(first.hosts, first.routes);
    QTRY_VERIFY_WITH_TIMEOUT(allReady(2), 20000);
    QCOMPARE(hosts().value(QStringLiteral("hosta")).pid, pidA);
    QCOMPARE(hosts().value(QStringLiteral("hostb")).pid, pidB);
    QTRY_VERIFY_WITH_TIMEOUT(refused(m_net + QStringLiteral(".3"), 8082), 5000);
    QVERIFY(echoes(m_net + QStringLiteral(".2"), 8080));

    // hostb's own command changes: hostb restarts, hosta does not.
    const mesh::MeshPlan newCommand = plan(manifestYaml(false, 0, QStringLiteral("X_TEST=1")));
    m_manager->updatePlan(newCommand.hosts, newCommand.routes);
    QTRY_VERIFY_WITH_TIMEOUT(allReady(2) && hosts().value(QStringLiteral("hostb")).pid != pidB,
                             20000);
    QCOMPARE(hosts().value(QStringLiteral("hosta")).pid, pidA);
    QTRY_VERIFY_WITH_TIMEOUT(echoes(m_net + QStringLiteral(".2"), 8080), 10000);

    QSignalSpy stopped(m_manager.get(), &mesh::MeshManager::stopped);
    m_manager->stop();
    QVERIFY(!stopped.isEmpty() || stopped.wait(10000));
  }

  void agentWithoutReconfigureIsRestarted() {
    // NoRouter's agent cannot take a second configure request: the manager restarts it with
    // the new plan instead, and the new host's port works through it.
    QString norouter = qEnvironmentVariable("ROUTELESS_PEER_NOROUTER");
    if (norouter.isEmpty()) norouter = QStringLiteral("/work/shared/peers/norouter-0.6.5/norouter");
    if (!QFileInfo(norouter).isExecutable())
      QSKIP("NoRouter 0.6.5 not found (ROUTELESS_PEER_NOROUTER): no foreign agent to check");
    m_manager = std::make_unique<mesh::MeshManager>();
    const mesh::MeshPlan first = plan(manifestYaml(false, 0, {}, norouter));
    m_manager->setPlan(first.hosts, first.routes);
    m_manager->start();
    QTRY_VERIFY_WITH_TIMEOUT(allReady(2), 20000);
    const qint64 pidA = hosts().value(QStringLiteral("hosta")).pid;
    const qint64 pidB = hosts().value(QStringLiteral("hostb")).pid;
    QVERIFY(!hosts()
                 .value(QStringLiteral("hosta"))
                 .agentFeatures.contains(QStringLiteral("reconfigure")));
    const mesh::MeshPlan added = plan(manifestYaml(true, 8083, {}, norouter));
    m_manager->updatePlan(added.hosts, added.routes);
    QTRY_VERIFY_WITH_TIMEOUT(allReady(3) && hosts().value(QStringLiteral("hosta")).pid != pidA,
                             20000);
    QCOMPARE(hosts().value(QStringLiteral("hostb")).pid, pidB);  // ours: reconfigured
    QTRY_VERIFY_WITH_TIMEOUT(echoes(m_net + QStringLiteral(".3"), 8083), 10000);
    QSignalSpy stopped(m_manager.get(), &mesh::MeshManager::stopped);
    m_manager->stop();
    QVERIFY(!stopped.isEmpty() || stopped.wait(10000));
  }

  // hosta (loopback, `aCommand` when given), hostb (`bCommand` when given) forwarding 8090 and,
  // unless stopped, 8091 to echo B, and hostc forwarding 8092 to echo C, with an HTTP proxy on
  // 127.0.0.1:`httpPort` when given.
  QByteArray forwardsYaml(bool with8091, const QString &aCommand = {}, const QString &bCommand = {},
                          quint16 httpPort = 0) {
    const QString cmd = QStringLiteral("    cmd: [\"%1\"]\n");
    QString yaml =
        QStringLiteral("hosts:\n  hosta:\n    vip: \"%1.1\"\n    stateDir: {disable: true}\n")
            .arg(m_net);
    if (!aCommand.isEmpty()) yaml += cmd.arg(aCommand);
    yaml += QStringLiteral(
                "  hostb:\n    vip: \"%1.2\"\n    loopback: {disable: true}\n"
                "    stateDir: {disable: true}\n    ports: [\"8090:127.0.0.1:%2\"%3]\n")
                .arg(m_net)
                .arg(m_echoB.serverPort())
                .arg(with8091 ? QStringLiteral(", \"8091:127.0.0.1:%1\"").arg(m_echoB.serverPort())
                              : QString());
    if (!bCommand.isEmpty()) yaml += cmd.arg(bCommand);
    yaml += QStringLiteral(
                "  hostc:\n    vip: \"%1.3\"\n    loopback: {disable: true}\n"
                "    stateDir: {disable: true}\n    ports: [\"8092:127.0.0.1:%2\"]\n")
                .arg(m_net)
                .arg(m_echoC.serverPort());
    if (httpPort) yaml += QStringLiteral("    http: {listen: \"127.0.0.1:%1\"}\n").arg(httpPort);
    return yaml.toUtf8();
  }

  // Whether something accepts a TCP connection on ip:port.
  static bool accepts(const QString &ip, quint16 port) {
    QTcpSocket s;
    s.connectToHost(ip, port);
    return s.waitForConnected(3000);
  }

  QHash<QString, qint64> pids() const {
    QHash<QString, qint64> out;
    for (const auto &h : m_manager->snapshot().hosts) out.insert(h.name, h.pid);
    return out;
  }

  void stopAndStartOneForwardInPlace() {
    // A forward stopped and started again (the app's tray): with our agents every host keeps
    // its process; the owner closes the port in its stack and hosta stops listening for it.
    m_manager = std::make_unique<mesh::MeshManager>();
    const mesh::MeshPlan all = plan(forwardsYaml(true));
    m_manager->setPlan(all.hosts, all.routes);
    m_manager->start();
    QTRY_VERIFY_WITH_TIMEOUT(allReady(3), 20000);
    QVERIFY(hosts()
                .value(QStringLiteral("hostb"))
                .agentFeatures.contains(QLatin1String(agent::kReconfigureForwardsFeature)));
    const auto before = pids();
    const QString b = m_net + QStringLiteral(".2"), c = m_net + QStringLiteral(".3");
    QTRY_VERIFY_WITH_TIMEOUT(echoes(b, 8091), 10000);
    const mesh::MeshPlan stopped = plan(forwardsYaml(false));
    m_manager->updatePlan(stopped.hosts, stopped.routes,
                          mesh::MeshManager::OthersPolicy::KeepRunning);
    QTRY_VERIFY_WITH_TIMEOUT(refused(b, 8091), 10000);
    QVERIFY(echoes(b, 8090));
    QVERIFY(echoes(c, 8092));
    QCOMPARE(pids(), before);
    for (const auto &h : m_manager->snapshot().hosts) QCOMPARE(h.restarts, 0);
    m_manager->updatePlan(all.hosts, all.routes, mesh::MeshManager::OthersPolicy::KeepRunning);
    QTRY_VERIFY_WITH_TIMEOUT(echoes(b, 8091), 10000);
    QVERIFY(echoes(b, 8090));
    QVERIFY(echoes(c, 8092));
    QCOMPARE(pids(), before);

    // A proxy, started and stopped the same way: hostc opens and closes its listener in place.
    const quint16 httpPort = net::freeTcpPort();
    const mesh::MeshPlan proxied = plan(forwardsYaml(true, {}, {}, httpPort));
    m_manager->updatePlan(proxied.hosts, proxied.routes,
                          mesh::MeshManager::OthersPolicy::KeepRunning);
    QTRY_VERIFY_WITH_TIMEOUT(accepts(QStringLiteral("127.0.0.1"), httpPort), 10000);
    m_manager->updatePlan(all.hosts, all.routes, mesh::MeshManager::OthersPolicy::KeepRunning);
    QTRY_VERIFY_WITH_TIMEOUT(refused(QStringLiteral("127.0.0.1"), httpPort), 10000);
    QVERIFY(echoes(c, 8092));
    QCOMPARE(pids(), before);
    QSignalSpy done(m_manager.get(), &mesh::MeshManager::stopped);
    m_manager->stop();
    QVERIFY(!done.isEmpty() || done.wait(10000));
  }

  void stopOneForwardWithNoRouterAgents() {
    // NoRouter 0.6.5's agent takes one configure request. As the owner of the forward it is
    // restarted (that host only); as another host it keeps running with its old list, so the
    // port still accepts there but carries nothing, and nobody else restarts.
    QString norouter = qEnvironmentVariable("ROUTELESS_PEER_NOROUTER");
    if (norouter.isEmpty()) norouter = QStringLiteral("/work/shared/peers/norouter-0.6.5/norouter");
    if (!QFileInfo(norouter).isExecutable())
      QSKIP("NoRouter 0.6.5 not found (ROUTELESS_PEER_NOROUTER): no foreign agent to check");
    const QString b = m_net + QStringLiteral(".2"), c = m_net + QStringLiteral(".3");
    {  // hostb, the owner, is NoRouter's: it restarts without 8091, hosta and hostc do not.
      m_manager = std::make_unique<mesh::MeshManager>();
      const mesh::MeshPlan all = plan(forwardsYaml(true, {}, norouter));
      m_manager->setPlan(all.hosts, all.routes);
      m_manager->start();
      QTRY_VERIFY_WITH_TIMEOUT(allReady(3), 20000);
      QTRY_VERIFY_WITH_TIMEOUT(echoes(b, 8091), 10000);
      const auto before = pids();
      const mesh::MeshPlan stopped = plan(forwardsYaml(false, {}, norouter));
      m_manager->updatePlan(stopped.hosts, stopped.routes,
                            mesh::MeshManager::OthersPolicy::KeepRunning);
      QTRY_VERIFY_WITH_TIMEOUT(
          allReady(3) && pids().value(QStringLiteral("hostb")) != before.value("hostb"), 20000);
      QCOMPARE(pids().value(QStringLiteral("hosta")), before.value(QStringLiteral("hosta")));
      QCOMPARE(pids().value(QStringLiteral("hostc")), before.value(QStringLiteral("hostc")));
      QTRY_VERIFY_WITH_TIMEOUT(refused(b, 8091), 10000);
      QTRY_VERIFY_WITH_TIMEOUT(echoes(b, 8090), 10000);
      QVERIFY(echoes(c, 8092));
      QSignalSpy done(m_manager.get(), &mesh::MeshManager::stopped);
      m_manager->stop();
      QVERIFY(!done.isEmpty() || done.wait(10000));
    }
    {  // hosta, the one listening on the host, is NoRouter's: it keeps its agent and old list.
      m_manager = std::make_unique<mesh::MeshManager>();
      const mesh::MeshPlan all = plan(forwardsYaml(true, norouter));
      m_manager->setPlan(all.hosts, all.routes);
      m_manager->start();
      QTRY_VERIFY_WITH_TIMEOUT(allReady(3), 20000);
      QTRY_VERIFY_WITH_TIMEOUT(echoes(b, 8091), 10000);
      const auto before = pids();
      const mesh::MeshPlan stopped = plan(forwardsYaml(false, norouter));
      m_manager->updatePlan(stopped.hosts, stopped.routes,
                            mesh::MeshManager::OthersPolicy::KeepRunning);
      QTRY_VERIFY_WITH_TIMEOUT(!echoes(b, 8091), 10000);
      QVERIFY(echoes(b, 8090));
      QVERIFY(echoes(c, 8092));
      QCOMPARE(pids(), before);
      m_manager->updatePlan(all.hosts, all.routes, mesh::MeshManager::OthersPolicy::KeepRunning);
      QTRY_VERIFY_WITH_TIMEOUT(echoes(b, 8091), 10000);
      QCOMPARE(pids(), before);
      QSignalSpy done(m_manager.get(), &mesh::MeshManager::stopped);
      m_manager->stop();
      QVERIFY(!done.isEmpty() || done.wait(10000));
    }
  }

  void failingLauncherExplainsItself() {
    // An ssh that cannot resolve its host: the status keeps ssh's own line beside "exited with
    // status 255", and keeps both while the host restarts.
    const QByteArray yaml =
        QStringLiteral(
            "hosts:\n"
            "  far:\n"
            "    vip: \"%1.9\"\n"
            "    stateDir: {disable: true}\n"
            "    cmd: [\"sh\", \"-c\", \"echo 'vm: level=info msg=starting' >&2; "
            "echo 'ssh: Could not resolve hostname nowhere.invalid: Name or "
            "service not known' >&2; echo 'level=debug noise' >&2; exit 255\"]\n")
            .arg(m_net)
            .toUtf8();
    m_manager = std::make_unique<mesh::MeshManager>();
    const mesh::MeshPlan p = plan(yaml);
    m_manager->setPlan(p.hosts, p.routes);
    m_manager->start();
    QTRY_VERIFY_WITH_TIMEOUT(hosts().value(QStringLiteral("far")).restarts >= 2, 15000);
    const mesh::HostStatus far = hosts().value(QStringLiteral("far"));
    QCOMPARE(far.lastError, QStringLiteral("agent exited with status 255"));
    QCOMPARE(far.lastStderr, QStringLiteral("ssh: Could not resolve hostname nowhere.invalid: "
                                            "Name or service not known"));
    QSignalSpy stopped(m_manager.get(), &mesh::MeshManager::stopped);
    m_manager->stop();
    QVERIFY(!stopped.isEmpty() || stopped.wait(10000));
  }

  void cleanupTestCase() { m_manager.reset(); }
};

QTEST_GUILESS_MAIN(TestMeshUpdate)
#include "tst_mesh_update.moc"
