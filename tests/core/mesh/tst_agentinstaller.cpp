// Tests core/mesh/agentbuilds.cpp and agentinstaller.cpp without a host or a process: target
// names from `uname -sm`, builds found and hashed, ssh quoting, and the manifest's zeroInstall
// key reaching the plan (the scripts themselves run in tests/integration/tst_zeroinstall.cpp).
#include <QtTest>

#include "mesh/agentbuilds.h"
#include "mesh/agentinstaller.h"
#include "mesh/manifest.h"
#include "mesh/meshplan.h"

using namespace routeless::mesh;

class TestAgentInstaller : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void targetsFromUname_data() {
    QTest::addColumn<QString>("uname");
    QTest::addColumn<QString>("target");
    QTest::newRow("x86-64") << "Linux x86_64"
                            << "linux-x86_64";
    QTest::newRow("arm64") << "Linux aarch64"
                           << "linux-arm64";
    QTest::newRow("bsd amd64") << "FreeBSD amd64"
                               << "freebsd-x86_64";
    QTest::newRow("mac") << "Darwin arm64"
                         << "darwin-arm64";
    QTest::newRow("trailing newline") << "Linux x86_64\n"
                                      << "linux-x86_64";
    QTest::newRow("one word") << "Linux"
                              << "";
    QTest::newRow("empty") << ""
                           << "";
  }
  void targetsFromUname() {
    QFETCH(QString, uname);
    QFETCH(QString, target);
    QCOMPARE(AgentBuilds::targetForUname(uname), target);
  }

  void buildsAreFoundAndHashed() {
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("linux-arm64")));
    QDir().mkpath(dir.filePath(QStringLiteral("windows-x86_64")));
    QDir().mkpath(dir.filePath(QStringLiteral("empty-dir")));
    QFile f(dir.filePath(QStringLiteral("linux-arm64/routeless-agent")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("abc");
    f.close();
    QFile w(dir.filePath(QStringLiteral("windows-x86_64/routeless-agent.exe")));
    QVERIFY(w.open(QIODevice::WriteOnly));
    w.close();
    const AgentBuilds builds(dir.path());
    QCOMPARE(builds.targets(), QStringList{QStringLiteral("linux-arm64")});  // sh hosts only
    const auto b = builds.forTarget(QStringLiteral("linux-arm64"));
    QVERIFY(b);
    QCOMPARE(b->size, 3);
    QCOMPARE(b->sha256,
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(b->cacheName(), QByteArray("routeless-agent-ba7816bf8f01cfea"));
    QVERIFY(!builds.forTarget(QStringLiteral("linux-x86_64")));
  }

  void sshGetsTheScriptQuoted() {
    const QString script = QStringLiteral("echo 'a b'");
    QCOMPARE(AgentInstaller::shellCommand({}, script),
             (QStringList{QStringLiteral("sh"), QStringLiteral("-c"), script}));
    QCOMPARE(AgentInstaller::shellCommand({QStringLiteral("docker"), QStringLiteral("exec"),
                                           QStringLiteral("-i"), QStringLiteral("c")},
                                          script)
                 .last(),
             script);
    QCOMPARE(
        AgentInstaller::shellCommand(
            {QStringLiteral("/usr/bin/ssh"), QStringLiteral("me@h"), QStringLiteral("--")}, script)
            .last(),
        QStringLiteral("'echo '\\''a b'\\'''"));
  }

  void manifestKeyReachesThePlan() {
    const QByteArray yaml =
        "hostTemplate: {zeroInstall: true}\n"
        "hosts:\n"
        "  a: {vip: 127.0.42.1, cmd: [ssh, me@a, --, routeless-agent]}\n"
        "  b: {vip: 127.0.42.2, cmd: [routeless-agent], zeroInstall: false}\n"
        "  c: {vip: 127.0.42.3}\n";
    const ManifestResult r = parseManifest(yaml, QStringLiteral("z.yaml"));
    const auto *m = std::get_if<Manifest>(&r);
    QVERIFY(m);
    QVERIFY(m->warnings.isEmpty());
    QVERIFY(m->hosts[0].zeroInstall && !m->hosts[1].zeroInstall && m->hosts[2].zeroInstall);
    const ManifestResult back = parseManifest(toYaml(*m), QStringLiteral("w.yaml"));
    QVERIFY(std::get<Manifest>(back).sameAs(*m));

    const MeshPlan plan = planFromManifest(*m, QStringLiteral("/x/routeless-agent"));
    QVERIFY(plan.hosts[0].zeroInstall);
    QCOMPARE(plan.hosts[0].transport,
             (QStringList{QStringLiteral("ssh"), QStringLiteral("me@a"), QStringLiteral("--")}));
    QCOMPARE(plan.hosts[0].agentName, QStringLiteral("routeless-agent"));
    QVERIFY(!plan.hosts[1].zeroInstall);
    QVERIFY(plan.hosts[2].transport.isEmpty());  // this machine
    QCOMPARE(plan.hosts[2].agentName, QStringLiteral("routeless-agent"));

    const ManifestResult bad =
        parseManifest("hosts: {a: {vip: 127.0.42.1, zeroInstall: maybe}}\n", QStringLiteral("b"));
    QVERIFY(std::get_if<ManifestError>(&bad));
  }
};

QTEST_GUILESS_MAIN(TestAgentInstaller)
#include "tst_agentinstaller.moc"
