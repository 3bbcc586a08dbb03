// The speed test between two mesh hosts (the agents' "meshTest" extension), with real agents
// (routeless-node agent) run by the manager: latency and bytes both ways through the mesh,
// the refusals (NoRouter's own agent, an unknown host, a second test while one runs: refused,
// not queued), and the control plane: `routeless-node ctl meshTest` through the daemon and
// the node it starts.
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <optional>

#include "control/envelope.h"
#include "control/uiclient.h"
#include "control/uitoken.h"
#include "mesh/manifest.h"
#include "mesh/meshmanager.h"
#include "mesh/meshplan.h"
#include "testnet.h"

using namespace routeless;
using control::Envelope;

class TestMeshSpeedTest : public QObject {
  Q_OBJECT

  QString m_net;  // "127.0.N": a /24 of loopback no other test of this run uses
  std::unique_ptr<mesh::MeshManager> m_manager;

  // hosta runs `aCommand` when given (NoRouter's own agent).
  QByteArray manifestYaml(const QString &aCommand = {}) const {
    QString yaml = QStringLiteral(
                       "hosts:\n"
                       "  hosta:\n"
                       "    vip: \"%1.1\"\n"
                       "    stateDir: {disable: true}\n"
                       "  hostb:\n"
                       "    vip: \"%1.2\"\n"
                       "    stateDir: {disable: true}\n")
                       .arg(m_net);
    // NoRouter's agent on the same machine as ours: loopback off for it, as NoRouter's docs
    // do for two agents on one machine (both bind every VIP:10053 and NoRouter's fails its
    // whole configure on EADDRINUSE; ours only warns).
    if (!aCommand.isEmpty())
      yaml.replace(QStringLiteral("  hostb:\n"),
                   QStringLiteral("    cmd: [\"%1\"]\n    loopback: {disable: true}\n  hostb:\n")
                       .arg(aCommand));
    return yaml.toUtf8();
  }

  void startMesh(const QByteArray &yaml) {
    const auto parsed = mesh::parseManifest(yaml, QStringLiteral("test.yaml"));
    if (const auto *e = std::get_if<mesh::ManifestError>(&parsed))
      qFatal("%s", qPrintable(e->toString()));
    const mesh::MeshPlan plan = mesh::planFromManifest(std::get<mesh::Manifest>(parsed),
                                                       QStringLiteral(ROUTELESS_NODE_BIN));
    m_manager = std::make_unique<mesh::MeshManager>();
    m_manager->setPlan(plan.hosts, plan.routes);
    m_manager->start();
  }

  bool allReady() const {
    const auto hosts = m_manager->snapshot().hosts;
    if (hosts.size() != 2) return false;
    for (const auto &h : hosts)
      if (h.state != mesh::HostState::Ready) return false;
    return true;
  }

  void stopMesh() {
    if (!m_manager) return;
    QSignalSpy stopped(m_manager.get(), &mesh::MeshManager::stopped);
    m_manager->stop();
    QVERIFY(!stopped.isEmpty() || stopped.wait(10000));
    m_manager.reset();
  }

  // Runs one test and waits for its outcome (refusals come at once); one that never comes is
  // a failure with that as its error.
  mesh::MeshTestOutcome runTest(const QString &from, const QString &to, int seconds) {
    std::optional<mesh::MeshTestOutcome> got;
    m_manager->startMeshTest(from, to, seconds,
                             [&got](const mesh::MeshTestOutcome &o) { got = o; });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, 90000)) {
      mesh::MeshTestOutcome never;
      never.failure = mesh::MeshTestOutcome::Failure::Failed;
      never.error = QStringLiteral("the test did not end within 90 s");
      return never;
    }
    return *got;
  }

  static void checkFigures(const agent::MeshTestFigures &f, int seconds) {
    QCOMPARE(f.connects, 5);
    QVERIFY(f.latencyMinUs > 0);
    QVERIFY(f.latencyMinUs <= f.latencyMedianUs && f.latencyMedianUs <= f.latencyMaxUs);
    QVERIFY2(f.upBytes > 0, "nothing arrived from hosta at hostb");
    QVERIFY2(f.downBytes > 0, "nothing arrived from hostb at hosta");
    // The sender writes for `seconds`: the step cannot take less (but a tick: the agent's
    // timers count whole milliseconds).
    QVERIFY(f.upMs >= seconds * 1000 - 10);
    QVERIFY(f.downMs >= seconds * 1000 - 10);
  }

 private Q_SLOTS:
  void initTestCase() {
    m_net = QStringLiteral("127.0.%1").arg(QRandomGenerator::global()->bounded(100, 250));
  }

  void cleanup() { stopMesh(); }

  void measuresBothWaysAndRefusesASecond() {
    startMesh(manifestYaml());
    QTRY_VERIFY_WITH_TIMEOUT(allReady(), 20000);
    const auto hosta = m_manager->snapshot().hosts.first();
    QVERIFY(hosta.agentFeatures.contains(QLatin1String(agent::kMeshTestFeature)));

    std::optional<mesh::MeshTestOutcome> first, second;
    m_manager->startMeshTest(QStringLiteral("hosta"), QStringLiteral("hostb"), 2,
                             [&first](const mesh::MeshTestOutcome &o) { first = o; });
    QVERIFY(m_manager->meshTestRunning());
    // One test at a time in the whole mesh: the second is refused at once, not queued.
    m_manager->startMeshTest(QStringLiteral("hostb"), QStringLiteral("hosta"), 2,
                             [&second](const mesh::MeshTestOutcome &o) { second = o; });
    QVERIFY(second.has_value());
    QCOMPARE(int(second->failure), int(mesh::MeshTestOutcome::Failure::Busy));
    QVERIFY2(second->error.contains(QLatin1String("already running")), qPrintable(second->error));

    QTRY_VERIFY_WITH_TIMEOUT(first.has_value(), 90000);
    QVERIFY2(first->error.isEmpty(), qPrintable(first->error));
    QCOMPARE(int(first->failure), int(mesh::MeshTestOutcome::Failure::None));
    checkFigures(first->figures, 2);
    QCOMPARE(first->path,
             (QStringList{QStringLiteral("hosta (%1.1)").arg(m_net), QStringLiteral("manager"),
                          QStringLiteral("hostb (%1.2)").arg(m_net)}));
    QVERIFY(first->upBitsPerSecond() > 0 && first->downBitsPerSecond() > 0);
    qInfo("hosta -> hostb: latency %lld/%lld/%lld us, up %.1f Mbit/s, down %.1f Mbit/s",
          (long long)first->figures.latencyMinUs, (long long)first->figures.latencyMedianUs,
          (long long)first->figures.latencyMaxUs, first->upBitsPerSecond() / 1e6,
          first->downBitsPerSecond() / 1e6);

    // Once it ended, the other direction runs.
    const auto back = runTest(QStringLiteral("hostb"), QStringLiteral("hosta"), 1);
    QVERIFY2(back.error.isEmpty(), qPrintable(back.error));
    checkFigures(back.figures, 1);
  }

  void refusesUnknownSameAndBadSeconds() {
    startMesh(manifestYaml());
    QTRY_VERIFY_WITH_TIMEOUT(allReady(), 20000);
    auto o = runTest(QStringLiteral("hosta"), QStringLiteral("nosuch"), 1);
    QCOMPARE(int(o.failure), int(mesh::MeshTestOutcome::Failure::UnknownHost));
    QCOMPARE(o.error, QStringLiteral("no host named \"nosuch\" in the mesh"));
    o = runTest(QStringLiteral("hosta"), QStringLiteral("hosta"), 1);
    QCOMPARE(int(o.failure), int(mesh::MeshTestOutcome::Failure::Refused));
    QVERIFY(o.error.contains(QLatin1String("two different hosts")));
    o = runTest(QStringLiteral("hosta"), QStringLiteral("hostb"), 31);
    QCOMPARE(int(o.failure), int(mesh::MeshTestOutcome::Failure::Refused));
    QVERIFY(o.error.contains(QLatin1String("seconds must be 1 to 30")));
    QVERIFY(!m_manager->meshTestRunning());
  }

  void refusesWhenStopped() {
    startMesh(manifestYaml());
    stopMesh();
    mesh::MeshManager idle;
    std::optional<mesh::MeshTestOutcome> o;
    idle.startMeshTest(QStringLiteral("hosta"), QStringLiteral("hostb"), 1,
                       [&o](const mesh::MeshTestOutcome &r) { o = r; });
    QVERIFY(o);
    QCOMPARE(o->error, QStringLiteral("the mesh is not running"));
  }

  void refusesNoRouterAgent() {
    const QString norouter = testnet::findNorouter();
    if (norouter.isEmpty())
      QSKIP("NoRouter 0.6.5 not found (ROUTELESS_PEER_NOROUTER): no foreign agent to check");
    startMesh(manifestYaml(norouter));
    QTRY_VERIFY_WITH_TIMEOUT(allReady(), 20000);
    for (const auto &[from, to] : {std::pair{QStringLiteral("hosta"), QStringLiteral("hostb")},
                                   std::pair{QStringLiteral("hostb"), QStringLiteral("hosta")}}) {
      const auto o = runTest(from, to, 1);
      QCOMPARE(int(o.failure), int(mesh::MeshTestOutcome::Failure::Refused));
      // The version is the one the agent reports ("0.6.5", or "0.6.5+dev" for a source build).
      QVERIFY2(o.error.startsWith(QLatin1String("hosta runs NoRouter 0.6.5")) &&
                   o.error.endsWith(QLatin1String("'s agent, which has no speed test")),
               qPrintable(o.error));
    }
  }

  void ctlThroughDaemon() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.remove(QStringLiteral("ROUTELESS_UI_TOKEN_FILE"));
    const quint16 port = testnet::freePort();
    QProcess daemon;
    daemon.setProcessEnvironment(env);
    daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    daemon.start(QStringLiteral(ROUTELESS_NODE_BIN),
                 {QStringLiteral("daemon"), QStringLiteral("--ui-port"), QString::number(port)});
    QVERIFY(daemon.waitForStarted());
    auto stopDaemon = qScopeGuard([&daemon] {
      daemon.terminate();
      if (!daemon.waitForFinished(10000)) daemon.kill();
    });
    const QString tokenFile = dir.filePath(QStringLiteral("config/routeless/ui-token"));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(tokenFile), 10000);
    QString error;
    const auto token = control::UiTokenFile::read(tokenFile, &error);
    QVERIFY2(token, qPrintable(error));

    control::UiClient ui;
    ui.setToken(*token);
    QTRY_VERIFY_WITH_TIMEOUT(ui.connectTo(port, 1000, &error), 10000);
    auto r = ui.transact(QStringLiteral("start"), {}, 20000, &error);
    QVERIFY2(r && !r->error, qPrintable(r && r->error ? r->error->message : error));
    ui.setFollowRedirects(true);
    r = ui.transact(QStringLiteral("profileImport"),
                    {{QStringLiteral("text"), QString::fromUtf8(manifestYaml())},
                     {QStringLiteral("format"), QStringLiteral("norouter")},
                     {QStringLiteral("start"), true}},
                    20000, &error);
    QVERIFY2(r && !r->error, qPrintable(r && r->error ? r->error->message : error));
    auto ready = [&ui] {
      QString why;
      const auto h = ui.transact(QStringLiteral("hosts"), {}, 5000, &why);
      if (!h || !h->payload) return false;
      const QJsonArray hosts = h->payload->value(QStringLiteral("hosts")).toArray();
      if (hosts.size() != 2) return false;
      for (const QJsonValue &v : hosts)
        if (v.toObject().value(QStringLiteral("state")).toString() != QStringLiteral("ready"))
          return false;
      return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(ready(), 30000);

    auto ctl = [&](const QString &payload, QJsonObject *out) {
      QProcess p;
      p.setProcessEnvironment(env);
      p.start(QStringLiteral(ROUTELESS_NODE_BIN),
              {QStringLiteral("ctl"), QStringLiteral("--ui-port"), QString::number(port),
               QStringLiteral("meshTest"), payload});
      if (!p.waitForFinished(120000)) return -1;
      *out = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
      return p.exitCode();
    };
    QJsonObject out;
    QCOMPARE(ctl(QStringLiteral(R"({"from":"hosta","to":"hostb","seconds":1})"), &out), 0);
    const QJsonObject result = out.value(QStringLiteral("payload")).toObject();
    QCOMPARE(result.value(QStringLiteral("from")).toString(), QStringLiteral("hosta"));
    QCOMPARE(result.value(QStringLiteral("connects")).toInt(), 5);
    QVERIFY(result.value(QStringLiteral("latencyMedianUs")).toDouble() > 0);
    QVERIFY(result.value(QStringLiteral("upBytes")).toDouble() > 0);
    QVERIFY(result.value(QStringLiteral("downBytes")).toDouble() > 0);
    QVERIFY(result.value(QStringLiteral("upBitsPerSecond")).toDouble() > 0);
    QVERIFY(result.value(QStringLiteral("downBitsPerSecond")).toDouble() > 0);
    QCOMPARE(result.value(QStringLiteral("path")).toArray().size(), 3);

    // Refusals carry the protocol's error codes and the reason.
    QCOMPARE(ctl(QStringLiteral(R"({"from":"hosta","to":"nosuch"})"), &out), 1);
    const QByteArray raw = QJsonDocument(out).toJson(QJsonDocument::Compact);
    QVERIFY2(raw.contains("no host named \\\"nosuch\\\""), raw.constData());
    QCOMPARE(ctl(QStringLiteral(R"({"from":"hosta"})"), &out), 1);
    QVERIFY(QJsonDocument(out).toJson().contains("\\\"to\\\" must be a non-empty string"));
    QCOMPARE(ctl(QStringLiteral(R"({"from":"hosta","to":"hostb","seconds":"x"})"), &out), 1);
    QVERIFY(QJsonDocument(out).toJson().contains("whole number"));

    ui.transact(QStringLiteral("shutdown"), {}, 5000, &error);
  }
};

QTEST_GUILESS_MAIN(TestMeshSpeedTest)
#include "tst_mesh_speedtest.moc"
