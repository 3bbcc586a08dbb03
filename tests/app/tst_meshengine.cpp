// planForManifest: NoRouter's derivation of launch commands and configure requests, and a
// MeshEngine that starts and stops real local agents.
#include <QSignalSpy>
#include <QtTest>

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
    // beta's port is beta's forward and alpha's "other".
    QCOMPARE(b.configure.forwards.size(), 1);
    QCOMPARE(b.configure.forwards[0].listenPort, profiles::kDemoForwardPort);
    QCOMPARE(a.configure.forwards.size(), 0);
    QCOMPARE(a.configure.others.size(), 1);
    QCOMPARE(a.configure.others[0].ip, QStringLiteral("127.0.42.2"));
    QCOMPARE(b.configure.others.size(), 0);
    QVERIFY(b.configure.loopbackDisable);
    QCOMPARE(a.configure.hostnameMap.value(QStringLiteral("alpha.lan")),
             QStringLiteral("127.0.42.1"));
    QCOMPARE(a.configure.nameServers.size(), 2);
    QCOMPARE(plan.routes.size(), 1);
    QCOMPARE(plan.routes[0].via, QStringLiteral("127.0.42.2"));
    QCOMPARE(a.configure.routes, plan.routes);
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
