// StoppedForwards: the session's stopped forwards and proxies by key, and the manifest the mesh
// runs without them (the saved one is never changed).
#include <QtTest>

#include "stoppedforwards.h"

using namespace routeless;
using routeless::desktop::StoppedForwards;

namespace {

mesh::PortSpec port(quint16 listen, const QString &proto = QStringLiteral("tcp")) {
  mesh::PortSpec p;
  p.listenPort = listen;
  p.connectHost = QStringLiteral("127.0.0.1");
  p.connectPort = 80;
  p.proto = proto;
  return p;
}

mesh::Manifest twoHosts() {
  mesh::HostSpec a;
  a.name = QStringLiteral("alpha");
  a.vip = QStringLiteral("127.0.42.1");
  a.ports = {port(8080), port(8080, QStringLiteral("udp"))};
  a.httpListen = QStringLiteral("127.0.0.1:18080");
  a.socksListen = QStringLiteral("127.0.0.1:18081");
  mesh::HostSpec b;
  b.name = QStringLiteral("beta");
  b.vip = QStringLiteral("127.0.42.2");
  b.ports = {port(8080), port(9090)};
  mesh::Manifest m;
  m.hosts = {a, b};
  return m;
}

}  // namespace

class TestStoppedForwards : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void keysNameHostPortAndProtocol() {
    QCOMPARE(StoppedForwards::portKey(QStringLiteral("beta"), port(9090)),
             QStringLiteral("beta/9090/tcp"));
    QCOMPARE(StoppedForwards::portKey(QStringLiteral("beta"), port(9090, QStringLiteral("udp"))),
             QStringLiteral("beta/9090/udp"));
    QCOMPARE(StoppedForwards::httpKey(QStringLiteral("alpha")), QStringLiteral("alpha/http"));
    QCOMPARE(StoppedForwards::socksKey(QStringLiteral("alpha")), QStringLiteral("alpha/socks"));
    const mesh::Manifest m = twoHosts();
    QVERIFY(StoppedForwards::exists(m, QStringLiteral("alpha/8080/udp")));
    QVERIFY(StoppedForwards::exists(m, QStringLiteral("alpha/socks")));
    QVERIFY(!StoppedForwards::exists(m, QStringLiteral("beta/http")));  // beta has none
    QVERIFY(!StoppedForwards::exists(m, QStringLiteral("beta/9090/udp")));
    QVERIFY(!StoppedForwards::exists(m, QStringLiteral("gamma/8080/tcp")));
  }

  void applyLeavesOutOnlyWhatWasStopped() {
    StoppedForwards stopped;
    QVERIFY(stopped.stop(QStringLiteral("beta/8080/tcp")));
    QVERIFY(!stopped.stop(QStringLiteral("beta/8080/tcp")));  // already stopped
    QVERIFY(stopped.stop(QStringLiteral("alpha/http")));
    const mesh::Manifest saved = twoHosts();
    const mesh::Manifest running = stopped.apply(saved);
    // The same port number on alpha (tcp and udp) and beta's other port stay.
    QCOMPARE(running.hosts[0].ports.size(), 2);
    QCOMPARE(running.hosts[1].ports.size(), 1);
    QCOMPARE(running.hosts[1].ports[0].listenPort, quint16(9090));
    QVERIFY(running.hosts[0].httpListen.isEmpty());
    QCOMPARE(running.hosts[0].socksListen, QStringLiteral("127.0.0.1:18081"));
    QCOMPARE(saved.hosts[1].ports.size(), 2);  // a copy: the saved manifest is untouched
    QVERIFY(stopped.start(QStringLiteral("alpha/http")));
    QVERIFY(!stopped.start(QStringLiteral("alpha/http")));  // already running
    QCOMPARE(stopped.apply(saved).hosts[0].httpListen, QStringLiteral("127.0.0.1:18080"));
  }

  void pruneForgetsWhatTheProfileNoLongerHas() {
    StoppedForwards stopped;
    stopped.stop(QStringLiteral("beta/9090/tcp"));
    stopped.stop(QStringLiteral("beta/8080/tcp"));
    mesh::Manifest edited = twoHosts();
    edited.hosts[1].ports.removeLast();  // 9090 removed while stopped
    stopped.prune(edited);
    QVERIFY(!stopped.contains(QStringLiteral("beta/9090/tcp")));
    QVERIFY(stopped.contains(QStringLiteral("beta/8080/tcp")));
    // Added back later, it runs: the stop went with the old entry.
    QCOMPARE(stopped.apply(twoHosts()).hosts[1].ports.size(), 1);
    QCOMPARE(stopped.apply(twoHosts()).hosts[1].ports[0].listenPort, quint16(9090));
  }
};

QTEST_GUILESS_MAIN(TestStoppedForwards)
#include "tst_stoppedforwards.moc"
