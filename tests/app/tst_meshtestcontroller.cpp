// HostsController's per-host services and speed test, without engines: the proxies (with the
// URLs a client is given), DNS, UDP forwards and learned routes each host lists; the speed
// test refused when the profile is not connected or nothing runs; and the result card's text
// (SpeedTestView) for a finished test.
#include <QGuiApplication>
#include <QSignalSpy>
#include <QtTest>

#include "app.h"
#include "connectioncontroller.h"
#include "hostscontroller.h"
#include "profilescontroller.h"
#include "speedtestview.h"

using namespace routeless;
using namespace routeless::desktop;

namespace {

QVariantMap find(const QVariantList &services, const QString &kind, int nth = 0) {
  for (const QVariant &v : services) {
    const QVariantMap m = v.toMap();
    if (m.value(QStringLiteral("kind")).toString() == kind && nth-- == 0) return m;
  }
  return {};
}

}  // namespace

class TestMeshTestController : public QObject {
  Q_OBJECT

  std::unique_ptr<QTemporaryDir> m_dir;
  std::unique_ptr<App> m_app;

  App &fresh() {
    m_app.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    App::Options o;
    o.configDir = m_dir->filePath(QStringLiteral("config"));
    o.autostartDir = m_dir->filePath(QStringLiteral("autostart"));
    o.nodeProgram = QStringLiteral(ROUTELESS_NODE_BIN);
    o.startEngines = false;
    m_app = std::make_unique<App>(o);
    m_app->startUp();  // the demo profile, shown and connected (nothing runs)
    return *m_app;
  }

  QVariantList servicesOf(const QString &host) const {
    return m_app->hosts()->services().value(host).toList();
  }

 private Q_SLOTS:
  void demoHostsListTheirDns() {
    App &a = fresh();
    QCOMPARE(find(servicesOf(QStringLiteral("alpha")), QStringLiteral("dns"))
                 .value(QStringLiteral("copy"))
                 .toString(),
             QStringLiteral("127.0.42.1:10053"));
    QCOMPARE(find(servicesOf(QStringLiteral("beta")), QStringLiteral("dns"))
                 .value(QStringLiteral("value"))
                 .toString(),
             QStringLiteral("127.0.42.2:10053"));
    QVERIFY(find(servicesOf(QStringLiteral("alpha")), QStringLiteral("socks")).isEmpty());
    QCOMPARE(a.hosts()->otherHosts(QStringLiteral("alpha")), QStringList{QStringLiteral("beta")});
  }

  void proxiesAndUdpForwardsFromTheProfile() {
    App &a = fresh();
    profiles::Profile p = *a.profiles()->profile(QStringLiteral("local-demo"));
    p.mesh.hosts[0].socksListen = QStringLiteral("127.0.0.1:1080");
    p.mesh.hosts[0].httpListen = QStringLiteral("127.0.0.1:8118");
    mesh::PortSpec udp;
    udp.listenPort = 5353;
    udp.connectHost = QStringLiteral("127.0.0.1");
    udp.connectPort = 53;
    udp.proto = QStringLiteral("udp");
    p.mesh.hosts[1].ports.append(udp);
    QSignalSpy changed(a.hosts(), &HostsController::servicesChanged);
    QCOMPARE(a.profiles()->save(p), QString());
    QVERIFY(!changed.isEmpty());
    const QVariantList alpha = servicesOf(QStringLiteral("alpha"));
    // Proxies first, SOCKS before HTTP; socks5h so that the proxy resolves mesh names.
    QCOMPARE(alpha.first().toMap().value(QStringLiteral("kind")).toString(),
             QStringLiteral("socks"));
    QCOMPARE(find(alpha, QStringLiteral("socks")).value(QStringLiteral("copy")).toString(),
             QStringLiteral("socks5h://127.0.0.1:1080"));
    QCOMPARE(find(alpha, QStringLiteral("http")).value(QStringLiteral("copy")).toString(),
             QStringLiteral("http://127.0.0.1:8118"));
    const QVariantMap u = find(servicesOf(QStringLiteral("beta")), QStringLiteral("udp"));
    QCOMPARE(u.value(QStringLiteral("copy")).toString(), QStringLiteral("127.0.42.2:5353"));
    QCOMPARE(u.value(QStringLiteral("value")).toString(),
             QStringLiteral("127.0.42.2:5353 → 127.0.0.1:53"));
    // The TCP forward of the demo is not a UDP one.
    QVERIFY(find(servicesOf(QStringLiteral("beta")), QStringLiteral("udp"), 1).isEmpty());
  }

  void learnedRoutesUnderTheirHost() {
    App &a = fresh();
    mesh::MeshSnapshot s;
    s.running = true;
    s.hosts = a.connection()->lastMesh().hosts;
    s.routes = {
        {QStringLiteral("127.0.42.1"), QStringLiteral("127.0.42.1"), QStringLiteral("vip")},
        {QStringLiteral("10.1.2.3"), QStringLiteral("127.0.42.2"), QStringLiteral("learned")},
        {QStringLiteral("10.0.0.0/8"), QStringLiteral("127.0.42.2"), QStringLiteral("cidr")}};
    QSignalSpy changed(a.hosts(), &HostsController::servicesChanged);
    a.connection()->applyMeshSnapshot(s);
    QCOMPARE(changed.size(), 1);
    const QVariantMap route = find(servicesOf(QStringLiteral("beta")), QStringLiteral("route"));
    QCOMPARE(route.value(QStringLiteral("value")).toString(),
             QStringLiteral("10.1.2.3 via this host"));
    QCOMPARE(route.value(QStringLiteral("copy")).toString(), QString());
    QVERIFY(find(servicesOf(QStringLiteral("beta")), QStringLiteral("route"), 1).isEmpty());
    QVERIFY(find(servicesOf(QStringLiteral("alpha")), QStringLiteral("route")).isEmpty());
    // The same table again changes nothing: no signal.
    a.connection()->applyMeshSnapshot(s);
    QCOMPARE(changed.size(), 1);
  }

  void speedTestRefusedWhenNothingRuns() {
    App &a = fresh();
    QSignalSpy changed(a.hosts(), &HostsController::speedTestChanged);
    a.hosts()->testSpeed(QStringLiteral("alpha"), QStringLiteral("beta"));
    // Shown as running at once, then refused by the connection (no engines here).
    QCOMPARE(a.hosts()->speedTest().value(QStringLiteral("running")).toBool(), true);
    QTRY_COMPARE(changed.size(), 2);
    const QVariantMap v = a.hosts()->speedTest();
    QCOMPARE(v.value(QStringLiteral("running")).toBool(), false);
    QCOMPARE(v.value(QStringLiteral("error")).toString(),
             QStringLiteral("the mesh is not running"));
    QCOMPARE(v.value(QStringLiteral("from")).toString(), QStringLiteral("alpha"));

    // Not connected: refused without asking the engine.
    a.connection()->disconnectProfile();
    a.hosts()->testSpeed(QStringLiteral("alpha"), QStringLiteral("beta"));
    QCOMPARE(a.hosts()->speedTest().value(QStringLiteral("error")).toString(),
             QStringLiteral("connect the profile first"));
    a.hosts()->clearSpeedTest();
    QVERIFY(a.hosts()->speedTest().isEmpty());
  }

  void resultCardText() {
    mesh::MeshTestOutcome o;
    o.from = QStringLiteral("alpha");
    o.to = QStringLiteral("beta");
    o.path = {QStringLiteral("alpha (127.0.42.1)"), QStringLiteral("manager"),
              QStringLiteral("beta (127.0.42.2)")};
    o.figures = {5, 120, 150, 900, 1000000, 5000, 2000000000, 5000};
    const QVariantMap v = SpeedTestView::finished(o);
    QCOMPARE(v.value(QStringLiteral("latency")).toString(),
             QStringLiteral("0.15 ms (min 0.12 ms, max 0.90 ms, 5 connects)"));
    QCOMPARE(v.value(QStringLiteral("up")).toString(), QStringLiteral("1.6 Mbit/s"));
    QCOMPARE(v.value(QStringLiteral("down")).toString(), QStringLiteral("3.20 Gbit/s"));
    QCOMPARE(v.value(QStringLiteral("path")).toString(),
             QStringLiteral("alpha (127.0.42.1) → manager → beta (127.0.42.2)"));
    QCOMPARE(v.value(QStringLiteral("error")).toString(), QString());
    QCOMPARE(SpeedTestView::bitRate(812e6), QStringLiteral("812 Mbit/s"));
    QCOMPARE(SpeedTestView::bitRate(800e3), QStringLiteral("800 kbit/s"));
    QCOMPARE(SpeedTestView::latency(12400), QStringLiteral("12 ms"));
    o.error = QStringLiteral("beta runs NoRouter 0.6.5's agent, which has no speed test");
    const QVariantMap failed = SpeedTestView::finished(o);
    QCOMPARE(failed.value(QStringLiteral("latency")).toString(), QString());
    QVERIFY(failed.value(QStringLiteral("status")).toString().endsWith(o.error));
  }
};

QTEST_MAIN(TestMeshTestController)
#include "tst_meshtestcontroller.moc"
