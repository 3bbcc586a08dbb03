// planForManifest: NoRouter's derivation of launch commands and configure requests, and a
// MeshEngine that starts and stops real local agents.
#include <QSignalSpy>
#include <QtTest>

#include "mesh/configurebuilder.h"
#include "meshengine.h"
#include "profiles/profile.h"

using namespace routeless;
using namespace routeless::desktop;

class TestMeshEngine : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void planFromDemo() {
    mesh::Manifest m = profiles::demoProfile().mesh;
    m.hosts[0].cmd = {QStringLiteral("ssh"), QStringLiteral("me@h"), QStringLiteral("--"),
                      QStringLiteral("routeless-node")};
    m.hosts[0].aliases = {QStringLiteral("alpha.lan")};
    mesh::RouteSpec r;
    r.via = QStringLiteral("beta");
    r.toCidr = {QStringLiteral("10.0.0.0/8")};
    m.routes.append(r);
    const mesh::MeshPlan plan = mesh::planFromManifest(m, QStringLiteral("/x/routeless-node"));
    QCOMPARE(plan.hosts.size(), 2);
    const mesh::HostPlan &a = plan.hosts[0];
    const mesh::HostPlan &b = plan.hosts[1];
    QCOMPARE(a.program, QStringLiteral("ssh"));
    QCOMPARE(a.arguments, (QStringList{"me@h", "--", "routeless-node", "agent", "--automated"}));
    QCOMPARE(b.program, QStringLiteral("/x/routeless-node"));
    QCOMPARE(b.arguments, (QStringList{"agent", "--automated"}));
    // beta's port is beta's forward and alpha's "other". The plans share one MeshConfigure,
    // which adds the others, the name map and the name servers to each host's own settings.
    QVERIFY(a.mesh && a.mesh == b.mesh);
    const agent::ConfigureArgs aArgs = a.mesh->args(a.meshIndex);
    const agent::ConfigureArgs bArgs = b.mesh->args(b.meshIndex);
    QCOMPARE(bArgs.forwards.size(), 1);
    QCOMPARE(bArgs.forwards[0].listenPort, profiles::kDemoForwardPort);
    QCOMPARE(aArgs.forwards.size(), 0);
    QCOMPARE(aArgs.others.size(), 1);
    QCOMPARE(aArgs.others[0].ip, "127.0.42.2");
    QCOMPARE(bArgs.others.size(), 0);
    QVERIFY(bArgs.loopbackDisable);
    QVERIFY(b.configure.loopbackDisable);
    QCOMPARE(aArgs.hostnameMap.at("alpha.lan"), "127.0.42.1");
    QCOMPARE(aArgs.nameServers.size(), 2);
    QCOMPARE(plan.routes.size(), 1);
    QCOMPARE(plan.routes[0].via, "127.0.42.2");
    QVERIFY(aArgs.routes == std::vector<agent::Route>(plan.routes.begin(), plan.routes.end()));
    QVERIFY(a.configure.routes == aArgs.routes);  // HostLink checks the agent's features by it
  }

  void runsTheDemoAgents() {
    MeshEngine engine;
    QSignalSpy snapshots(&engine, &MeshEngine::snapshotReady);
    engine.start(
        mesh::planFromManifest(profiles::demoProfile().mesh, QStringLiteral(ROUTELESS_NODE_BIN)));
    // Snapshots arrive once a second from the engine's thread; wait for both hosts Ready.
    bool ready = false;
    for (int i = 0; i < 40 && !ready; ++i) {
      if (!snapshots.wait(500)) continue;
      const auto snap = snapshots.last().at(0).value<mesh::MeshSnapshot>();
      ready = snap.hosts.size() == 2 && snap.hosts[0].state == mesh::HostState::Ready &&
              snap.hosts[1].state == mesh::HostState::Ready;
    }
    QVERIFY(ready);
    // The 1 Hz sampler runs on the engine's thread (not only snapshots on state changes).
    const int seen = snapshots.size();
    QTRY_VERIFY_WITH_TIMEOUT(snapshots.size() >= seen + 2, 3500);
    engine.shutdown();
    QVERIFY(!engine.isRunning());
  }
};

QTEST_GUILESS_MAIN(TestMeshEngine)
#include "tst_meshengine.moc"
